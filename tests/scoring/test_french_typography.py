"""The command line's French messages follow French typography (the rules of scripts/french_typography.py,
tested on examples in tests/test_typography.py). They all live in the catalogue (``i18n/fr.scoring.yaml``), which
is read here, so that a new message is checked too; and no module of ``scoring`` keeps a message of its own."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from i18n import catalogue
from scoring.problems import Problem
from scoring.response_problems import ResponseProblem
from scripts.french_typography import problems as typography_problems

SCORING = Path(__file__).resolve().parents[2] / "scoring"
SECTIONS = ("messages.", "validation.", "responses.", "cli.")
FRENCH = {key: text for key, text in catalogue("fr").items() if key.startswith(SECTIONS)}


def _is_french_test(test: ast.expr) -> bool:
    """``lang == "fr"`` (either way round)."""
    if not isinstance(test, ast.Compare):
        return False
    return any(isinstance(node, ast.Constant) and node.value == "fr" for node in [test.left, *test.comparators])


def messages_in_code(path: Path) -> list[int]:
    """Lines of a module that word something per language: a {"fr": ..., "en": ...} mapping, or a choice
    ``... if lang == "fr" else ...``. Such texts belong in the catalogue."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if {"fr", "en"} <= keys:
                lines.append(node.lineno)
        elif isinstance(node, ast.IfExp | ast.If) and _is_french_test(node.test):
            lines.append(node.lineno)
    return lines


def test_the_code_scan_finds_per_language_texts(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('M = {"fr": "oui", "en": "yes"}\nx = "ligne" if lang == "fr" else "row"\n', encoding="utf-8")
    assert messages_in_code(sample) == [1, 2]


def test_scoring_keeps_no_message_outside_the_catalogue() -> None:
    # rounding.format_number chooses the decimal comma by language: a number's form, not a message.
    found = {path.name: messages_in_code(path) for path in sorted(SCORING.glob("*.py")) if path.name != "rounding.py"}
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_the_scoring_sections_have_texts_to_check() -> None:
    assert len(FRENCH) > 100
    assert {key.split(".")[0] for key in FRENCH} == {"messages", "validation", "responses", "cli"}


@pytest.mark.parametrize("key", sorted(FRENCH))
def test_french_texts_follow_french_typography(key: str) -> None:
    assert typography_problems(FRENCH[key]) == []


def _example_params(template: str) -> dict[str, object]:
    params: dict[str, object] = {}
    for _, name, _, _ in string.Formatter().parse(template):
        if name:
            params[re.split(r"[.\[]", name)[0]] = "x"
    return params


# Not codes: « kind » and « choices » name values, « place » the places of a workbook (feuille, ligne, colonne).
VALIDATION_CODES = sorted(
    {key.split(".")[1] for key in FRENCH if key.startswith("validation.")} - {"kind", "choices", "place"}
)
RESPONSE_CODES = sorted({key.split(".")[1] for key in FRENCH if key.startswith("responses.")} - {"where"})


@pytest.mark.parametrize("code", VALIDATION_CODES)
def test_a_questionnaire_problem_reads_well_in_french(code: str) -> None:
    """The whole line, as ``python -m scoring validate`` prints it: file, place, message."""
    params = _example_params(FRENCH[f"validation.{code}"])
    for path in ("dimensions[0].items[1].id", ""):
        line = Problem("questionnaires/mon-fichier.yaml", path, code, params).describe("fr")
        assert typography_problems(line) == [], line


@pytest.mark.parametrize("code", RESPONSE_CODES)
def test_a_response_file_problem_reads_well_in_french(code: str) -> None:
    template = FRENCH.get(f"responses.{code}") or FRENCH[f"responses.{code}.other"]
    params = {**_example_params(template), "count": 3}
    for problem in (ResponseProblem(code, 3, "a1", "B", params), ResponseProblem(code, 0, None, "C", params)):
        line = problem.describe("fr", "reponses.csv")
        assert typography_problems(line) == [], line


def test_english_keeps_plain_punctuation() -> None:
    problem = Problem(
        "q.yaml", "dimensions[0].id", "extra_forbidden_hint", {"key": "reversed", "suggestion": "reverse"}
    )
    assert problem.describe("en") == "q.yaml: dimensions[0].id: unknown key 'reversed' (did you mean 'reverse'?)"
    located = ResponseProblem("out_of_range", 2, "a1", "B", {"value": 6, "min": 1, "max": 5})
    assert located.describe("en", "r.csv") == "r.csv: row 2, column 'a1' (B): 6 is outside the scale (1 to 5)"


def codes_used() -> set[str]:
    """Catalogue keys that ``scoring`` names: problem codes as written in the calls that raise them, and the keys
    it translates directly."""
    keys = set()
    positions = {"ResponseProblem": ("responses", 0), "ResponseWarning": ("responses", 0), "Problem": ("validation", 2)}
    positions |= {"_problem": ("validation", 1), "PydanticCustomError": ("validation", 0)}
    for path in sorted(SCORING.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name in positions:
                section, index = positions[name]
                if len(node.args) > index and isinstance(node.args[index], ast.Constant):
                    keys.add(f"{section}.{node.args[index].value}")
            elif name == "translate" and node.args and isinstance(node.args[0], ast.Constant):
                keys.add(node.args[0].value)
    return keys


def test_every_code_scoring_uses_has_its_text_in_both_languages() -> None:
    from i18n import has_text

    used = codes_used()
    assert len(used) > 50 and "responses.no_header" in used and "validation.yaml_alias" in used
    assert sorted(key for key in used if not (has_text(key, "fr") and has_text(key, "en"))) == []
