"""A questionnaire's workbook refused with every problem at once, each at its sheet, row and column, in French and
English, worded by the one catalogue (i18n/*.scoring.yaml); what a spreadsheet can hide is refused too."""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.workbook.workbook import Workbook

from scoring.loader import parse_questionnaire
from scoring.problems import QuestionnaireError
from scoring.sheet_format import MAX_WORKBOOK_BYTES
from scoring.sheet_read import SheetProblem, parse_workbook
from scoring.sheet_write import workbook_bytes

ROOT = Path(__file__).resolve().parents[2]
BASE_YAML = """
id: demo
version: "1.0"
language: fr
title: {fr: Démonstration, en: Demonstration}
scale:
  min: 1
  max: 5
  labels:
    1: {fr: Pas du tout d’accord, en: Strongly disagree}
    5: {fr: Tout à fait d’accord, en: Strongly agree}
profile:
  - id: role
    label: {fr: Votre rôle, en: Your role}
    options:
      - {id: direction, label: Direction}
      - {id: benevole, label: {fr: Bénévole, en: Volunteer}}
dimensions:
  - id: ethique
    label: {fr: Éthique, en: Ethics}
    items:
      - {id: eth-1, text: {fr: Nous partageons des valeurs., en: We share values.}}
      - {id: eth-2, text: {fr: Nous en parlons., en: We talk about them.}, asked_of: [direction]}
    recommendations:
      priority:
        - {text: {fr: Écrire une charte., en: Write a charter.}, actor: conseil}
  - id: communication
    label: {fr: Communication, en: Communication}
    items:
      - {id: com-1, text: {fr: Nous nous parlons., en: We talk.}}
"""


def base_book() -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(parse_questionnaire(BASE_YAML))))


def column_of(book: Workbook, sheet: str, header: str) -> str:
    for cell in book[sheet][1]:
        if cell.value == header:
            return cell.column_letter
    raise KeyError(header)


def put(book: Workbook, sheet: str, row: int, header: str, value: object) -> None:
    book[sheet][f"{column_of(book, sheet, header)}{row}"] = value


def saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def problems_of(data: bytes) -> list[SheetProblem]:
    with pytest.raises(QuestionnaireError) as caught:
        parse_workbook(data, "grille.xlsx")
    return caught.value.problems


