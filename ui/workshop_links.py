"""Links kept: the three links of a new workshop (to copy, as QR codes, in « la fiche de l’atelier »), the
browser-local list « Mes ateliers » that reopens them, and the link to one's own results.

Nothing here goes to the server in clear: the list lives in this browser's memory cookie (``ui.browser_memory``),
and the server keeps facilitator keys and respondent tokens only hashed.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

import streamlit as st

from reports.names import slug
from reports.workshop_sheet import long_date
from scoring.model import text_in
from storage import FacilitatorView
from ui import browser_memory, urls, workshops
from ui.catalogue import get_questionnaire
from ui.language import current_language, t
from ui.text import plain

if TYPE_CHECKING:
    from reports.workshop_sheet import WorkshopLinks

# More would make a long page; the cookie keeps the newest ones anyway (browser_memory.MAX_COOKIE_BYTES).
SHOWN_WORKSHOPS = 10


def sheet_links(view: FacilitatorView, key: str, lang: str) -> WorkshopLinks:
    from reports.workshop_sheet import WorkshopLinks

    links = urls.links(lang)
    questionnaire = get_questionnaire(view.questionnaire_id)
    return WorkshopLinks(
        title=view.title,
        questionnaire=text_in(questionnaire.title, lang) if questionnaire else view.questionnaire_id,
        code=view.participant_code,
        join=links.join(view.participant_code),
        projection=links.projection(workshops.projection_token(key) or ""),
        dashboard=links.dashboard(key),
        created=view.created_at.date(),
    )


def _sheet_pdf(links: WorkshopLinks, lang: str) -> bytes:
    from reports.workshop_sheet import workshop_sheet_pdf

    return workshop_sheet_pdf(links, lang)


def links_panel(key: str) -> None:
    """Under a new workshop: the projection and dashboard links to copy, and the sheet with all three."""
    lang = current_language()
    view = workshops.facilitator_view(key)
    if view is None:
        return
    links = urls.links(lang)
    st.subheader(t("workshop_links.title"))
    st.caption(t("workshop_links.projection"))
    st.code(links.projection(workshops.projection_token(key) or ""), language=None, wrap_lines=True)
    st.download_button(
        t("workshop_links.sheet"),
        # The links are made now, in the page's run: Streamlit builds the file later, outside it, where the address
        # the browser used (st.context.url) is no longer known.
        data=partial(_sheet_pdf, sheet_links(view, key, lang), lang),
        file_name=f"fiche-atelier-{slug(view.title, 'atelier')}.pdf",
        mime="application/pdf",
        icon=":material/print:",
        key="workshop_sheet",
        on_click="ignore",
    )
    st.caption(t("workshop_links.sheet_help"))


def my_workshops() -> None:
    """« Mes ateliers »: the workshops created on this browser, each reopened by its dashboard link."""
    remembered = browser_memory.remembered_workshops()
    if not remembered:
        return
    lang = current_language()
    shown = []
    for code, key in remembered:
        view = workshops.facilitator_view(key)
        if view is None:  # deleted, or purged: nothing to reopen
            browser_memory.forget_workshop(code)
            continue
        shown.append((code, key, view))
    if not shown:
        return
    with st.container(border=True, key="my_workshops"):
        st.subheader(t("workshop_links.mine"))
        st.caption(t("workshop_links.mine_help"))
        for code, key, view in shown[:SHOWN_WORKSHOPS]:
            status = t(f"dashboard.status_{view.status}")
            line, forget = st.columns([5, 1], vertical_alignment="center")
            with line:
                st.page_link(
                    "app_pages/dashboard.py",
                    label=plain(view.title),
                    icon=":material/monitoring:",
                    query_params=urls.dashboard_params(key, lang),
                )
                created = long_date(view.created_at.date(), lang)
                st.caption(t("workshop_links.mine_line", status=status, date=created))
            with forget:
                st.button(
                    t("workshop_links.forget"),
                    key=f"forget_{code}",
                    on_click=browser_memory.forget_workshop,
                    args=(code,),
                    help=t("workshop_links.forget_help"),
                )


def own_results_link(token: str, code: str | None) -> None:
    """The link to one's own results, to copy, to download, or as a QR code for the phone."""
    lang = current_language()
    url = urls.links(lang).results(token, code)
    with st.expander(t("workshop_links.own_title"), icon=":material/link:"):
        st.caption(t("workshop_links.own_help"))
        st.code(url, language=None, wrap_lines=True)
        text, qr = st.columns([3, 2])
        with text:
            st.download_button(
                t("workshop_links.own_download"),
                data=t("workshop_links.own_file", url=url, date=dt.date.today().isoformat()),
                file_name="radar-mes-resultats.txt",
                mime="text/plain",
                icon=":material/download:",
                key="own_link_download",
                on_click="ignore",
            )
        with qr:
            st.image(workshops.qr_png(url), caption=t("workshop_links.own_qr"), width=180)
