"""`Store.save_draft(..., rules=...)`: storage refuses on its own what the rules do not allow, on both databases."""

from __future__ import annotations

import pytest

from storage import AnswerRules, InvalidInput, Store

RULES = AnswerRules(
    scale_min=1,
    scale_max=5,
    allow_na=True,
    item_ids=frozenset({"eth-1", "eth-2"}),
    profile_options={"organisation": frozenset({"Association A", "Fondation B"}), "role": frozenset({"salarie"})},
    max_comment=20,
    comment_keys=frozenset({"ethique"}),
)
VALID = {
    "answers": {"eth-1": 5, "eth-2": None},
    "profile": {"organisation": "Fondation B"},
    "comments": {"ethique": "ok"},
}


def save(store: Store, token: str, **changes: object) -> None:
    draft = {**VALID, **changes}
    store.save_draft(token, questionnaire_id="sante-partenariat", workshop_id=None, step=0, rules=RULES, **draft)  # type: ignore[arg-type]


def test_what_the_rules_allow_is_stored(store: Store) -> None:
    token = store.new_respondent_token()
    save(store, token)
    draft = store.load_draft(token)
    assert draft is not None
    assert (draft.answers, draft.profile, draft.comments) == (VALID["answers"], VALID["profile"], VALID["comments"])


@pytest.mark.parametrize(
    "changes",
    [
        {"answers": {"eth-1": 99}},
        {"answers": {"eth-1": 0}},
        {"answers": {"eth-1": True}},
        {"answers": {"inconnu": 3}},
        {"profile": {"organisation": "Association inventée"}},
        {"profile": {"age": "40"}},
        {"comments": {"ethique": "x" * 21}},
        {"comments": {"autre": "ok"}},
    ],
    ids=["off-scale", "below", "bool", "unknown-item", "made-up-organisation", "unasked", "long", "unknown-dim"],
)
def test_what_the_rules_refuse_is_not_stored(store: Store, changes: dict[str, object]) -> None:
    token = store.new_respondent_token()
    save(store, token)
    with pytest.raises(InvalidInput):
        save(store, token, **changes)
    draft = store.load_draft(token)
    assert draft is not None and draft.answers == VALID["answers"], "the last valid draft is kept"


def test_no_na_when_the_scale_offers_none(store: Store) -> None:
    from dataclasses import replace

    token = store.new_respondent_token()
    with pytest.raises(InvalidInput):
        store.save_draft(
            token,
            questionnaire_id="q",
            workshop_id=None,
            answers={"eth-1": None},
            profile={},
            comments={},
            step=0,
            rules=replace(RULES, allow_na=False),
        )
    assert store.load_draft(token) is None