def plain(text: str) -> str:
    """French typography's no-break spaces as plain spaces, so that the expected lines below read easily (the
    catalogue's typography is tests/test_i18n.py's)."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def described(data: bytes, lang: str) -> list[str]:
    return [plain(problem.describe(lang)) for problem in problems_of(data)]


def test_the_base_workbook_is_valid() -> None:
    assert parse_workbook(saved(base_book())) == parse_questionnaire(BASE_YAML)


# (what the author did, the change, the English line expected, the French line expected)
Change = Callable[[Workbook], None]
CASES: list[tuple[str, Change, str, str]] = [
    (
        "statement_without_dimension",
        lambda book: put(book, "statements", 3, "dimension", None),
        "sheet « statements », row 3, column A (dimension): a statement without its dimension",
        "feuille « statements », ligne 3, colonne A (dimension) : une affirmation sans sa dimension",
    ),
    (
        "unknown_dimension",
        lambda book: put(book, "statements", 4, "dimension", "comunication"),
        "row 4, column A (dimension): « comunication » is not a dimension of the dimensions sheet (did you mean "
        "« communication »?)",
        "ligne 4, colonne A (dimension) : « comunication » n’est pas une dimension",
    ),
    (
        "duplicate_statement_id",
        lambda book: put(book, "statements", 4, "id", "eth-1"),
        "sheet « statements », row 4, column B (id): duplicate identifier 'eth-1' (already used at sheet "
        "« statements », row 2)",
        "feuille « statements », ligne 4, colonne B (id) : identifiant en double « eth-1 » (déjà "
        "utilisé à feuille « statements », ligne 2)",
    ),
    (
        "duplicate_dimension_id",
        lambda book: put(book, "dimensions", 3, "id", "ethique"),
        "sheet « dimensions », row 3, column A (id): duplicate identifier 'ethique'",
        "feuille « dimensions », ligne 3, colonne A (id) : identifiant en double",
    ),
    (
        "scale_label_outside",
        lambda book: put(book, "scale", 3, "value", 7),
        "sheet « scale », row 3, column A (value): label for a value outside the scale 1 to 5: 7",
        "feuille « scale », ligne 3, colonne A (value) : libellé pour une valeur hors de l’échelle 1 à 5 : 7",
    ),
    (
        "formula",
        lambda book: put(book, "statements", 2, "text.fr", '=CONCAT("a";"b")'),
        "sheet « statements », row 2, column C (text.fr): a formula",
        "feuille « statements », ligne 2, colonne C (text.fr) : une formule",
    ),
    (
        "merged_cells",
        lambda book: book["dimensions"].merge_cells("B2:C2"),
        "sheet « dimensions », cells B2:C2: merged cells",
        "feuille « dimensions », cellules B2:C2 : cellules fusionnées",
    ),
    (
        "hidden_sheet",
        lambda book: setattr(book["recommendations"], "sheet_state", "hidden"),
        "sheet « recommendations »: the sheet « recommendations » is hidden",
        "feuille « recommendations » : la feuille « recommendations » est masquée",
    ),
    (
        "bad_slug",
        lambda book: put(book, "statements", 3, "id", "Eth 2"),
        "row 3, column B (id): invalid identifier 'Eth 2'",
        "ligne 3, colonne B (id) : identifiant invalide",
    ),
    (
        "missing_default_language",
        lambda book: put(book, "dimensions", 2, "label.fr", None),
        "sheet « dimensions », row 2, column B (label.fr): no text in the questionnaire's default language ('fr')",
        "feuille « dimensions », ligne 2, colonne B (label.fr)",
    ),
    (
        "scale_order",
        lambda book: put(book, "settings", 2, "scale.min", 5),
        "sheet « settings », row 2",
        "feuille « settings », ligne 2",
    ),
    (
        "unknown_actor",
        lambda book: put(book, "recommendations", 2, "actor", "conseil, maire"),
        "sheet « recommendations », row 2, column E (actor): 'maire' is not a known actor",
        "feuille « recommendations », ligne 2, colonne E (actor)",
    ),
    (
        "asked_of_unknown_role",
        lambda book: put(book, "statements", 3, "asked_of", "tresorier"),
        "sheet « statements », row 3, column M (asked_of): 'tresorier' is not an option of the field 'role'",
        "feuille « statements », ligne 3, colonne M (asked_of)",
    ),
    (
        "unknown_column",
        lambda book: put(book, "statements", 1, "weight", "poid"),
        "sheet « statements », row 1, column F (poid): unknown column « poid »",
        "feuille « statements », ligne 1, colonne F (poid) : colonne inconnue",
    ),
    (
        "unknown_band",
        lambda book: put(book, "recommendations", 2, "band", "urgent"),
        "sheet « recommendations », row 2, column B (band): « urgent » is not a band",
        "feuille « recommendations », ligne 2, colonne B (band) : « urgent » n’est pas une zone",
    ),
    (
        "weight_not_a_number",
        lambda book: put(book, "dimensions", 2, "weight", "lourd"),
        "sheet « dimensions », row 2, column F (weight): a number is expected, not 'lourd'",
        "feuille « dimensions », ligne 2, colonne F (weight)",
    ),
    (
        "date",
        lambda book: put(book, "settings", 2, "version", __import__("datetime").datetime(2026, 1, 10)),
        "sheet « settings », row 2, column B (version): a date",
        "feuille « settings », ligne 2, colonne B (version) : une date",
    ),
    (
        "dimension_without_statements",
        lambda book: put(book, "statements", 4, "dimension", "ethique"),
        "sheet « dimensions », row 3, column A (id): a dimension without any statement",
        "feuille « dimensions », ligne 3, colonne A (id) : une dimension sans affirmation",
    ),
    (
        "bands_order",
        lambda book: put(book, "settings", 2, "bands.watch", 90),
        # A rule across two cells (watch and strength): the row is named, and the message names both.
        "sheet « settings », row 2: thresholds must satisfy 0 ≤ watch < strength ≤ 100 (here watch = 90",
        "feuille « settings », ligne 2 : les seuils",
    ),
    (
        "reserved_id",
        lambda book: put(book, "statements", 2, "id", "respondent"),
        "sheet « statements », row 2, column B (id): the identifier 'respondent' is reserved",
        "feuille « statements », ligne 2, colonne B (id)",
    ),
    (
        "duplicate_option",
        lambda book: put(book, "profile", 4, "option", "direction"),
        "sheet « profile », row 4, column B (option): duplicate identifier 'direction' (already used at sheet "
        "« profile », row 3)",
        "feuille « profile », ligne 4, colonne B (option)",
    ),
    (
        "coverage_above_one",
        lambda book: put(book, "settings", 2, "min_coverage", 2),
        "sheet « settings », row 2, column M (min_coverage): must be at most 1",
        "feuille « settings », ligne 2, colonne M (min_coverage)",
    ),
    (
        "scale_value_twice",
        lambda book: put(book, "scale", 3, "value", 1),
        "sheet « scale », row 3, column A (value): the value 1 appears twice (already on row 2)",
        "feuille « scale », ligne 3, colonne A (value) : la valeur 1 apparaît deux fois",
    ),
    (
        "hidden_row",
        lambda book: setattr(book["statements"].row_dimensions[3], "hidden", True),
        "sheet « statements », row 3: row 3 is hidden: show it (or delete it), a questionnaire hides nothing",
        "feuille « statements », ligne 3 : la ligne 3 est masquée",
    ),
    (
        "hidden_column",
        lambda book: setattr(book["dimensions"].column_dimensions["B"], "hidden", True),
        "sheet « dimensions », row 1, column B: column B is hidden",
        "feuille « dimensions », ligne 1, colonne B : la colonne B est masquée",
    ),
    (
        "unknown_sheet",
        lambda book: setattr(book["positions"], "title", "position"),
        "sheet « position »: unknown sheet « position » (did you mean « positions »?)",
        "feuille « position » : feuille inconnue",
    ),
]


@pytest.mark.parametrize(("change", "english", "french"), [case[1:] for case in CASES], ids=[c[0] for c in CASES])
def test_a_bad_workbook_is_refused_at_its_sheet_row_and_column(change: Change, english: str, french: str) -> None:
    book = base_book()
    change(book)
    data = saved(book)
    in_english, in_french = described(data, "en"), described(data, "fr")
    assert any(english in line for line in in_english), in_english
    assert any(french in line for line in in_french), in_french
    assert all(line.startswith("grille.xlsx") for line in in_english + in_french)


def test_every_problem_of_a_workbook_comes_at_once_in_reading_order() -> None:
    book = base_book()
    for _, change, _, _ in CASES[:8]:
        change(book)
    problems = problems_of(saved(book))
    codes = {problem.code for problem in problems}
    assert {"statement_without_dimension", "duplicate_id", "scale_label_outside", "cell_formula"} <= codes
    assert {"sheet_merged", "sheet_hidden"} <= codes
    places = [problem.place for problem in problems if problem.place is not None]
    assert len(places) == len(problems)
    keys = [place.sort_key() for place in places]
    assert keys == sorted(keys)


def test_no_message_is_left_untranslated() -> None:
    """Every code a workbook's problem may carry is in both catalogues (else « invalid value » would show)."""
    book = base_book()
    for _, change, _, _ in CASES:
        with contextlib.suppress(KeyError):  # a column renamed by an earlier change
            change(book)
    for problem in problems_of(saved(book)):
        for lang in ("fr", "en"):
            assert problem.message(lang) != "", problem
            assert "{" not in problem.describe(lang), problem.describe(lang)
        assert problem.code != "invalid", problem


