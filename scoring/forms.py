"""The guide to the forms of cooperation (``content/forms/forms.yaml``): its model and its loader.

The guide is data, like a questionnaire, and is read the same way (scoring.loader: no code, no aliases, every
problem located). Each fact about a form carries its sources: a line range of the project's source texts
(``seed: "003:140"``) or a legal text outside them, named as such (``law: "Code du travail, ..."``), since a
legal fact that no seed states must say where it comes from.

The guide ranks nothing: no source puts the forms on one line from « lightest » to « most integrated » (003:130
presents a union or federation as a common political voice, a GIP as public and private partners joined), so the
model has no order field and the page sorts forms by name.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from scoring.loader import parse_data, read_file
from scoring.model import LanguageCode, Slug, Text, _Strict
from scoring.problems import Problem

FORMS_FILE = Path(__file__).resolve().parents[1] / "content" / "forms" / "forms.yaml"
FORMS_KIND = "cooperation-forms"

# What a form can pool; the guide page asks which of these the partners want to put together.
Pool = Literal["projet", "personnel", "moyens", "activites", "autorisations", "voix"]
POOLS: tuple[str, ...] = ("projet", "personnel", "moyens", "activites", "autorisations", "voix")
# Whether public bodies may be members: "limited" = under conditions, "required" = at least one must be.
PublicMembership = Literal["yes", "no", "limited", "required"]

_SEED_REFERENCE = re.compile(r"^\d{3}:\d+(-\d+)?$")


def _seed_reference(value: str) -> str:
    if not _SEED_REFERENCE.match(value):
        raise PydanticCustomError("seed_reference", "a seed reference is NNN:line or NNN:first-last", {"value": value})
    first, _, last = value.partition(":")[2].partition("-")
    if last and int(last) < int(first):
        raise PydanticCustomError("seed_reference", "a seed reference is NNN:line or NNN:first-last", {"value": value})
    return value


SeedReference = Annotated[str, AfterValidator(_seed_reference)]
LegalReference = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=300)]


class Source(_Strict):
    """Exactly one of: a passage of the source texts, or a legal text outside them."""

    seed: SeedReference | None = None
    law: LegalReference | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Source:
        if (self.seed is None) == (self.law is None):
            raise PydanticCustomError("source_kind", "a source is either seed: or law:")
        return self


class Fact(_Strict):
    text: Text
    sources: list[Source] = Field(min_length=1)


class Members(Fact):
    public: PublicMembership
    private: Literal["yes", "no"]


class LegalPerson(Fact):
    creates: bool  # a new legal person comes into being
    members_remain: bool  # every organisation keeps its legal existence


def _unique_pools(pools: list[str]) -> list[str]:
    repeated = sorted({pool for pool in pools if pools.count(pool) > 1})
    if repeated:
        raise PydanticCustomError("duplicate_value", "a value appears twice", {"value": ", ".join(repeated)})
    return pools


class CooperationForm(_Strict):
    id: Slug
    name: Text
    summary: Text
    pools: Annotated[list[Pool], AfterValidator(_unique_pools)] = Field(min_length=1)
    pooling: Fact
    members: Members
    legal_person: LegalPerson
    governance: Fact
    employees: Fact
    authorisations: Fact
    funders: Fact
    duration: Fact
    limits: Fact

    def facts(self) -> dict[str, Fact]:
        """The facts in the order the guide shows them (the keys are the i18n keys' last part)."""
        return {
            "pooling": self.pooling,
            "members": self.members,
            "legal_person": self.legal_person,
            "governance": self.governance,
            "employees": self.employees,
            "authorisations": self.authorisations,
            "funders": self.funders,
            "duration": self.duration,
            "limits": self.limits,
        }


class FormsGuide(_Strict):
    kind: Literal["cooperation-forms"]
    version: str
    language: LanguageCode = "fr"
    title: Text
    forms: list[CooperationForm] = Field(min_length=1)

    def form(self, form_id: str) -> CooperationForm:
        return next(form for form in self.forms if form.id == form_id)


def parse_forms_guide(data: bytes | str, name: str = "forms.yaml") -> FormsGuide:
    """Validate a guide's content; raise scoring.problems.QuestionnaireError listing every problem."""
    return parse_data(data, name, FormsGuide, _cross_checks)


def load_forms_guide(path: str | Path = FORMS_FILE) -> FormsGuide:
    path = Path(path)
    return parse_forms_guide(read_file(path), str(path))


@cache
def shipped_forms_guide() -> FormsGuide:
    """The guide shipped in content/forms/, read once (the test suite keeps it valid)."""
    return load_forms_guide(FORMS_FILE)


def _cross_checks(raw: dict[str, Any], name: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    forms = raw.get("forms")
    for index, form in enumerate(forms if isinstance(forms, list) else []):
        form_id = form.get("id") if isinstance(form, dict) else None
        if not isinstance(form_id, str):
            continue
        path = f"forms[{index}].id"
        if form_id in seen:
            problems.append(Problem(name, path, "duplicate_id", {"value": form_id, "first": seen[form_id]}))
        else:
            seen[form_id] = path
    return problems
