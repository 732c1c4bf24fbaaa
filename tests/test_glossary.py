"""The glossary (content/glossary.yaml): every word the screens rely on, defined in both languages and sourced;
bad files refused with located problems; links from the screens name existing entries; and the inclusive-writing
rule of questionnaires/README.md holds in the glossary, the bibliography and the interface catalogue."""

from __future__ import annotations

import ast
import copy
from pathlib import Path

import pytest
import yaml

from i18n import catalogue
from scoring.bibliography import default_bibliography
from scoring.glossary import GLOSSARY_FILE, SECTIONS, default_glossary, parse_glossary
from scoring.problems import QuestionnaireError
from tests.content_checks import generic_masculine

ROOT = Path(__file__).resolve().parents[1]
RAW = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))
# What issue 12 asks the glossary to define: the method's words and the spread measure the group screens show.
REQUIRED = ["consensus", "a-discuter", "niveau", "dimension", "affirmation", "affirmation-inversee", "continuum"]


def test_the_glossary_defines_the_words_the_issue_lists() -> None:
    glossary = default_glossary()
    assert set(REQUIRED) <= set(glossary.terms)
    assert {term.section for term in glossary.terms.values()} == set(SECTIONS)


def test_every_definition_exists_in_both_languages_and_is_sourced_with_a_passage() -> None:
    bibliography = default_bibliography()
    problems = []
    for key, term in default_glossary().terms.items():
        for field in ("term", "definition"):
            problems += [f"{key}.{field}: no {lang}" for lang in ("fr", "en") if not getattr(term, field).get(lang)]
        for citation in term.source:
            reference = bibliography.get(citation.key)
            if reference is None:
                problems.append(f"{key}: {citation.key} is not in the bibliography")
            elif not reference.outside_corpus and not citation.locator:
                problems.append(f"{key}: {citation.key} has no locator")
    assert problems == []


@pytest.mark.parametrize(
    ("breaker", "expected"),
    [
        (
            lambda raw: raw["terms"]["consensus"].update(see_also=["dissensus"]),
            ("terms.consensus.see_also[0]", "unknown_term"),
        ),
        (
            lambda raw: raw["terms"]["consensus"]["source"].append({"key": "tastle-2007"}),
            ("terms.consensus.source[2].key", "unknown_source_key"),
        ),
        (lambda raw: raw["terms"]["consensus"].pop("source"), ("terms.consensus.source", "missing")),
        (lambda raw: raw["terms"]["consensus"].update(section="autre"), ("terms.consensus.section", "literal_error")),
        (
            lambda raw: raw["terms"]["charte"]["source"][0].update(locator="004:35-57"),
            ("terms.charte.source[0].locator", "locator_elsewhere"),
        ),
    ],
    ids=["see_also unknown", "key not in the bibliography", "no source", "unknown section", "locator in another text"],
)
def test_a_bad_glossary_is_refused_with_located_problems(breaker, expected: tuple[str, str]) -> None:
    raw = copy.deepcopy(RAW)
    breaker(raw)
    with pytest.raises(QuestionnaireError) as caught:
        parse_glossary(yaml.safe_dump(raw, allow_unicode=True), "glossary.yaml", default_bibliography())
    found = [(problem.path, problem.code) for problem in caught.value.problems]
    assert expected in found, found


def _glossary_links() -> list[tuple[str, str]]:
    """(where, term) of every ``glossary_link("...")`` of the app's code."""
    found = []
    for path in [*sorted((ROOT / "ui").glob("*.py")), *sorted((ROOT / "app_pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "glossary_link" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant):
                    found.append((f"{path.relative_to(ROOT)}:{node.lineno}", first.value))
    for path in sorted((ROOT / "app_pages").glob("*.py")):  # the method page links its steps through a table
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "GLOSSARY_TERMS" for t in node.targets):
                found += [(f"{path.relative_to(ROOT)}:{node.lineno}", v.value) for v in node.value.values]
    return found


def test_the_screens_link_to_entries_that_exist() -> None:
    links = _glossary_links()
    terms = set(default_glossary().terms)
    assert len(links) >= 5, "the scan found too few links: is it still looking?"
    assert [(where, term) for where, term in links if term not in terms] == []
    # The words issue 12 names are linked from where they appear.
    assert {"niveau", "a-discuter", "consensus", "affirmation-inversee"} <= {term for _, term in links}


def _french_texts() -> list[tuple[str, str]]:
    texts = [(f"fr.yaml: {key}", text) for key, text in catalogue("fr").items()]
    for key, term in default_glossary().terms.items():
        texts += [(f"glossary: {key}.term", term.term["fr"]), (f"glossary: {key}", term.definition["fr"])]
    for key, reference in default_bibliography().references.items():
        texts += [
            (f"sources: {key}.{field}", value["fr"])
            for field in ("short", "note")
            if (value := getattr(reference, field))
        ]
    return texts


def test_no_generic_masculine_in_the_interface_the_glossary_and_the_bibliography() -> None:
    found = {where: generic_masculine(text) for where, text in _french_texts()}
    assert {where: words for where, words in found.items() if words} == {}


def test_the_writing_check_sees_the_catalogue() -> None:
    assert len(_french_texts()) > 300
