"""The audit across figures: would showing one more figure version make somebody's answer computable?

Each figure version shown is a linear equation over the unknowns x[p, v] (person p's value on variable v, for the
variables p answered; `scoring.privacy.figures` gives the coefficients). Whoever sees every screen, every breakdown
and every refresh holds all of them. One person's value t (an x[p, v], or their dimension score, a combination of
their own unknowns) is then determined exactly when t lies in the span of the rows shown: subtracting, crossing
breakdowns, or crossing a statement with its dimension are all ways of finding such a combination.

Dimensions are independent blocks: no row crosses two of them (the overall score shown is derived from shown
dimension scores). Within a block, the rows seen so far are kept as an orthonormal basis of their span, and every
target keeps its squared distance to that span, ‖t‖² − ‖Qᵀt‖². A candidate row adds one direction q (its part
orthogonal to the span, by Gram–Schmidt done twice for accuracy), which lowers each distance by (q·t)²; the
candidate is refused if some target's distance would fall to zero (below `DETERMINED` relative to ‖t‖²: a false
alarm only hides a figure).
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager

import numpy as np

from scoring.privacy.admission import CleanResponse
from scoring.privacy.figures import KINDS, FigureKind, Layout
from scoring.privacy.records import FigureKey

Cell = tuple[int, str]  # (response id, variable)
# A row whose part outside the span is below this (relative to its norm) adds nothing new.
INDEPENDENT = 1e-10
# A target whose squared distance to the span falls below this (relative to ‖t‖²) is determined.
DETERMINED = 1e-8


def single_blas_thread() -> AbstractContextManager[object]:
    """While in it, numpy's BLAS and LAPACK use one thread (the whole process's, as OpenBLAS has no other kind).

    The audit's products and SVDs are small (a few hundred rows): on a server whose cores are busy with other
    requests, BLAS threads spinning for each other made an SVD 40 times slower than on one thread."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


