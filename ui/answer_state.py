"""The answer state: one respondent's answers and where they stand, as one immutable value with pure steps.

Why widgets never hold the truth. Streamlit forgets a widget's value once it is off screen; after a server restart
the browser re-sends the values it shows to a new session; radios send back their *formatted* option (the
label in the page's language), so a value sent just before a language switch no longer matches any option; and a
client can send any value at all over the websocket. So the answers live here, and every run **reconciles** this
state with what the widgets hold (:func:`reconcile`):

- a widget value that differs from the state and is valid under the questionnaire's rules becomes the state (and
  the shell saves it);
- an invalid one (off the scale, an unknown option, an over-long comment) is ignored and the widget is put back
  to the state's value, as is a widget that lost its value (a radio cannot be unticked by a person); only the
  widgets put back are drawn anew (:meth:`AnswerState.generation_of`), the others keep what the person is doing;
- a comment with a NUL, or longer than allowed, is refused with its own message, and kept in its text area for
  the person to fix.

Which widget values are looked at, and when, is the shell's business (``ui.flow``): the widget keys carry the
respondent and the language, so that another respondent's or another language's widgets never overwrite this
state; after a reload the widgets start from the state restored from storage.

Pure: no Streamlit, no storage. Each step function returns a new state; nothing is mutated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from scoring.answer_rules import AnswerRules, Problem
from scoring.asking import is_asked, role_of
from scoring.model import Dimension, Item, Questionnaire

NOT_APPLICABLE = "na"  # what the radio holds for « je ne sais pas / sans objet »; None in the state and in storage

Kind = Literal["item", "profile", "comment", "position"]
WorkshopStatus = Literal["open", "closed", "gone"]
# Why the last save did not happen: "unavailable" (storage failed, a retry may work), "refused" (storage refused
# the values: a bug or a forgery, retrying will not help).
SaveFailure = Literal["unavailable", "refused"]
Step = tuple[Literal["profile", "positions", "dimension", "summary"], int | None]
# Comment problems a person can cause by typing or pasting: shown, and the text left for them to fix.
KEPT_FOR_THE_PERSON: frozenset[Problem] = frozenset({"nul", "too_long"})


@dataclass(frozen=True, order=True)
class Ref:
    """One answerable thing: an item, a profile question, a dimension's comment, one moment of a position question
    (``relation.today``, see ``scoring.answer_rules.position_key``)."""

    kind: Kind
    id: str


def _frozen(mapping: Mapping[str, object] | None = None) -> Mapping:  # type: ignore[type-arg]
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Respondent:
    """Who answers what, fixed for the life of a response: the token (in the URL) and where it belongs."""

    token: str
    questionnaire_id: str
    workshop_id: int | None = None
    workshop_code: str | None = None  # in a workshop, its participant code as the URL carries it
    organisations: tuple[str, ...] = ()
    asked_profile: tuple[str, ...] | None = None  # None: every profile question that has options

    def rules(self, questionnaire: Questionnaire, *, max_comment: int) -> AnswerRules:
        return AnswerRules.for_questionnaire(
            questionnaire, max_comment=max_comment, organisations=self.organisations, asked_profile=self.asked_profile
        )


@dataclass(frozen=True)
class AnswerState:
    """A respondent's answers (item id -> scale value, or None for « je ne sais pas »; absent: not answered),
    profile, comments, positions (``relation.today`` -> a step id, or None for « je ne sais pas »; never scored)
    and step, with what the page must say about them."""

    respondent: Respondent
    answers: Mapping[str, int | None] = field(default_factory=_frozen)
    profile: Mapping[str, str] = field(default_factory=_frozen)
    comments: Mapping[str, str] = field(default_factory=_frozen)
    positions: Mapping[str, str | None] = field(default_factory=_frozen)
    step: int = 0
    submitted: bool = False
    workshop: WorkshopStatus = "open"
    # A change not in storage yet, and why the last try failed (None: not tried yet, or no failure).
    unsaved: bool = False
    save_failure: SaveFailure | None = None
    # Widget values refused by the rules, shown next to their widget until a valid value replaces them.
    refused: Mapping[Ref, Problem] = field(default_factory=_frozen)
    # Sending failed (storage down): the answers are kept, and the page asks to send again.
    not_sent: bool = False
    # Set by a submission, taken once by the page, which then moves on to the results.
    just_submitted: bool = False
    # Bumped when widgets must be put back to the state: the shell then draws those widgets anew (ui.flow).
    generation: int = 0
    # The generation each widget put back was last drawn anew at (absent: 0). Only the widgets put back change:
    # a new key for every widget of the page replaced, under load, a text area the person was typing in (its text
    # lost, and a too-long comment's refusal with it) and dropped a tap sent to a radio the page was redrawing.
    redrawn: Mapping[Ref, int] = field(default_factory=_frozen)

    @classmethod
    def new(cls, respondent: Respondent) -> AnswerState:
        return cls(respondent=respondent, unsaved=True)

    @classmethod
    def restored(
        cls,
        respondent: Respondent,
        rules: AnswerRules,
        *,
        answers: Mapping[str, object],
        profile: Mapping[str, object],
        comments: Mapping[str, object],
        step: int,
        submitted: bool,
        positions: Mapping[str, object] | None = None,
    ) -> AnswerState:
        """A state read back from storage, keeping only what the rules accept (older drafts may hold anything)."""
        valid_answers, valid_profile, valid_comments = rules.valid_only(answers, profile, comments)
        return cls(
            respondent=respondent,
            answers=_frozen(valid_answers),
            profile=_frozen(valid_profile),
            comments=_frozen(valid_comments),
            positions=_frozen(rules.valid_positions(positions or {})),
            step=max(0, step),
            submitted=submitted,
        )

    # ----- steps of a respondent -------------------------------------------------------------------------------

    def _changed(self, **changes: object) -> AnswerState:
        return dataclasses.replace(self, unsaved=True, **changes)  # type: ignore[arg-type]

    def _noted(self, ref: Ref, problem: Problem | None) -> AnswerState:
        if self.refused.get(ref) == problem:
            return self
        refused = {k: v for k, v in self.refused.items() if k != ref}
        if problem is not None:
            refused[ref] = problem
        return dataclasses.replace(self, refused=_frozen(refused))

    def answer(self, rules: AnswerRules, item_id: str, value: int | None) -> AnswerState:
        """Answer an item (None: « je ne sais pas »). A value the rules refuse leaves the answers as they were."""
        ref = Ref("item", item_id)
        problem = rules.answer_problem(item_id, value)
        if problem is not None:
            return self._noted(ref, problem)
        state = self._noted(ref, None)
        if item_id in state.answers and state.answers[item_id] == value:
            return state
        return state._changed(answers=_frozen({**state.answers, item_id: value}))

    def clear(self, item_id: str) -> AnswerState:
        if item_id not in self.answers:
            return self
        return self._changed(answers=_frozen({k: v for k, v in self.answers.items() if k != item_id}))

    def set_profile(self, rules: AnswerRules, question_id: str, value: str | None) -> AnswerState:
        ref = Ref("profile", question_id)
        if value is None:
            if question_id not in self.profile:
                return self._noted(ref, None)
            return self._noted(ref, None)._changed(
                profile=_frozen({k: v for k, v in self.profile.items() if k != question_id})
            )
        problem = rules.profile_problem(question_id, value)
        if problem is not None:
            return self._noted(ref, problem)
        state = self._noted(ref, None)
        if state.profile.get(question_id) == value:
            return state
        return state._changed(profile=_frozen({**state.profile, question_id: value}))

    def comment(self, rules: AnswerRules, dimension_id: str, text: str) -> AnswerState:
        """Comment on a dimension; blank text removes the comment. Surrounding spaces are not kept."""
        ref = Ref("comment", dimension_id)
        if isinstance(text, str):
            text = text.strip()
        problem = rules.comment_problem(dimension_id, text)
        if problem is not None:
            return self._noted(ref, problem)
        state = self._noted(ref, None)
        if state.comments.get(dimension_id, "") == text:
            return state
        comments = {k: v for k, v in state.comments.items() if k != dimension_id}
        if text:
            comments[dimension_id] = text
        return state._changed(comments=_frozen(comments))

    def place(self, rules: AnswerRules, key: str, value: str | None) -> AnswerState:
        """Answer one moment of a position question: a step id, or None for « je ne sais pas »."""
        ref = Ref("position", key)
        problem = rules.position_problem(key, value)
        if problem is not None:
            return self._noted(ref, problem)
        state = self._noted(ref, None)
        if key in state.positions and state.positions[key] == value:
            return state
        return state._changed(positions=_frozen({**state.positions, key: value}))

    def go_to(self, step: int, step_count: int) -> AnswerState:
        step = max(0, min(int(step), step_count - 1))
        return self if step == self.step else self._changed(step=step)

    # ----- what storage said -----------------------------------------------------------------------------------

    def saved(self) -> AnswerState:
        # Storage took the draft: the workshop is open, whatever an earlier refusal said (it was reopened).
        return dataclasses.replace(self, unsaved=False, save_failure=None, workshop="open")

    def save_failed(self, failure: SaveFailure) -> AnswerState:
        return dataclasses.replace(self, unsaved=True, save_failure=failure)

    def workshop_is(self, status: WorkshopStatus) -> AnswerState:
        return dataclasses.replace(self, workshop=status)

    def sent(self) -> AnswerState:
        return dataclasses.replace(
            self, submitted=True, just_submitted=True, unsaved=False, save_failure=None, not_sent=False
        )

    def sending_failed(self) -> AnswerState:
        return dataclasses.replace(self, not_sent=True)

    def take_just_submitted(self) -> tuple[bool, AnswerState]:
        return self.just_submitted, dataclasses.replace(self, just_submitted=False)

    @property
    def retrying(self) -> bool:
        """A save failed for a reason that may pass (storage down, disk full): try again until it works."""
        return self.unsaved and self.save_failure == "unavailable" and self.workshop == "open" and not self.submitted

    # ----- what the widgets hold -------------------------------------------------------------------------------

    def generation_of(self, ref: Ref) -> int:
        """The generation of the widget of ``ref``: it changes only when that widget is put back."""
        return self.redrawn.get(ref, 0)

    def widget_value(self, ref: Ref) -> object:
        """The value the widget of ``ref`` shows for this state."""
        if ref.kind in ("item", "position"):
            held = self.answers if ref.kind == "item" else self.positions
            if ref.id not in held:
                return None
            value = held[ref.id]
            return NOT_APPLICABLE if value is None else value
        if ref.kind == "profile":
            return self.profile.get(ref.id)
        return self.comments.get(ref.id, "")


def values_of(state: AnswerState) -> tuple[Mapping, ...]:  # type: ignore[type-arg]
    """What storage keeps of a state: a change to any of these is to be saved."""
    return (state.answers, state.profile, state.comments, state.positions)


@dataclass(frozen=True)
class Reconciled:
    state: AnswerState
    # Widgets to put back to the state's value: they hold something refused, or lost their value.
    put_back: Mapping[Ref, object]


def reconcile(state: AnswerState, rules: AnswerRules, observed: Iterable[tuple[Ref, object]]) -> Reconciled:
    """The state after what the widgets hold (``observed``: in order, the last one of a ref wins); see the module.

    ``state.unsaved`` tells whether anything changed that storage must get.
    """
    before = state
    put_back: dict[Ref, object] = {}
    for ref, raw in observed:
        if raw is None and ref.kind != "comment":
            # Nobody can untick a radio: a widget without a value lost it (a new session), and keeps the state's.
            if state.widget_value(ref) is not None:
                put_back[ref] = state.widget_value(ref)
            else:
                put_back.pop(ref, None)  # it shows what the state holds: nothing
            continue
        if ref.kind == "item":
            state = state.answer(rules, ref.id, None if raw == NOT_APPLICABLE else raw)  # type: ignore[arg-type]
        elif ref.kind == "position":
            state = state.place(rules, ref.id, None if raw == NOT_APPLICABLE else raw)  # type: ignore[arg-type]
        elif ref.kind == "profile":
            state = state.set_profile(rules, ref.id, raw)  # type: ignore[arg-type]
        else:
            state = state.comment(rules, ref.id, raw)  # type: ignore[arg-type]
        problem = state.refused.get(ref)
        # A comment with a NUL or one character too many stays in its text area for the person to fix; nothing
        # else refused can come from a person using the widgets.
        if problem is not None and not (ref.kind == "comment" and problem in KEPT_FOR_THE_PERSON):
            put_back[ref] = state.widget_value(ref)
        else:
            put_back.pop(ref, None)
    if values_of(state) == values_of(before):
        state = dataclasses.replace(state, unsaved=before.unsaved)  # changed and changed back: nothing to save
    if put_back:
        generation = state.generation + 1
        redrawn = {**state.redrawn, **dict.fromkeys(put_back, generation)}
        state = dataclasses.replace(state, generation=generation, redrawn=_frozen(redrawn))
    return Reconciled(state=state, put_back=_frozen(put_back))


# ----- the steps of a questionnaire --------------------------------------------------------------------------
#
# Who is asked what depends on the role (``scoring.asking``, the questionnaire's ``asked_of``): the steps, the
# statements of a step, what is missing and what is sent all follow the respondent's profile as the state holds
# it. A person who changes their role mid-way keeps every answer in the state (a mistaken tap on the role loses
# nothing), but only the statements still asked are counted and sent (`only_asked`).


def asked_items(questionnaire: Questionnaire, profile: Mapping[str, str] | None, dimension: Dimension) -> list[Item]:
    """The statements of ``dimension`` asked of a respondent with this profile, in the questionnaire's order."""
    role = role_of(questionnaire, profile)
    return [item for item in dimension.items if is_asked(dimension, item, role)]


