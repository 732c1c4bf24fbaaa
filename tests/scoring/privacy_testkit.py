"""Helpers of the privacy tests: questionnaires built in code, a workshop simulator, and an attacker.

The attacker is written here, independently of `scoring.privacy.audit`: it solves the figures shown as exact
linear equations over the integers modulo a large prime (a combination that is determined over the rationals is
determined modulo p too, so "not determined modulo p" proves "not determined"), and it recomputes every figure
shown from the people the record says it counts, with its own arithmetic, so that the equations it solves are
those of the figures on screen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from scoring.model import Questionnaire
from scoring.privacy import (
    PublicationRecord,
    Scope,
    SharedReport,
    StoredResponse,
    WorkshopSpec,
    plan_publication,
    shown_report,
)
from scoring.privacy.plan import pending_carry_over
from scoring.privacy.records import FigureKey, Plan, Version

PRIME = 2**61 - 1
ROLES = ["r1", "r2", "r3"]
ORGANISATIONS = ("Org A", "Org B", "Org C")
# The position question of `build_questionnaire(..., positions=True)`: « rel », asked today and wished.
STEPS = ("s1", "s2", "s3", "s4")
MOMENTS = ("today", "wished")


def build_questionnaire(
    dimensions: Sequence[Sequence[tuple[float, bool]]],
    *,
    dimension_weights: Sequence[float] | None = None,
    minimum: int = 3,
    coverage: float = 0.5,
    positions: bool = False,
) -> Questionnaire:
    """Dimensions d1, d2, ... of items d1i1, d1i2, ... given as (weight, reverse); scale 1–5; role and organisation;
    with ``positions``, a position question « rel » on the steps `STEPS`, asked today and wished."""
    weights = list(dimension_weights or [1.0] * len(dimensions))
    position_questions = [
        {
            "id": "rel",
            "label": {"fr": "Relation"},
            "today": {"fr": "Aujourd’hui"},
            "wished": {"fr": "Souhaitée"},
            "steps": [{"id": s, "label": {"fr": s}, "definition": {"fr": f"Étape {s}"}} for s in STEPS],
        }
    ]
    return Questionnaire.model_validate(
        {
            "positions": position_questions if positions else [],
            "id": "test",
            "version": "1",
            "title": {"fr": "Test"},
            "scale": {"min": 1, "max": 5},
            "min_group_size": minimum,
            "min_coverage": coverage,
            "profile": [
                {
                    "id": "role",
                    "label": {"fr": "Rôle"},
                    "options": [{"id": r, "label": {"fr": r}} for r in ROLES],
                },
                {"id": "organisation", "label": {"fr": "Organisation"}, "options": []},
            ],
            "dimensions": [
                {
                    "id": f"d{d}",
                    "label": {"fr": f"D{d}"},
                    "weight": weights[d - 1],
                    "items": [
                        {"id": f"d{d}i{i}", "text": {"fr": f"Item {d}.{i}"}, "weight": w, "reverse": rev}
                        for i, (w, rev) in enumerate(items, start=1)
                    ],
                }
                for d, items in enumerate(dimensions, start=1)
            ],
        },
        context={"language": "fr"},
    )


def spec_of(questionnaire: Questionnaire) -> WorkshopSpec:
    return WorkshopSpec(questionnaire, ("role", "organisation"), ORGANISATIONS)


def apply(record: PublicationRecord, plan: Plan) -> PublicationRecord:
    """What storage does with a plan: append it, and count one more round."""
    return record.after(plan)


@dataclass
class Screen:
    report: SharedReport
    record: PublicationRecord


@dataclass
class Workshop:
    """A workshop in memory: submissions, publications (only at writes) and screens (reads)."""

    spec: WorkshopSpec
    responses: list[StoredResponse] = field(default_factory=list)
    record: PublicationRecord = field(default_factory=PublicationRecord)
    screens: list[Screen] = field(default_factory=list)

    def submit(
        self,
        answers: Mapping[str, Any],
        profile: Mapping[str, Any] | None = None,
        *,
        publish: bool = True,
        positions: Mapping[str, Any] | None = None,
    ):
        """``positions`` as storage keeps them: ``rel.today`` -> a step id (or anything a client sent)."""
        self.responses.append(
            StoredResponse(len(self.responses) + 1, dict(answers), dict(profile or {}), dict(positions or {}))
        )
        if publish:
            self.publish()

    def publish(self) -> Plan:
        plan = plan_publication(self.spec, self.responses, self.record)
        self.record = apply(self.record, plan)
        return plan

    def screen(self) -> SharedReport:
        report = shown_report(self.spec, self.responses, self.record)
        record = self.record
        if pending_carry_over(record):  # shown as the first write will record it
            record = record.after(plan_publication(self.spec, self.responses, record))
        self.screens.append(Screen(report, record))
        return report


# ---- the attacker's own arithmetic --------------------------------------------------------------------------


def valid_answers(questionnaire: Questionnaire, response: StoredResponse) -> dict[str, int]:
    """The answers that count: on the scale, and to a statement asked of the person's role (``asked_of`` on the
    item, else on its dimension), when they gave a role the questionnaire offers."""
    field = questionnaire.profile_field("role")
    role = response.profile.get("role") if isinstance(response.profile, Mapping) else None
    known = field is not None and any(option.id == role for option in field.options)
    items = set()
    for dimension in questionnaire.dimensions:
        for item in dimension.items:
            roles = item.asked_of if item.asked_of is not None else dimension.asked_of
            if not known or roles is None or role in roles:
                items.add(item.id)
    return {
        k: v
        for k, v in response.answers.items()
        if k in items and type(v) is int and questionnaire.scale.min <= v <= questionnaire.scale.max
    }


def valid_positions(questionnaire: Questionnaire, response: StoredResponse) -> dict[str, str]:
    """The attacker's own reading of the stored positions: ``rel:today`` -> a step the question offers."""
    found = {}
    for position in questionnaire.positions:
        for moment in position.asks:
            value = response.positions.get(f"{position.id}.{moment}")
            if value in {step.id for step in position.steps}:
                found[f"{position.id}:{moment}"] = value
    return found


