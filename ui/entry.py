"""Make sure every page runs inside app.py's shell (language control, navigation, layout).

Streamlit still knows the old "pages/ folder" mode: until ``st.navigation`` has run once in the server
process, a visitor who arrives by a kept link (``/results?r=...``) gets that page file run on its own, with an
automatic sidebar listing every file of ``pages/``, facilitator pages included. The design keeps the folder
name ``pages/``, so each page calls :func:`ensure_app_shell` first: it switches the process to the
``st.navigation`` mode and reruns, and app.py then draws the page that was asked for.
"""

import streamlit as st


def ensure_app_shell() -> None:
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
