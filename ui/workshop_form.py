"""The fields a facilitator fills in to create a workshop, shared by « Animer un atelier » (a shipped questionnaire)
and « Importer un questionnaire » (one's own): the same words, limits and checks on both pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from ui import workshops
from ui.text import clean_line

Translate = Callable[..., str]


def title_field(t: Translate) -> str:
    return st.text_input(
        t("workshop.field_title"),
        max_chars=workshops.MAX_TITLE_LENGTH,
        placeholder=t("workshop.field_title_placeholder"),
    )


@dataclass(frozen=True)
class Audience:
    """Who answers: the organisations typed (one a line), the profile questions asked, and whether participants
    see the group's results."""

    organisations_text: str
    profile_fields: list[str]
    show_results: bool


def audience_fields(t: Translate, profile_labels: dict[str, str]) -> Audience:
    """``profile_labels``: each profile question the questionnaire may ask -> its label, shown as typed."""
    organisations_text = st.text_area(
        t("workshop.field_organisations"), help=t("workshop.field_organisations_help"), height=120
    )
    asked = st.multiselect(
        t("workshop.field_profile"),
        options=list(profile_labels),
        default=list(profile_labels),
        format_func=profile_labels.__getitem__,
        help=t("workshop.field_profile_help"),
        placeholder=t("workshop.field_profile_placeholder"),
    )
    show_results = st.checkbox(t("workshop.field_show_results"), value=True)
    return Audience(organisations_text, list(asked), show_results)


def checked(title: str, audience: Audience) -> tuple[str, list[str], list[str]]:
    """The title as one clean line, the organisations as a list, and the message keys of what is wrong."""
    organisations, problems = workshops.parse_organisations(audience.organisations_text)
    title = clean_line(title)
    if not title:
        problems.insert(0, "workshop.error_no_title")
    return title, organisations, problems


def show_problems(t: Translate, problems: list[str]) -> None:
    for problem in problems:
        st.error(t(problem, limit=workshops.MAX_ORGANISATIONS, length=workshops.MAX_ORGANISATION_LENGTH))
