"""The command line's French messages follow French typography (the rules of scripts/french_typography.py,
tested on examples in tests/test_typography.py). Every French text of the modules is read from their source, so
that a new message is checked too."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from scoring.problems import MESSAGES, Problem
from scoring.response_problems import MESSAGES as RESPONSE_MESSAGES
from scoring.response_problems import ResponseProblem
from scripts.french_typography import problems as typography_problems

SCORING = Path(__file__).resolve().parents[2] / "scoring"
MODULES = ["problems", "response_problems", "batch", "cli"]


def _is_french_test(test: ast.expr) -> bool:
    """``lang == "fr"`` (either way round)."""
    if not isinstance(test, ast.Compare):
        return False
    return any(isinstance(node, ast.Constant) and node.value == "fr" for node in [test.left, *test.comparators])


def _text_of(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: its literal parts, each {expression} as a placeholder
        return "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
    raise AssertionError(f"a French text that is not a string literal, line {node.lineno}: {ast.unparse(node)}")


def french_texts(module: str) -> list[tuple[int, str]]:
    """Each French text of a module: catalogue entries under "fr", the French branch of ``... if lang == "fr"
    else ...``, and the command line's help (written in French only)."""
    tree = ast.parse((SCORING / f"{module}.py").read_text(encoding="utf-8"))
    nodes: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            nodes += [
                v
                for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and k.value == "fr"
            ]
        elif isinstance(node, ast.IfExp) and _is_french_test(node.test):
            nodes.append(node.body)
        elif isinstance(node, ast.keyword) and node.arg in {"help", "description"} and module == "cli":
            nodes.append(node.value)
    return [(node.lineno, _text_of(node)) for node in nodes]


def test_every_module_has_french_texts_to_check() -> None:
    """The scan must find the texts: a change of style that hid them would make the next test pass vacuously."""
    counts = {module: len(french_texts(module)) for module in MODULES}
    assert counts["problems"] >= len(MESSAGES) and counts["response_problems"] >= len(RESPONSE_MESSAGES), counts
    assert counts["batch"] >= 5 and counts["cli"] >= 5, counts


@pytest.mark.parametrize("module", MODULES)
def test_french_texts_follow_french_typography(module: str) -> None:
    found = {f"scoring/{module}.py:{line}": typography_problems(text) for line, text in french_texts(module)}
    assert {where: problems for where, problems in found.items() if problems} == {}


def _example_params(template: str) -> dict[str, object]:
    params: dict[str, object] = {}
    for _, name, _, _ in string.Formatter().parse(template):
        if name:
            root = re.split(r"[.\[]", name)[0]
            params[root] = {"fr": "x", "en": "x"} if "[" in name else "x"
    return params


@pytest.mark.parametrize("code", MESSAGES)
def test_a_questionnaire_problem_reads_well_in_french(code: str) -> None:
    """The whole line, as ``python -m scoring validate`` prints it: file, place, message."""
    params = _example_params(MESSAGES[code]["fr"])
    for path in ("dimensions[0].items[1].id", ""):
        line = Problem("questionnaires/mon-fichier.yaml", path, code, params).describe("fr")
        assert typography_problems(line) == [], line


@pytest.mark.parametrize("code", RESPONSE_MESSAGES)
def test_a_response_file_problem_reads_well_in_french(code: str) -> None:
    params = _example_params(RESPONSE_MESSAGES[code]["fr"])
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
