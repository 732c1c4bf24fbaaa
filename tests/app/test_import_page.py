"""« Importer un questionnaire » through AppTest (issue 17): a bad file gives every problem located in the session's
language and keeps nothing; a good one gives the preview of each step, its texts as typed; creating a workshop keeps
the questionnaire in the database with it, and the workshop page shows its code."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine, text
from streamlit.testing.v1 import AppTest

from i18n import translate
from scoring.sheet_write import workbook_bytes
from scoring.yaml_write import questionnaire_yaml
from tests.app.helpers import assert_no_exception, by_label, new_app
from tests.app.test_imported_workshops import TITLE, house_questionnaire
from ui import importing
from ui.import_preview import preview_steps
from ui.text import plain

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rows(data_dir: Path, table: str) -> int:
    """Rows of a table of the app's database (made, at the newest revision, if the page never opened it)."""
    from storage import Store

    Store().close()
    engine = create_engine(f"sqlite:///{data_dir / 'radar.sqlite3'}")
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def import_page(lang: str = "fr") -> AppTest:
    app = new_app(lang)
    app.run()
    app.switch_page("app_pages/import_questionnaire.py").run()
    assert_no_exception(app)
    return app


def uploaded(app: AppTest, name: str, data: bytes) -> AppTest:
    app.file_uploader(key="import_upload").upload(name, data, XLSX if name.endswith(".xlsx") else "text/yaml").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def example_with_mistakes() -> bytes:
    """The example workbook as an adviser might spoil it in Excel: a statement moved to a dimension that does not
    exist, one id given twice, a merged pair of cells, a formula and a hidden row."""
    book = openpyxl.load_workbook(io.BytesIO(importing.example_workbook()))
    statements = book["statements"]
    headers = {cell.value: cell.column_letter for cell in statements[1]}
    statements[f"{headers['dimension']}2"] = "inconnue"
    statements[f"{headers['id']}4"] = statements[f"{headers['id']}3"].value
    statements[f"{headers['weight']}5"] = "=1+1"
    book["dimensions"].merge_cells("B2:C2")
    book["profile"].row_dimensions[2].hidden = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_bad_workbook_shows_every_problem_at_its_sheet_row_and_column_and_keeps_nothing(
    isolated_storage: Path, lang: str
) -> None:
    app = uploaded(import_page(lang), "grille.xlsx", example_with_mistakes())
    [error] = app.error
    shown = "\n".join(block.value for block in app.code).replace("\u202f", " ").replace("\u00a0", " ")
    lines = shown.splitlines()
    assert error.value == translate("import.problems", lang, count=len(lines))
    sheet, row, column = {"fr": ("feuille", "ligne", "colonne"), "en": ("sheet", "row", "column")}[lang]
    start = "grille.xlsx" + translate("messages.separator", lang).replace("\u202f", " ")
    for where in (
        f"{sheet} « statements », {row} 2",  # the unknown dimension
        f"{sheet} « statements », {row} 4",  # the id given twice
        f"{sheet} « statements », {row} 5",  # the formula
        f"{sheet} « profile », {row} 2",  # the hidden row
    ):
        assert any(line.startswith(start + where) for line in lines), (where, lines)
    assert any("B2:C2" in line for line in lines), lines
    assert all(line.startswith(f"{start}{sheet} « ") for line in lines), lines  # each at its place
    assert any(f"{column} " in line for line in lines), lines
    assert translate("import.nothing_kept", lang) in [c.value for c in app.caption]
    assert translate("import.create", lang) not in [b.label for b in app.button]  # no workshop from it
    assert rows(isolated_storage, "imported_questionnaires") == 0 and rows(isolated_storage, "workshops") == 0


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_source_key_the_bibliography_does_not_hold_is_refused_at_its_cell(lang: str) -> None:
    """A cited key that is not in the app's bibliography would show as a bare slug under the statement: it is
    refused where it was typed (a free citation goes in ``source.1.text``)."""
    book = openpyxl.load_workbook(io.BytesIO(importing.example_workbook()))
    statements = book["statements"]
    headers = {cell.value: cell.column_letter for cell in statements[1]}
    statements[f"{headers['source.1.key']}2"] = "inconnu-2031"
    buffer = io.BytesIO()
    book.save(buffer)
    app = uploaded(import_page(lang), "grille.xlsx", buffer.getvalue())
    lines = [line for block in app.code for line in block.value.splitlines()]
    where = {"fr": "feuille «\u00a0statements\u00a0», ligne 2, colonne", "en": "sheet"}[lang]
    [line] = [line for line in lines if "inconnu-2031" in line]
    assert where in line and f"{headers['source.1.key']} (source.1.key)" in line, line
    assert translate("import.create", lang) not in [b.label for b in app.button]


