"""The text guards of ui/text.py: what a one-line text keeps, and what plain() does to Markdown.

How Streamlit's frontend renders plain()'s output is checked in a real browser by
tests/browser/test_text_rendering.py; here, the pure properties: clean_line leaves nothing that breaks or reorders
a line, and plain() only adds escapes and invisible word joiners, so that removing them gives back the text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ui.text import BIDI_CONTROLS, WORD_JOINER, clean_line, comment_problem, plain, split_lines

LINE_BREAKING = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def unescape(shown: str) -> str:
    """What plain() added, taken away: the backslash before ASCII punctuation and the word joiners."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", shown.replace(WORD_JOINER, ""))


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Conseil\x00 d’administration", "Conseil d’administration"),
        ("Café\x85Lumière", "Café Lumière"),  # NEL: one line, not two
        ("A\u2028B\u2029C", "A B C"),
        ("ACME \u202eRENNES\u202c", "ACME RENNES"),  # a right-to-left override would show « SENNER »
        ("\u2066isolé\u2069 \u200eLTR\u200f", "isolé LTR"),
        ("  tabs\tand   spaces  ", "tabs and spaces"),
        ("C1 \x9b control", "C1 control"),
        ("Saint-Étienne « Aide » à domicile", "Saint-Étienne « Aide » à domicile"),
    ],
)
def test_clean_line(typed: str, kept: str) -> None:
    assert clean_line(typed) == kept


@given(st.text())
@example("x\x85y\u2028z\u202e")
@settings(deadline=None)
def test_clean_line_leaves_one_line_without_controls_or_bidi_marks(typed: str) -> None:
    cleaned = clean_line(typed)
    assert len(cleaned.splitlines()) <= 1
    assert not set(cleaned) & set(LINE_BREAKING + BIDI_CONTROLS)
    assert not [c for c in cleaned if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F]
    assert cleaned == cleaned.strip()
    assert clean_line(cleaned) == cleaned  # idempotent: cleaning twice changes nothing


def test_split_lines_cuts_at_line_ends_only() -> None:
    assert split_lines("Café\x85Lumière\r\nAPF France handicap\r\n\n  \nADMR\rUDAF") == [
        "Café Lumière",
        "APF France handicap",
        "ADMR",
        "UDAF",
    ]


@pytest.mark.parametrize(
    "typed",
    [
        ":material/lock: Atelier",
        ":red[alerte] et :blue-background[fond]",
        "Bravo :smile: :+1:",
        "Budget $x^2$ et $$y$$",
        "**gras** _italique_ ~~barré~~ `code`",
        "[lien](https://exemple.org) <b>html</b> &amp;",
        "# titre",
        "a -> b <- c <-> d -- e >= f <= g ~= h",
        ":streamlit:",
        "www.exemple.org nom@exemple.org https://exemple.org",
    ],
)
def test_plain_breaks_every_markdown_and_streamlit_construct(typed: str) -> None:
    shown = plain(typed)
    assert unescape(shown) == typed
    # Streamlit's frontend looks for these in the raw source or in the parsed text; none may be left.
    parsed = unescape(shown.replace(WORD_JOINER, "\x01"))  # what the text nodes hold once escapes are resolved
    assert ":material/" not in shown
    assert not re.search(r":[\w+-][\w_+-]*:", parsed), "an emoji shortcode or :material_x: is left"
    assert not re.search(r":[a-z][a-z0-9-]*\[", parsed), "a colour or badge directive is left"
    assert not re.search(r"(?<!\\)\$", shown), "an unescaped dollar starts math"
    assert not re.search(r"->|<-|--|>=|<=|~=", parsed), "an arrow or dash replacement is left"
    assert not re.search(r"(?i)www\.|@\w", parsed), "an autolink is left"


@given(st.text())
@example(":material/lock:")
@example("\\:x\\")
@settings(deadline=None)
def test_plain_only_adds_escapes_and_word_joiners(typed: str) -> None:
    shown = plain(typed)
    assert unescape(shown) == typed.replace(WORD_JOINER, "")
    # Every ASCII punctuation character comes escaped: none is left once the escaped pairs are taken out.
    assert not re.search(r"[!-/:-@\[-`{-~]", re.sub(r"\\[!-/:-@\[-`{-~]", "", shown)), shown


def test_a_nul_in_a_comment_is_a_problem_of_its_own() -> None:
    assert comment_problem("Réunions\x00 trop rares") == "nul"
    assert comment_problem("Réunions\ntrop rares\t!") is None


def test_an_organisation_list_is_cut_at_line_ends_only() -> None:
    from ui.workshops import parse_organisations

    assert parse_organisations("Café\x85Lumière\nADMR \u202e35\u202c") == (["Café Lumière", "ADMR 35"], [])
