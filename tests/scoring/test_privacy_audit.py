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
    audit = BlockAudit()
    positions = audit.add_cells([v for v in range(VARIABLES) for _ in range(PEOPLE)])
    assert list(positions) == [cells_of(p, v) for v in range(VARIABLES) for p in range(PEOPLE)]
    for p in range(PEOPLE):
        audit.add_target([cells_of(p, v) for v in range(VARIABLES)], [1 / VARIABLES] * VARIABLES)
    return audit


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
def test_the_order_rows_are_taken_in_changes_nothing(given_rows, rng) -> None:
    one_by_one, at_once = block(), block()
    for row in given_rows:
        one_by_one.add(dense(row), check=False)
    shuffled = list(given_rows)
    rng.shuffle(shuffled)
    for row in sorted(shuffled, key=lambda r: len({c // PEOPLE for c in r}) > 1):  # statements first, as settle does
        at_once.add(dense(row), check=False)
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
    audit.add(dense({cells_of(0, 0): Fraction(1)}), check=False)  # a leak from before the audit existed
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


@settings(max_examples=60, deadline=None)
@given(rows, st.integers(1, PEOPLE - 1))
def test_people_added_later_are_audited_as_if_they_had_been_there(given_rows, later) -> None:
    """A new person's cells are zero in every earlier row: extending the block is the same as having them."""
    whole = block()
    grown = BlockAudit()
    # The first `later` people first, the others after the first half of the rows.
    early = [cells_of(p, v) for v in range(VARIABLES) for p in range(later)]
    position = {cell: n for n, cell in enumerate(early)}
    grown.add_cells([cell // PEOPLE for cell in early])
    for p in range(later):
        grown.add_target([position[cells_of(p, v)] for v in range(VARIABLES)], [1 / VARIABLES] * VARIABLES)
    half = len(given_rows) // 2
    early_rows = [r for r in given_rows[:half] if all(c in position for c in r)]
    for row in early_rows:
        whole.add(dense(row), check=False)
        grown.add(np.array([float(row.get(cell, 0)) for cell in early]), check=False)
    late = [cells_of(p, v) for v in range(VARIABLES) for p in range(later, PEOPLE)]
    for cell, n in zip(late, grown.add_cells([cell // PEOPLE for cell in late]), strict=True):
        position[cell] = int(n)
    for p in range(later, PEOPLE):
        grown.add_target([position[cells_of(p, v)] for v in range(VARIABLES)], [1 / VARIABLES] * VARIABLES)
    order = sorted(position, key=position.get)
    for row in given_rows[half:]:
        whole.add(dense(row), check=False)
        grown.add(np.array([float(row.get(cell, 0)) for cell in order]), check=False)
    units, composites = grown.determined()
    assert {f"x{order[u]}" for u in units} | {f"s{c}" for c in composites} == audit_determined(whole)
    event(f"early rows kept: {len(early_rows)}")
