"""Where the group places the relationship (issue 15) in a workshop's PDF and workbook: today's and the wished
counts side by side on the eight steps in the continuum's order, the people counted, « trop peu de réponses » for
a moment not shown; only from the shared report's position figures. Read back with pypdf and openpyxl."""

from __future__ import annotations

import io

import openpyxl
import pytest
from reports_testkit import ROOT, pdf_text

from i18n import translate
from reports.charts import positions_charts
from reports.content import build_shared_content
from reports.pdf import document_data, render_pdf
from reports.svg import positions_svg
from reports.xlsx import render_xlsx
from scoring.loader import load_questionnaire
from scoring.privacy import PublicationRecord, StoredResponse, WorkshopSpec, plan_publication, shown_report

RAPPROCHEMENT = load_questionnaire(ROOT / "questionnaires" / "rapprochement.yaml")
SPEC = WorkshopSpec(RAPPROCHEMENT, ("organisation",), ("Les Tilleuls", "L’Entraide"))
STEPS = {
    "fr": ["Information", "Consultation", "Concertation", "Coordination", "Coopération", "Partenariat"],
    "en": ["Information", "Consultation", "Concertation", "Coordination", "Cooperation", "Partnership"],
}
STEPS["fr"] += ["Groupement", "Fusion"]
STEPS["en"] += ["Grouping", "Merger"]
TODAY = [1, 2, 1, 3, 0, 0, 0, 0]
WISHED = [0, 0, 0, 0, 1, 0, 2, 3]


def shared(places: list[tuple[str | None, str | None]]):
    stored = [
        StoredResponse(
            n,
            {item.id: (k + n) % 5 + 1 for k, item in enumerate(RAPPROCHEMENT.items)},
            {"organisation": SPEC.organisations[n % 2]},
            {"relation.today": today, "relation.wished": wished},
        )
        for n, (today, wished) in enumerate(places, start=1)
    ]
    record = PublicationRecord()
    record = record.after(plan_publication(SPEC, stored, record))
    return shown_report(SPEC, stored, record)


SEVEN = [
    ("information", "fusion"),
    ("consultation", "fusion"),
    ("consultation", "groupement"),
    ("coordination", "groupement"),
    ("coordination", "cooperation"),
    ("coordination", "fusion"),
    ("concertation", None),
]


@pytest.fixture(scope="module")
def report():
    return shared(SEVEN)


def test_the_chart_description_keeps_the_continuum_s_order_and_the_counts(report) -> None:
    [chart] = positions_charts(RAPPROCHEMENT, report, "fr")
    assert chart.steps == tuple(STEPS["fr"])
    today, wished = chart.columns
    assert (today.moment, today.counts, today.n, today.caption) == ("today", tuple(TODAY), 7, "7 réponses")
    assert (wished.moment, wished.counts, wished.n) == ("wished", tuple(WISHED), 6)
    with pytest.raises(TypeError):
        positions_charts(RAPPROCHEMENT, object(), "fr")  # type: ignore[arg-type]


def test_the_svg_writes_every_step_and_every_count_zeros_included(report) -> None:
    [chart] = positions_charts(RAPPROCHEMENT, report, "fr")
    drawn = positions_svg(chart)
    for step in STEPS["fr"]:
        assert f">{step}<" in drawn
    assert drawn.count(">0<") == TODAY.count(0) + WISHED.count(0)
    assert drawn.count("<rect") == sum(1 for c in TODAY + WISHED if c)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_shows_both_distributions(report, lang: str) -> None:
    content = build_shared_content(RAPPROCHEMENT, report, lang, title="Rapprochement")
    data, _files = document_data(content)
    kinds = [block["kind"] for block in data["sections"]]
    assert "positions" in kinds and kinds.index("positions") == kinds.index("dimensions") + 1
    text = " ".join(pdf_text(render_pdf(content)).split())
    title = {"fr": "Où en est la relation", "en": "Where the relationship stands"}[lang]
    assert title in text
    moments = {"fr": ("Aujourd’hui", "Souhaitée", "7 réponses", "6 réponses"), "en": ("Today", "Wished")}[lang]
    for word in moments:
        assert word in text
    places = [text.index(step, text.index(title)) for step in STEPS[lang]]
    assert places == sorted(places)  # in the continuum's order, never by count


def test_a_moment_not_shown_says_too_few_in_the_pdf_and_the_workbook() -> None:
    """Five say where it stands today, two where they wish it: the wished counts are not shown anywhere."""
    report = shared(
        [("information", "fusion"), ("coordination", None), ("coordination", "fusion")] + [("concertation", None)] * 2
    )
    assert report.position("relation", "wished").status == "too_few"
    content = build_shared_content(RAPPROCHEMENT, report, "fr")
    text = " ".join(pdf_text(render_pdf(content)).split())
    assert "Trop peu de réponses" in text
    [chart] = content.positions
    assert "Trop peu de réponses\u202f: moins" in positions_svg(chart)  # the no-break space kept before « : »
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(content)))
    rows = list(workbook["Continuum"].iter_rows(values_only=True))
    assert rows[1][1:] == ("Personnes comptées", 5, translate("positions.too_few", "fr", count=3))
    assert [r[3] for r in rows[2:]] == [None] * 8  # no count where the figure is not shown


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_workbook_has_a_sheet_of_counts_one_row_per_step(report, lang: str) -> None:
    content = build_shared_content(RAPPROCHEMENT, report, lang)
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(content)))
    assert "Continuum" in workbook.sheetnames
    rows = list(workbook["Continuum"].iter_rows(values_only=True))
    moments = {"fr": ("Aujourd’hui", "Souhaitée"), "en": ("Today", "Wished")}[lang]
    assert rows[0][2:] == moments
    assert rows[1][2:] == (7, 6)
    assert [r[1] for r in rows[2:]] == STEPS[lang]
    assert [r[2] for r in rows[2:]] == TODAY and [r[3] for r in rows[2:]] == WISHED
    assert all(type(r[2]) is int for r in rows[1:])  # numbers a federation can sum, not texts


def test_a_questionnaire_without_positions_has_no_such_section() -> None:
    express = load_questionnaire(ROOT / "questionnaires" / "express.yaml")
    spec = WorkshopSpec(express)
    stored = [StoredResponse(n, {item.id: n % 5 + 1 for item in express.items}) for n in range(1, 4)]
    record = PublicationRecord().after(plan_publication(spec, stored, PublicationRecord()))
    content = build_shared_content(express, shown_report(spec, stored, record), "fr")
    assert content.positions == ()
    assert "positions" not in [b["kind"] for b in document_data(content)[0]["sections"]]
    assert "Continuum" not in openpyxl.load_workbook(io.BytesIO(render_xlsx(content))).sheetnames
