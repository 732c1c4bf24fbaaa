"""Rounding for display and export, shared by the JSON, the app and the reports (no pandas: cheap to import)."""

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

_NOISE_DIGITS = Decimal("1e-9")


def round_half_up(value: float | None, digits: int) -> float | None:
    """Round like a spreadsheet's ROUND (62.25 -> 62.3), not like Python's round (62.25 -> 62.2).

    Float noise below 1e-9 is dropped first, so that 62.24999999999999 (a computed 62.25) also gives 62.3: a board
    comparing with a hand calculation must find the same figure.
    """
    if value is None:
        return None
    exact = Decimal(repr(float(value))).quantize(_NOISE_DIGITS, rounding=ROUND_HALF_EVEN)
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def format_number(value: float | None, lang: str, digits: int = 1, missing: str = "–") -> str:
    """A figure as a board reads it: rounded like the JSON, with a decimal comma in French."""
    rounded = round_half_up(value, digits)
    if rounded is None:
        return missing
    text = f"{rounded:.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text
