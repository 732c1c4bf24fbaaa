"""The audit across figures: would showing one more figure version make somebody's answer computable?

Each figure version shown is a linear equation over the unknowns x[p, v] (person p's value on variable v, for the
variables p answered; `scoring.privacy.figures` gives the coefficients). Whoever sees every screen, every breakdown
and every refresh holds all of them. One person's value t (an x[p, v], or their dimension score, a combination of
their own unknowns) is then determined exactly when t lies in the span of the rows shown: subtracting, crossing
breakdowns, or crossing a statement with its dimension are all ways of finding such a combination.

Dimensions are independent blocks: no row crosses two of them (the overall score shown is derived from shown
dimension scores). Within a block, the rows seen so far are kept as an orthonormal basis Q, and every target keeps
its squared distance to their span, ‖t‖² − ‖Qᵀt‖². A candidate row adds one direction q (its part orthogonal to
Q, by Gram–Schmidt done twice for accuracy), which lowers each distance by (q·t)²; the candidate is refused if
some target's distance would fall to zero (below `DETERMINED` relative to ‖t‖²: a false alarm only hides a figure).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

from scoring.privacy.admission import CleanResponse
from scoring.privacy.figures import KINDS, FigureKind, Layout
from scoring.privacy.records import FigureKey

Cell = tuple[int, str]  # (response id, variable)
# A row whose part outside the span is below this (relative to its norm) adds nothing new.
INDEPENDENT = 1e-10
# A target whose squared distance to the span falls below this (relative to ‖t‖²) is determined.
DETERMINED = 1e-8


class BlockAudit:
    """The rows shown in one block, and how far each target of the block stays from being determined.

    The span W of the rows is kept as U ⊕ span(Q): U = ⊕_v U_v, where U_v is spanned by the rows about variable v
    alone (a statement's distribution: an indicator of who answered it), with an orthonormal basis per variable;
    Q is an orthonormal basis of the other rows (a dimension's), projected orthogonally to U. A statement row then
    costs work in its own P coordinates, and only a dimension row costs work over the whole block.
    """

    def __init__(self, variables: Sequence[np.ndarray], composites: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
        """``variables``: for each variable, the positions of its cells; ``composites``: (target, cell, value)
        arrays of the composite targets (a person's dimension score), in the block's cell positions."""
        self.variables = [np.asarray(cells, dtype=np.int64) for cells in variables]
        self.size = int(sum(len(cells) for cells in self.variables))
        self.variable_of = np.zeros(self.size, dtype=np.int64)
        for number, cells in enumerate(self.variables):
            self.variable_of[cells] = number
        self._single = [np.zeros((len(cells), 0)) for cells in self.variables]
        self._cross = np.zeros((self.size, 0))
        targets, cells, values = composites
        self._composite = (np.asarray(targets, dtype=np.int64), np.asarray(cells, dtype=np.int64), np.asarray(values))
        count = int(self._composite[0].max()) + 1 if len(self._composite[0]) else 0
        self._composite_norm = np.bincount(self._composite[0], weights=self._composite[2] ** 2, minlength=count)
        self._composite_left = self._composite_norm.copy()
        self._unit_left = np.ones(self.size)
        self._known_units = np.zeros(self.size, dtype=bool)
        self._known_composites = np.zeros(count, dtype=bool)

    @property
    def rank(self) -> int:
        return sum(basis.shape[1] for basis in self._single) + self._cross.shape[1]

    def _composite_dot(self, direction: np.ndarray) -> np.ndarray:
        targets, cells, values = self._composite
        return np.bincount(targets, weights=values * direction[cells], minlength=len(self._composite_norm))

    def _refused(self, direction: np.ndarray) -> tuple[bool, np.ndarray, np.ndarray]:
        unit_left = self._unit_left - direction**2
        composite_left = self._composite_left - self._composite_dot(direction) ** 2
        refused = bool(
            ((unit_left <= DETERMINED) & ~self._known_units).any()
            or ((composite_left <= DETERMINED * self._composite_norm) & ~self._known_composites).any()
        )
        return refused, unit_left, composite_left

    def add(self, row: np.ndarray, *, check: bool) -> bool:
        """Take the row into the span, unless ``check`` and it would determine a target not determined yet."""
        row = np.asarray(row, dtype=np.float64)
        support = np.flatnonzero(row)
        if not len(support):
            return True
        variables = np.unique(self.variable_of[support])
        if len(variables) == 1:
            return self._add_single(int(variables[0]), row, check=check)
        return self._add_cross(row, check=check)

    def _add_single(self, variable: int, row: np.ndarray, *, check: bool) -> bool:
        cells = self.variables[variable]
        part = row[cells]
        norm = float(np.linalg.norm(part))
        basis = self._single[variable]
        for _ in range(2):  # classical Gram–Schmidt, repeated: orthogonal to working precision
            part = part - basis @ (basis.T @ part)
        left = float(np.linalg.norm(part))
        if left <= INDEPENDENT * norm:
            return True  # already in U_v: nothing new
        u = part / left
        w = self._cross[cells].T @ u  # u against the dimension rows' directions
        outside = 1.0 - float(w @ w)
        if outside <= INDEPENDENT:
            return True  # in span(Q) already
        # The new direction of W: u without its part in span(Q).
        direction = -(self._cross @ w)
        direction[cells] += u
        direction /= np.sqrt(outside)
        refused, unit_left, composite_left = self._refused(direction)
        if check and refused:
            return False
        self._single[variable] = np.column_stack([basis, u])
        self._keep_cross_orthogonal(cells, u, w)
        self._unit_left, self._composite_left = unit_left, composite_left
        return True

    def _keep_cross_orthogonal(self, cells: np.ndarray, u: np.ndarray, w: np.ndarray) -> None:
        """After u joins U_v, make Q orthogonal to it again, spanning the same space projected off u.

        A reflection turns Q so that its first column is v = Qw/‖w‖ (the only direction of span(Q) not orthogonal
        to u, since uᵀQa = wᵀa); that column becomes v − ‖w‖u, normalised, and the others stay as they are.
        """
        size = float(np.linalg.norm(w))
        if size <= INDEPENDENT:
            return
        cross = self._cross
        reflect = w / size
        reflect[0] -= 1.0
        if float(np.linalg.norm(reflect)) > INDEPENDENT:  # reflect w/‖w‖ onto the first axis
            reflect /= np.linalg.norm(reflect)
            cross = cross - 2.0 * np.outer(cross @ reflect, reflect)
        first = cross[:, 0].copy()
        first[cells] -= size * u
        rest = cross[:, 1:]
        left = float(np.linalg.norm(first))
        if left <= INDEPENDENT:
            self._cross = rest.copy()
            return
        first /= left
        for _ in range(2):
            first -= rest @ (rest.T @ first)
        self._cross = np.column_stack([first / np.linalg.norm(first), rest])

    def _project_off_single(self, vector: np.ndarray) -> np.ndarray:
        for cells, basis in zip(self.variables, self._single, strict=True):
            if basis.shape[1]:
                vector[cells] -= basis @ (basis.T @ vector[cells])
        return vector

    def _add_cross(self, row: np.ndarray, *, check: bool) -> bool:
        vector = row.copy()
        norm = float(np.linalg.norm(vector))
        for _ in range(2):
            vector = self._project_off_single(vector)
            vector -= self._cross @ (self._cross.T @ vector)
        left = float(np.linalg.norm(vector))
        if left <= INDEPENDENT * norm:
            return True
        direction = vector / left
        refused, unit_left, composite_left = self._refused(direction)
        if check and refused:
            return False
        self._cross = np.column_stack([self._cross, direction])
        self._unit_left, self._composite_left = unit_left, composite_left
        return True

    def load(self, rows: Sequence[np.ndarray]) -> None:
        """Take the versions recorded earlier, with no check: statements' rows first, which then cost least."""
        single, cross = [], []
        for row in rows:
            support = np.flatnonzero(row)
            if len(support):
                (single if len(np.unique(self.variable_of[support])) == 1 else cross).append(row)
        for row in [*single, *cross]:
            self.add(row, check=False)

    def settle(self) -> None:
        """What is determined now stays so whatever is refused later: only a new determination blocks a row."""
        self._known_units |= self._unit_left <= DETERMINED
        self._known_composites |= self._composite_left <= DETERMINED * self._composite_norm

    def determined(self) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the determined unknowns and numbers of the determined composite targets."""
        return (
            np.flatnonzero(self._unit_left <= DETERMINED),
            np.flatnonzero(self._composite_left <= DETERMINED * self._composite_norm),
        )


class _Terms:
    """One figure's row per person, as arrays: the row over a set S is the sum of the terms of S's people."""

    def __init__(self) -> None:
        self.people: list[int] = []
        self.cells: list[int] = []
        self.values: list[float] = []

    def freeze(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return np.array(self.people, dtype=np.int64), np.array(self.cells, dtype=np.int64), np.array(self.values)


class Audit:
    """All blocks of one workshop's admitted responses."""

    def __init__(self, layout: Layout, members: Iterable[CleanResponse], kinds: Sequence[FigureKind] = KINDS) -> None:
        self.layout = layout
        pool = list(members)
        self.position = {r.id: n for n, r in enumerate(pool)}
        cells: dict[str, dict[Cell, int]] = defaultdict(dict)
        terms: dict[tuple[str, str], _Terms] = defaultdict(_Terms)
        composites: dict[str, list[dict[Cell, float]]] = defaultdict(list)
        self._block_of: dict[tuple[str, str], str] = {}
        for person, response in enumerate(pool):
            blocks: set[str] = set()
            for kind in kinds:
                for target in kind.targets(layout):
                    block = kind.block(layout, target)
                    if block is None or not kind.has_value(layout, response, target):
                        continue
                    blocks.add(block)
                    self._block_of[(kind.name, target)] = block
                    entry = terms[(kind.name, target)]
                    for variable, value in kind.row(layout, response, target).items():
                        index = cells[block].setdefault((response.id, variable), len(cells[block]))
                        entry.people.append(person)
                        entry.cells.append(index)
                        entry.values.append(value)
            for block in sorted(blocks):
                for kind in kinds:
                    for target in kind.person_targets(layout, block, response):
                        composite = {(response.id, variable): value for variable, value in target.items()}
                        for cell in composite:
                            cells[block].setdefault(cell, len(cells[block]))
                        composites[block].append(composite)
        self.cells = {block: list(found) for block, found in cells.items()}
        self._terms = {key: entry.freeze() for key, entry in terms.items()}
        self.blocks: dict[str, BlockAudit] = {}
        for block, found in cells.items():
            by_variable: dict[str, list[int]] = defaultdict(list)
            for (_, variable), index in found.items():
                by_variable[variable].append(index)
            numbers, positions, values = [], [], []
            for number, composite in enumerate(composites[block]):
                for cell, value in composite.items():
                    numbers.append(number)
                    positions.append(found[cell])
                    values.append(value)
            self.blocks[block] = BlockAudit(
                [np.array(by_variable[v]) for v in sorted(by_variable)],
                (np.array(numbers), np.array(positions), np.array(values)),
            )
        self._pending: dict[str, list[np.ndarray]] = defaultdict(list)

    def row(self, key: FigureKey, contributors: Iterable[int]) -> tuple[str | None, np.ndarray]:
        """The figure's row over ``contributors``, in its block's cells (None: no row, e.g. a count of people)."""
        block = self._block_of.get((key.kind, key.target))
        if block is None or block not in self.blocks:
            return None, np.zeros(0)
        people, cells, values = self._terms[(key.kind, key.target)]
        chosen = np.zeros(len(self.position), dtype=bool)
        chosen[[self.position[rid] for rid in contributors if rid in self.position]] = True
        mask = chosen[people]
        return block, np.bincount(cells[mask], weights=values[mask], minlength=self.blocks[block].size)

    def record(self, key: FigureKey, contributors: Iterable[int]) -> None:
        """A version shown earlier: taken as known, with no check (`settle` loads them all at once)."""
        block, row = self.row(key, contributors)
        if block is not None:
            self._pending[block].append(row)

    def settle(self) -> None:
        """Load the recorded versions; from now on, only a new determination refuses a candidate."""
        for block, rows in self._pending.items():
            self.blocks[block].load(rows)
        self._pending.clear()
        for audit in self.blocks.values():
            audit.settle()

    def add(self, key: FigureKey, contributors: Iterable[int]) -> bool:
        """Accept the candidate version (and count it as shown from now on), or refuse it."""
        block, row = self.row(key, contributors)
        if block is None:
            return True
        return self.blocks[block].add(row, check=True)

    def determined(self) -> list[tuple[str, Cell]]:
        """The (block, cell) of every unknown the rows taken so far determine: for tests and diagnostics."""
        found = []
        for block, audit in self.blocks.items():
            units, _ = audit.determined()
            found += [(block, self.cells[block][p]) for p in units]
        return found
