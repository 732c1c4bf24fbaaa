"""Facilitator: create a workshop, then project its code and QR code and keep its links (copied, in the workshop's
sheet, and in « Mes ateliers », this browser's list)."""

import streamlit as st

from scoring.model import text_in
from ui import baselines, browser_memory, urls, workshop_form, workshops
from ui.catalogue import shipped_questionnaires
from ui.language import current_language, t
from ui.services import get_store
from ui.text import plain
from ui.workshop_links import links_panel, my_workshops
from ui.workshop_view import share_panel

lang = current_language()
CREATED = workshops.CREATED
st.title(t("workshop.title"))
st.markdown(t("workshop.intro"))

questionnaires = shipped_questionnaires()
created = st.session_state.get(CREATED)

if created is None:
    my_workshops()
    with st.form("new_workshop", enter_to_submit=False):
        title = workshop_form.title_field(t)
        questionnaire_id = st.selectbox(
            t("workshop.field_questionnaire"),
            options=list(questionnaires),
            format_func=lambda qid: text_in(questionnaires[qid].title, lang),
            # Streamlit's own « Choose an option » shows, in English, while the box is first drawn.
            placeholder=t("workshop.field_questionnaire_placeholder"),
        )
        audience = workshop_form.audience_fields(
            t, {f.id: text_in(f.label, lang) for q in questionnaires.values() for f in q.profile}
        )
        baseline_text = st.text_input(t("compare.baseline_field"), help=t("compare.baseline_help"), key="baseline")
        mine = baselines.remembered_choices(lang)
        baseline_choice = None
        if mine:
            baseline_choice = st.selectbox(
                t("compare.baseline_mine"),
                options=[None, *mine],
                format_func=lambda code: t("compare.baseline_mine_none") if code is None else mine[code][1],
                help=t("compare.baseline_mine_help"),
                key="baseline_mine",
            )
        baseline_file = st.file_uploader(
            t("compare.baseline_file"),
            type=["csv", "xlsx"],
            help=t("compare.baseline_file_help", limit=baselines.MAX_FILE_BYTES // (1024 * 1024)),
            key="baseline_file",
        )
        submitted = st.form_submit_button(t("workshop.create"), type="primary")
    if submitted:
        title, organisations, problems = workshop_form.checked(title, audience)
        earlier_key, baseline_problem = baselines.chosen(baseline_text, baseline_choice, mine, questionnaire_id)
        if baseline_problem:
            problems.append(baseline_problem)
        earlier_file = None
        if baseline_file is not None:
            if earlier_key is not None or baseline_problem:
                problems.append("compare.baseline_both")
            else:
                data = baseline_file.getvalue()
                earlier_file = baselines.read_baseline_file(
                    data, baseline_file.name, questionnaires[questionnaire_id], lang
                )
        file_problems = earlier_file.problems if earlier_file is not None else []
        if problems or file_problems:
            workshop_form.show_problems(t, problems)
            for located in file_problems:  # located already: « fichier.csv, ligne 4, colonne C : … »
                st.error(located)
        else:
            result = get_store().create_workshop(
                title=title,
                questionnaire_id=questionnaire_id,
                organisations=organisations,
                profile_fields=audience.profile_fields,
                show_results_to_participants=audience.show_results,
                # Kept with the workshop, so that the database itself refuses an answer off the scale.
                scale=workshops.scale_of(questionnaires[questionnaire_id]),
            )
            st.session_state[CREATED] = {"code": result.participant_code, "key": result.facilitator_key}
            browser_memory.remember_workshop(result.participant_code, result.facilitator_key)
            if earlier_key is not None:
                st.session_state[CREATED]["baseline"] = baselines.link(result.facilitator_key, earlier_key)
            if earlier_file is not None:
                kept = baselines.keep_file(result.facilitator_key, earlier_file, questionnaires[questionnaire_id])
                st.session_state[CREATED]["baseline"] = kept
                counted = earlier_file.report.counted if earlier_file.report is not None else 0
                st.session_state[CREATED]["baseline_file"] = [earlier_file.name, counted]
            st.rerun()
else:
    st.success(t("workshop.created"))
    if created.get("baseline") is False:
        st.warning(t("compare.baseline_not_linked"))
    elif created.get("baseline_file"):
        name, people = created["baseline_file"]
        st.info(t("compare.baseline_file_kept", name=plain(name), count=people))
    # The secret link stays folded: this screen is the one the facilitator projects.
    st.warning(t("workshop.secret_warning"))
    with st.expander(t("workshop.secret_title"), icon=":material/key:"):
        st.code(urls.links(lang).dashboard(created["key"]), language=None, wrap_lines=True)
    st.page_link(
        "app_pages/dashboard.py",
        label=t("workshop.open_dashboard"),
        icon=":material/monitoring:",
        query_params=urls.dashboard_params(created["key"], lang),
    )
    share_panel(created["code"])
    links_panel(created["key"])
    if st.button(t("workshop.create_another")):
        del st.session_state[CREATED]
        st.rerun()
browser_memory.write_pending()
