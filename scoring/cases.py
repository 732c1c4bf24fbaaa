"""Loading the case studies (``content/cases/*.yaml``) and the trainers' shared material (``content/teaching.yaml``).

Read like a questionnaire: safe YAML with every problem located (``scoring.loader``), then the model
(``scoring.case_model``), then the rules across files: the questionnaire a case uses, its roles and statements,
the curricula its objectives cite, the glossary terms it links, and its synthetic answers, which must disagree
where the case says people disagree. Every problem of a file comes out at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from i18n import Text
from scoring.asking import ROLE_FIELD
from scoring.case_model import CORPUS, Case, SyntheticRole, Teaching
from scoring.loader import _from_pydantic, _read_yaml, _sorted_unique, read_file
from scoring.model import DEFAULT_LANGUAGE, Questionnaire
from scoring.problems import Problem, QuestionnaireError
from scoring.rounding import format_number
from scoring.synthetic import statement_consensus, synthetic_responses

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"
CASES_DIR = CONTENT_DIR / "cases"
TEACHING_FILE = CONTENT_DIR / "teaching.yaml"
_LOCATOR = re.compile(r"^(\d{3}):(\d+)(?:-(\d+))?$")


@dataclass(frozen=True)
class _Figure(Text):
    """A decimal parameter of a message, written as the message's language writes it (« 0,45 », "0.45"): a Text,
    so that translate() calls it with the language."""

    key: str = ""
    value: float | None = None
    digits: int = 1

    def __call__(self, lang: str) -> str:
        return format_number(self.value, lang, self.digits, missing="—")


# ---- the shared material ----------------------------------------------------------------------------------------


@cache
def default_teaching() -> Teaching:
    return load_teaching(TEACHING_FILE)


def load_teaching(path: str | Path) -> Teaching:
    path = Path(path)
    model, raw, problems = _parse(read_file(path), str(path), Teaching)
    if model is not None:
        for key, session in model.sessions.items():
            total = sum(step.minutes for step in session.steps)
            if total != session.minutes:
                params = {"value": total, "minutes": session.minutes}
                problems.append(Problem(str(path), f"sessions.{key}.steps", "session_minutes", params))
        problems += _locator_problems(raw, str(path))
    if problems or model is None:
        raise QuestionnaireError(_sorted_unique(problems))
    return model


# ---- cases -----------------------------------------------------------------------------------------------------


def load_case(
    path: str | Path,
    *,
    questionnaires: Mapping[str, Questionnaire] | None = None,
    teaching: Teaching | None = None,
    glossary_terms: set[str] | None = None,
) -> Case:
    """Load one case file; raise QuestionnaireError listing every problem. Given ``questionnaires`` (id →
    questionnaire), ``teaching`` and ``glossary_terms``, the case is also checked against them."""
    path = Path(path)
    return parse_case(
        read_file(path),
        str(path),
        expected_id=path.stem,
        questionnaires=questionnaires,
        teaching=teaching,
        glossary_terms=glossary_terms,
    )


def parse_case(
    data: bytes | str,
    name: str = "case.yaml",
    *,
    expected_id: str | None = None,
    questionnaires: Mapping[str, Questionnaire] | None = None,
    teaching: Teaching | None = None,
    glossary_terms: set[str] | None = None,
) -> Case:
    case, raw, problems = _parse(data, name, Case)
    problems += _locator_problems(raw, name)
    if case is not None:
        problems += _case_problems(case, name, expected_id, questionnaires, teaching, glossary_terms)
    if problems or case is None:
        raise QuestionnaireError(_sorted_unique(problems))
    return case


def load_cases(
    directory: str | Path = CASES_DIR,
    *,
    questionnaires: Mapping[str, Questionnaire] | None = None,
    teaching: Teaching | None = None,
    glossary_terms: set[str] | None = None,
) -> list[Case]:
    """Every case of the folder, in the order of their file names; one error with every file's problems."""
    cases: list[Case] = []
    problems: list[Problem] = []
    for path in sorted(Path(directory).glob("*.yaml")):
        try:
            cases.append(
                load_case(path, questionnaires=questionnaires, teaching=teaching, glossary_terms=glossary_terms)
            )
        except QuestionnaireError as error:
            problems += error.problems
    if problems:
        raise QuestionnaireError(problems)
    return cases


def _parse(data: bytes | str, name: str, model: type[BaseModel]) -> tuple[Any, dict[str, Any], list[Problem]]:
    """The model (None when it does not validate), the raw data, and the problems so far."""
    raw, problems = _read_yaml(data, name)
    try:
        return model.model_validate(raw, context={"language": DEFAULT_LANGUAGE}), raw, problems
    except ValidationError as error:
        found = _from_pydantic(error, name, model)
        return None, raw, problems + found


