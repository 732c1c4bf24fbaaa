"""Case studies for teaching (``content/cases/<id>.yaml``) and the trainers' material they share
(``content/teaching.yaml``), as pydantic models.

A case is read like a questionnaire (safe YAML, every problem located): see ``scoring.cases`` for the loader and
the checks against the questionnaire a case uses, ``scoring.synthetic`` for the answers it makes up, and
``content/cases/README.md`` for the format, written for trainers.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from scoring.model import Number, Slug, Text, WholeNumber

# Where the project's source texts say it: a seed file and its lines, "001:35-68" (as DOMAIN.md cites them).
LOCATOR_PATTERN = r"^\d{3}:\d+(-\d+)?$"
Locator = Annotated[str, StringConstraints(pattern=LOCATOR_PATTERN, max_length=40)]
# The five texts of the corpus (DOMAIN.md's table); a locator into another file cites nothing.
CORPUS = ("000", "001", "002", "003", "004")
# Every text of a case is in both languages: a trainer in French, the English one for readers abroad (it may be
# shorter, never missing).
CASE_LANGUAGES = ("fr", "en")
# An organisation's name as a workshop holds it (storage.inputs.MAX_ORGANISATION, MAX_ORGANISATIONS).
MAX_ORGANISATION = 80
MAX_ORGANISATIONS = 30
# The synthetic answers of one role; a class-sized demo, not a survey.
MAX_SYNTHETIC_PER_ROLE = 40


def _both_languages(text: dict[str, str]) -> dict[str, str]:
    missing = [lang for lang in CASE_LANGUAGES if lang not in text]
    if missing:
        raise PydanticCustomError("case_text_language", "a case text needs {missing}", {"missing": ", ".join(missing)})
    return text


CaseText = Annotated[Text, AfterValidator(_both_languages)]
OrganisationName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ORGANISATION)]
Sources = Annotated[list[Locator], Field(min_length=1)]
# The reference of a curriculum's competence: "<curriculum>.<competence>" of content/teaching.yaml.
CompetenceRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$")]


class _Strict(BaseModel):
    # A typo such as ``tendancy:`` must be an error, never silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Role(_Strict):
    """A part a student plays: who they are in the situation, and how they answer the questionnaire."""

    id: Slug
    label: CaseText
    brief: CaseText  # what the student knows, wants and fears, in the second person
    answers_as: Slug  # an option of the questionnaire's ``role`` field
    # Among the case's; people of the role belong to these (none: an outsider, such as a third party).
    organisations: list[OrganisationName] = Field(default_factory=list)


class Question(_Strict):
    """A question to discuss, with what a good answer holds (for the trainer's sheet)."""

    question: CaseText
    key_points: list[CaseText] = Field(min_length=1)
    source: Sources | None = None


class Disputed(Question):
    """A statement the case says people disagree on: the projector shows it with its question."""

    statement: Slug  # an item id of the case's questionnaire


class Reading(_Strict):
    """What the texts say about the situation, in our words, with where they say it."""

    text: CaseText
    source: Sources


class Objective(_Strict):
    """A learning objective, tied to the competences of the curricula it serves."""

    text: CaseText
    competences: list[CompetenceRef] = Field(min_length=1)


class Tendency(_Strict):
    """The answers of a group on the scale: their mean (``tendency``) and standard deviation (``spread``)."""

    tendency: Number = Field(allow_inf_nan=False)
    spread: Number = Field(ge=0, allow_inf_nan=False)


class StepTendency(_Strict):
    """Where a group places the relationship on a position's ordered list: the step most of them pick, and how far
    around it they scatter, in steps (a standard deviation: 0 means everyone picks that step)."""

    step: Slug
    spread: Number = Field(default=0.0, ge=0, allow_inf_nan=False)


class PlacedPosition(_Strict):
    """A group's answers to one position question: today, and wished when the question asks it."""

    today: StepTendency | None = None
    wished: StepTendency | None = None

    def moments(self) -> dict[str, StepTendency]:
        return {moment: given for moment, given in (("today", self.today), ("wished", self.wished)) if given}


class SyntheticRole(_Strict):
    """How the people of one role answer: a tendency and a spread for every dimension (``dimensions`` overrides
    the role's own for some), and for some statements their own (``statements``).

    A dimension's tendency is the answer to a statement worded positively: 5 means it goes well, and a reverse
    statement of the dimension gets the mirror answer. A statement's tendency is the answer to the statement as it
    is written. ``positions`` places the relationship on the questionnaire's position questions.
    """

    count: WholeNumber = Field(ge=1, le=MAX_SYNTHETIC_PER_ROLE)
    tendency: Number = Field(allow_inf_nan=False)
    spread: Number = Field(ge=0, allow_inf_nan=False)
    dimensions: dict[Slug, Tendency] = Field(default_factory=dict)
    statements: dict[Slug, Tendency] = Field(default_factory=dict)
    # Position questions (not scored): without them a demo's continuum would say « too few answers ».
    positions: dict[Slug, PlacedPosition] = Field(default_factory=dict)


class Synthetic(_Strict):
    """The description the synthetic answer set is made from; the same ``seed`` gives the same answers."""

    seed: WholeNumber = Field(ge=0, le=2**63 - 1)
    # Share of "don't know" answers, drawn at random like the rest.
    unanswered: Number = Field(default=0.0, ge=0, le=0.5, allow_inf_nan=False)
    roles: dict[Slug, SyntheticRole] = Field(min_length=1)


class Case(_Strict):
    id: Slug  # the file's name without .yaml
    version: str
    title: CaseText
    summary: CaseText  # one or two sentences, for the list of cases
    questionnaire: Slug
    source: Sources  # where the texts tell the situation
    situation: CaseText  # about a page; paragraphs separated by a blank line
    organisations: list[OrganisationName] = Field(min_length=1, max_length=MAX_ORGANISATIONS)
    roles: list[Role] = Field(min_length=2)
    objectives: list[Objective] = Field(min_length=1)
    questions: list[Question] = Field(min_length=2)
    disputed: list[Disputed] = Field(min_length=2)
    texts_say: list[Reading] = Field(min_length=2)
    glossary: list[Slug] = Field(default_factory=list)  # terms of content/glossary.yaml the case uses
    synthetic: Synthetic

    def role(self, role_id: str) -> Role | None:
        return next((role for role in self.roles if role.id == role_id), None)

    @property
    def disputed_statements(self) -> list[str]:
        return [entry.statement for entry in self.disputed]


class Competence(_Strict):
    label: CaseText
    source: Sources


class Curriculum(_Strict):
    name: CaseText
    source: Sources
    competences: dict[Slug, Competence] = Field(min_length=1)


class SessionStep(_Strict):
    minutes: WholeNumber = Field(ge=1, le=120)
    title: CaseText
    detail: CaseText


class SessionPlan(_Strict):
    title: CaseText
    minutes: WholeNumber = Field(ge=10, le=240)
    steps: list[SessionStep] = Field(min_length=2)


class Teaching(_Strict):
    """What every case shares: the curricula its objectives are tied to, the plans of a session."""

    version: str
    curricula: dict[Slug, Curriculum] = Field(min_length=1)
    sessions: dict[Slug, SessionPlan] = Field(min_length=1)

    def competence(self, ref: str) -> tuple[Curriculum, Competence] | None:
        curriculum_id, _, competence_id = ref.partition(".")
        curriculum = self.curricula.get(curriculum_id)
        competence = curriculum.competences.get(competence_id) if curriculum else None
        return (curriculum, competence) if curriculum and competence else None
