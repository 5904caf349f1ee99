"""The map (or a selection) as RDF text: Turtle, TriG, JSON-LD and N-Triples.

All four carry the triples of :func:`argmap.rdf.triples.triples`, so a selection validates against the
shipped SHACL shapes like the whole map. Output is deterministic (equal maps give equal bytes
whatever the hash seed): Turtle is argmap's own writer (subject blocks in model order, as in
``graph/argmap.ttl``; rdflib's serializer is quadratic in the number of claims), N-Triples lines
are sorted here, TriG is written sorted by rdflib, and JSON-LD nodes and values are sorted here.
"""

from __future__ import annotations

import json

from rdflib import Dataset, Graph

from argmap.model import ArgMap
from argmap.rdf import triples as rdf_triples
from argmap.rdf import turtle as rdf_turtle
from argmap.rdf.vocab import PREFIXES, node_iri

SYNTAXES = ("turtle", "trig", "jsonld", "nt")
DEFAULT_GRAPH_NAME = "argmap"

__all__ = ["SYNTAXES", "dump", "dump_jsonld", "dump_nt", "dump_trig", "dump_turtle", "graph_iri"]


def dump(argmap: ArgMap, syntax: str = "turtle", *, name: str = DEFAULT_GRAPH_NAME) -> str:
    """The map in one RDF syntax (one of :data:`SYNTAXES`)."""
    writers = {"turtle": dump_turtle, "jsonld": dump_jsonld, "nt": dump_nt}
    if syntax == "trig":
        return dump_trig(argmap, name=name)
    if syntax not in writers:
        raise ValueError(f"unknown RDF syntax {syntax!r} (expected one of {', '.join(SYNTAXES)})")
    return writers[syntax](argmap)


def dump_turtle(argmap: ArgMap) -> str:
    """Turtle with the project's prefixes, as ``argmap build`` writes it."""
    return rdf_turtle.to_turtle(argmap)


def graph_iri(name: str = DEFAULT_GRAPH_NAME) -> str:
    """The IRI of the named graph a TriG export puts the map in."""
    return str(node_iri("map", name))


def dump_trig(argmap: ArgMap, *, name: str = DEFAULT_GRAPH_NAME) -> str:
    """TriG: the map as one named graph ``id:map/<name>``, so several maps can share a store."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    named = ds.graph(node_iri("map", name))
    for triple in rdf_triples.to_graph(argmap):
        named.add(triple)
    return ds.serialize(format="trig", encoding="utf-8").decode("utf-8")


def dump_nt(argmap: ArgMap) -> str:
    """N-Triples, one triple per line, lines sorted."""
    lines = set(rdf_turtle.to_ntriples(argmap).decode("utf-8").split("\n"))  # not splitlines: U+2028 is data
    return "\n".join(sorted(lines - {""})) + "\n"


def dump_jsonld(argmap: ArgMap) -> str:
    """Compact JSON-LD with the project's prefixes as its context, nodes sorted by ``@id``."""
    g: Graph = rdf_triples.to_graph(argmap)
    context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    doc = json.loads(g.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    out = {"@context": context, "@graph": sorted((_sorted_values(n) for n in nodes),
                                                 key=lambda n: n.get("@id", ""))}
    return json.dumps(out, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _sorted_values(node: dict) -> dict:
    """A JSON-LD node whose multi-valued properties list their values in a fixed order."""
    return {key: sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
            if isinstance(value, list) else value
            for key, value in node.items() if key != "@context"}