def asked_item_ids(questionnaire: Questionnaire, profile: Mapping[str, str] | None) -> list[str]:
    return [
        item.id for dimension in questionnaire.dimensions for item in asked_items(questionnaire, profile, dimension)
    ]


def profile_questions(
    questionnaire: Questionnaire, rules: AnswerRules
) -> list[tuple[str, list[tuple[str, str | dict[str, str]]]]]:
    """The profile questions to ask, in the questionnaire's order, with their options (id, label); an open
    question (the organisation) takes the workshop's list, whose names are their own labels."""
    asked = []
    for question in questionnaire.profile:
        choices = rules.profile_options.get(question.id)
        if not choices:
            continue
        labels = {option.id: option.label for option in question.options}
        asked.append((question.id, [(choice, labels.get(choice, choice)) for choice in choices]))
    return asked


def steps(
    questionnaire: Questionnaire, rules: AnswerRules, profile: Mapping[str, str] | None = None
) -> tuple[Step, ...]:
    """The steps of a response, in order: the profile (if anything is asked), the position questions (if the
    questionnaire has any), one per dimension with at least one statement asked of this profile (no profile: every
    dimension), the summary.

    The one place the order is written: a new kind of step (say, the position questions after the profile) is one
    more entry here, its widgets in `refs_of_step` and its branch in ``app_pages/questionnaire.py``.
    """
    return (
        *((("profile", None),) if rules.profile_options else ()),
        *((("positions", None),) if rules.position_options else ()),
        *(
            ("dimension", index)
            for index, dimension in enumerate(questionnaire.dimensions)
            if asked_items(questionnaire, profile, dimension)
        ),
        ("summary", None),
    )


