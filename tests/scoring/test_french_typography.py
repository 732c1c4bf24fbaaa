"""The command line's French messages follow French typography: ’ not ', a no-break space before : ; ? ! and
inside « ». Every French text of the modules is read from their source, so that a new message is checked too."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from scoring.problems import MESSAGES, Problem
from scoring.response_problems import MESSAGES as RESPONSE_MESSAGES
from scoring.response_problems import ResponseProblem

SCORING = Path(__file__).resolve().parents[2] / "scoring"
MODULES = ["problems", "response_problems", "batch", "cli"]
NO_BREAK = "\u00a0\u202f"


def typography_problems(text: str) -> list[str]:
    """What is wrong with one French text; placeholders, URLs, quoted material and code are not prose."""
    problems = []
    text = re.sub(r"\{[^{}]*\}", "{}", text)  # {value}, {kind[fr]}, {score:.1f}: filled in later
    text = re.sub(r"https?://\S+", "", text)
    if re.search(rf"«[^{NO_BREAK}]|[^{NO_BREAK}]»", text):
        problems.append("« » need a no-break space inside")
    text = re.sub(r"«[^«»]*»", "«»", text)  # quoted as written: a value, a key, YAML (« fr: ..., en: ... »)
    if "'" in text:
        problems.append("straight apostrophe: use ’")
    if '"' in text:
        problems.append("straight quotes: use « »")
    for mark in re.finditer(r"[:;?!]", text):
        before, after = text[: mark.start()], text[mark.end() :]
        if mark.group() == ":" and before[-1:].strip() and after[:1].strip():
            continue  # code, not prose: 12:30, file.py:3, C:\
        if not before or before[-1] not in NO_BREAK:
            problems.append(f"no no-break space before « {mark.group()} »")
    return problems


@pytest.mark.parametrize(
    "bad",
    [
        "fichier illisible : {detail}",  # ordinary space
        "attention: {detail}",  # no space
        "vouliez-vous dire « {suggestion} »\u202f?",  # ordinary spaces inside « »
        "le fichier n'est pas lisible",
        'la colonne "a1"',
        "quoi ?",
        "voilà !",
        "a\u202f: b ; c",
        "{value}: hors de l’échelle",
    ],
)
def test_the_check_catches_mistakes(bad: str) -> None:
    assert typography_problems(bad)


@pytest.mark.parametrize(
    "good",
    [
        "fichier illisible\u202f: {detail}",
        "vouliez-vous dire «\u00a0{suggestion}\u00a0»\u202f?",
        "une traduction par langue («\u00a0fr: ..., en: ...\u00a0»)",
        "score {score:.1f} sur 100",
        "voir https://example.org/a:b?c=d",
        "ligne 12:30 du fichier",
        "l’échelle\u00a0; la suite",
    ],
)
def test_the_check_lets_code_placeholders_and_quotes_pass(good: str) -> None:
    assert typography_problems(good) == []


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
