"""The continuum of working together (content/continuum.yaml): the steps a position question asks about.

Information → consultation → concertation → coordination → coopération → partenariat → groupement → fusion, an
axis of growing integration (F. Dhume, 004:92; P. Brachet, 004:130-137). Its definitions live in one data file so
that every questionnaire (``steps: continuum``) and the glossary show the same words.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from scoring.loader import parse_data, read_file
from scoring.model import LanguageCode, PositionStep, Text, _Strict, _unique_step_ids

CONTINUUM_FILE = Path(__file__).resolve().parents[1] / "content" / "continuum.yaml"


class Continuum(_Strict):
    kind: Literal["continuum"]
    version: str
    language: LanguageCode = "fr"
    title: Text
    description: Text | None = None
    source: str | None = None
    steps: Annotated[list[PositionStep], AfterValidator(_unique_step_ids), Field(min_length=2)]


def parse_continuum(data: bytes | str, name: str = "continuum.yaml") -> Continuum:
    return parse_data(data, name, Continuum)


def load_continuum(path: str | Path = CONTINUUM_FILE) -> Continuum:
    path = Path(path)
    return parse_continuum(read_file(path), str(path))


@cache
def shipped_continuum() -> Continuum:
    return load_continuum(CONTINUUM_FILE)
