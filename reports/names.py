"""File names of downloaded reports: ``radar-<title>-<date>.pdf``, safe on every system and in every browser."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

MAX_SLUG = 60


def slug(text: str, fallback: str = "rapport") -> str:
    """« Conseil d’administration — L’Étoile » -> ``conseil-d-administration-l-etoile``: ASCII letters, digits
    and hyphens only, so that no title can name a folder (``../``), a device or a hidden file."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae"))
    # Accents go (é -> e); every other character that is not an ASCII letter or digit separates words (’ too).
    kept = "".join(c if c.isascii() and c.isalnum() else "-" for c in decomposed if not unicodedata.combining(c))
    words = re.sub("-+", "-", kept.lower()).strip("-")
    return words[:MAX_SLUG].rstrip("-") or fallback


def report_file_name(title: str, date: dt.date, extension: str) -> str:
    return f"radar-{slug(title)}-{date.isoformat()}.{extension}"
