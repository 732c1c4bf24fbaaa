"""A statement not asked of a respondent's role counts for nothing, wherever the answers come from.

The answering flow never asks a « salarié » whether « our board merely rubber-stamps decisions » (express.yaml's
ex-gouv-3 is asked of administrateur and direction only). A paper form typed in whole, a response file or a tampered
client may still carry that answer: the engine (command line, own results, reports) and the privacy admission
(every group screen) leave it out.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.asking import items_for
from scoring.engine import score_responses
from scoring.loader import load_questionnaire
from scoring.privacy import StoredResponse, clean
from scoring.privacy.records import WorkshopSpec
from scoring.responses_io import read_response_table

ROOT = Path(__file__).resolve().parents[2]
EXPRESS = load_questionnaire(ROOT / "questionnaires" / "express.yaml")
ROLES = [option.id for option in EXPRESS.profile_field("role").options]
ITEMS = [item.id for item in EXPRESS.items]
BOARD_ONLY = "ex-gouv-3"  # asked of administrateur and direction only


def _rows(roles: list[str | None], value: int) -> pd.DataFrame:
    frame = pd.DataFrame({item_id: [float(value)] * len(roles) for item_id in ITEMS})
    frame.insert(0, "role", pd.Series(roles, dtype="string"))
    return frame


def test_the_board_statement_answered_by_staff_is_left_out() -> None:
    frame = _rows(["salarie", "salarie", "direction"], 5)
    frame.loc[2, BOARD_ONLY] = 1.0
    report = score_responses(EXPRESS, frame)
    board = report.item(BOARD_ONLY)
    assert board.n == 1  # only the director's answer
    assert board.distribution == {1: 1, 2: 0, 3: 0, 4: 0, 5: 0}
    # The staff's other answers still count in full.
    assert report.item("ex-gouv-4").n == 3


def test_an_unknown_or_missing_role_keeps_every_answer() -> None:
    report = score_responses(EXPRESS, _rows([None, "pirate"], 4))
    assert report.item(BOARD_ONLY).n == 2


def test_a_response_file_is_read_with_the_same_rule(tmp_path: Path) -> None:
    header = "respondent,role," + ",".join(ITEMS)
    lines = [header, "a,salarie," + ",".join(["5"] * len(ITEMS)), "b,administrateur," + ",".join(["2"] * len(ITEMS))]
    path = tmp_path / "paper.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table, _ = read_response_table(path, EXPRESS)
    before = table.codes.copy()
    report = score_responses(EXPRESS, table)
    assert report.item(BOARD_ONLY).distribution == {1: 0, 2: 1, 3: 0, 4: 0, 5: 0}  # the administrator's 2 only
    assert np.array_equal(table.codes, before)  # the file as read is not written to


def test_the_admission_leaves_it_out_and_counts_it_for_the_facilitator() -> None:
    spec = WorkshopSpec(EXPRESS, ("role", "organisation"), ())
    answers = dict.fromkeys(ITEMS, 4)
    staff = clean(spec, StoredResponse(1, answers, {"role": "salarie"}))
    assert BOARD_ONLY not in staff.answers and staff.invalid == 1
    assert len(staff.answers) == len(ITEMS) - 1
    director = clean(spec, StoredResponse(2, answers, {"role": "direction"}))
    assert director.answers[BOARD_ONLY] == 4 and director.invalid == 0


@settings(deadline=None, max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([*ROLES, None]),
            st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=len(ITEMS), max_size=len(ITEMS)),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_scoring_equals_scoring_only_what_each_role_is_asked(rows: list[tuple[str | None, list[int | None]]]) -> None:
    """Whatever the rows, the scores are those of the same rows with the not-asked answers blanked beforehand."""
    raw = pd.DataFrame([[np.nan if v is None else float(v) for v in values] for _, values in rows], columns=ITEMS)
    raw.insert(0, "role", pd.Series([role for role, _ in rows], dtype="string"))
    blanked = raw.copy()
    for position, (role, _) in enumerate(rows):
        asked = {item.id for item in items_for(EXPRESS, {"role": role})}
        for item_id in ITEMS:
            if item_id not in asked:
                blanked.loc[position, item_id] = np.nan
    left, right = score_responses(EXPRESS, raw), score_responses(EXPRESS, blanked)
    for item_id in ITEMS:
        assert left.item(item_id).n == right.item(item_id).n
    for mine, theirs in zip(left.dimensions, right.dimensions, strict=True):
        assert (mine.score is None and theirs.score is None) or math.isclose(mine.score, theirs.score)
