"""Both catalogues have the same keys, no empty text, the same placeholders, and French typography."""

from __future__ import annotations

import re
import string

import pytest

from i18n import LANGUAGES, catalogue, translate

FRENCH = catalogue("fr")
ENGLISH = catalogue("en")


def test_both_languages_have_the_same_keys() -> None:
    assert set(FRENCH) - set(ENGLISH) == set(), "keys missing in English"
    assert set(ENGLISH) - set(FRENCH) == set(), "keys missing in French"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_is_empty(lang: str) -> None:
    assert [key for key, text in catalogue(lang).items() if not text.strip()] == []


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_placeholders_match_between_languages() -> None:
    different = {key: (placeholders(FRENCH[key]), placeholders(ENGLISH[key])) for key in FRENCH if key in ENGLISH}
    assert {k: v for k, v in different.items() if v[0] != v[1]} == {}


def french_typography_problems(text: str) -> list[str]:
    problems = []
    # « ; ? ! : » ending a clause follow a non-breaking space (ordinary or thin), never a letter or a plain space.
    if re.search(r"[^\u00a0\u202f][;?!:](\s|$)", text):
        problems.append("no non-breaking space before ; ? ! or :")
    if '"' in text:
        problems.append("straight quotes: use « »")
    if "'" in text:
        problems.append("straight apostrophe: use ’")
    if re.search(r"«[^\u00a0\u202f]|[^\u00a0\u202f]»", text):
        problems.append("« » need non-breaking spaces inside")
    if re.search(r"\b(Etape|Etat|Ecole|Equipe|Ethique|A la|A l')", text):
        problems.append("capital letters take their accents: É, À")
    return problems


def test_french_typography() -> None:
    found = {key: french_typography_problems(text) for key, text in FRENCH.items()}
    assert {key: problems for key, problems in found.items() if problems} == {}


@pytest.mark.parametrize("bad", ["Qui répond ?", "Source: x", 'le "radar"', "«radar»", "Etape 1", "l'atelier"])
def test_the_typography_check_catches_mistakes(bad: str) -> None:
    assert french_typography_problems(bad)


def test_a_missing_key_falls_back_to_itself_rather_than_failing() -> None:
    assert translate("no.such.key", "en") == "no.such.key"
