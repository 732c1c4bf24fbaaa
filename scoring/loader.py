"""Safe loading of questionnaire files: YAML that can only hold data, checked against the model.

Every problem of a file is collected (YAML-level problems first, then the model's), so that an author fixes a
file in one pass rather than one error at a time.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from i18n import Text
from scoring.citations import Bibliography
from scoring.model import DEFAULT_LANGUAGE, RESPONDENT_COLUMN, Continuum, PositionStep, Questionnaire, is_language_code
from scoring.problems import Problem, QuestionnaireError

MAX_BYTES = 1024 * 1024
# A questionnaire nests about six levels; hundreds would exhaust the stack of whatever reads the data next.
MAX_DEPTH = 50
# Plain data tags; anything else (python/object, set, binary, custom !tags) could build an object. A scalar may
# carry one of these (or none), a sequence or a mapping only its own.
_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQUENCE_TAG = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
_MAPPING_TAG = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
# What YAML was asked to read, in the author's words, when it cannot (``validation.kind.*`` in the catalogue).
_KINDS = {"int", "float", "bool", "null", "timestamp", "str"}
# YAML-level problems that leave a stand-in at their path: null for an alias or a number too long, plain data for
# a refused tag, the raw text for an unreadable value.
_STAND_IN_CODES = {"yaml_alias", "yaml_tag", "yaml_value", "yaml_number_too_long"}
# The longest number YAML is asked to read. Python reads 0b111... of 15,000 digits into an integer it then refuses
# to print (over 4300 digits), and 1:59:59:... of 0.5 MiB takes seconds; a questionnaire's numbers are short.
MAX_NUMBER_CHARS = 30
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
# Line breaks as YAML (and PyYAML's marks) count them.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# CSV columns of a response file beside the item and profile ids.
RESERVED_IDS = {RESPONDENT_COLUMN}


def load_questionnaire(path: str | Path, *, bibliography: Bibliography | None = None) -> Questionnaire:
    """Load and validate one questionnaire file; raise QuestionnaireError listing every problem.

    With a ``bibliography``, every cited key must be in it (``scoring.bibliography``).
    """
    path = Path(path)
    return parse_questionnaire(read_file(path), str(path), bibliography=bibliography)


def read_file(path: Path) -> bytes:
    """A data file's bytes, refused over ``MAX_BYTES`` before it is read (the guides of content/ too)."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise QuestionnaireError([Problem(name, "", "file_too_large", {"size": size, "limit": MAX_BYTES})])
        return path.read_bytes()
    except OSError as error:
        raise QuestionnaireError([Problem(name, "", "file_unreadable", {"detail": error.strerror or error})]) from None


def parse_questionnaire(
    data: bytes | str, name: str = "questionnaire.yaml", *, bibliography: Bibliography | None = None
) -> Questionnaire:
    """Validate questionnaire content (e.g. an upload); ``name`` is used in the messages."""
    return parse_data(
        data,
        name,
        Questionnaire,
        _cross_checks,
        lambda questionnaire, name: _model_checks(questionnaire, name, bibliography),
    )


ModelT = TypeVar("ModelT", bound=BaseModel)


def parse_data(
    data: bytes | str,
    name: str,
    model: type[ModelT],
    cross_checks: Callable[[dict[str, Any], str], list[Problem]] | None = None,
    model_checks: Callable[[Any, str], list[Problem]] | None = None,
) -> ModelT:
    """Any data file of the project (a questionnaire, the guides of content/) read safely and checked against
    ``model``, every problem located; the file's ``language`` is the default language of its texts.
    ``cross_checks`` read the raw data; ``model_checks`` the validated model (reported with the others)."""
    raw, problems = _read_yaml(data, name)
    return check_data(raw, name, model, cross_checks, model_checks, problems)


def check_questionnaire_data(
    raw: dict[str, Any], name: str, problems: list[Problem] | None = None, *, bibliography: Bibliography | None = None
) -> Questionnaire:
    """The questionnaire rules on data already read (from YAML, or from a workbook by ``scoring.sheet_read``), with
    the ``problems`` found while reading it; raise QuestionnaireError listing every problem."""
    return check_data(
        raw,
        name,
        Questionnaire,
        _cross_checks,
        lambda questionnaire, name: _model_checks(questionnaire, name, bibliography),
        problems or [],
    )


