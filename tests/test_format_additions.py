"""The questionnaire format's additions of issue 12: sources as citations of the bibliography (``key``,
``locator``, ``note``), who acts (``actor``) and who is asked what (``asked_of``, with ``items_for``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from scoring.asking import dimensions_for, items_for
from scoring.bibliography import default_bibliography
from scoring.loader import parse_questionnaire
from scoring.problems import QuestionnaireError

ROOT = Path(__file__).resolve().parents[1]

BASE = {
    "id": "demo",
    "version": "1",
    "title": "Démo",
    "scale": {"min": 1, "max": 5},
    "profile": [
        {
            "id": "role",
            "label": "Votre rôle",
            "options": [
                {"id": "administrateur", "label": "Administrateur·rice"},
                {"id": "direction", "label": "Direction"},
                {"id": "usager", "label": "Personne accompagnée"},
            ],
        }
    ],
    "dimensions": [
        {
            "id": "gouvernance",
            "label": "Gouvernance",
            "items": [
                {"id": "g1", "text": "Tout le monde", "source": "Une étude, 2024"},
                {"id": "g2", "text": "Le conseil", "asked_of": ["administrateur", "direction"]},
            ],
            "recommendations": {"priority": [{"text": "Agissez.", "actor": ["conseil", "direction"]}]},
        },
        {
            "id": "moyens",
            "label": "Moyens",
            "asked_of": ["direction"],
            "items": [{"id": "m1", "text": "Les finances"}],
        },
    ],
}


def data(**changes: object) -> dict:
    copy = yaml.safe_load(yaml.safe_dump(BASE, allow_unicode=True))
    for path, value in changes.items():
        target = copy
        *parents, last = path.split("__")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return copy


def problems(raw: dict) -> list[tuple[str, str]]:
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(yaml.safe_dump(raw, allow_unicode=True), "q.yaml", bibliography=default_bibliography())
    return [(problem.path, problem.code) for problem in caught.value.problems]


def test_the_base_is_valid_and_a_string_source_is_a_free_citation() -> None:
    questionnaire = parse_questionnaire(yaml.safe_dump(BASE, allow_unicode=True))
    [citation] = questionnaire.dimensions[0].items[0].source
    assert citation.text == "Une étude, 2024" and citation.key is None
    assert questionnaire.dimensions[0].recommendations.priority[0].actor == ["conseil", "direction"]


def test_one_actor_may_be_written_alone() -> None:
    raw = data(dimensions__0__recommendations={"priority": [{"text": "Agissez.", "actor": "pilotage"}]})
    questionnaire = parse_questionnaire(yaml.safe_dump(raw, allow_unicode=True))
    assert questionnaire.dimensions[0].recommendations.priority[0].actor == ["pilotage"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"dimensions__0__recommendations": {"priority": [{"text": "x", "actor": "le-bureau"}]}},
            ("dimensions[0].recommendations.priority[0].actor[0]", "unknown_actor"),
        ),
        (
            {"dimensions__0__recommendations": {"priority": [{"text": "x", "actor": ["conseil", "conseil"]}]}},
            ("dimensions[0].recommendations.priority[0].actor", "repeated_value"),
        ),
        (
            {"dimensions__0__recommendations": {"priority": [{"text": "x", "actor": []}]}},
            ("dimensions[0].recommendations.priority[0].actor", "too_short"),
        ),
        ({"dimensions__0__items__0__actor": "conseil"}, ("dimensions[0].items[0]", "actor_without_recommendation")),
        ({"dimensions__0__items__0__first": True}, ("dimensions[0].items[0]", "first_without_recommendation")),
        (
            {"dimensions__0__items__0__source": [{"key": "lahary-2007", "locator": "page 175"}]},
            ("dimensions[0].items[0].source[0].locator", "locator_format"),
        ),
        (
            {"dimensions__0__items__0__source": [{"key": "lahary-2007", "locator": "004:175;004:177"}]},
            ("dimensions[0].items[0].source[0].locator", "locator_format"),
        ),
        (
            {"dimensions__0__items__0__source": [{"key": "lahary-2007", "text": "Lahary"}]},
            ("dimensions[0].items[0].source[0]", "citation_key_or_text"),
        ),
        (
            {"dimensions__0__items__0__source": [{"locator": "004:175"}]},
            ("dimensions[0].items[0].source[0]", "citation_key_or_text"),
        ),
        (
            {"dimensions__0__items__0__source": [{"key": "lahary", "locator": "004:175"}]},
            ("dimensions[0].items[0].source[0].key", "unknown_source_key"),
        ),
        ({"dimensions__0__items__0__source": []}, ("dimensions[0].items[0].source", "too_short")),
        (
            {"dimensions__0__items__1__asked_of": ["administrateur", "benevole"]},
            ("dimensions[0].items[1].asked_of[1]", "asked_of_unknown_role"),
        ),
        (
            {"dimensions__1__items__0__asked_of": ["administrateur"]},
            ("dimensions[1].items[0].asked_of[0]", "asked_of_outside_dimension"),
        ),
        ({"dimensions__1__asked_of": []}, ("dimensions[1].asked_of", "too_short")),
        ({"dimensions__1__asked_of": ["direction", "direction"]}, ("dimensions[1].asked_of", "repeated_value")),
        ({"profile": []}, ("dimensions[0].items[1].asked_of", "asked_of_without_role")),
    ],
    ids=[
        "unknown actor",
        "repeated actor",
        "no actor",
        "item actor without recommendation",
        "item first without recommendation",
        "locator in words",
        "locator with a semicolon",
        "key and text",
        "neither key nor text",
        "unknown key",
        "empty source list",
        "asked of an unknown role",
        "item asked outside its dimension's roles",
        "empty asked_of",
        "repeated role",
        "asked_of without a role field",
    ],
)
def test_a_bad_addition_is_located(changes: dict, expected: tuple[str, str]) -> None:
    found = problems(data(**changes))
    assert expected in found, found


def test_the_messages_of_the_additions_read_in_both_languages() -> None:
    raw = data(dimensions__0__recommendations={"priority": [{"text": "x", "actor": "le-bureau"}]})
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(yaml.safe_dump(raw, allow_unicode=True), "q.yaml")
    [problem] = caught.value.problems
    assert "le-bureau" in problem.message("fr") and "conseil, direction, pilotage" in problem.message("fr")
    assert problem.message("en").startswith("'le-bureau' is not a known actor")


@pytest.fixture(scope="module")
def demo():
    return parse_questionnaire(yaml.safe_dump(BASE, allow_unicode=True))


@pytest.mark.parametrize(
    ("profile", "items", "dimensions"),
    [
        ({"role": "administrateur"}, ["g1", "g2"], ["gouvernance"]),
        ({"role": "direction"}, ["g1", "g2", "m1"], ["gouvernance", "moyens"]),
        ({"role": "usager"}, ["g1"], ["gouvernance"]),
        ({}, ["g1", "g2", "m1"], ["gouvernance", "moyens"]),  # role not asked or not answered: everything
        ({"role": None}, ["g1", "g2", "m1"], ["gouvernance", "moyens"]),
        ({"role": "inconnu"}, ["g1", "g2", "m1"], ["gouvernance", "moyens"]),  # a value the file does not know
        (None, ["g1", "g2", "m1"], ["gouvernance", "moyens"]),
    ],
)
def test_items_for_a_profile(demo, profile, items: list[str], dimensions: list[str]) -> None:
    assert [item.id for item in items_for(demo, profile)] == items
    assert [dimension.id for dimension in dimensions_for(demo, profile)] == dimensions


def test_the_readme_example_is_valid_with_the_bibliography() -> None:
    readme = (ROOT / "questionnaires" / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(id: cooperation-locale.*?)```", readme, re.S)
    assert example, "the README's complete example was not found"
    questionnaire = parse_questionnaire(example.group(1), bibliography=default_bibliography())
    assert questionnaire.dimensions[1].items[1].asked_of == ["administrateur"]
    assert questionnaire.dimensions[0].recommendations.strength[0].source[0].text


def test_the_readme_lists_every_actor() -> None:
    from scoring.model import ACTORS

    readme = (ROOT / "questionnaires" / "README.md").read_text(encoding="utf-8")
    assert all(f"| `{actor}` |" in readme for actor in ACTORS)


def test_a_role_asked_too_few_of_a_dimension_could_never_score_it_and_is_refused() -> None:
    """Gouvernance with three statements and min_coverage 0.5: a role needs 2 of them to have a score there. The
    director is asked only g2, so even answering all they are asked they would never have one."""
    items = [
        {"id": "g1", "text": "Le bureau", "asked_of": ["administrateur"]},
        {"id": "g2", "text": "Le conseil", "asked_of": ["administrateur", "direction"]},
        {"id": "g3", "text": "Les statuts", "asked_of": ["administrateur"]},
    ]
    raw = data(dimensions__0__items=items)
    assert ("dimensions[0]", "asked_of_under_coverage") in problems(raw)
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(yaml.safe_dump(raw, allow_unicode=True), "q.yaml")
    [problem] = [p for p in caught.value.problems if p.code == "asked_of_under_coverage"]
    assert problem.message("fr").startswith("le rôle «\u00a0direction\u00a0» ne se voit poser que 1 des 3 énoncés")
    assert problem.message("en").startswith("the role 'direction' is asked only 1 of this dimension's 3 statements")
    # The person supported is asked none of them: no score there is what the author meant, not a mistake.
    assert all("usager" not in p.message("en") for p in caught.value.problems)
