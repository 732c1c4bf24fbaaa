"""Reading response files: formats, encodings, unanswered cells, and problems located by row and column."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pandas as pd
import pytest
from scoring_testkit import ITEMS

from scoring.response_problems import ResponsesError, column_letter
from scoring.responses_io import read_responses, read_responses_bytes

HEADER = "respondent,organisation,role," + ",".join(ITEMS)


def read(text: str | bytes, small, name: str = "r.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_responses_bytes(data, name, small)


def problems(text: str | bytes, small, name: str = "r.csv", lang: str = "en") -> list[str]:
    with pytest.raises(ResponsesError) as raised:
        read(text, small, name)
    return raised.value.describe(lang).splitlines()


def workbook(rows: list[list[object]], leading_blank_rows: int = 0) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for _ in range(leading_blank_rows):
        sheet.append([])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_clean_csv(small):
    frame, warnings = read(f"{HEADER}\nR1,Asso A,administrateur,5,1,5,4,4\nR2,Asso B,salarie,3,3,3,2,\n", small)
    assert warnings == []
    assert list(frame.columns) == ["respondent", "organisation", "role", *ITEMS]
    assert list(frame.index) == [2, 3] and frame.index.name == "row"  # spreadsheet rows
    assert frame.loc[2, ITEMS].tolist() == [5, 1, 5, 4, 4]
    assert np.isnan(frame.loc[3, "b2"])
    assert frame["organisation"].tolist() == ["Asso A", "Asso B"]


@pytest.mark.parametrize("token", ["", "NA", "na", "Na", "NSP", "nsp", "Nsp", " NSP ", "  ", " na"])
def test_unanswered_tokens(small, token):
    frame, _ = read(f"a1,a2\n{token},3\n4,{token}\n", small)
    assert np.isnan(frame.iloc[0]["a1"]) and np.isnan(frame.iloc[1]["a2"])
    assert frame.iloc[1]["a1"] == 4 and frame.iloc[0]["a2"] == 3


@pytest.mark.parametrize("cell", ["4", "4.0", '"4,0"', " 4 ", "4.00"])
def test_whole_numbers_in_several_spellings(small, cell):
    frame, _ = read(f"a1,a2\n{cell},1\n", small)
    assert frame.iloc[0]["a1"] == 4


def test_semicolons_windows_1252_and_decimal_comma(small):
    text = "respondent;organisation;a1;a2;b1\nR1;Société générale;4,0;NSP;5\nR2;Élan;1;2;\n"
    frame, _ = read(text.encode("cp1252"), small)
    assert frame["organisation"].tolist() == ["Société générale", "Élan"]
    assert frame.iloc[0][["a1", "b1"]].tolist() == [4, 5]


def test_utf8_with_bom(small):
    frame, _ = read("\ufeffrespondent,organisation,a1\nR1,Crèche,2\n".encode(), small)
    assert list(frame.columns)[:2] == ["respondent", "organisation"]
    assert frame.iloc[0]["organisation"] == "Crèche"


def test_tabs_and_crlf(small):
    frame, _ = read("respondent\ta1\ta2\r\nR1\t3\t4\r\n", small)
    assert frame.iloc[0][["a1", "a2"]].tolist() == [3, 4]


def test_header_names_and_profile_values_are_stripped(small):
    frame, _ = read(" respondent , organisation ,a1\n 007 ,  Asso A  ,2\nR2,  ,3\n", small)
    assert frame["respondent"].tolist() == ["007", "R2"]  # text, not the number 7
    assert frame.iloc[0]["organisation"] == "Asso A" and pd.isna(frame.iloc[1]["organisation"])


def test_blank_rows_are_not_respondents_but_keep_the_row_numbers(small):
    frame, _ = read("respondent,a1,a2\nR1,1,2\n\n,,\nR4,,\n,NSP,\n,5,\n", small)
    # Row 3 is blank, row 4 holds only separators, row 6 only "NSP": not respondents. R4 answered nothing but exists.
    assert list(frame.index) == [2, 5, 7]
    assert frame["respondent"].tolist()[:2] == ["R1", "R4"]


def test_trailing_separators_are_harmless(small):
    frame, _ = read("a1;a2;\n1;2;\n3;4;;\n", small)
    assert len(frame) == 2


def test_missing_item_columns_are_a_warning(small):
    frame, warnings = read("respondent,a1,b1\nR1,1,2\n", small)
    assert np.isnan(frame["a2"]).all() and list(frame.columns) == ["respondent", *ITEMS]
    assert len(warnings) == 1 and "a2, a3, b2" in warnings[0].describe("en")
    assert warnings[0].describe("fr") == "3 colonnes absentes, comptées comme sans réponse\u202f: a2, a3, b2"
    _, warnings = read("respondent,a1,a2,a3,b1\nR1,1,2,3,4\n", small)
    assert warnings[0].describe("fr") == "1 colonne absente, comptée comme sans réponse\u202f: b2"


def test_other_warnings(small):
    text = "respondent,role," + ",".join(ITEMS) + "\nR1,administrateur,1,1,1,1,1\nR1,benevole,2,2,2,2,2\n"
    _, warnings = read(text, small)
    codes = sorted(warning.code for warning in warnings)
    assert codes == ["duplicate_respondents", "unknown_option"]
    _, warnings = read("respondent," + ",".join(ITEMS) + "\n", small)
    assert [warning.code for warning in warnings] == ["no_rows"]


def test_unknown_duplicate_and_unnamed_columns(small):
    lines = problems("respondent,A1,commentaire,a2,a2,,b1\nR1,1,ok,2,2,x,3\nR2,1,,2,2,,3\n", small)
    assert lines == [
        "r.csv: row 1, column 'A1' (B): unknown column (did you mean 'a1'?)",
        "r.csv: row 1, column 'commentaire' (C): unknown column: neither respondent, nor a profile field, "
        "nor a question of the questionnaire",
        "r.csv: row 1, column 'a2' (E): duplicate column (already column D)",
        "r.csv: row 2, column F: a value in a column without a name: name the column on row 1, or empty it",
    ]


def test_cell_problems_with_row_and_column(small):
    text = "respondent,a1,a2,a3\nR1,6,2,x\nR2,2.5,0,4\nR3,1,2,3\nR4,,,TRUE\n"
    assert problems(text, small) == [
        "r.csv: row 2, column 'a1' (B): 6 is outside the scale (1 to 5)",
        "r.csv: row 2, column 'a3' (D): 'x' is not a number (an answer from 1 to 5, or empty, NA, NSP when unanswered)",
        "r.csv: row 3, column 'a1' (B): '2.5' is not a whole number (an answer from 1 to 5)",
        "r.csv: row 3, column 'a2' (C): 0 is outside the scale (1 to 5)",
        "r.csv: row 5, column 'a3' (D): 'TRUE' is not a number (an answer from 1 to 5, or empty, NA, NSP when "
        "unanswered)",
    ]
    french = problems(text, small, lang="fr")
    assert french[0] == "r.csv\u202f: ligne 2, colonne «\u00a0a1\u00a0» (B)\u202f: 6 est hors de l’échelle (de 1 à 5)"


def test_at_most_twenty_problems_then_a_count(small):
    text = "a1,a2\n" + "9,x\n" * 30
    lines = problems(text, small)
    assert len(lines) == 21
    assert lines[0].startswith("r.csv: row 2, column 'a1'") and lines[1].startswith("r.csv: row 2, column 'a2'")
    assert lines[-1] == "r.csv: … and 40 more problems in the cells"


def test_header_problems(small):
    assert problems("", small) == ["r.csv: the file is empty"]
    assert problems(" \n\n", small) == ["r.csv: the file is empty"]
    assert problems("\n1,2,3\n", small) == ["r.csv: row 1: the first row is blank: it must give the column names"]
    (line,) = problems("1,2,3\n4,5,6\n", small)
    assert line.startswith("r.csv: row 1: the first row must give the column names") and "'1'" not in line


def test_malformed_csv(small):
    (line,) = problems("a1,a2\n1,2\n" + ",".join(["1"] * 12) + "\n", small)
    assert line == "r.csv: row 3: 12 cells on this row, but the header names only 2 columns"
    (line,) = problems('a1,a2\n1,"2\n3,4\n', small)
    assert line == "r.csv: a quote is opened and never closed (from row 2)"


def test_file_types(small):
    assert problems(b"%PDF-1.4", small, "r.pdf") == [
        "r.pdf: unknown format: a response file is a CSV (.csv) or an Excel workbook (.xlsx)"
    ]
    assert "xls" in problems(b"\xd0\xcf\x11\xe0 old excel", small, "r.xls")[0]
    assert "UTF-16" in problems("a1,a2\n1,2\n".encode("utf-16"), small)[0]
    assert problems(b"PK\x03\x04 not really a zip", small, "r.xlsx")[0].startswith("r.xlsx: unreadable Excel workbook")


def test_size_limit_for_uploads(small):
    with pytest.raises(ResponsesError, match="too large"):
        read_responses_bytes(b"a1\n1\n" * 100, "r.csv", small, max_bytes=100)
    frame, _ = read_responses_bytes(b"a1\n1\n", "r.csv", small, max_bytes=100)
    assert len(frame) == 1


def test_missing_file(small, tmp_path):
    with pytest.raises(ResponsesError) as raised:
        read_responses(tmp_path / "absent.csv", small)
    assert "absent.csv" in raised.value.describe("en") and "cannot read" in raised.value.describe("en")


def test_xlsx(small):
    data = workbook(
        [
            ["respondent", "organisation", "a1", "a2", "a3", "b1", "b2"],
            ["R1", "Asso A", 4, "1", 5.0, " nsp ", None],
            [12, None, "4,0", None, None, None, 3],
        ],
        leading_blank_rows=2,
    )
    frame, _ = read(data, small, "réponses.xlsx")
    assert list(frame.index) == [4, 5]  # two blank rows, the header on row 3
    assert frame.loc[4, ITEMS].tolist()[:3] == [4, 1, 5] and np.isnan(frame.loc[4, "b1"])
    assert frame.loc[5, "respondent"] == "12" and frame.loc[5, "a1"] == 4


def test_xlsx_problems_use_the_sheet_rows(small):
    import datetime

    data = workbook([["a1", "a2"], [True, datetime.datetime(2024, 1, 1)], [3, 7]], leading_blank_rows=1)
    lines = problems(data, small, "r.xlsx")
    assert lines[0].startswith("r.xlsx: row 3, column 'a1' (A): 'True' is not a number")
    assert lines[1].startswith("r.xlsx: row 3, column 'a2' (B): '2024-01-01 00:00:00' is not a number")
    assert lines[2] == "r.xlsx: row 4, column 'a2' (B): 7 is outside the scale (1 to 5)"
    assert problems(workbook([]), small, "r.xlsx") == ["r.xlsx: the file is empty"]


def test_column_letters():
    assert [column_letter(n) for n in (0, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"
    ]  # fmt: skip


def test_a_large_file_with_bad_cells_everywhere_gives_twenty_problems_and_the_count_of_the_rest(small):
    # 10,000 rows with bad cells everywhere. How fast it is checked is measured in bench/bench_score.py (a timing
    # assert here would fail on a loaded machine and pass on a wrong one).
    rng = np.random.default_rng(1)
    values = rng.integers(0, 7, size=(10_000, len(ITEMS))).astype(str)
    values[rng.random(values.shape) < 0.05] = " nsp "
    text = ",".join(ITEMS) + "\n" + "\n".join(",".join(row) for row in values) + "\n"
    lines = problems(text, small)
    assert len(lines) == 21 and "more problems" in lines[-1]
