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


PER_ROW = 3
FACT_KEYS = (
    "pooling",
    "members",
    "legal_person",
    "governance",
    "employees",
    "authorisations",
    "funders",
    "duration",
    "limits",
)


def short_name(fit: Fit, lang: str) -> str:
    """« GCSMS » for « Groupement de coopération sociale ou médico-sociale (GCSMS) »: what a cell is headed by."""
    name = text_in(fit.form.name, lang)
    return name[name.rindex("(") + 1 : -1] if name.endswith(")") and "(" in name else name


def show_side_by_side(fits: list[Fit], lang: str) -> None:
    """Up to three forms a row, fact by fact, so that each trade-off is read across the forms; on a phone the
    columns stack and each cell is headed by its form's short name."""
    for start in range(0, len(fits), PER_ROW):
        row = fits[start : start + PER_ROW]
        for column, fit in zip(st.columns(PER_ROW), row, strict=False):
            with column.container(border=True):
                st.subheader(text_in(fit.form.name, lang))
                st.write(text_in(fit.form.summary, lang))
                for caution in fit.cautions:
                    st.warning(reason_text(caution), icon=":material/help:")
        separator = "\u202f; " if lang == "fr" else "; "
        for key in FACT_KEYS:
            st.markdown(f"**{t(f'guide.fact.{key}')}**")
            for column, fit in zip(st.columns(PER_ROW), row, strict=False):
                fact = fit.form.facts()[key]
                with column:
                    st.caption(short_name(fit, lang))
                    st.write(text_in(fact.text, lang))
                    st.caption(t("guide.sources", sources=separator.join(source_text(s) for s in fact.sources)))
        st.divider()


def show_unfit(fit: Fit, lang: str) -> None:
    reasons = " ".join(reason_text(reason) for reason in fit.exclusions)
    st.markdown(t("guide.unfit_line", form=text_in(fit.form.name, lang), reasons=reasons))
