"""A layered drawing order for each thesis's arguments, with few edge crossings.

The crux map draws a thesis on top and the claims that bear on it in rows below: row k holds
the claims k steps away (breadth-first over supports and attacks). How legible such a drawing
is depends on the order inside each row, since an argument placed far from the claim it bears on
crosses the edges in between. The order here is the classic Sugiyama step (Sugiyama, Tagawa and
Toda 1981): start with each row's claims under the first place of what they bear on (so a
claim's arguments start out together, the strongest cruxes first), then sweep down and up the
rows, sorting each row by the barycentre of its neighbours in the row just placed, and keep the
sweep with the fewest crossings between adjacent rows. The graph is compiled to arrays once per
map and every step is numpy over whole rows; rows stop after the one that takes a thesis past
``LAYOUT_MAX`` claims, far more than a view can show. The result is a pure function of the map
and the scores (ties go to the previous order, which starts from ids).

>>> from argmap.model import Anchor, ArgMap, Claim, Relation, Thesis
>>> claim = lambda i: Claim(i, i, "s", "x", "premise", Anchor(0, 1, "q", "", ""))
>>> rel = lambda s, t: Relation(s, t, "support", "", "s")
>>> m = ArgMap(theses=(Thesis("thesis.t", "T"),), claims=tuple(map(claim, ("a", "b", "a1", "b1"))),
...            relations=(rel("a", "thesis.t"), rel("b", "thesis.t"), rel("b1", "b"), rel("a1", "a")))
>>> thesis_layers(m, "thesis.t", {})
[['a', 'b'], ['a1', 'b1']]
>>> thesis_layers(m, "thesis.t", {"b": 1.0})  # the stronger crux first, its arguments under it
[['b', 'a'], ['b1', 'a1']]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order

from argmap.model import ArgMap

SWEEPS = 6  # down-and-up passes; more rarely pays on argument maps (measured in tests)
LAYOUT_MAX = 5000  # claims ordered per thesis, nearest rows first (whole rows): a view shows far fewer


def thesis_layers(argmap: ArgMap, thesis: str, priority: Mapping[str, float]) -> list[list[str]]:
    """The claims bearing on ``thesis``, row by row (row 1 = direct arguments), in drawing order.

    ``priority`` (e.g. crux scores on this thesis) orders a claim's arguments in the starting
    order; claims without one come after, by id.
    """
    return all_layers(argmap, {thesis: priority})[thesis]


def all_layers(argmap: ArgMap, priorities: Mapping[str, Mapping[str, float]],
               theses: Sequence[str] | None = None) -> dict[str, list[list[str]]]:
    """:func:`thesis_layers` for many theses (all by default), sharing one compiled graph.

    Rows stop after the row that brings a thesis past ``LAYOUT_MAX`` claims.
    """
    graph = _Graph(argmap)
    wanted = [t.id for t in argmap.theses] if theses is None else list(theses)
    return {t: graph.layers(t, priorities.get(t, {})) for t in wanted}


class _Graph:
    """The map's bearing relations as arrays: node indices, edge ends, id ranks (for ties)."""

    def __init__(self, argmap: ArgMap) -> None:
        self.ids = [t.id for t in argmap.theses] + [c.id for c in argmap.claims]
        index = {k: i for i, k in enumerate(self.ids)}
        n = len(self.ids)
        pairs = np.unique(np.array([(index[r.source], index[r.target]) for r in argmap.relations],
                                   np.int64).reshape(-1, 2), axis=0)  # a support and an attack count once
        self.src, self.tgt = pairs[:, 0], pairs[:, 1]
        self.back = csr_matrix((np.ones(len(pairs), np.int8), (self.tgt, self.src)), shape=(n, n))
        self.name_rank = np.empty(n, np.int64)
        self.name_rank[sorted(range(n), key=self.ids.__getitem__)] = np.arange(n)
        self.index = index

    def layers(self, thesis: str, priority: Mapping[str, float]) -> list[list[str]]:
        n, start = len(self.ids), self.index[thesis]
        order, pred = breadth_first_order(self.back, start, directed=True, return_predecessors=True)
        level = np.full(n, -1, np.int64)
        level[start] = 0
        lv, pr = level.tolist(), pred.tolist()
        last = 0
        for counted, v in enumerate(order.tolist()[1:]):  # breadth-first: rows arrive whole, in order
            lv[v] = lv[pr[v]] + 1
            if lv[v] > last:
                if counted >= LAYOUT_MAX:
                    break
                last = lv[v]
        level = np.array(lv, np.int64)
        level[level > last] = -1
        if last == 0:
            return []
        prio = np.zeros(n)
        for claim, score in priority.items():
            if claim in self.index:
                prio[self.index[claim]] = score
        # edges from a row to the row just above it: (argument, target)
        keep = (level[self.src] > 0) & (level[self.src] == level[self.tgt] + 1)
        src, tgt = self.src[keep], self.tgt[keep]
        rows = [np.flatnonzero(level == k) for k in range(1, last + 1)]
        # starting order: a row's claims under the first place of their targets above, best first
        place = np.zeros(n)
        place[start] = 0
        for k, row in enumerate(rows):
            first = np.full(n, np.inf)
            gap = level[src] == k + 1
            np.minimum.at(first, src[gap], place[tgt[gap]])
            rows[k] = row[np.lexsort((self.name_rank[row], -prio[row], first[row]))]
            place[rows[k]] = np.arange(len(rows[k]))
        local = np.zeros(n, np.int64)
        for row in rows:
            local[row] = np.arange(len(row))
        gaps = []  # per gap k (row k+1 below row k): each edge's place in the lower and upper row
        for k in range(len(rows) - 1):
            g = level[src] == k + 2
            gaps.append((local[src[g]], local[tgt[g]]))
        best = _sweep([len(r) for r in rows], gaps)
        return [[self.ids[i] for i in row[np.argsort(p, kind="stable")].tolist()]
                for row, p in zip(rows, best, strict=True)]


