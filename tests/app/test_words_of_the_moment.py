"""Words true to the moment (issue 18): every screen that says something about a workshop's state says what holds
in that state, and nothing that cannot. Once closed, one's own results still said the group's would appear « quand
la personne qui anime l’atelier l’aura clôturé »; once deleted, « Vous n’avez pas encore commencé ».

The states: **open**; **closed**; **reopened** (closed, then open again: the dashboard allows it); **deleted** (the
workshop and all its answers are erased for good, DESIGN.md « Storage and workshops », `Store.delete_workshop`:
nothing is left on the server to tell it from a mistyped code, so a page says « supprimé » only to a visitor who held
one of its responses, a respondent token beside the code or this browser's memory, `ui/workshop_state.py`).
The workshop of each case has 3 responses sent (express: min_group_size 3, so the group's figures show) and one
draft; « shared » is the creation form's « Montrer les résultats du groupe aux personnes qui ont répondu ».

Each cell lists the sentences (catalogue keys; the French is in `i18n/fr.yaml`, the English in `i18n/en.yaml`, both
tested) that the screen shows in that state; every other sentence of its row must not show. A key in [brackets]
is a button or link label.

The table (screen × state; each cell's sentences, FR « … » / EN "…" where they changed or are new):

join, a new phone (`/join?code`)
    open, reopened: join.anonymous « Vos réponses sont anonymes… »; [join.start]
    closed:         join.closed « Cet atelier est clôturé ; il n’accepte plus de réponses. »; [join.see_group_results]
    deleted:        join.unknown_code « Ce code ne correspond à aucun atelier… » (this phone cannot tell)
join, the phone that answered (its memory cookie)
    open, reopened: join.already_answered; [join.see_my_answers]; join.someone_else_help; [join.someone_else]
    closed:         join.already_answered; [join.see_my_answers]; join.closed; [join.see_group_results]
    deleted:        results.workshop_deleted « Cet atelier a été supprimé, et toutes ses réponses avec lui, dont
                    les vôtres : elles sont effacées définitivement, et ce lien n’ouvre plus rien. » / "This
                    workshop has been deleted, and all its answers with it, yours included…"
own results, sent, shared (`/results?r&code`)
    open, reopened: results.thanks; results.group_results_later « L’atelier est ouvert : les résultats du groupe
                    seront visibles par ce lien une fois qu’il sera clôturé… » / "The workshop is open: … once it
                    is closed"; compare.me_open; [join.see_group_results]; results.private_note
    closed:         results.thanks; results.group_results_ready « L’atelier est clôturé : les résultats du groupe
                    sont visibles par ce lien… »; [join.see_group_results]; results.private_note
    deleted:        results.link_gone « Ce lien n’ouvre plus aucune réponse. S’il a été coupé…, recopiez-le en
                    entier ; sinon, son atelier a été supprimé, et toutes ses réponses avec lui. » (never results.none
                    « Il n’y a pas encore de résultats… »; no workshop is looked up: see the two tests at the end)
own results, sent, not shared
    open, reopened: results.thanks; compare.me_not_shared_open; results.private_note
    closed:         results.thanks; compare.me_not_shared_closed; results.private_note
    deleted:        results.link_gone
own results, a draft
    open, reopened: results.not_submitted « …ces résultats sont provisoires. »; [results.back_to_questionnaire]
    closed:         results.not_submitted_closed « L’atelier a été clôturé avant l’envoi de vos réponses : elles
                    ne comptent pas dans les résultats du groupe… » / "The workshop was closed before your answers
                    were sent…" (and no way back to a questionnaire that can no longer be sent)
    deleted:        results.link_gone
questionnaire, a draft, after a tap (`/questionnaire?r&code`)
    open, reopened: nothing about the workshop
    closed:         questionnaire.workshop_closed « La personne qui anime cet atelier l’a clôturé… »
    deleted:        results.link_gone (never questionnaire.none « Vous n’avez pas encore commencé… »)
group results, shared (`/group_results?code`)
    open, reopened: group_results.not_yet « L’atelier est ouvert : les résultats du groupe seront affichés ici
                    une fois qu’il sera clôturé. » / "The workshop is open: … once it is closed."
    closed:         the results (dashboard.discuss_title and the rest)
    deleted:        join.unknown_code (this browser cannot tell); on the browser that answered:
                    results.workshop_deleted
group results, not shared
    open, reopened, closed: group_results.not_shared « La personne qui anime cet atelier a choisi de ne pas
                    montrer les résultats du groupe aux personnes qui ont répondu. » / "The facilitator of this
                    workshop chose not to show the group's results to the people who answered."
    deleted:        join.unknown_code
dashboard (`/dashboard?k`)
    open, reopened: dashboard.status_line « Ouvert · code participant : … »; [dashboard.close];
                    dashboard.close_help; dashboard.share_explained; [dashboard.share_link]
    closed:         dashboard.status_line « Clôturé · … »; [dashboard.reopen]; dashboard.share_closed « L’atelier
                    est clôturé : on ne peut plus le rejoindre. Rouvrez-le… » / "The workshop is closed: it can
                    no longer be joined…" (no link to project a code); paper.closed
    deleted:        dashboard.unknown_key « Ce lien d’animation n’ouvre aucun atelier. Il a peut-être été supprimé. »
projection (`/projection?p`)
    open, reopened: projection.join_code « pour rejoindre : code … » (part of the counts line);
                    [projection.show_code]
    closed:         neither
    deleted:        projection.unknown_link
projection, join screen (`/projection?p&show=code`)
    open, reopened: workshop.join_instructions and the code; [projection.show_results]
    closed:         projection.closed « L’atelier est clôturé ; on ne peut plus le rejoindre. », no code
    deleted:        projection.unknown_link
« Mes ateliers » (`/workshop`, the memory cookie)
    open, reopened: workshop_links.mine_line « Ouvert · créé le … »
    closed:         workshop_links.mine_line « Clôturé · créé le … »
    deleted:        not listed (no workshop_links.mine)

And two moments within a session: one's own results open when the workshop is deleted say so at the next run
(results.workshop_deleted, and compare.me_deleted in « Moi et le groupe »); what the session still holds stays on
screen until it ends, so that it can still be kept as a PDF, without results.thanks, results.private_note (« Gardez
le lien… ») or the link to keep. A questionnaire being answered when it is deleted says questionnaire.workshop_gone
at the next tap.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from streamlit.testing.v1 import AppTest

from i18n import Text, translate
from reports.workshop_sheet import long_date
from scoring.privacy import WorkshopSpec
from storage import Store
from storage.codes import projection_token_for
from tests.app.helpers import answer_widgets, assert_no_exception, new_app
from tests.workshop_seeds import open_express_workshop, send_express
from ui import browser_memory, workshops
from ui.catalogue import get_questionnaire

OPEN, CLOSED, REOPENED, DELETED = "open", "closed", "reopened", "deleted"
STATES = (OPEN, CLOSED, REOPENED, DELETED)
LANGS = ("fr", "en")
PEOPLE = 3  # express's min_group_size: the group's figures show


@dataclass(frozen=True)
class Case:
    """A workshop seeded through the Store, in one state."""

    code: str
    key: str
    sent: str  # the token of a response sent
    draft: str  # the token of a draft never sent
    created: dt.date


def seeded(state: str, *, shared: bool = True) -> Case:
    store = Store()
    express = get_questionnaire("express")
    assert express is not None and express.min_group_size == PEOPLE
    spec = WorkshopSpec(express, (), ())
    created = store.create_workshop(
        title="Conseil du 12 mars",
        questionnaire_id="express",
        organisations=[],
        profile_fields=[],
        show_results_to_participants=shared,
    )
    sent = [send_express(store, created.workshop_id, shift) for shift in range(PEOPLE)]
    workshops.publish_round(store, spec, created.workshop_id)  # what the app does after a first submit
    draft = store.new_respondent_token()
    first = express.items[0].id
    store.save_draft(
        draft,
        questionnaire_id="express",
        workshop_id=created.workshop_id,
        answers={first: 3},
        profile={},
        comments={},
        step=1,
    )
    view = store.workshop_for_facilitator(created.facilitator_key)
    assert view is not None
    if state in (CLOSED, REOPENED):  # as the dashboard's buttons do: a round at closing and at reopening
        store.set_workshop_status(created.facilitator_key, "closed")
        workshops.publish_round(store, spec, created.workshop_id)
    if state == REOPENED:
        store.set_workshop_status(created.facilitator_key, "open")
        workshops.publish_round(store, spec, created.workshop_id)
    if state == DELETED:
        assert store.delete_workshop(created.facilitator_key)
    store.close()
    return Case(created.participant_code, created.facilitator_key, sent[0], draft, view.created_at.date())


def with_memory(monkeypatch: pytest.MonkeyPatch, memory: dict) -> None:
    """What this browser's memory cookie holds (ui.browser_memory), as the browser sends it."""
    cookie = quote(json.dumps(memory))
    monkeypatch.setattr(browser_memory, "browser_cookies", lambda: {browser_memory.COOKIE: cookie})


