"""Checks on the wording of the shipped texts, shared by the questionnaire, glossary and catalogue tests.

- :func:`similar_recommendations`: two recommendations a group may receive together must not say the same thing
  (issue 12 found « Rédigez avec vos partenaires une convention précise » beside « Rédigez ou révisez la
  convention »). The measure is the share of the shorter text's content words found in the other, words cut to
  their first six letters so that « partenaire » and « partenaires » match; the threshold is set between the
  duplicates of version 1 of the questionnaires (0.60 and over) and the closest distinct pairs of version 2.
- :func:`generic_masculine`: the inclusive-writing rule of questionnaires/README.md (no generic masculine for
  people: « les administrateurs », « l’animateur »...), quotations « ... » excepted.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

SIMILARITY_THRESHOLD = 0.6
_STOPWORDS = frozenset(
    [
        "avec",
        "dans",
        "pour",
        "plus",
        "vous",
        "votre",
        "vos",
        "nous",
        "notre",
        "nos",
        "leur",
        "leurs",
        "chaque",
        "entre",
        "sans",
        "sont",
        "elle",
        "elles",
        "ils",
        "être",
        "fait",
        "faites",
        "faire",
        "mais",
        "donc",
        "ainsi",
        "comme",
        "aussi",
        "tout",
        "tous",
        "toute",
        "toutes",
        "cette",
        "celui",
        "celle",
        "ceux",
        "celles",
        "dont",
        "quand",
        "plutôt",
        "encore",
        "avant",
        "après",
        "chez",
        "puis",
        "même",
    ]
)

# Nouns for people written in the generic masculine, and the epicene wording questionnaires/README.md gives.
GENERIC_MASCULINE = {
    "administrateurs": "les membres du conseil d’administration",
    "administrateur": "un membre du conseil d’administration",
    "salariés": "le personnel, les équipes salariées",
    "adhérents": "les membres de l’association",
    "usagers": "les personnes accompagnées",
    "usager": "la personne accompagnée",
    "animateur": "la personne qui anime l’atelier",
    "animateurs": "les personnes qui animent",
    "dirigeants": "la direction, les responsables",
    "représentants": "les personnes qui les représentent, la représentation du personnel",
    "élus": "le conseil, les personnes élues",
    "participants": "les personnes présentes",
    "formateurs": "les équipes de formation",
}
_WORDS = re.compile(r"[\w·-]+")  # « Administrateur·rice » is one word


def _content_words(text: str) -> set[str]:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return {word[:6] for word in re.findall(r"[a-z]+", text) if len(word) >= 4 and word not in _STOPWORDS}


def similarity(first: str, second: str) -> float:
    a, b = _content_words(first), _content_words(second)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def similar_recommendations(
    texts: list[tuple[str, str]], threshold: float = SIMILARITY_THRESHOLD
) -> list[tuple[str, str, float]]:
    """The pairs of (where, text) whose similarity reaches ``threshold``."""
    return [
        (first, second, score)
        for (first, a), (second, b) in itertools.combinations(texts, 2)
        if (score := similarity(a, b)) >= threshold
    ]


def generic_masculine(text: str) -> list[str]:
    """The generic-masculine person nouns of a French text, outside quotations « ... »."""
    unquoted = re.sub(r"«[^«»]*»", "", text)
    return [word for word in _WORDS.findall(unquoted) if word.lower() in GENERIC_MASCULINE]
