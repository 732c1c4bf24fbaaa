"""The three steps as a path: where a group stands, read from the shown answers to « Préparer un rapprochement »'s
statements on the diagnostic, the opportunity study and the feasibility study (001:128-137)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.loader import load_questionnaire
from scoring.privacy import hide_small_counts
from scoring.steps import PATH, asks_the_path, path_state

QUESTIONNAIRES = Path(__file__).resolve().parents[2] / "questionnaires"
RAPPROCHEMENT = load_questionnaire(QUESTIONNAIRES / "rapprochement.yaml")


def report_of(*people: dict[str, int | None]):
    frame = responses_frame(RAPPROCHEMENT, list(people), [{}] * len(people))
    return score_responses(RAPPROCHEMENT, frame)


@pytest.mark.parametrize(
    ("answers", "statuses", "current"),
    [
        # The three steps made (mean 100 ≥ 75): the group is at the decision.
        ({"dc-1": 5, "dc-8": 5, "dc-3": 5}, ("done", "done", "done"), "decision"),
        # Diagnostic made, opportunity halfway (50: « à surveiller »), feasibility not made.
        ({"dc-1": 5, "dc-8": 3, "dc-3": 1}, ("done", "partly", "not_done"), "opportunite"),
        # Nothing made yet.
        ({"dc-1": 1, "dc-8": 1, "dc-3": 1}, ("not_done", "not_done", "not_done"), "diagnostic"),
        # A step answered « je ne sais pas » is not taken as made.
        ({"dc-1": 5, "dc-8": None, "dc-3": 5}, ("done", "unknown", "done"), "opportunite"),
        # The 75 boundary belongs to « point fort », as in step 6 of the method (4 on 1-5 is 75).
        ({"dc-1": 4, "dc-8": 4, "dc-3": 4}, ("done", "done", "done"), "decision"),
    ],
)
def test_where_the_group_stands(answers: dict, statuses: tuple, current: str) -> None:
    state = path_state(RAPPROCHEMENT, report_of(answers, answers, answers))
    assert tuple(state.statuses[step.id] for step in PATH[:3]) == statuses
    assert state.current == current
    assert state.statuses["decision"] == "unknown"  # the board's, never ticked by the tool


def test_no_answer_to_the_steps_places_nobody() -> None:
    state = path_state(RAPPROCHEMENT, report_of({"pv-1": 4}, {"pv-1": 4}, {"pv-1": 4}))
    assert state.current is None and set(state.statuses.values()) == {"unknown"}
    assert path_state(RAPPROCHEMENT, None).current is None


def test_a_figure_hidden_by_the_privacy_rules_is_not_read() -> None:
    # Only two people answered dc-1: a group screen shows no mean, so the path does not use one.
    people = [{"dc-1": 5, "dc-8": 5, "dc-3": 5}, {"dc-1": 5, "dc-8": 5, "dc-3": 5}, {"dc-8": 5, "dc-3": 5}]
    shown = hide_small_counts(report_of(*people), RAPPROCHEMENT.min_group_size)
    state = path_state(RAPPROCHEMENT, shown)
    assert state.statuses["diagnostic"] == "unknown" and state.current == "diagnostic"


def test_only_a_questionnaire_with_the_steps_statements_shows_the_path() -> None:
    assert asks_the_path(RAPPROCHEMENT)
    assert not asks_the_path(load_questionnaire(QUESTIONNAIRES / "sante-partenariat.yaml"))


def test_each_step_cites_the_method_it_comes_from() -> None:
    assert [step.id for step in PATH] == ["diagnostic", "opportunite", "faisabilite", "decision"]
    assert all(step.source.startswith("001:") for step in PATH)
