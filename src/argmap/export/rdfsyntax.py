"""The map (or a selection) as RDF text: Turtle, TriG, JSON-LD and N-Triples.

All four carry the triples of :func:`argmap.rdf.triples.triples`, so a selection validates against the
shipped SHACL shapes like the whole map. Output is deterministic (equal maps give equal bytes
whatever the hash seed): Turtle is argmap's own writer (subject blocks in model order, as in
``graph/argmap.ttl``; rdflib's serializer is quadratic in the number of claims), N-Triples lines
are sorted here, TriG is the Turtle blocks inside one named graph, and JSON-LD, in the W3C Web Annotation
layout (:func:`dump_jsonld`), is written here in model order.
"""

from __future__ import annotations

import json

from argmap.model import ArgMap
from argmap.rdf import triples as rdf_triples
from argmap.rdf import turtle as rdf_turtle
from argmap.rdf.vocab import ID, PREFIXES, RDF, node_iri

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
    return rdf_turtle.write_turtle(rdf_triples.blocks(argmap), graph=graph_iri(name))


def dump_nt(argmap: ArgMap) -> str:
    """N-Triples, one triple per line, lines sorted."""
    lines = set(rdf_turtle.to_ntriples(argmap).decode("utf-8").split("\n"))  # not splitlines: U+2028 is data
    return "\n".join(sorted(lines - {""})) + "\n"


ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"  # named, never fetched: tools know it by name
_OA = "http://www.w3.org/ns/oa#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
# anno.jsonld's terms for the parts of an annotation argmap writes (property → term, object form)
_ANNO_TERMS = {_OA + "hasBody": ("body", "id"), _OA + "hasTarget": ("target", "embed"),
               _OA + "hasSource": ("source", "id"), _OA + "hasSelector": ("selector", "embed"),
               _OA + "motivatedBy": ("motivation", "vocab"), _OA + "exact": ("exact", "text"),
               _OA + "prefix": ("prefix", "text"), _OA + "suffix": ("suffix", "text"),
               _OA + "start": ("start", "number"), _OA + "end": ("end", "number")}
_ANNO_CLASSES = {_OA + name: name for name in (
    "Annotation", "SpecificResource", "TextQuoteSelector", "TextPositionSelector")}
_ANNO_VALUES = {_OA + "identifying": "identifying"}
_TYPE, _DATA = str(RDF.type), str(ID)


def jsonld_context() -> list[object]:
    """The document's context: the W3C Web Annotation context, then argmap's prefixes (not
    ``id``, which anno.jsonld uses for ``@id``) and ``start``/``end`` typed as the model types
    them (xsd:nonNegativeInteger), so that ``"start": 12`` stays a plain number for tools."""
    prefixes = {p: str(ns) for p, ns in PREFIXES.items() if p != "id"}
    return [ANNO_CONTEXT, prefixes | {
        "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
        "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"}}]


def dump_jsonld(argmap: ArgMap) -> str:
    """JSON-LD in the W3C Web Annotation layout: each claim's annotation is an ``Annotation``
    whose ``target`` embeds its ``source`` and ``selector`` list (``TextQuoteSelector`` with
    exact/prefix/suffix, ``TextPositionSelector`` with start/end numbers), as annotation tools
    read it; every other node has ``id``, ``type`` and prefixed properties. Nodes come in model
    order, so equal maps give equal bytes."""
    subjects = dict(rdf_triples.blocks(argmap))
    embedded = {o for props in subjects.values() for p, objs in props
                if _ANNO_TERMS.get(p, ("", ""))[1] == "embed" for o in objs if isinstance(o, str)}
    prefixes = sorted(((str(ns), p) for p, ns in PREFIXES.items() if p != "id"), key=lambda x: -len(x[0]))

    def curie(iri: str) -> str:
        for ns, prefix in prefixes:
            if iri.startswith(ns) and iri != ns:
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def node(subject: str) -> dict[str, object]:
        out: dict[str, object] = {"id": subject}
        for p, objs in subjects[subject]:
            if p == _TYPE:
                types = [_ANNO_CLASSES.get(str(t)) or curie(str(t)) for t in objs]
                out["type"] = types[0] if len(types) == 1 else types
                continue
            key, form = _ANNO_TERMS.get(p, (curie(p), "plain"))
            values = [value(o, form) for o in objs]
            out[key] = values[0] if len(values) == 1 else values
        return out

    def value(o: rdf_triples.Term, form: str) -> object:
        if isinstance(o, rdf_triples.Lit):
            if form == "number":
                return int(o.lexical)
            if o.datatype is None or form == "text":
                return o.lexical
            return {"@value": o.lexical, "@type": curie(o.datatype)}
        if form == "embed":
            return node(o) if o in subjects else o
        if form == "vocab":
            return _ANNO_VALUES.get(o) or curie(o)
        if form == "id":  # an anno.jsonld term whose values are IRIs
            return o
        return {"id": o if o.startswith(_DATA) else curie(o)}

    graph = [node(s) for s in subjects if s not in embedded]
    return json.dumps({"@context": jsonld_context(), "@graph": graph}, ensure_ascii=False, indent=1) + "\n"
