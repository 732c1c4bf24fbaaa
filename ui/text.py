"""Text typed by users (workshop titles, organisation names) shown as plain text, never as markup."""

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """Escape Markdown so that ``**x**``, links or HTML typed by a user show literally."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)
