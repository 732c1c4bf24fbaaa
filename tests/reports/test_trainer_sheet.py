"""The trainer's sheets (reports/trainer_sheet.py): one per shipped case, in French, with the plans of 1 and 2
hours, the objectives tied to the curricula, the case, its questions and the key points of an answer."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reports.trainer_sheet import sheet_data, trainer_sheet_pdf
from scoring.cases import default_teaching, load_cases
from scoring.loader import load_questionnaire

ROOT = Path(__file__).resolve().parents[2]
QUESTIONNAIRES = {p.stem: load_questionnaire(p) for p in (ROOT / "questionnaires").glob("*.yaml")}
CASES = {case.id: case for case in load_cases(questionnaires=QUESTIONNAIRES, teaching=default_teaching())}


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_the_sheet_holds_what_a_trainer_needs(case_id: str) -> None:
    case = CASES[case_id]
    data = sheet_data(case, default_teaching(), QUESTIONNAIRES[case.questionnaire])
    assert [plan["title"] for plan in data["plans"]] == [
        "Séance d’une heure (60 min)",
        "Séance de deux heures (120 min)",
    ]
    assert len(data["objectives"]) == len(case.objectives)
    assert all(objective["competences"] for objective in data["objectives"])
    assert data["situation"][0] == case.situation["fr"].split("\n\n")[0]
    assert [q["points"] for q in data["questions"]] == [[p["fr"] for p in q.key_points] for q in case.questions]
    assert all(q["sources"].startswith("Sources") for q in data["disputed"] if q["sources"])
    assert "données fictives" in data["fictitious"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (scripts/install-system-packages.sh)")
def test_the_pdf_reads_as_the_sheet(tmp_path: Path) -> None:
    case = CASES["fusion-trop-vite"]
    path = tmp_path / "sheet.pdf"
    path.write_bytes(trainer_sheet_pdf(case, default_teaching(), QUESTIONNAIRES[case.questionnaire]))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for expected in ("Fiche formateur", "Séance d’une heure", "Séance de deux heures", "Points clés d’une réponse"):
        assert expected in flat
    assert " ".join(case.questions[0].question["fr"].split()[:6]) in flat
