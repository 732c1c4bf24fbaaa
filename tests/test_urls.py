"""Every link the app hands out, by a table: people keep these links, so their shape is an interface."""

from __future__ import annotations

import pytest

from ui.urls import Links, app_root, glossary_params, key_from_link, projection_params


@pytest.mark.parametrize(
    ("address", "root"),
    [
        ("http://localhost:8501/", "http://localhost:8501"),
        ("http://localhost:8501", "http://localhost:8501"),
        ("http://localhost:8501/dashboard", "http://localhost:8501"),
        ("http://localhost:8501/join?code=ABCD-EFGH", "http://localhost:8501"),
        ("https://radar.example.org/outils/radar/", "https://radar.example.org/outils/radar"),
        ("https://radar.example.org/outils/radar", "https://radar.example.org/outils/radar"),
        ("https://radar.example.org/outils/radar/group_results", "https://radar.example.org/outils/radar"),
        ("https://radar.example.org/outils/radar/index.html", "https://radar.example.org/outils/radar"),
        ("", "http://localhost:8501"),
    ],
)
def test_the_root_is_found_from_any_page(address: str, root: str) -> None:
    assert app_root(address) == root


LINKS = Links(root="https://radar.example.org/a", lang="en")


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (LINKS.join("ABCD-EFGH"), "https://radar.example.org/a/join?code=ABCD-EFGH&lang=en"),
        (LINKS.dashboard("k" * 43), f"https://radar.example.org/a/dashboard?k={'k' * 43}&lang=en"),
        (LINKS.projection("t"), "https://radar.example.org/a/projection?p=t&lang=en"),
        (LINKS.projection("t", show_code=True), "https://radar.example.org/a/projection?p=t&lang=en&show=code"),
        (
            LINKS.projection("t", compare="organisation"),
            "https://radar.example.org/a/projection?p=t&lang=en&cmp=organisation",
        ),
        (
            LINKS.projection("t", compare="role", balanced=True),
            "https://radar.example.org/a/projection?p=t&lang=en&cmp=role&eq=1",
        ),
        (LINKS.results("tok"), "https://radar.example.org/a/results?r=tok&lang=en"),
        # The join link as a projected room types it: no scheme, no language when French (the default).
        (LINKS.short_join("ABCD-EFGH"), "radar.example.org/a/join?code=ABCD-EFGH&lang=en"),
        (
            Links(root="https://radar.example.org", lang="fr").short_join("ABCD-EFGH"),
            "radar.example.org/join?code=ABCD-EFGH",
        ),
        (LINKS.results("tok", "ABCD-EFGH"), "https://radar.example.org/a/results?r=tok&lang=en&code=ABCD-EFGH"),
    ],
)
def test_links(link: str, expected: str) -> None:
    assert link == expected


def test_a_code_with_characters_that_need_escaping_stays_one_parameter() -> None:
    assert LINKS.join("A&B=C") == "https://radar.example.org/a/join?code=A%26B%3DC&lang=en"


def test_a_glossary_link_names_its_term() -> None:
    # A link beside a word on a screen opens the glossary on that word (app_pages/glossary.py).
    assert glossary_params("a-discuter", "en") == {"term": "a-discuter", "lang": "en"}


def test_the_projector_shows_a_comparison_or_the_before_and_after() -> None:
    assert projection_params("t", "fr", waves=True) == {"p": "t", "lang": "fr", "show": "waves"}
    assert projection_params("t", "fr", balanced=True) == {"p": "t", "lang": "fr"}  # balanced needs a comparison


KEY = "AbC_d-" + "x" * 37


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (f"https://radar.example.org/a/dashboard?k={KEY}&lang=fr", KEY),
        (f"  http://localhost:8501/dashboard?lang=en&k={KEY}  ", KEY),
        (KEY, KEY),
        (f" {KEY}\n", KEY),
        ("https://radar.example.org/a/join?code=ABCD-EFGH&lang=fr", None),  # a join link opens no dashboard
        ("https://radar.example.org/a/dashboard?k=&lang=fr", None),
        ("", None),
        ("deux mots", None),
    ],
)
def test_a_pasted_facilitator_link_gives_its_key(text: str, key: str | None) -> None:
    assert key_from_link(text) == key
