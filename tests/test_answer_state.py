"""The answer state and the answer rules, without Streamlit: step functions, reconciliation, what is refused.

The properties are the promises of issue 9 in pure form: whatever the widgets hold and in whatever order they are
looked at, a valid value is never dropped, an invalid one never enters the state, and looking at the state's own
values changes nothing (so that nothing is saved for nothing).
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from scoring.answer_rules import AnswerRules
from storage.inputs import MAX_COMMENT
from ui.answer_state import (
    NOT_APPLICABLE,
    AnswerState,
    Ref,
    Respondent,
    asked_item_ids,
    describe_step,
    not_asked,
    only_asked,
    profile_questions,
    reconcile,
    refs_of_step,
    step_count,
    step_of_dimension,
    steps,
    unanswered_by_dimension,
)
from ui.catalogue import shipped_questionnaires

EXPRESS = shipped_questionnaires()["express"]
ORGANISATIONS = ("ADMR Rennes", "APF France handicap")
RESPONDENT = Respondent(
    token="t" * 22,
    questionnaire_id="express",
    workshop_id=7,
    workshop_code="ABCD-EFGH",
    organisations=ORGANISATIONS,
    asked_profile=("role", "organisation"),
)
RULES = RESPONDENT.rules(EXPRESS, max_comment=MAX_COMMENT)
ITEMS = EXPRESS.item_ids
DIMENSIONS = [dimension.id for dimension in EXPRESS.dimensions]
ROLES = [option.id for option in EXPRESS.profile_field("role").options]  # type: ignore[union-attr]

# What a widget may hold: what the widgets offer, and what a tampered client or a stale session sends.
WIDGET_VALUES = st.one_of(
    st.sampled_from([*RULES.scale_values, NOT_APPLICABLE, None]),
    st.integers(-5, 1000),
    st.text(max_size=8),
    st.booleans(),
    st.floats(allow_nan=True),
    st.sampled_from([*ROLES, *ORGANISATIONS, "Association inventée", "3 · Plutôt d’accord"]),
)
REFS = st.one_of(
    st.builds(Ref, st.just("item"), st.sampled_from([*ITEMS, "inconnu"])),
    st.builds(Ref, st.just("profile"), st.sampled_from(["role", "organisation", "age"])),
    st.builds(Ref, st.just("comment"), st.sampled_from([*DIMENSIONS, "inconnue"])),
)
COMMENTS = st.one_of(st.text(max_size=30), st.just("x" * (MAX_COMMENT + 1)), st.just("avec\x00nul"))
OBSERVATIONS = st.lists(
    st.one_of(
        st.tuples(REFS.filter(lambda r: r.kind != "comment"), WIDGET_VALUES),
        st.tuples(REFS.filter(lambda r: r.kind == "comment"), COMMENTS),
    ),
    max_size=20,
)


def fresh() -> AnswerState:
    return AnswerState.new(RESPONDENT).saved()


def valid(ref: Ref, raw: object) -> bool:
    if ref.kind == "item":
        value = None if raw == NOT_APPLICABLE else raw
        return raw is not None and RULES.answer_problem(ref.id, value) is None
    if ref.kind == "profile":
        return RULES.profile_problem(ref.id, raw) is None
    return isinstance(raw, str) and RULES.comment_problem(ref.id, raw.strip()) is None


def expected_value(ref: Ref, raw: object) -> object:
    if ref.kind == "item":
        return None if raw == NOT_APPLICABLE else raw
    return raw.strip() if isinstance(raw, str) else raw


def stored(state: AnswerState, ref: Ref) -> object:
    return {"item": state.answers, "profile": state.profile, "comment": state.comments}[ref.kind].get(ref.id, "absent")


# ----- the rules ------------------------------------------------------------------------------------------------


@given(WIDGET_VALUES)
@example(True)
@example(99)
@example(None)
def test_an_answer_is_a_whole_number_of_the_scale_or_none(value: object) -> None:
    accepted = RULES.answer_problem(ITEMS[0], value) is None
    on_scale = type(value) is int and EXPRESS.scale.min <= value <= EXPRESS.scale.max  # type: ignore[operator]
    assert accepted == (on_scale or (value is None and EXPRESS.scale.allow_na))


def test_the_rules_of_a_questionnaire_and_a_workshop() -> None:
    assert RULES.profile_options == {"role": tuple(ROLES), "organisation": ORGANISATIONS}
    assert RULES.answer_problem("inconnu", 3) == "unknown_item"
    assert RULES.answer_problem(ITEMS[0], 99) == "off_scale"
    assert RULES.answer_problem(ITEMS[0], "3") == "not_a_whole_number"
    assert RULES.profile_problem("organisation", "Association inventée") == "not_an_option"
    assert RULES.profile_problem("age", "40") == "unknown_question"
    assert RULES.comment_problem(DIMENSIONS[0], "x" * (MAX_COMMENT + 1)) == "too_long"
    assert RULES.comment_problem(DIMENSIONS[0], "a\x00b") == "nul"
    assert RULES.comment_problem("inconnue", "texte") == "unknown_dimension"
    # Alone, the open organisation question has no list: it is not asked, and nothing is accepted for it.
    alone = AnswerRules.for_questionnaire(EXPRESS, max_comment=MAX_COMMENT)
    assert list(alone.profile_options) == ["role"]
    assert alone.profile_problem("organisation", "ADMR Rennes") == "unknown_question"
    # A workshop that asks only the organisation does not accept a role.
    only_organisation = AnswerRules.for_questionnaire(
        EXPRESS, max_comment=MAX_COMMENT, organisations=ORGANISATIONS, asked_profile=[]
    )
    assert only_organisation.profile_options == {}


def test_a_restored_draft_keeps_only_what_the_rules_accept() -> None:
    state = AnswerState.restored(
        RESPONDENT,
        RULES,
        answers={ITEMS[0]: 99, ITEMS[1]: 4, ITEMS[2]: None, "inconnu": 3},
        profile={"organisation": "Association inventée", "role": ROLES[0]},
        comments={DIMENSIONS[0]: "ok", "inconnue": "x"},
        step=2,
        submitted=False,
    )
    assert dict(state.answers) == {ITEMS[1]: 4, ITEMS[2]: None}
    assert dict(state.profile) == {"role": ROLES[0]}
    assert dict(state.comments) == {DIMENSIONS[0]: "ok"}
    assert not state.unsaved


# ----- the step functions ---------------------------------------------------------------------------------------


def test_step_functions_return_new_states_and_mark_them_unsaved() -> None:
    state = fresh()
    answered = state.answer(RULES, ITEMS[0], 4)
    assert dict(answered.answers) == {ITEMS[0]: 4} and answered.unsaved
    assert dict(state.answers) == {} and not state.unsaved  # the old state is untouched
    assert answered.answer(RULES, ITEMS[0], 4) is answered  # the same answer again changes nothing
    na = answered.answer(RULES, ITEMS[1], None)
    assert dict(na.answers) == {ITEMS[0]: 4, ITEMS[1]: None}
    assert dict(na.clear(ITEMS[0]).answers) == {ITEMS[1]: None}
    assert dict(state.set_profile(RULES, "organisation", ORGANISATIONS[1]).profile) == {
        "organisation": ORGANISATIONS[1]
    }
    commented = state.comment(RULES, DIMENSIONS[0], "  Réunions trop rares \n")
    assert dict(commented.comments) == {DIMENSIONS[0]: "Réunions trop rares"}
    assert dict(commented.comment(RULES, DIMENSIONS[0], "   ").comments) == {}
    total = step_count(EXPRESS, RULES)
    assert state.go_to(99, total).step == total - 1
    assert state.go_to(-3, total).step == 0
    assert state.go_to(0, total) is state


def test_a_refused_value_changes_nothing_and_says_why() -> None:
    state = fresh().answer(RULES, ITEMS[0], 2).saved()
    refused = state.answer(RULES, ITEMS[0], 99)
    assert refused.answers == state.answers and not refused.unsaved
    assert refused.refused == {Ref("item", ITEMS[0]): "off_scale"}
    assert refused.answer(RULES, ITEMS[0], 3).refused == {}  # a valid value clears the note
    nul = state.comment(RULES, DIMENSIONS[0], "Réunions\x00")
    assert nul.comments == state.comments and nul.refused == {Ref("comment", DIMENSIONS[0]): "nul"}


def test_saving_submitting_and_the_workshop_status() -> None:
    state = fresh().answer(RULES, ITEMS[0], 2)
    failed = state.save_failed("unavailable")
    assert failed.unsaved and failed.retrying
    assert not failed.saved().unsaved and not failed.saved().retrying
    assert not state.save_failed("refused").retrying  # a refusal will not pass by retrying
    assert not failed.workshop_is("closed").retrying
    sent = failed.sent()
    assert sent.submitted and not sent.unsaved
    taken, after = sent.take_just_submitted()
    assert taken and not after.take_just_submitted()[0]


def test_the_steps_of_a_workshop_questionnaire() -> None:
    assert step_count(EXPRESS, RULES) == 1 + len(DIMENSIONS) + 1
    assert describe_step(EXPRESS, RULES, 0) == ("profile", None)
    assert describe_step(EXPRESS, RULES, 1) == ("dimension", 0)
    assert describe_step(EXPRESS, RULES, len(DIMENSIONS) + 1) == ("summary", None)
    assert step_of_dimension(EXPRESS, RULES, 2) == 3
    assert steps(EXPRESS, RULES) == (
        ("profile", None),
        *(("dimension", index) for index in range(len(DIMENSIONS))),
        ("summary", None),
    )
    assert describe_step(EXPRESS, RULES, -1) == describe_step(EXPRESS, RULES, 99) == ("summary", None)
    assert refs_of_step(EXPRESS, RULES, 0) == [Ref("profile", "role"), Ref("profile", "organisation")]
    first = EXPRESS.dimensions[0]
    assert refs_of_step(EXPRESS, RULES, 1) == [*(Ref("item", i.id) for i in first.items), Ref("comment", first.id)]
    assert [q for q, _ in profile_questions(EXPRESS, RULES)] == ["role", "organisation"]
    organisation = dict(profile_questions(EXPRESS, RULES))["organisation"]
    assert organisation == [(name, name) for name in ORGANISATIONS]
    state = fresh().answer(RULES, first.items[0].id, None)
    assert unanswered_by_dimension(EXPRESS, state)[first.id] == [i.id for i in first.items[1:]]


# ----- reconciliation -------------------------------------------------------------------------------------------


@given(OBSERVATIONS)
@settings(deadline=None, max_examples=300)
@example([(Ref("item", ITEMS[0]), 99), (Ref("profile", "organisation"), "Association inventée")])
@example([(Ref("item", ITEMS[0]), 3), (Ref("item", ITEMS[0]), "3 · Plutôt d’accord")])
def test_reconciliation_keeps_every_valid_value_and_no_invalid_one(observed: list[tuple[Ref, object]]) -> None:
    before = fresh().answer(RULES, ITEMS[1], 5).set_profile(RULES, "role", ROLES[0]).saved()
    result = reconcile(before, RULES, observed)
    state = result.state
    # Nothing invalid ever enters the state.
    assert RULES.valid_only(state.answers, state.profile, state.comments) == (
        dict(state.answers),
        dict(state.profile),
        dict(state.comments),
    )
    for ref in {ref for ref, _ in observed}:
        given_values = [raw for r, raw in observed if r == ref]
        last_valid = [raw for raw in given_values if valid(ref, raw)]
        if last_valid:
            # A valid value is never dropped: the last one given is the state.
            value = expected_value(ref, last_valid[-1])
            assert stored(state, ref) == (value if value != "" else "absent")
        else:
            assert stored(state, ref) == stored(before, ref)
        # A widget left holding something else than the state is put back to the state's value, unless it is a
        # comment with a NUL (left for the person to fix) or a radio without value while the state has none.
        last = given_values[-1]
        left_as_is = (
            valid(ref, last)
            or (ref.kind == "comment" and RULES.comment_problem(ref.id, last) in ("nul", "too_long"))
            or (last is None and state.widget_value(ref) is None)
        )
        if left_as_is:
            assert ref not in result.put_back
        else:
            assert result.put_back[ref] == state.widget_value(ref)
    assert state.unsaved == (
        (state.answers, state.profile, state.comments) != (before.answers, before.profile, before.comments)
    )


@given(OBSERVATIONS)
@settings(deadline=None)
def test_reconciling_twice_changes_nothing_more(observed: list[tuple[Ref, object]]) -> None:
    once = reconcile(fresh(), RULES, observed).state.saved()
    again = reconcile(once, RULES, observed).state
    assert (again.answers, again.profile, again.comments) == (once.answers, once.profile, once.comments)
    assert not again.unsaved


@given(st.lists(st.tuples(st.sampled_from(ITEMS), st.sampled_from([*RULES.scale_values, NOT_APPLICABLE]))))
@settings(deadline=None)
def test_widgets_showing_the_state_change_nothing(answers: list[tuple[str, object]]) -> None:
    state = reconcile(fresh(), RULES, [(Ref("item", i), v) for i, v in answers]).state.saved()
    shown = [(Ref("item", i), state.widget_value(Ref("item", i))) for i in ITEMS]
    result = reconcile(state, RULES, shown)
    assert result.state == state
    assert result.put_back == {}


def test_a_radio_that_lost_its_value_is_put_back() -> None:
    lost = None
    state = fresh().answer(RULES, ITEMS[0], 4).saved()
    result = reconcile(state, RULES, [(Ref("item", ITEMS[0]), lost), (Ref("item", ITEMS[1]), lost)])
    assert result.state.answers == state.answers and not result.state.unsaved
    assert result.put_back == {Ref("item", ITEMS[0]): 4}
    assert result.state.generation == state.generation + 1


@given(
    st.dictionaries(st.sampled_from([*ITEMS, "inconnu"]), st.one_of(st.none(), st.integers(-2, 8), st.booleans())),
    st.dictionaries(st.sampled_from(["role", "organisation", "age"]), st.sampled_from([*ROLES, *ORGANISATIONS, "x"])),
    st.dictionaries(st.sampled_from([*DIMENSIONS, "inconnue"]), st.text(alphabet="ab ", max_size=MAX_COMMENT + 2)),
)
@settings(deadline=None)
def test_storage_refuses_exactly_what_the_app_refuses(
    answers: dict[str, object], profile: dict[str, str], comments: dict[str, str]
) -> None:
    """The rules handed to storage (ui.flow.storage_rules) are the app's, in storage's terms."""
    from storage import InvalidInput
    from ui.flow import storage_rules

    app_accepts = (
        all(RULES.answer_problem(k, v) is None for k, v in answers.items())
        and all(RULES.profile_problem(k, v) is None for k, v in profile.items())
        and all(RULES.comment_problem(k, v) is None for k, v in comments.items())
    )
    try:
        storage_rules(RULES).check(answers, profile, comments)
    except InvalidInput:
        storage_accepts = False
    else:
        storage_accepts = True
    assert storage_accepts == app_accepts


def test_putting_widgets_back_starts_a_new_generation_of_widgets() -> None:
    """The shell draws new widgets for a new generation: Streamlit's browser side does not reliably clear a radio
    told to hold nothing, and what it still shows would come back with the next tap."""
    state = fresh()
    assert reconcile(state, RULES, [(Ref("item", ITEMS[0]), 3)]).state.generation == state.generation
    forged = reconcile(state, RULES, [(Ref("item", ITEMS[0]), 99)]).state
    assert forged.generation == state.generation + 1 and forged.answers == {}


def test_only_the_widgets_put_back_are_drawn_anew() -> None:
    """A radio put back must not replace the comment box the person is typing in (under load its text was lost,
    and a too-long comment's refusal with it), nor another statement's radio that a tap is on its way to."""
    comment, other = Ref("comment", DIMENSIONS[0]), Ref("item", ITEMS[1])
    too_long = "x" * (MAX_COMMENT + 1)
    state = fresh()
    result = reconcile(state, RULES, [(Ref("item", ITEMS[0]), 99), (comment, too_long), (other, 3)])
    after = result.state
    assert result.put_back == {Ref("item", ITEMS[0]): None}
    assert after.generation_of(Ref("item", ITEMS[0])) == state.generation_of(Ref("item", ITEMS[0])) + 1
    assert after.generation_of(comment) == state.generation_of(comment)
    assert after.generation_of(other) == state.generation_of(other)
    assert after.refused[comment] == "too_long" and after.answers == {ITEMS[1]: 3}
    # A second put-back of the same radio gives it a key it never had: the browser draws it anew again.
    again = reconcile(after, RULES, [(Ref("item", ITEMS[0]), 98)]).state
    assert again.generation_of(Ref("item", ITEMS[0])) > after.generation_of(Ref("item", ITEMS[0]))


# ----- each role is asked only its statements (issue 12, ``asked_of``) --------------------------------------------

RAPPROCHEMENT = shipped_questionnaires()["rapprochement"]
R_RULES = AnswerRules.for_questionnaire(RAPPROCHEMENT, max_comment=MAX_COMMENT, organisations=ORGANISATIONS)
ROLE_OF_EACH_STEP = st.sampled_from([None, *ROLES])


def as_role(state: AnswerState, rules: AnswerRules, role: str | None) -> AnswerState:
    return state.set_profile(rules, "role", role)


def test_the_steps_and_their_statements_follow_the_role() -> None:
    # Rapprochement asks a person supported by the association two of its six dimensions (after the profile and
    # the position questions, asked of everyone).
    usager = {"role": "usager"}
    assert steps(RAPPROCHEMENT, R_RULES, usager) == (
        ("profile", None),
        ("positions", None),
        ("dimension", 0),
        ("dimension", 3),
        ("summary", None),
    )
    assert step_count(RAPPROCHEMENT, R_RULES, usager) == 5
    assert step_count(RAPPROCHEMENT, R_RULES, {"role": "direction"}) == 9
    assert step_count(RAPPROCHEMENT, R_RULES) == 9, "no role yet: every statement is asked"
    assert describe_step(RAPPROCHEMENT, R_RULES, 3, usager) == ("dimension", 3)
    assert step_of_dimension(RAPPROCHEMENT, R_RULES, 3, usager) == 3
    projet = RAPPROCHEMENT.dimensions[0]
    assert "pv-1" in [i.id for i in projet.items]
    assert refs_of_step(RAPPROCHEMENT, R_RULES, 2, usager) == [
        *(Ref("item", i.id) for i in projet.items if i.id != "pv-1"),
        Ref("comment", projet.id),
    ]
    # On express, everyone goes through the four dimensions; a person supported is asked 9 of the 12 statements.
    assert step_count(EXPRESS, RULES, {"role": "usager"}) == step_count(EXPRESS, RULES)
    assert len(asked_item_ids(EXPRESS, {"role": "usager"})) == 9
    assert set(ITEMS) - set(asked_item_ids(EXPRESS, {"role": "usager"})) == {"ex-eth-2", "ex-com-2", "ex-gouv-3"}


def test_a_change_of_role_keeps_the_answers_still_asked_and_sends_only_those() -> None:
    state = as_role(fresh(), RULES, "administrateur")
    for item_id in ITEMS:
        state = state.answer(RULES, item_id, 4)
    state = state.comment(RULES, "gouvernance", "Le bureau prépare tout.")
    assert not_asked(EXPRESS, state) == [] and only_asked(EXPRESS, state) is state
    moved = as_role(state.saved(), RULES, "usager")
    # Kept in the state (a mistaken tap on the role loses nothing)...
    assert dict(moved.answers) == dict(state.answers)
    assert not_asked(EXPRESS, moved) == [Ref("item", "ex-eth-2"), Ref("item", "ex-com-2"), Ref("item", "ex-gouv-3")]
    assert unanswered_by_dimension(EXPRESS, moved) == {}
    # ...never sent: the state as sent holds the nine statements asked, and the comment (gouvernance is still asked).
    sent = only_asked(EXPRESS, moved)
    assert set(sent.answers) == set(asked_item_ids(EXPRESS, {"role": "usager"})) and sent.unsaved
    assert dict(sent.comments) == {"gouvernance": "Le bureau prépare tout."}
    # Back to the first role: everything is asked again.
    assert not_asked(EXPRESS, as_role(moved, RULES, "direction")) == []


def test_a_comment_on_a_dimension_no_longer_asked_is_not_sent() -> None:
    state = as_role(AnswerState.new(RESPONDENT), R_RULES, "direction")
    state = state.answer(R_RULES, "mf-1", 2).comment(R_RULES, "moyens-finances", "Budget serré")
    moved = as_role(state, R_RULES, "salarie")
    assert not_asked(RAPPROCHEMENT, moved) == [Ref("item", "mf-1"), Ref("comment", "moyens-finances")]
    sent = only_asked(RAPPROCHEMENT, moved)
    assert dict(sent.answers) == {} and dict(sent.comments) == {}


@given(
    st.lists(st.tuples(st.sampled_from(ITEMS), st.sampled_from([*RULES.scale_values, None]))),
    st.lists(ROLE_OF_EACH_STEP, min_size=1, max_size=4),
)
@settings(deadline=None)
def test_what_is_sent_is_exactly_the_answers_to_statements_asked_of_the_last_role(
    answers: list[tuple[str, int | None]], roles: list[str | None]
) -> None:
    state = fresh()
    for (item_id, value), role in zip(answers, [*roles] * (len(answers) + 1), strict=False):
        state = as_role(state, RULES, role).answer(RULES, item_id, value)
    state = as_role(state, RULES, roles[-1])
    asked = set(asked_item_ids(EXPRESS, state.profile))
    sent = only_asked(EXPRESS, state)
    assert dict(sent.answers) == {k: v for k, v in state.answers.items() if k in asked}
    assert {ref.id for ref in not_asked(EXPRESS, state)} == set(state.answers) - asked
    # Missing and asked: together, the statements asked.
    missing = {i for ids in unanswered_by_dimension(EXPRESS, state).values() for i in ids}
    assert missing | (set(sent.answers) & asked) == asked and not missing & set(sent.answers)
    # The steps of the summary's « go back » buttons exist for every dimension with something missing.
    for index, dimension in enumerate(EXPRESS.dimensions):
        if dimension.id in unanswered_by_dimension(EXPRESS, state):
            assert describe_step(
                EXPRESS, RULES, step_of_dimension(EXPRESS, RULES, index, state.profile), state.profile
            ) == ("dimension", index)


# ----- position questions (issue 15): where the relationship stands today, where one wishes it -------------------

SANTE = shipped_questionnaires()["sante-partenariat"]
S_RULES = AnswerRules.for_questionnaire(SANTE, max_comment=MAX_COMMENT)
STEP_IDS = [step.id for step in SANTE.positions[0].steps]
TODAY, WISHED = "relation.today", "relation.wished"


def test_the_position_questions_are_a_step_of_their_own_with_their_rules() -> None:
    assert S_RULES.position_options == {TODAY: tuple(STEP_IDS), WISHED: tuple(STEP_IDS)}
    assert STEP_IDS[:3] == ["information", "consultation", "concertation"] and STEP_IDS[-1] == "fusion"
    assert steps(SANTE, S_RULES)[:3] == (("profile", None), ("positions", None), ("dimension", 0))
    assert refs_of_step(SANTE, S_RULES, 1) == [Ref("position", TODAY), Ref("position", WISHED)]
    assert "positions" not in [kind for kind, _ in steps(EXPRESS, RULES)], "express asks none"
    assert S_RULES.position_problem(TODAY, "coordination") is None
    assert S_RULES.position_problem(TODAY, None) is None  # « je ne sais pas »
    assert S_RULES.position_problem(TODAY, "fusion-absorption") == "not_a_step"
    assert S_RULES.position_problem(TODAY, 3) == "not_a_step"
    assert S_RULES.position_problem("relation.demain", "fusion") == "unknown_position"
    assert RULES.position_problem(TODAY, "fusion") == "unknown_position"


def test_placing_the_relationship_today_and_wished() -> None:
    state = AnswerState.new(RESPONDENT).saved()
    placed = state.place(S_RULES, TODAY, "coordination").place(S_RULES, WISHED, "cooperation")
    assert dict(placed.positions) == {TODAY: "coordination", WISHED: "cooperation"} and placed.unsaved
    assert placed.place(S_RULES, TODAY, "coordination").positions == placed.positions
    unknown = placed.place(S_RULES, WISHED, None)
    assert dict(unknown.positions) == {TODAY: "coordination", WISHED: None}
    refused = placed.saved().place(S_RULES, TODAY, "fusion-absorption")
    assert refused.positions == placed.positions and not refused.unsaved
    assert refused.refused == {Ref("position", TODAY): "not_a_step"}
    # What the radio shows: the step, « je ne sais pas », or nothing yet.
    assert unknown.widget_value(Ref("position", TODAY)) == "coordination"
    assert unknown.widget_value(Ref("position", WISHED)) == NOT_APPLICABLE
    assert state.widget_value(Ref("position", TODAY)) is None
    restored = AnswerState.restored(
        RESPONDENT,
        S_RULES,
        answers={},
        profile={},
        comments={},
        positions={TODAY: "fusion", WISHED: "inventée", "ailleurs.today": "fusion"},
        step=1,
        submitted=False,
    )
    assert dict(restored.positions) == {TODAY: "fusion"}


POSITION_VALUES = st.one_of(
    st.sampled_from([*STEP_IDS, NOT_APPLICABLE, None, "fusion-absorption", "Coordination", ""]),
    st.integers(0, 9),
    st.text(max_size=6),
)


@given(st.lists(st.tuples(st.sampled_from([TODAY, WISHED, "relation.demain"]), POSITION_VALUES), max_size=12))
@settings(deadline=None)
def test_reconciling_positions_keeps_the_last_valid_step_and_nothing_invalid(observed: list) -> None:
    before = AnswerState.new(RESPONDENT).place(S_RULES, TODAY, "information").saved()
    result = reconcile(before, S_RULES, [(Ref("position", key), raw) for key, raw in observed])
    state = result.state
    assert S_RULES.valid_positions(state.positions) == dict(state.positions)
    for key in {key for key, _ in observed}:
        given_values = [raw for k, raw in observed if k == key]
        valid = [
            raw
            for raw in given_values
            if raw is not None and S_RULES.position_problem(key, None if raw == NOT_APPLICABLE else raw) is None
        ]
        if valid:
            assert state.positions[key] == (None if valid[-1] == NOT_APPLICABLE else valid[-1])
        else:
            assert state.positions.get(key, "absent") == before.positions.get(key, "absent")
    assert state.unsaved == (state.positions != before.positions)


@given(
    st.dictionaries(st.sampled_from([TODAY, WISHED, "relation.demain"]), POSITION_VALUES.filter(lambda v: v != "na"))
)
@settings(deadline=None)
def test_storage_refuses_exactly_the_positions_the_app_refuses(positions: dict[str, object]) -> None:
    from storage import InvalidInput
    from ui.flow import storage_rules

    app_accepts = all(S_RULES.position_problem(k, v) is None for k, v in positions.items())
    try:
        storage_rules(S_RULES).check({}, {}, {}, positions)
    except InvalidInput:
        storage_accepts = False
    else:
        storage_accepts = True
    assert storage_accepts == app_accepts
