"""Who is asked what: ``asked_of`` on a dimension or an item names options of the profile field ``role``.

A statement about « our board » means nothing to a person supported by the association or to an outside partner;
the questionnaire says which roles answer it, and the answering flow asks each respondent only their items
(:func:`items_for`). Someone whose role is unknown (not asked, not answered) is asked everything: leaving out
statements on a guess would be worse than a « Je ne sais pas ».
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from scoring.model import Dimension, Item, Questionnaire
from scoring.problems import Problem

ROLE_FIELD = "role"


def asked_roles(dimension: Dimension, item: Item | None = None) -> list[str] | None:
    """The roles an item (or, without one, a dimension) is asked of; None: every respondent."""
    if item is not None and item.asked_of is not None:
        return list(item.asked_of)
    return list(dimension.asked_of) if dimension.asked_of is not None else None


def role_of(questionnaire: Questionnaire, profile: Mapping[str, object] | None) -> str | None:
    """The respondent's role, if they gave one the questionnaire knows."""
    field = questionnaire.profile_field(ROLE_FIELD)
    value = (profile or {}).get(ROLE_FIELD)
    if field is None or not isinstance(value, str):
        return None
    return value if any(option.id == value for option in field.options) else None


def is_asked(dimension: Dimension, item: Item, role: str | None) -> bool:
    roles = asked_roles(dimension, item)
    return role is None or roles is None or role in roles


def items_for(questionnaire: Questionnaire, profile: Mapping[str, object] | None) -> list[Item]:
    """The items to ask a respondent with this profile (field id -> option id), in the questionnaire's order."""
    role = role_of(questionnaire, profile)
    return [
        item for dimension in questionnaire.dimensions for item in dimension.items if is_asked(dimension, item, role)
    ]


def dimensions_for(questionnaire: Questionnaire, profile: Mapping[str, object] | None) -> list[Dimension]:
    """The dimensions with at least one item to ask: the steps of the answering flow for this respondent."""
    role = role_of(questionnaire, profile)
    return [
        dimension
        for dimension in questionnaire.dimensions
        if any(is_asked(dimension, item, role) for item in dimension.items)
    ]


def asked_of_problems(questionnaire: Questionnaire, name: str) -> list[Problem]:
    """``asked_of`` must name options of the ``role`` field, and an item's roles must be among its dimension's."""
    field = questionnaire.profile_field(ROLE_FIELD)
    options = [option.id for option in field.options] if field is not None else []
    problems: list[Problem] = []
    for d_index, dimension in enumerate(questionnaire.dimensions):
        places: list[tuple[str, list[str], list[str] | None]] = []
        if dimension.asked_of is not None:
            places.append((f"dimensions[{d_index}].asked_of", list(dimension.asked_of), None))
        for i_index, item in enumerate(dimension.items):
            if item.asked_of is not None:
                within = list(dimension.asked_of) if dimension.asked_of is not None else None
                places.append((f"dimensions[{d_index}].items[{i_index}].asked_of", list(item.asked_of), within))
        for path, roles, within in places:
            if not options:
                problems.append(Problem(name, path, "asked_of_without_role"))
                continue
            for r_index, role in enumerate(roles):
                where = f"{path}[{r_index}]"
                if role not in options:
                    problems.append(
                        Problem(name, where, "asked_of_unknown_role", {"value": role, "allowed": ", ".join(options)})
                    )
                elif within is not None and role not in within:
                    params = {"value": role, "allowed": ", ".join(within)}
                    problems.append(Problem(name, where, "asked_of_outside_dimension", params))
    if not problems:
        problems.extend(_under_coverage(questionnaire, name, options))
    return problems


def _under_coverage(questionnaire: Questionnaire, name: str, roles: list[str]) -> list[Problem]:
    """A role asked some of a dimension's statements, but fewer than ``min_coverage`` of them, could never have a
    score there: even answering everything it is asked leaves the dimension « not enough answers »."""
    problems: list[Problem] = []
    for d_index, dimension in enumerate(questionnaire.dimensions):
        count = len(dimension.items)
        needed = math.ceil(questionnaire.min_coverage * count - 1e-9)
        for role in roles:
            asked = sum(is_asked(dimension, item, role) for item in dimension.items)
            if 0 < asked < needed:
                params = {"value": role, "asked": asked, "count": count, "needed": needed}
                problems.append(Problem(name, f"dimensions[{d_index}]", "asked_of_under_coverage", params))
    return problems
