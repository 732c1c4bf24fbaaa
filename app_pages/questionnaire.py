"""Answering: the profile, then one dimension per step with a progress bar, then a summary before submitting."""

import streamlit as st

from scoring.model import text_in
from ui import flow
from ui.language import current_language, t
from ui.style import scroll_to_top
from ui.text import plain

lang = current_language()
ctx = flow.context()
if ctx is None:
    st.info(t("questionnaire.none"))
    st.page_link("app_pages/home.py", label=t("questionnaire.choose"), icon=":material/home:")
    st.stop()

questionnaire = ctx.questionnaire
scale = questionnaire.scale
total = flow.step_count(ctx)
step = flow.current_step(ctx)
kind, index = flow.describe_step(ctx, step)

scroll_to_top(step)
st.title(text_in(questionnaire.title, lang))
st.progress((step + 1) / total, text=t("questionnaire.progress", step=step + 1, total=total))

if flow.take_just_submitted():
    st.switch_page("app_pages/results.py", query_params=flow.url_params())
if flow.is_submitted():
    st.success(t("questionnaire.already_submitted"))
    st.page_link(
        "app_pages/results.py",
        label=t("questionnaire.see_results"),
        icon=":material/radar:",
        query_params=flow.url_params(),
    )
    st.stop()

if flow.workshop_closed():
    st.warning(t("questionnaire.workshop_closed"))
if flow.workshop_gone():
    st.warning(t("questionnaire.workshop_gone"))

options = [*scale.values, *([flow.NOT_APPLICABLE] if scale.allow_na else [])]


def option_label(value: object) -> str:
    if value == flow.NOT_APPLICABLE:
        return t("questionnaire.not_applicable")
    label = text_in(scale.labels.get(int(value)), lang)  # type: ignore[arg-type]
    return f"{value} · {label}" if label else str(value)


if kind == "profile":
    st.header(t("questionnaire.profile_title"))
    asked_fields = flow.profile_fields(ctx)
    # Alone, nobody is compared: the workshop's promise about small groups would mean nothing.
    if ctx.workshop_id is None:
        st.caption(t("questionnaire.profile_help_solo", count=len(asked_fields)))
    else:
        help_text = t("questionnaire.profile_help", count=len(asked_fields), minimum=questionnaire.min_group_size)
        st.caption(help_text)
    for field_id, field_options in asked_fields:
        profile_field = questionnaire.profile_field(field_id)
        # Organisation names are typed by the facilitator: shown as plain text, never as Markdown.
        labels = {
            option_id: text_in(label, lang) if isinstance(label, dict) else plain(label)
            for option_id, label in field_options
        }
        flow.prepare_profile_widget(field_id)
        st.radio(
            text_in(profile_field.label, lang) if profile_field else field_id,
            options=list(labels),
            format_func=labels.__getitem__,
            index=None,
            key=flow.profile_key(field_id),
            on_change=flow.on_profile_change,
            args=(field_id,),
        )
elif kind == "dimension" and index is not None:
    dimension = questionnaire.dimensions[index]
    st.header(text_in(dimension.label, lang))
    if dimension.description:
        st.caption(text_in(dimension.description, lang))
    for number, item in enumerate(dimension.items, start=1):
        flow.prepare_item_widget(item.id)
        with st.container(border=True):
            st.radio(
                f"{number}. {text_in(item.text, lang)}",
                options=options,
                format_func=option_label,
                index=None,
                horizontal=True,
                key=flow.item_key(item.id),
                help=text_in(item.help, lang) or None,
                on_change=flow.on_item_change,
                args=(item.id,),
            )
    flow.prepare_comment_widget(dimension.id)
    st.text_area(
        t("questionnaire.comment"),
        key=flow.comment_key(dimension.id),
        max_chars=flow.MAX_COMMENT_LENGTH,
        help=t("questionnaire.comment_help"),
        on_change=flow.on_comment_change,
        args=(dimension.id,),
    )
else:
    st.header(t("questionnaire.summary_title"))
    missing = flow.unanswered_by_dimension(ctx)
    answered = len(questionnaire.items) - sum(len(ids) for ids in missing.values())
    st.write(t("questionnaire.summary_count", count=answered, total=len(questionnaire.items)))
    if missing:
        st.warning(t("questionnaire.summary_missing"))
        for position, dimension in enumerate(questionnaire.dimensions):
            if dimension.id not in missing:
                continue
            with st.container(border=True):
                st.markdown(f"**{text_in(dimension.label, lang)}**")
                for item in dimension.items:
                    if item.id in missing[dimension.id]:
                        st.text(f"• {text_in(item.text, lang)}")
                st.button(
                    t("questionnaire.go_back_to", dimension=text_in(dimension.label, lang)),
                    key=f"goto_{dimension.id}",
                    on_click=flow.go_to,
                    args=(flow.step_of_dimension(ctx, position),),
                )
    else:
        st.success(t("questionnaire.summary_complete"))
    st.caption(t("questionnaire.summary_insufficient_note"))
    # A callback rather than the button's return value: the click must count even if the run is interrupted.
    st.button(t("questionnaire.submit"), type="primary", key="submit", on_click=flow.submit, width="stretch")

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