def check_data(
    raw: dict[str, Any],
    name: str,
    model: type[ModelT],
    cross_checks: Callable[[dict[str, Any], str], list[Problem]] | None = None,
    model_checks: Callable[[Any, str], list[Problem]] | None = None,
    problems: list[Problem] | None = None,
) -> ModelT:
    """:func:`parse_data` after the reading: ``raw`` checked against ``model``, with the reading's ``problems``."""
    problems = list(problems or [])
    # Where YAML gave no usable value (an alias, a refused tag, an unreadable value), the model's complaint about
    # the stand-in would only repeat the YAML-level problem.
    stand_ins = {problem.path for problem in problems if problem.code in _STAND_IN_CODES}
    language = raw.get("language")
    if not (isinstance(language, str) and is_language_code(language)):
        # A wrong code is reported once, at ``language``; the texts are read as if it were the default.
        language = DEFAULT_LANGUAGE
    cross = cross_checks(raw, name) if cross_checks else []
    context = {"language": language, "named_steps": named_steps}
    try:
        validated = model.model_validate(raw, context=context)
    except ValidationError as error:
        found = [problem for problem in _from_pydantic(error, name, model) if problem.path not in stand_ins]
        raise QuestionnaireError(_sorted_unique(problems + found + cross)) from None
    if model_checks is not None:
        cross += model_checks(validated, name)
    if problems or cross:
        raise QuestionnaireError(_sorted_unique(problems + cross))
    return validated


CONTINUUM_FILE = Path(__file__).resolve().parents[1] / "content" / "continuum.yaml"


def parse_continuum(data: bytes | str, name: str = "continuum.yaml") -> Continuum:
    return parse_data(data, name, Continuum)


def load_continuum(path: str | Path = CONTINUUM_FILE) -> Continuum:
    path = Path(path)
    return parse_continuum(read_file(path), str(path))


@cache
def shipped_continuum() -> Continuum:
    """The continuum of working together, read once: every questionnaire naming it gets the same steps."""
    return load_continuum(CONTINUUM_FILE)


def named_steps(name: str) -> list[PositionStep]:
    """The steps of a list a questionnaire names (``steps: continuum``); a broken file raises its own problems."""
    return list(shipped_continuum().steps)


def _model_checks(questionnaire: Questionnaire, name: str, bibliography: Bibliography | None) -> list[Problem]:
    """Rules across the validated model: who is asked what, and the cited keys (when a bibliography is given)."""
    from scoring.asking import asked_of_problems
    from scoring.citations import citation_problems

    problems = asked_of_problems(questionnaire, name)
    if bibliography is not None:
        problems += citation_problems(questionnaire, bibliography, name)
    return problems


def _read_yaml(data: bytes | str, name: str) -> tuple[dict[str, Any], list[Problem]]:
    """The file's data and the YAML-level problems that still let it be checked; raise when there is no data."""
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

    builder = _Builder(name)
    complete = builder.build(text)
    problems = builder.problems
    if not complete:  # a syntax error, too deep a nesting, several documents: no data worth checking
        raise QuestionnaireError(problems)
    raw = builder.root
    if raw is None:
        raise QuestionnaireError([*problems, Problem(name, "", "file_empty")])
    if not isinstance(raw, dict):
        raise QuestionnaireError([*problems, Problem(name, "", "not_a_mapping")])
    return raw, problems


