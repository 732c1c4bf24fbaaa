"""Figures and exports built from scoring results; shared by the pages and the downloadable reports."""
