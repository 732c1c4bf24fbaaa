"""The one French-typography checker (scripts/french_typography.py), on examples, and on the French guides."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.french_typography import fix, fix_markdown, markdown_problems, problems

ROOT = Path(__file__).resolve().parents[1]
NBSP, NNBSP = "\u00a0", "\u202f"
# The French pages for authors: prose in French typography, code and the English summary left alone.
FRENCH_GUIDES = [
    ROOT / "questionnaires" / "README.md",
    ROOT / "questionnaires" / "SOURCES.md",
    ROOT / "README.md",  # the users' page
    ROOT / "docs" / "benchmarks.md",
]


@pytest.mark.parametrize(
    "bad",
    [
        "fichier illisible : {detail}",  # an ordinary space before :
        "Source: x",  # no space
        "Qui répond ?",
        "voilà !",
        "a\u202f: b ; c",
        "{value}: hors de l’échelle",
        "vouliez-vous dire « {suggestion} »\u202f?",  # ordinary spaces inside « »
        "«radar»",
        "le fichier n'est pas lisible",
        'la colonne "a1"',
        "Etape 1",
        "A la fin",
    ],
)
def test_a_mistake_is_caught(bad: str) -> None:
    assert problems(bad)


@pytest.mark.parametrize(
    "good",
    [
        "fichier illisible\u202f: {detail}",
        "vouliez-vous dire «\u00a0{suggestion}\u00a0»\u202f?",
        "une traduction par langue («\u00a0fr: ..., en: ...\u00a0»)",  # quoted as written
        "score {score:.1f} sur 100",  # a placeholder's format
        "voir https://example.org/a:b?c=d",
        "ligne 12:30 du fichier",
        "l’échelle\u00a0; la suite",  # a no-break space, narrow or not
        "Vraiment\u202f?!",
        "Étape 1 sur 4 · À la fin",
    ],
)
def test_code_placeholders_quotes_and_good_french_pass(good: str) -> None:
    assert problems(good) == []


def test_fix_puts_in_the_spaces_the_check_asks_for() -> None:
    assert fix("Qui répond ? « Le conseil » ; voilà : fini !") == (
        f"Qui répond{NNBSP}? «{NBSP}Le conseil{NBSP}»{NNBSP}; voilà{NNBSP}: fini{NNBSP}!"
    )
    assert problems(fix("Qui répond ? « Le conseil » ; voilà : fini !")) == []
    assert fix(fix("Qui répond ? « x »")) == fix("Qui répond ? « x »")


MARKDOWN = """# Titre

Un texte : avec `code : intact` et [un lien](https://example.org/a:b).

```yaml
title: "Un titre"   # c'est du code
```

## English summary

A summary: in English; it keeps its punctuation.
"""


def test_markdown_code_links_and_english_sections_are_left_alone() -> None:
    assert markdown_problems(MARKDOWN) == ["line 3: no no-break space before « : »"]
    fixed = fix_markdown(MARKDOWN)
    assert markdown_problems(fixed) == []
    assert f"Un texte{NNBSP}: avec `code : intact`" in fixed
    assert 'title: "Un titre"   # c\'est du code' in fixed
    assert "A summary: in English; it keeps its punctuation." in fixed


@pytest.mark.parametrize("path", FRENCH_GUIDES, ids=lambda path: path.name)
def test_the_french_guides_follow_french_typography(path: Path) -> None:
    # To fix: python scripts/french_typography.py questionnaires/README.md
    assert markdown_problems(path.read_text(encoding="utf-8")) == []
