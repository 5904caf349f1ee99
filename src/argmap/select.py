"""Cut a debate-sized piece out of a map: a claim or thesis, its neighbourhood, one side, one author.

The result is itself a complete ArgMap (every id it mentions is in it), so every exporter,
the RDF shapes and the crux map work on a selection exactly as on the whole map.

- A **thesis** with no depth: its whole argument tree, i.e. every claim with a directed
  support/attack path to it.
- A **claim** (default depth 2), or a thesis with an explicit depth: everything within
  ``depth`` hops over relations in either direction.
- **Side**: ``pro`` keeps the nodes whose shortest path to the focus crosses an even number of
  attacks (they argue for it, or agree with it), ``con`` those with an odd number. A node
  reached by shortest paths of both parities belongs to both sides.
- **Author** (an id or a name): only that author's claims, and only their positions.

The focus itself is always kept, whatever the side or author filter.

A crux is a claim: select it with ``claim=crux.claim``.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterable

from argmap.errors import ArgmapError
from argmap.model import THESIS_PREFIX, ArgMap, Author, Relation

SIDES = ("pro", "con")
CLAIM_DEPTH = 2

__all__ = ["CLAIM_DEPTH", "SIDES", "chain", "find_author", "parities", "select", "subset"]


def select(
    argmap: ArgMap, *, claim: str | None = None, thesis: str | None = None,
    author: str | None = None, depth: int | None = None, side: str | None = None,
) -> ArgMap:
    """The part of ``argmap`` around a focus claim or thesis, on one side, by one author."""
    if claim is not None and thesis is not None:
        raise ArgmapError("select a claim or a thesis, not both")
    focus = claim if claim is not None else thesis
    if focus is not None and not argmap.has(focus):
        raise ArgmapError(f"no claim or thesis {focus!r}")
    if claim is not None and claim.startswith(THESIS_PREFIX):
        raise ArgmapError(f"{claim!r} is a thesis, not a claim: select it as a thesis")
    if thesis is not None and not thesis.startswith(THESIS_PREFIX):
        raise ArgmapError(f"{thesis!r} is a claim, not a thesis: select it as a claim")
    if depth is not None and depth < 0:
        raise ArgmapError(f"depth must be 0 or more, not {depth}")
    if side is not None and side not in SIDES:
        raise ArgmapError(f"unknown side {side!r} (expected pro or con)")
    if focus is None and (side is not None or depth is not None):
        raise ArgmapError("a side or a depth needs a focus: a claim or a thesis")
    holder = find_author(argmap, author).id if author is not None else None

    if focus is None:
        if holder is None:
            return subset(argmap, [c.id for c in argmap.claims] + [t.id for t in argmap.theses])
        kept = {c.id for c in argmap.claims if c.author == holder}
        kept |= {r.target for r in argmap.relations  # the theses their claims bear on directly
                 if r.source in kept and r.target.startswith(THESIS_PREFIX)}
        return subset(argmap, kept, author=holder)

    directed = thesis is not None and depth is None
    hops = None if directed else (CLAIM_DEPTH if depth is None else depth)
    reach = parities(argmap, focus, depth=hops, directed=directed)
    wanted = {"pro": 0, "con": 1}.get(side or "")
    kept = {n for n, par in reach.items()
            if (wanted is None or wanted in par) and _by(argmap, n, holder)}
    return subset(argmap, kept | {focus}, author=holder)


def parities(
    argmap: ArgMap, focus: str, *, depth: int | None = None, directed: bool = False,
) -> dict[str, frozenset[int]]:
    """Every node within reach of ``focus`` → the attack-count parities of its shortest paths.

    0 means an even number of attacks (the node argues for the focus), 1 odd (against).
    ``directed`` follows edges backwards only (claims that bear on the focus, transitively);
    otherwise hops go both ways. ``depth`` None means no limit.
    """
    def neighbours(node: str) -> list[tuple[str, int]]:
        """(other end, 1 for an attack) of every relation at ``node`` that may be walked."""
        out = [(r.source, int(r.type == "attack")) for r in argmap.relations_to(node)]
        if not directed:
            out += [(r.target, int(r.type == "attack")) for r in argmap.relations_from(node)]
        return out

    dist = {focus: 0}
    found: dict[str, set[int]] = {focus: {0}}
    queue = deque([focus])
    while queue:
        node = queue.popleft()
        if depth is not None and dist[node] >= depth:
            continue
        for other, flip in neighbours(node):
            if other not in dist:
                dist[other] = dist[node] + 1
                found[other] = set()
                queue.append(other)
            if dist[other] == dist[node] + 1:  # on a shortest path: inherit its parities
                found[other] |= {p ^ flip for p in found[node]}
    return {n: frozenset(p) for n, p in found.items()}


def find_author(argmap: ArgMap, key: str) -> Author:
    """The author whose id or full name is ``key`` (:meth:`Author.matches`): the one resolver."""
    found = [a for a in argmap.authors if a.matches(key)]
    exact = [a for a in found if a.id == key.strip()]
    if len(exact or found) == 1:
        return (exact or found)[0]
    if found:
        raise ArgmapError(f"{key!r} names several authors ({', '.join(a.id for a in found)}): give an id")
    raise ArgmapError(f"no author {key!r} (authors: {', '.join(a.id for a in argmap.authors)})")


def subset(argmap: ArgMap, nodes: Iterable[str], *, author: str | None = None) -> ArgMap:
    """The map restricted to ``nodes`` (claim and thesis ids), closed under references.

    Keeps the relations among the nodes, the positions on them (only ``author``'s when given),
    and exactly the sources and authors those refer to. A position's evidence outside the
    selection is dropped rather than left dangling.
    """
    keep = set(nodes)
    claims = tuple(c for c in argmap.claims if c.id in keep)
    theses = tuple(t for t in argmap.theses if t.id in keep)
    kept_ids = {c.id for c in claims} | {t.id for t in theses}
    relations = tuple(r for r in argmap.relations
                      if r.source in kept_ids and r.target in kept_ids)
    positions = tuple(
        p if p.evidence is None or p.evidence in kept_ids else dataclasses.replace(p, evidence=None)
        for p in argmap.positions
        if p.target in kept_ids and (author is None or p.author == author)
    )
    source_ids = ({c.source for c in claims} | {r.declared_in for r in relations}
                  | {p.declared_in for p in positions})
    sources = tuple(s for s in argmap.sources if s.id in source_ids)
    author_ids = ({c.author for c in claims} | {c.reported_by for c in claims if c.reported_by}
                  | {a for s in sources for a in s.authors} | {p.author for p in positions})
    recorders = {r.recorded_by for r in relations}
    return ArgMap(
        authors=tuple(a for a in argmap.authors if a.id in author_ids),
        sources=sources, theses=theses, claims=claims, relations=relations, positions=positions,
        annotators=tuple(a for a in argmap.annotators if a.id in recorders),
    )


def _by(argmap: ArgMap, node: str, author: str | None) -> bool:
    """True when the node passes the author filter (theses always pass: nobody owns them)."""
    if author is None or node.startswith(THESIS_PREFIX):
        return True
    return argmap.claim(node).author == author


def chain(argmap: ArgMap, start: str, goal: str) -> tuple[Relation, ...]:
    """The shortest run of relations leading from claim ``start`` to ``goal``; () when none does.

    Each relation starts where the previous one ends: how a crux reaches the thesis it moves.
    Ties go to the relation listed first in the map, so the chain is the same on every run.
    """
    came: dict[str, Relation | None] = {start: None}
    queue = deque([start])
    while queue and goal not in came:
        node = queue.popleft()
        for r in argmap.relations_from(node):
            if r.target not in came:
                came[r.target] = r
                queue.append(r.target)
    if goal not in came or goal == start:
        return ()
    path: list[Relation] = []
    node = goal
    while (r := came[node]) is not None:
        path.append(r)
        node = r.source
    return tuple(reversed(path))
