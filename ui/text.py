"""Text typed by people (workshop titles, organisation names, comments): cleaned on input, shown as typed.

Two guards, one per direction:

- :func:`clean_line` on input, for one-line texts (a title, an organisation name): control characters go (a
  pasted NUL, a C1 control), the Unicode line and paragraph separators that would split the line elsewhere
  (U+2028, U+2029, U+0085 NEL) become spaces, the bidirectional controls that would make « ACME » read « EMCA »
  (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) go, and spaces collapse. :func:`split_lines` cuts a
  multi-line field (one organisation per line) on real line ends only.
- :func:`plain` when shown through anything that reads Markdown (``st.markdown``, titles, widget labels and
  options): the text is shown exactly as typed. Backslashes escape Markdown's ASCII punctuation; that is not
  enough for Streamlit, whose frontend replaces ``:material/…:`` in the raw source, turns ``:smile:`` shortcodes
  into emoji and ``->``, ``--``, ``>=`` into arrows and dashes in the parsed text, after escapes are resolved,
  and GitHub-style autolinks make links of ``www.x.org`` and ``a@b.org`` despite the escapes. A WORD JOINER
  (U+2060, invisible, and never a line break) after every colon and at those places breaks each of these
  patterns without changing what one reads.

:func:`comment_problem` says why a multi-line text (a comment) cannot be stored as it is: a NUL, which
PostgreSQL refuses in text columns and which nobody can see to remove, is refused with its own message rather than
quietly dropped or mistaken for a storage failure.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"

# C0 controls but tab and line feed (turned into spaces by the split below), DEL, and the C1 controls but NEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x84\x86-\x9f]")
# Separators that end a line for Unicode (and for str.splitlines) but not for a person typing one line.
_LINE_SEPARATORS = re.compile(r"[\x85\u2028\u2029]")
# Embedding, override and isolate controls, and the implicit marks: they reorder what follows them on screen.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_LINE_ENDS = re.compile(r"\r\n|\r|\n")

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all is simpler and
# safer than guessing which ones start a construct (links, emphasis, HTML, math, tables, autolinks, entities).
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Where a word joiner goes besides after colons: inside the pairs Streamlit's frontend turns into typographic
# signs (→ ← ↔ — ≥ ≤ ≈) once escapes are resolved, after the @ of an e-mail address and between « www » and its
# dot, which GitHub's autolinks make into links despite the escapes (colons already break « https: »).
_JOINER_PLACES = re.compile(r"(?<=[-<>~])(?=[-<>=])|(?<=@)|(?i:(?<=www)(?=\.))")


def clean_line(text: str) -> str:
    """A single line typed by a user: controls and bidirectional marks removed, separators and spaces collapsed."""
    text = _LINE_SEPARATORS.sub(" ", _BIDI.sub("", _CONTROL.sub("", text)))
    return " ".join(text.split())


def split_lines(text: str) -> list[str]:
    """The lines of a multi-line field, cut at line feeds and carriage returns only, each cleaned; empty ones go.

    ``str.splitlines`` also cuts at U+0085, U+2028, U+2029 and some controls, so that « Café\\x85Lumière »
    became two organisations.
    """
    return [line for line in (clean_line(raw) for raw in _LINE_ENDS.split(text)) if line]


def plain(text: str) -> str:
    """``text`` escaped for Streamlit's Markdown, so that it shows exactly as typed (see the module's docstring)."""
    escaped = _JOINER_PLACES.sub(WORD_JOINER, text)
    escaped = _ASCII_PUNCTUATION.sub(r"\\\1", escaped)
    return escaped.replace(":", ":" + WORD_JOINER)


def comment_problem(text: str) -> str | None:
    """Why a comment cannot be kept as typed ("nul"), or None."""
    return "nul" if "\x00" in text else None