def test_a_missing_sheet_and_a_missing_column_are_named() -> None:
    book = base_book()
    del book["dimensions"]
    book["statements"].delete_cols(2)  # the id column
    lines = described(saved(book), "en")
    assert "grille.xlsx: (file): the sheet « dimensions » is missing" in lines
    assert any("sheet « statements », row 1: the column « id » is missing from row 1" in line for line in lines)


def test_a_text_cell_with_a_number_a_decimal_comma_and_a_french_boolean_are_read_as_meant() -> None:
    book = base_book()
    put(book, "settings", 2, "version", 2)  # typed as a number: the version "2"
    put(book, "dimensions", 2, "weight", "1,5")  # typed as text in French
    put(book, "statements", 2, "reverse", "VRAI")
    questionnaire = parse_workbook(saved(book))
    assert questionnaire.version == "2"
    assert questionnaire.dimensions[0].weight == 1.5
    assert questionnaire.items[0].reverse is True


def test_a_file_over_the_limit_is_refused_before_it_is_read() -> None:
    lines = described(b"PK\x03\x04" + b"0" * MAX_WORKBOOK_BYTES, "en")
    assert lines == ["grille.xlsx: (file): file too large (1,048,580 bytes): the limit is 1,048,576 bytes (1 MiB)"]
    assert MAX_WORKBOOK_BYTES == 1_048_576


