"""The pages « Sources » and « Glossaire », and what the other screens show of sources, actors and the glossary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from i18n import translate
from scoring.bibliography import default_bibliography, source_text
from scoring.glossary import default_glossary
from scoring.model import text_in
from tests.app.helpers import answer_all_steps, assert_no_exception, by_label, click, new_app
from ui.catalogue import get_questionnaire
from ui.results_view import MORE_RECOMMENDATIONS, in_directive

LINE_NUMBERS = re.compile(r"\b\d{3}:\d+")


def page(path: str, lang: str = "fr", **query: str):
    app = new_app(lang, **query)
    app.run()
    app.switch_page(path).run()
    assert_no_exception(app)
    return app


def shown_text(app) -> str:
    parts = [*app.markdown, *app.caption, *app.header, *app.subheader, *app.title, *app.info]
    return " ".join(part.value for part in parts)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_sources_page_gives_every_reference_in_full(lang: str) -> None:
    app = page("app_pages/sources.py", lang)
    assert app.title[0].value == translate("sources.title", lang)
    text = shown_text(app)
    bibliography = default_bibliography()
    for key in bibliography.references:
        assert bibliography.full_text(key, lang, with_parent=False) in text, key
    # Where each is read in the corpus, for reviewers, and what rests on it.
    assert "004:139-201" in text
    assert any(e.label.startswith(translate("sources.cited_by", lang, count=2).split(" ", 1)[0]) for e in app.expander)


def test_the_sources_page_lists_the_statements_citing_a_work() -> None:
    app = page("app_pages/sources.py", "fr")
    statements = " ".join(m.value for e in app.expander for m in e.markdown)
    # Lahary is cited by the statement on commitments (gouv-9): its text is listed, with its questionnaire.
    commitments = text_in(get_questionnaire("sante-partenariat").items[-3].text, "fr")
    assert commitments in statements and "*Santé du partenariat*" in statements


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_glossary_page_lists_every_term_by_section(lang: str) -> None:
    app = page("app_pages/glossary.py", lang)
    assert app.title[0].value == translate("glossary.title", lang)
    headers = [h.value for h in app.header]
    assert headers[:4] == [
        translate(f"glossary.section_{s}", lang) for s in ("method", "relations", "pilotage", "demarche")
    ]
    text = shown_text(app)
    for term in default_glossary().terms.values():
        assert text_in(term.term, lang) in text and text_in(term.definition, lang) in text
        assert source_text(term.source, lang) in text


def test_a_link_to_a_term_shows_it_first() -> None:
    app = page("app_pages/glossary.py", "en", term="a-discuter")
    entry = default_glossary().terms["a-discuter"]
    assert app.subheader[0].value == entry.term["en"]
    assert app.markdown[1].value == entry.definition["en"]  # after the intro
    # An unknown term is no error: the page lists everything.
    page("app_pages/glossary.py", "fr", term="inconnu")


def test_the_continuum_steps_come_from_the_guide_s_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    continuum = tmp_path / "continuum.yaml"
    continuum.write_text(
        "steps:\n"
        "  - {id: information, label: {fr: Information, en: Information},"
        " definition: {fr: 'Une seule voie.', en: 'One way.'}, source: 'P. Brachet (004:130)'}\n"
        "  - {id: fusion, label: {fr: Fusion, en: Merger}, definition: {fr: 'Une seule organisation.', en: 'One.'},"
        " source: [{seed: '003:140'}]}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("ui.sources_view.CONTINUUM_FILE", continuum)
    monkeypatch.setattr("ui.sources_view.FORMS_FILE", tmp_path / "absent.yaml")
    app = page("app_pages/glossary.py", "fr")
    assert translate("glossary.continuum_steps", "fr") in [s.value for s in app.subheader]
    assert translate("glossary.forms", "fr") not in [s.value for s in app.subheader]
    text = shown_text(app)
    assert "**1. Information** · Une seule voie." in text and "**2. Fusion** · Une seule organisation." in text
    assert "I. Gueye, RIUESS 2014" in text  # a seed locator shown as the corpus text it points into


def solo_results(lang: str = "fr"):
    """A respondent who answered the express questionnaire as badly as possible: many recommendations."""
    app = new_app(lang)
    app.run()
    click(app, "start_express")
    questionnaire = get_questionnaire("express")
    worst = {item.id: (5 if item.reverse else 1) for item in questionnaire.items}
    answer_all_steps(app, worst, profile={"role": "direction"})
    app.button(key="submit").click().run()
    assert_no_exception(app)
    return app, questionnaire


def test_results_show_five_recommendations_first_with_who_acts_and_readable_sources() -> None:
    app, _ = solo_results("fr")
    [folded] = [e for e in app.expander if re.fullmatch(r"Voir les \d+ autres recommandations", e.label)]
    cards = [m.value for m in app.markdown if "\n\n**Qui agit d’ordinaire" in m.value]
    assert len(cards) == 5  # shown first; the others are built once their fold is opened
    assert not folded.markdown
    app.session_state[MORE_RECOMMENDATIONS] = True  # as the fold's opening does
    app.run()
    assert_no_exception(app)
    [folded] = [e for e in app.expander if re.fullmatch(r"Voir les \d+ autres recommandations", e.label)]
    hidden = [m.value for m in folded.markdown if "\n\n**Qui agit d’ordinaire" in m.value]
    assert len(hidden) == int(re.findall(r"\d+", folded.label)[0])
    sources = [line for card in cards + hidden for line in card.split("\n\n") if line.startswith(":gray[:small[Source")]
    assert len(sources) == len(cards + hidden) and not any(LINE_NUMBERS.search(source) for source in sources)
    assert "D. Lahary (2007), cité dans le dossier RNRSMS" in " ".join(sources)


def test_every_statement_source_is_in_the_results_table() -> None:
    app, questionnaire = solo_results("fr")
    app.session_state["results_items_table"] = True  # the table is built once its expander is opened
    app.run()
    assert_no_exception(app)
    [table] = [d for d in app.dataframe if "Source" in d.value.columns]
    assert list(table.value["Source"]) == [source_text(item.source, "fr") for item in questionnaire.items]


def test_the_results_link_the_levels_to_the_glossary() -> None:
    app, _ = solo_results("fr")
    links = [link for link in app.get("page_link") if "glossary" in link.proto.page]
    assert links and "Niveau" in links[0].proto.label


def test_a_statement_s_help_ends_with_its_source() -> None:
    app = new_app("fr")
    app.run()
    click(app, "start_sante-partenariat")
    click(app, "next")  # past the profile
    click(app, "next")  # past the position questions
    questionnaire = get_questionnaire("sante-partenariat")
    first = questionnaire.dimensions[0].items[2]  # eth-3: no recommendation, so its source was never shown
    radio = by_label(app.radio, f"3. {text_in(first.text, 'fr')}")
    assert radio.help.endswith(f"Source\u202f: {source_text(first.source, 'fr')}")


def test_a_recommendation_card_keeps_brackets_inside_its_directives() -> None:
    """A bracket ends ``:gray[...]`` unless escaped; one escaped already (`ui.text.plain`) stays as it is."""
    assert in_directive("Charte [2010]") == "Charte \\[2010\\]"
    assert in_directive("Charte \\[2010\\]") == "Charte \\[2010\\]"
