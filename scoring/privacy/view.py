"""Reading: from the stored responses and the publication record, the `SharedReport` a group screen may show.

Pure and read-only: it never decides a version (`scoring.privacy.plan` does, at writes). A figure is computed from
the contributor set of its latest version, so it holds still until a new version is recorded; everything else is
derived from the figures shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from scoring.engine import band_of
from scoring.privacy.admission import CleanResponse, clean, position_target
from scoring.privacy.figures import DIMENSION, ITEM, PEOPLE, POSITION, FigureKind, Layout
from scoring.privacy.plan import counted_ids, members, pending_carry_over, plan_publication, values_of
from scoring.privacy.records import FigureKey, PublicationRecord, Scope, StoredResponse, Version, WorkshopSpec
from scoring.privacy.report import (
    FigureStatus,
    SharedDimension,
    SharedGroup,
    SharedItem,
    SharedPosition,
    SharedReport,
)
from scoring.recommendations import build_recommendations
from scoring.results import DimensionStats, ItemStats, OverallScore


def shown_report(spec: WorkshopSpec, submitted: Sequence[StoredResponse], record: PublicationRecord) -> SharedReport:
    """Every figure the workshop's shared screens may show now, for everyone and for every breakdown."""
    questionnaire = spec.questionnaire
    layout = Layout.of(questionnaire)
    if pending_carry_over(record):
        # Schema 2's results, not recorded as versions yet: shown as their first round will record them, at the
        # next write (a plan is the same whoever computes it).
        record = record.after(plan_publication(spec, submitted, record))
    cleaned = {r.id: clean(spec, r) for r in submitted}
    pool = {rid: cleaned[rid] for rid in sorted(counted_ids(cleaned, record))}
    reader = _Reader(spec, layout, pool, record.latest())
    dimensions, items, overall = reader.scope(Scope())
    breakdowns: dict[str, list[SharedGroup]] = {}
    for field_id in spec.breakdown_fields:
        groups = []
        for value in spec.field_values(field_id):
            scope = Scope(field=field_id, value=value)
            group_dimensions, group_items, group_overall = reader.scope(scope)
            group_positions = reader.positions(scope)
            people_status, people = reader.figure(scope, PEOPLE, "")
            statuses = [f.status for f in (*group_dimensions, *group_items, *group_positions)]
            status: FigureStatus = (
                "shown" if "shown" in statuses else "withheld" if "withheld" in statuses else "too_few"
            )
            groups.append(
                SharedGroup(
                    field=field_id,
                    value=value,
                    status=status,
                    people=people["n"] if people_status == "shown" and people else None,
                    overall=group_overall,
                    dimensions=group_dimensions,
                    items=group_items,
                    positions=group_positions,
                )
            )
        breakdowns[field_id] = groups
    return SharedReport(
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        language=questionnaire.language,
        min_group_size=spec.minimum,
        counted=len(pool),
        excluded_values=sum(r.invalid for r in cleaned.values()),  # = admission.excluded_values
        overall=overall,
        dimensions=dimensions,
        items=items,
        recommendations=_recommendations(spec, dimensions, items),
        breakdowns=breakdowns,
        positions=reader.positions(Scope()),
    )


