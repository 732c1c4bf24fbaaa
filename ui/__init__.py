"""Streamlit-side helpers shared by the pages: language, session state, services. No scoring arithmetic here."""
