"""The spreadsheet form of a questionnaire (scoring.sheet_write, scoring.sheet_read, ``python -m scoring convert``):
every shipped questionnaire goes to a workbook and back, and to YAML and back, as the same model."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.cli import main
from scoring.loader import load_questionnaire, named_steps, parse_questionnaire
from scoring.model import Questionnaire
from scoring.sheet_format import SHEETS
from scoring.sheet_read import parse_workbook
from scoring.sheet_write import workbook_bytes
from scoring.yaml_write import questionnaire_yaml

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "questionnaires").glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_every_shipped_questionnaire_goes_to_a_workbook_and_back_as_the_same_model(path: Path) -> None:
    questionnaire = load_questionnaire(path)
    back = parse_workbook(workbook_bytes(questionnaire), f"{path.stem}.xlsx")
    assert back.model_dump() == questionnaire.model_dump()
    assert back == questionnaire


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_every_shipped_questionnaire_goes_to_yaml_and_back_as_the_same_model(path: Path) -> None:
    questionnaire = load_questionnaire(path)
    assert parse_questionnaire(questionnaire_yaml(questionnaire)) == questionnaire


def test_the_shipped_questionnaires_exercise_what_the_format_gained() -> None:
    """The round trips above cover sources with locators and notes, actors, asked_of, first and positions."""
    questionnaires = [load_questionnaire(path) for path in SHIPPED]
    items = [item for q in questionnaires for item in q.items]
    assert any(item.asked_of for item in items)
    assert any(item.actor for item in items)
    assert any(item.first for item in items)
    assert any(citation.locator for item in items for citation in item.source or [])
    assert any(citation.note for item in items for citation in item.source or [])
    assert any(len(item.source or []) > 1 for item in items)
    assert any(q.positions for q in questionnaires)
    assert any(dimension.asked_of for q in questionnaires for dimension in q.dimensions)


def _sheet_rows(data: bytes, sheet: str) -> list[dict[str, object]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    rows = list(book[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def test_the_workbook_has_french_and_english_columns_side_by_side_and_every_sheet() -> None:
    data = workbook_bytes(load_questionnaire(ROOT / "questionnaires" / "express.yaml"))
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["guide", *(sheet.name for sheet in SHEETS)]
    header = [cell.value for cell in book["statements"][1]]
    assert header.index("text.en") == header.index("text.fr") + 1
    assert {"source.1.key", "source.1.locator", "source.1.note.fr", "actor", "asked_of", "first"} <= set(header)
    # Ids lists are one cell, ids separated by commas.
    assert any("," in str(row["actor"]) for row in _sheet_rows(data, "statements") if row["actor"])


def test_a_position_on_the_shipped_continuum_names_it_and_other_steps_go_to_the_steps_sheet() -> None:
    questionnaire = load_questionnaire(ROOT / "questionnaires" / "rapprochement.yaml")
    data = workbook_bytes(questionnaire)
    assert [row["steps"] for row in _sheet_rows(data, "positions")] == ["continuum"]
    assert _sheet_rows(data, "steps") == []
    # Steps of one's own: written out in the steps sheet, one row each, and read back in their order.
    own = [step.model_copy(update={"id": f"own-{index}"}) for index, step in enumerate(named_steps("continuum")[:3])]
    position = questionnaire.positions[0].model_copy(update={"steps": own})
    changed = questionnaire.model_copy(update={"positions": [position]})
    data = workbook_bytes(changed)
    assert [row["id"] for row in _sheet_rows(data, "steps")] == ["own-0", "own-1", "own-2"]
    assert parse_workbook(data) == changed


def test_a_text_that_looks_like_a_formula_stays_a_text_both_ways() -> None:
    questionnaire = load_questionnaire(ROOT / "questionnaires" / "express.yaml")
    title = {"fr": "=1+1 n’est pas une formule", "en": "+33 is a phone prefix"}
    changed = questionnaire.model_copy(update={"title": title})
    data = workbook_bytes(changed)
    cell = openpyxl.load_workbook(io.BytesIO(data))["settings"]["D2"]
    assert cell.data_type == "s"
    assert parse_workbook(data).title == title


def test_convert_goes_from_yaml_to_xlsx_and_back_on_the_command_line(tmp_path: Path, capsys) -> None:
    source = ROOT / "questionnaires" / "sante-partenariat.yaml"
    workbook, yaml_file = tmp_path / "q.xlsx", tmp_path / "q.yaml"
    assert main(["convert", str(source), "-o", str(workbook)]) == 0
    assert main(["convert", str(workbook), "-o", str(yaml_file)]) == 0
    assert load_questionnaire(yaml_file) == load_questionnaire(source)
    assert "OK" in capsys.readouterr().out
    assert main(["validate", str(workbook)]) == 0


def test_convert_of_a_bad_workbook_writes_nothing_and_says_where(tmp_path: Path, capsys) -> None:
    data = workbook_bytes(load_questionnaire(ROOT / "questionnaires" / "express.yaml"))
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["statements"]["B2"] = "Not An Id"
    workbook = tmp_path / "bad.xlsx"
    book.save(workbook)
    output = tmp_path / "out.yaml"
    assert main(["convert", str(workbook), "-o", str(output), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{workbook}: sheet « statements », row 2, column B (id): invalid identifier 'Not An Id'" in err
    assert not output.exists()
    assert main(["convert", str(workbook), "-o", str(tmp_path / "out.txt")]) == 2
    assert ".yaml" in capsys.readouterr().err


_slug = st.from_regex(r"[a-z]{1,6}(-[a-z0-9]{1,3})?", fullmatch=True)
# Texts with what a spreadsheet could mistake: formula starts, digits, commas, quotes, several lines.
_text = st.text(alphabet=st.sampled_from(list("abcé =+-@,;'\"«»0123456789\n")), min_size=1, max_size=20).filter(
    lambda value: value.strip()
)
_translations = st.fixed_dictionaries({"fr": _text}, optional={"en": _text})


@st.composite
def _questionnaires(draw: st.DrawFn) -> Questionnaire:
    ids = draw(st.lists(_slug, min_size=2, max_size=6, unique=True))
    dimension_count = draw(st.integers(1, len(ids) - 1))
    dimension_ids, item_ids = ids[:dimension_count], ids[dimension_count:]
    dimensions = [
        {"id": dimension_id, "label": draw(_translations), "weight": draw(st.sampled_from([1, 2, 0.5])), "items": []}
        for dimension_id in dimension_ids
    ]
    for index, item_id in enumerate(item_ids):
        item = {"id": item_id, "text": draw(_translations), "reverse": draw(st.booleans())}
        if draw(st.booleans()):
            item["recommendation"] = draw(_translations)
            item["actor"] = draw(
                st.lists(st.sampled_from(["conseil", "direction", "equipes"]), min_size=1, unique=True)
            )
        if draw(st.booleans()):
            item["source"] = [{"text": draw(_text).strip()}, {"key": draw(_slug), "locator": "004:175-177"}]
        dimensions[index % dimension_count]["items"].append(item)
    for dimension in dimensions:
        if not dimension["items"]:
            dimension["items"].append({"id": f"{dimension['id']}-x", "text": draw(_translations)})
    low = draw(st.integers(-2, 1))
    high = low + draw(st.integers(1, 6))
    data = {
        "id": draw(_slug),
        "version": draw(st.sampled_from(["1.0", "1.10", "2"])),
        "title": draw(_translations),
        "scale": {"min": low, "max": high, "labels": {low: draw(_translations)}},
        "dimensions": dimensions,
    }
    return Questionnaire.model_validate(data, context={"language": "fr"})


@settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(_questionnaires())
def test_a_generated_questionnaire_goes_to_a_workbook_and_back_as_the_same_model(questionnaire: Questionnaire) -> None:
    assert parse_workbook(workbook_bytes(questionnaire)) == questionnaire


def test_the_example_workbook_of_the_guide_is_the_converters_and_reads_as_express() -> None:
    """questionnaires/README.md offers examples/express.xlsx, made by ``convert``: it must not drift from the YAML."""
    example = ROOT / "questionnaires" / "examples" / "express.xlsx"
    assert parse_workbook(example.read_bytes()) == load_questionnaire(ROOT / "questionnaires" / "express.yaml")
    guide = (ROOT / "questionnaires" / "README.md").read_text(encoding="utf-8")
    assert "python -m scoring convert questionnaires/express.yaml -o" in guide
    assert "(examples/express.xlsx)" in guide