def test_a_yaml_file_citing_a_key_of_the_bibliography_passes_and_an_unknown_one_does_not() -> None:
    good = questionnaire_yaml(house_questionnaire())
    assert importing.check_upload("grille.yaml", good.encode(), "fr").problems == []
    cited = good.replace("- key: bernoux-2010", "- key: inconnu-2031", 1)
    problems = importing.check_upload("grille.yaml", cited.encode(), "fr").problems
    assert any("inconnu-2031" in problem and "bibliographie" in problem for problem in problems), problems


def test_a_bad_yaml_file_names_its_path() -> None:
    bad = questionnaire_yaml(house_questionnaire()).replace("min: 1", "min: 9", 1)
    app = uploaded(import_page("en"), "grille.yaml", bad.encode())
    assert app.error
    lines = [line for block in app.code for line in block.value.splitlines()]
    assert lines and all(line.startswith("grille.yaml: ") for line in lines), lines
    assert any("scale" in line for line in lines), lines


def test_a_good_file_is_previewed_step_by_step_with_its_texts_as_typed(isolated_storage: Path) -> None:
    questionnaire = house_questionnaire()
    app = uploaded(import_page(), "grille.xlsx", workbook_bytes(questionnaire))
    assert_no_exception(app)
    assert [s.value for s in app.success] == [
        translate(
            "import.valid",
            "fr",
            title=plain(TITLE),
            dimensions=len(questionnaire.dimensions),
            items=len(questionnaire.items),
        )
    ]
    assert f"#### {plain(TITLE)}" in [m.value for m in app.markdown]  # Markdown escaped: shown as typed
    steps = preview_steps(questionnaire)
    seen = []
    for _ in steps:
        seen.append([m.value for m in app.markdown if m.value.startswith("##### ")])
        if app.button(key="preview_next").disabled:
            break
        app.button(key="preview_next").click().run()
        assert_no_exception(app)
    assert len(seen) == len(steps)
    assert seen[0] == [f"##### {plain(translate('questionnaire.profile_title', 'fr'))}"]
    dimensions = [f"##### {plain(dimension.label['fr'])}" for dimension in questionnaire.dimensions]
    assert [step[0] for step in seen[1:-1]] == dimensions
    assert app.button(key="preview_submit").disabled  # the summary: nothing can be sent from a preview
    assert rows(isolated_storage, "imported_questionnaires") == 0  # a preview keeps nothing


def test_creating_a_workshop_keeps_the_questionnaire_with_it_and_shows_its_code(isolated_storage: Path) -> None:
    questionnaire = house_questionnaire()
    app = uploaded(import_page(), "grille.yaml", questionnaire_yaml(questionnaire).encode())
    by_label(app.text_input, translate("workshop.field_title", "fr")).input("Séance de la fédération")
    by_label(app.text_area, translate("workshop.field_organisations", "fr")).input("Association A\nAssociation B")
    by_label(app.button, translate("import.create", "fr")).click().run()
    assert_no_exception(app)
    assert translate("workshop.created", "fr") in [s.value for s in app.success]
    join_link = next(c.value for c in app.code if "/join?" in c.value)
    code = join_link.split("code=")[1].split("&")[0]
    assert rows(isolated_storage, "imported_questionnaires") == 1 and rows(isolated_storage, "workshops") == 1
    from storage import Store

    store = Store()
    try:
        view = store.workshop_for_participant(code)
        assert view is not None and view.organisations == ["Association A", "Association B"]
        stored = store.imported_questionnaire(view.questionnaire_id)
        assert stored is not None and stored.source == questionnaire_yaml(questionnaire)
    finally:
        store.close()


def test_a_workshop_title_is_required() -> None:
    app = uploaded(import_page(), "grille.xlsx", workbook_bytes(house_questionnaire()))
    by_label(app.button, translate("import.create", "fr")).click().run()
    assert translate("workshop.error_no_title", "fr") in [e.value for e in app.error]


def test_a_file_over_the_limit_is_refused_before_it_is_read() -> None:
    checked = importing.check_upload("grille.xlsx", b"PK\x03\x04" + b"0" * importing.MAX_UPLOAD_BYTES, "fr")
    assert checked.questionnaire is None and len(checked.problems) == 1
    assert "trop volumineux" in checked.problems[0]


def test_the_page_s_address_is_the_end_of_no_other_and_ends_with_none() -> None:
    """Streamlit's st.context.url drops from the URL any page's address it ends with (``str.endswith``, no slash):
    at « /import_questionnaire », « questionnaire » went, and the workshop links built after creating a workshop
    pointed at « /import_/join » (seen in the browser journey's screenshot)."""
    from ui.navigation import PAGES

    address = next(spec.url_path for spec in PAGES if spec.file == "import_questionnaire.py")
    others = [spec.url_path for spec in PAGES if spec.file != "import_questionnaire.py"]
    assert not [other for other in others if address.endswith(other) or other.endswith(address)]
