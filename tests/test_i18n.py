"""Both catalogues have the same keys, no empty text, the same placeholders, and French typography; plural
entries have the same forms in both languages, and the code passes them their count."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from i18n import LANGUAGES, PLURAL_FORMS, catalogue, plural_form, plural_keys, translate
from scripts.french_typography import problems as french_typography_problems

ROOT = Path(__file__).resolve().parents[1]

FRENCH = catalogue("fr")
ENGLISH = catalogue("en")


def test_both_languages_have_the_same_keys() -> None:
    assert set(FRENCH) - set(ENGLISH) == set(), "keys missing in English"
    assert set(ENGLISH) - set(FRENCH) == set(), "keys missing in French"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_is_empty(lang: str) -> None:
    assert [key for key, text in catalogue(lang).items() if not text.strip()] == []


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_placeholders_match_between_languages() -> None:
    different = {key: (placeholders(FRENCH[key]), placeholders(ENGLISH[key])) for key in FRENCH if key in ENGLISH}
    assert {k: v for k, v in different.items() if v[0] != v[1]} == {}


def test_french_typography() -> None:
    found = {key: french_typography_problems(text) for key, text in FRENCH.items()}
    assert {key: problems for key, problems in found.items() if problems} == {}


def test_a_missing_key_falls_back_to_itself_rather_than_failing() -> None:
    assert translate("no.such.key", "en") == "no.such.key"


def test_plural_entries_have_the_same_forms_in_both_languages() -> None:
    french, english = plural_keys("fr"), plural_keys("en")
    assert set(french) == set(english)
    assert {key: (set(french[key]), set(english[key])) for key in french if set(french[key]) != set(english[key])} == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_plural_entry_has_an_other_form_and_no_unknown_one(lang: str) -> None:
    """A mapping with « one » but no « other » would silently be two keys nobody can reach with a count."""
    entries = plural_keys(lang)
    orphans = [name for name in catalogue(lang) if name.rpartition(".")[2] == "one" and name[:-4] not in entries]
    assert orphans == []
    assert {key: sorted(forms) for key, forms in entries.items() if not set(forms) <= set(PLURAL_FORMS)} == {}


def test_every_form_of_a_plural_entry_has_the_same_placeholders_in_both_languages() -> None:
    different = {}
    for key in plural_keys("fr"):
        names = {
            (lang, form): placeholders(text) for lang in LANGUAGES for form, text in plural_keys(lang)[key].items()
        }
        if len({frozenset(found) for found in names.values()}) > 1:
            different[key] = names
    assert different == {}


@pytest.mark.parametrize(
    ("lang", "count", "form"),
    [
        *[("fr", 0, "one"), ("fr", 1, "one"), ("fr", 1.5, "one"), ("fr", 2, "other"), ("fr", 10, "other")],
        *[("en", 0, "other"), ("en", 1, "one"), ("en", 1.5, "other"), ("en", 2, "other")],
    ],
)
def test_plural_form_follows_each_language(lang: str, count: float, form: str) -> None:
    """French says « 0 réponse » and « 1 réponse », English "0 answers" and "1 answer"."""
    assert plural_form(lang, count) == form


def test_translate_chooses_the_form_by_count() -> None:
    assert translate("dashboard.people", "fr", count=0) == "0 personne"
    assert translate("dashboard.people", "fr", count=1) == "1 personne"
    assert translate("dashboard.people", "fr", count=4) == "4 personnes"
    assert translate("dashboard.people", "en", count=0) == "0 people"
    assert translate("dashboard.people", "en", count=1) == "1 person"
    assert translate("dashboard.counts_joined", "fr", count=1) == "1 personne a commencé"
    assert translate("dashboard.counts_joined", "fr", count=3) == "3 personnes ont commencé"


def test_a_plural_entry_without_a_count_takes_its_other_form() -> None:
    """translate() keeps its old signature: a caller that forgets the count gets a text, not a crash."""
    assert translate("dashboard.people", "en") == "{count} people"


def _translation_calls() -> list[tuple[str, str, set[str]]]:
    """(where, key, keyword names) of every t("...")/translate("...") call with a literal key in the app."""
    calls = []
    files = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py")), *sorted((ROOT / "app_pages").glob("*.py"))]
    files += sorted((ROOT / "reports").glob("*.py"))
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in {"t", "translate"} or not node.args:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                calls.append((where, first.value, {k.arg for k in node.keywords if k.arg}))
    return calls


def test_the_app_only_asks_for_keys_that_exist() -> None:
    known = set(FRENCH) | set(plural_keys("fr"))
    assert [(where, key) for where, key, _ in _translation_calls() if key not in known] == []


def test_the_app_passes_a_count_to_every_plural_entry() -> None:
    plural = set(plural_keys("fr"))
    calls = _translation_calls()
    assert any(key in plural for _, key, _ in calls), "the scan found no plural entry: is it still looking?"
    assert [(where, key) for where, key, keywords in calls if key in plural and "count" not in keywords] == []


def test_one_catalogue_holds_the_interface_the_command_line_and_validation() -> None:
    """Screens, ``python -m scoring`` and the validation messages all come out of ``translate``."""
    assert translate("home.title", "fr") == FRENCH["home.title"]
    assert (
        translate("cli.group_missing", "en", field="role") == "--group-by role: the response file has no 'role' column"
    )
    assert translate("validation.extra_forbidden", "fr", key="reversed") == "clé inconnue «\u00a0reversed\u00a0»"
    assert translate("responses.more_problems", "fr", count=1) == "… et 1 autre problème dans les cellules"
    assert translate("responses.more_problems", "fr", count=0) == "… et 0 autre problème dans les cellules"
    assert translate("responses.more_problems", "en", count=2) == "… and 2 more problems in the cells"


def test_a_key_lives_in_one_file_of_a_language(tmp_path, monkeypatch) -> None:
    import i18n

    (tmp_path / "fr.yaml").write_text("a:\n  b: un\n", encoding="utf-8")
    (tmp_path / "fr.extra.yaml").write_text("a:\n  c: deux\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        assert i18n.catalogue("fr") == {"a.b": "un", "a.c": "deux"}
        (tmp_path / "fr.extra.yaml").write_text("a:\n  b: encore\n", encoding="utf-8")
        i18n.catalogue.cache_clear()
        with pytest.raises(i18n.DuplicateKey, match=r"a\.b"):
            i18n.catalogue("fr")
    finally:
        monkeypatch.undo()
        i18n.catalogue.cache_clear()


def test_a_text_parameter_is_translated_in_the_sentence_s_language() -> None:
    from i18n import Text

    kind = Text("validation.kind.int")
    assert "YAML lit cette valeur comme un nombre entier" in translate("validation.yaml_value", "fr", kind=kind)
    assert "YAML reads this value as a whole number" in translate("validation.yaml_value", "en", kind=kind)
    assert Text("responses.more_problems", {"count": 3})("en") == "… and 3 more problems in the cells"


def test_a_parameter_named_key_or_lang_is_a_parameter() -> None:
    assert translate("validation.text_empty", "en", key="fr") == "empty text for language 'fr'"


def test_a_placeholder_without_its_parameter_stays_visible_instead_of_failing() -> None:
    assert translate("cli.output_failed", "en", path="out.json") == "cannot write out.json: {detail}"


def test_whole_numbers_are_grouped_as_each_language_writes_them() -> None:
    from i18n import format_integer

    assert format_integer(20_971_520, "fr") == "20\u202f971\u202f520"
    assert format_integer(20_971_520, "en") == "20,971,520"
    assert format_integer(999, "fr") == "999"