def weights_of(questionnaire: Questionnaire, answers: Mapping[str, int], dimension_id: str) -> dict[str, Fraction]:
    """c[p, i] of the model, exactly: ±w_i / (the weights p answered in the dimension)."""
    dimension = next(d for d in questionnaire.dimensions if d.id == dimension_id)
    answered = [i for i in dimension.items if i.id in answers]
    total = sum(Fraction(i.weight) for i in answered)
    return {i.id: (-1 if i.reverse else 1) * Fraction(i.weight) / total for i in answered}


def item_value(questionnaire: Questionnaire, item_id: str, raw: int) -> Fraction:
    scale = questionnaire.scale
    item = next(i for i in questionnaire.items if i.id == item_id)
    value = Fraction(100 * (raw - scale.min), scale.max - scale.min)
    return 100 - value if item.reverse else value


def person_score(questionnaire: Questionnaire, answers: Mapping[str, int], dimension_id: str) -> Fraction | None:
    dimension = next(d for d in questionnaire.dimensions if d.id == dimension_id)
    answered = [i for i in dimension.items if i.id in answers]
    if not answered or len(answered) < questionnaire.min_coverage * len(dimension.items) - 1e-9:
        return None
    total = sum(Fraction(i.weight) for i in answered)
    return sum(Fraction(i.weight) * item_value(questionnaire, i.id, answers[i.id]) for i in answered) / total


def _modular(value: Fraction) -> int:
    return value.numerator % PRIME * pow(value.denominator % PRIME, PRIME - 2, PRIME) % PRIME


