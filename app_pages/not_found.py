"""« Page introuvable »: an address that names no page (mistyped, or cut short in an e-mail), in the session's
language, with the way home. The address itself is not repeated: it came from outside."""

import streamlit as st

from ui.language import t
from ui.navigation import names_home, requested_page

if names_home(requested_page()):  # « /home », typed by hand: the home page is at the root
    st.switch_page("app_pages/home.py")

st.title(t("not_found.title"))
st.markdown(t("not_found.text"))
st.page_link("app_pages/home.py", label=t("not_found.home"), icon=":material/home:")
st.page_link("app_pages/join.py", label=t("not_found.join"), icon=":material/login:")
