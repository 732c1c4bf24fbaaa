"""Checks on the citations of a questionnaire against a bibliography (``scoring.bibliography``).

Kept apart from the bibliography so that the loader can run them without importing the bibliography's own
reading of files, which reuses the loader's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Protocol

from scoring.model import Citation, Questionnaire
from scoring.problems import Problem


class _Reference(Protocol):
    corpus: str | None
    quoted_in: str | None


class Bibliography(Protocol):
    """What the checks need of ``scoring.bibliography.Bibliography`` (named here to keep the loader acyclic)."""

    def get(self, key: str | None) -> _Reference | None: ...


_LOCATOR_FILES = re.compile(r"(\d{3}):")


def source_keys(source: Iterable[Citation] | None) -> list[str]:
    return [citation.key for citation in source or [] if citation.key]


def _locator_problems(locator: str, files: set[str], name: str, path: str) -> list[Problem]:
    """A locator points into the texts where the reference can be read."""
    wrong = sorted({number for number in _LOCATOR_FILES.findall(locator) if number not in files})
    if not wrong:
        return []
    params = {"value": ", ".join(wrong), "allowed": ", ".join(sorted(files))}
    return [Problem(name, path, "locator_elsewhere", params)]


def _citations(questionnaire: Questionnaire) -> Iterator[tuple[str, list[Citation]]]:
    """Every source of a questionnaire with its path (an item's recommendation takes the item's source)."""
    for d_index, dimension in enumerate(questionnaire.dimensions):
        for i_index, item in enumerate(dimension.items):
            if item.source:
                yield f"dimensions[{d_index}].items[{i_index}].source", item.source
        for band in ("priority", "watch", "strength"):
            for r_index, recommendation in enumerate(dimension.recommendations.for_band(band)):
                if recommendation.source:
                    yield f"dimensions[{d_index}].recommendations.{band}[{r_index}].source", recommendation.source


def citation_problems(
    questionnaire: Questionnaire,
    bibliography: Bibliography,
    name: str,
    *,
    bibliography_name: str = "content/sources.yaml",
) -> list[Problem]:
    """Keys missing from the bibliography, and locators that point into a text the reference is not read in."""
    return [
        problem
        for path, citations in _citations(questionnaire)
        for index, citation in enumerate(citations)
        for problem in cited_problems(citation, bibliography, name, f"{path}[{index}]", bibliography_name)
    ]


def cited_problems(
    citation: Citation, bibliography: Bibliography, name: str, path: str, bibliography_name: str
) -> list[Problem]:
    """What is wrong with one citation of ``bibliography`` (used by the questionnaires and the glossary)."""
    if citation.key is None:
        return []
    ref = bibliography.get(citation.key)
    if ref is None:
        params = {"value": citation.key, "bibliography": bibliography_name}
        return [Problem(name, f"{path}.key", "unknown_source_key", params)]
    if citation.locator is None:
        return []
    parent = bibliography.get(ref.quoted_in)
    files = {number for number in (ref.corpus, parent.corpus if parent else None) if number}
    return _locator_problems(citation.locator, files, name, f"{path}.locator")
