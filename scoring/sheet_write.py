"""A questionnaire written as a workbook of scoring.sheet_format (``python -m scoring convert FILE.yaml -o FILE.xlsx``,
and the example questionnaires/README.md offers).

Reading the workbook back gives the same model (tests/scoring/test_sheet_convert.py). Every column of the format is
written, empty where the questionnaire has nothing, so that an author sees what can be filled in; texts come in a
column per language, the questionnaire's language first, French and English always. Text cells are formatted as
text, so that Excel keeps a version « 1.10 » or an id « 1-2 » as typed, and a text that looks like a formula stays
a text (``scoring.cells.set_xlsx_cell``). openpyxl is imported on use only.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from scoring.cells import set_xlsx_cell
from scoring.loader import named_steps
from scoring.model import Citation, Questionnaire
from scoring.sheet_format import (
    BANDS,
    CITATION_KEYS,
    DEFAULTS,
    DIMENSIONS,
    GUIDE,
    NAMED_STEPS,
    POSITIONS,
    PROFILE,
    RECOMMENDATIONS,
    SCALE,
    SETTINGS,
    SHEETS,
    STATEMENTS,
    STEPS,
    Sheet,
    column_letter,
)
from scoring.sheet_texts import column_note, guide_lines

Record = dict[str, Any]  # header -> value
# A fixed date in the file's properties: the same questionnaire gives the same workbook.
_FIXED_DATE = datetime(2026, 1, 1)


def languages_of(questionnaire: Questionnaire) -> list[str]:
    """The languages of the text columns: the questionnaire's first, then French, English and any other in use."""
    found: set[str] = set()
    _collect_languages(questionnaire.model_dump(), found)
    ordered = [questionnaire.language, "fr", "en", *sorted(found)]
    return [language for index, language in enumerate(ordered) if language not in ordered[:index]]


