"""Case studies (content/cases/) and the trainers' shared material (content/teaching.yaml): the shipped files are
valid and written as the brief asks, bad versions are refused with located messages."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from scoring.cases import CASES_DIR, TEACHING_FILE, default_teaching, load_case, load_cases, load_teaching, parse_case
from scoring.loader import load_questionnaire
from scoring.problems import QuestionnaireError
from scripts.french_typography import problems as french_problems

ROOT = Path(__file__).resolve().parents[1]
QUESTIONNAIRES = {path.stem: load_questionnaire(path) for path in (ROOT / "questionnaires").glob("*.yaml")}
CASE_FILES = sorted(CASES_DIR.glob("*.yaml"))
# The four situations of the seed texts (issue 16), by the passage each must cite.
SEED_SITUATIONS = {
    "charte-protection-enfance": "001:35-68",
    "accueil-periscolaire": "004:861-880",
    "fusion-trop-vite": "001:30-37",
    "appel-a-projets-gcsms": "003:100-114",
}


def shipped_cases():
    return load_cases(questionnaires=QUESTIONNAIRES, teaching=default_teaching())


def test_the_four_situations_of_the_seeds_are_shipped_and_valid():
    cases = {case.id: case for case in shipped_cases()}
    assert set(SEED_SITUATIONS) <= set(cases)
    for case_id, passage in SEED_SITUATIONS.items():
        assert passage in cases[case_id].source, case_id


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.stem)
def test_a_case_gives_a_page_of_situation_roles_questions_and_sourced_readings(path):
    case = load_case(path, questionnaires=QUESTIONNAIRES, teaching=default_teaching())
    words_fr = len(case.situation["fr"].split())
    # About a page: between a half and a full A4 page of prose.
    assert 300 <= words_fr <= 650, words_fr
    assert len(case.situation["en"].split()) >= 150  # shorter, never missing
    assert len(case.roles) >= 4
    assert all(len(role.brief["fr"].split()) >= 30 for role in case.roles)
    assert len(case.questions) >= 3 and len(case.disputed) >= 3 and len(case.texts_say) >= 4
    assert all(reading.source for reading in case.texts_say)
    # Every curriculum of the brief is served by at least one case (checked over all cases below); each case
    # serves at least two.
    assert len({ref.split(".")[0] for objective in case.objectives for ref in objective.competences}) >= 2


def test_every_curriculum_of_the_dossier_is_served_by_the_cases():
    served = {ref.split(".")[0] for case in shipped_cases() for o in case.objectives for ref in o.competences}
    assert served == {"bac-pro-spvl", "st2s", "bts-esf", "de-cesf"}


def _french_texts(value, where=""):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "fr" and isinstance(item, str):
                yield where, item
            else:
                yield from _french_texts(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _french_texts(item, f"{where}[{index}]")


@pytest.mark.parametrize("path", [*CASE_FILES, TEACHING_FILE], ids=lambda path: path.stem)
def test_french_texts_follow_french_typography(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = [f"{where}: {problem}" for where, text in _french_texts(data) for problem in french_problems(text)]
    assert found == []


def test_the_shared_material_has_the_two_session_plans():
    teaching = load_teaching(TEACHING_FILE)
    assert {key: plan.minutes for key, plan in teaching.sessions.items()} == {"une-heure": 60, "deux-heures": 120}
    assert set(teaching.curricula) == {"bac-pro-spvl", "st2s", "bts-esf", "de-cesf"}


# ---- bad versions ------------------------------------------------------------------------------------------------

VALID_PATH = CASES_DIR / "charte-protection-enfance.yaml"


def valid() -> dict:
    return yaml.safe_load(VALID_PATH.read_text(encoding="utf-8"))


def problems_of(data: dict | str, *, name: str = "charte-protection-enfance.yaml") -> list[tuple[str, str, str]]:
    content = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    with pytest.raises(QuestionnaireError) as caught:
        parse_case(
            content, name, expected_id=Path(name).stem, questionnaires=QUESTIONNAIRES, teaching=default_teaching()
        )
    return [(p.path, _spaces(p.message("fr")), p.message("en")) for p in caught.value.problems]


def _spaces(text: str) -> str:
    """French messages with their no-break spaces as plain ones, so that the expected words read plainly."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_valid_base_of_these_tests_is_valid():
    case = parse_case(yaml.safe_dump(valid(), allow_unicode=True), questionnaires=QUESTIONNAIRES)
    assert case.id == "charte-protection-enfance"


def _set(data: dict, path: str, value) -> dict:
    """``roles[0].answers_as`` = value, in place; ``None`` deletes the key."""
    parts = re.findall(r"[^.\[\]]+", path)
    target = data
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    last = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
    if value is None:
        del target[last]
    else:
        target[last] = value
    return data


