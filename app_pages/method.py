"""« Comment les scores sont calculés »: the public method, in plain words, with a worked example."""

import pandas as pd
import streamlit as st

from scoring.model import text_in
from ui.language import current_language, t
from ui.method_example import worked_example
from ui.results_view import format_decimal, format_score
from ui.sources_view import glossary_link

# The words each step defines, linked to their glossary entry.
GLOSSARY_TERMS = {
    "reverse": "affirmation-inversee",
    "dimension": "dimension",
    "bands": "niveau",
    "consensus": "consensus",
    "recommendations": "recommandation",
}

lang = current_language()
st.title(t("method.title"))
st.markdown(t("method.intro"))

for step in (
    "items",
    "reverse",
    "dimension",
    "coverage",
    "overall",
    "group",
    "bands",
    "consensus",
    "groups",
    "recommendations",
):
    st.subheader(t(f"method.{step}_title"))
    st.markdown(t(f"method.{step}_text"))
    if step in GLOSSARY_TERMS:
        glossary_link(GLOSSARY_TERMS[step])

# What the privacy rule of shared screens holds and what it does not (scoring.privacy says how).
st.header(t("method.privacy_title"))
st.markdown(t("method.privacy_text"))

st.header(t("method.example_title"))
example = worked_example()
questionnaire = example.questionnaire
st.markdown(t("method.example_intro"))
rows = []
for number, given in enumerate(example.answers, start=1):
    row = {t("method.col_respondent"): f"{t('method.respondent')} {number}"}
    for item in questionnaire.items:
        value = given.get(item.id, "missing")
        shown = t("method.na") if value is None else ("–" if value == "missing" else str(value))
        row[text_in(item.text, lang)] = shown
    rows.append(row)
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

dimension = example.report.dimensions[0]
items = {s.id: s for s in example.report.items}
st.markdown(
    t(
        "method.example_steps",
        c1=format_score(items["c1"].mean),
        c2=format_score(items["c2"].mean),
        c3=format_score(items["c3"].mean),
        n1=items["c1"].n,
        consensus=format_decimal(items["c1"].consensus),
        score=format_score(dimension.score),
        n=dimension.n,
    )
)
st.caption(t("method.example_check"))
