"""Whatever a person types, ui.text.plain makes Streamlit's real frontend show that very text, no markup.

Streamlit's Markdown is not only CommonMark: its frontend turns ``:material/lock:`` into an icon, ``:smile:``
into an emoji, ``:red[…]`` into colour, ``$x$`` into math and ``->`` into an arrow, some of them after escapes
are resolved. Only the browser can say what is shown, so the property runs here: hypothesis draws lists of
one-line texts rich in those constructs, a probe script (tests/browser/probes/markdown_probe.py) shows each as a
paragraph, a subheader and a radio option, and the visible text must be the typed text (after clean_line, as
every one-line text is cleaned on input), spaces aside.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import shot, wait_idle
from tests.browser.server import AppServer, run_app_server
from ui.text import WORD_JOINER, clean_line

pytestmark = pytest.mark.browser

PLACES = ("markdown", "subheader", "radio")
# For each place, what holds the shown text (the radio's own label is collapsed; its option is what one reads).
SHOWN_TEXT_JS = """(places) => {
    const read = (selector) => {
        const element = document.querySelector(selector);
        return element ? element.innerText : null;
    };
    const count = document.querySelectorAll('[class*="st-key-probe-markdown-"]').length;
    return Array.from({length: count}, (_, number) => places.map((place) => {
        const scope = `.st-key-probe-${place}-${number}`;
        return place === 'radio'
            ? read(`${scope} [data-testid="stRadioOption"] [data-testid="stMarkdownContainer"]`)
            : read(`${scope} [data-testid="stMarkdownContainer"]`);
    }));
}"""

# Fragments that start a construct somewhere in Streamlit's Markdown, mixed with arbitrary text.
TRIGGERS = [
    ":material/lock:",
    ":material/",
    ":red[",
    ":blue-background[",
    ":orange-badge[",
    ":small[",
    ":streamlit:",
    ":smile:",
    ":+1:",
    ":",
    "[",
    "]",
    "(",
    ")",
    "$",
    "$$",
    "\\",
    "*",
    "**",
    "_",
    "~~",
    "`",
    "```",
    "#",
    "> ",
    "- ",
    "1. ",
    "|",
    "->",
    "<-",
    "<->",
    " -- ",
    ">=",
    "<=",
    "~=",
    "<b>",
    "</div>",
    "&amp;",
    "&#58;",
    "https://exemple.org",
    "www.exemple.org",
    "nom@exemple.org",
    "[lien](https://exemple.org)",
    "![image](x.png)",
    "^",
    "=",
    "\t",
    " ",
]
CHARACTERS = st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn", "Cf", "Zl", "Zp"))
FRAGMENT = st.one_of(st.sampled_from(TRIGGERS), st.text(CHARACTERS, min_size=1, max_size=6))
TEXT = st.lists(FRAGMENT, min_size=1, max_size=8).map("".join).map(clean_line).filter(bool)
RUNS = itertools.count()
EXAMPLE = [
    ":material/lock: Atelier du :red[conseil]",
    "Bravo :smile: -> $x$ -- fin >= 2",
    "**ACME** <b>Rennes</b> &amp; [lien](https://exemple.org) www.exemple.org WWW.X.FR",
    "nom@exemple.org https://exemple.org/atelier mailto:x@y.fr",
    "# 1. - > | ~~barré~~ `code` _x_",
]


def visible(text: str | None) -> str:
    return " ".join((text or "").replace(WORD_JOINER, "").split())


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, Path]]:
    workdir = tmp_path_factory.mktemp("markdown-probe")
    texts = workdir / "texts.json"
    script = "tests/browser/probes/markdown_probe.py"
    with run_app_server(workdir, script=script, extra_env={"RADAR_PROBE_TEXTS": str(texts)}) as server:
        yield server, texts


def shown_texts(page: Page, server: AppServer, file: Path, texts: list[str]) -> list[list[str | None]]:
    run = next(RUNS)
    file.write_text(json.dumps({"run": run, "texts": texts}), encoding="utf-8")
    page.goto(server.url)
    expect(page.locator(".st-key-probe-done")).to_have_text(f"probe run {run}")
    wait_idle(page)
    # Radio options are drawn a moment after their group.
    options = page.locator('[data-testid="stRadioOption"] [data-testid="stMarkdownContainer"]')
    expect(options).to_have_count(len(texts))
    return page.evaluate(SHOWN_TEXT_JS, list(PLACES))


def test_plain_shows_exactly_what_was_typed(browser: Browser, probe: tuple[AppServer, Path]) -> None:
    server, file = probe
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()

    @given(st.lists(TEXT, min_size=1, max_size=12))
    @example(EXAMPLE)
    @settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
    def check(texts: list[str]) -> None:
        shown = shown_texts(page, server, file, texts)
        assert len(shown) == len(texts)
        for typed, places in zip(texts, shown, strict=True):
            for place, text in zip(PLACES, places, strict=True):
                assert visible(text) == visible(typed), f"{place}: typed {typed!r}, shown {text!r}"

    try:
        check()
        # The fixed example last, so that the screenshot shows it.
        shown_texts(page, server, file, EXAMPLE)
        shot(page, "text-plain-probe")
        # No icon, emoji picture, math, coloured span or link was made of any of it (the one link of the page is
        # Streamlit's own « Skip to main content »).
        made = '[role="img"], .katex, .stMarkdownColoredText, .stMarkdownBadge, img, [data-testid="stMain"] a'
        assert page.locator(made).count() == 0
    finally:
        context.close()
