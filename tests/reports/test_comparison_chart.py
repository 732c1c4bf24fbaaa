"""The comparison's radar (reports.charts.multi_radar_chart and its Plotly renderer): a line per group that readers
with a colour-vision deficiency can tell apart (Okabe–Ito colours, and a dash and a marker of its own), each
group's size in the legend, names shown as typed."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from reports.charts import (
    REFERENCE_COLOUR,
    Series,
    comparison_radar_chart,
    me_and_group_radar_chart,
    multi_radar_chart,
    waves_radar_chart,
)
from reports.figures import LEGEND_LINE_PX, multi_radar_plotly, multi_radar_room
from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.model import Questionnaire
from scoring.privacy import PublicationRecord, StoredResponse, WorkshopSpec, plan_publication, shown_report
from scoring.privacy.beside import me_and_group
from scoring.privacy.comparison import compare
from scoring.privacy.waves import compare_waves

QUESTIONNAIRE = Questionnaire.model_validate(
    {
        "id": "test",
        "version": "1",
        "title": {"fr": "Test"},
        "scale": {"min": 1, "max": 5},
        "profile": [
            {
                "id": "role",
                "label": {"fr": "Rôle"},
                "options": [{"id": "dir", "label": {"fr": "Direction", "en": "Director"}}],
            },
            {"id": "organisation", "label": {"fr": "Organisation"}, "options": []},
        ],
        "dimensions": [
            {
                "id": f"d{d}",
                "label": {"fr": f"Dimension {d}"},
                "items": [{"id": f"d{d}i1", "text": {"fr": f"Item {d}"}}],
            }
            for d in (1, 2, 3)
        ],
    },
    context={"language": "fr"},
)
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
NAMES = ("Les <b>Tilleuls</b>", "Org B")


def seeded(rows):
    spec = WorkshopSpec(QUESTIONNAIRE, ("role", "organisation"), NAMES)
    responses = [
        StoredResponse(n, dict(zip(QUESTIONNAIRE.item_ids, values, strict=True)), {"role": "dir", "organisation": org})
        for n, (values, org) in enumerate(rows, start=1)
    ]
    record = PublicationRecord()
    plan = plan_publication(spec, responses, record)
    record = PublicationRecord(
        counter=plan.round, admitted=dict.fromkeys(plan.admit, plan.round), versions=plan.versions
    )
    return shown_report(spec, responses, record)


ROWS = [([5, 4, 2], NAMES[0])] * 4 + [([1, 2, 4], NAMES[1])] * 3


def test_every_trace_differs_from_every_other_by_colour_dash_and_marker() -> None:
    series = tuple(Series(name=f"G{k}", size="", scores={"d1": 10.0 * k}) for k in range(12))
    chart = multi_radar_chart(QUESTIONNAIRE, series, "fr")
    styles = [(t.colour, t.dash, t.marker) for t in chart.traces]
    assert len(set(styles)) == len(styles)
    assert all(t.colour in OKABE_ITO for t in chart.traces)
    # The first eight groups have eight different colours, and a dash and a marker unlike their neighbours'.
    assert len({t.colour for t in chart.traces[:8]}) == 8
    assert all(a.dash != b.dash and a.marker != b.marker for a, b in itertools.pairwise(chart.traces))
    assert chart.traces[1].score_texts == ("10,0", chart.insufficient, chart.insufficient)
    assert chart.traces[1].scores == (10.0, None, None)


def test_the_comparison_radar_names_each_group_with_its_size_and_the_room_beside() -> None:
    report = seeded(ROWS)
    comparison = compare(QUESTIONNAIRE, report, "organisation")
    chart = comparison_radar_chart(QUESTIONNAIRE, comparison, report, "fr")
    assert [(t.name, t.size) for t in chart.traces] == [
        ("Les <b>Tilleuls</b>", "4 personnes"),
        ("Org B", "3 personnes"),
        ("Ensemble", "7 personnes"),
    ]
    assert chart.traces[0].scores == (100.0, 75.0, 25.0)
    assert chart.traces[1].scores == (0.0, 25.0, 75.0)
    room = chart.traces[-1]
    assert room.reference and room.colour == REFERENCE_COLOUR
    assert room.scores == tuple(pytest.approx(report.dimension(d).score) for d in ("d1", "d2", "d3"))
    balanced = comparison_radar_chart(QUESTIONNAIRE, comparison, report, "en", balanced=True)
    assert (balanced.traces[-1].name, balanced.traces[-1].size) == ("One voice per organisation", "2 groups")
    assert balanced.traces[-1].scores == (50.0, 50.0, 50.0)
    assert balanced.traces[0].size == "4 people"
    by_role = compare(QUESTIONNAIRE, report, "role")
    assert not by_role.comparable  # one role only: a line for it, but nothing to compare it with
    role_chart = comparison_radar_chart(QUESTIONNAIRE, by_role, report, "en", balanced=True)
    assert (role_chart.traces[0].name, role_chart.traces[0].size) == ("Director", "7 people")
    assert role_chart.traces[-1].name == "One voice per group"


def test_the_plotly_radar_draws_the_description_and_escapes_names() -> None:
    report = seeded(ROWS)
    chart = comparison_radar_chart(QUESTIONNAIRE, compare(QUESTIONNAIRE, report, "organisation"), report, "fr")
    figure = multi_radar_plotly(chart)
    lines = [t for t in figure.data if t.type == "scatterpolar"]
    assert len(lines) == 3
    for line, trace in zip(lines, chart.traces, strict=True):
        assert list(line.r) == [*trace.scores, trace.scores[0]]
        assert (line.line.color, line.line.dash, line.marker.symbol) == (trace.colour, trace.dash, trace.marker)
        assert line.showlegend
    assert lines[0].name == "Les &lt;b&gt;Tilleuls&lt;/b&gt; · 4 personnes"
    # A long name is wrapped as typed, its size kept whole on a line of its own.
    long = multi_radar_plotly(
        multi_radar_chart(
            QUESTIONNAIRE, (Series("Association <i>départementale</i> des amis", "12 personnes", {}),), "fr"
        )
    )
    assert long.data[-1].name == "Association &lt;i&gt;départementale&lt;/i&gt;<br>des amis · 12 personnes"
    # One group a line, at the foot of the figure: a horizontal legend wrapped on a phone and not on a desktop.
    assert figure.layout.showlegend and figure.layout.legend.orientation == "v"
    assert (figure.layout.legend.yref, figure.layout.legend.y) == ("container", 0)


def test_the_screen_radar_keeps_room_for_its_labels_and_a_legend_line_per_group() -> None:
    """The box's height is ``share × width + room`` (ui.style.follow_width): the room grows with the legend's lines,
    the circle keeps the middle of the width, and the projector's layout keeps its own height."""
    report = seeded(ROWS)
    chart = comparison_radar_chart(QUESTIONNAIRE, compare(QUESTIONNAIRE, report, "organisation"), report, "fr")
    figure = multi_radar_plotly(chart)
    share, room = multi_radar_room(figure)
    assert figure.layout.height is None  # its box's, sized by its width
    assert list(figure.layout.polar.domain.y) == [0, 1]
    assert 0.4 <= share <= 0.6
    fewer = multi_radar_plotly(replace(chart, traces=chart.traces[:1]))
    assert room - multi_radar_room(fewer)[1] == LEGEND_LINE_PX * (len(chart.traces) - 1)
    projected = multi_radar_plotly(chart, height=550, large=True)
    assert projected.layout.height == 550 and projected.layout.legend.orientation == "h"


