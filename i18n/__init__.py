"""A tiny catalogue of UI strings in French (first) and English.

Keys are dotted names (``home.title``); values may hold ``{placeholders}``. The catalogues are YAML files in
``i18n/`` so that a translator edits text, not code. A test checks that both have the same keys.

A text that shows a number of things has one form per plural category, written as a mapping:

    people:
      one: "{count} personne"
      other: "{count} personnes"

``translate("dashboard.people", lang, count=n)`` picks the form for ``n`` in ``lang`` (``plural_form``) and may
show it as ``{count}``. The flat catalogue keeps the forms as ordinary keys (``dashboard.people.one``), so every
check on texts (same keys in both languages, placeholders, typography) covers each form.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
LOCALES_DIR = Path(__file__).parent
# The CLDR categories French and English use for whole numbers; the one chosen for a count is `plural_form`.
PLURAL_FORMS = ("one", "other")


@cache
def catalogue(lang: str) -> dict[str, str]:
    with (LOCALES_DIR / f"{lang}.yaml").open(encoding="utf-8") as handle:
        nested = yaml.safe_load(handle) or {}
    return _flatten(nested)


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


def plural_form(lang: str, count: float) -> str:
    """CLDR's rule: French says « 0 réponse », « 1,5 réponse » (one below 2); English « 1 answer » only."""
    if lang == "fr":
        return "one" if 0 <= abs(count) < 2 else "other"
    return "one" if count == 1 else "other"


def plural_keys(lang: str) -> dict[str, dict[str, str]]:
    """The plural entries of a catalogue: key → {form: text}."""
    entries: dict[str, dict[str, str]] = {}
    for name, text in catalogue(lang).items():
        key, _, form = name.rpartition(".")
        if form in PLURAL_FORMS:
            entries.setdefault(key, {})[form] = text
    return {key: forms for key, forms in entries.items() if "other" in forms}


def _lookup(key: str, lang: str, count: Any) -> str | None:
    texts = catalogue(lang)
    if key in texts:
        return texts[key]
    form = plural_form(lang, count) if isinstance(count, int | float) else "other"
    return texts.get(f"{key}.{form}") or texts.get(f"{key}.other")


def translate(key: str, lang: str, **params: Any) -> str:
    """The text for ``key`` in ``lang``; a missing key shows itself rather than crashing a workshop.

    A plural entry takes its form from the ``count`` parameter (``other`` without one).
    """
    count = params.get("count")
    text = _lookup(key, lang, count) or _lookup(key, DEFAULT_LANGUAGE, count) or key
    return text.format(**params) if params else text


def normalise_language(value: object) -> str:
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE
