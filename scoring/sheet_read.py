"""Reading a questionnaire's workbook (scoring.sheet_format): the YAML's rules, every problem located by cell.

The workbook is checked before openpyxl reads it (size, parts of the zip, how much they inflate), then read with
formulas kept as formulas (never computed: a formula is refused where it stands), every sheet and cell checked for
what a spreadsheet can hide (hidden sheets, merged cells, formulas, error values, dates), and turned into the data
a YAML file gives. That data goes through the YAML's own checks (``scoring.loader.check_questionnaire_data``); each
problem found there at a path (``dimensions[1].items[0].id``) is put back at its sheet, row and column. Every
problem of the workbook comes out at once. Nothing in it is run: no formula is evaluated, no macro or external link
is loaded, and its texts are plain strings.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from i18n import Text
from scoring.citations import Bibliography
from scoring.loader import check_questionnaire_data
from scoring.model import Questionnaire, is_language_code
from scoring.problems import Problem, QuestionnaireError
from scoring.responses_limits import XLSX_MAX_RATIO, XLSX_RATIO_FROM_BYTES
from scoring.sheet_format import (
    BANDS,
    DIMENSIONS,
    GUIDE,
    KNOWN_SHEETS,
    MAX_COLUMNS,
    MAX_MEMBERS,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_WORKBOOK_BYTES,
    POSITIONS,
    PROFILE,
    RECOMMENDATIONS,
    SCALE,
    SETTINGS,
    SHEETS,
    SHEETS_BY_NAME,
    STATEMENTS,
    STEPS,
    Sheet,
    column_letter,
    sheet_order,
)

_TRUE = {"vrai", "oui", "true", "yes", "1"}
_FALSE = {"faux", "non", "false", "no", "0"}
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_SOURCE_HEADER = re.compile(r"^source\.([1-9]\d{0,2})\.(key|text|locator|note)(?:\.([a-z]{2}))?$")


@dataclass(frozen=True)
class Place:
    """A place in a workbook: a sheet, a row in it, a column in the row (or a range of cells)."""

    sheet: str
    row: int | None = None
    column: int | None = None  # from 0
    header: str | None = None
    cells: str | None = None  # a range (merged cells)

    def sort_key(self) -> tuple[int, int, int]:
        return (sheet_order(self.sheet), self.row or 0, -1 if self.column is None else self.column)

    def describe(self, lang: str) -> str:
        if self.cells is not None:
            return _say("sheet_cells", lang, sheet=self.sheet, cells=self.cells)
        if self.row is None:
            return _say("sheet", lang, sheet=self.sheet)
        if self.column is None:
            return _say("sheet_row", lang, sheet=self.sheet, row=self.row)
        if self.header is None:
            return _say("sheet_column", lang, sheet=self.sheet, row=self.row, column=column_letter(self.column))
        return _say(
            "sheet_cell", lang, sheet=self.sheet, row=self.row, column=column_letter(self.column), header=self.header
        )

    def as_text(self) -> Text:
        """The place in the reader's language, as a parameter of another message (« déjà utilisé à … »)."""
        if self.row is None:
            return Text("validation.place.sheet", {"sheet": self.sheet})
        return Text("validation.place.sheet_row", {"sheet": self.sheet, "row": self.row})


def _say(key: str, lang: str, **params: Any) -> str:
    return Text(f"validation.place.{key}", params)(lang)


@dataclass(frozen=True)
class SheetProblem(Problem):
    """A problem of a workbook, at its sheet, row and column (``path``: where the YAML would have had it)."""

    place: Place | None = None

    def describe(self, lang: str = "fr") -> str:
        if self.place is None:
            return super().describe(lang)
        from scoring.problems import joined

        return joined(lang, self.file, self.place.describe(lang), self.message(lang))


def parse_workbook(
    data: bytes, name: str = "questionnaire.xlsx", *, bibliography: Bibliography | None = None
) -> Questionnaire:
    """Validate a workbook's bytes (a file, an upload); raise QuestionnaireError with every problem located. With a
    ``bibliography``, every cited key must be in it, as for a YAML file (`scoring.loader.load_questionnaire`)."""
    book = _open(data, name)
    try:
        reader = _Reader(name)
        raw = reader.read(book)
    finally:
        book.close()
    found: list[Problem] = []
    questionnaire: Questionnaire | None = None
    try:
        questionnaire = check_questionnaire_data(raw, name, bibliography=bibliography)
    except QuestionnaireError as error:
        found = list(error.problems)
    problems = reader.problems + reader.relocate(found)
    if problems or questionnaire is None:
        raise QuestionnaireError(_in_reading_order(problems))
    return questionnaire


