"""Band colours and words. Okabe & Ito's palette, readable by people with the common colour-vision deficiencies;
a band is never shown by its colour alone (a word and a symbol go with it)."""

from __future__ import annotations

from i18n import translate

BAND_COLOURS = {"priority": "#D55E00", "watch": "#E69F00", "strength": "#009E73", None: "#7F7F7F"}
BAND_SYMBOLS = {"priority": "▼", "watch": "●", "strength": "▲", None: "○"}
LINE_COLOUR = "#0072B2"
SPREAD_COLOUR = "rgba(86, 180, 233, 0.30)"


def band_label(band: str | None, lang: str) -> str:
    return translate(f"band.{band or 'none'}", lang)


def band_colour(band: str | None) -> str:
    return BAND_COLOURS.get(band, BAND_COLOURS[None])


def band_symbol(band: str | None) -> str:
    return BAND_SYMBOLS.get(band, BAND_SYMBOLS[None])
