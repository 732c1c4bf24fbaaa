"""One publication round, decided in pure code: which responses to admit, which figure versions to record.

A figure gets a new version (an exact contributor set, recorded for ever) only when its current contributors
number at least k = ``min_group_size`` and include at least k that are not in its last version; the audit
(`scoring.privacy.audit`) then refuses it if, together with every version ever recorded and those accepted
earlier in the round, it would determine one person's value. A refused candidate keeps its old version.

Candidates come in a fixed order, so that every app instance plans the same round: everyone's figures first,
then each breakdown field in the questionnaire's order with its groups by size descending (ties in the order the
field lists its values); within a scope, the kinds in `figures.KINDS` order, each in questionnaire order.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence

from scoring.privacy.admission import CleanResponse, clean, to_admit
from scoring.privacy.audit import Audit, single_blas_thread
from scoring.privacy.figures import KINDS, PEOPLE, Layout
from scoring.privacy.records import (
    LEGACY_ROUND,
    FigureKey,
    Plan,
    PublicationRecord,
    Scope,
    StoredResponse,
    Version,
    WorkshopSpec,
)


class PlanMemo:
    """What one process keeps between the rounds of one workshop: the audit of the last round it planned.

    The record is append-only, so an audit built from an earlier record is a prefix of today's: it is extended
    with the people and the versions recorded since, instead of solving everything again. A memo never changes a
    plan (`tests/scoring/test_privacy_plan.py` checks it); it only saves time. Thread-safe.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: tuple[WorkshopSpec, frozenset[int], tuple[Version, ...], Audit] | None = None

    def audit_for(self, spec: WorkshopSpec, pool: set[int], record: PublicationRecord) -> tuple[Audit, int] | None:
        """A copy of the remembered audit if it is a prefix of ``record``, and how many versions it holds."""
        with self._lock:
            state = self._state
        if state is None:
            return None
        known_spec, known_pool, known_versions, audit = state
        if known_spec != spec or not known_pool <= pool or record.versions[: len(known_versions)] != known_versions:
            return None
        return audit.copy(), len(known_versions)

    def remember(self, spec: WorkshopSpec, pool: frozenset[int], versions: tuple[Version, ...], audit: Audit) -> None:
        with self._lock:
            self._state = (spec, pool, versions, audit)


def plan_publication(
    spec: WorkshopSpec,
    submitted: Sequence[StoredResponse],
    record: PublicationRecord,
    *,
    memo: PlanMemo | None = None,
) -> Plan:
    """What the next publication round records; an empty plan when nothing may move.

    ``submitted`` are the workshop's submitted responses as stored (blank and invalid ones included); ``record``
    is what earlier rounds recorded. Pure: the same arguments give the same plan on every app instance (``memo``
    only saves the work of an earlier call).
    """
    round_ = record.counter + 1
    cleaned = {r.id: clean(spec, r) for r in submitted}
    admitted = counted_ids(cleaned, record)
    legacy = {rid for rid in admitted if record.admitted[rid] == LEGACY_ROUND}
    # Schema 2's published responses, carried over with no version: their first round records what the screens
    # of the time showed, and admits nobody (a round that did both would move figures by fewer than k).
    carrying_over = record.counter == 0 and bool(legacy)
    admit = frozenset() if carrying_over else to_admit(cleaned.values(), record.admitted, spec.minimum)
    # The pool only grows by admissions, and each admission plans its versions in the same round: without one,
    # nothing can have changed.
    if not admit and not carrying_over:
        return Plan(round=round_)
    # The audit's linear algebra on one BLAS thread: a round runs beside the other sessions' requests on a
    # server's few cores, where BLAS's own threads only wait for each other (40× slower at a load of 12 on 2 cores).
    with single_blas_thread():
        pool_ids = admitted | admit
        pool = [cleaned[rid] for rid in sorted(pool_ids)]
        layout = Layout.of(spec.questionnaire)
        remembered = memo.audit_for(spec, pool_ids, record) if memo is not None else None
        if remembered is None:
            audit, known = Audit(layout, pool), 0
        else:
            audit, known = remembered
            audit.extend(r for r in pool if r.id not in audit.position)
        for version in record.versions[known:]:
            audit.record(version.key, version.contributors)
        latest = record.latest()
        # Schema 2 showed figures over its published responses without recording them. Each one is a baseline: the
        # next version differs from it by k people too (or is the same). Everyone's were shown for sure (from k
        # answers up): the audit counts them as seen. Whether a breakdown's were depends on the suppression of the
        # time; taking them as seen would let the audit show them now, so they are audited like new candidates.
        baselines: dict[FigureKey, frozenset[int]] = {}
        if legacy:
            legacy_pool = [cleaned[rid] for rid in sorted(legacy)]
            for key, contributors in candidates(spec, layout, legacy_pool, values_of(layout, legacy_pool)):
                if len(contributors) >= spec.minimum and key not in latest:
                    baselines[key] = contributors
                    if key.scope.everyone:
                        audit.record(key, contributors)
        audit.settle()

        has = values_of(layout, pool)
        versions: list[Version] = []
        for scope in scopes(spec, pool):
            people_key = FigureKey(scope=scope, kind=PEOPLE.name)
            counted = frozenset(r.id for r in members(scope, pool))
            last = latest[people_key].contributors if people_key in latest else baselines.get(people_key)
            if may_move(counted, last, spec.minimum, first=people_key not in latest):
                versions.append(Version(key=people_key, contributors=counted, round=round_))
            elif people_key in latest:
                counted = latest[people_key].contributors
            else:
                continue  # too few people in this group: none of its figures can be shown
            # A group's figures count only the people its size counts: « 6 personnes », never a score over 7.
            group = [r for r in pool if r.id in counted]
            for key, contributors in figures_of(layout, scope, group, has):
                last = latest[key].contributors if key in latest else baselines.get(key)
                if not may_move(contributors, last, spec.minimum, first=key not in latest):
                    continue
                if audit.add(key, contributors):
                    versions.append(Version(key=key, contributors=contributors, round=round_))
        plan = Plan(round=round_, admit=admit, versions=tuple(versions))
        if memo is not None:
            memo.remember(spec, frozenset(pool_ids), record.versions + plan.versions, audit)
        return plan