class BlockAudit:
    """The rows shown in one block, and how far each target of the block stays from being determined.

    The span W of the rows is kept as U ⊕ span(Q): U = ⊕_v U_v, where U_v is spanned by the rows about variable v
    alone (a statement's distribution: an indicator of who answered it), with an orthonormal basis per variable;
    Q is an orthonormal basis of the other rows (a dimension's), orthogonal to U. A statement row then costs work
    in its own P coordinates plus Q's, and only a dimension row costs work over every variable of the block.
    Cells (and the people's targets) can be added at any time: a new person's cells are zero in every row so far.
    """

    def __init__(self) -> None:
        self.size = 0
        self.variable_of = np.zeros(0, dtype=np.int64)  # cell -> variable number
        self.local = np.zeros(0, dtype=np.int64)  # cell -> its position among its variable's cells
        self.variables: list[np.ndarray] = []  # variable number -> its cells
        self._single: list[np.ndarray] = []  # variable number -> orthonormal basis of U_v (its cells × rank)
        self._cross = np.zeros((0, 0))
        self._unit_left = np.zeros(0)
        self._known_units = np.zeros(0, dtype=bool)
        # Composite targets (a person's dimension score) as (target, cell, value) triples.
        self._targets = np.zeros(0, dtype=np.int64)
        self._target_cells = np.zeros(0, dtype=np.int64)
        self._target_values = np.zeros(0)
        self._composite_norm = np.zeros(0)
        self._composite_left = np.zeros(0)
        self._known_composites = np.zeros(0, dtype=bool)

    def copy(self) -> BlockAudit:
        """Arrays are never changed in place, only replaced: a copy shares them until either side moves on."""
        twin = copy.copy(self)
        twin.variables = list(self.variables)
        twin._single = list(self._single)
        return twin

    @property
    def rank(self) -> int:
        return sum(basis.shape[1] for basis in self._single) + self._cross.shape[1]

    # ---- growing ------------------------------------------------------------------------------------------

    def add_cells(self, variables: Sequence[int]) -> np.ndarray:
        """New cells, one per entry (its variable's number); returns their positions."""
        positions = np.arange(self.size, self.size + len(variables), dtype=np.int64)
        numbers = np.asarray(variables, dtype=np.int64)
        while len(self.variables) <= (int(numbers.max()) if len(numbers) else -1):
            self.variables.append(np.zeros(0, dtype=np.int64))
            self._single.append(np.zeros((0, 0)))
        local = np.zeros(len(numbers), dtype=np.int64)
        for number in np.unique(numbers):
            mine = positions[numbers == number]
            local[numbers == number] = np.arange(len(self.variables[number]), len(self.variables[number]) + len(mine))
            self.variables[number] = np.concatenate([self.variables[number], mine])
            basis = self._single[number]
            self._single[number] = np.vstack([basis, np.zeros((len(mine), basis.shape[1]))])
        self.variable_of = np.concatenate([self.variable_of, numbers])
        self.local = np.concatenate([self.local, local])
        self._cross = np.vstack([self._cross, np.zeros((len(numbers), self._cross.shape[1]))])
        self._unit_left = np.concatenate([self._unit_left, np.ones(len(numbers))])
        self._known_units = np.concatenate([self._known_units, np.zeros(len(numbers), dtype=bool)])
        self.size += len(numbers)
        return positions

    def add_target(self, cells: Sequence[int], values: Sequence[float]) -> None:
        """A composite target: Σ values[j] · x[cells[j]] must stay undetermined."""
        self.add_targets([(cells, values)])

    def add_targets(self, targets: Sequence[tuple[Sequence[int], Sequence[float]]]) -> None:
        """Several composite targets at once (one array operation instead of one per target)."""
        if not targets:
            return
        first = len(self._composite_norm)
        numbers = np.concatenate(
            [np.full(len(cells), first + n, dtype=np.int64) for n, (cells, _) in enumerate(targets)]
        )
        cells = np.concatenate([np.asarray(cells, dtype=np.int64) for cells, _ in targets])
        values = np.concatenate([np.asarray(values, dtype=np.float64) for _, values in targets])
        norm = np.bincount(numbers - first, weights=values**2, minlength=len(targets))
        # A target no row has touched yet is as far from the span as it can be (a new person's: no row has them).
        if self.rank:
            left = norm - np.array([float(np.sum(self._composite_dot_basis(c, v) ** 2)) for c, v in targets])
        else:
            left = norm
        self._targets = np.concatenate([self._targets, numbers])
        self._target_cells = np.concatenate([self._target_cells, cells])
        self._target_values = np.concatenate([self._target_values, values])
        self._composite_norm = np.concatenate([self._composite_norm, norm])
        self._composite_left = np.concatenate([self._composite_left, left])
        self._known_composites = np.concatenate([self._known_composites, left <= DETERMINED * norm])

    def _composite_dot_basis(self, cells: Sequence[int], values: Sequence[float]) -> np.ndarray:
        vector = np.zeros(self.size)
        vector[np.asarray(cells, dtype=np.int64)] = values
        parts = [self._cross.T @ vector]
        for cells_v, basis in zip(self.variables, self._single, strict=True):
            if basis.shape[1]:
                parts.append(basis.T @ vector[cells_v])
        return np.concatenate(parts)

    # ---- rows ---------------------------------------------------------------------------------------------

    def _composite_dot(self, direction: np.ndarray) -> np.ndarray:
        return np.bincount(
            self._targets,
            weights=self._target_values * direction[self._target_cells],
            minlength=len(self._composite_norm),
        )

    def _try(self, direction: np.ndarray, *, check: bool) -> bool:
        unit_left = self._unit_left - direction**2
        composite_left = self._composite_left - self._composite_dot(direction) ** 2
        if check and (
            ((unit_left <= DETERMINED) & ~self._known_units).any()
            or ((composite_left <= DETERMINED * self._composite_norm) & ~self._known_composites).any()
        ):
            return False
        self._unit_left, self._composite_left = unit_left, composite_left
        return True

    def add_single(self, variable: int, part: np.ndarray, *, check: bool) -> bool:
        """A row about one variable only, given over that variable's cells."""
        cells = self.variables[variable]
        norm = float(np.linalg.norm(part))
        if norm == 0.0:
            return True
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
        if not self._try(direction, check=check):
            return False
        self._single[variable] = np.column_stack([basis, u])
        self._keep_cross_orthogonal(cells, u, w)
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

    def add_cross(self, row: np.ndarray, *, check: bool) -> bool:
        """A row over several variables (a dimension's), given over the block's cells."""
        vector = np.array(row, dtype=np.float64)
        norm = float(np.linalg.norm(vector))
        if norm == 0.0:
            return True
        for _ in range(2):
            for cells, basis in zip(self.variables, self._single, strict=True):
                if basis.shape[1]:
                    vector[cells] -= basis @ (basis.T @ vector[cells])
            vector -= self._cross @ (self._cross.T @ vector)
        left = float(np.linalg.norm(vector))
        if left <= INDEPENDENT * norm:
            return True
        direction = vector / left
        if not self._try(direction, check=check):
            return False
        self._cross = np.column_stack([self._cross, direction])
        return True

    def add(self, row: np.ndarray, *, check: bool) -> bool:
        """Any row over the block's cells: a single variable's goes the cheap way."""
        row = np.asarray(row, dtype=np.float64)
        support = np.flatnonzero(row)
        if not len(support):
            return True
        variables = np.unique(self.variable_of[support])
        if len(variables) == 1:
            variable = int(variables[0])
            return self.add_single(variable, row[self.variables[variable]], check=check)
        return self.add_cross(row, check=check)

    def take_all(self, singles: dict[int, list[np.ndarray]], crosses: list[np.ndarray]) -> None:
        """Rows known to be shown, taken in one go into a block that holds no row yet (a cold start: every version
        ever recorded). The same span as taking them one by one with no check (`add_single`, `add_cross`), built
        with one SVD per variable and one for the dimension rows instead of a Gram–Schmidt step per row.

        ``singles`` are statement rows over their variable's cells, ``crosses`` rows over the block's cells.
        """
        if self.rank:
            raise ValueError("take_all builds a block's span from nothing")
        for variable, rows in singles.items():
            self._single[variable] = _row_space(np.vstack(rows))
        if crosses:
            stacked = np.vstack(crosses)
            scale = float(np.max(np.linalg.norm(stacked, axis=1)))
            for _ in range(2):  # off U, twice: orthogonal to working precision
                for cells, basis in zip(self.variables, self._single, strict=True):
                    if basis.shape[1]:
                        stacked[:, cells] -= (stacked[:, cells] @ basis) @ basis.T
            self._cross = _row_space(stacked, scale=scale)
        # What is left of each unknown and each target: its squared norm minus that of its projection on the span.
        along = np.sum(self._cross**2, axis=1)
        for cells, basis in zip(self.variables, self._single, strict=True):
            if basis.shape[1]:
                along[cells] += np.sum(basis**2, axis=1)
        self._unit_left = self._unit_left - along
        if len(self._composite_norm):
            projected = np.zeros(len(self._composite_norm))
            for basis, mask in [(self._cross, np.ones(len(self._target_cells), dtype=bool))] + [
                (basis, self.variable_of[self._target_cells] == v) for v, basis in enumerate(self._single)
            ]:
                if not basis.shape[1] or not mask.any():
                    continue
                rows = self._target_cells[mask] if basis is self._cross else self.local[self._target_cells[mask]]
                coordinates = np.zeros((len(self._composite_norm), basis.shape[1]))
                np.add.at(coordinates, self._targets[mask], self._target_values[mask, None] * basis[rows])
                projected += np.sum(coordinates**2, axis=1)
            self._composite_left = self._composite_left - projected

    def settle(self) -> None:
        """What is determined now stays so whatever is refused later: only a new determination blocks a row."""
        self._known_units = self._known_units | (self._unit_left <= DETERMINED)
        self._known_composites = self._known_composites | (self._composite_left <= DETERMINED * self._composite_norm)

    def determined(self) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the determined unknowns and numbers of the determined composite targets."""
        return (
            np.flatnonzero(self._unit_left <= DETERMINED),
            np.flatnonzero(self._composite_left <= DETERMINED * self._composite_norm),
        )


def _row_space(rows: np.ndarray, *, scale: float | None = None) -> np.ndarray:
    """An orthonormal basis (as columns) of the space the rows span; a direction below `INDEPENDENT` relative to the
    longest row (or ``scale``) adds nothing new, as for one row at a time."""
    if not rows.size:
        return np.zeros((rows.shape[1], 0))
    longest = float(np.max(np.linalg.norm(rows, axis=1))) if scale is None else scale
    if longest == 0.0:
        return np.zeros((rows.shape[1], 0))
    _, singular, right = np.linalg.svd(rows, full_matrices=False)
    rank = int(np.sum(singular > INDEPENDENT * longest))
    return right[:rank].T.copy()


class _Terms:
    """One figure's row per person: the row over a set S is the sum of the terms of S's people."""

    def __init__(self) -> None:
        self.people: list[np.ndarray] = []
        self.cells: list[np.ndarray] = []
        self.values: list[np.ndarray] = []
        self._frozen: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def copy(self) -> _Terms:
        twin = _Terms()
        twin.people, twin.cells, twin.values, twin._frozen = (
            list(self.people),
            list(self.cells),
            list(self.values),
            self._frozen,
        )
        return twin

    def append(self, person: int, cells: Sequence[int], values: Sequence[float]) -> None:
        self.people.append(np.full(len(cells), person, dtype=np.int64))
        self.cells.append(np.asarray(cells, dtype=np.int64))
        self.values.append(np.asarray(values, dtype=np.float64))
        self._frozen = None

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._frozen is None:
            self._frozen = (np.concatenate(self.people), np.concatenate(self.cells), np.concatenate(self.values))
            self.people, self.cells, self.values = [self._frozen[0]], [self._frozen[1]], [self._frozen[2]]
        return self._frozen


class Audit:
    """All blocks of one workshop's counted responses; people can be added as they are admitted."""

    def __init__(self, layout: Layout, members: Iterable[CleanResponse] = (), kinds: Sequence[FigureKind] = KINDS):
        self.layout = layout
        self.kinds = tuple(kinds)
        self.position: dict[int, int] = {}
        self.blocks: dict[str, BlockAudit] = {}
        self.cells: dict[str, dict[Cell, int]] = defaultdict(dict)
        self._variable_numbers: dict[str, dict[str, int]] = defaultdict(dict)
        self._terms: dict[tuple[str, str], _Terms] = defaultdict(_Terms)
        self._block_of: dict[tuple[str, str], str] = {}
        self._figure_variables: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._pending: dict[str, list[tuple[tuple[str, str], np.ndarray]]] = defaultdict(list)
        self.extend(members)

    def copy(self) -> Audit:
        twin = copy.copy(self)
        twin.position = dict(self.position)
        twin.blocks = {name: block.copy() for name, block in self.blocks.items()}
        twin.cells = defaultdict(dict, {name: dict(cells) for name, cells in self.cells.items()})
        twin._variable_numbers = defaultdict(dict, {name: dict(v) for name, v in self._variable_numbers.items()})
        twin._terms = defaultdict(_Terms, {figure: terms.copy() for figure, terms in self._terms.items()})
        twin._block_of = dict(self._block_of)
        twin._figure_variables = defaultdict(set, {figure: set(v) for figure, v in self._figure_variables.items()})
        twin._pending = defaultdict(list, {name: list(rows) for name, rows in self._pending.items()})
        return twin

    def extend(self, members: Iterable[CleanResponse]) -> None:
        """Add people's unknowns and targets (a person's cells are zero in every row taken so far).

        The cells of all the new people are numbered first and added to each block in one go (a cold start adds
        every counted person at once)."""
        layout = self.layout
        new_cells: dict[str, list[int]] = defaultdict(list)  # block -> the variable number of each new cell
        new_targets: dict[str, list[tuple[list[int], list[float]]]] = defaultdict(list)
        for response in members:
            if response.id in self.position:
                continue
            person = self.position[response.id] = len(self.position)
            blocks: set[str] = set()
            for kind in self.kinds:
                for target in kind.targets(layout):
                    block = kind.block(layout, target)
                    if block is None or not kind.has_value(layout, response, target):
                        continue
                    blocks.add(block)
                    row = kind.row(layout, response, target)
                    positions = self._cells(block, response.id, list(row), new_cells[block])
                    self._block_of[(kind.name, target)] = block
                    self._figure_variables[(kind.name, target)].update(row)
                    self._terms[(kind.name, target)].append(person, positions, list(row.values()))
            for block in sorted(blocks):
                for kind in self.kinds:
                    for target in kind.person_targets(layout, block, response):
                        positions = self._cells(block, response.id, list(target), new_cells[block])
                        new_targets[block].append((positions, list(target.values())))
        for block, variables in new_cells.items():
            audit = self.blocks.setdefault(block, BlockAudit())
            if variables:
                audit.add_cells(variables)
        for block, targets in new_targets.items():
            self.blocks[block].add_targets(targets)

    def _cells(self, block: str, response_id: int, variables: Sequence[str], adding: list[int]) -> list[int]:
        """The positions of a person's cells in ``block``, numbering the new ones after those in ``adding`` (the
        variable numbers of the cells `extend` is about to add)."""
        audit = self.blocks.get(block)
        if audit is None:
            audit = self.blocks[block] = BlockAudit()
        known = self.cells[block]
        numbers = self._variable_numbers[block]
        for variable in variables:
            if (response_id, variable) not in known:
                known[(response_id, variable)] = audit.size + len(adding)
                adding.append(numbers.setdefault(variable, len(numbers)))
        return [known[(response_id, v)] for v in variables]

    def _row(self, key: FigureKey, contributors: Iterable[int]) -> tuple[str, np.ndarray] | None:
        figure = (key.kind, key.target)
        block = self._block_of.get(figure)
        if block is None:
            return None  # a count of people, or a figure nobody has a value for: no row
        people, cells, values = self._terms[figure].arrays()
        chosen = np.zeros(len(self.position), dtype=bool)
        position = self.position
        chosen[[position[rid] for rid in contributors if rid in position]] = True
        mask = chosen[people]
        return block, np.bincount(cells[mask], weights=values[mask], minlength=self.blocks[block].size)

    def _single(self, figure: tuple[str, str]) -> bool:
        return len(self._figure_variables[figure]) == 1

    def _take(self, figure: tuple[str, str], block: str, row: np.ndarray, *, check: bool) -> bool:
        audit = self.blocks[block]
        if not row.any():
            return True
        if self._single(figure):  # a statement's row: one variable, the cheap way
            variable = int(audit.variable_of[np.flatnonzero(row)[0]])
            return audit.add_single(variable, row[audit.variables[variable]], check=check)
        return audit.add_cross(row, check=check)

    def record(self, key: FigureKey, contributors: Iterable[int]) -> None:
        """A version shown earlier: taken as known, with no check (`settle` takes them all, statements first)."""
        found = self._row(key, contributors)
        if found is not None:
            self._pending[found[0]].append(((key.kind, key.target), found[1]))

    def settle(self) -> None:
        """Take the recorded versions; from now on, only a new determination refuses a candidate."""
        for block, rows in self._pending.items():
            audit = self.blocks[block]
            if not audit.rank and len(rows) > 1:  # a cold start: every version ever recorded, in one go
                singles: dict[int, list[np.ndarray]] = defaultdict(list)
                crosses: list[np.ndarray] = []
                for figure, row in rows:
                    if not row.any():
                        continue
                    if self._single(figure):
                        variable = int(audit.variable_of[np.flatnonzero(row)[0]])
                        singles[variable].append(row[audit.variables[variable]])
                    else:
                        crosses.append(row)
                audit.take_all(singles, crosses)
                continue
            ordered = sorted(rows, key=lambda entry: not self._single(entry[0]))  # statements' first: cheaper
            for figure, row in ordered:
                self._take(figure, block, row, check=False)
        self._pending.clear()
        for audit in self.blocks.values():
            audit.settle()

    def add(self, key: FigureKey, contributors: Iterable[int]) -> bool:
        """Accept the candidate version (and count it as shown from now on), or refuse it."""
        found = self._row(key, contributors)
        if found is None:
            return True
        return self._take((key.kind, key.target), found[0], found[1], check=True)

    def determined(self) -> list[tuple[str, Cell]]:
        """The (block, cell) of every unknown the rows taken so far determine: for tests and diagnostics."""
        found = []
        for block, audit in self.blocks.items():
            units, _ = audit.determined()
            cells = list(self.cells[block])
            found += [(block, cells[p]) for p in units]
        return found
