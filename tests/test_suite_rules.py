"""The house rules of the test suite (DEVELOPERS.md, « House rules »), checked on the tests' source."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import settings

TESTS = Path(__file__).resolve().parent
SOURCES = {path: path.read_text(encoding="utf-8") for path in sorted(TESTS.rglob("*.py"))}
# Waiting for a server to start is not a measure of speed.
CLOCK_ALLOWED = {TESTS / "browser" / "server.py"}
APPTEST_WIDGETS = "button|radio|text_input|text_area|selectbox|multiselect|checkbox|toggle|slider|number_input"


def where(pattern: str, paths: dict[Path, str]) -> list[str]:
    return [
        f"{path.relative_to(TESTS.parent)}:{number}"
        for path, text in paths.items()
        for number, line in enumerate(text.splitlines(), start=1)
        if re.search(pattern, line)
    ]


def test_hypothesis_has_no_deadline() -> None:
    assert settings.default.deadline is None


def test_no_test_reads_a_clock() -> None:
    # A duration asserted in a test fails on a loaded machine and passes on a wrong one: bench/ measures speed.
    others = {path: text for path, text in SOURCES.items() if path not in CLOCK_ALLOWED and path != Path(__file__)}
    assert where(r"perf_counter\(|time\.time\(|monotonic\(|process_time\(", others) == []


def test_no_helper_is_imported_from_a_conftest() -> None:
    assert where(r"^from tests\..*conftest import|^import tests\..*conftest", SOURCES) == []


def test_app_tests_find_widgets_by_key_or_label_not_by_position() -> None:
    app_tests = {path: text for path, text in SOURCES.items() if path.parent.name == "app"}
    assert where(rf"\bapp\.({APPTEST_WIDGETS})\[\d+\]", app_tests) == []