BAD = [
    # (what is changed, value, where the problem is, words its French message holds)
    ("synthetic.roles.salaries.tendancy", 3, "synthetic.roles.salaries.tendancy", "tendency"),
    ("title", {"fr": "Seulement en français"}, "title", "en anglais"),
    ("questionnaire", "inconnu", "questionnaire", "questionnaire inconnu"),
    ("roles[0].answers_as", "maire", "roles[0].answers_as", "rôle « maire » absent"),
    ("roles[1].organisations[0]", "Ailleurs", "roles[1].organisations[0]", "organisation « Ailleurs »"),
    ("disputed[0].statement", "com-99", "disputed[0].statement", "affirmation « com-99 »"),
    (
        "synthetic.roles.salaries.statements.com-99",
        {"tendency": 3, "spread": 1},
        "synthetic.roles.salaries.statements.com-99",
        "com-99",
    ),
    (
        "synthetic.roles.salaries.dimensions.finances",
        {"tendency": 3, "spread": 1},
        "synthetic.roles.salaries.dimensions.finances",
        "finances",
    ),
    ("synthetic.roles.salaries.tendency", 7, "synthetic.roles.salaries.tendency", "hors de l’échelle"),
    ("synthetic.roles.salaries.spread", 9, "synthetic.roles.salaries.spread", "plus large que l’échelle"),
    ("synthetic.roles.salaries.spread", -1, "synthetic.roles.salaries.spread", "supérieur ou égal à 0"),
    ("source[0]", "007:12", "source[0]", "aucun des textes sources"),
    ("texts_say[0].source[0]", "001:68-35", "texts_say[0].source[0]", "la première ligne"),
    ("texts_say[1].source[0]", "001-35", "texts_say[1].source[0]", "identifiant invalide"),
    ("id", "autre-cas", "id", "nom du fichier"),
    ("objectives[0].competences[0]", "bts-esf.c9-9", "objectives[0].competences[0]", "compétence « bts-esf.c9-9 »"),
    ("objectives[0].competences[1]", "st2s", "objectives[0].competences[1]", "identifiant invalide"),
    ("synthetic.roles.salaries.count", 0, "synthetic.roles.salaries.count", "supérieur ou égal à 1"),
    ("situation", None, "situation", "champ obligatoire manquant"),
    (
        "synthetic.roles.salaries.positions.lien",
        {"today": {"step": "information"}},
        "synthetic.roles.salaries.positions.lien",
        "question de position « lien » absente",
    ),
    (
        "synthetic.roles.salaries.positions.relation.today.step",
        "alliance",
        "synthetic.roles.salaries.positions.relation.today.step",
        "étape « alliance » absente de la liste (étapes : information, consultation",
    ),
    (
        "synthetic.roles.salaries.positions.relation.wished.spread",
        8,
        "synthetic.roles.salaries.positions.relation.wished.spread",
        "plus large que la liste elle-même (7 étapes",
    ),
    (
        "synthetic.roles.salaries.positions.relation.wished.spread",
        -0.5,
        "synthetic.roles.salaries.positions.relation.wished.spread",
        "supérieur ou égal à 0",
    ),
    (
        "synthetic.roles.salaries.positions.relation.wished",
        None,
        "synthetic.roles.salaries.positions",
        "ne place pas la relation pour la question « relation » (wished)",
    ),
    (
        "synthetic.roles.salaries.positions.relation.hier",
        {"step": "information"},
        "synthetic.roles.salaries.positions.relation.hier",
        "hier",
    ),
]


@pytest.mark.parametrize(("path", "value", "where", "words"), BAD, ids=[f"{b[0]}={b[1]}" for b in BAD])
def test_a_bad_case_is_refused_with_a_located_message(path, value, where, words):
    found = problems_of(_set(valid(), path, value))
    assert any(place == where and words in french for place, french, _ in found), found
    assert all(english.strip() for _, _, english in found)


def test_a_synthetic_role_that_plays_no_role_of_the_case_is_named():
    data = valid()
    data["synthetic"]["roles"]["maires"] = copy.deepcopy(data["synthetic"]["roles"]["salaries"])
    found = {place: french for place, french, _ in problems_of(data)}
    assert "maires" in found["synthetic.roles.maires"]
    assert found["synthetic.roles.maires"].endswith(
        "admin-tilleuls, admin-petites, directions, salaries, union-regionale)"
    )


def test_a_disputed_statement_the_synthetic_answers_agree_on_is_refused():
    data = valid()
    # Every role answers com-4 alike: no disagreement left to discuss.
    for role in data["synthetic"]["roles"].values():
        role["statements"]["com-4"] = {"tendency": 4, "spread": 0.3}
    found = problems_of(data)
    _, french, english = next(problem for problem in found if problem[0] == "disputed[0].statement")
    assert "s’accordent sur « com-4 »" in french and "seuil 0,60" in french
    assert "agree on 'com-4'" in english


def test_a_case_whose_synthetic_answers_cannot_fill_a_group_is_refused():
    data = valid()
    data["synthetic"]["roles"] = {"salaries": {**data["synthetic"]["roles"]["salaries"], "count": 2}}
    assert any(place == "synthetic.roles" and "au moins 3" in french for place, french, _ in problems_of(data))


def test_yaml_level_problems_are_located_like_a_questionnaire_s():
    text = VALID_PATH.read_text(encoding="utf-8").replace('version: "1.0"', 'version: &v "1.0"\nextra: *v', 1)
    found = problems_of(text)
    assert any(place == "version" and "&v" in french for place, french, _ in found)
    assert any(place == "extra" for place, _, _ in found)


def test_every_problem_of_a_folder_comes_out_at_once(tmp_path):
    for name, change in (("un.yaml", ("questionnaire", "inconnu")), ("deux.yaml", ("title", {"fr": "x"}))):
        data = _set(valid(), "id", Path(name).stem)
        (tmp_path / name).write_text(yaml.safe_dump(_set(data, *change), allow_unicode=True), encoding="utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        load_cases(tmp_path, questionnaires=QUESTIONNAIRES)
    assert {(Path(p.file).name, p.path) for p in caught.value.problems} == {
        ("un.yaml", "questionnaire"),
        ("deux.yaml", "title"),
    }


def test_session_steps_must_fill_the_session(tmp_path):
    data = yaml.safe_load(TEACHING_FILE.read_text(encoding="utf-8"))
    data["sessions"]["une-heure"]["steps"][0]["minutes"] = 15
    path = tmp_path / "teaching.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        load_teaching(path)
    assert [(p.path, p.message("fr")) for p in caught.value.problems] == [
        ("sessions.une-heure.steps", "les étapes durent 70 minutes en tout, la séance 60")
    ]
