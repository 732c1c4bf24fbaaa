"""The app shows the figures the JSON writes: same rounding (half up), decimal comma in French."""

from scoring.rounding import format_number, round_half_up


def test_half_up_like_a_spreadsheet_not_half_even() -> None:
    assert round_half_up(56.25, 1) == 56.3
    assert format_number(56.25, "fr") == "56,3"
    assert format_number(56.25, "en") == "56.3"


def test_consensus_to_three_decimals_stays_below_its_threshold() -> None:
    assert format_number(0.5965, "fr", 3) == "0,597"


def test_missing_value_text() -> None:
    assert format_number(None, "fr", missing="données insuffisantes") == "données insuffisantes"