def step_count(questionnaire: Questionnaire, rules: AnswerRules, profile: Mapping[str, str] | None = None) -> int:
    return len(steps(questionnaire, rules, profile))


def describe_step(
    questionnaire: Questionnaire, rules: AnswerRules, step: int, profile: Mapping[str, str] | None = None
) -> Step:
    """("profile", None), ("positions", None), ("dimension", index) or ("summary", None); a step out of range is
    the summary."""
    return step_in(steps(questionnaire, rules, profile), step)


def step_in(order: tuple[Step, ...], step: int) -> Step:
    """Step ``step`` of the steps ``order`` (`steps`); a step out of range is the summary."""
    return order[step] if 0 <= step < len(order) else ("summary", None)


def step_of_dimension(
    questionnaire: Questionnaire, rules: AnswerRules, index: int, profile: Mapping[str, str] | None = None
) -> int:
    return steps(questionnaire, rules, profile).index(("dimension", index))


def refs_of_step(
    questionnaire: Questionnaire, rules: AnswerRules, step: int, profile: Mapping[str, str] | None = None
) -> list[Ref]:
    """The widgets a step draws: for a dimension, the statements asked of this profile and its comment."""
    kind, index = describe_step(questionnaire, rules, step, profile)
    if kind == "profile":
        return [Ref("profile", question) for question in rules.profile_options]
    if kind == "positions":
        return [Ref("position", key) for key in rules.position_options]
    if kind == "dimension" and index is not None:
        dimension = questionnaire.dimensions[index]
        items = asked_items(questionnaire, profile, dimension)
        return [*(Ref("item", item.id) for item in items), Ref("comment", dimension.id)]
    return []


