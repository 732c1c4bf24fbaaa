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

from collections.abc import Iterator, Mapping, Sequence

from scoring.privacy.admission import CleanResponse, clean, to_admit
from scoring.privacy.audit import Audit
from scoring.privacy.figures import KIND_BY_NAME, KINDS, PEOPLE, Layout
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


def plan_publication(spec: WorkshopSpec, submitted: Sequence[StoredResponse], record: PublicationRecord) -> Plan:
    """What the next publication round records; an empty plan when nothing may move.

    ``submitted`` are the workshop's submitted responses as stored (blank and invalid ones included); ``record``
    is what earlier rounds recorded. Pure: the same arguments give the same plan on every app instance.
    """
    round_ = record.counter + 1
    cleaned = {r.id: clean(spec, r) for r in submitted}
    admitted = {rid for rid in record.admitted if rid in cleaned}
    admit = to_admit(cleaned.values(), record.admitted, spec.minimum)
    legacy = {rid for rid, at in record.admitted.items() if at == LEGACY_ROUND and rid in cleaned}
    # The pool only grows by admissions, and each admission plans its versions in the same round: without one,
    # nothing can have changed, except right after schema 2's published responses were carried over.
    if not admit and (record.counter > 0 or not legacy):
        return Plan(round=round_)
    pool = [cleaned[rid] for rid in sorted(admitted | admit)]
    layout = Layout.of(spec.questionnaire)
    audit = Audit(layout, pool)
    latest = record.latest()
    for version in record.versions:
        audit.record(version.key, version.contributors)
    # Schema 2 showed figures over its published responses without recording them. Each one is a baseline: the
    # next version differs from it by k people too (or is the same). Everyone's were shown for sure (from k
    # answers up): the audit counts them as seen. Whether a breakdown's were depends on the suppression of the
    # time; taking them as seen would let the audit show them now, so they are audited like new candidates.
    baselines: dict[FigureKey, frozenset[int]] = {}
    if legacy:
        for key, contributors in candidates(spec, layout, [cleaned[rid] for rid in sorted(legacy)]):
            if len(contributors) >= spec.minimum and key not in latest:
                baselines[key] = contributors
                if key.scope.everyone:
                    audit.record(key, contributors)
    audit.settle()

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
        for key, contributors in figures_of(layout, scope, group):
            last = latest[key].contributors if key in latest else baselines.get(key)
            if not may_move(contributors, last, spec.minimum, first=key not in latest):
                continue
            if audit.add(key, contributors):
                versions.append(Version(key=key, contributors=contributors, round=round_))
    return Plan(round=round_, admit=admit, versions=tuple(versions))


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


def figures_of(
    layout: Layout, scope: Scope, group: Sequence[CleanResponse]
) -> Iterator[tuple[FigureKey, frozenset[int]]]:
    """The scope's figures other than its size, each with its contributors among ``group``, in candidate order."""
    for kind in KINDS:
        if kind is PEOPLE:
            continue
        for target in kind.targets(layout):
            contributors = frozenset(r.id for r in group if kind.has_value(layout, r, target))
            yield FigureKey(scope=scope, kind=kind.name, target=target), contributors


def candidates(
    spec: WorkshopSpec, layout: Layout, pool: Sequence[CleanResponse]
) -> Iterator[tuple[FigureKey, frozenset[int]]]:
    """Every figure of the pool's scopes with its current contributors, in candidate order."""
    for scope in scopes(spec, pool):
        group = members(scope, pool)
        yield FigureKey(scope=scope, kind=PEOPLE.name), frozenset(r.id for r in group)
        yield from figures_of(layout, scope, group)


def contributors_now(
    spec: WorkshopSpec, layout: Layout, pool: Mapping[int, CleanResponse], key: FigureKey
) -> frozenset[int]:
    """The current contributors of one figure (for the view's « too few » or « withheld »)."""
    kind = KIND_BY_NAME[key.kind]
    people = members(key.scope, list(pool.values()))
    return frozenset(r.id for r in people if kind.has_value(layout, r, key.target))
