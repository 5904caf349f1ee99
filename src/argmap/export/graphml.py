"""The map (or a selection) as GraphML, for yEd, Gephi and Cytoscape.

One node per claim and thesis, one edge per relation (a multigraph: a claim may both support
and attack another). Every attribute is a plain GraphML string/int/float so every tool can map
it to a label, colour or size: nodes carry ``label`` (the gist or thesis text), ``type``
(claim | thesis), ``kind``, ``author``/``author_name``, ``source``/``source_title``, ``tags``
(comma-separated), ``quote``, ``start``/``end`` and, when cruxes are given, ``crux_score`` and
``crux_rank`` (the claim's best crux); edges carry ``type`` (support | attack) and
``rationale``. Written with networkx, in map order, so equal maps give equal bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from argmap.digraph import to_networkx
from argmap.model import ArgMap

__all__ = ["best_cruxes", "dump", "to_multidigraph"]


def dump(argmap: ArgMap, *, cruxes: Iterable[Any] | None = None) -> str:
    """The map as GraphML text."""
    g = to_multidigraph(argmap, cruxes=cruxes)
    return "\n".join(nx.generate_graphml(g, edge_id_from_attribute="id")) + "\n"


def to_multidigraph(argmap: ArgMap, *, cruxes: Iterable[Any] | None = None) -> nx.MultiDiGraph:
    """The graph GraphML is written from: :func:`argmap.digraph.to_networkx` with every attribute
    flattened to a GraphML string or number (attributes as described in the module doc)."""
    authors = {a.id: a.name for a in argmap.authors}
    titles = {s.id: s.title for s in argmap.sources}
    best = best_cruxes(cruxes or ())
    model = to_networkx(argmap, multigraph=True)
    g = nx.MultiDiGraph()
    for node, a in model.nodes(data=True):
        if a["kind"] == "thesis":
            g.add_node(node, label=a["label"], type="thesis", kind="thesis", tags=",".join(a["tags"]))
            continue
        attrs: dict[str, Any] = {
            "label": a["label"], "type": "claim", "kind": a["kind"], "author": a["author"],
            "author_name": authors.get(a["author"], a["author"]), "source": a["source"],
            "source_title": titles.get(a["source"], a["source"]), "tags": ",".join(a["tags"]),
            "quote": a["quote"], "start": a["start"], "end": a["end"]}
        if a["reported_by"]:
            attrs["reported_by"] = a["reported_by"]
        if node in best:
            attrs["crux_score"], attrs["crux_rank"] = best[node]
        g.add_node(node, **attrs)
    for u, v, key, a in model.edges(keys=True, data=True):
        g.add_edge(u, v, key=key, id=a["id"], type=a["type"], rationale=a["rationale"])
    return g


def best_cruxes(cruxes: Iterable[Any]) -> dict[str, tuple[float, int]]:
    """Claim id → (score, rank) of its best-ranked crux; cruxes are objects or dicts."""
    best: dict[str, tuple[float, int]] = {}
    for crux in cruxes:
        claim, score, rank = (_field(crux, k) for k in ("claim", "score", "rank"))
        if claim not in best or int(rank) < best[claim][1]:
            best[str(claim)] = (float(score), int(rank))
    return best


def _field(item: Any, key: str) -> Any:
    return item[key] if isinstance(item, dict) else getattr(item, key)
