"""Properties of the scoring engine that must hold for any answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_testkit import ITEMS, SMALL

from scoring.engine import score_responses
from scoring.loader import load_questionnaire
from scoring.model import Questionnaire

QUESTIONNAIRE = load_questionnaire(SMALL)
PROPERTIES = settings(max_examples=60, deadline=None)

answer = st.one_of(st.none(), st.integers(1, 5))
respondent = st.tuples(st.lists(answer, min_size=len(ITEMS), max_size=len(ITEMS)), st.sampled_from(["A", "B", ""]))
respondents = st.lists(respondent, max_size=14)


def frame_of(rows: list[tuple[list[int | None], str]]) -> pd.DataFrame:
    frame = pd.DataFrame([[np.nan if v is None else v for v in row] for row, _ in rows], columns=ITEMS, dtype=float)
    frame["organisation"] = [organisation for _, organisation in rows]
    return frame


def all_scores(report) -> tuple[list[float], list[float]]:
    """Every score or mean, and every consensus, of a report and of its groups."""
    scores, consensus = [], []
    parts = [(report.overall, report.dimensions, report.items)]
    parts += [(g.overall, g.dimensions, g.items) for g in report.groups.get("organisation", {}).values() if g.overall]
    for overall, dimensions, items in parts:
        scores.append(overall.score)
        for d in dimensions:
            scores += [d.score, d.median, d.min, d.max, d.q1, d.q3]
            consensus.append(d.consensus)
        for i in items:
            scores.append(i.mean)
            consensus.append(i.consensus)
    scores += report.respondents[["overall", "alpha", "beta"]].to_numpy().ravel().tolist()
    return [s for s in scores if s is not None and s == s], [c for c in consensus if c is not None]


@PROPERTIES
@given(respondents)
def test_scores_within_0_100_and_consensus_within_0_1(rows):
    report = score_responses(QUESTIONNAIRE, frame_of(rows), group_by="organisation")
    scores, consensus = all_scores(report)
    assert all(0 <= s <= 100 for s in scores)
    assert all(0 <= c <= 1 for c in consensus)


def with_reverse_flipped(questionnaire: Questionnaire, item_id: str) -> Questionnaire:
    data = questionnaire.model_dump()
    for dimension in data["dimensions"]:
        for item in dimension["items"]:
            if item["id"] == item_id:
                item["reverse"] = not item["reverse"]
    return Questionnaire.model_validate(data, context={"language": questionnaire.language})


@PROPERTIES
@given(respondents, st.sampled_from(ITEMS))
def test_flipping_reverse_while_mirroring_answers_changes_no_score(rows, item_id):
    frame = frame_of(rows)
    mirrored = frame.copy()
    mirrored[item_id] = 1 + 5 - mirrored[item_id]  # min + max − v
    original = score_responses(QUESTIONNAIRE, frame, group_by="organisation")
    flipped = score_responses(with_reverse_flipped(QUESTIONNAIRE, item_id), mirrored, group_by="organisation")
    # Consensus is on raw answers, and mirroring a distribution leaves it unchanged: the whole JSON is equal.
    assert flipped.to_json() == original.to_json()
    assert np.allclose(
        flipped.respondents[["overall", "alpha", "beta"]], original.respondents[["overall", "alpha", "beta"]],
        equal_nan=True,
    )  # fmt: skip


@PROPERTIES
@given(respondents, st.randoms(use_true_random=False))
def test_shuffling_respondents_changes_nothing(rows, random):
    frame = frame_of(rows)
    order = list(range(len(frame)))
    random.shuffle(order)
    shuffled = frame.iloc[order]
    original = score_responses(QUESTIONNAIRE, frame, group_by="organisation")
    again = score_responses(QUESTIONNAIRE, shuffled, group_by="organisation")
    assert again.to_json() == original.to_json()
    # Each respondent keeps her own scores (the frame keeps the index it was given).
    assert np.allclose(
        again.respondents.sort_index()[["overall", "alpha", "beta"]],
        original.respondents[["overall", "alpha", "beta"]],
        equal_nan=True,
    )


@PROPERTIES
@given(respondents)
def test_a_respondent_who_answered_nothing_changes_no_score(rows):
    frame = frame_of(rows)
    silent = pd.concat([frame, frame_of([([None] * len(ITEMS), "")])], ignore_index=True)
    before = score_responses(QUESTIONNAIRE, frame, group_by="organisation").to_json()
    after = score_responses(QUESTIONNAIRE, silent, group_by="organisation").to_json()
    assert after["n_respondents"] == before["n_respondents"] + 1
    after["n_respondents"] = before["n_respondents"]
    assert after == before