def counted_ids(cleaned: Mapping[int, CleanResponse], record: PublicationRecord) -> set[int]:
    """The admitted responses still submitted and not blank (schema 2 published blank ones too: they count for
    nobody)."""
    return {rid for rid in record.admitted if rid in cleaned and not cleaned[rid].blank}


def pending_carry_over(record: PublicationRecord) -> bool:
    """Schema 2's published responses are admitted but their first round is not recorded yet."""
    return record.counter == 0 and LEGACY_ROUND in record.admitted.values()


def may_move(contributors: frozenset[int], last: frozenset[int] | None, minimum: int, *, first: bool) -> bool:
    """The per-figure rule: at least k contributors, and at least k new since the last version.

    ``last`` may be a baseline carried over from schema 2 rather than a recorded version (``first``): showing the
    very same figure again is then allowed too.
    """
    if len(contributors) < minimum:
        return False
    if last is None:
        return True
    if contributors == last:
        return first
    return len(contributors - last) >= minimum


def scopes(spec: WorkshopSpec, pool: Sequence[CleanResponse]) -> Iterator[Scope]:
    """Everyone, then each breakdown field's groups by size descending (ties in the field's own order)."""
    yield Scope()
    for field_id in spec.breakdown_fields:
        order = {value: position for position, value in enumerate(spec.field_values(field_id))}
        sizes: dict[str, int] = {}
        for response in pool:
            value = response.profile.get(field_id)
            if value is not None:
                sizes[value] = sizes.get(value, 0) + 1
        for value in sorted(sizes, key=lambda v: (-sizes[v], order.get(v, len(order)), v)):
            yield Scope(field=field_id, value=value)


def members(scope: Scope, pool: Sequence[CleanResponse]) -> list[CleanResponse]:
    if scope.everyone:
        return list(pool)
    return [r for r in pool if r.profile.get(scope.field) == scope.value]


def values_of(layout: Layout, pool: Sequence[CleanResponse]) -> dict[int, frozenset[tuple[str, str]]]:
    """For each response, the figures (kind, id) it has a value for: computed once, asked for every scope."""
    kinds = [kind for kind in KINDS if kind is not PEOPLE]
    return {r.id: frozenset((kind.name, target) for kind in kinds for target in kind.values(layout, r)) for r in pool}


def figures_of(
    layout: Layout, scope: Scope, group: Sequence[CleanResponse], has: Mapping[int, frozenset[tuple[str, str]]]
) -> Iterator[tuple[FigureKey, frozenset[int]]]:
    """The scope's figures other than its size, each with its contributors among ``group``, in candidate order."""
    for kind in KINDS:
        if kind is PEOPLE:
            continue
        for target in kind.targets(layout):
            contributors = frozenset(r.id for r in group if (kind.name, target) in has[r.id])
            yield FigureKey(scope=scope, kind=kind.name, target=target), contributors


def candidates(
    spec: WorkshopSpec,
    layout: Layout,
    pool: Sequence[CleanResponse],
    has: Mapping[int, frozenset[tuple[str, str]]] | None = None,
) -> Iterator[tuple[FigureKey, frozenset[int]]]:
    """Every figure of the pool's scopes with its current contributors, in candidate order."""
    has = values_of(layout, pool) if has is None else has
    for scope in scopes(spec, pool):
        group = members(scope, pool)
        yield FigureKey(scope=scope, kind=PEOPLE.name), frozenset(r.id for r in group)
        yield from figures_of(layout, scope, group, has)
