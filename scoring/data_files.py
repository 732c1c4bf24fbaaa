"""Which kind of data file a path holds, so that ``python -m scoring validate`` checks every file of the project
(questionnaires, the guide to the forms of cooperation, the continuum) with the right model."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from scoring.loader import parse_questionnaire, read_file

# A guide names its kind on a top-level line (``kind: cooperation-forms``); a questionnaire has no such key.
_KIND_LINE = re.compile(rb"^kind:[ \t]*[\"']?([A-Za-z0-9-]+)", re.MULTILINE)


def load_data_file(path: str | Path) -> BaseModel:
    """Load and validate any data file; raise scoring.problems.QuestionnaireError with every problem located."""
    path = Path(path)
    data = read_file(path)
    if path.suffix.lower() == ".xlsx" or data.startswith(b"PK\x03\x04"):
        from scoring.sheet_read import parse_workbook

        return parse_workbook(data, str(path))
    found = _KIND_LINE.search(data)
    kind = found.group(1).decode() if found else None
    if kind == "cooperation-forms":
        from scoring.forms import parse_forms_guide

        return parse_forms_guide(data, str(path))
    if kind == "continuum":
        from scoring.continuum import parse_continuum

        return parse_continuum(data, str(path))
    # Anything else is read as a questionnaire, whose model refuses an unknown ``kind:`` key, located.
    return parse_questionnaire(data, str(path))