class _Reader:
    def __init__(
        self,
        spec: WorkshopSpec,
        layout: Layout,
        pool: Mapping[int, CleanResponse],
        latest: Mapping[FigureKey, Version],
    ) -> None:
        self.spec, self.layout, self.pool, self.latest = spec, layout, pool, latest
        self.has = values_of(layout, list(pool.values()))
        self._members: dict[Scope, list[CleanResponse]] = {}

    def members(self, scope: Scope) -> list[CleanResponse]:
        if scope not in self._members:
            self._members[scope] = members(scope, list(self.pool.values()))
        return self._members[scope]

    def _has(self, response: CleanResponse, kind: FigureKind, target: str) -> bool:
        return kind is PEOPLE or (kind.name, target) in self.has[response.id]

    def figure(self, scope: Scope, kind: FigureKind, target: str) -> tuple[FigureStatus, dict[str, Any] | None]:
        key = FigureKey(scope=scope, kind=kind.name, target=target)
        version = self.latest.get(key)
        if version is not None:
            people = [self.pool[rid] for rid in sorted(version.contributors) if rid in self.pool]
            complete = len(people) == version.size and all(self._has(r, kind, target) for r in people)
            if complete:
                return "shown", kind.compute(self.layout, people, target)
            # A contributor's value is gone (the questionnaire changed under a running workshop): computing the
            # figure over fewer people than recorded would move it by less than k. It waits for a new version.
            return "withheld", None
        now = sum(1 for r in self.members(scope) if self._has(r, kind, target))
        return ("too_few" if now < self.spec.minimum else "withheld"), None

    def positions(self, scope: Scope) -> list[SharedPosition]:
        """Each moment of each position question: its distribution over its latest version's contributors."""
        shown: list[SharedPosition] = []
        for position in self.spec.questionnaire.positions:
            for moment in position.asks:
                status, value = self.figure(scope, POSITION, position_target(position.id, moment))
                visible = status == "shown" and value is not None
                shown.append(
                    SharedPosition(
                        id=position.id,
                        moment=moment,
                        status=status,
                        n=value["n"] if visible and value is not None else None,
                        distribution=value["distribution"] if visible and value is not None else {},
                    )
                )
        return shown

    def scope(self, scope: Scope) -> tuple[list[SharedDimension], list[SharedItem], OverallScore]:
        questionnaire = self.spec.questionnaire
        bands = questionnaire.bands
        items: list[SharedItem] = []
        for item in questionnaire.items:
            status, value = self.figure(scope, ITEM, item.id)
            if status == "shown" and value is not None:
                consensus = value["consensus"]
                items.append(
                    SharedItem(
                        id=item.id,
                        dimension=self.layout.item_dimension[item.id],
                        status=status,
                        n=value["n"],
                        distribution=value["distribution"],
                        mean=value["mean"],
                        consensus=consensus,
                        dissensus=consensus is not None and consensus < questionnaire.consensus_threshold - 1e-9,
                        band=band_of(value["mean"], bands),
                    )
                )
            else:
                items.append(
                    SharedItem(
                        id=item.id,
                        dimension=self.layout.item_dimension[item.id],
                        status=status,
                        n=None,
                        distribution={},
                        mean=None,
                        consensus=None,
                        dissensus=False,
                        band=None,
                    )
                )
        dimensions: list[SharedDimension] = []
        for dimension in questionnaire.dimensions:
            status, value = self.figure(scope, DIMENSION, dimension.id)
            # Step 8 from the statements shown only: a hidden statement's consensus must not be recoverable.
            shown_consensus = [i.consensus for i in items if i.dimension == dimension.id and i.consensus is not None]
            consensus = float(np.mean(shown_consensus)) if shown_consensus else None
            score = value["score"] if status == "shown" and value is not None else None
            dimensions.append(
                SharedDimension(
                    id=dimension.id,
                    status=status,
                    n=value["n"] if status == "shown" and value is not None else None,
                    score=score,
                    band=band_of(score, bands),
                    consensus=consensus,
                )
            )
        # Step 5 from the shown dimension scores only.
        weights = {d.id: d.weight for d in questionnaire.dimensions}
        scored = [(weights[d.id], d.score) for d in dimensions if d.score is not None]
        total = sum(w for w, _ in scored)
        overall_score = sum(w * s for w, s in scored) / total if scored else None
        return dimensions, items, OverallScore(score=overall_score, band=band_of(overall_score, bands))


def _recommendations(
    spec: WorkshopSpec, dimensions: Sequence[SharedDimension], items: Sequence[SharedItem]
) -> list[Any]:
    """Step 10 from the shown scores and means (the engine's own function, fed the shown figures)."""
    stats = [
        DimensionStats(
            id=d.id,
            score=d.score,
            band=d.band,
            n=d.n or 0,
            median=None,
            sd=None,
            min=None,
            max=None,
            q1=None,
            q3=None,
            consensus=d.consensus,
        )
        for d in dimensions
    ]
    item_stats = [
        ItemStats(
            id=i.id,
            dimension=i.dimension,
            n=i.n or 0,
            mean=i.mean,
            consensus=i.consensus,
            dissensus=i.dissensus,
            band=i.band,
            distribution=i.distribution,
            n_unanswered=0,
        )
        for i in items
    ]
    return build_recommendations(spec.questionnaire, stats, item_stats)
