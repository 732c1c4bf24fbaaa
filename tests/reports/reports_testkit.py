"""Helpers of the report tests: response files written for any questionnaire, and reading reports back."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

from pypdf import PdfReader

from scoring.batch import score_file
from scoring.model import Questionnaire

ROOT = Path(__file__).resolve().parents[2]
QUESTIONNAIRES = sorted((ROOT / "questionnaires").glob("*.yaml"))


def write_responses(
    path: Path,
    questionnaire: Questionnaire,
    n: int,
    *,
    seed: int = 1,
    groups: dict[str, list[str]] | None = None,
    blank_share: float = 0.1,
    small: dict[str, str] | None = None,
) -> Path:
    """``n`` respondents with random answers (some unanswered); ``groups``: profile field -> values drawn from;
    ``small``: profile field -> a value only the first two respondents have (a group to suppress)."""
    chance = random.Random(seed)
    fields = list(groups or {})
    scale = questionnaire.scale.values
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", *fields, *questionnaire.item_ids])
        for k in range(n):
            profile = [
                small[field] if small and field in small and k < 2 else chance.choice(groups[field])  # type: ignore[index]
                for field in fields
            ]
            answers = ["NA" if chance.random() < blank_share else chance.choice(scale) for _ in questionnaire.item_ids]
            writer.writerow([f"R{k + 1}", *profile, *answers])
    return path


def score_json(questionnaire: Path, responses: Path, tmp_path: Path, **options: str | None) -> dict:
    out = tmp_path / "score.json"
    assert score_file(str(questionnaire), str(responses), output=str(out), **options) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def comma(value: float | None, lang: str, digits: int = 1) -> str:
    """A JSON figure as the report writes it (the JSON's value already rounded)."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text
