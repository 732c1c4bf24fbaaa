"""What a response file may be, checked before it is parsed, so that no file can exhaust memory or time.

Each limit is one a spreadsheet has itself (a file exported from Excel or LibreOffice never exceeds it), or a
multiple of what the questionnaire names, or a bound measured to keep the reading of any file under the size limit
below 1 GiB of memory (``tests/scoring/test_bad_response_files.py`` measures the worst cases in a subprocess).
"""

from __future__ import annotations

MIB = 1024 * 1024

# Whole files. A million respondents × 60 statements is 140 MB of CSV; the command line takes that and more.
MAX_FILE_BYTES = 256 * MIB
# Uploads into the app (paper answers, a baseline): a workshop has tens of people, a federation a few thousand.
UPLOAD_MAX_BYTES = 20 * MIB

# Rows and cells, as spreadsheets have them: 1,048,576 rows (the header included), 32,767 characters in a cell.
MAX_ROWS = 1_048_576
MAX_CELL_CHARS = 32_767
# One line of a CSV (a row, or the header): 1 MiB holds 16,384 columns of 60 characters.
MAX_LINE_BYTES = MIB
# A column name longer than this cannot be one the questionnaire knows (ids are at most 64 characters): it is
# reported without being compared to every known name (a fuzzy match of a 100,000-character name takes seconds).
MAX_NAME_CHARS = 256
# Columns beyond those the questionnaire names (respondent, profile fields, statements): comments, notes, a
# spreadsheet's helper columns. They are refused anyway, but reported by name up to this many.
EXTRA_COLUMNS = 256
# Fields of the header, empty ones included (trailing separators): a spreadsheet has 16,384 columns (A to XFD).
MAX_HEADER_FIELDS = 16_384

# Workbooks (XLSX is a zip of XML). Apache POI refuses a part that inflates more than 100 times (its
# ZipSecureFile's default minimum inflate ratio, 0.01); a sheet of answers compresses 5 to 20 times.
XLSX_MAX_UNCOMPRESSED = 256 * MIB
XLSX_MAX_RATIO = 100
# Small parts (styles, a theme) may compress better than that without harm: the ratio is checked above this size.
XLSX_RATIO_FROM_BYTES = MIB
# Shared strings are all held in memory by openpyxl before the first row is read.
XLSX_MAX_SHARED_STRINGS_BYTES = 64 * MIB

# Groups of a breakdown (--group-by): each is a full set of figures in the JSON.
MAX_GROUPS = 1000


def max_columns(known: int) -> int:
    """The most columns a response file of a questionnaire with ``known`` column names may have."""
    return known + EXTRA_COLUMNS
