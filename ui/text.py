"""Text typed by users (workshop titles, organisation names) shown as plain text, never as markup."""

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_line(text: str) -> str:
    """A single line typed by a user: control characters (a pasted NUL...) removed, spaces collapsed."""
    return " ".join(_CONTROL.sub("", text).split())


def plain(text: str) -> str:
    """Escape Markdown so that ``**x**``, links or HTML typed by a user show literally."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)
