"""A test probe, not a page of the app: shows texts through ui.text.plain in the places Streamlit reads Markdown.

The texts come from the JSON file named by RADAR_PROBE_TEXTS (``{"run": n, "texts": [...]}``), read again on
every run, so that a test writes a new list and reloads the page; « probe run n » at the end says the page is
complete. Each text is shown three ways (a paragraph, a subheader, a radio option, whose
label goes through Streamlit's label mode), each in a container keyed by its number.
"""

import json
import os
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from ui.text import plain

probe = json.loads(Path(os.environ["RADAR_PROBE_TEXTS"]).read_text(encoding="utf-8"))
texts = probe["texts"]
for number, text in enumerate(texts):
    with st.container(key=f"probe-markdown-{number}"):
        st.markdown(plain(text))
    with st.container(key=f"probe-subheader-{number}"):
        st.subheader(plain(text), anchor=False)
    with st.container(key=f"probe-radio-{number}"):
        st.radio("probe", [plain(text)], index=None, label_visibility="collapsed", key=f"radio-{number}")
with st.container(key="probe-done"):
    st.text(f"probe run {probe['run']}")