class Solver:
    """Reduced row echelon form modulo PRIME, over sparse rows {unknown: coefficient}."""

    def __init__(self) -> None:
        self.pivots: dict[Any, dict[Any, int]] = {}

    def _reduce(self, row: Mapping[Any, int]) -> dict[Any, int]:
        row = {k: v % PRIME for k, v in row.items() if v % PRIME}
        for pivot, pivot_row in self.pivots.items():
            factor = row.get(pivot)
            if factor:
                for k, v in pivot_row.items():
                    row[k] = (row.get(k, 0) - factor * v) % PRIME
                    if not row[k]:
                        del row[k]
        return row

    def add(self, row: Mapping[Any, int]) -> None:
        row = self._reduce(row)
        if not row:
            return
        pivot = min(row)
        inverse = pow(row[pivot], PRIME - 2, PRIME)
        row = {k: v * inverse % PRIME for k, v in row.items()}
        for other in self.pivots.values():  # keep the form reduced: no other row has this pivot
            factor = other.get(pivot)
            if factor:
                for k, v in row.items():
                    other[k] = (other.get(k, 0) - factor * v) % PRIME
                    if not other[k]:
                        del other[k]
        self.pivots[pivot] = row

    def determines(self, target: Mapping[Any, int]) -> bool:
        return bool(target) and not self._reduce(target)


