"""A quantitative bipolar argumentation framework (QBAF) as plain data, compiled once to arrays.

Edges run source → target (the source attacks or supports the target). Self-loops carry no
meaning for the crux question (a claim cannot be its own reason) and break the closed-form
update, so they are dropped and listed in ``dropped_self_loops``; parallel duplicates collapse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order, connected_components

ATTACK = -1
SUPPORT = 1


@dataclass(frozen=True)
class QBAF:
    """Arguments plus attack and support edges (src, dst); build with :meth:`from_edges`."""

    arguments: tuple[str, ...]
    attacks: tuple[tuple[str, str], ...]
    supports: tuple[tuple[str, str], ...]
    dropped_self_loops: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @classmethod
    def from_edges(
        cls,
        arguments: Iterable[str] = (),
        attacks: Iterable[tuple[str, str]] = (),
        supports: Iterable[tuple[str, str]] = (),
    ) -> QBAF:
        """Normalise edge lists: add endpoints as arguments, drop self-loops, dedupe edges."""
        args = list(dict.fromkeys(arguments))
        seen = set(args)
        dropped: list[tuple[str, str]] = []

        def clean(edges: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
            kept: dict[tuple[str, str], None] = {}
            for src, dst in edges:
                for node in (src, dst):
                    if node not in seen:
                        seen.add(node)
                        args.append(node)
                if src == dst:
                    dropped.append((src, dst))
                else:
                    kept[(src, dst)] = None
            return tuple(kept)

        att, sup = clean(attacks), clean(supports)
        return cls(tuple(args), att, sup, tuple(dropped))

    @cached_property
    def compiled(self) -> Compiled:
        """Integer-indexed arrays, built once per framework."""
        return Compiled.build(self)


@dataclass(frozen=True, eq=False)
class Compiled:
    """CSR in-edges (for updates), CSR out-edges (for propagation) and the SCC levels."""

    names: tuple[str, ...]
    index: dict[str, int]
    in_ptr: np.ndarray  # in-edges of node a: in_src/in_sign[in_ptr[a]:in_ptr[a+1]]
    in_src: np.ndarray
    in_sign: np.ndarray
    out_ptr: np.ndarray  # out-neighbours of node b: out_dst[out_ptr[b]:out_ptr[b+1]]
    out_dst: np.ndarray
    out_sign: np.ndarray  # +1 supports / -1 attacks, beside out_dst
    comp: np.ndarray  # strongly connected component of each node
    cyclic: np.ndarray  # bool per node: lies on a cycle (SCC of size > 1)
    level: np.ndarray  # longest-path level of the node's SCC in the condensation

    @property
    def n(self) -> int:
        return len(self.names)

    @classmethod
    def build(cls, q: QBAF) -> Compiled:
        index = {name: i for i, name in enumerate(q.arguments)}
        src = np.array([index[s] for s, _ in q.attacks + q.supports], dtype=np.int64)
        dst = np.array([index[d] for _, d in q.attacks + q.supports], dtype=np.int64)
        sign = np.concatenate(
            [np.full(len(q.attacks), ATTACK, np.int8), np.full(len(q.supports), SUPPORT, np.int8)]
        )
        return cls.from_arrays(q.arguments, src, dst, sign)

    @classmethod
    def from_arrays(
        cls, names: tuple[str, ...], src: np.ndarray, dst: np.ndarray, sign: np.ndarray
    ) -> Compiled:
        """Build from integer edge arrays (no self-loops, no duplicates expected)."""
        n = len(names)
        order = np.argsort(dst, kind="stable")
        in_ptr = np.concatenate([[0], np.cumsum(np.bincount(dst, minlength=n))])
        out_order = np.argsort(src, kind="stable")
        out_ptr = np.concatenate([[0], np.cumsum(np.bincount(src, minlength=n))])
        comp, cyclic, level = _scc_levels(n, src, dst)
        return cls(
            names=tuple(names),
            index={name: i for i, name in enumerate(names)},
            in_ptr=in_ptr.astype(np.int64),
            in_src=src[order].astype(np.int64),
            in_sign=sign[order].astype(np.int8),
            out_ptr=out_ptr.astype(np.int64),
            out_dst=dst[out_order].astype(np.int64),
            out_sign=sign[out_order].astype(np.int8),
            comp=comp,
            cyclic=cyclic,
            level=level,
        )

    def subgraph(self, nodes: np.ndarray) -> tuple[Compiled, np.ndarray]:
        """Induced sub-framework on sorted ``nodes``; returns it and the old → new index map."""
        remap = np.full(self.n, -1, dtype=np.int64)
        remap[nodes] = np.arange(len(nodes))
        dst = np.repeat(np.arange(self.n), np.diff(self.in_ptr))
        keep = (remap[self.in_src] >= 0) & (remap[dst] >= 0)
        names = tuple(self.names[i] for i in nodes)
        sub = Compiled.from_arrays(
            names, remap[self.in_src[keep]], remap[dst[keep]], self.in_sign[keep]
        )
        return sub, remap

    def adjacency(self) -> csr_matrix:
        """Boolean src → dst matrix (for reachability)."""
        rows = np.repeat(np.arange(self.n), np.diff(self.out_ptr))
        data = np.ones(len(self.out_dst), dtype=np.int8)
        return csr_matrix((data, (rows, self.out_dst)), shape=(self.n, self.n))

    def ancestors(self, node: int) -> np.ndarray:
        """Nodes that reach ``node`` (excluding itself unless on a cycle through it)."""
        back = self.adjacency().T.tocsr()
        found = breadth_first_order(back, node, directed=True, return_predecessors=False)
        found = found[found != node]
        if self.cyclic[node]:
            found = np.concatenate([found, [node]])
        return np.sort(found)

    def descendants(self, node: int) -> np.ndarray:
        """Nodes reachable from ``node`` (excluding itself)."""
        found = breadth_first_order(self.adjacency(), node, directed=True,
                                    return_predecessors=False)
        return np.sort(found[found != node])


def _scc_levels(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, ...]:
    """SCC labels, per-node cyclic flag, and condensation levels (Kahn by frontier)."""
    adj = csr_matrix((np.ones(len(src), np.int8), (src, dst)), shape=(n, n))
    ncomp, comp = connected_components(adj, directed=True, connection="strong")
    comp = comp.astype(np.int64)
    sizes = np.bincount(comp, minlength=ncomp)
    cyclic = sizes[comp] > 1
    cs, cd = comp[src], comp[dst]
    keep = cs != cd
    cs, cd = cs[keep], cd[keep]
    pairs = np.unique(cs * ncomp + cd)
    cs, cd = pairs // ncomp, pairs % ncomp
    indeg = np.bincount(cd, minlength=ncomp)
    order = np.argsort(cs, kind="stable")
    cd_sorted = cd[order]
    ptr = np.concatenate([[0], np.cumsum(np.bincount(cs, minlength=ncomp))])
    clevel = np.zeros(ncomp, dtype=np.int64)
    frontier = np.flatnonzero(indeg == 0)
    lvl = 0
    while frontier.size:
        clevel[frontier] = lvl
        targets = cd_sorted[_ranges(ptr[frontier], ptr[frontier + 1])]
        np.subtract.at(indeg, targets, 1)
        frontier = np.unique(targets[indeg[targets] == 0])
        lvl += 1
    return comp, cyclic, clevel[comp]


def _ranges(starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """Concatenated aranges [starts[i], stops[i]) without a Python loop."""
    lengths = stops - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return np.arange(total, dtype=np.int64) + offsets
