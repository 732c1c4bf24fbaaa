"""Safe loading of questionnaire files: YAML that can only hold data, checked against the model.

Every problem of a file is collected (YAML-level problems first, then the model's), so that an author fixes a
file in one pass rather than one error at a time.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from scoring.model import DEFAULT_LANGUAGE, Questionnaire
from scoring.problems import Problem, QuestionnaireError

MAX_BYTES = 1024 * 1024
# Plain data tags; anything else (python/object, set, binary, custom !tags) could build an object.
_DATA_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}
# CSV columns of a response file beside the item and profile ids.
RESERVED_IDS = {"respondent"}


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Load and validate one questionnaire file; raise QuestionnaireError listing every problem."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise QuestionnaireError([Problem(name, "", "file_too_large", {"size": size, "limit": MAX_BYTES})])
        data = path.read_bytes()
    except OSError as error:
        raise QuestionnaireError([Problem(name, "", "file_unreadable", {"detail": error.strerror or error})]) from None
    return parse_questionnaire(data, name)


def parse_questionnaire(data: bytes | str, name: str = "questionnaire.yaml") -> Questionnaire:
    """Validate questionnaire content (e.g. an upload); ``name`` is used in the messages."""
    raw = _read_yaml(data, name)
    problems = _cross_checks(raw, name)
    language = raw.get("language") if isinstance(raw.get("language"), str) else DEFAULT_LANGUAGE
    try:
        questionnaire = Questionnaire.model_validate(raw, context={"language": language})
    except ValidationError as error:
        problems = _from_pydantic(error, name, raw) + problems
        raise QuestionnaireError(_sorted_unique(problems)) from None
    if problems:
        raise QuestionnaireError(problems)
    return questionnaire


def _read_yaml(data: bytes | str, name: str) -> dict[str, Any]:
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise QuestionnaireError([Problem(name, "", "file_too_large", {"size": len(data), "limit": MAX_BYTES})])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise QuestionnaireError([Problem(name, "", "not_utf8", {"line": line})]) from None
    if not text.strip():
        raise QuestionnaireError([Problem(name, "", "file_empty")])

    problems = _scan_events(text, name)
    if problems:
        raise QuestionnaireError(problems)
    loader = _DuplicateKeyLoader(text)
    try:
        raw = loader.get_single_data()
    except yaml.YAMLError as error:  # pragma: no cover - the event scan already reports syntax errors
        raise QuestionnaireError([_syntax_problem(error, name)]) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise QuestionnaireError(
            [Problem(name, path, "yaml_duplicate_key", params) for path, params in loader.duplicates]
        )
    if raw is None:
        raise QuestionnaireError([Problem(name, "", "file_empty")])
    if not isinstance(raw, dict):
        raise QuestionnaireError([Problem(name, "", "not_a_mapping")])
    return raw


def _scan_events(text: str, name: str) -> list[Problem]:
    """Refuse anchors, aliases and object-building tags before anything is constructed."""
    problems: list[Problem] = []
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                problems.append(Problem(name, "", "yaml_alias", {"name": event.anchor, "line": line}))
                continue
            anchor = getattr(event, "anchor", None)
            if anchor:
                problems.append(Problem(name, "", "yaml_anchor", {"name": anchor, "line": line}))
            tag = getattr(event, "tag", None)
            if tag and tag not in _DATA_TAGS and not (tag == "!" and isinstance(event, yaml.ScalarEvent)):
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                problems.append(Problem(name, "", "yaml_tag", {"tag": shown, "line": line}))
    except yaml.YAMLError as error:
        problems.append(_syntax_problem(error, name))
    return problems


def _syntax_problem(error: yaml.YAMLError, name: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else "?"
    column = mark.column + 1 if mark else "?"
    detail = getattr(error, "problem", None) or str(error)
    return Problem(name, "", "yaml_syntax", {"line": line, "column": column, "detail": detail})


class _DuplicateKeyLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys silently; an author who wrote ``text`` twice must be told."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, dict[str, Any]]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                self.duplicates.append(("", {"key": key, "line": key_node.start_mark.line + 1}))
            seen.add(key if isinstance(key, (str, int, float, bool)) else id(key))
        return super().construct_mapping(node, deep=deep)


_DuplicateKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _DuplicateKeyLoader.construct_mapping
)


def format_path(loc: tuple[Any, ...] | list[Any]) -> str:
    """('dimensions', 2, 'items', 0, 'id') -> 'dimensions[2].items[0].id'."""
    out = ""
    for part in loc:
        if part == "[key]":  # pydantic's marker for a mapping's key: the key before it is the place
            continue
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{_text(part)}]"
        else:
            out += f".{_text(part)}" if out else _text(part)
    return out


def _from_pydantic(error: ValidationError, name: str, raw: dict[str, Any]) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        code = detail["type"]
        params: dict[str, Any] = dict(detail.get("ctx") or {})
        value = detail.get("input")
        params.setdefault("value", _short(value))
        params.setdefault("detail", detail["msg"])
        if code == "extra_forbidden":
            key = str(loc[-1])
            params["key"] = key
            suggestion = _suggestion(key, _model_at(loc[:-1]))
            if suggestion:
                code = "extra_forbidden_hint"
                params["suggestion"] = suggestion
        elif code == "string_pattern_mismatch" and loc and loc[-1] == "language":
            code = "language_code"
        elif code in {"int_parsing", "int_from_float"}:
            code = "int_type"
        elif code == "float_parsing":
            code = "float_type"
        elif code == "finite_number":
            pass
        elif code == "bool_parsing":
            code = "bool_type"
        elif code in {"model_type", "model_attributes_type"}:
            code = "dict_type"
        problems.append(Problem(name, format_path(loc), code, params))
    return problems


def _short(value: Any) -> str:
    text = _text(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(value: Any) -> str:
    """A value as the author wrote it in YAML (``true``, not ``True``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    try:
        return str(value)
    except ValueError:  # an integer of thousands of digits (0b111...), which Python refuses to print
        return "…"


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class a location points into, to suggest the key the author probably meant."""
    model: Any = Questionnaire
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if model else None
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found:
            return found
    return None


def _suggestion(key: str, model: type[BaseModel] | None) -> str | None:
    if model is None:
        return None
    close = difflib.get_close_matches(key, list(model.model_fields), n=1, cutoff=0.6)
    return close[0] if close else None


def _cross_checks(raw: dict[str, Any], name: str) -> list[Problem]:
    """Rules across the file (unique ids), run on the raw data so they report even when other fields fail."""
    problems: list[Problem] = []
    seen_items: dict[str, str] = {}
    seen_dimensions: dict[str, str] = {}
    seen_profile: dict[str, str] = {}

    def check(registry: dict[str, str], value: Any, path: str) -> None:
        if not isinstance(value, str):
            return
        if value in registry:
            problems.append(Problem(name, path, "duplicate_id", {"value": value, "first": registry[value]}))
        else:
            registry[value] = path

    profile = raw.get("profile")
    for f_index, field in enumerate(profile if isinstance(profile, list) else []):
        if not isinstance(field, dict):
            continue
        field_path = f"profile[{f_index}]"
        check(seen_profile, field.get("id"), f"{field_path}.id")
        seen_options: dict[str, str] = {}
        options = field.get("options")
        for o_index, option in enumerate(options if isinstance(options, list) else []):
            if isinstance(option, dict):
                check(seen_options, option.get("id"), f"{field_path}.options[{o_index}].id")

    dimensions = raw.get("dimensions")
    for d_index, dimension in enumerate(dimensions if isinstance(dimensions, list) else []):
        if not isinstance(dimension, dict):
            continue
        check(seen_dimensions, dimension.get("id"), f"dimensions[{d_index}].id")
        items = dimension.get("items")
        for i_index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                item_path = f"dimensions[{d_index}].items[{i_index}].id"
                check(seen_items, item.get("id"), item_path)
                # Item and profile ids share the columns of a response file.
                if isinstance(item.get("id"), str) and item["id"] in seen_profile:
                    first = seen_profile[item["id"]]
                    problems.append(Problem(name, item_path, "duplicate_id", {"value": item["id"], "first": first}))

    for registry in (seen_items, seen_profile):
        for value, path in registry.items():
            if value in RESERVED_IDS:
                problems.append(Problem(name, path, "reserved_id", {"value": value}))
    return problems


def _sorted_unique(problems: list[Problem]) -> list[Problem]:
    unique: list[Problem] = []
    for problem in problems:
        if problem not in unique:
            unique.append(problem)
    return unique