# ---- the file -----------------------------------------------------------------------------------------------------


def _open(data: bytes, name: str) -> Any:
    def fail(code: str, **params: Any) -> QuestionnaireError:
        return QuestionnaireError([SheetProblem(name, "", code, params)])

    if len(data) > MAX_WORKBOOK_BYTES:
        raise fail("file_too_large", size=len(data), limit=MAX_WORKBOOK_BYTES)
    if not data.strip():
        raise fail("file_empty")
    if not data.startswith(b"PK\x03\x04"):
        raise fail("xlsx_not_a_workbook")
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise fail("xlsx_unreadable", detail=_detail(error)) from None
    # Sizes from the zip's directory, before anything is inflated: zipfile never inflates a part past them.
    if len(members) > MAX_MEMBERS:
        raise fail("xlsx_members", count=len(members), limit=MAX_MEMBERS)
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise fail("xlsx_uncompressed", size=total, limit=MAX_UNCOMPRESSED_BYTES)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > XLSX_RATIO_FROM_BYTES and ratio > XLSX_MAX_RATIO:
            raise fail("xlsx_ratio", member=member.filename[:80], ratio=int(ratio), limit=XLSX_MAX_RATIO)
    import openpyxl  # only for a workbook: validating YAML never pays for it

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=False, keep_links=False)
    except Exception as error:  # a damaged workbook fails in zipfile, XML or openpyxl, each its own way
        raise fail("xlsx_unreadable", detail=_detail(error)) from None


def _detail(error: BaseException) -> str:
    text = str(error).strip()
    return (text.splitlines()[0] if text else type(error).__name__)[:120]


# ---- sheets and rows ----------------------------------------------------------------------------------------------


