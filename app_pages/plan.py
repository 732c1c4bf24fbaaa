"""The facilitator's action plan, opened with the secret link: 3 to 5 priorities from the workshop's shown results,
then actions (what, who, by when, status, the recommendation they come from), saved with the workshop."""

import streamlit as st

from ui import action_plan, teaching, urls, workshops
from ui.downloads import report_downloads
from ui.language import current_language, t
from ui.text import plain

lang = current_language()
key = st.query_params.get(urls.KEY)
workshop = workshops.facilitator_view(key)
st.title(t("plan.title"))
if workshop is None or not key:
    st.error(t("dashboard.unknown_key"))
    st.stop()
st.subheader(plain(workshop.title))
teaching.demo_notice(workshop.demo_case)
st.page_link(
    "app_pages/dashboard.py",
    label=t("plan.back"),
    icon=":material/arrow_back:",
    query_params=urls.dashboard_params(key, lang),
)
st.info(t("plan.why_few"), icon=":material/filter_3:")

results = workshops.results_for(workshop)
loaded = action_plan.load(workshop.id)
if results is None:
    st.error(t("dashboard.unknown_questionnaire"))
    st.stop()
questionnaire, report = results.questionnaire, results.report
if report is None:
    st.info(t("plan.no_results"))
    st.stop()

# ----- priorities ----------------------------------------------------------------------------------------------
candidates = action_plan.candidates(questionnaire, report)
for chosen in loaded.plan.priorities:  # kept even if the figure is no longer on screen
    if all(action_plan.priority_value(c) != action_plan.priority_value(chosen) for c in candidates):
        candidates.append(chosen)
by_value = {action_plan.priority_value(c): c for c in candidates}
labels = {value: action_plan.priority_label(questionnaire, c, lang) for value, c in by_value.items()}
if st.session_state.get("plan_revision") != loaded.revision:  # first run, or saved elsewhere: show what is stored
    st.session_state["plan_revision"] = loaded.revision
    st.session_state["plan_priorities"] = [action_plan.priority_value(p) for p in loaded.plan.priorities]
    st.session_state["plan_rows"] = max(len(loaded.plan.actions), 1)
    for index, action in enumerate(loaded.plan.actions):
        st.session_state[f"plan_{index}_priority"] = next(
            (action_plan.priority_value(p) for p in loaded.plan.priorities if p.id == action.priority), None
        )
        st.session_state[f"plan_{index}_what"] = action.what
        st.session_state[f"plan_{index}_who"] = action.who
        st.session_state[f"plan_{index}_due"] = action.due
        st.session_state[f"plan_{index}_status"] = action.status
        st.session_state[f"plan_{index}_rec"] = action.recommendation

st.header(t("plan.priorities_title"))
st.caption(t("plan.priorities_help"))
picked = st.multiselect(
    t("plan.priorities_label"),
    list(by_value),
    format_func=labels.__getitem__,
    max_selections=5,
    key="plan_priorities",
    placeholder=t("plan.priorities_placeholder"),
)
suggested = [action_plan.priority_value(p) for p in action_plan.suggested_priorities(report)]
with st.expander(t("plan.suggested_title")):
    for value in suggested:
        st.markdown(f"- {plain(labels[value])}")

# ----- actions -------------------------------------------------------------------------------------------------
st.header(t("plan.actions_title"))
recommendations = action_plan.recommendations(questionnaire, report, lang)
status_labels = {status: t(f"plan.status.{status}") for status in action_plan.STATUSES}
if not picked:
    st.info(t("plan.pick_first"))
rows = []
orphans = False
for index in range(int(st.session_state.get("plan_rows", 1))):
    with st.container(border=True):
        st.markdown(f"**{t('plan.action_number', number=index + 1)}**")
        priority = st.selectbox(
            t("plan.col_priority"),
            picked,
            format_func=labels.__getitem__,
            key=f"plan_{index}_priority",
            index=None,
            placeholder=t("plan.choose_priority"),
        )
        what = st.text_input(t("plan.col_what"), max_chars=300, key=f"plan_{index}_what")
        who_col, due_col, status_col = st.columns([2, 1, 1])
        who = who_col.text_input(t("plan.col_who"), max_chars=120, key=f"plan_{index}_who", help=t("plan.who_help"))
        due = due_col.date_input(t("plan.col_due"), value=None, key=f"plan_{index}_due", format="DD/MM/YYYY")
        status = status_col.selectbox(
            t("plan.col_status"), list(status_labels), format_func=status_labels.__getitem__, key=f"plan_{index}_status"
        )
        rec = st.selectbox(
            t("plan.col_recommendation"),
            list(recommendations),
            format_func=recommendations.__getitem__,
            key=f"plan_{index}_rec",
            index=None,
            placeholder=t("plan.no_recommendation"),
        )
    if priority is None and what.strip():
        orphans = True  # written but attached to no priority: said, never silently dropped
    if priority is not None:
        rows.append(
            {
                "priority": by_value[priority].id,
                "what": what,
                "who": who,
                "due": due,
                "status": status or "todo",
                "recommendation": rec,
            }
        )


def add_row() -> None:
    st.session_state["plan_rows"] = int(st.session_state.get("plan_rows", 1)) + 1


st.button(t("plan.add_action"), icon=":material/add:", on_click=add_row, key="plan_add")
if st.button(t("plan.save"), type="primary", icon=":material/save:", key="plan_save"):
    plan, problem = action_plan.build([by_value[value] for value in picked], rows)
    if orphans:
        plan, problem = None, "plan.error.action_without_priority"
    revision = None
    if plan is not None:
        revision, problem = action_plan.save(key, plan, loaded.revision)
    if problem:
        st.error(t(problem, minimum=3, maximum=5))
    else:
        st.session_state["plan_revision"] = revision
        st.success(t("plan.saved"))
        loaded = action_plan.LoadedPlan(plan, revision)  # the files below hold what was just saved

token = workshops.projection_token(key) or ""
st.page_link(
    "app_pages/plan_view.py",
    label=t("plan.project"),
    icon=":material/present_to_all:",
    query_params=urls.projection_params(token, lang),
)
st.caption(t("plan.project_help"))

# The saved plan with the results it was built from, for the board's minutes: the same files as the dashboard's.
st.header(t("plan.download_title"))
if loaded.plan.priorities:
    report_downloads(questionnaire, report, title=workshop.title, key="plan_report", plan=loaded.plan)
else:
    st.caption(t("plan.download_after_save"))
