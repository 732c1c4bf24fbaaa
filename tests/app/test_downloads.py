"""« Télécharger le PDF » and « Télécharger le tableur » on one's results, the group results and the dashboard:
offered there, built only when pressed, from the report the screen shows."""

from __future__ import annotations

import pytest

from i18n import translate
from tests.app.helpers import assert_no_exception
from tests.app.test_answer_flow import answer_current_step, click_next, started
from tests.app.test_workshop_pages import answers_pattern, close_workshop, create_workshop, seeded_participant
from ui.catalogue import get_questionnaire


@pytest.fixture
def no_file_built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Rendering a page must not build a report: a live dashboard reruns every few seconds."""
    built: list[str] = []

    def forbidden(kind: str):
        def build(content):
            built.append(kind)
            raise AssertionError(f"a {kind} was built while the page rendered")

        return build

    monkeypatch.setattr("reports.pdf.render_pdf", forbidden("pdf"))
    monkeypatch.setattr("reports.xlsx.render_xlsx", forbidden("xlsx"))
    return built


def _labels(app) -> dict[str, str]:
    """The report buttons (the paper answers' tab and the link to one's results have their own downloads)."""
    return {b.key: b.label for b in app.get("download_button") if not b.key.startswith(("paper_", "own_link_"))}


def test_own_results_offer_both_files_without_building_them(no_file_built: list[str]) -> None:
    app = started("express", "en")
    click_next(app)
    answer_current_step(app, {item.id: 4 for item in get_questionnaire("express").items})
    app.switch_page("app_pages/results.py").run()
    assert_no_exception(app)
    assert _labels(app) == {
        "own_report_pdf": translate("downloads.pdf", "en"),
        "own_report_xlsx": translate("downloads.xlsx", "en"),
    }
    assert no_file_built == []


def test_dashboard_offers_both_files_once_results_are_shown_while_open(no_file_built: list[str]) -> None:
    code, key = create_workshop()
    for shift in (0, 1):
        seeded_participant(code, answers_pattern(shift), {"role": "administrateur", "organisation": "Association A"})
    from tests.app.test_workshop_pages import dashboard

    assert _labels(dashboard(key)) == {}  # two sent, fewer than min_group_size: nothing shown, nothing to download
    seeded_participant(code, answers_pattern(4), {"role": "administrateur", "organisation": "Association A"})
    open_dashboard = dashboard(key)  # the first batch of three is shown while the workshop is open
    assert set(_labels(open_dashboard)) == {"dashboard_report_pdf", "dashboard_report_xlsx"}
    closed = close_workshop(key)
    assert set(_labels(closed)) == {"dashboard_report_pdf", "dashboard_report_xlsx"}
    assert _labels(closed)["dashboard_report_pdf"] == translate("downloads.pdf", "fr")
    assert no_file_built == []


def test_the_participants_files_hold_no_breakdown_their_screen_does_not_show(monkeypatch: pytest.MonkeyPatch) -> None:
    """The group results' PDF and spreadsheet: the same report as the screen, without the figures by organisation
    and by role, which the room sees only when the facilitator shows a comparison (the dashboard's files keep
    them)."""
    from reports.content import build_shared_content
    from tests.app.helpers import new_app
    from ui import downloads
    from ui.workshops import facilitator_view, results_for

    code, key = create_workshop()
    for shift in range(4):
        organisation = "Association A" if shift % 2 else "Association B"
        seeded_participant(code, answers_pattern(shift), {"role": "administrateur", "organisation": organisation})
    close_workshop(key)
    offered: dict[str, dict] = {}
    real = downloads.report_downloads

    def recording(*args, **kwargs):
        offered[kwargs["key"]] = kwargs
        return real(*args, **kwargs)

    monkeypatch.setattr(downloads, "report_downloads", recording)
    app = new_app("fr", code=code)
    app.run()
    app.switch_page("app_pages/group_results.py").run()
    assert_no_exception(app)
    results = results_for(facilitator_view(key))
    full = build_shared_content(get_questionnaire("express"), results.report, "fr", title="Conseil", date=None)
    assert full.breakdowns, "the report has breakdowns: the test would prove nothing"
    assert offered["group_report"]["extra"](full).breakdowns == ()
