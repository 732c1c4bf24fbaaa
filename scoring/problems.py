"""Validation problems, collected for a whole file and worded in plain French or English.

The words are in the catalogue (``i18n/<lang>.scoring.yaml``, section ``validation``), under the problem's code:
pydantic's error types (``missing``, ``string_too_long``...) and the project's own (``yaml_alias``...). This is
pydantic's « Customize error messages » recipe, with the catalogue as the mapping of types to messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from i18n import has_text, translate


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a questionnaire file: where, and what, in words an author understands."""

    file: str
    path: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "fr") -> str:
        params = {key: _plain_number(value) for key, value in self.params.items()}
        key = f"validation.{self.code}"
        return translate(key if has_text(key) else "validation.invalid", lang, **params)

    def describe(self, lang: str = "fr") -> str:
        where = self.path or translate("validation.whole_file", lang)
        return joined(lang, self.file, where, self.message(lang))


def joined(lang: str, *parts: str) -> str:
    """``file: place: message``, with French typography's narrow no-break space before each colon in French."""
    return translate("messages.separator", lang).join(parts)


def _plain_number(value: Any) -> Any:
    """Show 0.0 as 0 and 75.0 as 75: authors wrote whole numbers."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class QuestionnaireError(Exception):
    """A questionnaire file that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.describe("en"))

    def describe(self, lang: str = "fr") -> str:
        return "\n".join(problem.describe(lang) for problem in self.problems)
