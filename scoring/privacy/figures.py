"""The kinds of figure a group screen shows, each with its contributors, its linear row and its value.

A figure is (scope, kind, id). Its **contributors** are the admitted responses of its scope that have a value for it;
it is shown computed from exactly the contributors of its latest version (`scoring.privacy.plan`). For the audit
(`scoring.privacy.audit`) each kind says what its figure tells about people's answers as one linear equation over
the unknowns x[p, v] (person p's value on variable v, for the variables p answered), and which combinations of one
person's unknowns must never be determined besides each x[p, v] itself.

- ``people``: how many people of the scope are counted. No answer in it: no row.
- ``dimension``: the group dimension score, mean of the contributors' dimension scores (steps 2 and 4 of
  DESIGN.md). Contributors reached ``min_coverage``. Row: Σ_{p∈S} Σ_i c[p,i] x[p,i] with c[p,i] = ±w_i / (the
  weights p answered in the dimension); its person target is p's dimension score s[p,d] = Σ_i c[p,i] x[p,i].
- ``item``: the distribution of a statement's answers (step 7: its mean, consensus and dissensus derive from it).
  Row: Σ_{p∈S} x[p,i]. Publishing the counts of each answer tells no more than the sum does as far as linear
  algebra goes (one row per answer value over the same set), which is what the audit decides on.

- ``position``: the distribution of the steps chosen for one moment (today, wished) of a position question of the
  continuum (not scored). Row: Σ_{p∈S} x[p,t] in a block of its own, ``position:<t>``. With one indicator unknown
  y[p,c] per person and step, the counts are one row Σ_{p∈S} y[p,c] per step over the same S; a y[p,c] is
  determined exactly when p's indicator is in the span of the sets shown, the same condition as for x[p,t] with
  the one row (as for a statement's distribution). Nothing shown crosses two moments or two questions per person
  (no « gap » wished − today, no cross-table today × wished): such a figure would need both in one block.

A new kind is a subclass appended to `KINDS` (appending keeps every existing workshop's candidate order).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from scoring.consensus import answer_counts, consensus_from_counts
from scoring.engine import NOISE
from scoring.model import Questionnaire
from scoring.privacy.admission import CleanResponse, position_target

Coefficients = dict[str, float]  # variable (item id) -> coefficient, for one person


@dataclass(frozen=True)
class Layout:
    """The questionnaire as the figures need it."""

    questionnaire: Questionnaire
    dimension_items: dict[str, list[str]]
    item_dimension: dict[str, str]
    item_weight: dict[str, float]
    item_reverse: dict[str, bool]
    # Each moment a position question asks (``relation:today``) -> its steps' ids, in the continuum's order.
    position_steps: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, questionnaire: Questionnaire) -> Layout:
        return cls(
            questionnaire=questionnaire,
            dimension_items={d.id: [i.id for i in d.items] for d in questionnaire.dimensions},
            item_dimension={i.id: d.id for d in questionnaire.dimensions for i in d.items},
            item_weight={i.id: float(i.weight) for i in questionnaire.items},
            item_reverse={i.id: i.reverse for i in questionnaire.items},
            position_steps={
                position_target(p.id, moment): tuple(step.id for step in p.steps)
                for p in questionnaire.positions
                for moment in p.asks
            },
        )

    def item_value(self, item_id: str, raw: int) -> float:
        """Step 1."""
        scale = self.questionnaire.scale
        value = 100.0 * (raw - scale.min) / (scale.max - scale.min)
        return 100.0 - value if self.item_reverse[item_id] else value

    def answered(self, response: CleanResponse, dimension_id: str) -> list[str]:
        return [i for i in self.dimension_items[dimension_id] if i in response.answers]

    def covered(self, response: CleanResponse, dimension_id: str) -> bool:
        """Step 2's coverage: enough of the dimension's items answered for a dimension score."""
        items = self.dimension_items[dimension_id]
        answered = len(self.answered(response, dimension_id))
        return answered > 0 and answered >= self.questionnaire.min_coverage * len(items) - NOISE

    def dimension_weights(self, response: CleanResponse, dimension_id: str) -> Coefficients:
        """c[p, i]: the share of each answered item in p's dimension score, signed −1 for a reverse item."""
        answered = self.answered(response, dimension_id)
        total = sum(self.item_weight[i] for i in answered)
        if not answered:
            return {}
        return {i: (-1.0 if self.item_reverse[i] else 1.0) * self.item_weight[i] / total for i in answered}

    def dimension_score(self, response: CleanResponse, dimension_id: str) -> float | None:
        """Step 2: the weighted mean of the item values answered, or None under ``min_coverage``."""
        if not self.covered(response, dimension_id):
            return None
        answered = self.answered(response, dimension_id)
        total = sum(self.item_weight[i] for i in answered)
        return sum(self.item_weight[i] * self.item_value(i, response.answers[i]) for i in answered) / total


