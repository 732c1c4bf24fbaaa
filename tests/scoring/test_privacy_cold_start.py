"""A cold start of the audit (a new process, a second instance: every version ever recorded taken at once, by
`BlockAudit.take_all`) holds what taking them one by one holds, and plans the same rounds as a warm process."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from privacy_testkit import ORGANISATIONS, ROLES, Workshop, apply, build_questionnaire, spec_of

from scoring.privacy import plan_publication
from scoring.privacy.admission import clean
from scoring.privacy.audit import Audit
from scoring.privacy.figures import Layout
from scoring.privacy.plan import PlanMemo

QUESTIONNAIRE = build_questionnaire([[(1.0, False), (2.0, True), (1.0, False)], [(1.0, False), (1.0, False)]])
SPEC = spec_of(QUESTIONNAIRE)
ITEMS = QUESTIONNAIRE.item_ids


def played(seed: int, people: int) -> Workshop:
    """A workshop where each submission publishes (cold: no memo), as rounds would be recorded."""
    rng = random.Random(seed)
    workshop = Workshop(SPEC)
    for _ in range(people):
        answers = {item: rng.choice([None, 1, 2, 3, 4, 5]) for item in ITEMS}
        workshop.submit(answers, {"role": rng.choice(ROLES), "organisation": rng.choice(ORGANISATIONS)})
    return workshop


def audits(workshop: Workshop) -> tuple[Audit, Audit]:
    """The audit of every version recorded, taken in one go (cold) and one version at a time."""
    layout = Layout.of(QUESTIONNAIRE)
    pool = [clean(SPEC, r) for r in workshop.responses if r.id in workshop.record.admitted]
    at_once, one_by_one = Audit(layout, pool), Audit(layout, pool)
    for version in workshop.record.versions:
        at_once.record(version.key, version.contributors)
    at_once.settle()
    for version in workshop.record.versions:
        one_by_one.record(version.key, version.contributors)
        one_by_one.settle()  # a block holding rows already: the one-row-at-a-time way
    return at_once, one_by_one


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(3, 30))
def test_taking_every_recorded_version_at_once_spans_what_taking_them_one_by_one_spans(seed: int, people: int) -> None:
    workshop = played(seed, people)
    at_once, one_by_one = audits(workshop)
    assert sorted(at_once.determined()) == sorted(one_by_one.determined())
    for name, block in at_once.blocks.items():
        other = one_by_one.blocks[name]
        assert block.rank == other.rank, name
        assert np.allclose(block._unit_left, other._unit_left, atol=1e-9), name
        assert np.allclose(block._composite_left, other._composite_left, atol=1e-9), name
        # The span kept is orthonormal: U's bases and Q, and Q orthogonal to U.
        basis = np.zeros((block.size, block.rank))
        column = 0
        for cells, single in zip(block.variables, block._single, strict=True):
            basis[cells, column : column + single.shape[1]] = single
            column += single.shape[1]
        basis[:, column:] = block._cross
        assert np.allclose(basis.T @ basis, np.eye(block.rank), atol=1e-9), name


def test_a_cold_process_plans_every_round_of_sixty_people_as_the_warm_one() -> None:
    rng = random.Random(5)
    workshop = Workshop(SPEC)
    memo = PlanMemo()
    rounds = 0
    for _ in range(60):
        answers = {item: rng.choice([None, 1, 2, 3, 4, 5]) for item in ITEMS}
        workshop.submit(answers, {"role": rng.choice(ROLES), "organisation": rng.choice(ORGANISATIONS)}, publish=False)
        warm = plan_publication(SPEC, workshop.responses, workshop.record, memo=memo)
        assert plan_publication(SPEC, workshop.responses, workshop.record) == warm
        rounds += bool(warm.admit)
        workshop.record = apply(workshop.record, warm)
    assert rounds == 20 and len(workshop.record.versions) > 200
