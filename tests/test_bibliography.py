"""The bibliography (content/sources.yaml): valid, every reference placed in the corpus, cited keys resolved into
readable references, bad files refused with located problems, and questionnaires/SOURCES.md written from it
(its French typography and the README's are checked by tests/test_typography.py)."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from scoring.bibliography import (
    SOURCES_FILE,
    default_bibliography,
    parse_bibliography,
    source_text,
    sources_markdown,
)
from scoring.loader import load_questionnaire, parse_questionnaire
from scoring.model import Citation
from scoring.problems import QuestionnaireError

ROOT = Path(__file__).resolve().parents[1]
QUESTIONNAIRES = sorted((ROOT / "questionnaires").glob("*.yaml"))
RAW = yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))


def problems_of(raw: dict) -> list[tuple[str, str]]:
    with pytest.raises(QuestionnaireError) as caught:
        parse_bibliography(yaml.safe_dump(raw, allow_unicode=True), "sources.yaml")
    return [(problem.path, problem.code) for problem in caught.value.problems]


def test_the_shipped_bibliography_loads_with_the_five_corpus_texts() -> None:
    bibliography = default_bibliography()
    assert [ref.corpus for _, ref in bibliography.corpus_texts()] == ["000", "001", "002", "003", "004"]


def test_the_original_works_the_dossier_names_are_references() -> None:
    # Issue 12: the screens printed « (004:546-548) »; the dossier names Fonteneau, Calvet & Valentin, Frigoli.
    bibliography = default_bibliography()
    assert "Fonteneau" in bibliography.full_text("fonteneau-2007") and "2007" in bibliography.full_text(
        "fonteneau-2007"
    )
    assert "Vie sociale" in bibliography.full_text("calvet-valentin-2010")
    assert "Revue française des affaires sociales" in bibliography.full_text("frigoli-2004")
    # Text 000 was « un directeur du réseau URIOPSS Centre », with no title or date: now both are said.
    full = bibliography.full_text("uriopss-centre-2010")
    assert "la coopération, la concurrence, la performance" in full and "2010" in full


def test_a_quoted_work_says_where_it_is_read() -> None:
    bibliography = default_bibliography()
    assert bibliography.full_text("lahary-2007", "fr").endswith(
        "Cité dans\u202f: Dossier RNRSMS «\u00a0Le partenariat dans le travail social\u00a0» (2010)."
    )
    assert "(004:139-201)" in bibliography.full_text("lahary-2007", "fr", with_locator=True)
    assert "Quoted in: RNRSMS dossier" in bibliography.full_text("lahary-2007", "en")


def test_source_text_is_the_readable_reference_without_line_numbers() -> None:
    source = [
        Citation(key="lahary-2007", locator="004:175-177"),
        Citation(key="lelys-2010", locator="002:3120", note={"fr": "à propos d’hôpitaux", "en": "about hospitals"}),
    ]
    french = source_text(source, "fr")
    assert french == (
        "D. Lahary (2007), cité dans le dossier RNRSMS\u202f; V. Lelys, revue TEF n° 9 (2010) (à propos d’hôpitaux)"
    )
    assert source_text(source, "en") == (
        "D. Lahary (2007), quoted in the RNRSMS dossier; V. Lelys, TEF journal no. 9 (2010) (about hospitals)"
    )
    assert not re.search(r"\d{3}:\d", french)
    assert source_text([Citation(text="Mon étude, 2024")], "en") == "Mon étude, 2024"
    assert source_text(None) is None and source_text([]) is None


def test_every_reference_but_the_corpus_texts_is_cited_by_something() -> None:
    # The Sources page lists what the product rests on, not a reading list.
    from scoring.bibliography import citing
    from scoring.glossary import default_glossary, glossary_citing

    questionnaires = [load_questionnaire(path) for path in QUESTIONNAIRES]
    cited = set(citing(questionnaires)) | set(glossary_citing(default_glossary()))
    bibliography = default_bibliography()
    unused = [key for key, ref in bibliography.references.items() if ref.corpus is None and key not in cited]
    assert unused == []


@pytest.mark.parametrize(
    ("breaker", "expected"),
    [
        (
            lambda raw: raw["references"]["lahary-2007"].pop("quoted_in"),
            ("references.lahary-2007", "reference_not_placed"),
        ),
        (
            lambda raw: raw["references"]["lahary-2007"].update(quoted_in="lelys-2010"),
            ("references.lahary-2007.quoted_in", "reference_unknown_corpus"),
        ),
        (
            lambda raw: raw["references"]["lahary-2007"].update(quoted_at="001:12-14"),
            ("references.lahary-2007.quoted_at", "locator_elsewhere"),
        ),
        (
            lambda raw: raw["references"]["lahary-2007"].update(quoted_at="page 12"),
            ("references.lahary-2007.quoted_at", "locator_format"),
        ),
        (
            lambda raw: raw["references"]["lahary-2007"].pop("quoted_at"),
            ("references.lahary-2007.quoted_at", "missing"),
        ),
        (
            lambda raw: raw["references"]["gueye-2014"].update(corpus="004"),
            ("references.rnrsms-2010.corpus", "duplicate_id"),
        ),
        (
            lambda raw: raw["references"]["lahary-2007"].update(description="une conférence"),
            ("references.lahary-2007", "reference_title_or_description"),
        ),
        (
            lambda raw: raw["references"]["lahary-2007"].update(titel="x"),
            ("references.lahary-2007.titel", "extra_forbidden"),
        ),
        (lambda raw: raw["references"].update({"Lahary 2007": raw["references"]["lahary-2007"]}), None),
    ],
    ids=[
        "not placed",
        "quoted in a text outside the corpus",
        "quoted at lines of another text",
        "locator not a locator",
        "no locator",
        "two references for one corpus text",
        "title and description",
        "unknown key",
        "key not a slug",
    ],
)
def test_a_bad_bibliography_is_refused_with_located_problems(breaker, expected: tuple[str, str] | None) -> None:
    raw = copy.deepcopy(RAW)
    breaker(raw)
    found = problems_of(raw)
    if expected is None:  # a key that is not a slug is reported at the key itself
        assert any(path == "references.Lahary 2007" for path, _ in found), found
    else:
        assert expected in found, found


QUESTIONNAIRE = """
id: demo
version: "1"
title: Démo
scale: {min: 1, max: 5}
dimensions:
  - id: d
    label: D
    items:
      - id: a
        text: Texte
        source: [{key: KEY, locator: "LOCATOR"}]