class FigureKind:
    """One kind of figure. Subclasses say which figures exist, who contributes, their rows and their value."""

    name: str = ""

    def targets(self, layout: Layout) -> list[str]:
        raise NotImplementedError

    def has_value(self, layout: Layout, response: CleanResponse, target: str) -> bool:
        raise NotImplementedError

    def values(self, layout: Layout, response: CleanResponse) -> list[str]:
        """The targets this response has a value for (a kind may answer faster than asking each target)."""
        return [target for target in self.targets(layout) if self.has_value(layout, response, target)]

    def block(self, layout: Layout, target: str) -> str | None:
        """The independent block of unknowns its row lies in; None: the figure tells nothing about answers."""
        return None

    def row(self, layout: Layout, response: CleanResponse, target: str) -> Coefficients:
        """This person's part of the figure's row (the row over S is the sum over S)."""
        return {}

    def person_targets(self, layout: Layout, block: str, response: CleanResponse) -> list[Coefficients]:
        """Combinations of one person's unknowns in ``block`` that must stay undetermined, besides each unknown."""
        return []

    def compute(self, layout: Layout, contributors: Sequence[CleanResponse], target: str) -> dict[str, Any]:
        raise NotImplementedError


class PeopleKind(FigureKind):
    name = "people"

    def targets(self, layout: Layout) -> list[str]:
        return [""]

    def has_value(self, layout: Layout, response: CleanResponse, target: str) -> bool:
        return True

    def compute(self, layout: Layout, contributors: Sequence[CleanResponse], target: str) -> dict[str, Any]:
        return {"n": len(contributors)}


class DimensionKind(FigureKind):
    name = "dimension"

    def targets(self, layout: Layout) -> list[str]:
        return list(layout.dimension_items)

    def has_value(self, layout: Layout, response: CleanResponse, target: str) -> bool:
        return layout.covered(response, target)

    def block(self, layout: Layout, target: str) -> str | None:
        return target

    def row(self, layout: Layout, response: CleanResponse, target: str) -> Coefficients:
        return layout.dimension_weights(response, target)

    def person_targets(self, layout: Layout, block: str, response: CleanResponse) -> list[Coefficients]:
        if block not in layout.dimension_items or not layout.answered(response, block):
            return []
        return [layout.dimension_weights(response, block)]

    def compute(self, layout: Layout, contributors: Sequence[CleanResponse], target: str) -> dict[str, Any]:
        scores = [layout.dimension_score(r, target) for r in contributors]
        valid = [s for s in scores if s is not None]
        return {"n": len(valid), "score": float(np.mean(valid)) if valid else None}


class ItemKind(FigureKind):
    name = "item"

    def targets(self, layout: Layout) -> list[str]:
        return list(layout.item_dimension)

    def has_value(self, layout: Layout, response: CleanResponse, target: str) -> bool:
        return target in response.answers

    def values(self, layout: Layout, response: CleanResponse) -> list[str]:
        return [item for item in response.answers if item in layout.item_dimension]

    def block(self, layout: Layout, target: str) -> str | None:
        return layout.item_dimension[target]

    def row(self, layout: Layout, response: CleanResponse, target: str) -> Coefficients:
        return {target: 1.0}

    def compute(self, layout: Layout, contributors: Sequence[CleanResponse], target: str) -> dict[str, Any]:
        """Step 7 over the contributors: distribution, mean of the item values, consensus."""
        scale = layout.questionnaire.scale
        raw = np.array([[r.answers[target]] for r in contributors if target in r.answers], dtype=np.float64)
        raw = raw.reshape(-1, 1)
        counts = answer_counts(raw, scale.min, scale.max)[0]
        n = int(counts.sum())
        mean = None
        if n:
            mean_raw = float(counts @ np.arange(scale.min, scale.max + 1)) / n
            # The mean of the item values is the item value of the mean raw answer: the transformation is affine.
            mean = 100.0 * (mean_raw - scale.min) / (scale.max - scale.min)
            mean = 100.0 - mean if layout.item_reverse[target] else mean
        consensus = float(consensus_from_counts(counts[None, :], scale.min, scale.max)[0])
        return {
            "n": n,
            "distribution": {v: int(c) for v, c in zip(scale.values, counts, strict=True)},
            "mean": mean,
            "consensus": None if np.isnan(consensus) else consensus,
        }


class PositionKind(FigureKind):
    """The distribution of the steps chosen for one moment of a position question (never scored)."""

    name = "position"

    def targets(self, layout: Layout) -> list[str]:
        return list(layout.position_steps)

    def has_value(self, layout: Layout, response: CleanResponse, target: str) -> bool:
        return target in response.positions

    def values(self, layout: Layout, response: CleanResponse) -> list[str]:
        return [target for target in response.positions if target in layout.position_steps]

    def block(self, layout: Layout, target: str) -> str | None:
        return f"position:{target}"

    def row(self, layout: Layout, response: CleanResponse, target: str) -> Coefficients:
        return {target: 1.0}

    def compute(self, layout: Layout, contributors: Sequence[CleanResponse], target: str) -> dict[str, Any]:
        """How many contributors chose each step, every step present, in the continuum's order."""
        chosen = [r.positions[target] for r in contributors if target in r.positions]
        return {"n": len(chosen), "distribution": {step: chosen.count(step) for step in layout.position_steps[target]}}


PEOPLE = PeopleKind()
DIMENSION = DimensionKind()
ITEM = ItemKind()
POSITION = PositionKind()
# In the order candidates are considered within a scope: the radar's scores before the statements; the positions
# last (appended: the plans of workshops recorded before them are unchanged).
KINDS: tuple[FigureKind, ...] = (PEOPLE, DIMENSION, ITEM, POSITION)
KIND_BY_NAME: dict[str, FigureKind] = {kind.name: kind for kind in KINDS}
