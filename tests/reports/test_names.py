"""Downloaded reports are named radar-<title>-<date>, with a title no system can misread."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.names import MAX_SLUG, report_file_name, slug

DAY = dt.date(2026, 3, 12)


def test_a_french_title_becomes_a_readable_ascii_name() -> None:
    title = "Conseil d’administration « L’Œuvre » : 12 mars"
    assert report_file_name(title, DAY, "pdf") == "radar-conseil-d-administration-l-oeuvre-12-mars-2026-03-12.pdf"


def test_a_title_of_nothing_but_signs_still_names_the_file() -> None:
    assert report_file_name("../../«»", DAY, "xlsx") == "radar-rapport-2026-03-12.xlsx"


@settings(deadline=None, max_examples=300)
@given(st.text())
def test_any_title_gives_a_safe_short_slug(title: str) -> None:
    name = slug(title)
    assert name and len(name) <= MAX_SLUG
    assert set(name) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not name.startswith("-") and not name.endswith("-") and "--" not in name
