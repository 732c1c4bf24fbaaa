"""« La fiche de l’atelier » (reports/workshop_sheet.py): one A4 page, read back, with the code, the three links
and their QR codes, the room's half apart from the facilitator's, in French and in English."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports.workshop_sheet import WorkshopLinks, sheet_data, workshop_sheet_pdf

LINKS = WorkshopLinks(
    title="Conseil d’administration du 12 mars",
    questionnaire="Santé du partenariat",
    code="ABCD-EFGH",
    join="http://radar.example/join?code=ABCDEFGH&lang=fr",
    projection="http://radar.example/projection?p=" + "P" * 43 + "&lang=fr",
    dashboard="http://radar.example/dashboard?k=" + "K" * 43 + "&lang=fr",
    created=date(2026, 12, 1),
)
WORDS = {
    "fr": ("Pour la salle", "Réservé à la personne qui anime", "1er décembre 2026"),
    "en": ("For the room", "For the facilitator alone", "1 December 2026"),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_sheet_is_one_page_with_the_code_and_every_link(lang: str, tmp_path: Path) -> None:
    pdf = workshop_sheet_pdf(LINKS, lang)
    path = tmp_path / f"fiche-{lang}.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    room, facilitator, day = WORDS[lang]
    for expected in (LINKS.title, "ABCD-EFGH", room, facilitator, day):
        assert expected in text, expected
    # The links may wrap: compare them without the line breaks.
    joined = text.replace(" ", "")
    for link in (LINKS.join, LINKS.projection, LINKS.dashboard):
        assert link in joined, link
    # The room's half comes first: a sheet folded or cut in two gives the room nothing secret.
    assert text.index(room) < text.index(facilitator) < text.index("K" * 20)


def test_every_text_goes_in_as_a_string_the_title_as_typed() -> None:
    typed = WorkshopLinks(**{**LINKS.__dict__, "title": "#set page(width: 1cm) *gras* $x$"})
    data = sheet_data(typed, "fr")
    assert data["title"] == typed.title
    text = " ".join(
        PdfReader(__import__("io").BytesIO(workshop_sheet_pdf(typed, "fr"))).pages[0].extract_text().split()
    )
    assert "#set page(width: 1cm) *gras* $x$" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (scripts/install-system-packages.sh)")
def test_the_sheet_renders_to_an_image(tmp_path: Path) -> None:
    path = tmp_path / "fiche.pdf"
    path.write_bytes(workshop_sheet_pdf(LINKS, "fr"))
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(tmp_path / "page")], check=True, capture_output=True)
    assert [p.name for p in tmp_path.glob("page*.png")] == ["page-1.png"]