def test_a_file_that_is_not_a_workbook_is_refused() -> None:
    assert "not an XLSX workbook" in described(b"id: demo\n", "en")[0]
    assert "cannot read the workbook" in described(b"PK\x03\x04 broken", "en")[0]


def test_a_zip_bomb_is_refused_from_the_zip_directory() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 1024 * 1024))
    lines = described(buffer.getvalue(), "en")
    assert len(lines) == 1
    assert "inflates" in lines[0] and "the file is refused" in lines[0]


def test_too_many_parts_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(300):
            archive.writestr(f"part{index}.xml", b"x")
    assert "300 parts" in described(buffer.getvalue(), "en")[0]


def test_validate_on_the_command_line_names_the_cell(tmp_path: Path, capsys) -> None:
    from scoring.cli import main

    book = base_book()
    put(book, "statements", 3, "dimension", None)
    path = tmp_path / "grille.xlsx"
    book.save(path)
    assert main(["validate", str(path)]) == 2
    err = plain(capsys.readouterr().err)
    assert f"{path} : feuille « statements », ligne 3, colonne A (dimension) : une affirmation sans" in err


_HEADERS = ["title", "title.fr", "source", "source.1.key", "source.2.note", "id", "text", "dimension", "scale.min"]
_values = st.one_of(
    st.none(),
    st.integers(-3, 30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from([*_HEADERS, "eth-1", "ethique", "conseil, maire", "VRAI", "1,5", "=1+1", "#N/A", " "]),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=12),
)


@settings(deadline=None, max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["settings", "scale", "dimensions", "statements", "recommendations", "profile"]),
            st.integers(1, 6),
            st.integers(1, 20),
            _values,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_edit_of_a_workbook_gives_a_questionnaire_or_located_problems(edits: list) -> None:
    """Whatever an author types wherever, the reader never fails: a questionnaire, or problems in both languages,
    each at a place of the workbook (or of the whole file), none left untranslated."""
    book = base_book()
    for sheet, row, column, value in edits:
        book[sheet].cell(row=row, column=column, value=value)
    try:
        parse_workbook(saved(book), "grille.xlsx")
    except QuestionnaireError as error:
        assert error.problems
        for problem in error.problems:
            assert isinstance(problem, SheetProblem)
            assert problem.code != "invalid", problem
            for lang in ("fr", "en"):
                assert "{" not in problem.describe(lang), problem.describe(lang)


def test_a_text_column_without_language_beside_its_language_columns_is_refused() -> None:
    book = base_book()
    book["statements"].cell(row=1, column=40, value="text")
    book["statements"].cell(row=2, column=40, value="Une autre affirmation")
    book["statements"].cell(row=3, column=41, value="sans nom")
    lines = described(saved(book), "en")
    assert any(
        "sheet « statements », row 1, column AN (text): the column « text.fr, text.en » holds this text already" in line
        for line in lines
    ), lines
    assert "grille.xlsx: sheet « statements », row 3, column AO: a value in a column without a name in row 1" in lines
