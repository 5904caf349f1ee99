"""The map as a networkx graph, for analysis and layout.

Nodes are claim and thesis ids with their attributes; an edge ``a → b`` with ``type`` support or
attack means a bears on b. A MultiDiGraph is not needed: the loader forbids a repeated
(from, type, to), and a support plus an attack between the same pair is kept as two edge types
in ``types``.
"""

from __future__ import annotations

import networkx as nx

from argmap.model import ArgMap


def to_networkx(argmap: ArgMap) -> nx.DiGraph:
    """A DiGraph of claims and theses joined by support/attack edges."""
    g = nx.DiGraph()
    for thesis in argmap.theses:
        g.add_node(thesis.id, kind="thesis", label=thesis.text, tags=list(thesis.tags),
                   author=None, source=None)
    for claim in argmap.claims:
        g.add_node(claim.id, kind=claim.kind, label=claim.gist, tags=list(claim.tags),
                   author=claim.author, source=claim.source, quote=claim.quote)
    for rel in argmap.relations:
        if g.has_edge(rel.source, rel.target):
            g.edges[rel.source, rel.target]["types"].append(rel.type)
        else:
            g.add_edge(rel.source, rel.target, type=rel.type, types=[rel.type],
                       rationale=rel.rationale)
    return g
