"""What the screens show of the bibliography and the glossary: readable sources, statement help, glossary links.

The pages « Sources » and « Glossaire » draw from here; so do the answering screen (a statement's help ends with
its source) and the results (the source of every statement, links to the glossary beside the words it defines).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from scoring.bibliography import SOURCES_FILE, Bibliography, default_bibliography, source_text
from scoring.citations import source_keys
from scoring.glossary import SECTIONS, Glossary, Term, default_glossary
from scoring.model import Item, Questionnaire, text_in
from ui import urls
from ui.language import current_language, t

GLOSSARY_PAGE = "app_pages/glossary.py"
SOURCES_PAGE = "app_pages/sources.py"


def bibliography() -> Bibliography:
    return default_bibliography()


def glossary() -> Glossary:
    return default_glossary()


def item_source(item: Item, lang: str) -> str | None:
    return source_text(item.source, lang)


def item_help(item: Item, lang: str) -> str | None:
    """A statement's help on the answering screen: its explanation, then « Source : ... »."""
    parts = [text_in(item.help, lang)] if item.help else []
    source = item_source(item, lang)
    if source:
        parts.append(t("results.source", source=source))
    return "\n\n".join(parts) or None


def glossary_link(term: str, label_key: str = "glossary.link") -> None:
    """« Qu’est-ce que … ? » beside a word a screen uses, opening the glossary on its entry."""
    entry = glossary().terms.get(term)
    if entry is None:  # a wrong key is a bug caught by tests/app/test_glossary_pages.py, not a crash in a workshop
        return
    lang = current_language()
    st.page_link(
        GLOSSARY_PAGE,
        label=t(label_key, term=text_in(entry.term, lang)),
        icon=":material/dictionary:",
        query_params=urls.glossary_params(term, lang),
    )


@dataclass(frozen=True)
class CitedBy:
    """A statement or recommendation of a shipped questionnaire that cites a reference, as a reader names it."""

    questionnaire: str
    what: str


def cited_by(questionnaires: list[Questionnaire], lang: str) -> dict[str, list[CitedBy]]:
    """Reference key -> the statements (their text) and recommendations citing it, per questionnaire title."""
    found: dict[str, list[CitedBy]] = {}
    for questionnaire in questionnaires:
        title = text_in(questionnaire.title, lang)
        for dimension in questionnaire.dimensions:
            for item in dimension.items:
                for key in dict.fromkeys(source_keys(item.source)):
                    found.setdefault(key, []).append(CitedBy(title, text_in(item.text, lang)))
            for band in ("priority", "watch", "strength"):
                for recommendation in dimension.recommendations.for_band(band):
                    for key in dict.fromkeys(source_keys(recommendation.source)):
                        found.setdefault(key, []).append(CitedBy(title, text_in(recommendation.text, lang)))
    return found


def glossary_sections(lang: str) -> list[tuple[str, list[tuple[str, Term]]]]:
    """The glossary's sections in page order, each with its terms in alphabetical order."""
    return [(section, glossary().sorted_in_section(section, lang)) for section in SECTIONS]


def term_source(term: Term, lang: str) -> str:
    return source_text(term.source, lang) or ""


# ----- the continuum's steps and the forms of cooperation, from the guide's data files (not written twice) -------

CONTENT_DIR = SOURCES_FILE.parent
CONTINUUM_FILE = CONTENT_DIR / "continuum.yaml"
FORMS_FILE = CONTENT_DIR / "forms" / "forms.yaml"


@dataclass(frozen=True)
class Entry:
    """A term defined elsewhere (a continuum step, a form of cooperation), shown in the glossary."""

    key: str
    term: str
    definition: str
    source: str


def _data(path) -> dict:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _readable_sources(sources: object, lang: str) -> str:
    """The guide's sources: free text as written, a seed locator as the corpus text it points into."""
    parts: list[str] = []
    for source in sources if isinstance(sources, list) else [sources]:
        if isinstance(source, str):
            parts.append(source)
        elif isinstance(source, dict) and isinstance(source.get("seed"), str):
            corpus = {ref.corpus: ref for _, ref in bibliography().corpus_texts()}.get(source["seed"][:3])
            parts.append(text_in(corpus.short, lang) if corpus else source["seed"])
        elif isinstance(source, dict) and isinstance(source.get("law"), str):
            parts.append(source["law"])
    return "\u202f; ".join(dict.fromkeys(parts)) if lang == "fr" else "; ".join(dict.fromkeys(parts))


def continuum_steps(lang: str) -> list[Entry]:
    """The steps of ``content/continuum.yaml`` (the decision guide's), if the file is there."""
    steps = _data(CONTINUUM_FILE).get("steps")
    return [
        Entry(
            str(step.get("id")),
            text_in(step.get("label"), lang),
            text_in(step.get("definition"), lang),
            _readable_sources(step.get("source"), lang),
        )
        for step in steps or []
        if isinstance(step, dict) and step.get("label") and step.get("definition")
    ]


def cooperation_forms(lang: str) -> list[Entry]:
    """The forms of ``content/forms/forms.yaml`` (the decision guide's), if the file is there."""
    forms = _data(FORMS_FILE).get("forms")
    entries = []
    for form in forms or []:
        if not (isinstance(form, dict) and form.get("name") and form.get("summary")):
            continue
        sources = [source for fact in form.values() if isinstance(fact, dict) for source in fact.get("sources") or []]
        entries.append(
            Entry(
                str(form.get("id")),
                text_in(form.get("name"), lang),
                text_in(form.get("summary"), lang),
                _readable_sources(sources, lang),
            )
        )
    return entries
