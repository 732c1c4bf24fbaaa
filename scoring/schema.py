"""The questionnaire format as a JSON Schema, made from the pydantic model: ``python -m scoring schema``.

An editor checks a YAML file against it as one types (``questionnaires/README.md``). The schema says what can be
said of one value at a time (keys, types, patterns, bounds); the rules that look across the file (unique ids, a
text in the default language, labels inside the scale, bands in order) are the loader's, so a file the schema
accepts can still be refused by ``python -m scoring validate``, never the other way round.
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Integer keys of scale.labels: YAML reads them as numbers, a JSON view of the file as strings.
INTEGER_KEY_PATTERN = r"^-?[0-9]+$"


def questionnaire_schema() -> dict[str, Any]:
    from scoring.model import Questionnaire

    schema = Questionnaire.model_json_schema(mode="validation")
    schema["$defs"]["Scale"]["properties"]["labels"]["propertyNames"] = {"pattern": INTEGER_KEY_PATTERN}
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "Radar du partenariat: questionnaire",
        "description": "A questionnaire of the Radar du partenariat (docs/questionnaire-format.md).",
        **{key: value for key, value in schema.items() if key not in {"title", "description"}},
    }


def schema_text() -> str:
    return json.dumps(questionnaire_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
