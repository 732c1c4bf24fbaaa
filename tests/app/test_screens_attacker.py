"""A facilitator comparing screens cannot derive one person's answer, checked against the real pages.

The facilitator keeps every screen the app draws (dashboard, projection, group results) after each submission,
knows who sent what when and who is in which role and organisation, and solves every figure those pages were given
as linear equations, with the attacker's own exact solver (`tests/scoring/privacy_testkit.py`, not the
production audit). The submissions replay the four attacks of issue 9: a role group growing from 3 to 4, a
statement over 6 then 7 answers with « je ne sais pas », a person alone at a role × organisation crossing, and
someone answering one statement only of a dimension. The pages run through AppTest; what they are handed is caught
on its way from `ui.workshops.results_for`, and what they draw is checked to be that report.
"""

from __future__ import annotations

from typing import Any

import pytest

from i18n import translate
from scoring.rounding import format_number
from storage.codes import projection_token_for
from tests.app.test_workshop_results import EXPRESS, Seeded, dashboard, page, seeded  # noqa: F401
from tests.scoring.privacy_testkit import Attacker, Screen, check_versions
from ui import workshops

ITEMS = [item.id for item in EXPRESS.items]

# (role, organisation, answers): 1–5, None for « je ne sais pas », missing for a statement left out.
SENT: list[tuple[str, str, dict[str, int | None]]] = [
    ("administrateur", "Association A", {i: 1 + n % 5 for n, i in enumerate(ITEMS)}),
    ("administrateur", "Association A", {i: 1 + (n + 1) % 5 for n, i in enumerate(ITEMS)}),
    ("administrateur", "Association B", {i: 1 + (n + 3) % 5 for n, i in enumerate(ITEMS)}),
    # The fourth administrator: the role group would go from 3 to 4.
    ("administrateur", "Association B", {i: 1 + (2 * n) % 5 for n, i in enumerate(ITEMS)}),
    # « Je ne sais pas » on the first statement: that statement moves on fewer people than the rest.
    ("salarie", "Association A", {**{i: 1 + (n + 2) % 5 for n, i in enumerate(ITEMS)}, ITEMS[0]: None}),
    ("salarie", "Association A", {**{i: 1 + (3 * n) % 5 for n, i in enumerate(ITEMS)}, ITEMS[0]: None}),
    ("salarie", "Association B", {i: 1 + (n + 4) % 5 for n, i in enumerate(ITEMS)}),
    # Alone as a direction member, and in Association B: alone at that crossing.
    ("direction", "Association B", {i: 1 + (4 * n + 1) % 5 for n, i in enumerate(ITEMS)}),
    # One statement only of the first dimension (the others of it left out), the rest answered.
    ("salarie", "Association B", {i: 2 + n % 4 for n, i in enumerate(ITEMS) if i not in ITEMS[1:3]}),
    ("benevole", "Association A", {i: 5 - n % 5 for n, i in enumerate(ITEMS)}),
]


def _send(workshop: Seeded, role: str, organisation: str, answers: dict[str, int | None]) -> None:
    token = workshop.store.new_respondent_token()
    workshop.store.save_draft(
        token,
        questionnaire_id=EXPRESS.id,
        workshop_id=workshop.workshop_id,
        answers=answers,
        profile={"role": role, "organisation": organisation},
        comments={},
        step=6,
    )
    assert workshop.store.submit(token)
    workshops.publish_round(workshop.store, workshop.spec, workshop.workshop_id)  # what the app does after a submit


def _drawn_scores(app: Any) -> list[str]:
    """The dimension scores of the page's table, as drawn (a static table: `ui.workshop_view.dimensions_table`)."""
    table = app.table[0].value
    return list(table[translate("results.col_score", "fr")])


def test_every_screen_of_a_workshop_solved_together_gives_nobody_away(
    seeded: Seeded,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handed: list[Any] = []
    real = workshops.results_for

    def caught(workshop):
        results = real(workshop)
        handed.append(results.report if results is not None else None)
        return results

    monkeypatch.setattr(workshops, "results_for", caught)
    projection = projection_token_for(seeded.key)
    attacker = Attacker(EXPRESS, {})
    reports: list[Any] = []
    for n, (role, organisation, answers) in enumerate(SENT, start=1):
        _send(seeded, role, organisation, answers)
        if n == len(SENT):
            seeded.close()  # the last screens are those of the closed workshop
        if n < 2:
            continue
        state = seeded.store.publication_state(seeded.workshop_id)
        responses, record = workshops._planner_inputs(state)
        attacker.responses = {r.id: r for r in responses}
        before = len(handed)
        board = dashboard(seeded, group_by="role" if n % 2 else "organisation")
        page("app_pages/projection.py", p=projection)
        page("app_pages/group_results.py", code=seeded.code)
        reports = [r for r in handed[before:] if r is not None]
        assert (n >= 3) == bool(reports), n  # the first batch is shown at three, while the workshop is open
        for report in reports:
            assert report == reports[0]  # every page of one moment is handed one and the same report
            attacker.watch(Screen(report, record))
        if reports:  # what the dashboard draws is that report, not a figure of its own
            assert _drawn_scores(board) == [
                format_number(d.score, "fr", 1, missing=translate("results.insufficient", "fr"))
                for d in reports[0].dimensions
            ]
        check_versions(record, EXPRESS.min_group_size)
    assert attacker.figures > 0
    admitted = sorted(record.admitted)
    assert len(admitted) == 9  # by batches of three: the tenth, alone at closing, stays out
    assert attacker.determined(admitted) == []
    # The attacks had something to work with, and the rule answered each.
    final = reports[-1]
    roles = {g.value: g for g in final.groups("role")}
    # Four administrators counted, but their group shows the version of three until three more come (not 3 → 4).
    assert roles["administrateur"].status == "shown" and roles["administrateur"].people == 3
    assert roles["direction"].status != "shown" and roles["direction"].people is None  # alone: nothing, not even 1
    withheld = [
        (g.field, g.value, f.id)
        for groups in final.breakdowns.values()
        for g in groups
        for f in (*g.dimensions, *g.items)
        if f.status == "withheld"
    ]
    assert withheld, "nothing withheld: the scenario did not exercise the audit"
