"""A tiny catalogue of UI strings in French (first) and English.

Keys are dotted names (``home.title``); values may hold ``{placeholders}``. The catalogues are YAML files in
``i18n/`` so that a translator edits text, not code. A test checks that both have the same keys.
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


def translate(key: str, lang: str, **params: Any) -> str:
    """The text for ``key`` in ``lang``; a missing key shows itself rather than crashing a workshop."""
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**params) if params else text


def normalise_language(value: object) -> str:
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE
