"""The guide to the forms of cooperation: the shipped file is valid, complete, bilingual and sourced, and bad
versions of it are refused with located messages (as ``python -m scoring validate`` prints them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from decision_testkit import ROOT, french_typography_problems, seed_reference_problems

from scoring.cli import main
from scoring.forms import FORMS_FILE, POOLS, FormsGuide, load_forms_guide, parse_forms_guide
from scoring.problems import QuestionnaireError

EXPECTED_FORMS = {
    "convention",
    "groupement-employeurs",
    "gie",
    "gip",
    "gcsms",
    "union-federation",
    "fusion-absorption",
    "fusion-creation",
}
SHIPPED = FORMS_FILE.read_text(encoding="utf-8")


def guide() -> FormsGuide:
    return load_forms_guide(FORMS_FILE)


def all_texts(value: FormsGuide) -> list[tuple[str, dict[str, str]]]:
    found = [("title", value.title)]
    for form in value.forms:
        found += [(f"{form.id}.name", form.name), (f"{form.id}.summary", form.summary)]
        found += [(f"{form.id}.{key}", fact.text) for key, fact in form.facts().items()]
    return found


def test_the_shipped_guide_is_in_a_folder_of_its_own_and_describes_the_eight_forms() -> None:
    assert FORMS_FILE.parent == ROOT / "content" / "forms"
    assert {form.id for form in guide().forms} == EXPECTED_FORMS


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_text_of_the_guide_exists_in_both_languages(lang: str) -> None:
    assert [path for path, text in all_texts(guide()) if not text.get(lang)] == []


def test_the_french_texts_follow_french_typography() -> None:
    found = {path: french_typography_problems(text["fr"]) for path, text in all_texts(guide())}
    assert {path: problems for path, problems in found.items() if problems} == {}


def test_every_fact_is_sourced_and_every_seed_reference_points_into_its_text() -> None:
    facts = [(form.id, key, fact) for form in guide().forms for key, fact in form.facts().items()]
    assert len(facts) == 8 * 9
    assert [(form, key) for form, key, fact in facts if not fact.sources] == []
    seeds = [(form, key, s.seed) for form, key, fact in facts for s in fact.sources if s.seed]
    assert [
        (form, key, ref, seed_reference_problems(ref)) for form, key, ref in seeds if seed_reference_problems(ref)
    ] == []


def test_legal_facts_outside_the_seeds_name_their_text() -> None:
    laws = {s.law for form in guide().forms for fact in form.facts().values() for s in fact.sources if s.law}
    # A named text: a code and its article, or a law with its date.
    named = re.compile(r"(Code [a-zé’' ]+|CASF), articles? [LR]\.\d|Loi (n° [\d-]+ )?du \d")
    assert laws and [law for law in laws if not named.search(law or "")] == []
    # The one the issue names, and the GCSMS's decree.
    assert any("L.312-7" in (law or "") for law in laws)


def test_the_guide_ranks_no_form_on_a_line() -> None:
    # No source orders the forms from « lightest » to « most integrated » (003:130): neither a word nor a field.
    ranking = re.compile(r"plus légère|plus intégrée|lightest|most integrated|du plus|from the least", re.IGNORECASE)
    assert [path for path, text in all_texts(guide()) for t in text.values() if ranking.search(t)] == []
    assert not {"rank", "order", "level", "weight"} & set(yaml.safe_load(SHIPPED)["forms"][0])


def test_every_pool_the_page_asks_about_is_offered_by_some_form() -> None:
    assert set(POOLS) == {pool for form in guide().forms for pool in form.pools}


def test_the_union_is_the_common_voice_and_the_gip_needs_a_public_partner() -> None:
    # 003:130 and 003:140, as the issue reads them.
    forms = {form.id: form for form in guide().forms}
    assert [
        form_id for form_id, form in forms.items() if "voix" in form.pools and form.legal_person.members_remain
    ] == ["union-federation"]
    assert [form_id for form_id, form in forms.items() if form.members.public == "required"] == ["gip"]
    assert forms["groupement-employeurs"].pools == ["personnel"]
    assert not forms["convention"].legal_person.creates
    assert not forms["fusion-absorption"].legal_person.creates and forms["fusion-creation"].legal_person.creates


# ----- bad versions of the file ---------------------------------------------------------------------------------


def replaced(old: str, new: str) -> str:
    assert old in SHIPPED, old
    return SHIPPED.replace(old, new, 1)


BAD_VERSIONS = {
    "unknown key": (replaced("    governance:\n", "    governanse:\n"), "forms[0].governanse", "extra_forbidden_hint"),
    "missing fact": (replaced("    governance:\n", "    ignored_governance:\n"), "forms[0].governance", "missing"),
    "public answer not foreseen": (
        replaced('public: "required"', 'public: "sometimes"'),
        "forms[3].members.public",
        "literal_error",
    ),
    "pool not foreseen": (
        replaced("pools: [projet, moyens, personnel]", "pools: [argent]"),
        "forms[0].pools[0]",
        "literal_error",
    ),
    "pool twice": (
        replaced("pools: [projet, moyens, personnel]", "pools: [projet, projet]"),
        "forms[0].pools",
        "duplicate_value",
    ),
    "no pool": (replaced("pools: [projet, moyens, personnel]", "pools: []"), "forms[0].pools", "too_short"),
    "seed reference without its text number": (
        replaced('- seed: "004:301"\n    governance', '- seed: "4:301"\n    governance'),
        "forms[0].legal_person.sources[1].seed",
        "seed_reference",
    ),
    "seed range backwards": (
        replaced('- seed: "001:58-61"', '- seed: "001:61-58"'),
        "forms[0].governance.sources[0].seed",
        "seed_reference",
    ),
    "source both seed and law": (
        replaced(
            '- seed: "004:301"\n    governance',
            '- seed: "004:301"\n          law: "CASF, article L.312-7"\n    governance',
        ),
        "forms[0].legal_person.sources[1]",
        "source_kind",
    ),
    "source neither": (
        replaced('- seed: "004:301"\n    governance', "- {}\n    governance"),
        "forms[0].legal_person.sources[1]",
        "source_kind",
    ),
    "fact without sources": (
        replaced('      sources:\n        - seed: "001:58-61"\n        - seed: "004:301"\n', "      sources: []\n"),
        "forms[0].governance.sources",
        "too_short",
    ),
    "two forms with one id": (replaced("  - id: gie\n", "  - id: convention\n"), "forms[2].id", "duplicate_id"),
    "not a guide": (replaced("kind: cooperation-forms", "kind: forms"), "kind", "literal_error"),
    "no French text": (
        replaced('      fr: "Convention de coopération"\n', ""),
        "forms[0].name",
        "text_missing_default",
    ),
    "legal person not a boolean": (
        replaced("creates: false", "creates: peut-être"),
        "forms[0].legal_person.creates",
        "bool_type",
    ),
    "an alias": (replaced("    pools: [personnel]", "    pools: &staff [personnel]"), "forms[1].pools", "yaml_anchor"),
}


@pytest.mark.parametrize("name", sorted(BAD_VERSIONS))
def test_a_bad_guide_is_refused_with_the_place_and_the_problem(name: str) -> None:
    text, path, code = BAD_VERSIONS[name]
    with pytest.raises(QuestionnaireError) as raised:
        parse_forms_guide(text, "forms.yaml")
    found = {(problem.path, problem.code) for problem in raised.value.problems}
    assert (path, code) in found, found
    for problem in raised.value.problems:
        # Plain words in the author's language, never pydantic's English.
        assert "Input should" not in problem.message("fr")
        assert problem.describe("fr").startswith(f"forms.yaml\u202f: {problem.path or '(fichier)'}\u202f: ")


def test_a_value_not_foreseen_lists_the_values_the_author_may_type() -> None:
    text, _, _ = BAD_VERSIONS["public answer not foreseen"]
    with pytest.raises(QuestionnaireError) as raised:
        parse_forms_guide(text, "forms.yaml")
    assert "choisissez parmi yes, no, limited ou required" in raised.value.describe("fr")
    assert "choose among yes, no, limited or required" in raised.value.describe("en")


def test_validate_checks_the_guide_and_the_continuum_like_a_questionnaire(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    continuum = ROOT / "content" / "continuum.yaml"
    assert main(["validate", str(FORMS_FILE), str(continuum)]) == 0
    bad = tmp_path / "forms.yaml"
    bad.write_text(BAD_VERSIONS["seed range backwards"][0], encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "forms[0].governance.sources[0].seed" in err and "001:61-58" in err


def test_no_shipped_questionnaire_ranks_the_forms_on_a_line_either() -> None:
    ranking = re.compile(r"plus légère|plus intégrée|lightest|most integrated|de la convention à la fusion", re.I)
    found = {
        path.name: ranking.findall(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "questionnaires").glob("*.yaml"))
    }
    assert {name: words for name, words in found.items() if words} == {}
