"""« La fiche de l’atelier » (one A4 page): what a facilitator keeps after creating a workshop, to print or to send.

The top half is for the room (the code in very large type, the join link and its QR code); the bottom half is for
the facilitator alone, under a warning: the projection link (read-only) and the dashboard link (the secret key,
which opens the answers' aggregates and the workshop's closing). Typeset by Typst like the other reports
(``templates/workshop_sheet.typ``); every text goes in as a string, never as markup.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from i18n import translate

TEMPLATE = Path(__file__).with_name("templates") / "workshop_sheet.typ"


@dataclass(frozen=True)
class WorkshopLinks:
    """The three links of a workshop, absolute, as the facilitator's browser reached the app."""

    title: str
    questionnaire: str
    code: str  # as shown: « ABCD-EFGH »
    join: str
    projection: str
    dashboard: str
    created: date


def long_date(day: date, lang: str) -> str:
    """« 1er décembre 2026 », "1 December 2026": the words of the board's report (``report.*``)."""
    month = translate("report.months", lang).split()[day.month - 1]
    number = translate("report.first_day", lang) if day.day == 1 else str(day.day)
    return translate("report.date", lang, day=number, month=month, year=day.year)


@cache
def _template() -> bytes:
    return TEMPLATE.read_bytes()


def qr_svg(url: str) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2)
    return buffer.getvalue()


def sheet_data(links: WorkshopLinks, lang: str) -> dict[str, Any]:
    """The template's data: plain strings, in the order the page reads."""

    def tr(key: str, **params: Any) -> str:
        return translate(f"workshop_sheet.{key}", lang, **params)

    return {
        "lang": lang,
        "heading": tr("heading"),
        "title": links.title,
        "questionnaire": tr("questionnaire", questionnaire=links.questionnaire, date=long_date(links.created, lang)),
        "room": tr("room"),
        "join-instructions": tr("join_instructions"),
        "code": links.code,
        "join": links.join,
        "facilitator": tr("facilitator"),
        "warning": tr("warning"),
        "projection-label": tr("projection_label"),
        "projection": links.projection,
        "dashboard-label": tr("dashboard_label"),
        "dashboard": links.dashboard,
        "footer": tr("footer"),
    }


def workshop_sheet_pdf(links: WorkshopLinks, lang: str) -> bytes:
    import typst

    data = sheet_data(links, lang)
    sources = {
        "main.typ": _template(),
        "data.json": json.dumps(data, ensure_ascii=False).encode(),
        "join.svg": qr_svg(links.join),
        "projection.svg": qr_svg(links.projection),
        "dashboard.svg": qr_svg(links.dashboard),
    }
    return typst.compile(sources, ignore_system_fonts=True)
