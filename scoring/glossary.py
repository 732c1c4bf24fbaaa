"""The glossary (``content/glossary.yaml``): the words of the screens and questionnaires, defined and sourced.

Read like a questionnaire (safe YAML, located problems, every problem at once); each definition cites keys of the
bibliography, checked against it, and ``see_also`` names other terms of the glossary.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scoring.bibliography import Bibliography, default_bibliography
from scoring.citations import cited_problems, source_keys
from scoring.loader import _from_pydantic, _read_yaml, _sorted_unique
from scoring.model import DEFAULT_LANGUAGE, Slug, Source, Text, text_in
from scoring.problems import Problem, QuestionnaireError

GLOSSARY_FILE = Path(__file__).resolve().parents[1] / "content" / "glossary.yaml"
# The page's sections, in this order: how to read the results first.
SECTIONS = ("method", "relations", "pilotage", "demarche")
Section = Literal["method", "relations", "pilotage", "demarche"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Term(_Strict):
    section: Section
    term: Text
    definition: Text
    source: Source
    see_also: list[Slug] = Field(default_factory=list)


class Glossary(_Strict):
    version: str
    terms: dict[Slug, Term] = Field(min_length=1)

    def in_section(self, section: str) -> list[tuple[str, Term]]:
        return [(key, term) for key, term in self.terms.items() if term.section == section]

    def sorted_in_section(self, section: str, lang: str = DEFAULT_LANGUAGE) -> list[tuple[str, Term]]:
        """A section's terms in alphabetical order of their name in ``lang`` (accents ignored)."""
        return sorted(self.in_section(section), key=lambda pair: _sort_key(text_in(pair[1].term, lang)))


def _sort_key(text: str) -> str:
    import unicodedata

    stripped = unicodedata.normalize("NFKD", text.casefold().lstrip("«\u00a0“ "))
    return "".join(char for char in stripped if not unicodedata.combining(char))


@cache
def default_glossary() -> Glossary:
    return load_glossary(GLOSSARY_FILE, default_bibliography())


def load_glossary(path: str | Path, bibliography: Bibliography | None = None) -> Glossary:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise QuestionnaireError([Problem(str(path), "", "file_unreadable", {"detail": error.strerror})]) from None
    return parse_glossary(data, str(path), bibliography)


def parse_glossary(
    data: bytes | str, name: str = "glossary.yaml", bibliography: Bibliography | None = None
) -> Glossary:
    """Validate a glossary; with a ``bibliography``, every cited key must be in it."""
    raw, problems = _read_yaml(data, name)
    try:
        glossary = Glossary.model_validate(raw, context={"language": DEFAULT_LANGUAGE})
    except ValidationError as error:
        raise QuestionnaireError(_sorted_unique(problems + _from_pydantic(error, name))) from None
    for key, term in glossary.terms.items():
        for index, other in enumerate(term.see_also):
            if other not in glossary.terms or other == key:
                problems.append(Problem(name, f"terms.{key}.see_also[{index}]", "unknown_term", {"value": other}))
        if bibliography is not None:
            for index, citation in enumerate(term.source):
                path = f"terms.{key}.source[{index}]"
                problems += cited_problems(citation, bibliography, name, path, "content/sources.yaml")
    if problems:
        raise QuestionnaireError(_sorted_unique(problems))
    return glossary


def glossary_citing(glossary: Glossary) -> dict[str, list[str]]:
    """Reference key -> the glossary terms citing it (for the bibliography's check that every work is used)."""
    found: dict[str, list[str]] = {}
    for key, term in glossary.terms.items():
        for reference in source_keys(term.source):
            found.setdefault(reference, []).append(f"glossaire: {key}")
    return found
