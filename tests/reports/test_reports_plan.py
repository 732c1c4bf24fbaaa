"""The action plan in the PDF and the workbook: each priority in its order, each action with who, when, its
status and the recommendation it comes from; nothing when there is no plan."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from reports_testkit import ROOT, pdf_text, write_responses

from reports.content import build_content
from reports.pdf import render_pdf
from reports.xlsx import render_xlsx
from scoring.batch import score_inputs
from scoring.loader import load_questionnaire
from scoring.plan import Action, ActionPlan, priority_label, recommendation_texts, suggested_priorities

QUESTIONNAIRE = ROOT / "questionnaires" / "express.yaml"


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory):
    model = load_questionnaire(QUESTIONNAIRE)
    responses = write_responses(tmp_path_factory.mktemp("plan") / "responses.csv", model, 30, seed=11)
    result = score_inputs(QUESTIONNAIRE, responses, lang="fr")
    assert result.report is not None
    return result.questionnaire, result.report


def _plan(questionnaire, report) -> ActionPlan:
    priorities = suggested_priorities(report, limit=3)
    recommendation = next(iter(recommendation_texts(questionnaire, report, "fr")))
    actions = [
        Action(
            priority=priorities[0].id, what="Écrire la charte « ensemble »", who="le bureau", due=dt.date(2027, 3, 15)
        ),
        Action(
            priority=priorities[0].id, what='=HYPERLINK("x")', who="", status="doing", recommendation=recommendation
        ),
        Action(priority=priorities[2].id, what="Faire le point en juin", who="la direction", status="done"),
    ]
    return ActionPlan(priorities=priorities, actions=actions)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_holds_the_plan_in_its_order(scored, lang: str) -> None:
    questionnaire, report = scored
    plan = _plan(questionnaire, report)
    text = pdf_text(render_pdf(build_content(questionnaire, report, lang, scope="group", plan=plan)))
    flowing = " ".join(text.split())
    title = {"fr": "Plan d’action", "en": "Action plan"}[lang]
    assert title in flowing
    labels = [" ".join(priority_label(questionnaire, p, lang).split()) for p in plan.priorities]
    # Long statements wrap: their first words are enough to find each priority, in the plan's order.
    places = [flowing.index(f"{n}. {label[:40]}") for n, label in enumerate(labels, start=1)]
    assert places == sorted(places)
    assert "Écrire la charte « ensemble »" in flowing and '=HYPERLINK("x")' in flowing
    assert {"fr": "15/03/2027", "en": "2027-03-15"}[lang] in flowing
    assert {"fr": "En cours", "en": "In progress"}[lang] in flowing
    recommendation = recommendation_texts(questionnaire, report, lang)[plan.actions[1].recommendation]
    assert " ".join(recommendation.split())[:40] in flowing


def test_the_workbook_has_one_row_per_action_and_keeps_formulas_as_text(scored) -> None:
    questionnaire, report = scored
    plan = _plan(questionnaire, report)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(build_content(questionnaire, report, "fr", plan=plan))))
    sheet = book["Plan d’action"]
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    labels = [priority_label(questionnaire, p, "fr") for p in plan.priorities]
    assert [row[0] for row in rows] == [labels[0], labels[0], labels[1], labels[2]]  # the second has no action
    assert rows[0][1:5] == ("Écrire la charte « ensemble »", "le bureau", "15/03/2027", "À faire")
    assert rows[1][1] == '=HYPERLINK("x")' and sheet["B3"].data_type == "s"
    assert (
        rows[1][2] == "—"
        and rows[1][5] == recommendation_texts(questionnaire, report, "fr")[plan.actions[1].recommendation]
    )
    assert rows[2][1:] == (None, None, None, None, None)


def test_no_plan_no_section(scored, tmp_path: Path) -> None:
    questionnaire, report = scored
    content = build_content(questionnaire, report, "fr", plan=ActionPlan())
    assert content.plan == ()
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(content)))
    assert "Plan d’action" not in book.sheetnames
    assert "Plan d’action" not in pdf_text(render_pdf(content))
