"""« Sources »: every work the questionnaires, recommendations and glossary rest on, in full, and what cites it."""

import streamlit as st

from scoring.model import text_in
from ui.catalogue import shipped_questionnaires
from ui.language import current_language, t
from ui.sources_view import GLOSSARY_PAGE, bibliography, cited_by

lang = current_language()
st.title(t("sources.title"))
st.markdown(t("sources.intro"))
st.page_link(GLOSSARY_PAGE, label=t("nav.glossary"), icon=":material/dictionary:")

references = bibliography()
citing = cited_by(list(shipped_questionnaires().values()), lang)


def reference(key: str) -> None:
    ref = references.references[key]
    with st.container(border=True):
        st.markdown(references.full_text(key, lang, with_parent=False))
        if ref.note:
            st.caption(text_in(ref.note, lang))
        if ref.quoted_at:
            st.caption(t("sources.locator", locator=ref.quoted_at))
        elif ref.corpus:
            st.caption(t("sources.corpus_file", number=ref.corpus))
        uses = citing.get(key, [])
        if uses:
            with st.expander(t("sources.cited_by", count=len(uses))):
                for use in uses:
                    st.markdown(f"- *{use.questionnaire}* · {use.what}")


for corpus_key, corpus in references.corpus_texts():
    st.header(text_in(corpus.short, lang))
    reference(corpus_key)
    quoted = references.quoted_by(corpus_key)
    if quoted:
        st.subheader(t("sources.quoted_in", count=len(quoted)))
        for key, _ in quoted:
            reference(key)

outside = [key for key, ref in references.references.items() if ref.outside_corpus]
if outside:
    st.header(t("sources.outside_title"))
    for key in outside:
        reference(key)