@dataclass
class Attacker:
    """Someone who sees every screen and breakdown, knows who is counted in each figure, and solves."""

    questionnaire: Questionnaire
    responses: Mapping[int, StoredResponse]
    rows: dict[str, list[dict[tuple[int, str], int]]] = field(default_factory=lambda: defaultdict(list))
    seen: set[tuple[FigureKey, frozenset[int]]] = field(default_factory=set)
    figures: int = 0

    def answers(self, rid: int) -> dict[str, int]:
        return valid_answers(self.questionnaire, self.responses[rid])

    def positions(self, rid: int) -> dict[str, str]:
        return valid_positions(self.questionnaire, self.responses[rid])

    def steps(self, target: str) -> list[str]:
        position_id = target.partition(":")[0]
        return [s.id for s in next(p for p in self.questionnaire.positions if p.id == position_id).steps]

    def watch(self, screen: Screen) -> None:
        """Take every figure the screen shows as an equation, after checking it is what it claims to be."""
        latest = screen.record.latest()
        report = screen.report
        scopes: list[tuple[Scope, Any, Any, Any]] = [(Scope(), report.dimensions, report.items, report.positions)]
        for field_id, groups in report.breakdowns.items():
            for group in groups:
                scopes.append((Scope(field_id, group.value), group.dimensions, group.items, group.positions))
                if group.people is not None:
                    assert group.people >= report.min_group_size
                    assert group.people == latest[FigureKey(Scope(field_id, group.value), "people")].size
                    assert all((d.n or 0) <= group.people for d in group.dimensions)
        for scope, dimensions, items, positions in scopes:
            assert [(p.id, p.moment) for p in positions] == [
                (q.id, moment) for q in self.questionnaire.positions for moment in q.asks
            ]
            for position in positions:
                assert (position.n is None) == (position.status != "shown") == (not position.distribution)
                if position.status == "shown":
                    target = f"{position.id}:{position.moment}"
                    self._position(latest[FigureKey(scope, "position", target)], position)
            for dimension in dimensions:
                assert (dimension.score is None) == (dimension.status != "shown")
                if dimension.status == "shown":
                    self._dimension(latest[FigureKey(scope, "dimension", dimension.id)], dimension)
            for item in items:
                assert (item.mean is None) == (item.status != "shown")
                if item.status == "shown":
                    self._item(latest[FigureKey(scope, "item", item.id)], item)
            self._derived(dimensions, items)

    def _dimension(self, version: Version, shown: Any) -> None:
        people = sorted(version.contributors)
        assert shown.n == len(people) >= self.questionnaire.min_group_size
        scores = [person_score(self.questionnaire, self.answers(p), version.key.target) for p in people]
        assert None not in scores, "a contributor without a dimension score"
        assert abs(float(sum(scores) / len(scores)) - shown.score) < 1e-9
        self._take(version, self._dimension_row(people, version.key.target))

    def _dimension_row(self, people: Iterable[int], dimension_id: str) -> dict[tuple[int, str], int]:
        row: dict[tuple[int, str], int] = defaultdict(int)
        for p in people:
            for item_id, c in weights_of(self.questionnaire, self.answers(p), dimension_id).items():
                row[(p, item_id)] += _modular(c)
        return row

    def _item(self, version: Version, shown: Any) -> None:
        people = sorted(version.contributors)
        assert shown.n == len(people) >= self.questionnaire.min_group_size
        values = [self.answers(p)[version.key.target] for p in people]
        assert shown.distribution == {v: values.count(v) for v in self.questionnaire.scale.values}
        mean = sum(item_value(self.questionnaire, version.key.target, v) for v in values) / len(values)
        assert abs(float(mean) - shown.mean) < 1e-9
        self._take(version, {(p, version.key.target): 1 for p in people})

    def _position(self, version: Version, shown: Any) -> None:
        """A distribution of steps: one equation per step over the contributors, on indicator unknowns y[p, t, c]
        (1 if p chose step c for t); every step listed, in the continuum's order."""
        people = sorted(version.contributors)
        target = version.key.target
        assert shown.n == len(people) >= self.questionnaire.min_group_size
        chosen = [self.positions(p).get(target) for p in people]
        assert None not in chosen, "a contributor without a position"
        steps = self.steps(target)
        assert list(shown.distribution) == steps
        assert shown.distribution == {c: chosen.count(c) for c in steps}
        if (version.key, version.contributors) in self.seen:
            return
        self.seen.add((version.key, version.contributors))
        self.figures += 1
        for c in steps:
            self.rows[f"position:{target}"].append({(p, target, c): 1 for p in people})

    def _derived(self, dimensions: Sequence[Any], items: Sequence[Any]) -> None:
        """The consensus of a dimension comes from its shown statements only, and nothing else is shown."""
        for dimension in dimensions:
            shown = [i.consensus for i in items if i.dimension == dimension.id and i.consensus is not None]
            if shown:
                assert abs(dimension.consensus - sum(shown) / len(shown)) < 1e-9
            else:
                assert dimension.consensus is None

    def _take(self, version: Version, row: dict[tuple[int, str], int]) -> None:
        if (version.key, version.contributors) in self.seen:
            return
        self.seen.add((version.key, version.contributors))
        self.figures += 1
        block = self.questionnaire.dimension_of(version.key.target).id if version.key.kind == "item" else None
        self.rows[block or version.key.target].append(row)

    def determined(self, admitted: Iterable[int]) -> list[str]:
        """Every one person's value the equations give: an answer x[p, i] or a dimension score s[p, d]."""
        found = []
        for dimension in self.questionnaire.dimensions:
            solver = Solver()
            for row in self.rows.get(dimension.id, []):
                solver.add(row)
            for p in admitted:
                answers = self.answers(p)
                for item in dimension.items:
                    if item.id in answers and solver.determines({(p, item.id): 1}):
                        found.append(f"person {p}'s answer to {item.id}")
                weights = (
                    weights_of(self.questionnaire, answers, dimension.id)
                    if any(i.id in answers for i in dimension.items)
                    else {}
                )
                target = {(p, i): _modular(c) for i, c in weights.items()}
                if weights and solver.determines(target):
                    found.append(f"person {p}'s score in {dimension.id}")
        for position in self.questionnaire.positions:
            for moment in position.asks:
                found += self._positions_determined(f"{position.id}:{moment}", admitted)
        return found

    def _positions_determined(self, target: str, admitted: Iterable[int]) -> list[str]:
        """Every y[p, t, c] the counts give, knowing also that each contributor chose exactly one step."""
        solver = Solver()
        for row in self.rows.get(f"position:{target}", []):
            solver.add(row)
        steps = self.steps(target)
        answered = [p for p in admitted if target in self.positions(p)]
        for p in answered:
            solver.add({(p, target, c): 1 for c in steps})  # Σ_c y[p, t, c] = 1
        return [
            f"person {p}'s step {c} for {target}"
            for p in answered
            for c in steps
            if solver.determines({(p, target, c): 1})
        ]


def check_versions(record: PublicationRecord, minimum: int) -> None:
    """Every version counts at least k people, and each differs from the previous one by at least k new."""
    previous: dict[FigureKey, frozenset[int]] = {}
    for version in record.versions:
        assert version.size >= minimum, version
        if version.key in previous:
            assert len(version.contributors - previous[version.key]) >= minimum, version
        previous[version.key] = version.contributors
