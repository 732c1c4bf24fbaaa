"""The audit's linear algebra (scoring.privacy.audit), against the exact solver of the test kit."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import event, given, settings
from hypothesis import strategies as st
from privacy_testkit import PRIME, Solver, build_questionnaire

from scoring.privacy.admission import CleanResponse
from scoring.privacy.audit import Audit, BlockAudit
from scoring.privacy.figures import Layout
from scoring.privacy.records import FigureKey, Scope

VARIABLES = 3
PEOPLE = 5


def cells_of(person: int, variable: int) -> int:
    return variable * PEOPLE + person


def block() -> BlockAudit:
    """5 people × 3 variables, everyone answered everything; composite target: each person's plain mean."""
    variables = [np.array([cells_of(p, v) for p in range(PEOPLE)]) for v in range(VARIABLES)]
    numbers = [p for p in range(PEOPLE) for _ in range(VARIABLES)]
    cells = [cells_of(p, v) for p in range(PEOPLE) for v in range(VARIABLES)]
    return BlockAudit(variables, (np.array(numbers), np.array(cells), np.full(len(cells), 1 / VARIABLES)))


def dense(row: dict[int, Fraction]) -> np.ndarray:
    vector = np.zeros(PEOPLE * VARIABLES)
    for cell, value in row.items():
        vector[cell] = float(value)
    return vector


def modular(row: dict[int, Fraction]) -> dict[int, int]:
    return {c: v.numerator * pow(v.denominator, PRIME - 2, PRIME) % PRIME for c, v in row.items()}


people = st.sets(st.integers(0, PEOPLE - 1), min_size=1)
# A statement's row (one variable, an indicator of who answered) or a dimension's (every variable, weights).
single_row = st.builds(lambda v, s: {cells_of(p, v): Fraction(1) for p in s}, st.integers(0, VARIABLES - 1), people)
cross_row = st.builds(
    lambda s, w: {cells_of(p, v): Fraction(w[v], sum(w)) for p in s for v in range(VARIABLES)},
    people,
    st.lists(st.integers(1, 3), min_size=VARIABLES, max_size=VARIABLES),
)
rows = st.lists(st.one_of(single_row, single_row, cross_row), min_size=1, max_size=14)


def exact_determined(solver: Solver) -> set[str]:
    found = {f"x{c}" for c in range(PEOPLE * VARIABLES) if solver.determines({c: 1})}
    for p in range(PEOPLE):
        target = modular({cells_of(p, v): Fraction(1, VARIABLES) for v in range(VARIABLES)})
        if solver.determines(target):
            found.add(f"s{p}")
    return found


def audit_determined(audit: BlockAudit) -> set[str]:
    units, composites = audit.determined()
    return {f"x{c}" for c in units} | {f"s{p}" for p in composites}


@settings(max_examples=100, deadline=None)
@given(rows)
def test_the_audit_finds_exactly_what_the_exact_solver_finds(given_rows) -> None:
    audit, solver = block(), Solver()
    for row in given_rows:
        audit.add(dense(row), check=False)
        solver.add(modular(row))
        assert audit_determined(audit) == exact_determined(solver)
    event(f"determined: {min(len(exact_determined(solver)), 3)}")


@settings(max_examples=100, deadline=None)
@given(rows)
def test_a_checked_row_is_refused_exactly_when_it_would_determine_something_new(given_rows) -> None:
    audit, solver = block(), Solver()
    for row in given_rows:
        before = exact_determined(solver)
        trial = Solver()
        trial.pivots = {k: dict(v) for k, v in solver.pivots.items()}
        trial.add(modular(row))
        accepted = audit.add(dense(row), check=True)
        assert accepted == (exact_determined(trial) <= before)
        event("refused" if not accepted else "accepted")
        if accepted:
            solver = trial
    assert audit_determined(audit) == exact_determined(solver)


@settings(max_examples=50, deadline=None)
@given(rows, st.randoms(use_true_random=False))
def test_loading_at_once_and_adding_one_by_one_span_the_same_rows(given_rows, rng) -> None:
    one_by_one, at_once = block(), block()
    for row in given_rows:
        one_by_one.add(dense(row), check=False)
    shuffled = list(given_rows)
    rng.shuffle(shuffled)
    at_once.load([dense(row) for row in shuffled])
    assert audit_determined(one_by_one) == audit_determined(at_once)
    assert one_by_one.rank == at_once.rank


def test_one_new_person_between_two_versions_is_found_and_refused() -> None:
    audit = block()
    assert audit.add(dense({cells_of(p, 0): Fraction(1) for p in range(3)}), check=True)
    assert not audit.add(dense({cells_of(p, 0): Fraction(1) for p in range(4)}), check=True)
    # Two new people: their sum is known, neither's answer.
    assert audit.add(dense({cells_of(p, 0): Fraction(1) for p in range(5)}), check=True)
    assert audit_determined(audit) == set()


def test_what_is_already_known_does_not_block_everything_after() -> None:
    audit = block()
    audit.load([dense({cells_of(0, 0): Fraction(1)})])  # a leak from before the audit existed
    audit.settle()
    assert audit.add(dense({cells_of(p, 1): Fraction(1) for p in range(3)}), check=True)


def test_the_audit_of_a_workshop_builds_one_block_per_dimension() -> None:
    questionnaire = build_questionnaire([[(1.0, False), (2.0, True)], [(1.0, False)]])
    layout = Layout.of(questionnaire)
    pool = [CleanResponse(i, {"d1i1": 1, "d1i2": 2, "d2i1": 3}, {}, 0) for i in range(1, 4)]
    audit = Audit(layout, pool)
    assert sorted(audit.blocks) == ["d1", "d2"]
    everyone = Scope()
    assert audit.add(FigureKey(everyone, "dimension", "d1"), {1, 2, 3})
    assert audit.add(FigureKey(everyone, "item", "d1i1"), {1, 2, 3})
    assert audit.add(FigureKey(everyone, "people"), {1})  # a count carries no answer
    assert not audit.add(FigureKey(everyone, "item", "d2i1"), {1})
    assert audit.determined() == []
