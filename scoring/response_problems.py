"""What can be wrong with a response file, said with its row and column as a spreadsheet shows them.

The words are in the catalogue (``i18n/<lang>.scoring.yaml``, section ``responses``), under the problem's code; a
``count`` parameter chooses the plural form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from i18n import translate
from scoring.problems import joined


@dataclass(frozen=True)
class ResponseProblem:
    """One thing wrong in a response file. ``row`` follows a spreadsheet (header = row 1); 0 = the whole file."""

    code: str
    row: int = 0
    column: str | None = None  # the header's name of the column
    letter: str | None = None  # the spreadsheet's column letter (A, B, ..., AA)
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "fr") -> str:
        return translate(f"responses.{self.code}", lang, **self.params)

    def where(self, lang: str = "fr") -> str:
        parts = []
        if self.row:
            parts.append(translate("responses.where.row", lang, row=self.row))
        if self.column and self.letter:
            parts.append(translate("responses.where.column", lang, column=self.column, letter=self.letter))
        elif self.column:
            parts.append(translate("responses.where.column_name", lang, column=self.column))
        elif self.letter:  # a column without a name: its letter is all there is
            parts.append(translate("responses.where.letter", lang, letter=self.letter))
        return translate("messages.place_separator", lang).join(parts)

    def describe(self, lang: str = "fr", file: str | None = None) -> str:
        return joined(lang, *(part for part in (file, self.where(lang)) if part), self.message(lang))


class ResponseWarning(ResponseProblem):
    """Something worth knowing about a response file that is scored anyway."""


class ResponsesError(Exception):
    """A response file that cannot be scored, with its problems (at most a screenful, then a count)."""

    def __init__(self, problems: list[ResponseProblem], file: str | None = None) -> None:
        self.problems = problems
        self.file = file  # may be set later by the reader, which knows the file's name
        super().__init__(problems)

    def __str__(self) -> str:
        return self.describe("en")

    def describe(self, lang: str = "fr") -> str:
        return "\n".join(problem.describe(lang, self.file) for problem in self.problems)


def column_letter(position: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names a column."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