"""


def _questionnaire(key: str, locator: str) -> str:
    return QUESTIONNAIRE.replace("KEY", key).replace("LOCATOR", locator)


def test_a_questionnaire_citing_a_key_is_checked_against_the_bibliography() -> None:
    bibliography = default_bibliography()
    parse_questionnaire(_questionnaire("lahary-2007", "004:175-177"), bibliography=bibliography)
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(_questionnaire("lahary-2008", "004:175-177"), "q.yaml", bibliography=bibliography)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("dimensions[0].items[0].source[0].key", "unknown_source_key")
    ]
    # Lahary is read in the RNRSMS dossier (004), not in the UNIOPSS report (001).
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(_questionnaire("lahary-2007", "001:175-177"), "q.yaml", bibliography=bibliography)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("dimensions[0].items[0].source[0].locator", "locator_elsewhere")
    ]
    # Without a bibliography (a federation's own file checked alone), the key is not looked up.
    parse_questionnaire(_questionnaire("lahary-2008", "004:175-177"))


def test_sources_md_is_written_from_the_data() -> None:
    questionnaires = [load_questionnaire(path) for path in QUESTIONNAIRES]
    expected = sources_markdown(default_bibliography(), questionnaires)
    actual = (ROOT / "questionnaires" / "SOURCES.md").read_text(encoding="utf-8")
    assert actual == expected, "run: python -m scoring.bibliography > questionnaires/SOURCES.md"


def test_sources_md_gives_every_reference_in_full() -> None:
    text = (ROOT / "questionnaires" / "SOURCES.md").read_text(encoding="utf-8")
    bibliography = default_bibliography()
    for key in bibliography.references:
        assert f"`{key}`" in text
    assert "Esquisse d’une théorie du partenariat pour servir dans la pratique" in text
    assert "lahary-2007` · Dominique Lahary" in text and "(004:139-201)" in text
