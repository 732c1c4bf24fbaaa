"""Answering: the profile, then one dimension per step with a progress bar, then a summary before submitting."""

from contextlib import suppress

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from scoring.model import text_in
from ui import browser_memory, flow, urls, workshop_state
from ui.catalogue import shown_plain, shown_text
from ui.language import current_language, t
from ui.sources_view import glossary_link, item_help
from ui.style import scroll_to_top
from ui.text import plain

lang = current_language()
answering = flow.current()
browser_memory.write_pending()
if answering is None:
    if workshop_state.link_opens_nothing(st.query_params.get(urls.CODE), st.query_params.get(urls.TOKEN)):
        workshop_state.gone_notice()  # not « pas encore »: cut short, or deleted with its answers (issue 18)
        st.stop()
    st.info(t("questionnaire.none"))
    st.page_link("app_pages/home.py", label=t("questionnaire.choose"), icon=":material/home:")
    st.stop()

questionnaire = answering.questionnaire
scale = questionnaire.scale


def shown(text: dict[str, str] | None) -> str:
    """The questionnaire's text in the page's language; an imported questionnaire's as typed (never Markdown)."""
    return shown_text(questionnaire, text, lang)


total = answering.step_count
step = answering.step
kind, index = answering.describe(step)

scroll_to_top(step)
st.title(shown(questionnaire.title))
st.progress((step + 1) / total, text=t("questionnaire.progress", step=step + 1, total=total))

if flow.take_just_submitted():  # sent by a callback that could not switch pages itself
    st.switch_page("app_pages/results.py", query_params=flow.url_params())
if answering.state.submitted:
    st.success(t("questionnaire.already_submitted"))
    st.page_link(
        "app_pages/results.py",
        label=t("questionnaire.see_results"),
        icon=":material/radar:",
        query_params=flow.url_params(),
    )
    st.stop()

if answering.state.workshop == "closed":
    st.warning(t("questionnaire.workshop_closed"))
if answering.state.workshop == "gone":
    code = answering.respondent.workshop_code or ""
    if workshop_state.demo_was_reset(code, answering.respondent.workshop_id):
        workshop_state.demo_reset_notice(code)
    else:
        st.warning(t("questionnaire.workshop_gone"))
flow.save_notice(answering)


def submit_and_show_results() -> None:
    """Send, then open the results straight from the callback (Streamlit 1.67 lets a callback switch pages):
    this page no longer runs once more only to switch, which cost a script run and its drawing before the
    results' (issue 11). The results page takes the « just sent » mark."""
    flow.submit()
    if not flow.just_submitted():
        return
    # No page registered yet for this session (AppTest builds the navigation anew at each run, after the
    # callbacks): the run that follows switches instead, below the title.
    with suppress(StreamlitPageNotFoundError):
        st.switch_page("app_pages/results.py", query_params=flow.url_params())


def option_label(value: object) -> str:
    if value == flow.NOT_APPLICABLE:
        return t("questionnaire.not_applicable")
    label = shown(scale.labels.get(value))  # type: ignore[call-overload]
    return f"{value} · {label}" if label else str(value)


# Worked out once per run: every radio formats each of its options (30 calls a step).
option_labels = {value: option_label(value) for value in (*answering.rules.scale_values, flow.NOT_APPLICABLE)}


if kind == "profile":
    st.header(t("questionnaire.profile_title"))
    asked = answering.profile_questions()
    # Alone, nobody is compared: the workshop's promise about small groups would mean nothing.
    if not answering.in_workshop:
        st.caption(t("questionnaire.profile_help_solo", count=len(asked)))
    else:
        help_text = t("questionnaire.profile_help", count=len(asked), minimum=questionnaire.min_group_size)
        st.caption(help_text)
    for question_id, question_options in asked:
        question = questionnaire.profile_field(question_id)
        # Organisation names are typed by the facilitator: shown as plain text, never as Markdown.
        labels = {
            option_id: shown(label) if isinstance(label, dict) else plain(label)
            for option_id, label in question_options
        }
        label = shown(question.label) if question else question_id
        answering = flow.profile_radio(answering, question_id, label=label, options=labels)
