"""The bibliography (``content/sources.yaml``): every work the questionnaires, recommendations and glossary cite.

A questionnaire cites a short key (``source: [{key: lahary-2007, locator: "004:175-177"}]``); screens and reports
show the readable reference (:func:`source_text`), never the corpus line numbers, which are kept for reviewers.
Each reference is either one of the five texts of the project's corpus (``corpus: "004"``, the file
``seeds/004_*.txt``) or a work those texts quote (``quoted_in`` the corpus text, ``quoted_at`` its lines), so that
a reader knows both who wrote it and where we read it.

The file is read like a questionnaire (safe YAML, located problems, every problem at once).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from i18n import translate
from scoring.citations import _locator_problems, source_keys
from scoring.loader import _from_pydantic, _read_yaml, _sorted_unique
from scoring.model import DEFAULT_LANGUAGE, Citation, Locator, Questionnaire, Slug, Text, text_in
from scoring.problems import Problem, QuestionnaireError

SOURCES_FILE = Path(__file__).resolve().parents[1] / "content" / "sources.yaml"
CorpusNumber = Annotated[str, StringConstraints(pattern=r"^\d{3}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reference(_Strict):
    short: Text  # what a screen shows: « Lahary (2007), cité dans le dossier RNRSMS »
    authors: str | None = None  # as the text gives them; None when it names nobody
    title: Text | None = None  # as published (the English form, if any, is a translation for the reader)
    description: Text | None = None  # instead of a title, for a talk or an article whose title is not known
    publication: Text | None = None  # journal, event, publisher, where it can be read
    year: Text  # "2007"; "vers 2010" when undated
    corpus: CorpusNumber | None = None  # one of the corpus texts: seeds/NNN_*.txt
    quoted_in: Slug | None = None  # the corpus text that quotes this work
    quoted_at: Locator | None = None  # where it quotes it
    # Neither in the corpus nor quoted by it: a work the product's method rests on (Tastle and Wierman's measure).
    outside_corpus: bool = False
    note: Text | None = None  # what the reader should know (a descriptive title, a setting...)


class Bibliography(_Strict):
    version: str
    references: dict[Slug, Reference] = Field(min_length=1)

    def get(self, key: str | None) -> Reference | None:
        return self.references.get(key) if key else None

    def corpus_texts(self) -> list[tuple[str, Reference]]:
        return sorted(
            ((key, ref) for key, ref in self.references.items() if ref.corpus), key=lambda pair: pair[1].corpus or ""
        )

    def quoted_by(self, corpus_key: str) -> list[tuple[str, Reference]]:
        return [(key, ref) for key, ref in self.references.items() if ref.quoted_in == corpus_key]

    def full_text(
        self, key: str, lang: str = DEFAULT_LANGUAGE, *, with_locator: bool = False, with_parent: bool = True
    ) -> str:
        """The whole reference: authors, title, publication, year; then, for a quoted work, where we read it."""
        ref = self.references[key]
        parts = [ref.authors] if ref.authors else []
        if ref.title:
            title = text_in(ref.title, lang)
            parts.append(translate("messages.reference_title", lang, title=title))
        else:
            parts.append(text_in(ref.description, lang))
        publication = text_in(ref.publication, lang) if ref.publication else ""
        if publication:
            parts.append(publication)
        year = text_in(ref.year, lang)
        if year not in publication:  # « 28 janvier 2010 » already says it
            parts.append(year)
        text = ", ".join(parts) + "."
        parent = self.get(ref.quoted_in) if with_parent else None
        if parent is not None:
            text += " " + translate("messages.quoted_in", lang, reference=text_in(parent.short, lang))
            if with_locator and ref.quoted_at:
                text += f" ({ref.quoted_at})"
            text += "."
        elif with_locator and ref.corpus:
            text += " " + translate("messages.corpus_text", lang, corpus=ref.corpus)
        return text

    def citation_text(self, citation: Citation, lang: str = DEFAULT_LANGUAGE) -> str:
        if citation.text is not None:
            text = citation.text
        else:
            ref = self.get(citation.key)
            text = text_in(ref.short, lang) if ref is not None else str(citation.key)
        if citation.note:
            text += f" ({text_in(citation.note, lang)})"
        return text


def source_text(
    source: Iterable[Citation] | None, lang: str = DEFAULT_LANGUAGE, bibliography: Bibliography | None = None
) -> str | None:
    """The readable form of a ``source``: each reference's short form (and note), in ``lang``; None if none."""
    citations = list(source or [])
    if not citations:
        return None
    bibliography = bibliography or default_bibliography()
    separator = translate("messages.citation_separator", lang)
    return separator.join(bibliography.citation_text(citation, lang) for citation in citations)