def _syntax_problem(error: yaml.YAMLError, name: str, text: str) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):  # a character position in the text, not a mark
        line, column = _line_and_column(text, error.position)
        character = error.character if isinstance(error.character, int) else ord(error.character)
        params = {"character": f"U+{character:04X}", "line": line, "column": column}
        return Problem(name, "", "yaml_character", params)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else "?"
    column = mark.column + 1 if mark else "?"
    detail = getattr(error, "problem", None) or str(error)
    return Problem(name, "", "yaml_syntax", {"line": line, "column": column, "detail": detail})


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    """The line and column (from 1) of a character of ``text``, lines broken as YAML breaks them."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, position):
        line, start = line + 1, match.end()
    return line, position - start + 1


_NO_KEY = object()  # a mapping waiting for its next key
_SKIP = object()  # a mapping whose key was a list or a mapping: the value that follows is dropped


@dataclass
class _Open:
    """A sequence or a mapping whose events are still coming."""

    value: list[Any] | dict[Any, Any]
    loc: tuple[Any, ...]
    line: int
    key: Any = _NO_KEY
    key_line: int = 0
    key_lines: dict[Any, int] = field(default_factory=dict)  # key -> line where it first appeared


class _Builder:
    """Plain data from the parser's events, without PyYAML's composer and constructor.

    Walking the events (no recursion) gives every problem its path and line, and lets the walk go on after
    one: an anchor, an alias, a refused tag, a duplicate key or an unreadable value is recorded and the data
    is still built, so that the model checks it too. Only a syntax error, nesting deeper than ``MAX_DEPTH`` and
    a second document stop the walk. Nothing is ever built from a tag: a refused tag's node is read as plain
    data, an alias as null.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.root: Any = None
        self._stack: list[_Open] = []
        self._documents = 0
        self._loader = yaml.SafeLoader("")  # its resolver and constructor, applied to single scalars only

    def build(self, text: str) -> bool:
        """Walk ``text``; False when the data is unusable (the reason is among the problems)."""
        try:
            return all(self._take(event) for event in yaml.parse(text, Loader=yaml.SafeLoader))
        except yaml.YAMLError as error:
            self.problems.append(_syntax_problem(error, self.name, text))
            return False
        finally:
            self._loader.dispose()

    def _take(self, event: yaml.Event) -> bool:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.DocumentStartEvent):
            self._documents += 1
            if self._documents > 1:
                self._problem((), "yaml_documents", line=line)
                return False
        elif isinstance(event, yaml.AliasEvent):
            self._problem(self._child_loc(), "yaml_alias", name=event.anchor, line=line)
            self._add(None, line)
        elif isinstance(event, yaml.ScalarEvent):
            loc = self._child_loc()
            self._anchor(event, loc, line)
            self._add(self._scalar(event, loc, line), line)
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(self._stack) >= MAX_DEPTH:
                self._problem((), "yaml_too_deep", limit=MAX_DEPTH, line=line)
                return False
            loc = self._child_loc()
            self._anchor(event, loc, line)
            mapping = isinstance(event, yaml.MappingStartEvent)
            if event.tag is not None and event.tag != (_MAPPING_TAG if mapping else _SEQUENCE_TAG):
                self._tag_problem(event.tag, loc, line)
            self._stack.append(_Open({} if mapping else [], loc, line))
        elif isinstance(event, yaml.CollectionEndEvent):
            done = self._stack.pop()
            self._add(done.value, done.line)
        return True

    def _child_loc(self) -> tuple[Any, ...]:
        """Where the node that starts now goes (a key's own problems are put at its mapping)."""
        if not self._stack:
            return ()
        top = self._stack[-1]
        if isinstance(top.value, list):
            return (*top.loc, len(top.value))
        if top.key is _NO_KEY or top.key is _SKIP:
            return top.loc
        return (*top.loc, top.key)

    def _add(self, value: Any, line: int) -> None:
        if not self._stack:
            self.root = value
            return
        top = self._stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        elif top.key is _NO_KEY:
            if isinstance(value, (list, dict)):
                self._problem(top.loc, "yaml_complex_key", line=line)
                top.key = _SKIP
            else:
                top.key, top.key_line = value, line
        else:
            key, top.key = top.key, _NO_KEY
            if key is _SKIP:
                return
            if key in top.key_lines:  # the last value wins, as in YAML; the author is told
                params = {"key": _short(key), "first": top.key_lines[key], "line": top.key_line}
                self._problem((*top.loc, key), "yaml_duplicate_key", **params)
            else:
                top.key_lines[key] = top.key_line
            top.value[key] = value

    def _scalar(self, event: yaml.ScalarEvent, loc: tuple[Any, ...], line: int) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self._loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag not in _SCALAR_TAGS:  # ``<<`` (a merge key, only useful with aliases) is read as text
                return event.value
        elif tag not in _SCALAR_TAGS:
            self._tag_problem(tag, loc, line)
            return event.value
        if tag in _NUMBER_TAGS and len(event.value) > MAX_NUMBER_CHARS:  # refused before it is read
            params = {"value": _short(event.value), "length": len(event.value), "limit": MAX_NUMBER_CHARS}
            self._problem(loc, "yaml_number_too_long", line=line, **params)
            # Its text as a key; as a value null, since pydantic would read the text "1111..." as a number.
            top = self._stack[-1] if self._stack else None
            return event.value if top and isinstance(top.value, dict) and top.key is _NO_KEY else None
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self._loader.construct_object(node)
        except Exception:  # PyYAML's scalar readers raise whatever their parsing meets (ValueError, IndexError...)
            # 2024-13-45 (read as a date), a 5000-digit number, !!int "x": YAML cannot read it as it says.
            name = tag.rsplit(":", 1)[-1]
            kind = Text(f"validation.kind.{name if name in _KINDS else 'str'}")
            self._problem(loc, "yaml_value", value=_short(event.value), kind=kind, line=line)
            return event.value

    def _anchor(self, event: yaml.NodeEvent, loc: tuple[Any, ...], line: int) -> None:
        if event.anchor:
            self._problem(loc, "yaml_anchor", name=event.anchor, line=line)

    def _tag_problem(self, tag: str, loc: tuple[Any, ...], line: int) -> None:
        self._problem(loc, "yaml_tag", tag=tag.replace("tag:yaml.org,2002:", "!!"), line=line)

    def _problem(self, loc: tuple[Any, ...], code: str, **params: Any) -> None:
        self.problems.append(Problem(self.name, format_path(loc), code, params))


