"""Answers given on paper: template -> filled by a script -> upload checks -> import -> the dashboard's figures
equal ``score``'s JSON for the same file; a wrong file is refused with located problems and imports nothing."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import openpyxl
import pytest

from i18n import translate
from reports.paper import blank_template_xlsx, paper_questionnaire_pdf
from scoring.batch import score_file
from scoring.rounding import format_number
from tests.app.test_workshop_pages import EXPRESS, dashboard
from ui.catalogue import get_questionnaire
from ui.paper_answers import import_paper_answers, read_paper_answers

ORGANISATIONS = ["Association A", "Association B"]


@pytest.fixture
def workshop():
    from storage import Store

    store = Store()
    created = store.create_workshop(
        title="Atelier papier",
        questionnaire_id=EXPRESS,
        organisations=ORGANISATIONS,
        profile_fields=["role", "organisation"],
        show_results_to_participants=False,
    )
    view = store.workshop_for_facilitator(created.facilitator_key)
    store.close()
    return created.facilitator_key, view


def filled_template(rows: int, *, seed: int = 5, bad: dict[tuple[int, str], object] | None = None) -> bytes:
    """The blank template filled in as a facilitator would, cell by cell, under its own header."""
    questionnaire = get_questionnaire(EXPRESS)
    book = openpyxl.load_workbook(io.BytesIO(blank_template_xlsx(questionnaire, "fr", organisations=ORGANISATIONS)))
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    chance = random.Random(seed)
    for row in range(2, rows + 2):
        for column, header in enumerate(headers, start=1):
            if header == "respondent":
                value: object = f"feuille {row - 1}"
            elif header == "role":
                value = chance.choice(["administrateur", "salarie", "benevole"])
            elif header == "organisation":
                value = ORGANISATIONS[row % 2]
            else:
                value = chance.choice([1, 2, 3, 4, 5, 5, 4, "NSP", None])
            if bad and (row, header) in bad:
                value = bad[(row, header)]
            sheet.cell(row=row, column=column).value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_template_says_what_each_column_is_and_offers_the_scale() -> None:
    questionnaire = get_questionnaire(EXPRESS)
    book = openpyxl.load_workbook(io.BytesIO(blank_template_xlsx(questionnaire, "fr", organisations=ORGANISATIONS)))
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers == ["respondent", "role", "organisation", *questionnaire.item_ids]
    first_item = sheet.cell(row=1, column=4)
    assert questionnaire.items[0].text["fr"] in first_item.comment.text
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert '"1,2,3,4,5,NSP"' in lists
    assert '"Association A,Association B"' in lists
    assert any("administrateur" in formula for formula in lists)
    assert sheet.freeze_panes == "D2"


def test_the_paper_questionnaire_lists_every_statement() -> None:
    from pypdf import PdfReader

    questionnaire = get_questionnaire(EXPRESS)
    reader = PdfReader(io.BytesIO(paper_questionnaire_pdf(questionnaire, "fr", organisations=ORGANISATIONS)))
    text = " ".join((page.extract_text() or "") for page in reader.pages).replace("\n", " ")
    for item in questionnaire.items:
        assert item.text["fr"].split()[0] in text
    assert "Association A" in text and "NSP" in text


def test_round_trip_template_filled_imported_equals_score(workshop, tmp_path: Path) -> None:
    key, view = workshop
    data = filled_template(9)
    questionnaire = get_questionnaire(EXPRESS)
    reading = read_paper_answers(data, "rempli.xlsx", questionnaire, ORGANISATIONS, "fr")
    assert reading.problems == [] and len(reading.answers) == 9
    assert import_paper_answers(view, reading) == 9

    from storage import Store

    store = Store()
    store.set_workshop_status(key, "closed")
    store.close()
    filled = tmp_path / "rempli.xlsx"
    filled.write_bytes(data)
    out = tmp_path / "score.json"
    assert score_file(str(Path("questionnaires") / f"{EXPRESS}.yaml"), str(filled), output=str(out)) == 0
    expected = json.loads(out.read_text(encoding="utf-8"))

    app = dashboard(key)
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[translate("dashboard.submitted", "fr")] == "9"
    assert metrics[translate("results.overall", "fr")] == format_number(expected["overall"]["score"], "fr")
    table = app.table[0].value  # the dimensions' table, a static one
    scores = list(table[translate("results.col_score", "fr")])
    assert scores == [format_number(d["score"], "fr") for d in expected["dimensions"]]


def test_a_wrong_file_is_refused_with_located_problems_and_imports_nothing(workshop) -> None:
    _key, view = workshop
    questionnaire = get_questionnaire(EXPRESS)
    first_item = questionnaire.item_ids[0]
    data = filled_template(4, bad={(3, first_item): 9, (4, "organisation"): "Association Z"})
    reading = read_paper_answers(data, "rempli.xlsx", questionnaire, ORGANISATIONS, "fr")
    assert reading.answers == []  # a value out of the scale: the reader refuses the whole file
    assert any("ligne 3" in problem and first_item in problem for problem in reading.problems)

    data = filled_template(4, bad={(4, "organisation"): "Association Z"})
    reading = read_paper_answers(data, "rempli.xlsx", questionnaire, ORGANISATIONS, "fr")
    assert reading.problems == [
        translate(
            "paper.unknown_value",
            "fr",
            row=4,
            column="organisation",
            value="Association Z",
            allowed="Association A, Association B",
        )
    ]

    from storage import Store

    store = Store()
    assert store.workshop_counts(view.id) == (0, 0)
    store.close()


def test_an_imported_batch_is_published_as_submissions_are(workshop) -> None:
    """Paper answers go through the publication rule at the import (a write), with the workshop still open: four
    imported at once are all in the shown results, and the dashboard, which only reads, shows them."""
    key, view = workshop
    reading = read_paper_answers(filled_template(4), "rempli.xlsx", get_questionnaire(EXPRESS), ORGANISATIONS, "fr")
    assert import_paper_answers(view, reading) == 4
    app = dashboard(key)
    captions = [c.value for c in app.caption]
    assert translate("dashboard.counted", "fr", count=4) in captions


def test_an_answer_to_a_statement_not_asked_of_the_row_s_role_is_left_out_and_said() -> None:
    """The template has a column for every statement; « ex-gouv-3 » (the board's) is asked of the board and the
    direction only. A staff member's answer typed there is dropped at the import, with a line saying so, and never
    reaches the workshop as a value the facilitator would be told someone tampered with."""
    questionnaire = get_questionnaire(EXPRESS)
    bad = {(2, "role"): "salarie", (2, "ex-gouv-3"): 5, (3, "role"): "administrateur", (3, "ex-gouv-3"): 2}
    reading = read_paper_answers(filled_template(2, bad=bad), "rempli.xlsx", questionnaire, ORGANISATIONS, "fr")
    staff, board = reading.answers
    assert "ex-gouv-3" not in staff and board["ex-gouv-3"] == 2
    assert translate("paper.not_asked", "fr", count=1) in reading.warnings
    english = read_paper_answers(filled_template(2, bad=bad), "rempli.xlsx", questionnaire, ORGANISATIONS, "en")
    assert any(w.startswith("1 answer is to a statement that is not asked") for w in english.warnings)
