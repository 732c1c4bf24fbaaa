"""Make sure every page runs inside app.py's shell (language control, navigation, layout).

Streamlit still knows the old "pages/ folder" mode: until ``st.navigation`` has run once in the server
process, a visitor who arrives by a kept link (``/results?r=...``) gets that page file run on its own, with an
automatic sidebar listing every file of ``pages/``, facilitator pages included. The design keeps the folder
name ``pages/``, so app.py runs the pages through :func:`run_in_shell`, and each page calls
:func:`ensure_app_shell` first: a page run outside the shell runs app.py itself, which draws the page asked
for through ``st.navigation``, and stops. Running it in the same script run (rather than asking for a rerun)
keeps a button click that came with this run.
"""

import runpy
from pathlib import Path

import streamlit as st

APP = Path(__file__).resolve().parents[1] / "app.py"
IN_SHELL = "_running_inside_app_shell"


def run_in_shell(page: st.Page) -> None:
    st.session_state[IN_SHELL] = True
    try:
        page.run()
    finally:
        st.session_state.pop(IN_SHELL, None)


def ensure_app_shell() -> None:
    if st.session_state.get(IN_SHELL):
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    runpy.run_path(str(APP), run_name="__main__")
    st.stop()