def format_path(loc: tuple[Any, ...] | list[Any]) -> str:
    """('dimensions', 2, 'items', 0, 'id') -> 'dimensions[2].items[0].id'."""
    out = ""
    for part in loc:
        if part == "[key]":  # pydantic's marker for a mapping's key: the key before it is the place
            continue
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{_text(part)}]"
        else:
            out += f".{_short(part)}" if out else _short(part)
    return out


def _from_pydantic(error: ValidationError, name: str, root: type[BaseModel] = Questionnaire) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        code = detail["type"]
        params: dict[str, Any] = dict(detail.get("ctx") or {})
        value = detail.get("input")
        params.setdefault("value", _short(value))
        params.setdefault("detail", detail["msg"])
        path = format_path(loc)
        if code == "invalid_key" or loc[-1:] == ("[key]",):
            # pydantic's loc holds a key as 1 for true and 'None' for null: its input is the key itself.
            parent = loc[:-1] if code == "invalid_key" else loc[:-2]
            path = ".".join(part for part in (format_path(parent), _short(value)) if part)
            params["key"] = _short(value)
        elif code == "text_language_key" and isinstance(value, dict):
            params["key"] = _short(_bad_language_key(value, params.get("key")))
        if code == "extra_forbidden":
            key = _short(loc[-1])
            params["key"] = key
            suggestion = _suggestion(key, _model_at(loc[:-1], root))
            if suggestion:
                code = "extra_forbidden_hint"
                params["suggestion"] = suggestion
        elif code == "string_pattern_mismatch" and loc and loc[-1] == "language":
            code = "language_code"
        elif code == "string_pattern_mismatch" and loc and loc[-1] in ("locator", "quoted_at"):
            code = "locator_format"
        elif code in {"int_parsing", "int_from_float"}:
            code = "int_type"
        elif code == "float_parsing":
            code = "float_type"
        elif code == "finite_number":
            pass
        elif code == "bool_parsing":
            code = "bool_type"
        elif code == "literal_error":
            params["expected"] = _choices(str(params.get("expected", "")))
        elif code in {"model_type", "model_attributes_type"}:
            code = "dict_type"
        problems.append(Problem(name, path, code, params))
    return problems


