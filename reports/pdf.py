"""The A4 PDF report, typeset by Typst (docs/pdf-engine.md says why) from :class:`reports.content.ReportContent`.

Python decides every text and figure (formatted here as the board reads it: « 62,5 » in French); the template
``templates/report.typ`` only lays them out. Each entry of :data:`SECTIONS` turns the content into one block of
the template's data, or into nothing when it has nothing to say: a new section is one function here and one in
the template.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from reports.content import Banded, ReportContent
from reports.svg import bars_layout, bars_svg, multi_radar_svg, positions_svg, radar_svg
from scoring.rounding import format_number

TEMPLATE = Path(__file__).with_name("templates") / "report.typ"
# Width of the text block (A4 minus 2 cm margins), in points: the statements chart is drawn to it.
TEXT_WIDTH_PT = (21.0 - 4.0) / 2.54 * 72
# Height of one piece of the statements chart: a piece never splits, so a small piece wastes little of a page.
BARS_PIECE_PT = 250.0

Block = dict[str, Any]
Files = dict[str, bytes]


@cache
def _template() -> bytes:
    return TEMPLATE.read_bytes()


def number(value: float | None, content: ReportContent, digits: int = 1) -> str:
    return format_number(value, content.lang, digits, missing="–")


def band_cell(value: Banded) -> Block:
    return {"band": value.band or "none", "symbol": value.symbol, "text": value.band_text}


def long_date(date: dt.date, content: ReportContent) -> str:
    month = content.t("report.months").split()[date.month - 1]
    day = content.t("report.first_day") if date.day == 1 else str(date.day)  # « 1er décembre »
    return content.t("report.date", day=day, month=month, year=date.year)


def title_block(content: ReportContent, files: Files) -> Block:
    lines = [
        content.t("report.questionnaire", title=content.questionnaire_title, version=content.version),
        content.t("report.established", date=long_date(content.date, content)),
        content.t("report.respondents", count=content.n_respondents),
        content.t(f"report.{content.scope}_scope"),
    ]
    return {"kind": "title", "title": content.title, "lines": lines}


def overall_block(content: ReportContent, files: Files) -> Block:
    return {
        "kind": "overall",
        "label": content.t("report.overall_label"),
        "score": number(content.overall.value, content),
        "out-of": content.t("report.out_of"),
        "band": band_cell(content.overall),
        "explained": content.t("results.bands_explained", watch=f"{content.watch:g}", strength=f"{content.strength:g}"),
    }


def radar_block(content: ReportContent, files: Files) -> Block | None:
    if content.radar is None:
        return None
    files["radar.svg"] = radar_svg(content.radar).encode()
    caption = content.t("dashboard.spread_caption") if content.radar.has_spread else None
    return {"kind": "radar", "title": content.t("report.radar_title"), "image": "radar.svg", "caption": caption}


def dimensions_block(content: ReportContent, files: Files) -> Block:
    group = content.n_respondents > 1
    headers = [content.t("results.col_dimension"), content.t("results.col_score"), content.t("results.col_band")]
    widths = ["1fr", "auto", "auto"]
    if group:
        headers += [content.t("results.col_n"), content.t("results.col_consensus")]
        widths += ["auto", "auto"]
    rows = []
    for row in content.dimensions:
        cells: list[Any] = [row.label, number(row.score.value, content), band_cell(row.score)]
        if group:
            cells += [str(row.n) if row.n is not None else "–", number(row.consensus, content, 3)]
        rows.append(cells)
    return {
        "kind": "dimensions",
        "title": content.t("report.dimensions_title"),
        "headers": headers,
        "widths": widths,
        "rows": rows,
    }


def discuss_block(content: ReportContent, files: Files) -> Block:
    rows = []
    for row in content.discuss:
        if row.dissensus:
            line = content.t(
                "report.discuss_line_split",
                dimension=row.dimension,
                consensus=number(row.consensus, content, 3),
                mean=number(row.mean.value, content),
            )
        else:
            line = content.t("report.discuss_line_weak", dimension=row.dimension, mean=number(row.mean.value, content))
        rows.append({"text": row.text, "line": line})
    return {
        "kind": "discuss",
        "title": content.t("report.discuss_title"),
        "help": content.t(
            "report.discuss_help", threshold=number(content.consensus_threshold, content, 1), watch=f"{content.watch:g}"
        ),
        "empty": content.t("report.discuss_none"),
        "rows": rows,
    }


def statements_block(content: ReportContent, files: Files) -> Block | None:
    if content.bars is None or not content.bars.bars:
        return None
    images, piece, height = [], [], 0.0
    for bar, _lines, bar_height in bars_layout(content.bars.bars, TEXT_WIDTH_PT):
        if piece and height + bar_height > BARS_PIECE_PT:
            images.append(tuple(piece))
            piece, height = [], 0.0
        piece.append(bar)
        height += bar_height
    images.append(tuple(piece))
    names = []
    for position, bars in enumerate(images):
        name = f"statements-{position + 1}.svg"
        last = position == len(images) - 1
        files[name] = bars_svg(content.bars, bars, TEXT_WIDTH_PT, axis=last).encode()
        names.append(name)
    return {
        "kind": "statements",
        "title": content.t("report.statements_title"),
        "help": content.t("report.statements_help", watch=f"{content.watch:g}", strength=f"{content.strength:g}"),
        "images": names,
    }


def recommendations_block(content: ReportContent, files: Files) -> Block:
    rows = [
        {
            "about": f"{rec.dimension} · {rec.item}" if rec.item else rec.dimension,
            "band": band_cell(rec.band),
            "text": rec.text,
            "source": content.t("report.source", source=rec.source) if rec.source else None,
        }
        for rec in content.recommendations
    ]
    return {
        "kind": "recommendations",
        "title": content.t("results.recommendations_title"),
        "empty": content.t("results.no_recommendation"),
        "rows": rows,
    }


def breakdown_blocks(content: ReportContent, files: Files) -> list[Block]:
    blocks = []
    for breakdown in content.breakdowns:
        headers = [
            breakdown.field_label,
            content.t("report.col_people"),
            content.t("report.col_overall"),
            *breakdown.dimension_labels,
        ]
        rows: list[list[Any]] = []
        for group in breakdown.rows:
            if group.suppressed:
                small = group.n_respondents is None or group.n_respondents < breakdown.min_group_size
                key = (
                    "report.suppressed_withheld"
                    if group.withheld
                    else "report.suppressed"
                    if small
                    else "report.suppressed_complement"
                )
                note = content.t(key, minimum=breakdown.min_group_size)
                rows.append([group.value, _people(group.n_respondents), {"span": len(headers) - 2, "text": note}])
                continue
            assert group.overall is not None
            rows.append(
                [group.value, _people(group.n_respondents), number(group.overall.value, content)]
                + [number(score.value, content) for score in group.dimensions]
            )
        blocks.append(
            {
                "kind": "breakdown",
                "title": content.t("report.breakdown_title", field=breakdown.field_label.lower()),
                "help": content.t(
                    "report.breakdown_help_group" if content.scope == "group" else "report.breakdown_help",
                    minimum=breakdown.min_group_size,
                ),
                "headers": headers,
                "rows": rows,
            }
        )
    return blocks


def signed(value: float | None, content: ReportContent) -> str:
    """A change as a board reads it: « +3,2 », « −1,5 » (a true minus sign), « 0,0 »."""
    text = number(value, content)
    if value is None or text == "–":
        return text
    rounded = float(text.replace(",", "."))
    if rounded > 0:
        return f"+{text}"
    return f"\u2212{text.lstrip('-')}" if rounded < 0 else text.lstrip("-")


def progress_block(content: ReportContent, files: Files) -> Block | None:
    """Step 11: the overall score and each dimension, then and now; statements are in the workbook."""
    progress = content.progress
    if progress is None:
        return None
    headers = [
        content.t("results.col_dimension"),
        content.t("report.col_before"),
        content.t("report.col_now"),
        content.t("report.col_delta"),
    ]
    rows = [
        [row.label, number(row.before.value, content), number(row.now.value, content), signed(row.delta, content)]
        for row in (progress.overall, *progress.dimensions)
    ]
    return {
        "kind": "breakdown",
        "title": content.t("report.progress_title"),
        "help": content.t("report.progress_help", before=progress.n_before, now=progress.n_now),
        "headers": headers,
        "rows": rows,
    }


def comparison_blocks(content: ReportContent, files: Files) -> list[Block]:
    """Each comparison of groups: the radar with a line per group, the gaps per dimension (with the balanced
    score), the statements the groups see differently, then those on which people differ within them."""
    blocks: list[Block] = []
    for number_, section in enumerate(content.comparisons, start=1):
        image = f"comparison-{number_}.svg"
        files[image] = multi_radar_svg(section.radar).encode()
        caption = None
        if section.left_out:
            caption = content.t(
                "compare.not_compared", groups=", ".join(section.left_out), count=content.min_group_size
            )
        field = section.field_label.lower()
        blocks.append(
            {
                "kind": "radar",
                "title": content.t("compare.report_title", field=field),
                "image": image,
                "caption": caption,
            }
        )
        gap_headers = [*section.groups, content.t("compare.col_gap")]
        blocks.append(
            {
                "kind": "gaps",
                "title": content.t("compare.dimensions_title"),
                "help": content.t(
                    "compare.report_balanced",
                    score=number(section.balanced_overall.value, content),
                    band=section.balanced_overall.band_text,
                ),
                "headers": [content.t("results.col_dimension"), *gap_headers, content.t("compare.col_balanced")],
                "rows": [
                    [
                        row.label,
                        *(number(f, content) for f in row.figures),
                        number(row.gap, content),
                        number(row.balanced, content),
                    ]
                    for row in section.dimensions
                ],
            }
        )
        step = number(100 / (content.scale_max - content.scale_min), content)
        blocks.append(
            {
                "kind": "gaps",
                "title": content.t(
                    "compare.between_title_organisation"
                    if section.field_id == "organisation"
                    else "compare.between_title_any"
                ),
                "help": content.t("compare.between_help", step=step),
                "empty": content.t("compare.none_between"),
                "headers": [content.t("results.col_item"), *gap_headers],
                "rows": [
                    [row.label, *(number(f, content) for f in row.figures), number(row.gap, content)]
                    for row in section.between
                ],
            }
        )
        blocks.append(
            {
                "kind": "gaps",
                "title": content.t("compare.within_title"),
                "help": content.t("compare.within_help"),
                "empty": content.t("compare.none_within"),
                "headers": [
                    content.t("results.col_item"),
                    content.t("compare.col_where"),
                    content.t("compare.col_gap"),
                ],
                "rows": [[row.label, row.where, number(row.gap, content)] for row in section.within],
            }
        )
    return blocks


def waves_radar_block(content: ReportContent, files: Files) -> Block | None:
    """Before and after on one radar, each wave with its size (the table of the progress follows it)."""
    if content.waves_radar is None:
        return None
    files["waves.svg"] = multi_radar_svg(content.waves_radar).encode()
    return {"kind": "radar", "title": content.t("compare.waves_title"), "image": "waves.svg", "caption": None}


def not_compared_block(content: ReportContent, files: Files) -> Block | None:
    """The statements of either wave that the progress leaves out: new, gone, or worded differently."""
    if not content.not_compared:
        return None
    return {
        "kind": "method",
        "title": content.t("compare.not_compared_title"),
        "paragraphs": [content.t("compare.not_compared_help"), *content.not_compared],
    }


def balanced_block(content: ReportContent, files: Files) -> Block | None:
    """Step 12: each organisation (or other group) counts once, whatever its size."""
    balanced = content.balanced
    if balanced is None:
        return None
    headers = [content.t("results.col_dimension"), content.t("results.col_score"), content.t("results.col_band")]
    rows = [[content.t("report.col_overall"), number(balanced.overall.value, content), band_cell(balanced.overall)]]
    rows += [[label, number(score.value, content), band_cell(score)] for label, score in balanced.dimensions]
    groups = ", ".join(balanced.groups) or content.t("report.balanced_no_group")
    return {
        "kind": "breakdown",
        "title": content.t("report.balanced_title", field=balanced.field_label.lower()),
        "help": content.t(
            "report.balanced_help",
            field=balanced.field_label.lower(),
            groups=groups,
            count=balanced.left_out,
            minimum=content.min_group_size,
        ),
        "headers": headers,
        "rows": rows,
    }


def positions_block(content: ReportContent, files: Files) -> Block | None:
    """Where the group places the relationship on the continuum, today and wished, side by side (one chart per
    position question), with the counts the screens show and nothing else."""
    if not content.positions:
        return None
    charts = []
    for number_, chart in enumerate(content.positions, start=1):
        image = f"positions-{number_}.svg"
        files[image] = positions_svg(chart, TEXT_WIDTH_PT).encode()
        charts.append({"question": chart.question, "image": image})
    return {
        "kind": "positions",
        "title": content.t("positions.title"),
        "charts": charts,
        "caption": content.positions[0].caption,
    }


def plan_block(content: ReportContent, files: Files) -> Block | None:
    """The action plan the facilitator saved: each priority, then its actions (what, who, by when, status)."""
    if not content.plan:
        return None
    headers = [content.t(f"plan.col_{column}") for column in ("what", "who", "due", "status")]
    priorities = []
    for number, priority in enumerate(content.plan, start=1):
        rows = [[action.what, action.who, action.due, action.status] for action in priority.actions]
        notes = [
            content.t("report.plan_from", recommendation=action.recommendation)
            for action in priority.actions
            if action.recommendation
        ]
        priorities.append({"label": f"{number}. {priority.label}", "rows": rows, "notes": notes})
    return {
        "kind": "plan",
        "title": content.t("plan.title"),
        "help": content.t("report.plan_help"),
        "headers": headers,
        "empty": content.t("plan.no_action_yet"),
        "priorities": priorities,
    }


def _people(n: int | None) -> str:
    """A group's size, or a dash where a workshop's screens give none (a group not shown)."""
    return str(n) if n is not None else "–"


def method_paragraphs(content: ReportContent) -> list[str]:
    """The method in a few sentences, with this questionnaire's own limits (also the XLSX's « Méthode » sheet)."""
    paragraphs = [
        content.t("report.method_scores", coverage=f"{content.min_coverage * 100:g}"),
        content.t("report.method_bands", watch=f"{content.watch:g}", strength=f"{content.strength:g}"),
        content.t("report.method_consensus", threshold=number(content.consensus_threshold, content, 1)),
        content.t(
            "report.method_privacy_group" if content.scope == "group" else "report.method_privacy",
            minimum=content.min_group_size,
        ),
        content.t("report.method_rounding"),
        content.t("report.method_sources"),
    ]
    if content.scope == "own":  # one person's results: no consensus, no group to protect
        del paragraphs[2:4]
    return paragraphs


def method_block(content: ReportContent, files: Files) -> Block:
    return {"kind": "method", "title": content.t("report.method_title"), "paragraphs": method_paragraphs(content)}


Section = Callable[[ReportContent, Files], Block | list[Block] | None]
# In the order of the pages. A board reads the score, the picture, the table, then what to talk about.
SECTIONS: list[Section] = [
    title_block,
    overall_block,
    radar_block,
    dimensions_block,
    positions_block,
    discuss_block,
    plan_block,
    recommendations_block,
    breakdown_blocks,
    comparison_blocks,
    balanced_block,
    waves_radar_block,
    progress_block,
    not_compared_block,
    statements_block,
    method_block,
]


def document_data(content: ReportContent, sections: list[Section] | None = None) -> tuple[Block, Files]:
    """The template's data and the chart files, without typesetting (for tests and for other layouts)."""
    files: Files = {}
    blocks: list[Block] = []
    for section in SECTIONS if sections is None else sections:
        produced = section(content, files)
        if produced is None:
            continue
        blocks.extend(produced if isinstance(produced, list) else [produced])
    data = {
        "lang": content.lang,
        "title": content.title,
        "footer": content.t("report.footer", title=content.title),
        "page-word": content.t("report.page"),
        "sections": blocks,
    }
    return data, files


def render_pdf(content: ReportContent) -> bytes:
    """The PDF's bytes. Fonts are Typst's own (system fonts ignored), so a report is the same on every machine."""
    import typst

    data, files = document_data(content)
    sources = {"main.typ": _template(), "data.json": json.dumps(data, ensure_ascii=False).encode(), **files}
    stamp = dt.datetime.combine(content.date, dt.time(12), tzinfo=dt.UTC)
    return typst.compile(sources, ignore_system_fonts=True, timestamp=stamp)