def answered_here(monkeypatch: pytest.MonkeyPatch, case: Case) -> None:
    with_memory(monkeypatch, {browser_memory.response_slot(case.code): {"r": case.sent, "sent": True}})


def opened(lang: str, page: str, **query: str) -> AppTest:
    app = new_app(lang, **query)
    app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@dataclass(frozen=True)
class Say:
    """A sentence of the catalogue; ``words``: placeholders filled with other sentences; ``part``: a part of a
    longer line (the projector's counts line)."""

    key: str
    words: tuple[tuple[str, str], ...] = ()
    part: bool = False

    def text(self, lang: str, case: Case) -> str:
        return translate(
            self.key,
            lang,
            code=case.code,
            date=long_date(case.created, lang),
            **{name: Text(key) for name, key in self.words},
        )


def texts_of(app: AppTest) -> list[str]:
    """Every sentence, heading and label the page shows."""
    shown = []
    for kind in ("title", "header", "subheader", "success", "info", "warning", "error", "caption", "markdown"):
        shown += [str(element.value) for element in getattr(app, kind)]
    shown += [button.label for button in app.button]
    shown += [link.proto.label for link in app.get("page_link")]
    return shown


def shows(shown: list[str], say: Say, lang: str, case: Case) -> bool:
    text = say.text(lang, case)
    return any(text in line for line in shown) if say.part else text in shown


