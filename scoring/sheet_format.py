"""The spreadsheet (XLSX) form of the questionnaire format: its sheets and columns, shared by the writer
(``scoring.sheet_write``) and the reader (``scoring.sheet_read``); questionnaires/README.md explains it to authors.

A workbook holds one sheet per part of the format. Row 1 of each sheet names its columns; each further row is one
record (the settings sheet has a single one). A column's name is the path of its value in the record, as the YAML's
validation messages write paths: ``scale.min`` is the key ``min`` of ``scale``. A text is one column per language,
side by side: ``title.fr``, ``title.en`` (a column named ``title`` alone is in the questionnaire's language, as a
plain string is in YAML). The sources of a statement or a recommendation are numbered groups of columns:
``source.1.key``, ``source.1.text``, ``source.1.locator``, ``source.1.note.fr``..., then ``source.2.*``. A list of
ids (``actor``, ``asked_of``) is one cell, its ids separated by commas. Columns may come in any order; an empty cell
is a key left out.

No openpyxl here: this module is data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["str", "text", "int", "number", "bool", "list", "sources"]
BANDS = ("priority", "watch", "strength")
# The keys of one citation (scoring.model.Citation); ``note`` is a text.
CITATION_KEYS = ("key", "text", "locator")
# What a position's ``steps`` cell may name instead of rows of the steps sheet (scoring.model.NAMED_STEP_LISTS).
NAMED_STEPS = "continuum"

# Limits of a workbook, checked before openpyxl reads it: a questionnaire's workbook is some 30 KB; the limits bound
# what a hostile one can make openpyxl do, as the YAML's 1 MiB bounds the YAML reader.
MAX_WORKBOOK_BYTES = 1024 * 1024  # the file as uploaded, as for a YAML file
MAX_UNCOMPRESSED_BYTES = 16 * 1024 * 1024  # all parts of the zip, inflated
MAX_MEMBERS = 200  # parts of the zip: a workbook of ten sheets has about forty
MAX_ROWS = 2_000  # rows of one sheet: far more statements than anyone answers
MAX_COLUMNS = 200  # columns of one sheet


@dataclass(frozen=True)
class Column:
    name: str  # the header; for a text, the stem of ``name.<lang>``; for sources, ``source``
    kind: Kind
    required: bool = False  # the column must be in the sheet


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    required: bool = False
    single_row: bool = False  # the settings: one record

    def column(self, name: str) -> Column | None:
        return next((column for column in self.columns if column.name == name), None)


def _c(name: str, kind: Kind = "str", *, required: bool = False) -> Column:
    return Column(name, kind, required)


SETTINGS = Sheet(
    "settings",
    (
        _c("id", required=True),
        _c("version", required=True),
        _c("language"),
        _c("title", "text", required=True),
        _c("description", "text"),
        _c("scale.min", "int", required=True),
        _c("scale.max", "int", required=True),
        _c("scale.allow_na", "bool"),
        _c("bands.watch", "number"),
        _c("bands.strength", "number"),
        _c("min_coverage", "number"),
        _c("consensus_threshold", "number"),
        _c("min_group_size", "int"),
    ),
    required=True,
    single_row=True,
)
SCALE = Sheet("scale", (_c("value", "int", required=True), _c("label", "text", required=True)))
# One row per profile question (``option`` empty: its label) and one per option of it (``option``: the option's id).
PROFILE = Sheet("profile", (_c("field", required=True), _c("option"), _c("label", "text", required=True)))
DIMENSIONS = Sheet(
    "dimensions",
    (
        _c("id", required=True),
        _c("label", "text", required=True),
        _c("description", "text"),
        _c("weight", "number"),
        _c("asked_of", "list"),
    ),
    required=True,
)
STATEMENTS = Sheet(
    "statements",
    (
        _c("dimension", required=True),
        _c("id", required=True),
        _c("text", "text", required=True),
        _c("reverse", "bool"),
        _c("weight", "number"),
        _c("help", "text"),
        _c("recommendation", "text"),
        _c("actor", "list"),
        _c("first", "bool"),
        _c("asked_of", "list"),
        _c("source", "sources"),
    ),
    required=True,
)
RECOMMENDATIONS = Sheet(
    "recommendations",
    (
        _c("dimension", required=True),
        _c("band", required=True),
        _c("text", "text", required=True),
        _c("actor", "list"),
        _c("source", "sources"),
    ),
)
# A position question (the continuum): ``steps`` names a shipped list (continuum) or is empty, its steps then in
# the steps sheet, one row each, in order.
POSITIONS = Sheet(
    "positions",
    (
        _c("id", required=True),
        _c("label", "text", required=True),
        _c("help", "text"),
        _c("today", "text", required=True),
        _c("wished", "text"),
        _c("steps"),
    ),
)
STEPS = Sheet(
    "steps",
    (
        _c("position", required=True),
        _c("id", required=True),
        _c("label", "text", required=True),
        _c("definition", "text", required=True),
        _c("source"),
    ),
)
# A sheet of explanations for the person who fills the workbook in; the reader skips it.
GUIDE = "guide"

SHEETS: tuple[Sheet, ...] = (SETTINGS, SCALE, PROFILE, DIMENSIONS, STATEMENTS, RECOMMENDATIONS, POSITIONS, STEPS)
SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}
KNOWN_SHEETS = (GUIDE, *SHEETS_BY_NAME)
# Values of a statement or a recommendation written only when they differ from the format's default.
DEFAULTS = {"reverse": False, "first": False, "weight": 1.0}


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: a spreadsheet's name of a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_order(name: str) -> int:
    return KNOWN_SHEETS.index(name) if name in KNOWN_SHEETS else len(KNOWN_SHEETS)