def _choices(expected: str) -> Text:
    """pydantic's "'yes', 'no' or 'limited'" as the values an author types, listed in the reader's language."""
    values = re.findall(r"'([^']*)'", expected) or [expected]
    if len(values) == 1:
        return Text("validation.choices.single", {"value": values[0]})
    return Text("validation.choices.several", {"head": ", ".join(values[:-1]), "last": values[-1]})


def _bad_language_key(text: dict[Any, Any], shown: Any) -> Any:
    """The key a text was refused for (the model names it with ``str``: 'True' for ``true:``)."""
    for key in text:
        if not (isinstance(key, str) and is_language_code(key)):
            return key
    return shown


def _short(value: Any) -> str:
    text = _text(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(value: Any) -> str:
    """A value as the author wrote it in YAML (``true`` and ``null``, not ``True`` and ``None``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    try:
        return str(value)
    except ValueError:  # an integer of thousands of digits (0b111...), which Python refuses to print
        return "…"


def _safe_repr(value: Any) -> str:
    """``repr``, which cannot fail: an integer of thousands of digits is shown by its size and hash."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(_safe_repr, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_safe_repr(key)}: {_safe_repr(item)}" for key, item in value.items()) + "}"
    try:
        return repr(value)
    except ValueError:
        if isinstance(value, int):
            return f"<int of {value.bit_length()} bits, hash {hash(value)}>"
        return f"<{type(value).__name__}>"


def _model_at(loc: tuple[Any, ...], root: type[BaseModel] = Questionnaire) -> type[BaseModel] | None:
    """The model class a location points into, to suggest the key the author probably meant."""
    model: Any = root
    expect_key = False  # after a field holding a mapping of models, the next part is a key (a role's id)
    for part in loc:
        if isinstance(part, int) or expect_key:
            expect_key = False
            continue
        field = model.model_fields.get(part) if model else None
        if field is None:
            return None
        model = _inner_model(field.annotation)
        expect_key = typing.get_origin(field.annotation) is dict
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
    for f_index, profile_field in enumerate(profile if isinstance(profile, list) else []):
        if not isinstance(profile_field, dict):
            continue
        field_path = f"profile[{f_index}]"
        check(seen_profile, profile_field.get("id"), f"{field_path}.id")
        seen_options: dict[str, str] = {}
        options = profile_field.get("options")
        for o_index, option in enumerate(options if isinstance(options, list) else []):
            if isinstance(option, dict):
                check(seen_options, option.get("id"), f"{field_path}.options[{o_index}].id")

    # A position's id names its answers beside the profile's (a respondent's draft, a response file's columns).
    seen_positions: dict[str, str] = {}
    positions = raw.get("positions")
    for p_index, position in enumerate(positions if isinstance(positions, list) else []):
        if isinstance(position, dict):
            position_path = f"positions[{p_index}].id"
            check(seen_positions, position.get("id"), position_path)
            if isinstance(position.get("id"), str) and position["id"] in seen_profile:
                first = seen_profile[position["id"]]
                problems.append(Problem(name, position_path, "duplicate_id", {"value": position["id"], "first": first}))

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
                for other in (seen_profile, seen_positions):
                    if isinstance(item.get("id"), str) and item["id"] in other:
                        first = other[item["id"]]
                        problems.append(Problem(name, item_path, "duplicate_id", {"value": item["id"], "first": first}))

    for registry in (seen_items, seen_profile, seen_positions):
        for value, path in registry.items():
            if value in RESERVED_IDS:
                problems.append(Problem(name, path, "reserved_id", {"value": value}))
    return problems


def _sorted_unique(problems: list[Problem]) -> list[Problem]:
    """The problems in their order, each once (a set, not a list scan: a bad 1 MiB file has thousands)."""
    unique: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    for problem in problems:
        key = (problem.path, problem.code, _safe_repr(sorted(problem.params.items())))
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique
