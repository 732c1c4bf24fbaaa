"""The workbook for federations, from :class:`reports.content.ReportContent`: one sheet per part of the report.

Figures are numbers (the JSON's rounded values) shown with one decimal (three for consensus), never text, so that
a federation can sort, filter and average them. Every text goes through ``scoring.cells.set_xlsx_cell``: an
organisation named ``=HYPERLINK(...)`` stays text. Headers are frozen and in the report's language. A new sheet
is one function in :data:`SHEETS`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reports.content import Banded, ReportContent
from reports.pdf import long_date, method_paragraphs
from scoring.cells import set_xlsx_cell

ONE_DECIMAL = "0.0"
THREE_DECIMALS = "0.000"
WHOLE = "0"
SIGNED = "+0.0;-0.0;0.0"  # a change: « +3.2 », « -1.5 », the spreadsheet's own minus sign
MAX_WIDTH = 70  # characters: a long statement wraps in its cell rather than making a sheet unreadable


def _band(value: Banded | None) -> str | None:
    return value.band_text if value is not None and value.band is not None else None


class Sheet:
    """One worksheet written row by row; remembers the widest text per column for the widths."""

    def __init__(self, workbook: Any, title: str, headers: list[str] | None, formats: list[str | None]) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.sheet = workbook.create_sheet(title=title[:31])
        self.formats = formats
        self.widths: dict[int, int] = {}
        self.wrap = Alignment(wrap_text=True, vertical="top")
        if headers:
            self.append(headers)
            for cell in self.sheet[1]:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="DDEBF7")
                cell.alignment = Alignment(wrap_text=True, vertical="center")
            self.sheet.freeze_panes = "A2"

    def append(self, values: list[Any]) -> None:
        row = self.sheet.max_row + 1 if self.sheet.max_row > 1 or self.sheet["A1"].value is not None else 1
        for column, value in enumerate(values, start=1):
            cell = self.sheet.cell(row=row, column=column)
            set_xlsx_cell(cell, value)
            fmt = self.formats[column - 1] if column - 1 < len(self.formats) else None
            if isinstance(value, int | float) and not isinstance(value, bool) and fmt:
                cell.number_format = fmt
            if isinstance(value, str):
                width = max(len(line) for line in value.splitlines() or [""])
                if width > MAX_WIDTH:
                    cell.alignment = self.wrap
                self.widths[column] = max(self.widths.get(column, 0), min(width, MAX_WIDTH))
            elif value is not None:
                self.widths[column] = max(self.widths.get(column, 0), 8)

    def finish(self) -> None:
        from openpyxl.utils import get_column_letter

        for column, width in self.widths.items():
            self.sheet.column_dimensions[get_column_letter(column)].width = max(10, width + 2)


def summary_sheet(content: ReportContent, workbook: Any) -> None:
    sheet = Sheet(
        workbook,
        content.t("report.sheet_summary"),
        [content.t("report.col_field"), content.t("report.col_value")],
        [None, ONE_DECIMAL],
    )
    rows: list[list[Any]] = [
        [content.t("report.summary_title"), content.title],
        [content.t("report.summary_questionnaire"), content.questionnaire_title],
        [content.t("report.summary_version"), content.version],
        [content.t("report.summary_date"), long_date(content.date, content)],
        [content.t("report.summary_respondents"), content.n_respondents],
        [content.t("report.summary_overall"), content.overall.value],
        [content.t("report.summary_band"), _band(content.overall)],
    ]
    for row in rows:
        sheet.append(row)
    sheet.sheet["B6"].number_format = WHOLE
    sheet.finish()


def dimensions_sheet(content: ReportContent, workbook: Any) -> None:
    headers = [
        content.t("report.col_id"),
        content.t("results.col_dimension"),
        content.t("results.col_score"),
        content.t("results.col_band"),
        content.t("results.col_n"),
        content.t("report.col_median"),
        content.t("report.col_sd"),
        content.t("report.col_min"),
        content.t("report.col_max"),
        content.t("results.col_consensus"),
    ]
    formats = [None, None, ONE_DECIMAL, None, WHOLE, ONE_DECIMAL, ONE_DECIMAL, ONE_DECIMAL, ONE_DECIMAL, THREE_DECIMALS]
    # A workshop's report has no median, spread or extremes (each is one person's score in a small group).
    kept = [i for i in range(len(headers)) if content.scope != "group" or not 5 <= i <= 8]
    sheet = Sheet(
        workbook, content.t("report.sheet_dimensions"), [headers[i] for i in kept], [formats[i] for i in kept]
    )
    for row in content.dimensions:
        values = [
            row.id,
            row.label,
            row.score.value,
            _band(row.score),
            row.n,
            row.median,
            row.sd,
            row.min,
            row.max,
            row.consensus,
        ]
        sheet.append([values[i] for i in kept])
    sheet.finish()


def items_sheet(content: ReportContent, workbook: Any) -> None:
    headers = [
        content.t("report.col_id"),
        content.t("results.col_dimension"),
        content.t("results.col_item"),
        content.t("report.col_reverse"),
        content.t("results.col_n"),
        content.t("report.col_mean"),
        content.t("results.col_band"),
        content.t("results.col_consensus"),
        content.t("report.col_dissensus"),
    ]
    formats = [None, None, None, None, WHOLE, ONE_DECIMAL, None, THREE_DECIMALS, None]
    sheet = Sheet(workbook, content.t("report.sheet_items"), headers, formats)
    yes, no = content.t("report.yes"), content.t("report.no")
    for row in content.items:
        sheet.append(
            [
                row.id,
                row.dimension,
                row.text,
                yes if row.reverse else no,
                row.n,
                row.mean.value,
                _band(row.mean),
                row.consensus,
                yes if row.dissensus else no,
            ]
        )
    sheet.finish()


def recommendations_sheet(content: ReportContent, workbook: Any) -> None:
    headers = [
        content.t("results.col_dimension"),
        content.t("results.col_item"),
        content.t("results.col_band"),
        content.t("report.col_text"),
        content.t("report.col_source"),
    ]
    sheet = Sheet(workbook, content.t("report.sheet_recommendations"), headers, [None] * 5)
    for rec in content.recommendations:
        sheet.append([rec.dimension, rec.item, _band(rec.band), rec.text, rec.source])
    sheet.finish()


def groups_sheet(content: ReportContent, workbook: Any) -> None:
    """One row per group and dimension (DESIGN.md); a suppressed group has one row with its size only."""
    if not content.breakdowns:
        return
    headers = [
        content.t("report.col_breakdown"),
        content.t("report.col_group"),
        content.t("report.col_people"),
        content.t("results.col_dimension"),
        content.t("results.col_score"),
        content.t("results.col_band"),
    ]
    sheet = Sheet(workbook, content.t("report.sheet_groups"), headers, [None, None, WHOLE, None, ONE_DECIMAL, None])
    for breakdown in content.breakdowns:
        for group in breakdown.rows:
            if group.suppressed:
                sheet.append(
                    [breakdown.field_label, group.value, group.n_respondents, content.t("report.suppressed_cell")]
                )
                continue
            assert group.overall is not None
            sheet.append(
                [
                    breakdown.field_label,
                    group.value,
                    group.n_respondents,
                    content.t("report.col_overall"),
                    group.overall.value,
                    _band(group.overall),
                ]
            )
            for label, score in zip(breakdown.dimension_labels, group.dimensions, strict=True):
                sheet.append(
                    [breakdown.field_label, group.value, group.n_respondents, label, score.value, _band(score)]
                )
    sheet.finish()


def progress_sheet(content: ReportContent, workbook: Any) -> None:
    """Step 11, one row per figure: the overall score, each dimension, then each statement."""
    progress = content.progress
    if progress is None:
        return
    headers = [
        content.t("report.col_level"),
        content.t("report.col_field"),
        content.t("report.col_before"),
        content.t("report.col_now"),
        content.t("report.col_delta"),
        content.t("results.col_band"),
    ]
    sheet = Sheet(
        workbook, content.t("report.sheet_progress"), headers, [None, None, ONE_DECIMAL, ONE_DECIMAL, SIGNED, None]
    )
    kinds = (
        (content.t("report.col_overall"), (progress.overall,)),
        (content.t("results.col_dimension"), progress.dimensions),
        (content.t("results.col_item"), progress.items),
    )
    for kind, rows in kinds:
        for row in rows:
            sheet.append([kind, row.label, row.before.value, row.now.value, row.delta, _band(row.now)])
    sheet.append([])
    sheet.append([content.t("report.progress_help", before=progress.n_before, now=progress.n_now)])
    sheet.finish()


def comparison_sheets(content: ReportContent, workbook: Any) -> None:
    """Each comparison of groups: one row per dimension then per statement (largest gap first), each group's
    figure, the gap, the balanced score of a dimension, and for a statement where people differ."""
    for section in content.comparisons:
        headers = [
            content.t("report.col_level"),
            content.t("report.col_field"),
            *section.groups,
            content.t("compare.col_gap"),
            content.t("compare.col_balanced"),
            content.t("compare.col_divide"),
        ]
        formats = [None, None, *([ONE_DECIMAL] * (len(section.groups) + 2)), None]
        title = content.t("compare.sheet", field=section.field_label)
        sheet = Sheet(workbook, title, headers, formats)
        for row in section.dimensions:
            sheet.append([content.t("results.col_dimension"), row.label, *row.figures, row.gap, row.balanced])
        for row in section.items:
            divide = content.t(f"compare.divide_{row.divide}") if row.divide else None
            if row.where:
                divide = f"{divide} · {row.where}"
            sheet.append([content.t("results.col_item"), row.label, *row.figures, row.gap, None, divide])
        sheet.append([])
        sheet.append([content.t("compare.col_balanced"), section.balanced_overall.value])
        if section.left_out:
            sheet.append(
                [content.t("compare.not_compared", groups=", ".join(section.left_out), count=content.min_group_size)]
            )
        sheet.finish()


def not_compared_sheet(content: ReportContent, workbook: Any) -> None:
    """The statements of either wave that the progress leaves out."""
    if not content.not_compared:
        return
    sheet = Sheet(workbook, content.t("compare.not_compared_sheet"), [content.t("results.col_item")], [None])
    for text in content.not_compared:
        sheet.append([text])
    sheet.append([])
    sheet.append([content.t("compare.not_compared_help")])
    sheet.finish()


def balanced_sheet(content: ReportContent, workbook: Any) -> None:
    """Step 12: the balanced scores, the groups that count and how many people are left out."""
    balanced = content.balanced
    if balanced is None:
        return
    headers = [content.t("results.col_dimension"), content.t("results.col_score"), content.t("results.col_band")]
    sheet = Sheet(workbook, content.t("report.sheet_balanced"), headers, [None, ONE_DECIMAL, None])
    sheet.append([content.t("report.col_overall"), balanced.overall.value, _band(balanced.overall)])
    for label, score in balanced.dimensions:
        sheet.append([label, score.value, _band(score)])
    sheet.append([])
    sheet.append([content.t("report.balanced_field"), balanced.field_label])
    for group in balanced.groups:
        sheet.append([content.t("report.col_group"), group])
    sheet.append([content.t("report.balanced_left_out"), balanced.left_out])
    sheet.finish()


def plan_sheet(content: ReportContent, workbook: Any) -> None:
    """The action plan, one row per action (a priority without actions: one row with the priority only)."""
    if not content.plan:
        return
    headers = [
        content.t("plan.col_priority"),
        content.t("plan.col_what"),
        content.t("plan.col_who"),
        content.t("plan.col_due"),
        content.t("plan.col_status"),
        content.t("plan.col_recommendation"),
    ]
    sheet = Sheet(workbook, content.t("report.sheet_plan"), headers, [None] * len(headers))
    for priority in content.plan:
        if not priority.actions:
            sheet.append([priority.label])
        for action in priority.actions:
            sheet.append([priority.label, action.what, action.who, action.due, action.status, action.recommendation])
    sheet.finish()


def positions_sheet(content: ReportContent, workbook: Any) -> None:
    """Where the group places the relationship: per position question, the people counted, then one row per step
    in the continuum's order with how many chose it today and wished (a moment not shown says why instead)."""
    if not content.positions:
        return
    moments = [column.title for column in content.positions[0].columns]
    headers = [content.t("positions.col_question"), content.t("positions.col_step"), *moments]
    sheet = Sheet(workbook, content.t("positions.sheet"), headers, [None, None, *[WHOLE] * len(moments)])
    for chart in content.positions:
        sheet.append(
            [chart.question, content.t("positions.col_n"), *(c.n if c.shown else c.caption for c in chart.columns)]
        )
        for row, step in enumerate(chart.steps):
            sheet.append([chart.question, step, *(c.counts[row] if c.counts else None for c in chart.columns)])
    sheet.finish()


def method_sheet(content: ReportContent, workbook: Any) -> None:
    sheet = Sheet(workbook, content.t("report.sheet_method"), None, [None])
    sheet.append([content.t("report.method_title")])
    for paragraph in method_paragraphs(content):
        sheet.append([paragraph])
    sheet.sheet.column_dimensions["A"].width = 110
    from openpyxl.styles import Alignment, Font

    sheet.sheet["A1"].font = Font(bold=True, size=13)
    for row in sheet.sheet.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


SheetWriter = Callable[[ReportContent, Any], None]
SHEETS: list[SheetWriter] = [
    summary_sheet,
    dimensions_sheet,
    items_sheet,
    positions_sheet,
    recommendations_sheet,
    plan_sheet,
    groups_sheet,
    comparison_sheets,
    balanced_sheet,
    progress_sheet,
    not_compared_sheet,
    method_sheet,
]


def render_xlsx(content: ReportContent) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for write in SHEETS:
        write(content, workbook)
    workbook.properties.title = content.title[:200]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