def unanswered_by_dimension(questionnaire: Questionnaire, state: AnswerState) -> dict[str, list[str]]:
    """Item ids asked and not answered yet (« je ne sais pas » counts as an answer), per dimension id."""
    missing = {}
    for dimension in questionnaire.dimensions:
        asked = asked_items(questionnaire, state.profile, dimension)
        ids = [item.id for item in asked if item.id not in state.answers]
        if ids:
            missing[dimension.id] = ids
    return missing


def not_asked(questionnaire: Questionnaire, state: AnswerState) -> list[Ref]:
    """What the state holds that the respondent is no longer asked (their role changed): answers to statements
    and comments on dimensions with nothing asked. Kept in the state, never sent."""
    asked = set(asked_item_ids(questionnaire, state.profile))
    dimensions = {
        dimension.id for dimension in questionnaire.dimensions if asked_items(questionnaire, state.profile, dimension)
    }
    return [
        *(Ref("item", item_id) for item_id in state.answers if item_id not in asked),
        *(Ref("comment", dimension_id) for dimension_id in state.comments if dimension_id not in dimensions),
    ]


def only_asked(questionnaire: Questionnaire, state: AnswerState) -> AnswerState:
    """The state as it is sent: without what the respondent is no longer asked (the same state if nothing)."""
    dropped = not_asked(questionnaire, state)
    if not dropped:
        return state
    items = {ref.id for ref in dropped if ref.kind == "item"}
    comments = {ref.id for ref in dropped if ref.kind == "comment"}
    return state._changed(
        answers=_frozen({k: v for k, v in state.answers.items() if k not in items}),
        comments=_frozen({k: v for k, v in state.comments.items() if k not in comments}),
    )
