"""AIF JSON (the AIFdb / OVA form): ``dump`` a map and ``load`` any AIF argument graph.

Dump: every claim and thesis is an I-node whose ``text`` is its gist; every relation is a
scheme node between two edges, ``premise → RA-node → conclusion`` for support ("Default
Inference") and ``premise → CA-node → conclusion`` for attack ("Default Conflict"). Node ids
are numeric strings, as AIFdb and OVA use. What AIF has no field for (our id, author, quote,
source, offsets, rationale) rides along in an ``argmap`` object on each node; AIF readers
ignore unknown keys (arguebuf does). Locutions are left empty: the quote anchors are in the
``argmap`` objects instead.

Load: the graph is reduced to premise → conclusion relations between I-nodes, the same way the
arg-microtexts XML loader (:mod:`tests.microtexts`) reduces arggraph edges, so both
give the same graphs for the same text:

- a scheme node's *first* premise (in edge order) supports (RA) or attacks (CA) the conclusion;
- its further premises are linked co-premises: each supports the first premise (``add``);
- a scheme node whose conclusion is another scheme node (an undercut, or support of an
  inference) targets that scheme node's first premise (``und``);
- MA/PA (rephrase, preference) and dialogue nodes (L, YA, TA) are not argument relations here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from argmap.model import ArgMap

SCHEME_TYPES = {"RA": "support", "CA": "attack"}
SCHEME_TEXT = {"support": "Default Inference", "attack": "Default Conflict"}

__all__ = ["AifGraph", "dump", "load", "to_dict"]


@dataclass(frozen=True)
class AifGraph:
    """An AIF graph reduced to statements and binary support/attack relations.

    ``statements`` maps I-node id → text (file order); ``relations`` holds (premise id, type,
    conclusion id) with type "support" or "attack"; ``data`` holds each I-node's ``argmap``
    object when the file came from :func:`dump` (empty otherwise).
    """

    statements: dict[str, str]
    relations: tuple[tuple[str, str, str], ...]
    data: dict[str, dict[str, Any]] = field(default_factory=dict)

    def local_id(self, node_id: str) -> str:
        """Our claim/thesis id for an I-node when the file carries it, else the AIF nodeID."""
        return str(self.data.get(node_id, {}).get("id", node_id))

    def triples(self, by: str = "text") -> set[tuple[str, str, str]]:
        """The relations as (premise, type, conclusion), named by ``text`` or by ``id``."""
        name = self.statements.__getitem__ if by == "text" else self.local_id
        return {(name(p), kind, name(c)) for p, kind, c in self.relations}


def dump(argmap: ArgMap) -> str:
    """The map as AIF JSON text (two-space indent, keys in AIF's usual order)."""
    return json.dumps(to_dict(argmap), ensure_ascii=False, indent=2) + "\n"


def to_dict(argmap: ArgMap) -> dict[str, Any]:
    """The AIF document as a dict: ``nodes``, ``edges``, ``locutions``."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    node_of: dict[str, str] = {}
    for thesis in argmap.theses:
        node_of[thesis.id] = str(len(nodes) + 1)
        nodes.append({"nodeID": node_of[thesis.id], "text": thesis.text, "type": "I",
                      "argmap": {"id": thesis.id, "tags": list(thesis.tags)}})
    authors = {a.id: a.name for a in argmap.authors}
    for claim in argmap.claims:
        node_of[claim.id] = str(len(nodes) + 1)
        extra: dict[str, Any] = {
            "id": claim.id, "kind": claim.kind, "author": claim.author,
            "author_name": authors.get(claim.author, claim.author), "source": claim.source,
            "quote": claim.quote, "start": claim.anchor.start, "end": claim.anchor.end,
            "tags": list(claim.tags)}
        if claim.reported_by:
            extra["reported_by"] = claim.reported_by
        nodes.append({"nodeID": node_of[claim.id], "text": claim.gist, "type": "I",
                      "argmap": extra})
    for rel in argmap.relations:
        scheme = str(len(nodes) + 1)
        nodes.append({"nodeID": scheme, "text": SCHEME_TEXT[rel.type],
                      "type": "RA" if rel.type == "support" else "CA",
                      "argmap": {"id": rel.id, "rationale": rel.rationale}})
        for start, end in ((node_of[rel.source], scheme), (scheme, node_of[rel.target])):
            edges.append({"edgeID": str(len(edges) + 1), "fromID": start, "toID": end,
                          "formEdgeID": None})
    return {"nodes": nodes, "edges": edges, "locutions": []}


def load(text: str | bytes | dict[str, Any]) -> AifGraph:
    """Read AIF JSON (text or an already parsed dict) into an :class:`AifGraph`."""
    doc = text if isinstance(text, dict) else json.loads(text)
    kinds = {str(n["nodeID"]): n.get("type", "") for n in doc.get("nodes", [])}
    statements = {str(n["nodeID"]): n.get("text", "") for n in doc.get("nodes", [])
                  if n.get("type") == "I"}
    data = {str(n["nodeID"]): dict(n["argmap"]) for n in doc.get("nodes", [])
            if n.get("type") == "I" and isinstance(n.get("argmap"), dict)}
    premises: dict[str, list[str]] = {}  # scheme → its I-node premises, in edge order
    conclusion: dict[str, str] = {}  # scheme → the node it points at
    for edge in doc.get("edges", []):
        src, dst = str(edge["fromID"]), str(edge["toID"])
        if kinds.get(dst) in SCHEME_TYPES and kinds.get(src) == "I":
            premises.setdefault(dst, []).append(src)
        elif kinds.get(src) in SCHEME_TYPES and dst in kinds:
            conclusion.setdefault(src, dst)
    relations: list[tuple[str, str, str]] = []
    for scheme, kind in kinds.items():
        if kind not in SCHEME_TYPES or not premises.get(scheme) or scheme not in conclusion:
            continue
        target = conclusion[scheme]
        if kinds[target] in SCHEME_TYPES:  # undercut / support of an inference
            if not premises.get(target):
                continue
            target = premises[target][0]
        elif kinds[target] != "I":
            continue
        first, *others = premises[scheme]
        relations.append((first, SCHEME_TYPES[kind], target))
        relations.extend((other, "support", first) for other in others)
    return AifGraph(statements, tuple(relations), data)