def test_the_waves_radar_has_each_wave_s_size() -> None:
    then, now = seeded(ROWS[:4]), seeded(ROWS)
    chart = waves_radar_chart(QUESTIONNAIRE, compare_waves(QUESTIONNAIRE, now, QUESTIONNAIRE, then), "fr")
    assert [(t.name, t.size) for t in chart.traces] == [("Avant", "4 personnes"), ("Maintenant", "7 personnes")]
    assert chart.traces[0].scores == (100.0, 75.0, 25.0)


def test_me_and_the_group_on_one_radar_my_line_first_the_group_s_with_its_size() -> None:
    group = seeded(ROWS)
    answers = dict(zip(QUESTIONNAIRE.item_ids, (5, 3, 1), strict=True))
    mine = score_responses(QUESTIONNAIRE, responses_frame(QUESTIONNAIRE, [answers], [{}]))
    chart = me_and_group_radar_chart(QUESTIONNAIRE, me_and_group(QUESTIONNAIRE, mine, group), "fr")
    assert [(t.name, t.size) for t in chart.traces] == [("Mes réponses", ""), ("Le groupe", "7 personnes")]
    assert chart.traces[0].scores == (100.0, 50.0, 0.0)
    assert chart.traces[1].scores == tuple(d.score for d in group.dimensions)
    assert chart.traces[0].colour != chart.traces[1].colour and chart.traces[0].dash != chart.traces[1].dash
    english = me_and_group_radar_chart(QUESTIONNAIRE, me_and_group(QUESTIONNAIRE, mine, group), "en")
    assert [(t.name, t.size) for t in english.traces] == [("My answers", ""), ("The group", "7 people")]