@dataclass
class _Row:
    sheet: str
    number: int
    values: dict[str, Any] = field(default_factory=dict)  # header -> value
    places: dict[str, Place] = field(default_factory=dict)  # header -> its cell (every column of the sheet)

    @property
    def place(self) -> Place:
        return Place(self.sheet, self.number)

    def cell(self, header: str) -> Place:
        return self.places.get(header, self.place)


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[SheetProblem] = []
        self.places: dict[str, Place] = {}  # a path of the data -> where it was read
        self.refused: set[Place] = set()  # cells already reported (a formula...): the model's problem is not repeated
        self.language = "fr"

    def problem(self, place: Place | None, code: str, **params: Any) -> None:
        self.problems.append(SheetProblem(self.name, "", code, params, place))

    def read(self, book: Any) -> dict[str, Any]:
        rows: dict[str, list[_Row]] = {}
        for worksheet in book.worksheets:
            title = str(worksheet.title)
            if worksheet.sheet_state != "visible":
                self.problem(Place(title), "sheet_hidden", sheet=title)
            if title == GUIDE:
                continue
            sheet = SHEETS_BY_NAME.get(title)
            if sheet is None:
                close = difflib.get_close_matches(title.lower(), list(SHEETS_BY_NAME), n=1, cutoff=0.6)
                if close:
                    self.problem(Place(title), "sheet_unknown_hint", sheet=title, suggestion=close[0])
                else:
                    self.problem(Place(title), "sheet_unknown", sheet=title, sheets=", ".join(KNOWN_SHEETS))
                continue
            for merged in worksheet.merged_cells.ranges:
                self.problem(Place(title, cells=str(merged)), "sheet_merged")
            self._hidden_rows_and_columns(worksheet, title)
            rows[title] = self._rows(worksheet, sheet)
        for sheet in SHEETS:
            if sheet.required and sheet.name not in rows:
                self.problem(None, "sheet_missing", sheet=sheet.name)
        settings = rows.get(SETTINGS.name, [])
        language = settings[0].values.get("language") if settings else None
        if isinstance(language, str) and is_language_code(language):
            self.language = language
        return self._data(rows)

    def _hidden_rows_and_columns(self, worksheet: Any, title: str) -> None:
        """A hidden row or column is refused where it is, like a hidden sheet: what a questionnaire says is seen.
        Only within the sheet's used range (and its limits): a hidden empty column far to the right hides nothing."""
        last_row = min(worksheet.max_row, MAX_ROWS)
        last_column = min(worksheet.max_column, MAX_COLUMNS)
        for number, dimension in sorted(worksheet.row_dimensions.items()):
            if dimension.hidden and 1 <= number <= last_row:
                self.problem(Place(title, number), "row_hidden", row=number)
        for dimension in worksheet.column_dimensions.values():
            if not dimension.hidden or not dimension.min:
                continue
            for index in range(dimension.min - 1, min(dimension.max or dimension.min, last_column)):
                self.problem(Place(title, 1, index), "column_hidden", column=column_letter(index))

    def _rows(self, worksheet: Any, sheet: Sheet) -> list[_Row]:
        if worksheet.max_row > MAX_ROWS or worksheet.max_column > MAX_COLUMNS:
            self.problem(Place(sheet.name), "sheet_too_big", rows=MAX_ROWS, columns=MAX_COLUMNS)
            return []
        table = list(worksheet.iter_rows())
        if not table:
            return []
        headers: dict[int, str] = {}
        seen: dict[str, int] = {}
        for cell in table[0]:
            index = cell.column - 1
            place = Place(sheet.name, 1, index, str(cell.value) if cell.value is not None else None)
            if not self._plain_cell(cell, place):
                continue
            if cell.value is None or not str(cell.value).strip():
                continue
            header = str(cell.value).strip()
            if header in seen:
                self.problem(place, "column_twice", first=column_letter(seen[header]))
                continue
            if not self._known_header(sheet, header):
                self._unknown_header(sheet, header, place)
                continue
            seen[header] = index
            headers[index] = header
        for index, header in list(headers.items()):
            column = sheet.column(header)
            if column is not None and column.kind == "text":
                languages = [other for other in headers.values() if other != header and _stem(other) == header]
                if languages:  # « title » beside « title.en »: which one is the French?
                    self.problem(
                        Place(sheet.name, 1, index, header), "column_text_twice", languages=", ".join(languages)
                    )
                    del headers[index]
        for column in sheet.columns:
            if column.required and not any(_stem(header) == column.name for header in headers.values()):
                self.problem(Place(sheet.name, 1), "column_missing", column=column.name)
        out = []
        for cells in table[1:]:
            number = cells[0].row if cells else 0
            row = _Row(sheet.name, number)
            for index, header in headers.items():
                row.places[header] = Place(sheet.name, number, index, header)
            for cell in cells:
                header = headers.get(cell.column - 1)
                if header is None:
                    if cell.value is not None and str(cell.value).strip():
                        place = Place(sheet.name, number, cell.column - 1, None)
                        self.problem(place, "cell_without_column")
                    continue
                place = row.places[header]
                if not self._plain_cell(cell, place) or cell.value is None:
                    continue
                value = self._value(sheet, header, cell.value, place)
                if value is not None:
                    row.values[header] = value
            if row.values or any(place in self.refused for place in row.places.values()):
                out.append(row)
        return out

    def _plain_cell(self, cell: Any, place: Place) -> bool:
        """Whether the cell holds a value as typed; a formula, an error or a date is refused where it stands."""
        kind = getattr(cell, "data_type", None)
        value = cell.value
        code = None
        if kind == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
            code = "cell_formula"
        elif kind == "e":
            code = "cell_error"
        elif isinstance(value, (datetime, date, time, timedelta)):
            code = "cell_date"
        if code is None:
            return True
        self.refused.add(place)
        self.problem(place, code, value=_short(value))
        return False

    def _known_header(self, sheet: Sheet, header: str) -> bool:
        if sheet.column(header) is not None:
            return True
        match = _SOURCE_HEADER.match(header)
        source = sheet.column("source")
        if match and source is not None and source.kind == "sources":
            return match.group(3) is None or match.group(2) == "note"
        stem, _, language = header.rpartition(".")
        column = sheet.column(stem)
        return column is not None and column.kind == "text" and is_language_code(language)

    def _unknown_header(self, sheet: Sheet, header: str, place: Place) -> None:
        names = [column.name for column in sheet.columns]
        names += [f"{column.name}.fr" for column in sheet.columns if column.kind in ("text",)]
        close = difflib.get_close_matches(header, names, n=1, cutoff=0.6)
        if close:
            self.problem(place, "column_unknown_hint", column=_short(header), suggestion=close[0])
        else:
            self.problem(
                place, "column_unknown", column=_short(header), columns=", ".join(c.name for c in sheet.columns)
            )

    def _value(self, sheet: Sheet, header: str, value: Any, place: Place) -> Any:
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return None
        column = sheet.column(header) or sheet.column(_stem(header))
        kind = column.kind if column is not None else "str"
        if header.startswith("source.") and kind == "sources":
            kind = "str"
        if kind in ("str", "text"):
            if isinstance(value, float) and value.is_integer():
                return str(int(value))
            return value if isinstance(value, (str, bool)) else str(value)
        if kind == "int":
            if isinstance(value, float) and value.is_integer():
                return int(value)
            if isinstance(value, str) and re.fullmatch(r"[+-]?\d{1,12}", value):
                return int(value)
            return value
        if kind == "number":
            if isinstance(value, str) and _DECIMAL_COMMA.match(value):
                return float(value.replace(",", "."))
            return value
        if kind == "bool":
            if isinstance(value, str) and value.lower() in _TRUE | _FALSE:
                return value.lower() in _TRUE
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value in (0, 1):
                return bool(value)
            return value
        if kind == "list":
            return [part.strip() for part in re.split(r"[,;\n]", str(value)) if part.strip()]
        return value

    # -- from rows to the format's data

    def _record(self, row: _Row, path: str, skip: tuple[str, ...] = ()) -> dict[str, Any]:
        """The row's values as a record of the format at ``path``, each value's place recorded."""
        record: dict[str, Any] = {}
        base = f"{path}." if path else ""
        if path:
            self.places.setdefault(path, row.place)
        numbers = sorted({int(m.group(1)) for h in row.values if (m := _SOURCE_HEADER.match(h))})
        if numbers and "source" in row.values:
            self.problem(row.cell("source"), "source_twice")
            skip = (*skip, "source")
        position = {number: index for index, number in enumerate(numbers)}
        # Empty cells first, then filled ones over them: a missing value is put at its column when it has one.
        for header, place in sorted(row.places.items(), key=lambda item: item[0] in row.values):
            if header in skip or _stem(header) in skip:
                continue
            keys = self._keys(header, position)
            if keys is None:
                continue
            target = base + _path(keys)
            if header in row.values:
                self.places[target] = place
                if len(keys) > 1 and keys[-1] == self.language:
                    self.places[base + _path(keys[:-1])] = place
            else:
                self.places.setdefault(target, place)
                self.places.setdefault(base + _path(keys[:-1] if _is_language(keys[-1]) else keys), place)
        for header, value in row.values.items():
            if header in skip or _stem(header) in skip:
                continue
            keys = self._keys(header, position)
            if keys is not None:
                _set(record, keys, value)
        for key in ("source",):
            if isinstance(record.get(key), dict):
                record[key] = [record[key][index] for index in sorted(record[key])]
        return record

    def _keys(self, header: str, position: dict[int, int]) -> list[Any] | None:
        match = _SOURCE_HEADER.match(header)
        if match:
            number, key, language = match.groups()
            if int(number) not in position:
                return ["source", len(position), key] + ([language] if language else [])
            return ["source", position[int(number)], key] + ([language] if language else [])
        return header.split(".")

    def _data(self, rows: dict[str, list[_Row]]) -> dict[str, Any]:
        raw: dict[str, Any] = {}
        self.places[""] = Place(SETTINGS.name)
        for sheet in SHEETS:
            self.places.setdefault(sheet.name, Place(sheet.name))
        settings = rows.get(SETTINGS.name)
        if settings is not None:
            if not settings:
                self.problem(Place(SETTINGS.name), "settings_empty")
            else:
                first, *others = settings
                for row in others:
                    self.problem(row.place, "settings_rows", first=first.number)
                raw.update(self._record(first, ""))
                for key in ("scale", "bands"):
                    self.places[key] = first.place
        self.places["dimensions"] = Place(DIMENSIONS.name)
        self.places["profile"] = Place(PROFILE.name)
        self.places["positions"] = Place(POSITIONS.name)
        self.places["scale.labels"] = Place(SCALE.name)
        self._scale(rows.get(SCALE.name, []), raw)
        self._profile(rows.get(PROFILE.name, []), raw)
        dimensions = self._dimensions(rows.get(DIMENSIONS.name, []), raw)
        self._statements(rows.get(STATEMENTS.name, []), raw, dimensions)
        self._recommendations(rows.get(RECOMMENDATIONS.name, []), raw, dimensions)
        self._positions(rows.get(POSITIONS.name, []), rows.get(STEPS.name, []), raw)
        return raw

    def _scale(self, rows: list[_Row], raw: dict[str, Any]) -> None:
        labels: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        for row in rows:
            value = row.values.get("value")
            place = row.cell("value")
            if value is None:
                if place not in self.refused:
                    self.problem(place, "scale_value_missing")
                continue
            if not isinstance(value, int) or isinstance(value, bool):
                self.problem(place, "int_type", value=_short(value))
                continue
            if value in seen:
                self.problem(place, "scale_value_twice", value=value, first=seen[value])
                continue
            seen[value] = row.number
            path = f"scale.labels[{value}]"
            record = self._record(row, path, ("value",))
            self.places[path] = place
            self.places[f"scale.labels.{value}"] = place
            labels[value] = record.get("label", {})
        if labels:
            raw.setdefault("scale", {})["labels"] = labels

    def _profile(self, rows: list[_Row], raw: dict[str, Any]) -> None:
        fields: list[dict[str, Any]] = []
        index: dict[str, int] = {}
        options: list[_Row] = []
        for row in rows:
            if row.values.get("option") is not None or row.cell("option") in self.refused:
                options.append(row)
                continue
            if row.values.get("field") is None:
                if row.cell("field") not in self.refused:
                    self.problem(row.cell("field"), "profile_without_field")
                continue
            path = f"profile[{len(fields)}]"
            record = self._record(row, path, ("field", "option"))
            self.places[f"{path}.id"] = row.cell("field")
            index.setdefault(str(row.values["field"]), len(fields))
            fields.append({"id": row.values["field"], **record})
        for row in options:
            field_id = row.values.get("field")
            if field_id is None or str(field_id) not in index:
                if field_id is None:
                    self.problem(row.cell("field"), "option_without_field")
                else:
                    self.problem(row.cell("field"), "option_unknown_field", value=_short(field_id))
                continue
            if "option" not in row.values:
                continue
            field_record = fields[index[str(field_id)]]
            listed = field_record.setdefault("options", [])
            path = f"profile[{index[str(field_id)]}].options[{len(listed)}]"
            record = self._record(row, path, ("field", "option"))
            self.places[f"{path}.id"] = row.cell("option")
            listed.append({"id": row.values["option"], **record})
        if fields:
            raw["profile"] = fields

    def _dimensions(self, rows: list[_Row], raw: dict[str, Any]) -> dict[str, int]:
        dimensions: list[dict[str, Any]] = []
        index: dict[str, int] = {}
        for row in rows:
            path = f"dimensions[{len(dimensions)}]"
            record = self._record(row, path)
            self.places[f"{path}.items"] = row.cell("id")
            self.places[f"{path}.recommendations"] = row.cell("id")
            record["items"] = []
            if isinstance(record.get("id"), str):
                index.setdefault(record["id"], len(dimensions))
            dimensions.append(record)
        raw["dimensions"] = dimensions
        return index

    def _dimension_of(self, row: _Row, dimensions: dict[str, int], what: str) -> int | None:
        value = row.values.get("dimension")
        place = row.cell("dimension")
        if value is None:
            if place not in self.refused and "dimension" in row.places:
                self.problem(place, f"{what}_without_dimension")
            return None
        if value not in dimensions:
            close = difflib.get_close_matches(str(value), list(dimensions), n=1, cutoff=0.6)
            if close:
                self.problem(place, "unknown_dimension_hint", value=_short(value), suggestion=close[0])
            else:
                self.problem(place, "unknown_dimension", value=_short(value), allowed=", ".join(dimensions) or "-")
            return None
        return dimensions[value]

    def _statements(self, rows: list[_Row], raw: dict[str, Any], dimensions: dict[str, int]) -> None:
        for row in rows:
            d_index = self._dimension_of(row, dimensions, "statement")
            if d_index is None:
                continue
            items = raw["dimensions"][d_index]["items"]
            items.append(self._record(row, f"dimensions[{d_index}].items[{len(items)}]", ("dimension",)))

    def _recommendations(self, rows: list[_Row], raw: dict[str, Any], dimensions: dict[str, int]) -> None:
        for row in rows:
            d_index = self._dimension_of(row, dimensions, "recommendation")
            band = row.values.get("band")
            if band is None:
                if row.cell("band") not in self.refused and "band" in row.places:
                    self.problem(row.cell("band"), "recommendation_without_band")
                continue
            if band not in BANDS:
                self.problem(row.cell("band"), "unknown_band", value=_short(band), allowed=", ".join(BANDS))
                continue
            if d_index is None:
                continue
            listed = raw["dimensions"][d_index].setdefault("recommendations", {}).setdefault(band, [])
            path = f"dimensions[{d_index}].recommendations.{band}[{len(listed)}]"
            listed.append(self._record(row, path, ("dimension", "band")))

    def _positions(self, rows: list[_Row], step_rows: list[_Row], raw: dict[str, Any]) -> None:
        positions: list[dict[str, Any]] = []
        index: dict[str, int] = {}
        for row in rows:
            path = f"positions[{len(positions)}]"
            record = self._record(row, path)
            self.places.setdefault(f"{path}.steps", row.cell("steps"))
            if isinstance(record.get("id"), str):
                index.setdefault(record["id"], len(positions))
            positions.append(record)
        for row in step_rows:
            position = row.values.get("position")
            if position is None or str(position) not in index:
                if row.cell("position") not in self.refused:
                    code = "step_without_position" if position is None else "step_unknown_position"
                    self.problem(row.cell("position"), code, value=_short(position))
                continue
            record = positions[index[str(position)]]
            if isinstance(record.get("steps"), str):
                self.problem(row.cell("position"), "steps_named_and_listed", value=record["steps"])
                continue
            steps = record.setdefault("steps", [])
            path = f"positions[{index[str(position)]}].steps[{len(steps)}]"
            steps.append(self._record(row, path, ("position",)))
        if positions:
            raw["positions"] = positions

    # -- the model's problems, put back at their cells

    def relocate(self, problems: list[Problem]) -> list[SheetProblem]:
        out: list[SheetProblem] = []
        for problem in problems:
            for moved in self._relocate(problem):
                if moved.place in self.refused:
                    continue  # the cell's own problem (a formula...) says it already
                out.append(moved)
        return out

    def _relocate(self, problem: Problem) -> list[SheetProblem]:
        code, params, path = problem.code, dict(problem.params), problem.path
        if code == "duplicate_id" and isinstance(params.get("first"), str):
            first = self._find(params["first"])
            if first is not None:
                params["first"] = first.as_text()
        elif code == "too_short" and path.endswith(".items"):
            code = "dimension_without_statements"
        elif code == "scale_label_outside":
            outside = [value for value in str(params.get("value", "")).split(", ") if value.lstrip("-").isdigit()]
            moved = [
                SheetProblem(problem.file, path, code, {**params, "value": value}, place)
                for value in outside
                if (place := self.places.get(f"scale.labels.{value}")) is not None
            ]
            if moved:
                return moved
        return [SheetProblem(problem.file, path, code, params, self._find(path))]

    def _find(self, path: str) -> Place | None:
        while True:
            if path in self.places:
                return self.places[path]
            if not path:
                return None
            path = _parent(path)


def _is_language(key: Any) -> bool:
    return isinstance(key, str) and is_language_code(key)


def _stem(header: str) -> str:
    stem, _, language = header.rpartition(".")
    return stem if stem and is_language_code(language) else header


def _path(keys: list[Any]) -> str:
    out = ""
    for key in keys:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _set(record: dict[str, Any], keys: list[Any], value: Any) -> None:
    for key in keys[:-1]:
        record = record.setdefault(key, {})
    record[keys[-1]] = value


def _parent(path: str) -> str:
    """'dimensions[0].items[2].text' -> 'dimensions[0].items[2]' -> 'dimensions[0].items' -> ... -> ''."""
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def _short(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _in_reading_order(problems: list[SheetProblem]) -> list[SheetProblem]:
    """By sheet (in the format's order), row and column; problems of the whole file first."""
    return sorted(problems, key=lambda problem: (-1, 0, 0) if problem.place is None else problem.place.sort_key())
