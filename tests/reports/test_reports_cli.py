"""``python -m reports pdf|xlsx``: every figure equals ``score``'s JSON for the same options; bad input is
refused like ``score`` refuses it (exit 2, the same located message, no file)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from reports_testkit import QUESTIONNAIRES, ROOT, comma, pdf_text, score_json, write_responses

from reports.cli import main
from scoring.batch import score_file
from scoring.loader import load_questionnaire

ORGS = ["Asso A", "Asso B", "=HYPERLINK(1)"]


def _files(tmp_path: Path, questionnaire: Path, n: int = 40, seed: int = 1) -> Path:
    model = load_questionnaire(questionnaire)
    groups = {"organisation": ORGS} if model.profile_field("organisation") else None
    small = {"organisation": "Petite"} if groups else None
    return write_responses(tmp_path / "responses.csv", model, n, seed=seed, groups=groups, small=small)


@pytest.mark.parametrize("questionnaire", QUESTIONNAIRES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_xlsx_figures_equal_the_json(tmp_path: Path, questionnaire: Path, lang: str) -> None:
    responses = _files(tmp_path, questionnaire)
    expected = score_json(questionnaire, responses, tmp_path, group_by="organisation", lang=lang)
    out = tmp_path / "report.xlsx"
    assert (
        main(["xlsx", str(questionnaire), str(responses), "--group-by", "organisation", "--lang", lang, "-o", str(out)])
        == 0
    )
    book = openpyxl.load_workbook(out)
    sheets = book.sheetnames
    assert len(sheets) == 6  # summary, dimensions, statements, recommendations, groups, method

    dimensions = book[sheets[1]]
    assert dimensions.freeze_panes == "A2"
    rows = {row[0]: row for row in dimensions.iter_rows(min_row=2, values_only=True)}
    for stats in expected["dimensions"]:
        row = rows[stats["id"]]
        assert row[2] == stats["score"] and row[4] == stats["n"] and row[9] == stats["consensus"]
        assert (row[5], row[6], row[7], row[8]) == (stats["median"], stats["sd"], stats["min"], stats["max"])
    score_cell = dimensions["C2"]
    assert score_cell.data_type == "n" and score_cell.number_format == "0.0"

    items = {row[0]: row for row in book[sheets[2]].iter_rows(min_row=2, values_only=True)}
    for stats in expected["items"]:
        assert items[stats["id"]][4] == stats["n"]
        assert items[stats["id"]][5] == stats["mean"]
        assert items[stats["id"]][7] == stats["consensus"]

    summary = {row[0]: row[1] for row in book[sheets[0]].iter_rows(min_row=2, values_only=True)}
    assert expected["n_respondents"] in summary.values()
    assert expected["overall"]["score"] in summary.values()

    recommendations = list(book[sheets[3]].iter_rows(min_row=2, values_only=True))
    assert [row[3] for row in recommendations] == [rec["text"] for rec in expected["recommendations"]]

    groups = list(book[sheets[4]].iter_rows(min_row=2, values_only=True))
    for name, group in expected["groups"]["organisation"].items():
        mine = [row for row in groups if row[1] == name]
        if group.get("suppressed"):
            # its size and nothing else
            assert len(mine) == 1 and mine[0][2] == group["n_respondents"] and mine[0][4] is None
        else:
            scores = [row[4] for row in mine]
            assert scores == [group["overall"]["score"], *(d["score"] for d in group["dimensions"])]


def test_a_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    questionnaire = ROOT / "questionnaires" / "sante-partenariat.yaml"
    responses = _files(tmp_path, questionnaire)
    out = tmp_path / "report.xlsx"
    assert main(["xlsx", str(questionnaire), str(responses), "--group-by", "organisation", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    risky = [cell for cell in cells if str(cell.value).startswith("=")]
    assert risky, "the organisation named =HYPERLINK(...) is in the groups sheet"
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)
    assert not any(cell.data_type == "f" for cell in cells)


@pytest.mark.parametrize("questionnaire", QUESTIONNAIRES, ids=lambda p: p.stem)
def test_pdf_figures_equal_the_json_with_a_decimal_comma(tmp_path: Path, questionnaire: Path) -> None:
    responses = _files(tmp_path, questionnaire, seed=7)
    expected = score_json(questionnaire, responses, tmp_path, group_by="organisation", lang="fr")
    out = tmp_path / "report.pdf"
    title = "Fédération « Œuvre commune » : conseil"
    code = main(
        ["pdf", str(questionnaire), str(responses), "--group-by", "organisation", "--title", title, "-o", str(out)]
    )
    assert code == 0
    data = out.read_bytes()
    text = pdf_text(data)
    assert "Fédération" in text and "Œuvre commune" in text
    assert f"{expected['n_respondents']} personnes ont répondu" in text
    assert comma(expected["overall"]["score"], "fr") in text
    model = load_questionnaire(questionnaire)
    labels = {d.id: d.label["fr"] for d in model.dimensions}
    lines = text.splitlines()
    for stats in expected["dimensions"]:
        # The dimension table's row: its label, then its score with a comma, then its n and consensus.
        row = next(
            line for line in lines if line.startswith(labels[stats["id"]]) and comma(stats["score"], "fr") in line
        )
        assert str(stats["n"]) in row and comma(stats["consensus"], "fr", 3) in row
    # A statement's mean is written by its bar, with its band.
    for stats in expected["items"]:
        if stats["mean"] is not None:
            assert comma(stats["mean"], "fr") in text
    # A suppressed group shows its size and nothing else.
    assert expected["groups"]["organisation"]["Petite"] == {"n_respondents": 2, "suppressed": True}
    for name, group in expected["groups"]["organisation"].items():
        row = next(line for line in lines if line.startswith(name))
        if group.get("suppressed"):
            assert "non détaillé" in row
        else:
            assert comma(group["overall"]["score"], "fr") in row
    # French typography survives: narrow no-break space before the colon, guillemets, ligature œ.
    assert "\u202f:" in text and "«" in text and "œ" in text.lower()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert f"Page 1 / {len(reader.pages)}" in text


def test_pdf_in_english(tmp_path: Path) -> None:
    questionnaire = ROOT / "questionnaires" / "express.yaml"
    responses = _files(tmp_path, questionnaire)
    expected = score_json(questionnaire, responses, tmp_path, lang="en")
    out = tmp_path / "report.pdf"
    assert main(["pdf", str(questionnaire), str(responses), "--lang", "en", "-o", str(out)]) == 0
    text = pdf_text(out.read_bytes())
    assert "Overall score" in text and "Method" in text and "Statements to discuss first" in text
    assert f"{expected['overall']['score']:.1f}" in text
    assert "Score global" not in text


def test_pdf_fonts_are_embedded(tmp_path: Path) -> None:
    questionnaire = ROOT / "questionnaires" / "express.yaml"
    out = tmp_path / "report.pdf"
    assert main(["pdf", str(questionnaire), str(_files(tmp_path, questionnaire)), "-o", str(out)]) == 0
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    fonts = []
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            fonts.append((font["/BaseFont"], any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    assert fonts and all(embedded for _, embedded in fonts), fonts


def test_bad_input_is_refused_like_score_and_writes_no_file(tmp_path: Path, capsys) -> None:
    questionnaire = ROOT / "questionnaires" / "express.yaml"
    model = load_questionnaire(questionnaire)
    bad = tmp_path / "bad.csv"
    bad.write_text(f"respondent,{model.item_ids[0]}\nR1,9\n", encoding="utf-8")
    assert score_file(str(questionnaire), str(bad), output=str(tmp_path / "x.json")) == 2
    expected = capsys.readouterr().err
    assert "ligne 2" in expected or "row 2" in expected
    for kind in ("pdf", "xlsx"):
        out = tmp_path / f"report.{kind}"
        assert main([kind, str(questionnaire), str(bad), "-o", str(out)]) == 2
        assert capsys.readouterr().err == expected
        assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_unknown_group_field_is_refused(tmp_path: Path, capsys) -> None:
    questionnaire = ROOT / "questionnaires" / "express.yaml"
    out = tmp_path / "report.pdf"
    code = main(["pdf", str(questionnaire), str(_files(tmp_path, questionnaire)), "--group-by", "nope", "-o", str(out)])
    assert code == 2 and "--group-by nope" in capsys.readouterr().err and not out.exists()


def test_unwritable_output_is_exit_2(tmp_path: Path, capsys) -> None:
    questionnaire = ROOT / "questionnaires" / "express.yaml"
    out = tmp_path / "missing-folder" / "report.xlsx"
    assert main(["xlsx", str(questionnaire), str(_files(tmp_path, questionnaire)), "-o", str(out)]) == 2
    assert "report.xlsx" in capsys.readouterr().err


def test_module_runs_as_a_command(tmp_path: Path) -> None:
    questionnaire = ROOT / "questionnaires" / "express.yaml"
    out = tmp_path / "r.xlsx"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reports",
            "xlsx",
            str(questionnaire),
            str(_files(tmp_path, questionnaire)),
            "-o",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
