"""The constants that several layers share are defined once (issue 10: some were written twice, with different
values): a second module that needs one imports it, or re-exports it by name (``MAX_ORGANISATIONS =
inputs.MAX_ORGANISATIONS``), rather than writing the value again, where the two copies could come to disagree.

Only the shared ones are checked by name: two modules may well each have a ``MAX_DEPTH`` of their own that mean
different things. Where the layers cannot import each other (scoring and storage), a copy is allowed if it has
the same value: what is checked is that no shared constant is written with two values."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("scoring", "storage", "reports", "i18n", "ui", "app_pages")
# Limits and names more than one layer uses (the texts' and lists' limits, the languages, the URL's and files'
# names): each is written in one module.
SHARED = {
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "RESPONDENT_COLUMN",
    "CODE_PARAM",
    "MAX_COMMENT",
    "MAX_COMMENT_LENGTH",
    "MAX_TITLE",
    "MAX_TITLE_LENGTH",
    "MAX_ORGANISATIONS",
    "MAX_ORGANISATION",
    "MAX_ORGANISATION_LENGTH",
}


def literal_constants(source: str) -> dict[str, object]:
    """The module-level UPPER_CASE names given a value written in place (not a name from elsewhere), with it."""
    names: dict[str, object] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if isinstance(value, ast.Name | ast.Attribute):  # a re-export: the value lives elsewhere
            continue
        try:
            written: object = ast.literal_eval(value)
        except ValueError:
            written = ast.dump(value)
        for target in targets:
            if isinstance(target, ast.Name) and target.id.isupper() and len(target.id) > 1:
                names[target.id] = written
    return names


def definitions() -> dict[str, dict[str, object]]:
    """Shared name -> {module path: the value written there}."""
    found: dict[str, dict[str, object]] = defaultdict(dict)
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:  # Alembic revisions name their own `revision` ids, frozen in time
                continue
            for name, value in literal_constants(path.read_text(encoding="utf-8")).items():
                if name in SHARED:
                    found[name][str(path.relative_to(ROOT))] = value
    return found


def test_no_shared_constant_is_written_with_two_values() -> None:
    differ = {name: where for name, where in definitions().items() if len({repr(v) for v in where.values()}) > 1}
    assert differ == {}


def test_the_default_language_is_written_once() -> None:
    assert list(definitions()["DEFAULT_LANGUAGE"]) == ["i18n/__init__.py"]


def test_a_value_written_again_is_caught_and_a_re_export_is_not() -> None:
    assert literal_constants('DEFAULT_LANGUAGE = "fr"\nLIMIT: int = 3\n') == {"DEFAULT_LANGUAGE": "fr", "LIMIT": 3}
    assert literal_constants("from i18n import X\nMAX = inputs.MAX\nALSO = X\nlower = 1\n") == {}