elif kind == "positions":
    several = len(questionnaire.positions) > 1
    if several:
        st.header(t("questionnaire.positions_title"))
    for position in questionnaire.positions:
        (st.subheader if several else st.header)(shown(position.label))
        if position.help:
            st.caption(shown(position.help))
        if flow.is_the_continuum(position):
            glossary_link("continuum")
        steps = {step.id: shown(step.label) for step in position.steps}
        definitions = [shown(step.definition) for step in position.steps]
        # Each step's definition under it, for the first moment asked; for the second, the same in its help, so
        # that a phone does not scroll through them twice.
        defined = "\n".join(
            t("questionnaire.position_step_help", step=steps[step.id], definition=definition)
            for step, definition in zip(position.steps, definitions, strict=True)
        )
        for number, moment in enumerate(position.asks):
            question = position.today if moment == "today" else position.wished
            answering = flow.position_radio(
                answering,
                flow.position_key(position.id, moment),
                label=shown(question),
                options=steps,
                captions=definitions if number == 0 else None,
                blank_label=t("questionnaire.position_blank"),
                help_text=defined if number > 0 else None,
            )
elif kind == "dimension" and index is not None:
    dimension = questionnaire.dimensions[index]
    st.header(shown(dimension.label))
    if dimension.description:
        st.caption(shown(dimension.description))
    for number, item in enumerate(answering.asked_items(dimension), start=1):
        with st.container(border=True):
            answering = flow.item_radio(
                answering,
                item,
                label=f"{number}. {shown(item.text)}",
                format_func=option_labels.__getitem__,
                # its explanation, then its source (issue 12); an imported questionnaire's as typed
                help_text=shown_plain(questionnaire, item_help(item, lang)),
            )
    answering = flow.comment_area(
        answering, dimension, label=t("questionnaire.comment"), help_text=t("questionnaire.comment_help")
    )
else:
    st.header(t("questionnaire.summary_title"))
    missing = answering.unanswered()
    asked = answering.asked_count
    answered = asked - sum(len(ids) for ids in missing.values())
    st.write(t("questionnaire.summary_count", count=answered, total=asked))
    if answering.not_asked:
        st.caption(t("questionnaire.not_asked", count=len(answering.not_asked)))
    if missing:
        st.warning(t("questionnaire.summary_missing"))
        for position, dimension in enumerate(questionnaire.dimensions):
            if dimension.id not in missing:
                continue
            with st.container(border=True):
                st.markdown(f"**{shown(dimension.label)}**")
                for item in answering.asked_items(dimension):
                    if item.id in missing[dimension.id]:
                        st.text(f"• {text_in(item.text, lang)}")  # st.text: plain already
                st.button(
                    t("questionnaire.go_back_to", dimension=shown(dimension.label)),
                    key=f"goto_{dimension.id}",
                    on_click=flow.go_to,
                    args=(answering.step_of_dimension(position),),
                )
    else:
        st.success(t("questionnaire.summary_complete"))
    st.caption(t("questionnaire.summary_insufficient_note"))
    if answering.state.not_sent:
        st.warning(t("answers.not_sent"), icon=":material/cloud_off:")
    # A callback rather than the button's return value: the click must count even if the run is interrupted.
    st.button(
        t("questionnaire.submit"), type="primary", key="submit", on_click=submit_and_show_results, width="stretch"
    )

# Back on the left, Next on the right, on one line even on a phone: the thumb finds Next where it expects it.
with st.container(horizontal=True, horizontal_alignment="distribute"):
    if step > 0:
        st.button(
            t("questionnaire.back"), key="back", on_click=flow.go_to, args=(step - 1,), icon=":material/arrow_back:"
        )
    else:
        st.empty()
    if step < total - 1:
        st.button(
            t("questionnaire.next"),
            key="next",
            on_click=flow.go_to,
            args=(step + 1,),
            type="primary",
            icon=":material/arrow_forward:",
        )
