"""Radar du partenariat: page configuration, language and navigation. Nothing else lives here."""

import streamlit as st

from ui.language import init_language, language_selector
from ui.navigation import build_navigation, projecting
from ui.style import apply_style

st.set_page_config(page_title="Radar du partenariat", page_icon="🧭", layout="wide")
init_language()
apply_style()
navigation = build_navigation()
if not projecting():
    with st.container(horizontal=True, horizontal_alignment="right"):
        language_selector()
navigation.run()
