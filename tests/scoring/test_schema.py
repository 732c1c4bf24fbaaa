"""``python -m scoring schema``: a JSON Schema of the questionnaire format, made from the pydantic model.

An editor checks a YAML file against it as one types; it must accept every file the loader accepts (the shipped
questionnaires, the examples of docs/) and refuse what can be seen wrong in one value (a typo in a key, a bad id,
a bad language code).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from scoring.schema import questionnaire_schema, schema_text

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "questionnaires").glob("*.yaml"))
SCHEMA = questionnaire_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def json_view(value: Any) -> Any:
    """What an editor's language server checks: the YAML as JSON, whose keys are strings (scale labels too)."""
    if isinstance(value, dict):
        return {str(key): json_view(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_view(item) for item in value]
    return value


def minimal() -> dict[str, Any]:
    return {
        "id": "essai",
        "version": "1.0",
        "title": "Essai",
        "scale": {"min": 1, "max": 5, "labels": {"1": "Non", "5": {"fr": "Oui", "en": "Yes"}}},
        "dimensions": [{"id": "d", "label": "D", "items": [{"id": "i-1", "text": "Un texte."}]}],
    }


def test_the_command_prints_the_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scoring", "schema"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == SCHEMA


def test_it_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_copy_in_docs_is_up_to_date() -> None:
    # Editors point at this file; regenerate it with `python -m scoring schema > docs/questionnaire.schema.json`.
    assert (ROOT / "docs" / "questionnaire.schema.json").read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_shipped_questionnaire_passes(path: Path) -> None:
    errors = [error.message for error in VALIDATOR.iter_errors(json_view(yaml.safe_load(path.read_text("utf-8"))))]
    assert not errors, errors


def test_a_minimal_file_with_plain_and_translated_texts_passes() -> None:
    assert VALIDATOR.is_valid(minimal())


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda q: q["dimensions"][0]["items"][0].update(reversed=True), "a typo in a key"),
        (lambda q: q.update(id="Essai 1"), "an id that is not a slug"),
        (lambda q: q.update(title={"FR": "Essai"}), "a language code in capitals"),
        (lambda q: q.update(title=""), "an empty text"),
        (lambda q: q["dimensions"][0].update(weight=0), "a weight that is not positive"),
        (lambda q: q["dimensions"][0].update(weight=True), "a boolean for a number"),
        (lambda q: q.update(min_group_size=1.5), "a group size that is not whole"),
        (lambda q: q["scale"]["labels"].update(un="Non"), "a scale label that is not a number"),
        (lambda q: q.update(dimensions=[]), "no dimension"),
        (lambda q: q.pop("scale"), "no scale"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_what_one_value_shows_wrong_is_refused(change: Any, why: str) -> None:
    questionnaire = minimal()
    change(questionnaire)
    assert not VALIDATOR.is_valid(questionnaire), why