def _collect_languages(value: Any, found: set[str]) -> None:
    if isinstance(value, dict):
        if (
            value
            and all(isinstance(key, str) and len(key) == 2 for key in value)
            and all(isinstance(item, str) for item in value.values())
        ):
            found.update(value)
            return
        for item in value.values():
            _collect_languages(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect_languages(item, found)


def _text(record: Record, name: str, text: dict[str, str] | None) -> None:
    for language, value in (text or {}).items():
        record[f"{name}.{language}"] = value


def _sources(record: Record, citations: list[Citation] | None) -> None:
    for number, citation in enumerate(citations or [], start=1):
        for key in CITATION_KEYS:
            if getattr(citation, key) is not None:
                record[f"source.{number}.{key}"] = getattr(citation, key)
        _text(record, f"source.{number}.note", citation.note)


def _ids(values: list[str] | None) -> str | None:
    return ", ".join(values) if values else None


def records(questionnaire: Questionnaire) -> dict[str, list[Record]]:
    """The rows of each sheet, header -> value."""
    q = questionnaire
    settings: Record = {"id": q.id, "version": q.version, "language": q.language}
    _text(settings, "title", q.title)
    _text(settings, "description", q.description)
    settings.update(
        {
            "scale.min": q.scale.min,
            "scale.max": q.scale.max,
            "scale.allow_na": q.scale.allow_na,
            "bands.watch": q.bands.watch,
            "bands.strength": q.bands.strength,
            "min_coverage": q.min_coverage,
            "consensus_threshold": q.consensus_threshold,
            "min_group_size": q.min_group_size,
        }
    )
    out: dict[str, list[Record]] = {sheet.name: [] for sheet in SHEETS}
    out[SETTINGS.name].append(settings)
    for value, label in sorted(q.scale.labels.items()):
        row: Record = {"value": value}
        _text(row, "label", label)
        out[SCALE.name].append(row)
    for profile_field in q.profile:
        row = {"field": profile_field.id}
        _text(row, "label", profile_field.label)
        out[PROFILE.name].append(row)
        for option in profile_field.options:
            row = {"field": profile_field.id, "option": option.id}
            _text(row, "label", option.label)
            out[PROFILE.name].append(row)
    for dimension in q.dimensions:
        row = {"id": dimension.id, "weight": dimension.weight, "asked_of": _ids(dimension.asked_of)}
        _text(row, "label", dimension.label)
        _text(row, "description", dimension.description)
        out[DIMENSIONS.name].append(row)
        for item in dimension.items:
            row = {"dimension": dimension.id, "id": item.id, "reverse": item.reverse, "weight": item.weight}
            row.update({"actor": _ids(item.actor), "first": item.first, "asked_of": _ids(item.asked_of)})
            _text(row, "text", item.text)
            _text(row, "help", item.help)
            _text(row, "recommendation", item.recommendation)
            _sources(row, item.source)
            out[STATEMENTS.name].append(row)
        for band in BANDS:
            for recommendation in dimension.recommendations.for_band(band):
                row = {"dimension": dimension.id, "band": band, "actor": _ids(recommendation.actor)}
                _text(row, "text", recommendation.text)
                _sources(row, recommendation.source)
                out[RECOMMENDATIONS.name].append(row)
    named = [step.model_dump() for step in named_steps(NAMED_STEPS)]
    for position in q.positions:
        row = {"id": position.id}
        for name in ("label", "help", "today", "wished"):
            _text(row, name, getattr(position, name))
        if [step.model_dump() for step in position.steps] == named:
            row["steps"] = NAMED_STEPS
        else:
            for step in position.steps:
                step_row: Record = {"position": position.id, "id": step.id, "source": step.source}
                _text(step_row, "label", step.label)
                _text(step_row, "definition", step.definition)
                out[STEPS.name].append(step_row)
        out[POSITIONS.name].append(row)
    for sheet in (STATEMENTS, RECOMMENDATIONS):
        for row in out[sheet.name]:
            for key, default in DEFAULTS.items():
                if row.get(key) == default:
                    del row[key]
    return out


def headers(sheet: Sheet, languages: list[str], rows: list[Record]) -> list[str]:
    """The sheet's columns: every column of the format, a text in each language, as many sources as a row has."""
    out: list[str] = []
    for column in sheet.columns:
        if column.kind == "text":
            out += [f"{column.name}.{language}" for language in languages]
        elif column.kind == "sources":
            numbers = [int(key.split(".")[1]) for row in rows for key in row if key.startswith("source.")]
            for number in range(1, max([1, *numbers]) + 1):
                out += [f"source.{number}.{key}" for key in CITATION_KEYS]
                out += [f"source.{number}.note.{language}" for language in languages]
        else:
            out.append(column.name)
    found = {key for row in rows for key in row}
    return out + sorted(found - set(out))  # nothing should be left, but nothing is lost if it is


def workbook_bytes(questionnaire: Questionnaire) -> bytes:
    """The questionnaire as an XLSX file."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font

    languages = languages_of(questionnaire)
    rows = records(questionnaire)
    book = openpyxl.Workbook()
    guide = book.active
    guide.title = GUIDE
    for line in guide_lines():
        guide.append([line])
    guide.column_dimensions["A"].width = 120
    for cell in guide["A"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide["A1"].font = Font(bold=True, size=14)

    for sheet in SHEETS:
        worksheet = book.create_sheet(sheet.name)
        names = headers(sheet, languages, rows[sheet.name])
        for index, name in enumerate(names):
            cell = worksheet.cell(row=1, column=index + 1, value=name)
            cell.font = Font(bold=True)
            note = column_note(sheet.name, name)
            if note:
                cell.comment = Comment(note, "Radar du partenariat", width=320, height=160)
            wide = any(name.startswith(f"{column.name}.") for column in sheet.columns if column.kind == "text")
            worksheet.column_dimensions[column_letter(index)].width = 45 if wide else 16
        for row_index, record in enumerate(rows[sheet.name], start=2):
            for index, name in enumerate(names):
                value = _plain(record.get(name))
                if value is None:
                    continue
                cell = worksheet.cell(row=row_index, column=index + 1)
                set_xlsx_cell(cell, value)
                if isinstance(value, str):
                    cell.number_format = "@"
                    if len(value) > 40:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
        worksheet.freeze_panes = "A2"

    book.properties.creator = "Radar du partenariat"
    book.properties.created = _FIXED_DATE
    book.properties.modified = _FIXED_DATE
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
