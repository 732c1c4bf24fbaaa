"""The questionnaire format of docs/questionnaire-format.md as pydantic v2 models.

Every text is normalised to a ``dict[str, str]`` (language -> text): a plain string in the YAML is taken as
the questionnaire's default language. The default language is passed through the validation context by the
loader, because a text field cannot see the top-level ``language`` key by itself.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from i18n import DEFAULT_LANGUAGE  # one default language for questionnaires and the interface

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LANGUAGE_PATTERN = r"^[a-z]{2}$"
# The column of a response file that names its respondents: no id of a questionnaire may take it.
RESPONDENT_COLUMN = "respondent"
# Where the project's source texts say it, kept for reviewers: a seed file and its lines, "004:175-177", "001:158",
# several separated by commas. Never shown to a board: screens show the readable reference.
LOCATOR_PATTERN = r"^\d{3}:\d+(-\d+)?(, \d{3}:\d+(-\d+)?)*$"
# Who usually acts on a recommendation (``actor``); the labels are in the UI catalogues under ``actor.<id>``.
ACTORS = ("conseil", "direction", "pilotage", "equipes", "partenaires")

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
LanguageCode = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]


def _normalise_text(value: Any, info: ValidationInfo) -> dict[str, str]:
    language = (info.context or {}).get("language", DEFAULT_LANGUAGE)
    if isinstance(value, str):
        value = {language: value}
    if not isinstance(value, dict):
        raise PydanticCustomError("text_type", "a text is a string or a mapping language -> string")
    text: dict[str, str] = {}
    for key, translation in value.items():
        if not isinstance(key, str) or not is_language_code(key):
            raise PydanticCustomError("text_language_key", "invalid language code {key}", {"key": str(key)})
        if not isinstance(translation, str) or not translation.strip():
            raise PydanticCustomError("text_empty", "empty text for language {key}", {"key": key})
        text[key] = translation.strip()
    if language not in text:
        raise PydanticCustomError(
            "text_missing_default", "no text in the default language {language}", {"language": language}
        )
    return text


def is_language_code(key: str) -> bool:
    return len(key) == 2 and key.isascii() and key.isalpha() and key.islower()


def _no_bool_for_number(value: Any) -> Any:
    # pydantic reads true as 1 and false as 0; an author who wrote ``weight: true`` meant something else.
    if isinstance(value, bool):
        raise PydanticCustomError("float_type", "a number is expected, not a boolean")
    return value


def _no_bool_for_whole_number(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "a whole number is expected, not a boolean")
    return value


# What an author may write for a text, for the JSON Schema (`python -m scoring schema`): the model itself holds
# the normalised mapping.
TEXT_JSON_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "propertyNames": {"pattern": LANGUAGE_PATTERN},
            "additionalProperties": {"type": "string", "minLength": 1},
            "minProperties": 1,
        },
    ]
}
Text = Annotated[dict[str, str], BeforeValidator(_normalise_text), WithJsonSchema(TEXT_JSON_SCHEMA)]
Locator = Annotated[str, StringConstraints(pattern=LOCATOR_PATTERN, max_length=200)]
Number = Annotated[float, BeforeValidator(_no_bool_for_number)]
WholeNumber = Annotated[int, BeforeValidator(_no_bool_for_whole_number)]
PositiveWeight = Annotated[float, Field(gt=0, allow_inf_nan=False), BeforeValidator(_no_bool_for_number)]
# A rating scale has a handful of points; a typo such as max: 50000000 must not reach the scoring.
MAX_SCALE_POINTS = 21


class _Strict(BaseModel):
    # A typo such as ``reversed:`` must be an error, never silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scale(_Strict):
    min: WholeNumber
    max: WholeNumber
    labels: dict[WholeNumber, Text] = Field(default_factory=dict)
    allow_na: bool = True

    @field_validator("labels")
    @classmethod
    def _labels_on_the_scale(cls, labels: dict[int, dict[str, str]], info: ValidationInfo) -> dict[int, dict[str, str]]:
        low, high = info.data.get("min"), info.data.get("max")
        if low is None or high is None or low >= high:
            return labels  # min or max is reported itself
        outside = sorted(value for value in labels if not low <= value <= high)
        if outside:
            raise PydanticCustomError(
                "scale_label_outside",
                "labels for values outside the scale",
                {"value": ", ".join(str(value) for value in outside), "min": low, "max": high},
            )
        return labels

    @model_validator(mode="after")
    def _check_range(self) -> Scale:
        if self.min >= self.max:
            raise PydanticCustomError("scale_order", "min must be lower than max", {"min": self.min, "max": self.max})
        if self.max - self.min + 1 > MAX_SCALE_POINTS:
            raise PydanticCustomError(
                "scale_too_long",
                "too many scale points",
                {"points": self.max - self.min + 1, "limit": MAX_SCALE_POINTS},
            )
        return self

    @property
    def values(self) -> list[int]:
        return list(range(self.min, self.max + 1))


class Bands(_Strict):
    watch: Number = Field(default=50.0, allow_inf_nan=False)
    strength: Number = Field(default=75.0, allow_inf_nan=False)

    @model_validator(mode="after")
    def _check_order(self) -> Bands:
        if not 0 <= self.watch < self.strength <= 100:
            raise PydanticCustomError(
                "bands_order", "bands out of order", {"watch": self.watch, "strength": self.strength}
            )
        return self


class ProfileOption(_Strict):
    id: Slug
    label: Text


class ProfileField(_Strict):
    id: Slug
    label: Text
    # An empty list means the options are supplied when the questionnaire is used (a workshop's list of
    # organisations, or whatever a response file holds).
    options: list[ProfileOption] = Field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return not self.options


class Citation(_Strict):
    """One source of an item or a recommendation: a key of the bibliography (``content/sources.yaml``), or a free
    citation (``text``) for a questionnaire of one's own, as DESIGN.md's ``source: "..."`` string has it."""

    key: Slug | None = None
    text: str | None = Field(default=None, min_length=1)
    locator: Locator | None = None  # the passage of the seed texts, for reviewers
    note: Text | None = None  # shown with the reference, e.g. "written about hospitals"

    @model_validator(mode="after")
    def _key_or_text(self) -> Citation:
        if (self.key is None) == (self.text is None):
            raise PydanticCustomError("citation_key_or_text", "a citation has a key or a text")
        return self


def _normalise_source(value: Any) -> Any:
    # A string is a free citation (DESIGN.md's form); a mapping is one citation, a list several.
    if isinstance(value, str):
        return [{"text": value.strip()}] if value.strip() else [{"text": ""}]
    if isinstance(value, dict):
        return [value]
    return value


def _normalise_actors(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _known_actor(value: str) -> str:
    if value not in ACTORS:
        raise PydanticCustomError("unknown_actor", "unknown actor", {"value": value, "allowed": ", ".join(ACTORS)})
    return value


def _no_repeats(values: list[str]) -> list[str]:
    repeated = sorted({value for value in values if values.count(value) > 1})
    if repeated:
        raise PydanticCustomError("repeated_value", "a value is repeated", {"value": ", ".join(repeated)})
    return values


# ``source: "Lahary 2007..."`` (free text) or ``source: [{key: lahary-2007, locator: "004:175-177"}, ...]``:
# always a list of citations once read, so that every reader handles one shape.
# What an author may write (the JSON Schema, ``python -m scoring schema``): a string, one citation or a list.
CITATION_JSON_SCHEMA = {
    "type": "object",
    "properties": {
        "key": {"type": "string", "pattern": SLUG_PATTERN},
        "text": {"type": "string", "minLength": 1},
        "locator": {"type": "string", "pattern": LOCATOR_PATTERN},
        "note": TEXT_JSON_SCHEMA,
    },
    "additionalProperties": False,
}
SOURCE_JSON_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        CITATION_JSON_SCHEMA,
        {"type": "array", "items": CITATION_JSON_SCHEMA, "minItems": 1},
    ]
}
ACTOR_JSON_SCHEMA = {"type": "string", "enum": list(ACTORS)}
ACTORS_JSON_SCHEMA = {
    "anyOf": [ACTOR_JSON_SCHEMA, {"type": "array", "items": ACTOR_JSON_SCHEMA, "minItems": 1, "maxItems": 3}]
}
Source = Annotated[
    list[Citation], Field(min_length=1), BeforeValidator(_normalise_source), WithJsonSchema(SOURCE_JSON_SCHEMA)
]
Actors = Annotated[
    list[Annotated[str, AfterValidator(_known_actor)]],
    Field(min_length=1, max_length=3),
    BeforeValidator(_normalise_actors),
    AfterValidator(_no_repeats),
    WithJsonSchema(ACTORS_JSON_SCHEMA),
]
# Option ids of the profile field ``role``: who is asked a dimension or an item (scoring.asking checks them).
AskedOf = Annotated[list[Slug], Field(min_length=1), AfterValidator(_no_repeats)]


class Recommendation(_Strict):
    text: Text
    source: Source | None = None
    actor: Actors | None = None  # who usually acts on it: ids of ACTORS


class BandRecommendations(_Strict):
    priority: list[Recommendation] = Field(default_factory=list)
    watch: list[Recommendation] = Field(default_factory=list)
    strength: list[Recommendation] = Field(default_factory=list)

    def for_band(self, band: str) -> list[Recommendation]:
        return list(getattr(self, band))


class Item(_Strict):
    id: Slug
    text: Text
    reverse: bool = False
    weight: PositiveWeight = 1.0
    help: Text | None = None
    source: Source | None = None
    recommendation: Text | None = None
    actor: Actors | None = None  # who usually acts on the item's recommendation
    # Its recommendation is shown before the others of its band: a statement that changes how the others read, such
    # as the type of relationship (naming a subcontracting relationship comes before writing a values charter).
    first: bool = False
    asked_of: AskedOf | None = None  # None: everyone the dimension is asked of

    @model_validator(mode="after")
    def _actor_goes_with_a_recommendation(self) -> Item:
        if self.actor is not None and self.recommendation is None:
            raise PydanticCustomError("actor_without_recommendation", "actor without a recommendation")
        if self.first and self.recommendation is None:
            raise PydanticCustomError("first_without_recommendation", "first without a recommendation")
        return self


class Dimension(_Strict):
    id: Slug
    label: Text
    description: Text | None = None
    weight: PositiveWeight = 1.0
    asked_of: AskedOf | None = None  # None: every respondent
    items: list[Item] = Field(min_length=1)
    recommendations: BandRecommendations = Field(default_factory=BandRecommendations)


class PositionStep(_Strict):
    """One step of an ordered list (the continuum's « concertation »), with what it means."""

    id: Slug
    label: Text
    definition: Text
    source: str | None = None


# The ordered lists a questionnaire may name instead of writing its steps out: one data file each, so that every
# questionnaire and the glossary read the same definitions.
NAMED_STEP_LISTS = ("continuum",)


def _named_steps(value: Any, info: ValidationInfo) -> Any:
    if not isinstance(value, str):
        return value
    # The loader gives the lists (scoring.loader.parse_data reads content/continuum.yaml when one is named).
    resolve = (info.context or {}).get("named_steps")
    if value not in NAMED_STEP_LISTS or resolve is None:
        raise PydanticCustomError(
            "position_steps_name", "unknown list of steps", {"value": value, "names": ", ".join(NAMED_STEP_LISTS)}
        )
    return [step.model_dump() for step in resolve(value)]


def _unique_step_ids(steps: list[PositionStep]) -> list[PositionStep]:
    ids = [step.id for step in steps]
    repeated = sorted({step_id for step_id in ids if ids.count(step_id) > 1})
    if repeated:
        raise PydanticCustomError("duplicate_value", "a value appears twice", {"value": ", ".join(repeated)})
    return steps


class Continuum(_Strict):
    """The data file of an ordered list that questionnaires name (content/continuum.yaml)."""

    kind: Literal["continuum"]
    version: str
    language: LanguageCode = DEFAULT_LANGUAGE
    title: Text
    description: Text | None = None
    source: str | None = None
    steps: Annotated[list[PositionStep], AfterValidator(_unique_step_ids), Field(min_length=2)]


class Position(_Strict):
    """A question not scored: where the relationship stands today on an ordered list, and where one wishes it."""

    id: Slug
    label: Text
    help: Text | None = None
    today: Text
    wished: Text | None = None  # None: only today's position is asked
    steps: Annotated[
        list[PositionStep],
        BeforeValidator(_named_steps, json_schema_input_type=Literal["continuum"] | list[PositionStep]),
        AfterValidator(_unique_step_ids),
        Field(min_length=2),
    ]

    def step(self, step_id: str) -> PositionStep | None:
        return next((step for step in self.steps if step.id == step_id), None)

    @property
    def asks(self) -> tuple[str, ...]:
        """The moments asked, in order: ("today", "wished") or ("today",)."""
        return ("today", "wished") if self.wished is not None else ("today",)


class Questionnaire(_Strict):
    id: Slug
    version: str
    language: LanguageCode = DEFAULT_LANGUAGE
    title: Text
    description: Text | None = None
    scale: Scale
    bands: Bands = Field(default_factory=Bands)
    min_coverage: Number = Field(default=0.5, gt=0, le=1, allow_inf_nan=False)
    consensus_threshold: Number = Field(default=0.6, ge=0, le=1, allow_inf_nan=False)
    min_group_size: WholeNumber = Field(default=3, ge=1)
    profile: list[ProfileField] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    dimensions: list[Dimension] = Field(min_length=1)

    @property
    def items(self) -> list[Item]:
        return [item for dimension in self.dimensions for item in dimension.items]

    @property
    def item_ids(self) -> list[str]:
        return [item.id for item in self.items]

    def dimension_of(self, item_id: str) -> Dimension:
        for dimension in self.dimensions:
            if any(item.id == item_id for item in dimension.items):
                return dimension
        raise KeyError(item_id)

    def position(self, position_id: str) -> Position | None:
        return next((position for position in self.positions if position.id == position_id), None)

    def profile_field(self, field_id: str) -> ProfileField | None:
        return next((field for field in self.profile if field.id == field_id), None)


def text_in(text: dict[str, str] | None, lang: str, fallback: str = DEFAULT_LANGUAGE) -> str:
    """The text in ``lang``, else in ``fallback``, else in whatever language it has."""
    if not text:
        return ""
    return text.get(lang) or text.get(fallback) or next(iter(text.values()))
