"""A workshop's PDF and workbook carry exactly what its screens show: built from the privacy module's
`SharedReport`, never from the engine's report, with no median, spread or extremes, and no size for a group that
is not shown."""

from __future__ import annotations

import io

import openpyxl
import pytest

from reports.charts import radar_chart
from reports.content import build_shared_content
from reports.pdf import breakdown_blocks
from reports.xlsx import render_xlsx
from scoring.engine import score_responses
from scoring.frames import responses_frame
from tests.scoring.privacy_testkit import Workshop, build_questionnaire, spec_of

QUESTIONNAIRE = build_questionnaire([[(1.0, False), (1.0, False)], [(1.0, False), (2.0, True)]])
ITEMS = QUESTIONNAIRE.item_ids


def workshop_with_a_small_role() -> Workshop:
    """Five in role r1 (one batch of five: shown), then two in role r2 (waiting: too few to admit)."""
    workshop = Workshop(spec_of(QUESTIONNAIRE))
    for person in range(5):
        workshop.submit({i: 1 + (person + n) % 5 for n, i in enumerate(ITEMS)}, {"role": "r1"}, publish=False)
    workshop.publish()
    for person in range(2):
        workshop.submit({i: 2 + person for i in ITEMS}, {"role": "r2"})
    return workshop


def test_the_content_is_the_shared_report_figure_for_figure() -> None:
    shared = workshop_with_a_small_role().screen()
    content = build_shared_content(QUESTIONNAIRE, shared, "fr", title="Atelier")
    assert content.scope == "group" and content.n_respondents == shared.counted == 5
    for row, figure in zip(content.dimensions, shared.dimensions, strict=True):
        assert row.score.value == (round(figure.score, 1) if figure.score is not None else None)
        assert row.n == figure.n
        assert (row.median, row.sd, row.min, row.max) == (None, None, None, None)
    for row, figure in zip(content.items, shared.items, strict=True):
        assert row.n == figure.n
    assert content.overall.value == round(shared.overall.score, 1)
    assert content.radar is not None and not content.radar.has_spread
    roles = next(b for b in content.breakdowns if b.field_id == "role")
    by_name = {row.value: row for row in roles.rows}
    assert by_name["r1"].n_respondents == 5 and not by_name["r1"].suppressed
    # r2 has two people waiting: not shown, and its size is not given either.
    assert by_name["r2"].suppressed and by_name["r2"].n_respondents is None


def test_a_group_not_shown_gives_no_size_in_the_pdf() -> None:
    content = build_shared_content(QUESTIONNAIRE, workshop_with_a_small_role().screen(), "fr")
    block = next(b for b in breakdown_blocks(content, {}) if "rôle" in b["title"].lower())
    rows = {row[0]: row for row in block["rows"]}
    assert rows["r2"][1] == "–" and rows["r1"][1] == "5"


def test_the_workbook_has_no_median_spread_or_extremes() -> None:
    content = build_shared_content(QUESTIONNAIRE, workshop_with_a_small_role().screen(), "fr")
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(content)), read_only=True)
    sheet = workbook[content.t("report.sheet_dimensions")]
    headers = next(sheet.iter_rows(values_only=True))
    for key in ("report.col_median", "report.col_sd", "report.col_min", "report.col_max"):
        assert content.t(key) not in headers
    assert content.t("results.col_consensus") in headers


def test_a_shared_report_has_no_spread_and_an_engine_report_is_refused() -> None:
    shared = workshop_with_a_small_role().screen()
    with pytest.raises(ValueError, match="spread"):
        radar_chart(QUESTIONNAIRE, shared, "fr", spread="iqr")
    engine = score_responses(QUESTIONNAIRE, responses_frame(QUESTIONNAIRE, [{ITEMS[0]: 3}]))
    with pytest.raises(TypeError, match="SharedReport"):
        build_shared_content(QUESTIONNAIRE, engine, "fr")  # type: ignore[arg-type]


def test_the_downloads_of_a_group_screen_are_built_from_its_shared_report(monkeypatch) -> None:
    """ui.downloads hands a SharedReport to build_shared_content, and never the engine's builder."""
    from ui import downloads

    shared = workshop_with_a_small_role().screen()

    def engine_builder(*args, **kwargs):
        raise AssertionError("a workshop's download built by the engine's content builder")

    monkeypatch.setattr(downloads, "build_content", engine_builder)
    import datetime as dt

    content = downloads._content(QUESTIONNAIRE, shared, "fr", "Atelier", dt.date(2026, 12, 1))
    assert content.scope == "group" and content.n_respondents == 5


def test_a_workshop_report_states_the_rule_its_screens_keep() -> None:
    from reports.pdf import method_paragraphs

    content = build_shared_content(QUESTIONNAIRE, workshop_with_a_small_role().screen(), "fr")
    assert content.t("report.method_privacy_group", minimum=3) in method_paragraphs(content)
    block = breakdown_blocks(content, {})[0]
    assert block["help"] == content.t("report.breakdown_help_group", minimum=3)


def test_a_shipped_questionnaire_s_sources_are_written_out_in_the_pdf_and_the_workbook() -> None:
    """Recommendations cite the bibliography (a list of citations): the files carry the readable reference, as
    the screens do; the workbook refused the raw list (seen in the dashboard's download, issue 13's files)."""
    import datetime as dt

    from i18n import translate
    from scoring.bibliography import source_text
    from scoring.privacy import WorkshopSpec
    from ui.catalogue import get_questionnaire

    express = get_questionnaire("express")
    workshop = Workshop(WorkshopSpec(express, (), ()))
    for n in range(4):
        workshop.submit({item.id: 1 + (n + k) % 5 for k, item in enumerate(express.items)}, publish=False)
    workshop.publish()
    report = workshop.screen()
    cited = [rec for rec in report.recommendations if isinstance(rec.source, list)]
    assert cited, "express cites its sources as lists of citations"
    content = build_shared_content(express, report, "fr", title="Conseil", date=dt.date(2026, 12, 1))
    assert [row.source for row in content.recommendations] == [
        source_text(rec.source, "fr") for rec in report.recommendations
    ]
    assert all(row.source is None or isinstance(row.source, str) for row in content.recommendations)
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(content)), read_only=True)
    sheet = workbook[translate("report.sheet_recommendations", "fr")[:31]]
    written = {cell for row in sheet.iter_rows(values_only=True) for cell in row}
    assert source_text(cited[0].source, "fr") in written
