"""« Page introuvable »: an address that names no page (mistyped, or cut short in an e-mail), in the session's
language, with the way home. The address itself is not repeated: it came from outside."""

import streamlit as st

from ui.language import t

st.title(t("not_found.title"))
st.markdown(t("not_found.text"))
st.page_link("app_pages/home.py", label=t("not_found.home"), icon=":material/home:")
st.page_link("app_pages/join.py", label=t("not_found.join"), icon=":material/login:")
