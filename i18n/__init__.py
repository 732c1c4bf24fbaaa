"""The one catalogue of texts, in French (first) and English: the interface, the command line and validation.

Keys are dotted names (``home.title``); values may hold ``{placeholders}``. The texts are YAML files in ``i18n/``
so that a translator edits text, not code:

- ``fr.yaml`` / ``en.yaml``: the app's screens (``home.*``, ``dashboard.*``, ...);
- ``fr.scoring.yaml`` / ``en.scoring.yaml``: what ``scoring`` says: ``validation.*`` (questionnaire files),
  ``responses.*`` (response files), ``cli.*`` (``python -m scoring``).

Every ``<lang>.yaml`` and ``<lang>.<part>.yaml`` of the folder is one catalogue, ``catalogue(lang)``; a key may be
defined in one file only. Tests check that both languages have the same keys, the same placeholders, plural forms
and French typography.

A text that shows a number of things has one form per plural category, written as a mapping:

    people:
      one: "{count} personne"
      other: "{count} personnes"

``translate("dashboard.people", lang, count=n)`` picks the form for ``n`` in ``lang`` (``plural_form``) and may
show it as ``{count}``. The flat catalogue keeps the forms as ordinary keys (``dashboard.people.one``), so every
check on texts (same keys in both languages, placeholders, typography) covers each form.

A parameter may itself be a text to translate: ``Text("validation.kind.int")`` is put in the same language as the
sentence around it (``YAML lit cette valeur comme un nombre entier``). This package imports nothing from the
project, so that ``scoring`` (pure) may use it.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
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
# libyaml when present: the command line reads the catalogue on its way to an error message.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKey(ValueError):
    """A key defined in two files of one language's catalogue: one would silently win."""


def catalogue_files(lang: str) -> list[Path]:
    """The files of one language's catalogue: ``<lang>.yaml`` first, then ``<lang>.<part>.yaml`` by name."""
    return [LOCALES_DIR / f"{lang}.yaml", *sorted(LOCALES_DIR.glob(f"{lang}.*.yaml"))]


@cache
def catalogue(lang: str) -> dict[str, str]:
    flat: dict[str, str] = {}
    origin: dict[str, str] = {}
    for path in catalogue_files(lang):
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            nested = yaml.load(handle, Loader=_Loader) or {}  # a safe loader, C or Python
        for key, text in _flatten(nested).items():
            if key in flat:
                raise DuplicateKey(f"{key!r} is defined in {origin[key]} and in {path.name}")
            flat[key], origin[key] = text, path.name
    return flat


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


@dataclass(frozen=True)
class Text:
    """A text named by its key, translated only when shown: a parameter of a message, or a message kept for later
    (a problem found in a file is worded in the language of whoever reads it)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def __call__(self, lang: str) -> str:
        return translate(self.key, lang, **self.params)


def has_text(key: str, lang: str = DEFAULT_LANGUAGE) -> bool:
    """Whether ``key`` names a text (or a plural entry) of the catalogue."""
    texts = catalogue(lang)
    return key in texts or f"{key}.other" in texts


def _lookup(key: str, lang: str, count: Any) -> str | None:
    texts = catalogue(lang)
    if key in texts:
        return texts[key]
    form = plural_form(lang, count) if isinstance(count, int | float) and not isinstance(count, bool) else "other"
    return texts.get(f"{key}.{form}") or texts.get(f"{key}.other")


def translate(key: str, lang: str, /, **params: Any) -> str:
    """The text for ``key`` in ``lang``; a missing key shows itself rather than crashing a workshop.

    A plural entry takes its form from the ``count`` parameter (``other`` without one). A parameter that is a
    :class:`Text` is translated into ``lang`` too. A placeholder with no parameter is left as written, so that a
    text and its caller out of step show a visible ``{name}`` rather than an error page.
    """
    count = params.get("count")
    text = _lookup(key, lang, count) or _lookup(key, DEFAULT_LANGUAGE, count) or key
    if not params:
        return text
    values = {name: value(lang) if isinstance(value, Text) else value for name, value in params.items()}
    try:
        return _FORMATTERS.get(lang, _FORMATTERS[DEFAULT_LANGUAGE]).vformat(text, (), values)
    except (IndexError, ValueError, AttributeError, TypeError):  # a malformed placeholder or format spec
        return text


class _LenientFormatter(string.Formatter):
    """``str.format`` that leaves an unknown ``{name}`` as it is written, and groups the digits of whole numbers
    from 10,000 up as the language does (« 1 048 576 octets », "1,048,576 bytes"); 2026 stays 2026."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def get_value(self, key: int | str, args: Any, kwargs: dict[str, Any]) -> Any:
        if isinstance(key, str) and key not in kwargs:
            return _Placeholder(key)
        return super().get_value(key, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> Any:
        if not format_spec and isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
            return format_integer(value, self.lang)
        return super().format_field(value, format_spec)


class _Placeholder:
    def __init__(self, name: str) -> None:
        self.name = name

    def __format__(self, spec: str) -> str:
        return "{" + self.name + (":" + spec if spec else "") + "}"

    def __getattr__(self, attribute: str) -> _Placeholder:
        return _Placeholder(f"{self.name}.{attribute}")

    def __getitem__(self, item: Any) -> _Placeholder:
        return _Placeholder(f"{self.name}[{item}]")


_FORMATTERS = {lang: _LenientFormatter(lang) for lang in LANGUAGES}


def format_integer(value: int, lang: str) -> str:
    """A whole number as each language groups its digits: « 20 971 520 » (narrow no-break spaces), "20,971,520"."""
    grouped = f"{value:,}"
    return grouped.replace(",", "\u202f") if lang == "fr" else grouped


def normalise_language(value: object) -> str:
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE
