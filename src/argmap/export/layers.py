"""A layered drawing order for each thesis's arguments, with few edge crossings.

The crux map draws a thesis on top and the claims that bear on it in rows below: row k holds
the claims k steps away (breadth-first over supports and attacks). How legible such a drawing
is depends on the order inside each row, since an argument placed far from the claim it bears on
crosses the edges in between. The order here is the classic Sugiyama step (Sugiyama, Tagawa and
Toda 1981): start from a depth-first order (so a claim's arguments start out together, the
strongest cruxes first), then sweep down and up the rows, sorting each row by the barycentre of
its neighbours in the row just placed, and keep the sweep with the fewest crossings between
adjacent rows. Everything is numpy over whole rows, so a 15,000-claim thesis takes a fraction
of a second, and the result is a pure function of the map and the scores (ties broken by the
previous order, which starts from ids).

>>> from argmap.model import ArgMap, Relation, Thesis
>>> rel = lambda s, t: Relation(s, t, "support", "", "s")
>>> m = ArgMap(theses=(Thesis("thesis.t", "T"),),
...            relations=(rel("a", "thesis.t"), rel("b", "thesis.t"), rel("b1", "b"), rel("a1", "a")))
>>> thesis_layers(m, "thesis.t", {})
[['a', 'b'], ['a1', 'b1']]
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from argmap.model import ArgMap

SWEEPS = 6  # down-and-up passes; more rarely pays on argument maps (measured in tests)


def thesis_layers(argmap: ArgMap, thesis: str, priority: Mapping[str, float]) -> list[list[str]]:
    """The claims bearing on ``thesis``, row by row (row 1 = direct arguments), in drawing order.

    ``priority`` (e.g. crux scores on this thesis) orders a claim's arguments in the starting
    order; claims without one come after, by id.
    """
    level: dict[str, int] = {thesis: 0}
    rows: list[list[str]] = []
    frontier = [thesis]
    while frontier:
        row: list[str] = []
        for node in frontier:
            for rel in argmap.relations_to(node):
                if rel.source not in level:
                    level[rel.source] = len(rows) + 1
                    row.append(rel.source)
        if not row:
            break
        rows.append(sorted(row))
        frontier = rows[-1]
    if not rows:
        return []
    # adjacent-row edges only: (argument, target) with the argument one row below its target
    edges = [[] for _ in rows]  # edges[k]: from row k+1 to row k (row 0 = the thesis)
    for k, row in enumerate(rows):
        for node in row:
            for rel in argmap.relations_from(node):
                if level.get(rel.target) == k:
                    edges[k].append((node, rel.target))
    edges = [sorted(gap) for gap in edges]  # float sums in a fixed order: the map's order cannot matter
    order = _depth_first(argmap, thesis, level, priority)
    ranked = [sorted(row, key=order.__getitem__) for row in rows]
    return _sweep(ranked, edges)


def _depth_first(argmap: ArgMap, thesis: str, level: Mapping[str, int],
                 priority: Mapping[str, float]) -> dict[str, int]:
    """Pre-order rank of each claim when the rows are walked from the thesis down, best first."""
    seen: dict[str, int] = {}
    stack = [thesis]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen[node] = len(seen)
        below = sorted({r.source for r in argmap.relations_to(node)
                        if level.get(r.source) == level[node] + 1 and r.source not in seen},
                       key=lambda c: (-priority.get(c, 0.0), c))
        stack.extend(reversed(below))
    return seen


def _sweep(rows: list[list[str]], edges: list[list[tuple[str, str]]]) -> list[list[str]]:
    """Barycentre sweeps over the rows; the order with the fewest crossings wins."""
    index = [{node: i for i, node in enumerate(row)} for row in rows]
    # per gap k (row k+1 below row k): local indices of each edge's lower and upper end
    lower = [np.array([index[k + 1][a] for a, _ in edges[k + 1]], np.int64) if k + 1 < len(rows)
             else np.zeros(0, np.int64) for k in range(len(rows))]
    upper = [np.array([index[k][b] for _, b in edges[k + 1]], np.int64) if k + 1 < len(rows)
             else np.zeros(0, np.int64) for k in range(len(rows))]
    pos = [np.arange(len(row), dtype=np.float64) for row in rows]  # rank of each node in its row

    def frac(k: int) -> np.ndarray:
        return (pos[k] + 0.5) / len(rows[k])

    def reorder(k: int, key: np.ndarray) -> None:
        ranks = np.empty(len(key), np.float64)
        ranks[np.lexsort((pos[k], key))] = np.arange(len(key))
        pos[k] = ranks

    def total() -> int:
        return sum(crossings(pos[k + 1][lower[k]], pos[k][upper[k]]) for k in range(len(rows) - 1))

    best, best_pos = total(), [p.copy() for p in pos]
    for _ in range(SWEEPS):
        for k in range(1, len(rows)):  # down: a row follows its targets above
            reorder(k, _barycentre(len(rows[k]), lower[k - 1], frac(k - 1)[upper[k - 1]], frac(k)))
        for k in range(len(rows) - 2, -1, -1):  # up: a row follows its arguments below
            reorder(k, _barycentre(len(rows[k]), upper[k], frac(k + 1)[lower[k]], frac(k)))
        score = total()
        if score < best:
            best, best_pos = score, [p.copy() for p in pos]
    return [[row[i] for i in np.argsort(p, kind="stable").tolist()] for row, p in zip(rows, best_pos, strict=True)]


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
