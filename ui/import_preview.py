"""The preview of an imported questionnaire: each step as a respondent will see it, in a phone-sized frame.

The steps are the answering page's (the order of `ui.answer_state.steps`, for a workshop asking every profile
question: the profile, the position questions, one per dimension, the summary), drawn with the same widgets, which
the adviser may try (as the respondent's, readable, not greyed out): nothing of them is stored, and the summary's
button sends nothing. Every text of the questionnaire goes through `ui.text.plain`: an author's ``**x**`` or
``<b>`` shows as typed, never as Markdown or HTML.
"""

from __future__ import annotations

import streamlit as st

from scoring.model import Questionnaire, text_in
from ui.language import t
from ui.text import plain

STEP = "import_preview_step"
FRAME_KEY = "import_phone"
# A phone's width (an iPhone 12 to 15 is 390 CSS pixels), and the phone layout of ui/style.py inside it: the scale as
# a column whatever the width of the screen showing the preview. Constant CSS only.
FRAME_CSS = f"""
<style>
div.st-key-{FRAME_KEY} {{
  max-width: 390px; width: 100%; margin: 0 auto; padding: 0.8rem 0.9rem !important;
  border: 10px solid #2b2f36 !important; border-radius: 28px !important; background: #ffffff;
}}
div.st-key-{FRAME_KEY} div[data-testid="stRadio"] div[role="radiogroup"] {{
  flex-direction: column; align-items: stretch;
}}
</style>
"""


def _text(text: dict[str, str] | None, lang: str) -> str:
    return plain(text_in(text, lang))


def preview_steps(questionnaire: Questionnaire) -> list[tuple[str, int | None]]:
    """The steps a respondent of a workshop asking every profile question goes through, in the answering page's
    order (`ui.answer_state.steps`)."""
    return [
        *([("profile", None)] if questionnaire.profile else []),
        *([("positions", None)] if questionnaire.positions else []),
        *(("dimension", index) for index in range(len(questionnaire.dimensions))),
        ("summary", None),
    ]


def show_preview(questionnaire: Questionnaire, lang: str) -> None:
    steps = preview_steps(questionnaire)
    total = len(steps)
    step = max(0, min(int(st.session_state.get(STEP, 0)), total - 1))
    st.html(FRAME_CSS)
    with st.container(key=FRAME_KEY, border=True):
        st.markdown(f"#### {_text(questionnaire.title, lang)}")
        st.progress((step + 1) / total, text=t("questionnaire.progress", step=step + 1, total=total))
        kind, index = steps[step]
        if kind == "profile":
            _profile(questionnaire, lang)
        elif kind == "positions":
            _positions(questionnaire, lang)
        elif kind == "dimension" and index is not None:
            _dimension(questionnaire, index, lang)
        else:
            st.markdown(f"##### {plain(t('questionnaire.summary_title'))}")
            st.write(t("questionnaire.summary_count", count=0, total=len(questionnaire.items)))
            st.button(t("questionnaire.submit"), type="primary", key="preview_submit", disabled=True, width="stretch")
        with st.container(horizontal=True, horizontal_alignment="distribute"):
            st.button(
                t("questionnaire.back"),
                key="preview_back",
                on_click=_go,
                args=(step - 1,),
                disabled=step == 0,
                icon=":material/arrow_back:",
            )
            st.button(
                t("questionnaire.next"),
                key="preview_next",
                on_click=_go,
                args=(step + 1,),
                disabled=step >= total - 1,
                type="primary",
                icon=":material/arrow_forward:",
            )


def _go(step: int) -> None:
    st.session_state[STEP] = step


def _profile(questionnaire: Questionnaire, lang: str) -> None:
    st.markdown(f"##### {plain(t('questionnaire.profile_title'))}")
    st.caption(t("questionnaire.profile_help", count=len(questionnaire.profile), minimum=questionnaire.min_group_size))
    for field in questionnaire.profile:
        # An open question (the organisation) takes the workshop's list, typed when the workshop is created.
        options = {option.id: _text(option.label, lang) for option in field.options} or {
            "": plain(t("import.preview_organisations"))
        }
        st.radio(
            _text(field.label, lang),
            options=list(options),
            format_func=options.__getitem__,
            index=None,
            key=f"preview_profile_{field.id}",
        )


def _positions(questionnaire: Questionnaire, lang: str) -> None:
    for position in questionnaire.positions:
        st.markdown(f"##### {_text(position.label, lang)}")
        if position.help:
            st.caption(_text(position.help, lang))
        steps = {step.id: _text(step.label, lang) for step in position.steps}
        for moment in position.asks:
            question = position.today if moment == "today" else position.wished
            st.radio(
                _text(question, lang),
                options=list(steps),
                format_func=steps.__getitem__,
                index=None,
                key=f"preview_position_{position.id}_{moment}",
            )


def _dimension(questionnaire: Questionnaire, index: int, lang: str) -> None:
    dimension = questionnaire.dimensions[index]
    scale = questionnaire.scale
    st.markdown(f"##### {_text(dimension.label, lang)}")
    if dimension.description:
        st.caption(_text(dimension.description, lang))
    values: list[object] = list(range(scale.min, scale.max + 1))
    if scale.allow_na:
        values.append("na")

    def option_label(value: object) -> str:
        if value == "na":
            return plain(t("questionnaire.not_applicable"))
        label = _text(scale.labels.get(value), lang)  # type: ignore[call-overload]
        return f"{value} · {label}" if label else str(value)

    for number, item in enumerate(dimension.items, start=1):
        with st.container(border=True):
            st.radio(
                f"{number}. {_text(item.text, lang)}",
                options=values,
                format_func=option_label,
                index=None,
                key=f"preview_item_{item.id}",
            )
    st.text_area(t("questionnaire.comment"), key=f"preview_comment_{dimension.id}", height=80)
