"""A workshop's comparison of organisations and its before/after in the PDF and the workbook
(reports.comparison_content, the « gaps » section of the template, the comparison and « not compared » sheets): the
figures of the comparison the screens show, rounded as the JSON rounds them."""

from __future__ import annotations

import io

import openpyxl
import pytest
from reports_testkit import ROOT, pdf_text

from reports.comparison_content import comparison_section, with_comparisons, with_waves
from reports.content import build_content
from reports.pdf import document_data, render_pdf
from reports.xlsx import render_xlsx
from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.loader import load_questionnaire
from scoring.model import Questionnaire
from scoring.privacy import PublicationRecord, StoredResponse, WorkshopSpec, plan_publication, shown_report
from scoring.privacy.comparison import compare
from scoring.privacy.waves import compare_waves

RAPPROCHEMENT = load_questionnaire(ROOT / "questionnaires" / "rapprochement.yaml")
ORGANISATIONS = ("Les Tilleuls", "=Entraide 93")  # the second would be a formula in a careless workbook


def answers(questionnaire: Questionnaire, organisation: int, person: int) -> dict[str, int]:
    """The first organisation agrees more than the second; people of one organisation differ a little."""
    return {
        item.id: max(1, min(5, (4 if organisation == 0 else 2) + ((k + person) % 3) - 1))
        for k, item in enumerate(questionnaire.items)
    }


def workshop(questionnaire: Questionnaire, sizes=(4, 3)):
    rows = [
        (answers(questionnaire, org, person), {"role": "direction", "organisation": ORGANISATIONS[org]})
        for org, size in enumerate(sizes)
        for person in range(size)
    ]
    spec = WorkshopSpec(questionnaire, ("role", "organisation"), ORGANISATIONS)
    stored = [StoredResponse(n, a, p) for n, (a, p) in enumerate(rows, start=1)]
    plan = plan_publication(spec, stored, PublicationRecord())
    record = PublicationRecord(plan.round, dict.fromkeys(plan.admit, plan.round), plan.versions)
    shared = shown_report(spec, stored, record)
    engine = score_responses(questionnaire, responses_frame(questionnaire, [a for a, _ in rows], [p for _, p in rows]))
    return shared, engine


def content(lang: str):
    shared, engine = workshop(RAPPROCHEMENT)
    base = build_content(RAPPROCHEMENT, engine, lang, scope="group", title="Rapprochement")
    return shared, with_comparisons(base, RAPPROCHEMENT, shared, ["role", "organisation"])


def test_the_section_holds_the_comparison_s_figures_rounded() -> None:
    shared, _ = workshop(RAPPROCHEMENT)
    comparison = compare(RAPPROCHEMENT, shared, "organisation")
    section = comparison_section(RAPPROCHEMENT, shared, "organisation", "fr")
    assert section is not None
    assert section.groups == ("Les Tilleuls (4)", "=Entraide 93 (3)")
    first = comparison.dimensions[0]
    assert section.dimensions[0].gap == round(first.gap, 1)
    assert section.dimensions[0].balanced == round(comparison.balanced.dimension(first.id).score, 1)
    assert len(section.items) == len(RAPPROCHEMENT.items)
    assert [r.gap for r in section.items if r.gap is not None] == sorted(
        (r.gap for r in section.items if r.gap is not None), reverse=True
    )
    # One role only: nothing to compare by role, so no section for it.
    assert comparison_section(RAPPROCHEMENT, shared, "role", "fr") is None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_shows_the_comparison(lang: str) -> None:
    _, report = content(lang)
    assert [s.field_id for s in report.comparisons] == ["organisation"]
    data, files = document_data(report)
    kinds = [block["kind"] for block in data["sections"]]
    assert "comparison-1.svg" in files and kinds.count("gaps") == 3
    text = pdf_text(render_pdf(report))
    words = {
        "fr": ["Comparaison par organisation", "Écarts par dimension", "Une voix par groupe"],
        "en": ["Comparison by organisation", "Gaps per dimension", "One voice per group"],
    }[lang]
    for word in words:
        assert word in text
    assert "Les Tilleuls · 4" in text  # the radar's legend, each group with its size


def test_the_workbook_has_a_comparison_sheet_with_numbers_and_names_as_text() -> None:
    _, report = content("fr")
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    sheet = book["Comparaison (Organisation)"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Niveau de lecture",
        "Élément",
        "Les Tilleuls (4)",
        "=Entraide 93 (3)",
        "Écart",
        "Une voix par groupe",
        "Qui diffère",
    )
    assert sheet.cell(row=1, column=4).data_type == "s"  # a name, never a formula
    section = report.comparisons[0]
    first = rows[1]
    assert first[0] == "Dimension" and first[1] == section.dimensions[0].label
    assert first[2:6] == (*section.dimensions[0].figures, section.dimensions[0].gap, section.dimensions[0].balanced)
    assert all(isinstance(v, int | float) for v in first[2:6])  # numbers, not text
    divides = {row[6] for row in rows[1 + len(section.dimensions) :] if row and row[0] == "Affirmation"}
    assert "Les groupes diffèrent" in divides


def reworded(questionnaire: Questionnaire, item_id: str) -> Questionnaire:
    data = questionnaire.model_dump(mode="json", exclude_none=True, by_alias=True)
    for dimension in data["dimensions"]:
        for item in dimension["items"]:
            if item["id"] == item_id:
                item["text"] = {"fr": "Une affirmation reformulée", "en": "A reworded statement"}
    data["version"] = "3.0"
    return Questionnaire.model_validate(data, context={"language": data.get("language", "fr")})


def test_before_and_after_in_the_pdf_and_the_workbook() -> None:
    later = reworded(RAPPROCHEMENT, RAPPROCHEMENT.items[0].id)
    then, _ = workshop(RAPPROCHEMENT, sizes=(3, 3))
    now, engine = workshop(later)
    waves = compare_waves(later, now, RAPPROCHEMENT, then)
    base = build_content(later, engine, "fr", scope="group", title="Un an après")
    report = with_waves(base, later, waves, RAPPROCHEMENT)
    assert report.not_compared == ("Une affirmation reformulée",)
    text = pdf_text(render_pdf(report))
    assert "Avant et après" in text and "Affirmations non comparées" in text
    assert "Une affirmation reformulée" in text
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    assert "Non comparées" in book.sheetnames
    progress = list(book["Évolution"].iter_rows(min_row=2, values_only=True))
    assert progress[0][2:5] == (None, round(now.overall.score, 1), None)  # a dimension not compared: no overall change