def _locator_problems(raw: Any, name: str, path: str = "") -> list[Problem]:
    """Every ``source`` of the raw data that points outside the corpus, wherever it sits."""
    problems: list[Problem] = []
    if isinstance(raw, dict):
        for key, value in raw.items():
            here = f"{path}.{key}" if path else str(key)
            if key == "source" and isinstance(value, list):
                for index, locator in enumerate(value):
                    problems += _one_locator(locator, name, f"{here}[{index}]")
            else:
                problems += _locator_problems(value, name, here)
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            problems += _one_locator_free(value, name, f"{path}[{index}]")
    return problems


def _one_locator_free(value: Any, name: str, path: str) -> list[Problem]:
    return _locator_problems(value, name, path) if isinstance(value, (dict, list)) else []


def _one_locator(locator: Any, name: str, path: str) -> list[Problem]:
    match = _LOCATOR.match(locator) if isinstance(locator, str) else None
    if match is None:  # the model reports its form
        return []
    number, first, last = match.group(1), int(match.group(2)), match.group(3)
    if number not in CORPUS:
        return [Problem(name, path, "case_locator_file", {"value": locator, "allowed": ", ".join(CORPUS)})]
    if last is not None and int(last) < first:
        return [Problem(name, path, "case_locator_order", {"value": locator})]
    return []


def _case_problems(
    case: Case,
    name: str,
    expected_id: str | None,
    questionnaires: Mapping[str, Questionnaire] | None,
    teaching: Teaching | None,
    glossary_terms: set[str] | None,
) -> list[Problem]:
    problems: list[Problem] = []

    def _problem(path: str, code: str, **params: Any) -> None:
        problems.append(Problem(name, path, code, params))

    if expected_id is not None and case.id != expected_id:
        _problem("id", "case_id_file", value=case.id, expected=expected_id)

    organisations: dict[str, str] = {}
    for index, organisation in enumerate(case.organisations):
        if organisation.casefold() in organisations:
            first = organisations[organisation.casefold()]
            _problem(f"organisations[{index}]", "case_duplicate", value=organisation, first=first)
        organisations.setdefault(organisation.casefold(), f"organisations[{index}]")
    role_ids: dict[str, str] = {}
    for index, role in enumerate(case.roles):
        if role.id in role_ids:
            _problem(f"roles[{index}].id", "case_duplicate", value=role.id, first=role_ids[role.id])
        role_ids.setdefault(role.id, f"roles[{index}].id")
        for o_index, organisation in enumerate(role.organisations):
            if organisation.casefold() not in organisations:
                _problem(f"roles[{index}].organisations[{o_index}]", "case_unknown_organisation", value=organisation)
    for key in case.synthetic.roles:
        if key not in role_ids:
            _problem(f"synthetic.roles.{key}", "case_unknown_role", value=key, allowed=", ".join(role_ids))
    seen_disputed: dict[str, str] = {}
    for index, entry in enumerate(case.disputed):
        if entry.statement in seen_disputed:
            _problem(
                f"disputed[{index}].statement",
                "case_duplicate",
                value=entry.statement,
                first=seen_disputed[entry.statement],
            )
        seen_disputed.setdefault(entry.statement, f"disputed[{index}].statement")

    if teaching is not None:
        for index, objective in enumerate(case.objectives):
            for c_index, ref in enumerate(objective.competences):
                if teaching.competence(ref) is None:
                    _problem(f"objectives[{index}].competences[{c_index}]", "case_unknown_competence", value=ref)
    if glossary_terms is not None:
        for index, term in enumerate(case.glossary):
            if term not in glossary_terms:
                _problem(f"glossary[{index}]", "case_unknown_term", value=term)

    if questionnaires is None:
        return problems
    questionnaire = questionnaires.get(case.questionnaire)
    if questionnaire is None:
        _problem(
            "questionnaire", "case_unknown_questionnaire", value=case.questionnaire, allowed=", ".join(questionnaires)
        )
        return problems
    problems += _against_questionnaire(case, name, questionnaire)
    return problems


