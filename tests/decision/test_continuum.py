"""The continuum (content/continuum.yaml) and the position question of the questionnaire format: a place on an
ordered list, today and wished, not scored."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from decision_testkit import french_typography_problems, seed_reference_problems

from scoring.continuum import CONTINUUM_FILE, load_continuum, parse_continuum
from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.loader import load_questionnaire, parse_questionnaire
from scoring.problems import QuestionnaireError

CONTINUUM_ORDER = [
    "information",
    "consultation",
    "concertation",
    "coordination",
    "cooperation",
    "partenariat",
    "groupement",
    "fusion",
]
QUESTIONNAIRES = CONTINUUM_FILE.parents[1] / "questionnaires"

BASE: dict[str, Any] = {
    "id": "demo",
    "version": "1.0",
    "title": {"fr": "Démonstration", "en": "Demonstration"},
    "scale": {"min": 1, "max": 5},
    "profile": [{"id": "role", "label": "Votre rôle", "options": [{"id": "direction", "label": "Direction"}]}],
    "positions": [
        {
            "id": "relation",
            "label": {"fr": "Où en est la relation ?", "en": "Where does the relationship stand?"},
            "today": {"fr": "Aujourd’hui", "en": "Today"},
            "wished": {"fr": "Souhaitée", "en": "Wished"},
            "steps": "continuum",
        }
    ],
    "dimensions": [{"id": "ethique", "label": "Éthique", "items": [{"id": "eth-1", "text": "Texte"}]}],
}


def with_position(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["positions"][0].update(changes)
    return data


def problems(data: dict[str, Any]) -> set[tuple[str, str]]:
    with pytest.raises(QuestionnaireError) as raised:
        parse_questionnaire(yaml.safe_dump(data, allow_unicode=True), "bad.yaml")
    for problem in raised.value.problems:
        assert "Input should" not in problem.message("fr")
    return {(problem.path, problem.code) for problem in raised.value.problems}


def test_the_continuum_runs_from_information_to_fusion_each_step_defined_and_sourced() -> None:
    continuum = load_continuum()
    assert [step.id for step in continuum.steps] == CONTINUUM_ORDER
    for step in continuum.steps:
        assert step.label.get("fr") and step.label.get("en")
        assert step.definition.get("fr") and step.definition.get("en")
        assert step.source and not seed_reference_problems(step.source)
        assert seed_reference_problems(step.source) == [] and ":" in step.source
        assert french_typography_problems(step.definition["fr"]) == []
    # Brachet's four attitudes (004:130-133), Dhume's axis (004:92).
    assert "004:130" in continuum.steps[0].source and "004:133" in continuum.steps[5].source


def test_a_questionnaire_naming_the_continuum_gets_its_steps_and_definitions() -> None:
    questionnaire = parse_questionnaire(yaml.safe_dump(BASE, allow_unicode=True))
    position = questionnaire.position("relation")
    assert position is not None
    assert [step.id for step in position.steps] == CONTINUUM_ORDER
    assert position.steps == load_continuum().steps
    assert position.asks == ("today", "wished")


def test_a_position_asks_only_today_when_no_wished_question_is_written() -> None:
    data = with_position()
    del data["positions"][0]["wished"]
    questionnaire = parse_questionnaire(yaml.safe_dump(data, allow_unicode=True))
    assert questionnaire.positions[0].asks == ("today",)


def test_a_questionnaire_may_write_its_own_ordered_list() -> None:
    steps = [
        {"id": "loin", "label": "Loin", "definition": "Rien en commun."},
        {"id": "proche", "label": "Proche", "definition": "Tout en commun.", "source": "004:92"},
    ]
    questionnaire = parse_questionnaire(yaml.safe_dump(with_position(steps=steps), allow_unicode=True))
    assert [step.id for step in questionnaire.positions[0].steps] == ["loin", "proche"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"steps": "gradient"}, ("positions[0].steps", "position_steps_name")),
        (
            {"steps": [{"id": "seule", "label": "Seule", "definition": "Une seule étape."}]},
            ("positions[0].steps", "too_short"),
        ),
        (
            {"steps": [{"id": "a", "label": "A", "definition": "x"}, {"id": "a", "label": "B", "definition": "y"}]},
            ("positions[0].steps", "duplicate_value"),
        ),
        (
            {"steps": [{"id": "a", "label": "A"}, {"id": "b", "label": "B", "definition": "y"}]},
            ("positions[0].steps[0].definition", "missing"),
        ),
        ({"today": None}, ("positions[0].today", "text_type")),
        ({"wishd": "Souhaitée"}, ("positions[0].wishd", "extra_forbidden_hint")),
        ({"id": "Relation"}, ("positions[0].id", "string_pattern_mismatch")),
        ({"id": "eth-1"}, ("dimensions[0].items[0].id", "duplicate_id")),
        ({"id": "role"}, ("positions[0].id", "duplicate_id")),
        ({"id": "respondent"}, ("positions[0].id", "reserved_id")),
    ],
)
def test_a_bad_position_is_refused_at_its_place(changes: dict[str, Any], expected: tuple[str, str]) -> None:
    assert expected in problems(with_position(**changes))


def test_two_positions_with_one_id_are_refused() -> None:
    data = with_position()
    data["positions"].append(copy.deepcopy(data["positions"][0]))
    assert ("positions[1].id", "duplicate_id") in problems(data)


@pytest.mark.parametrize("name", ["rapprochement", "sante-partenariat"])
def test_the_shipped_questionnaires_ask_where_the_relationship_stands_today_and_wished(name: str) -> None:
    questionnaire = load_questionnaire(QUESTIONNAIRES / f"{name}.yaml")
    [position] = questionnaire.positions
    assert [step.id for step in position.steps] == CONTINUUM_ORDER
    assert position.asks == ("today", "wished")
    for text in (position.label, position.today, position.wished, position.help):
        assert text and text.get("fr") and text.get("en")
        assert french_typography_problems(text["fr"]) == []


def test_a_position_is_not_scored() -> None:
    questionnaire = load_questionnaire(QUESTIONNAIRES / "rapprochement.yaml")
    answers = [{item.id: 4 for item in questionnaire.items}] * 3
    frame = responses_frame(questionnaire, answers, [{}] * 3)
    report = score_responses(questionnaire, frame)
    assert {item.id for item in report.items} == set(questionnaire.item_ids)
    assert "relation" not in {item.id for item in report.items} | {d.id for d in report.dimensions}


def test_a_broken_continuum_file_is_refused_with_its_place() -> None:
    text = CONTINUUM_FILE.read_text(encoding="utf-8").replace("  - id: consultation\n", "  - id: information\n", 1)
    with pytest.raises(QuestionnaireError) as raised:
        parse_continuum(text, "continuum.yaml")
    assert ("steps", "duplicate_value") in {(p.path, p.code) for p in raised.value.problems}
