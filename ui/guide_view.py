"""Display blocks of the guide to the forms of cooperation: one form's card, its sources, why a form does not fit."""

from __future__ import annotations

import streamlit as st

from scoring.forms import POOLS, FormsGuide, Source, shipped_forms_guide
from scoring.forms_choice import ANSWERS, Fit, Needs, Reason, choose
from scoring.model import text_in
from ui.language import t

POOL_KEYS = {pool: f"guide_pool_{pool}" for pool in POOLS}
ANSWER_CHOICES: list[str] = list(ANSWERS)
# The source texts by number (questionnaires/SOURCES.md), as a reader recognises them.
SEED_NAMES = {
    "000": "URIOPSS Centre",
    "001": "UNIOPSS 2010",
    "002": "TEF n° 9, 2010",
    "003": "I. Gueye, RIUESS 2014",
    "004": "RNRSMS",
}


@st.cache_resource(show_spinner=False)
def forms_guide() -> FormsGuide:
    return shipped_forms_guide()


def matching(pools: frozenset[str], public: str, keep: str, structure: str, lang: str) -> tuple[list[Fit], list[Fit]]:
    """The forms that fit the page's answers and those that do not (scoring.forms_choice's rules)."""
    return choose(forms_guide(), Needs(pools, public, keep, structure), lang)  # type: ignore[arg-type]


def source_text(source: Source) -> str:
    if source.seed:
        number = source.seed.split(":", 1)[0]
        return f"{SEED_NAMES.get(number, number)} ({source.seed})"
    return t("guide.law_source", law=source.law or "")


def reason_text(reason: Reason) -> str:
    if reason.code == "pool_missing":
        return t("guide.reason.pool_missing", pool=t(f"guide.pool.{reason.pool}").lower())
    return t(f"guide.reason.{reason.code}")


def show_form(fit: Fit, lang: str) -> None:
    form = fit.form
    with st.container(border=True):
        st.subheader(text_in(form.name, lang))
        st.write(text_in(form.summary, lang))
        for caution in fit.cautions:
            st.warning(reason_text(caution), icon=":material/help:")
        for key, fact in form.facts().items():
            st.markdown(f"**{t(f'guide.fact.{key}')}**")
            st.write(text_in(fact.text, lang))
            separator = "\u202f; " if lang == "fr" else "; "
            st.caption(t("guide.sources", sources=separator.join(source_text(s) for s in fact.sources)))


def show_unfit(fit: Fit, lang: str) -> None:
    reasons = " ".join(reason_text(reason) for reason in fit.exclusions)
    st.markdown(t("guide.unfit_line", form=text_in(fit.form.name, lang), reasons=reasons))