def _against_questionnaire(case: Case, name: str, questionnaire: Questionnaire) -> list[Problem]:
    problems: list[Problem] = []

    def _problem(path: str, code: str, **params: Any) -> None:
        problems.append(Problem(name, path, code, params))

    role_field = questionnaire.profile_field(ROLE_FIELD)
    options = [option.id for option in role_field.options] if role_field else []
    if not options:
        _problem("questionnaire", "case_no_role_field", value=questionnaire.id)
    else:
        for index, role in enumerate(case.roles):
            if role.answers_as not in options:
                _problem(
                    f"roles[{index}].answers_as",
                    "case_unknown_role_option",
                    value=role.answers_as,
                    allowed=", ".join(options),
                )

    scale = questionnaire.scale
    dimension_ids = {dimension.id for dimension in questionnaire.dimensions}
    item_ids = set(questionnaire.item_ids)
    for key, role in case.synthetic.roles.items():
        base = f"synthetic.roles.{key}"
        tendencies = [(base, role)]
        for dimension_id, tendency in role.dimensions.items():
            if dimension_id not in dimension_ids:
                _problem(
                    f"{base}.dimensions.{dimension_id}",
                    "case_unknown_dimension",
                    value=dimension_id,
                    questionnaire=questionnaire.id,
                )
            tendencies.append((f"{base}.dimensions.{dimension_id}", tendency))
        for item_id, tendency in role.statements.items():
            if item_id not in item_ids:
                _problem(
                    f"{base}.statements.{item_id}",
                    "case_unknown_statement",
                    value=item_id,
                    questionnaire=questionnaire.id,
                )
            tendencies.append((f"{base}.statements.{item_id}", tendency))
        _check_positions(base, role, questionnaire, _problem)
        for path, tendency in tendencies:
            if not scale.min <= tendency.tendency <= scale.max:
                _problem(
                    f"{path}.tendency",
                    "case_off_scale",
                    value=_Figure(value=tendency.tendency),
                    min=scale.min,
                    max=scale.max,
                )
            if tendency.spread > scale.max - scale.min:
                _problem(
                    f"{path}.spread",
                    "case_spread_too_wide",
                    value=_Figure(value=tendency.spread),
                    width=scale.max - scale.min,
                )

    total = sum(role.count for key, role in case.synthetic.roles.items() if case.role(key))
    if total < questionnaire.min_group_size:
        _problem("synthetic.roles", "case_too_few_synthetic", value=total, needed=questionnaire.min_group_size)

    unknown = False
    for index, entry in enumerate(case.disputed):
        if entry.statement not in item_ids:
            unknown = True
            _problem(
                f"disputed[{index}].statement",
                "case_unknown_statement",
                value=entry.statement,
                questionnaire=questionnaire.id,
            )
    if problems or unknown:  # the synthetic set is only worth checking on a case that fits its questionnaire
        return problems
    consensus = statement_consensus(questionnaire, [r.answers for r in synthetic_responses(case, questionnaire)])
    threshold = questionnaire.consensus_threshold
    for index, entry in enumerate(case.disputed):
        value = consensus.get(entry.statement)
        if value is None or value >= threshold:
            _problem(
                f"disputed[{index}].statement",
                "case_no_dissensus",
                value=entry.statement,
                consensus=_Figure(value=value, digits=2),
                threshold=_Figure(value=threshold, digits=2),
            )
    return problems


def _check_positions(
    base: str, role: SyntheticRole, questionnaire: Questionnaire, _problem: Callable[..., None]
) -> None:
    """A role's places on the position questions: a question, a moment and a step the questionnaire has."""
    known = {position.id: position for position in questionnaire.positions}
    for position_id, position in known.items():
        placed = role.positions.get(position_id)
        asked = placed.moments() if placed is not None else {}
        missing = [moment for moment in position.asks if moment not in asked]
        if missing:  # its people would leave the moment blank: the demo's continuum would count fewer of them
            _problem(f"{base}.positions", "case_position_not_placed", value=position_id, moments=", ".join(missing))
    for position_id, placed in role.positions.items():
        path = f"{base}.positions.{position_id}"
        position = known.get(position_id)
        if position is None:
            allowed = ", ".join(known) or "—"
            _problem(path, "case_unknown_position", value=position_id, questionnaire=questionnaire.id, allowed=allowed)
            continue
        ids = [step.id for step in position.steps]
        for moment, given in placed.moments().items():
            if moment not in position.asks:
                _problem(f"{path}.{moment}", "case_moment_not_asked", value=moment, position=position_id)
            if given.step not in ids:
                _problem(f"{path}.{moment}.step", "case_unknown_step", value=given.step, allowed=", ".join(ids))
            if given.spread > len(ids) - 1:
                _problem(
                    f"{path}.{moment}.spread",
                    "case_step_spread_too_wide",
                    value=_Figure(value=given.spread),
                    width=len(ids) - 1,
                )
