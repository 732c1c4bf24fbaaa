"""One description per chart (reports.charts), drawn by Plotly for the screen and as SVG for the PDF: both show
the same values, and neither decides anything of its own."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from reports_testkit import ROOT

from reports.charts import item_bars_chart, radar_chart
from reports.content import build_content
from reports.figures import item_bars_figure, radar_figure
from reports.pdf import BARS_PIECE_PT, document_data
from reports.svg import bars_layout, bars_svg, radar_svg
from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.loader import load_questionnaire

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def questionnaire():
    return load_questionnaire(ROOT / "questionnaires" / "sante-partenariat.yaml")


def _report(questionnaire, rows: list[dict]):
    return score_responses(questionnaire, responses_frame(questionnaire, rows, [{} for _ in rows]))


def _answers(questionnaire, values: list[int | None]) -> dict:
    return {item.id: values[k % len(values)] for k, item in enumerate(questionnaire.items)}


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def test_radar_description_holds_the_report_and_both_renderers_draw_it(questionnaire) -> None:
    report = _report(questionnaire, [_answers(questionnaire, [1, 5, 3]), _answers(questionnaire, [2, 4, 4])])
    chart = radar_chart(questionnaire, report, "fr", spread="iqr")
    assert [a.score for a in chart.axes] == [report.dimension(d.id).score for d in questionnaire.dimensions]
    assert [a.low for a in chart.axes] == [report.dimension(d.id).q1 for d in questionnaire.dimensions]
    assert chart.has_spread

    figure = radar_figure(questionnaire, report, "fr", spread="iqr")
    line = figure.data[-1]
    assert list(line.r) == [a.score for a in chart.axes] + [chart.axes[0].score]
    assert any(trace.name == chart.spread_label for trace in figure.data)

    svg = radar_svg(chart)
    texts = _texts(svg)
    for axis in chart.axes:
        assert axis.score_text in texts  # paper cannot be hovered: each score is written by its point
    markers = [c for c in ET.fromstring(svg).iter(f"{SVG}circle") if c.get("r") == "3.6"]
    assert len(markers) == len(chart.axes)
    assert any(p.get("fill-rule") == "evenodd" for p in ET.fromstring(svg).iter(f"{SVG}path"))


def test_no_spread_for_one_person_or_when_not_asked(questionnaire) -> None:
    one = _report(questionnaire, [_answers(questionnaire, [4])])
    assert not radar_chart(questionnaire, one, "fr", spread="iqr").has_spread
    two = _report(questionnaire, [_answers(questionnaire, [4]), _answers(questionnaire, [2])])
    chart = radar_chart(questionnaire, two, "fr")
    assert not chart.has_spread
    assert not [p for p in ET.fromstring(radar_svg(chart)).iter(f"{SVG}path")]


def test_a_dimension_without_score_is_a_gap_and_says_so(questionnaire) -> None:
    first = questionnaire.dimensions[0]
    answers = _answers(questionnaire, [4])
    for item in first.items:
        answers[item.id] = None
    chart = radar_chart(questionnaire, _report(questionnaire, [answers]), "en")
    assert chart.axes[0].score is None
    svg = radar_svg(chart)
    assert any(chart.insufficient in text for text in _texts(svg))
    lines = list(ET.fromstring(svg).iter(f"{SVG}line"))
    joined = [ln for ln in lines if ln.get("stroke-width") == "2"]
    assert len(joined) == len(chart.axes) - 2  # the two segments touching the missing score are not drawn


def test_texts_from_a_questionnaire_are_escaped_in_the_svg(questionnaire) -> None:
    label = "<b>Éthique</b> & « valeurs »"
    first = questionnaire.dimensions[0].model_copy(update={"label": {"fr": label}})
    hostile = questionnaire.model_copy(update={"dimensions": [first, *questionnaire.dimensions[1:]]})
    report = _report(hostile, [_answers(hostile, [3])])
    svg = radar_svg(radar_chart(hostile, report, "fr"))
    root = ET.fromstring(svg)  # well-formed: the label opened no tag
    assert not list(root.iter(f"{SVG}b"))
    assert " ".join(label.split()[:2]) in " ".join(_texts(svg))


def test_bars_weakest_first_unanswered_left_out_same_in_both_renderers(questionnaire) -> None:
    answers = _answers(questionnaire, [1, 2, 3, 4, 5])
    skipped = questionnaire.items[0].id
    answers[skipped] = None
    report = _report(questionnaire, [answers])
    chart = item_bars_chart(questionnaire, report, "fr")
    values = [bar.value for bar in chart.bars]
    assert values == sorted(values)
    assert skipped not in {bar.id for bar in chart.bars}
    assert list(item_bars_figure(questionnaire, report, "fr").data[0].x) == values
    rects = list(ET.fromstring(bars_svg(chart)).iter(f"{SVG}rect"))
    assert len(rects) == len(chart.bars)
    widths = [float(r.get("width")) for r in rects]
    assert widths == sorted(widths)
    assert {bar.value_text for bar in chart.bars} <= set(_texts(bars_svg(chart)))


def test_the_statements_chart_is_cut_between_bars_never_through_one(questionnaire) -> None:
    rows = [_answers(questionnaire, [k % 5 + 1, (k + 2) % 5 + 1]) for k in range(6)]
    report = _report(questionnaire, rows)
    content = build_content(questionnaire, report, "fr")
    data, files = document_data(content)
    block = next(b for b in data["sections"] if b["kind"] == "statements")
    assert len(block["images"]) > 1
    drawn = []
    for name in block["images"]:
        rects = list(ET.fromstring(files[name].decode()).iter(f"{SVG}rect"))
        drawn.append(len(rects))
    assert sum(drawn) == len(content.bars.bars)  # every statement once
    heights = [h for _, _, h in bars_layout(content.bars.bars, 480)]
    assert max(heights) < BARS_PIECE_PT


def test_missing_scores_are_blank_in_the_report_content(questionnaire) -> None:
    report = _report(questionnaire, [{item.id: None for item in questionnaire.items}])
    content = build_content(questionnaire, report, "fr")
    assert content.overall.value is None and all(row.score.value is None for row in content.dimensions)
    assert content.bars.bars == ()
    data, _files = document_data(content)
    assert "statements" not in {b["kind"] for b in data["sections"]}
    assert pd.isna(report.respondents["overall"]).all()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_recommendations_in_a_report_cite_the_readable_reference_as_the_json_does(questionnaire, lang) -> None:
    # A recommendation's source is a list of citations of the bibliography: the report prints its readable form
    # (« Lahary, cité dans le dossier RNRSMS »), the same text as score's JSON, never the citations' raw data.
    worst = {item.id: (5 if item.reverse else 1) for item in questionnaire.items}
    report = _report(questionnaire, [worst, worst, worst])
    content = build_content(questionnaire, report, lang)
    expected = [rec["source"] for rec in report.to_json(lang)["recommendations"]]
    assert [row.source for row in content.recommendations] == expected
    assert all(isinstance(source, str) and "key=" not in source for source in expected)


@pytest.mark.parametrize("name", ["express", "sante-partenariat", "rapprochement"])
def test_the_projected_scores_are_written_outside_their_points_away_from_the_centre(name) -> None:
    """« top right » of every point put the left and lower scores on the radar's own line (the projector's 55,5
    and 63,2): each is now on the side of its point away from the centre."""
    questionnaire = load_questionnaire(ROOT / "questionnaires" / f"{name}.yaml")
    report = _report(questionnaire, [_answers(questionnaire, [1, 5, 3]), _answers(questionnaire, [2, 4, 4])])
    line = radar_figure(questionnaire, report, "fr", large=True).data[-1]
    count = len(questionnaire.dimensions)
    positions = list(line.textposition)
    assert len(positions) == count + 1 and positions[-1] == positions[0]  # the closing point repeats the first
    for index, position in enumerate(positions[:-1]):
        vertical, horizontal = position.split()
        angle = 2 * math.pi * index / count  # the first axis up, the others clockwise
        up, right = math.cos(angle), math.sin(angle)
        assert vertical == ("top" if up > 0.38 else "bottom" if up < -0.38 else "middle"), (index, position)
        assert horizontal == ("right" if right > 0.38 else "left" if right < -0.38 else "center"), (index, position)
        assert position != "middle center"