# ----- the screens ------------------------------------------------------------------------------------------------


def join_new_phone(lang: str, case: Case, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return opened(lang, "join", code=case.code)


def join_phone_that_answered(lang: str, case: Case, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    answered_here(monkeypatch, case)
    return opened(lang, "join", code=case.code)


def own_results_sent(lang: str, case: Case, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return opened(lang, "results", r=case.sent, code=case.code)


def own_results_draft(lang: str, case: Case, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return opened(lang, "results", r=case.draft, code=case.code)


def questionnaire_after_a_tap(lang: str, case: Case, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    app = opened(lang, "questionnaire", r=case.draft, code=case.code)
    tap(app)
    return app


def tap(app: AppTest) -> None:
    """One answer on the step shown, if it shows statements (a tap saves the draft)."""
    radios = answer_widgets(app, "item")
    if radios:
        next(iter(radios.values())).set_value(5).run()
        assert not app.exception, [e.value for e in app.exception]


def group_results(lang: str, case: Case, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return opened(lang, "group_results", code=case.code)


def group_results_where_answered(lang: str, case: Case, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    answered_here(monkeypatch, case)
    return opened(lang, "group_results", code=case.code)


def dashboard(lang: str, case: Case, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return opened(lang, "dashboard", k=case.key)


def projection(lang: str, case: Case, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return opened(lang, "projection", p=projection_token_for(case.key))


def projection_join_screen(lang: str, case: Case, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return opened(lang, "projection", p=projection_token_for(case.key), show="code")


def my_workshops(lang: str, case: Case, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    with_memory(monkeypatch, {browser_memory.workshop_slot(case.code): {"k": case.key}})
    return opened(lang, "workshop")


@dataclass(frozen=True)
class Row:
    """One screen of the table: how to open it, and what it says in each state (reopened: as open)."""

    name: str
    screen: Callable[[str, Case, pytest.MonkeyPatch], AppTest]
    cells: dict[str, tuple[Say, ...]]
    shared: bool = True
    others: tuple[Say, ...] = ()  # sentences that must show in none of its states

    def said(self, state: str) -> tuple[Say, ...]:
        return self.cells[OPEN if state == REOPENED else state]

    def vocabulary(self) -> set[Say]:
        return {say for said in self.cells.values() for say in said} | set(self.others)


S = Say
DELETED_NOTICE = S("results.workshop_deleted")
# Where a link's token opens no response: cut short, or deleted with its workshop (no lookup tells which).
GONE_NOTICE = S("results.link_gone")
GROUP_RESULTS = S("dashboard.discuss_title")  # the heading of the statements to discuss: the results are there
STATUS_LINE_OPEN = S("dashboard.status_line", (("status", "dashboard.status_open"),))
STATUS_LINE_CLOSED = S("dashboard.status_line", (("status", "dashboard.status_closed"),))
MINE_OPEN = S("workshop_links.mine_line", (("status", "dashboard.status_open"),))
MINE_CLOSED = S("workshop_links.mine_line", (("status", "dashboard.status_closed"),))
NOT_YET_BEGUN = (S("results.none"), S("questionnaire.none"))

TABLE = (
    Row(
        "join, a new phone",
        join_new_phone,
        {
            OPEN: (S("join.anonymous"), S("join.start")),
            CLOSED: (S("join.closed"), S("join.see_group_results")),
            DELETED: (S("join.unknown_code"),),
        },
        others=(DELETED_NOTICE, S("join.already_answered")),
    ),
    Row(
        "join, the phone that answered",
        join_phone_that_answered,
        {
            OPEN: (
                S("join.already_answered"),
                S("join.see_my_answers"),
                S("join.someone_else_help"),
                S("join.someone_else"),
            ),
            CLOSED: (
                S("join.already_answered"),
                S("join.see_my_answers"),
                S("join.closed"),
                S("join.see_group_results"),
            ),
            DELETED: (DELETED_NOTICE,),
        },
        others=(S("join.unknown_code"), S("join.anonymous"), S("join.start")),
    ),
    Row(
        "own results, sent, shared",
        own_results_sent,
        {
            OPEN: (
                S("results.thanks"),
                S("results.group_results_later"),
                S("compare.me_open"),
                S("join.see_group_results"),
                S("results.private_note"),
            ),
            CLOSED: (
                S("results.thanks"),
                S("results.group_results_ready"),
                S("join.see_group_results"),
                S("results.private_note"),
            ),
            DELETED: (GONE_NOTICE,),
        },
        others=(DELETED_NOTICE, *NOT_YET_BEGUN, S("compare.me_deleted"), S("results.not_submitted")),
    ),
    Row(
        "own results, sent, not shared",
        own_results_sent,
        {
            OPEN: (S("results.thanks"), S("compare.me_not_shared_open"), S("results.private_note")),
            CLOSED: (S("results.thanks"), S("compare.me_not_shared_closed"), S("results.private_note")),
            DELETED: (GONE_NOTICE,),
        },
        shared=False,
        others=(
            DELETED_NOTICE,
            *NOT_YET_BEGUN,
            S("results.group_results_later"),
            S("results.group_results_ready"),
            S("join.see_group_results"),
            S("compare.me_open"),
        ),
    ),
    Row(
        "own results, a draft",
        own_results_draft,
        {
            OPEN: (S("results.not_submitted"), S("results.back_to_questionnaire"), S("results.private_note")),
            CLOSED: (S("results.not_submitted_closed"), S("results.private_note")),
            DELETED: (GONE_NOTICE,),
        },
        others=(DELETED_NOTICE, *NOT_YET_BEGUN, S("results.thanks"), S("results.group_results_later")),
    ),
    Row(
        "questionnaire, a draft, after a tap",
        questionnaire_after_a_tap,
        {
            OPEN: (),
            CLOSED: (S("questionnaire.workshop_closed"),),
            DELETED: (GONE_NOTICE,),
        },
        others=(DELETED_NOTICE, *NOT_YET_BEGUN, S("questionnaire.workshop_gone")),
    ),
    Row(
        "group results, shared",
        group_results,
        {OPEN: (S("group_results.not_yet"),), CLOSED: (GROUP_RESULTS,), DELETED: (S("join.unknown_code"),)},
        others=(S("group_results.not_shared"), DELETED_NOTICE),
    ),
    Row(
        "group results, on the browser that answered",
        group_results_where_answered,
        {OPEN: (S("group_results.not_yet"),), CLOSED: (GROUP_RESULTS,), DELETED: (DELETED_NOTICE,)},
        others=(S("group_results.not_shared"), S("join.unknown_code")),
    ),
    Row(
        "group results, not shared",
        group_results,
        {
            OPEN: (S("group_results.not_shared"),),
            CLOSED: (S("group_results.not_shared"),),
            DELETED: (S("join.unknown_code"),),
        },
        shared=False,
        others=(S("group_results.not_yet"), GROUP_RESULTS),
    ),
    Row(
        "dashboard",
        dashboard,
        {
            OPEN: (
                STATUS_LINE_OPEN,
                S("dashboard.close"),
                S("dashboard.close_help"),
                S("dashboard.share_explained"),
                S("dashboard.share_link"),
            ),
            CLOSED: (STATUS_LINE_CLOSED, S("dashboard.reopen"), S("dashboard.share_closed"), S("paper.closed")),
            DELETED: (S("dashboard.unknown_key"),),
        },
        others=(S("dashboard.deleted"),),
    ),
    Row(
        "projection",
        projection,
        {
            OPEN: (S("projection.join_code", part=True), S("projection.show_code")),
            CLOSED: (),
            DELETED: (S("projection.unknown_link"),),
        },
        others=(S("dashboard.deleted"), S("projection.closed")),
    ),
    Row(
        "projection, join screen",
        projection_join_screen,
        {
            OPEN: (S("workshop.join_instructions"), S("projection.show_results")),
            CLOSED: (S("projection.closed"), S("projection.show_results")),
            DELETED: (S("projection.unknown_link"),),
        },
        others=(S("dashboard.deleted"),),
    ),
    Row(
        "Mes ateliers",
        my_workshops,
        {OPEN: (S("workshop_links.mine"), MINE_OPEN), CLOSED: (S("workshop_links.mine"), MINE_CLOSED), DELETED: ()},
    ),
)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("row", TABLE, ids=[row.name for row in TABLE])
def test_each_screen_says_what_holds_in_each_state(
    row: Row, state: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = seeded(state, shared=row.shared)
    app = row.screen(lang, case, monkeypatch)
    shown = texts_of(app)
    expected = {say.key: shows(shown, say, lang, case) for say in row.said(state)}
    assert all(expected.values()), (row.name, state, expected, shown)
    unexpected = [say.key for say in row.vocabulary() - set(row.said(state)) if shows(shown, say, lang, case)]
    assert not unexpected, (row.name, state, unexpected, shown)
    if state == DELETED or (row.screen is projection_join_screen and state == CLOSED):
        # What is gone cannot be joined: no code on the screen, and no way in.
        assert not any(case.code in line for line in shown if not line.startswith("<")), shown


def test_every_sentence_of_the_table_is_in_both_catalogues() -> None:
    for row in TABLE:
        for say in row.vocabulary():
            for lang in LANGS:
                assert translate(say.key, lang) != say.key, (say.key, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_own_results_open_when_the_workshop_is_deleted_say_so_at_the_next_run(lang: str) -> None:
    case = seeded(OPEN)
    app = opened(lang, "results", r=case.sent, code=case.code)
    assert translate("results.thanks", lang) in [s.value for s in app.success]
    assert translate("workshop_links.own_title", lang) in [e.label for e in app.expander]
    store = Store()
    assert store.delete_workshop(case.key)
    store.close()
    app.run()  # the session still holds the answers; the server no longer has them
    assert_no_exception(app)
    assert [w.value for w in app.warning] == [translate("results.workshop_deleted", lang)]
    assert translate("compare.me_deleted", lang) in [i.value for i in app.info]
    shown = texts_of(app)
    for gone in ("results.thanks", "results.private_note", "results.group_results_later", "results.none"):
        assert translate(gone, lang) not in shown, gone
    assert translate("workshop_links.own_title", lang) not in [e.label for e in app.expander], "no link to keep"
    # What this session still holds stays until it ends, and can still be kept as a file.
    assert app.get("plotly_chart")
    assert app.get("download_button")


@pytest.mark.parametrize("lang", LANGS)
def test_a_questionnaire_deleted_while_answered_says_so_at_the_next_tap(lang: str) -> None:
    case = seeded(OPEN)
    app = opened(lang, "questionnaire", r=case.draft, code=case.code)
    assert not app.warning
    store = Store()
    assert store.delete_workshop(case.key)
    store.close()
    tap(app)
    assert [w.value for w in app.warning] == [translate("questionnaire.workshop_gone", lang)]


@pytest.mark.parametrize("page", ["results", "questionnaire"])
def test_a_made_up_token_says_the_same_whether_the_code_opens_a_workshop_or_not(page: str) -> None:
    """No oracle past the join brake: with a token that opens no response, a code of a live workshop and a code of
    none give the same sentence, so nobody can test codes by forging links."""
    case = seeded(OPEN)
    store = Store()
    made_up = store.new_respondent_token()
    store.close()
    live = opened("fr", page, r=made_up, code=case.code)
    none = opened("fr", page, r=made_up, code="ZZZZ-ZZZZ")
    assert [w.value for w in live.warning] == [w.value for w in none.warning] == [translate("results.link_gone", "fr")]
    assert texts_of(live) == texts_of(none)


def test_a_link_cut_short_is_not_told_its_answers_were_erased() -> None:
    """The code comes last in a respondent's link, so an e-mail that cuts it leaves a good token and a damaged code:
    the page must not say the answers are erased, since they are not."""
    case = seeded(OPEN)
    app = opened("en", "results", r=case.sent, code=case.code[:-2])
    shown = texts_of(app)
    assert translate("results.link_gone", "en") in shown
    assert translate("results.workshop_deleted", "en") not in shown
    store = Store()
    try:
        assert store.submitted_responses(store.workshop_for_facilitator(case.key).id), "the answers are still there"
    finally:
        store.close()


def test_closed_with_too_few_counted_the_results_page_says_so_and_links_to_no_empty_page() -> None:
    """One person sent, the workshop closed: the group's page would only say « trop peu de réponses ». One's results
    said « les résultats du groupe sont visibles par ce lien » and linked to it (review): they now say why there
    are none, and give no link."""
    from storage import Store
    from tests.app.test_workshop_pages import participant

    store = Store()  # the app's own database: RADAR_DATA_DIR of this test (tests/app/conftest.py)
    created = open_express_workshop(store)
    express = get_questionnaire("express")
    app = participant(created.participant_code, {item.id: 4 for item in express.items}, {})
    assert store.set_workshop_status(created.facilitator_key, "closed")
    app.switch_page("app_pages/results.py").run()
    assert_no_exception(app)
    infos = [i.value for i in app.info]
    assert translate("results.group_results_too_few", "fr", count=express.min_group_size) in infos
    assert translate("results.group_results_ready", "fr") not in infos
    assert not [link for link in app.get("page_link") if "group_results" in link.proto.page]
