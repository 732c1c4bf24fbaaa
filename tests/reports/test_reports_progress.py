"""``python -m reports`` with ``--baseline`` (step 11) and ``--balance`` (step 12): the PDF and the workbook show
the progress and the balanced score, every figure equal to ``score``'s JSON with the same options."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from reports_testkit import QUESTIONNAIRES, comma, pdf_text, score_json, write_responses

from reports.cli import main
from scoring.loader import load_questionnaire

ORGS = ["Grande association", "Petite association", "Troisième"]
WITH_ORGANISATION = [q for q in QUESTIONNAIRES if load_questionnaire(q).profile_field("organisation")]


def _waves(tmp_path: Path, questionnaire: Path) -> tuple[Path, Path]:
    model = load_questionnaire(questionnaire)
    groups = {"organisation": ORGS}
    # The earlier wave: other people (another seed), fewer of them; the second has a group too small to count.
    before = write_responses(tmp_path / "before.csv", model, 25, seed=3, groups=groups)
    now = write_responses(tmp_path / "now.csv", model, 40, seed=4, groups=groups, small={"organisation": "Deux"})
    return before, now


def signed(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    text = comma(abs(value), lang)
    if float(text.replace(",", ".")) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text


@pytest.mark.parametrize("questionnaire", WITH_ORGANISATION, ids=lambda p: p.stem)
def test_the_workbook_has_the_progress_and_the_balanced_score_of_the_json(tmp_path: Path, questionnaire: Path) -> None:
    before, now = _waves(tmp_path, questionnaire)
    options = ["--baseline", str(before), "--balance", "organisation", "--lang", "fr"]
    expected = score_json(questionnaire, now, tmp_path, baseline=str(before), balance="organisation", lang="fr")
    out = tmp_path / "report.xlsx"
    assert main(["xlsx", str(questionnaire), str(now), *options, "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert "Évolution" in book.sheetnames and "Score équilibré" in book.sheetnames

    progress = list(book["Évolution"].iter_rows(min_row=2, values_only=True))
    model = load_questionnaire(questionnaire)
    overall = progress[0]
    assert overall[0] == "Global"
    assert overall[2:5] == (
        expected["baseline"]["overall"]["score"],
        expected["overall"]["score"],
        expected["delta"]["overall"],
    )
    by_label = {row[1]: row for row in progress[1:] if row[0] is not None}
    before_dims = {d["id"]: d for d in expected["baseline"]["dimensions"]}
    now_dims = {d["id"]: d for d in expected["dimensions"]}
    deltas = {d["id"]: d["delta"] for d in expected["delta"]["dimensions"]}
    for dimension in model.dimensions:
        row = by_label[dimension.label["fr"]]
        assert row[2:5] == (before_dims[dimension.id]["score"], now_dims[dimension.id]["score"], deltas[dimension.id])
    item_deltas = {i["id"]: i["delta"] for i in expected["delta"]["items"]}
    before_items = {i["id"]: i["mean"] for i in expected["baseline"]["items"]}
    for item in model.items:
        row = by_label[item.text["fr"]]
        assert (row[2], row[4]) == (before_items[item.id], item_deltas[item.id])
    delta_cell = book["Évolution"]["E2"]
    assert delta_cell.data_type == "n" and delta_cell.number_format.startswith("+0.0")

    balanced = list(book["Score équilibré"].iter_rows(min_row=2, values_only=True))
    assert balanced[0][:2] == ("Global", expected["balanced"]["overall"]["score"])
    scores = {d["id"]: d["score"] for d in expected["balanced"]["dimensions"]}
    labels = {d.label["fr"]: d.id for d in model.dimensions}
    for row in balanced[1:]:
        if row[0] in labels:
            assert row[1] == scores[labels[row[0]]]
    groups = [row[1] for row in balanced if row[0] == "Groupe"]
    assert groups == expected["balanced"]["groups"] and "Deux" not in groups
    assert ("Personnes non comptées", expected["balanced"]["left_out"]) in [row[:2] for row in balanced]
    assert expected["balanced"]["left_out"] >= 2  # the two people of « Deux »


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_shows_then_now_and_the_change_and_the_balanced_score(tmp_path: Path, lang: str) -> None:
    questionnaire = WITH_ORGANISATION[0]
    before, now = _waves(tmp_path, questionnaire)
    expected = score_json(questionnaire, now, tmp_path, baseline=str(before), balance="organisation", lang=lang)
    out = tmp_path / "report.pdf"
    options = ["--baseline", str(before), "--balance", "organisation", "--lang", lang]
    assert main(["pdf", str(questionnaire), str(now), *options, "-o", str(out)]) == 0
    text = pdf_text(out.read_bytes())
    lines = text.splitlines()
    words = {
        "fr": ("L’évolution depuis la vague précédente", "Score équilibré par organisation", "Global"),
        "en": ("Progress since the previous wave", "Balanced score by organisation", "Overall"),
    }[lang]
    assert words[0] in text and words[1] in text
    model = load_questionnaire(questionnaire)
    before_dims = {d["id"]: d["score"] for d in expected["baseline"]["dimensions"]}
    now_dims = {d["id"]: d["score"] for d in expected["dimensions"]}
    deltas = {d["id"]: d["delta"] for d in expected["delta"]["dimensions"]}
    progress_at = next(k for k, line in enumerate(lines) if words[0] in line)
    for dimension in model.dimensions:
        row = next(line for line in lines[progress_at:] if line.startswith(dimension.label[lang]))
        wanted = f"{comma(before_dims[dimension.id], lang)} {comma(now_dims[dimension.id], lang)} "
        assert wanted + signed(deltas[dimension.id], lang) in row, row
    balanced_at = next(k for k, line in enumerate(lines) if words[1] in line)
    overall_row = next(line for line in lines[balanced_at:] if line.startswith(words[2]))
    assert comma(expected["balanced"]["overall"]["score"], lang) in overall_row
    flowing = " ".join(text.split())  # the help paragraph wraps where the page ends
    for group in expected["balanced"]["groups"]:
        assert group in flowing


def test_a_missing_baseline_file_is_refused_like_score(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    questionnaire = WITH_ORGANISATION[0]
    _, now = _waves(tmp_path, questionnaire)
    missing = tmp_path / "nowhere.csv"
    out = tmp_path / "report.pdf"
    assert main(["pdf", str(questionnaire), str(now), "--baseline", str(missing), "-o", str(out)]) == 2
    assert "nowhere.csv" in capsys.readouterr().err and not out.exists()


def test_an_unknown_balance_field_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    questionnaire = WITH_ORGANISATION[0]
    _, now = _waves(tmp_path, questionnaire)
    out = tmp_path / "report.xlsx"
    assert main(["xlsx", str(questionnaire), str(now), "--balance", "nope", "-o", str(out)]) == 2
    assert "nope" in capsys.readouterr().err and not out.exists()