def _sweep(sizes: list[int], gaps: list[tuple[np.ndarray, np.ndarray]]) -> list[np.ndarray]:
    """Barycentre sweeps over rows of the given sizes; the ranks with the fewest crossings win."""
    pos = [np.arange(size, dtype=np.float64) for size in sizes]  # rank of each node in its row

    def frac(k: int) -> np.ndarray:
        return (pos[k] + 0.5) / sizes[k]

    def reorder(k: int, key: np.ndarray) -> None:
        ranks = np.empty(len(key), np.float64)
        ranks[np.lexsort((pos[k], key))] = np.arange(len(key))
        pos[k] = ranks

    def total() -> int:
        return sum(crossings(pos[k + 1][lower], pos[k][upper]) for k, (lower, upper) in enumerate(gaps))

    best, best_pos = total(), [p.copy() for p in pos]
    for _ in range(SWEEPS if best else 0):
        for k in range(1, len(sizes)):  # down: a row follows its targets above
            lower, upper = gaps[k - 1]
            reorder(k, _barycentre(sizes[k], lower, frac(k - 1)[upper], frac(k)))
        for k in range(len(sizes) - 2, -1, -1):  # up: a row follows its arguments below
            lower, upper = gaps[k]
            reorder(k, _barycentre(sizes[k], upper, frac(k + 1)[lower], frac(k)))
        score = total()
        if score < best:
            best, best_pos = score, [p.copy() for p in pos]
    return best_pos


def _barycentre(n: int, ends: np.ndarray, other: np.ndarray, own: np.ndarray) -> np.ndarray:
    """Mean position of each node's neighbours across a gap; its own position when it has none."""
    count = np.bincount(ends, minlength=n)
    total = np.bincount(ends, weights=other, minlength=n)
    return np.where(count > 0, total / np.maximum(count, 1), own)


def crossings(lower: np.ndarray, upper: np.ndarray) -> int:
    """Edge crossings between two rows, for edges given by their ends' positions in each row.

    Two edges cross when their ends are in opposite orders in the two rows: sorted by the upper
    end, the count is the number of inversions among the lower ends (edges sharing an end never
    cross). Counted by a bottom-up merge sort, vectorised per pass.

    >>> crossings(np.array([0, 1]), np.array([1, 0])), crossings(np.array([0, 1]), np.array([0, 1]))
    (1, 0)
    """
    if len(lower) < 2:
        return 0
    seq = np.asarray(lower, np.int64)[np.lexsort((lower, upper))]
    return _inversions(seq)


def _inversions(seq: np.ndarray) -> int:
    """Pairs i < j with seq[i] > seq[j]."""
    n = len(seq)
    span = int(seq.max()) + 1 if n else 1
    values = seq.copy()
    count = 0
    width = 1
    idx = np.arange(n)
    while width < n:
        block = idx // width
        pair, is_right = block // 2, block % 2 == 1
        keyed = pair * span + values  # blocks are sorted: keyed values sort within each pair
        left_keys = keyed[~is_right]
        right = np.flatnonzero(is_right)
        # left elements of the same pair not greater than each right element
        not_greater = np.searchsorted(left_keys, keyed[right], side="right")
        left_start = np.searchsorted(left_keys, pair[right] * span, side="left")
        left_len = np.searchsorted(left_keys, (pair[right] + 1) * span, side="left") - left_start
        count += int((left_len - (not_greater - left_start)).sum())
        values = np.sort(keyed, kind="stable") - pair * span  # merge each pair (pairs stay in place)
        width *= 2
    return count
