"""A questionnaire written back as the YAML of docs/questionnaire-format.md (``python -m scoring convert``).

The file is what an author would write: keys in the format's order, defaults left out (except the language, which
says how plain strings read), every text as its mapping of languages, whole numbers without ``.0``, no anchor or
alias (the loader refuses them), and long texts on one line each. Reading it back gives the same model (tested).
"""

from __future__ import annotations

from typing import Any

import yaml

from scoring.model import Questionnaire


class _Dumper(yaml.SafeDumper):
    """Plain data only; never an anchor, even where two values are the same object."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A text over several lines reads best as a block; PyYAML falls back to quotes where a block cannot hold it.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def questionnaire_data(questionnaire: Questionnaire) -> dict[str, Any]:
    """The questionnaire as plain data in the format's order, defaults left out."""
    data = questionnaire.model_dump(mode="python", exclude_defaults=True)
    data = {"id": questionnaire.id, "version": questionnaire.version, "language": questionnaire.language, **data}
    return _tidy(data)


def questionnaire_yaml(questionnaire: Questionnaire) -> str:
    return yaml.dump(
        questionnaire_data(questionnaire),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,  # one text, one line: folded lines read back the same but are hard to edit
    )


def _tidy(value: Any) -> Any:
    """Whole floats as integers (``weight: 2``, not ``2.0``): the model reads both the same."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _tidy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_tidy(item) for item in value]
    return value
