"""« Comment les scores sont calculés »: the public method, in plain words, with a worked example."""

import pandas as pd
import streamlit as st

from scoring.model import text_in
from ui.language import current_language, t
from ui.method_example import worked_example
from ui.results_view import format_score

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
item_means = {s.id: s.mean for s in example.report.items}
st.markdown(
    t(
        "method.example_steps",
        c1=format_score(item_means["c1"]),
        c2=format_score(item_means["c2"]),
        c3=format_score(item_means["c3"]),
        score=format_score(dimension.score),
        n=dimension.n,
        low=format_score(dimension.min),
        high=format_score(dimension.max),
    )
)
st.caption(t("method.example_check"))
