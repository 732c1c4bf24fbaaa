"""Radar du partenariat's domain: questionnaires, scoring, consensus and recommendations.

Pure Python: no Streamlit, no database. Import submodules directly (``scoring.loader``, ``scoring.engine``);
this package does not import them eagerly so that the app starts without loading pandas.
"""
