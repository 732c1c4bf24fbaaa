"""The page table of ``ui/navigation.py`` against the files, the links between pages and the catalogues."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from ui import urls
from ui.navigation import NOT_FOUND, PAGES, PAGES_DIR, names_home, page_specs

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py")), *sorted((ROOT / PAGES_DIR).glob("*.py"))]


def string_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_no_pages_folder_beside_app_py() -> None:
    # Its mere existence puts Streamlit in its old multipage mode at a server's first run: a kept link then runs
    # the page file alone, with a sidebar listing every page (see ui/navigation.py and test_deep_links.py).
    assert not (ROOT / "pages").exists()


def test_every_page_file_is_in_the_table_and_every_entry_has_its_file() -> None:
    files = {path.name for path in (ROOT / PAGES_DIR).glob("*.py")}
    listed = [spec.file for spec in (*PAGES, NOT_FOUND)]
    assert len(listed) == len(set(listed))
    assert set(listed) == files
    assert [spec.file for spec in PAGES if spec.default] == ["home.py"]


def test_links_between_pages_name_pages_of_the_table() -> None:
    known = {spec.path for spec in PAGES}
    wrong = []
    for path in SOURCES:
        for line, value in string_literals(path):
            if value.endswith(".py") and "/" in value and value not in known:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {value}")
    assert not wrong, wrong
    # The scan sees the links: the home page links to the questionnaire.
    assert "app_pages/questionnaire.py" in {value for _, value in string_literals(ROOT / PAGES_DIR / "home.py")}


def test_every_page_path_is_known_to_the_url_builder() -> None:
    # A share link built from a page missing there would keep the page's name in its root.
    assert set(urls.PAGE_PATHS) == {spec.url_path for spec in PAGES}


def test_every_page_title_is_in_both_catalogues() -> None:
    for lang in ("fr", "en"):
        nav = yaml.safe_load((ROOT / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8"))["nav"]
        missing = [spec.title_key for spec in (*PAGES, NOT_FOUND) if spec.title_key.removeprefix("nav.") not in nav]
        assert not missing, (lang, missing)


def test_an_address_that_names_no_page_gets_the_not_found_page_and_a_known_one_does_not() -> None:
    assert page_specs("n-existe-pas") == (*PAGES, NOT_FOUND)
    for requested in ("", "results", "dashboard"):
        assert page_specs(requested) == PAGES
    # The home page is at the root under another name: « /home » gets the page, which goes home.
    for guess in ("home", "accueil"):
        assert page_specs(guess) == (*PAGES, NOT_FOUND)
        assert names_home(guess)
    assert not names_home("n-existe-pas")
    # Streamlit takes no « / » in a page's address: a nested one cannot be matched, and keeps its own box.
    assert page_specs("a/b") == PAGES
