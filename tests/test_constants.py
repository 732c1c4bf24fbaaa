"""The constants that several layers share are defined once (issue 10: some were written twice, with different
values): a second module that needs one imports it, or re-exports it by name (``MAX_ORGANISATIONS =
inputs.MAX_ORGANISATIONS``), rather than writing the value again, where the two copies could come to disagree.

Only the shared ones are checked by name: two modules may well each have a ``MAX_DEPTH`` of their own that mean
different things."""

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


def literal_constants(source: str) -> list[str]:
    """The module-level UPPER_CASE names given a value written in place (not a name from elsewhere)."""
    names = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if isinstance(value, ast.Name | ast.Attribute):  # a re-export: the value lives elsewhere
            continue
        names += [t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper() and len(t.id) > 1]
    return names


def definitions() -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:  # Alembic revisions name their own `revision` ids, frozen in time
                continue
            for name in literal_constants(path.read_text(encoding="utf-8")):
                found[name].append(str(path.relative_to(ROOT)))
    return found


def test_no_shared_constant_is_written_in_two_modules() -> None:
    twice = {name: paths for name, paths in definitions().items() if name in SHARED and len(paths) > 1}
    assert twice == {}


def test_a_value_written_again_is_caught_and_a_re_export_is_not() -> None:
    assert literal_constants('DEFAULT_LANGUAGE = "fr"\nLIMIT: int = 3\n') == ["DEFAULT_LANGUAGE", "LIMIT"]
    assert literal_constants("from i18n import X\nMAX = inputs.MAX\nALSO = X\nlower = 1\n") == []