@cache
def default_bibliography() -> Bibliography:
    """The project's bibliography; an empty one if the file is absent (scoring used as a library elsewhere)."""
    if not SOURCES_FILE.exists():
        return Bibliography.model_construct(version="0", references={})
    return load_bibliography(SOURCES_FILE)


def load_bibliography(path: str | Path) -> Bibliography:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise QuestionnaireError([Problem(str(path), "", "file_unreadable", {"detail": error.strerror})]) from None
    return parse_bibliography(data, str(path))


def parse_bibliography(data: bytes | str, name: str = "sources.yaml") -> Bibliography:
    """Validate a bibliography; raise QuestionnaireError listing every problem, located like a questionnaire's."""
    raw, problems = _read_yaml(data, name)
    try:
        bibliography = Bibliography.model_validate(raw, context={"language": DEFAULT_LANGUAGE})
    except ValidationError as error:
        raise QuestionnaireError(_sorted_unique(problems + _from_pydantic(error, name))) from None
    problems += _reference_problems(bibliography, name)
    if problems:
        raise QuestionnaireError(_sorted_unique(problems))
    return bibliography


def _reference_problems(bibliography: Bibliography, name: str) -> list[Problem]:
    """Each reference is a corpus text or quoted in one, at lines of that text; corpus numbers are unique."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for key, ref in bibliography.references.items():
        where = f"references.{key}"
        if (ref.title is None) == (ref.description is None):
            problems.append(Problem(name, where, "reference_title_or_description"))
        if ref.corpus is not None:
            if ref.corpus in seen:
                params = {"value": ref.corpus, "first": f"references.{seen[ref.corpus]}.corpus"}
                problems.append(Problem(name, f"{where}.corpus", "duplicate_id", params))
            seen.setdefault(ref.corpus, key)
            if ref.quoted_in is not None:
                problems.append(Problem(name, f"{where}.quoted_in", "reference_corpus_and_quoted"))
            continue
        if ref.outside_corpus:
            if ref.quoted_in is not None:
                problems.append(Problem(name, f"{where}.quoted_in", "reference_corpus_and_quoted"))
            continue
        if ref.quoted_in is None:
            problems.append(Problem(name, where, "reference_not_placed"))
            continue
        parent = bibliography.get(ref.quoted_in)
        if parent is None or parent.corpus is None:
            problems.append(Problem(name, f"{where}.quoted_in", "reference_unknown_corpus", {"value": ref.quoted_in}))
            continue
        if ref.quoted_at is None:
            problems.append(Problem(name, f"{where}.quoted_at", "missing"))
        else:
            problems += _locator_problems(ref.quoted_at, {parent.corpus}, name, f"{where}.quoted_at")
    return problems


def citing(questionnaires: Iterable[Questionnaire]) -> dict[str, list[str]]:
    """Reference key -> ``questionnaire id: item or recommendation`` that cite it, for reviewers (SOURCES.md)."""
    found: dict[str, list[str]] = {}
    for questionnaire in questionnaires:
        for dimension in questionnaire.dimensions:
            for item in dimension.items:
                for key in source_keys(item.source):
                    found.setdefault(key, []).append(f"{questionnaire.id}: {item.id}")
            for band in ("priority", "watch", "strength"):
                for index, recommendation in enumerate(dimension.recommendations.for_band(band)):
                    for key in source_keys(recommendation.source):
                        found.setdefault(key, []).append(f"{questionnaire.id}: {dimension.id}.{band}[{index}]")
    return {key: sorted(set(places), key=places.index) for key, places in found.items()}


QUESTIONNAIRES_DIR = Path(__file__).resolve().parents[1] / "questionnaires"


def sources_markdown(bibliography: Bibliography | None = None, questionnaires: Iterable[Questionnaire] = ()) -> str:
    """``questionnaires/SOURCES.md``, written from the data (a test checks that the file is this text)."""
    bibliography = bibliography or default_bibliography()
    cited = citing(questionnaires)
    lines = [
        "# Sources des questionnaires",
        "",
        "Ce fichier est écrit à partir de `content/sources.yaml` : ne le modifiez pas à la main. Pour le refaire :",
        "`python -m scoring.bibliography > questionnaires/SOURCES.md`.",
        "",
        "Chaque affirmation, chaque recommandation et chaque entrée du glossaire cite ses sources par une clé de la",
        "bibliographie `content/sources.yaml` (par exemple `lahary-2007`). Les écrans et les rapports montrent la",
        "référence lisible (« Lahary (2007), cité dans le dossier RNRSMS ») ; le repère `NNN:lignes` (par exemple",
        "`004:175-177`), gardé dans les questionnaires pour les relecteurs, renvoie au fichier `seeds/NNN_*.txt` du",
        "corpus du projet et aux lignes du passage lu. Les textes des questionnaires sont écrits avec nos propres",
        "mots : ils s’appuient sur ces passages sans les recopier.",
        "",
        "## Les textes du corpus",
        "",
    ]
    for key, ref in bibliography.corpus_texts():
        lines.append(f"- **{ref.corpus}** · `{key}` · {bibliography.full_text(key, 'fr')}")
        if ref.note:
            lines.append(f"  {text_in(ref.note, 'fr')}")
        lines += _cited_line(cited.get(key))
    lines.append("")
    outside = [(key, ref) for key, ref in bibliography.references.items() if ref.outside_corpus]
    if outside:
        lines += ["## Hors du corpus : la méthode de l’application", ""]
        for key, ref in outside:
            lines.append(f"- `{key}` · {bibliography.full_text(key, 'fr')}")
            if ref.note:
                lines.append(f"  {text_in(ref.note, 'fr')}")
            lines += _cited_line(cited.get(key))
        lines.append("")
    for corpus_key, corpus in bibliography.corpus_texts():
        quoted = bibliography.quoted_by(corpus_key)
        if not quoted:
            continue
        lines += [f"## Auteurs et textes cités dans {text_in(corpus.short, 'fr')}", ""]
        for key, ref in quoted:
            lines.append(f"- `{key}` · {bibliography.full_text(key, 'fr', with_parent=False)} ({ref.quoted_at})")
            if ref.note:
                lines.append(f"  {text_in(ref.note, 'fr')}")
            lines += _cited_line(cited.get(key))
        lines.append("")
    return "\n".join(_typography(line) for line in lines).rstrip() + "\n"


def _cited_line(places: list[str] | None) -> list[str]:
    if not places:
        return []
    by_questionnaire: dict[str, list[str]] = {}
    for place in places:
        questionnaire, _, where = place.partition(": ")
        by_questionnaire.setdefault(questionnaire, []).append(where)
    cited = " ; ".join(f"{questionnaire} ({', '.join(where)})" for questionnaire, where in by_questionnaire.items())
    return [f"  Cité par : {cited}."]


def _typography(line: str) -> str:
    # « Lahary (2007) » etc. come from the data with their spaces already; the fixed sentences above are typed
    # with ordinary spaces and get French typography here, outside `code`.
    parts = line.split("`")
    for index in range(0, len(parts), 2):
        parts[index] = re.sub(r" ([:;?!])", "\u202f\\1", parts[index]).replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    return "`".join(parts)


def _main() -> None:  # pragma: no cover - for authors: python -m scoring.bibliography > questionnaires/SOURCES.md
    import sys

    from scoring.loader import load_questionnaire

    questionnaires = [load_questionnaire(path) for path in sorted(QUESTIONNAIRES_DIR.glob("*.yaml"))]
    sys.stdout.write(sources_markdown(default_bibliography(), questionnaires))


if __name__ == "__main__":  # pragma: no cover
    _main()
