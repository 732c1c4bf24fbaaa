"""Response files that cannot hurt: every case of issue 9 (« What was seen » 10) and the others like them give a
located message in the user's language, exit 2, no output file, no traceback, and stay under 1 GiB of memory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import bad_files
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scoring_testkit import SMALL

from scoring import responses_io
from scoring.cli import main
from scoring.response_problems import ResponsesError
from scoring.responses_io import read_response_table_bytes, read_responses, read_responses_bytes
from scoring.responses_limits import MAX_CELL_CHARS, MAX_FILE_BYTES, UPLOAD_MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
GIB = 1024**3


def problems(data: bytes, small, name: str = "r.csv", lang: str = "en") -> list[str]:
    with pytest.raises(ResponsesError) as raised:
        read_responses_bytes(data, name, small)
    return raised.value.describe(lang).splitlines()


def refused_by_the_command(capsys, tmp_path: Path, path: Path, lang: str = "fr") -> str:
    output = tmp_path / "out.json"
    code = main(["score", str(SMALL), str(path), "--lang", lang, "-o", str(output)])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == "" and not output.exists()
    assert "Traceback" not in captured.err
    return captured.err


# ----- each case, its message ---------------------------------------------------------------------------------------


def test_a_header_field_over_the_csv_module_s_limit(capsys, tmp_path, small):
    err = refused_by_the_command(capsys, tmp_path, bad_files.long_header_field(tmp_path))
    assert "ligne 1, colonne B\u202f: nom de colonne de 200\u202f000 caractères" in err


def test_a_single_line_of_60_mb(capsys, tmp_path):
    err = refused_by_the_command(capsys, tmp_path, bad_files.single_line(tmp_path), lang="en")
    assert "one-line.csv: row 1: the first row runs over 1,048,576 bytes with no line break" in err


def test_a_row_of_60_mb(capsys, tmp_path):
    err = refused_by_the_command(capsys, tmp_path, bad_files.long_row(tmp_path))
    assert "long-row.csv\u202f: ligne 2\u202f: ligne de 62\u202f914\u202f563 octets" in err


def test_more_rows_than_a_spreadsheet(capsys, tmp_path):
    err = refused_by_the_command(capsys, tmp_path, bad_files.too_many_rows(tmp_path), lang="en")
    assert "1,048,577 rows: a response file holds 1,048,576 at most" in err


def test_a_cell_longer_than_a_spreadsheet_cell(capsys, tmp_path, small):
    lines = problems(b"respondent,organisation,a1\nR1," + b"x" * 40_000 + b",3\nR2,Asso,3\n", small)
    assert lines == [
        f"r.csv: row 2, column 'organisation' (B): a text of 40,000 characters: a cell holds {MAX_CELL_CHARS:,} at most"
    ]


def test_a_file_over_the_size_limit_is_not_read(capsys, tmp_path, monkeypatch):
    huge = bad_files.sparse_huge(tmp_path)
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: pytest.fail("read") if path == huge else read_bytes(path))
    err = refused_by_the_command(capsys, tmp_path, huge)
    limit = f"{MAX_FILE_BYTES:,}".replace(",", "\u202f")
    assert f"fichier trop volumineux (314\u202f572\u202f800 octets)\u202f: la limite est de {limit} octets" in err


def test_uploads_have_a_smaller_limit(small):
    data = b"a1\n" + b"1\n" * (UPLOAD_MAX_BYTES // 2)
    with pytest.raises(ResponsesError) as raised:
        read_responses_bytes(data, "r.csv", small, max_bytes=UPLOAD_MAX_BYTES)
    assert "(20 MiB)" in raised.value.describe("en")


def test_a_workbook_declaring_every_cell_of_a_sheet(capsys, tmp_path):
    err = refused_by_the_command(capsys, tmp_path, bad_files.declared_dimension(tmp_path), lang="en")
    assert "the sheet declares the range A1:XFD1048576 (1,048,576 rows, 16,384 columns)" in err


def test_a_zip_bomb(capsys, tmp_path):
    err = refused_by_the_command(capsys, tmp_path, bad_files.zip_bomb(tmp_path))
    assert "la partie «\u00a0xl/worksheets/sheet1.xml\u00a0» du classeur se décompresse 1024 fois" in err
    assert "un tableur compresse 100 fois au plus" in err


def test_a_workbook_over_the_uncompressed_limit(small, monkeypatch):
    monkeypatch.setattr(responses_io, "XLSX_MAX_UNCOMPRESSED", 1000)
    (line,) = problems(bad_files.workbook(bad_files.SMALL_SHEET), small, "r.xlsx")
    assert line.startswith("r.xlsx: workbook too large once uncompressed (") and "1000 bytes at most" in line


def test_xml_entities_are_refused(capsys, tmp_path):
    err = refused_by_the_command(capsys, tmp_path, bad_files.entity_expansion(tmp_path), lang="en")
    assert "unreadable Excel workbook" in err


def test_a_cell_far_away_is_neither_padded_up_to_nor_fatal(tmp_path, small):
    """XFD1048576 without a declared dimension: the rows are read as they are; the stray cell is out of reach."""
    frame, _ = read_responses(bad_files.far_cell(tmp_path), small)
    assert list(frame.index) == [2] and frame.loc[2, "a1"] == 4


def test_mixed_encodings_are_reported_with_their_rows(capsys, tmp_path):
    err = refused_by_the_command(capsys, tmp_path, bad_files.mixed_encodings(tmp_path))
    rows = "des lignes en UTF-8 (lignes 2, 4) et d’autres en Windows-1252 (ligne 3)"
    assert f"ce fichier mélange deux encodages\u202f: {rows}" in err


def test_many_rows_of_each_encoding_are_counted(small):
    utf8, latin1 = "Élan,1\n".encode(), "Élan,1\n".encode("latin-1")
    data = b"organisation,a1\n" + utf8 * 7 + latin1 * 2
    (line,) = problems(data, small)
    assert "(rows 2, 3, 4, 5, 6 and 2 more) and others in Windows-1252 (rows 9, 10)" in line


def test_a_windows_1252_file_is_still_read(small):
    frame, _ = read_responses_bytes("organisation,a1\nÉlan,1\nCafé,2\n".encode("cp1252"), "r.csv", small)
    assert frame["organisation"].tolist() == ["Élan", "Café"]


def test_lines_ended_by_cr_alone(small):
    frame, _ = read_responses_bytes(b"organisation,a1\rA,1\rB,2\r", "r.csv", small)
    assert frame["organisation"].tolist() == ["A", "B"] and frame["a1"].tolist() == [1, 2]


def test_a_header_with_more_columns_than_a_questionnaire_could_name(small):
    header = ",".join(["a1", *(f"x{n}" for n in range(400))])
    (line,) = problems((header + "\n1\n").encode(), small)
    assert line == "r.csv: row 1: 401 columns in the header: this questionnaire names 8, a file may have 264 at most"


def test_trailing_empty_columns_do_not_count(small):
    frame, _ = read_responses_bytes(b"a1,a2" + b"," * 5000 + b"\n1,2\n", "r.csv", small)
    assert frame.iloc[0][["a1", "a2"]].tolist() == [1, 2]


def test_a_value_beyond_the_header_is_reported(small):
    (line,) = problems(b"a1,a2\n1,2\n3,4,,7\n", small)
    assert line == "r.csv: row 3: 4 cells on this row, but the header names only 2 columns"


# ----- formulas -------------------------------------------------------------------------------------------------------


def test_a_formula_text_is_kept_with_a_warning(capsys, tmp_path):
    responses = tmp_path / "r.csv"
    responses.write_text(
        "respondent,organisation,a1\nR1,=cmd|' /C calc'!A0,4\nR2,Asso,3\nR3,@SUM(1),2\n", encoding="utf-8"
    )
    output = tmp_path / "out.json"
    code = main(["score", str(SMALL), str(responses), "--group-by", "organisation", "-o", str(output)])
    err = capsys.readouterr().err
    assert code == 0
    # The JSON is data: a script gets back what was typed. The reports write it as text (scoring.cells).
    groups = json.loads(output.read_text(encoding="utf-8"))["groups"]["organisation"]
    assert set(groups) == {"=cmd|' /C calc'!A0", "Asso", "@SUM(1)"}
    assert "«\u00a0=cmd|' /C calc'!A0\u00a0» (2 lignes) commence comme une formule de tableur" in err


def test_a_formula_cell_in_a_workbook_is_refused_where_it_is(small):
    data = bad_files.workbook([["respondent", "a1", "a2"], ["R1", "=2+2", 3], ["R2", 4, "=A1"]])
    lines = problems(data, small, "r.xlsx")
    assert lines == [
        "r.xlsx: row 2, column 'a1' (B): formula '=2+2': a response file holds values; copy the sheet, then "
        "'Paste special > Values'",
        "r.xlsx: row 3, column 'a2' (C): formula '=A1': a response file holds values; copy the sheet, then "
        "'Paste special > Values'",
    ]


# ----- no traceback, whatever the bytes -------------------------------------------------------------------------------

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
csv_text = st.lists(st.sampled_from([*"a1b2,;\t\n\r\"' =NSPnaé€\x00\x85\u2028", "a1", "a2", "b1"])).map("".join)


@FUZZ
@given(st.one_of(st.binary(max_size=300), csv_text.map(lambda t: ("a1,a2,b1\n" + t).encode("utf-8", "surrogatepass"))))
def test_any_bytes_as_a_csv_give_a_table_or_located_problems(small, data):
    try:
        table, _ = read_response_table_bytes(data, "r.csv", small)
    except ResponsesError as error:
        assert error.problems and all(isinstance(p.describe("fr", "r.csv"), str) for p in error.problems)
    else:
        assert table.codes.shape == (len(table), len(small.item_ids))


VALID_XLSX = bad_files.workbook([["respondent", "organisation", "a1", "a2"], ["R1", "Asso", 4, 2], ["R2", "B", 3, 1]])


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(VALID_XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_a_damaged_workbook_gives_a_table_or_located_problems(small, changes):
    data = bytearray(VALID_XLSX)
    for position, value in changes:
        data[position] = value
    try:
        read_response_table_bytes(bytes(data), "r.xlsx", small)
    except ResponsesError as error:
        assert error.problems


# ----- memory: the worst cases, measured in a fresh process ---------------------------------------------------------

MEASURE = """
import json, resource, sys
from scoring.batch import score_inputs
report = {}
for name, path in json.loads(sys.argv[1]).items():
    options = {"group_by": "organisation", "balance": "organisation"} if name == "long_texts" else {}
    scored = score_inputs(sys.argv[2], path, lang="en", **options)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux gives KiB
    report[name] = {"errors": scored.errors + scored.warnings, "peak": peak}
print(json.dumps(report))
"""


def test_the_worst_files_stay_under_1_gib(tmp_path):
    """Each worst case is read in turn by one process; its peak memory (which only grows) must stay under 1 GiB.

    A memory bound, not a time bound: the machine's speed does not change it.
    """
    paths = {name: str(make(tmp_path)) for name, (make, _) in bad_files.HEAVY.items()}
    completed = subprocess.run(
        [sys.executable, "-c", MEASURE, json.dumps(paths), str(SMALL)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    for name, (_, fragment) in bad_files.HEAVY.items():
        errors = "\n".join(report[name]["errors"])
        assert fragment in errors, (name, errors[:500])
        assert "Traceback" not in errors
    peaks = {name: round(found["peak"] / 2**20) for name, found in report.items()}
    assert max(found["peak"] for found in report.values()) < GIB, peaks


def test_the_measure_sees_memory():
    """The same measure on a process that holds 300 MB reports it: the bound above is not vacuous."""
    hold = "b = bytearray(300 * 2**20); b[::4096] = b'x' * len(b[::4096])"
    report = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)"
    completed = subprocess.run([sys.executable, "-c", f"{hold}\n{report}"], capture_output=True, text=True, timeout=120)
    assert int(completed.stdout) > 300 * 2**20
