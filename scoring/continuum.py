"""The continuum of working together (content/continuum.yaml): the steps a position question asks about.

Information → consultation → concertation → coordination → coopération → partenariat → groupement → fusion, an
axis of growing integration (F. Dhume, 004:92; P. Brachet, 004:130-137). Its definitions live in one data file so
that every questionnaire (``steps: continuum``) and the glossary show the same words. The model is
``scoring.model.Continuum`` and the reading ``scoring.loader``'s (a questionnaire naming the list needs it there).
"""

from scoring.loader import CONTINUUM_FILE, load_continuum, parse_continuum, shipped_continuum
from scoring.model import Continuum

__all__ = ["CONTINUUM_FILE", "Continuum", "load_continuum", "parse_continuum", "shipped_continuum"]
