"""Answers given on paper: the blank spreadsheet a facilitator types them into, and the printable questionnaire.

The spreadsheet is the command line's response format (DESIGN.md: a header row of ``respondent``, the profile
field ids and the item ids), so that a filled template is read and checked by the same reader as ``score``'s
input (``scoring.responses_io``): nothing here reads answers. Each statement's text is in its header's note, the
scale is a drop-down list, and so are the profile fields' options.
"""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Any

from i18n import translate
from scoring.cells import set_xlsx_cell
from scoring.model import Questionnaire, text_in

TEMPLATE_ROWS = 80  # people per template; more can be added by copying a row
NA_WORD = {"fr": "NSP", "en": "NA"}  # both are read as unanswered, in any case (DESIGN.md)
PAPER_TEMPLATE = Path(__file__).with_name("templates") / "paper.typ"


def _scale_list(questionnaire: Questionnaire, lang: str) -> list[str]:
    values = [str(v) for v in questionnaire.scale.values]
    return [*values, NA_WORD.get(lang, "NA")] if questionnaire.scale.allow_na else values


def blank_template_xlsx(
    questionnaire: Questionnaire, lang: str, *, organisations: list[str] | None = None, rows: int = TEMPLATE_ROWS
) -> bytes:
    """A workbook: « Réponses » (one row per person, a column per statement), then « Consignes » (the scale,
    the profile options and the statements in full)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = translate("paper.sheet_answers", lang)
    profile = list(questionnaire.profile)
    headers = ["respondent", *(field.id for field in profile), *questionnaire.item_ids]
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column)
        set_xlsx_cell(cell, header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center")
    last_row = rows + 1
    sheet.cell(row=1, column=1).comment = Comment(translate("paper.note_respondent", lang), "Radar")
    for offset, field in enumerate(profile):
        column = 2 + offset
        sheet.cell(row=1, column=column).comment = Comment(text_in(field.label, lang), "Radar")
        choices = [option.id for option in field.options] or list(organisations or [])
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = max(14, *(len(c) + 2 for c in choices)) if choices else 18
        if choices and all("," not in c and '"' not in c for c in choices) and len(",".join(choices)) < 250:
            # Excel's inline list: at most 255 characters, comma-separated (longer lists stay free text)
            validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            validation.add(f"{letter}2:{letter}{last_row}")
            sheet.add_data_validation(validation)
    first_item = 2 + len(profile)
    scale = ",".join(_scale_list(questionnaire, lang))
    validation = DataValidation(
        type="list",
        formula1=f'"{scale}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=translate("paper.error_title", lang),
        error=translate("paper.error_text", lang, values=scale.replace(",", ", ")),
    )
    for offset, item in enumerate(questionnaire.items):
        column = first_item + offset
        dimension = text_in(questionnaire.dimension_of(item.id).label, lang)
        sheet.cell(row=1, column=column).comment = Comment(
            f"{dimension}\n\n{text_in(item.text, lang)}", "Radar", 160, 300
        )
        sheet.column_dimensions[get_column_letter(column)].width = max(9, len(item.id) + 2)
    validation.add(f"{get_column_letter(first_item)}2:{get_column_letter(len(headers))}{last_row}")
    sheet.add_data_validation(validation)
    sheet.freeze_panes = sheet.cell(row=2, column=first_item)
    sheet.column_dimensions["A"].width = 14

    guide = book.create_sheet(translate("paper.sheet_guide", lang))
    lines: list[list[Any]] = [
        [text_in(questionnaire.title, lang)],
        [translate("paper.guide_intro", lang)],
        [],
        [translate("paper.guide_scale", lang)],
    ]
    for value in questionnaire.scale.values:
        lines.append([value, text_in(questionnaire.scale.labels.get(value), lang)])
    if questionnaire.scale.allow_na:
        lines.append([NA_WORD.get(lang, "NA"), translate("paper.unanswered", lang)])
    for field in profile:
        lines += [
            [],
            [
                f"{field.id} : {text_in(field.label, lang)}"
                if lang == "fr"
                else f"{field.id}: {text_in(field.label, lang)}"
            ],
        ]
        choices = [(o.id, text_in(o.label, lang)) for o in field.options] or [(o, o) for o in organisations or []]
        lines += [[value, label] for value, label in choices]
    lines += [[], [translate("paper.guide_statements", lang)]]
    for item in questionnaire.items:
        lines.append([item.id, text_in(item.text, lang)])
    for line in lines:
        guide.append([None] * len(line))
        for column, value in enumerate(line, start=1):
            set_xlsx_cell(guide.cell(row=guide.max_row, column=column), value)
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@cache
def _paper_template() -> bytes:
    return PAPER_TEMPLATE.read_bytes()


def paper_questionnaire_pdf(
    questionnaire: Questionnaire, lang: str, *, title: str | None = None, organisations: list[str] | None = None
) -> bytes:
    """The questionnaire to print, one box per answer, for people who answer without a phone; an open profile
    field (the organisation) offers the workshop's ``organisations``."""
    import typst

    scale = [
        {"value": str(v), "label": text_in(questionnaire.scale.labels.get(v), lang)} for v in questionnaire.scale.values
    ]
    if questionnaire.scale.allow_na:
        scale.append({"value": NA_WORD.get(lang, "NA"), "label": translate("paper.na_label", lang)})
    data = {
        "lang": lang,
        "title": title or text_in(questionnaire.title, lang),
        "subtitle": text_in(questionnaire.title, lang),
        "intro": translate("paper.pdf_intro", lang),
        "profile-title": translate("paper.pdf_profile", lang),
        "profile": [
            {
                "label": text_in(field.label, lang),
                "options": [text_in(o.label, lang) for o in field.options] or list(organisations or []),
            }
            for field in questionnaire.profile
        ],
        "scale": scale,
        "dimensions": [
            {
                "label": text_in(dimension.label, lang),
                "items": [
                    {"number": str(number), "text": text_in(item.text, lang)}
                    for number, item in _numbered(questionnaire, dimension.id)
                ],
            }
            for dimension in questionnaire.dimensions
        ],
        "thanks": translate("paper.pdf_thanks", lang),
        "footer": translate("report.footer", lang, title=title or text_in(questionnaire.title, lang)),
        "page-word": translate("report.page", lang),
    }
    sources = {"main.typ": _paper_template(), "data.json": json.dumps(data, ensure_ascii=False).encode()}
    return typst.compile(sources, ignore_system_fonts=True)


def _numbered(questionnaire: Questionnaire, dimension_id: str) -> list[tuple[int, Any]]:
    numbered = list(enumerate(questionnaire.items, start=1))
    return [(number, item) for number, item in numbered if questionnaire.dimension_of(item.id).id == dimension_id]
