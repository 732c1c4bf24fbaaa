"""« Glossaire »: the words of the screens and questionnaires, defined and sourced; ``?term=`` shows one first."""

import streamlit as st

from scoring.model import text_in
from ui import urls
from ui.language import current_language, t
from ui.sources_view import (
    SOURCES_PAGE,
    continuum_steps,
    cooperation_forms,
    glossary,
    glossary_sections,
    term_source,
)

lang = current_language()
st.title(t("glossary.title"))
st.markdown(t("glossary.intro"))
st.page_link(SOURCES_PAGE, label=t("nav.sources"), icon=":material/menu_book:")

terms = glossary().terms
asked = st.query_params.get(urls.TERM)
if asked in terms:
    entry = terms[asked]
    with st.container(border=True):
        st.subheader(text_in(entry.term, lang))
        st.markdown(text_in(entry.definition, lang))
        st.caption(t("results.source", source=term_source(entry, lang)))


def show(key: str) -> None:
    entry = terms[key]
    st.markdown(f"**{text_in(entry.term, lang)}**")
    st.markdown(text_in(entry.definition, lang))
    st.caption(t("results.source", source=term_source(entry, lang)))
    if entry.see_also:
        names = ", ".join(text_in(terms[other].term, lang) for other in entry.see_also)
        st.caption(t("glossary.see_also", terms=names))


for section, entries in glossary_sections(lang):
    st.header(t(f"glossary.section_{section}"))
    for key, _ in entries:
        show(key)
    if section == "relations":
        steps = continuum_steps(lang)
        if steps:
            st.subheader(t("glossary.continuum_steps"))
            for number, step in enumerate(steps, start=1):
                st.markdown(f"**{number}. {step.term}** · {step.definition}")
                if step.source:
                    st.caption(t("results.source", source=step.source))
    if section == "demarche":
        forms = cooperation_forms(lang)
        if forms:
            st.subheader(t("glossary.forms"))
            for form in forms:
                st.markdown(f"**{form.term}** · {form.definition}")
                if form.source:
                    st.caption(t("results.source", source=form.source))
