"""The trainer's sheet of a case study (A4 PDF, French): the case, the learning objectives tied to the curricula,
the session plans of 1 and 2 hours, the roles, the questions with the key points of an answer, the disputed
statements and what the texts say, each with its sources. Typeset by Typst like the board's report
(``templates/trainer.typ``); every text goes in as a string, never as markup."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from i18n import translate
from scoring.case_model import Case, Teaching
from scoring.model import Questionnaire, text_in

TEMPLATE = Path(__file__).with_name("templates") / "trainer.typ"
# The sheets are for trainers in French institutes (the brief: « in French »); the texts exist in English too.
SHEET_LANGUAGE = "fr"


@cache
def _template() -> bytes:
    return TEMPLATE.read_bytes()


def sheet_data(
    case: Case, teaching: Teaching, questionnaire: Questionnaire, lang: str = SHEET_LANGUAGE
) -> dict[str, Any]:
    """The template's data: plain strings and lists, in the order the sheet reads."""

    def tr(key: str, **params: Any) -> str:
        return translate(f"trainer_sheet.{key}", lang, **params)

    def sources(locators: list[str] | None) -> str:
        return tr("sources", sources=", ".join(locators)) if locators else ""

    statements = {item.id: text_in(item.text, lang) for item in questionnaire.items}
    objectives = []
    for objective in case.objectives:
        competences = []
        for ref in objective.competences:
            found = teaching.competence(ref)
            if found:
                curriculum, competence = found
                competences.append(f"{text_in(curriculum.name, lang)} — {text_in(competence.label, lang)}")
        objectives.append({"text": text_in(objective.text, lang), "competences": competences})
    return {
        "lang": lang,
        "title": tr("title", case=text_in(case.title, lang)),
        "summary": text_in(case.summary, lang),
        "questionnaire": tr("questionnaire", questionnaire=text_in(questionnaire.title, lang)),
        "fictitious": tr("fictitious"),
        "headings": {
            key: tr(f"heading_{key}")
            for key in ("objectives", "plans", "situation", "roles", "questions", "disputed", "texts_say")
        },
        "key-points": tr("key_points"),
        "objectives": objectives,
        "plans": [
            {
                "title": f"{text_in(plan.title, lang)} ({tr('minutes', count=plan.minutes)})",
                "steps": [
                    {
                        "minutes": tr("minutes", count=step.minutes),
                        "title": text_in(step.title, lang),
                        "detail": text_in(step.detail, lang),
                    }
                    for step in plan.steps
                ],
            }
            for plan in teaching.sessions.values()
        ],
        "situation": [p.strip() for p in text_in(case.situation, lang).split("\n\n") if p.strip()],
        "situation-sources": sources(list(case.source)),
        "roles": [{"label": text_in(r.label, lang), "brief": text_in(r.brief, lang)} for r in case.roles],
        "questions": [
            {
                "question": text_in(q.question, lang),
                "points": [text_in(point, lang) for point in q.key_points],
                "sources": sources(list(q.source) if q.source else None),
            }
            for q in case.questions
        ],
        "disputed": [
            {
                "statement": tr("statement", statement=statements.get(d.statement, d.statement)),
                "question": text_in(d.question, lang),
                "points": [text_in(point, lang) for point in d.key_points],
                "sources": sources(list(d.source) if d.source else None),
            }
            for d in case.disputed
        ],
        "texts-say": [{"text": text_in(r.text, lang), "sources": sources(list(r.source))} for r in case.texts_say],
        "footer": tr("footer", case=text_in(case.title, lang)),
        "page-word": translate("report.page", lang),
    }


def trainer_sheet_pdf(
    case: Case, teaching: Teaching, questionnaire: Questionnaire, lang: str = SHEET_LANGUAGE
) -> bytes:
    import typst

    data = sheet_data(case, teaching, questionnaire, lang)
    sources = {"main.typ": _template(), "data.json": json.dumps(data, ensure_ascii=False).encode()}
    return typst.compile(sources, ignore_system_fonts=True)
