"""Teaching mode: demo workshops of the case studies (content/cases/), filled with their synthetic answers.

A demo workshop is an ordinary workshop with a mark in storage (``demo_case``, and ``expires_at``, when the purge
deletes it): every page that works on a workshop works on it, students join it with its code, and its synthetic
answers are saved and submitted as answers, so they go through the same publication and privacy rules as
real ones (they are the first batches; the students' answers move the figures as any batch would). Its title says
« données fictives », so that every screen and every export that names the workshop says so too; the pages show
:func:`demo_notice` besides. Nothing real reads a demo: no real workshop is listed or counted anywhere, and the
purge deletes a demo after :data:`DEMO_LIFETIME`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import streamlit as st

from reports.figures import distribution_figure
from reports.trainer_sheet import trainer_sheet_pdf
from scoring.answer_rules import AnswerRules
from scoring.case_model import Case
from scoring.cases import default_teaching, load_cases
from scoring.model import Questionnaire, text_in
from scoring.problems import QuestionnaireError
from scoring.synthetic import ORGANISATION_FIELD, ROLE_FIELD, synthetic_responses
from storage import FacilitatorView, WorkshopCreated, inputs
from ui import workshops
from ui.catalogue import get_questionnaire, shipped_questionnaires
from ui.flow import storage_rules
from ui.language import t
from ui.services import get_store

# A class uses a demo during a session or a week of sessions; after that it is deleted, answers and all.
DEMO_LIFETIME = timedelta(days=7)


@st.cache_resource(show_spinner=False)
def shipped_cases() -> dict[str, Case]:
    """The case studies of content/cases/, checked against the shipped questionnaires (the suite checks them
    too: a broken file leaves the app without cases rather than without its pages)."""
    try:
        cases = load_cases(questionnaires=shipped_questionnaires(), teaching=default_teaching())
    except QuestionnaireError:
        return {}
    return {case.id: case for case in cases}


def demo_title(case: Case, lang: str) -> str:
    return t("teaching.demo_title", title=text_in(case.title, lang))[: inputs.MAX_TITLE]


def report_title(title: str, demo_case: str | None) -> str:
    """The title an export of a demo workshop's answers carries: it says « données fictives », as every screen does."""
    if demo_case is None:
        return title
    return t("teaching.demo_title", title=title)[: inputs.MAX_TITLE]


def open_demo(case: Case, lang: str) -> WorkshopCreated:
    """A new demo workshop of ``case``, open, with every synthetic answer of the case submitted."""
    questionnaire = get_questionnaire(case.questionnaire)
    if questionnaire is None:
        raise LookupError(case.questionnaire)
    fields = [f for f in (ROLE_FIELD, ORGANISATION_FIELD) if questionnaire.profile_field(f) is not None]
    created = get_store().create_workshop(
        title=demo_title(case, lang),
        questionnaire_id=questionnaire.id,
        organisations=list(case.organisations),
        profile_fields=fields,
        show_results_to_participants=True,
        demo_case=case.id,
        demo_lifetime=DEMO_LIFETIME,
    )
    view = get_store().workshop_for_facilitator(created.facilitator_key)
    if view is None:
        raise LookupError(created.workshop_id)
    fill(case, questionnaire, view)
    return created


def reset_demo(key: str, case: Case, lang: str) -> bool:
    """Back to the synthetic answers only (the students' go), under the same code and links."""
    store = get_store()
    if not store.reset_demo(key, lifetime=DEMO_LIFETIME):
        return False
    view = store.workshop_for_facilitator(key)
    questionnaire = get_questionnaire(case.questionnaire)
    if view is None or questionnaire is None:
        return False
    fill(case, questionnaire, view)
    return True


def fill(case: Case, questionnaire: Questionnaire, workshop: FacilitatorView) -> None:
    """Save and submit the case's synthetic answers, under the same rules as a participant's, then publish them as
    a submission does (`ui.workshops.publish`: reading never publishes, so the demo's screens show them at once)."""
    store = get_store()
    fields = list(workshop.profile_fields)
    rules = AnswerRules.for_questionnaire(
        questionnaire, max_comment=inputs.MAX_COMMENT, organisations=case.organisations, asked_profile=fields
    )
    last_step = len(questionnaire.dimensions)
    for response in synthetic_responses(case, questionnaire):
        token = store.new_respondent_token()
        store.save_draft(
            token,
            questionnaire_id=questionnaire.id,
            workshop_id=workshop.id,
            answers=response.answers,
            profile={k: v for k, v in response.profile.items() if k in fields},
            comments={},
            step=last_step,
            rules=storage_rules(rules),
            positions=dict(response.positions),
        )
        store.submit(token)
    workshops.publish(workshop)


# Read from the back of a classroom: the statement and its question at about 40 px on a 1366 px projector
# (tests/browser/test_teaching.py measures them), the counts at 24.
CLASSROOM_CSS = """
<style>
div.st-key-classroom h2 { font-size: 2.6rem !important; line-height: 1.25; }
div.st-key-classroom h3 { font-size: 2.2rem !important; line-height: 1.3; }
div.st-key-classroom p, div.st-key-classroom div[data-testid="stCaptionContainer"] p { font-size: 1.5rem; }
div.st-key-classroom_nav button p { font-size: 1.5rem; }
div.st-key-classroom_nav button { min-height: 3.5rem; padding: 0 1.5rem; }
</style>
"""


def classroom_style() -> None:
    st.html(CLASSROOM_CSS)


def projected_distribution(questionnaire: Questionnaire, distribution: dict[int, int], lang: str) -> Any:
    """The dashboard's distribution chart, drawn for a projector: taller, with large labels."""
    figure = distribution_figure(questionnaire, distribution, lang)
    figure.update_layout(height=300, font={"size": 22}, margin={"l": 10, "r": 10, "t": 30, "b": 80})
    figure.update_xaxes(tickfont={"size": 20})
    figure.update_traces(textfont={"size": 24})
    return figure


def sheet_download(case: Case) -> None:
    """« Fiche du formateur (PDF) », typeset on click (reports.trainer_sheet), in French as trainers use it."""
    from functools import partial

    questionnaire = get_questionnaire(case.questionnaire)
    if questionnaire is None:
        return
    st.download_button(
        t("trainer_sheet.download"),
        data=partial(trainer_sheet_pdf, case, default_teaching(), questionnaire),
        file_name=f"fiche-formateur-{case.id}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key=f"sheet_{case.id}",
        on_click="ignore",
    )


def demo_notice(demo_case: str | None) -> None:
    """« Données fictives » on every screen of a demo workshop; nothing for a real one."""
    if demo_case is None:
        return
    st.warning(t("teaching.fictitious"), icon=":material/science:")
