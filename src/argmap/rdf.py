"""The map as RDF: AIF argument structure, Web Annotation anchors, PROV-O and Dublin Core.

Each support/attack edge is written twice on purpose: as a reified AIF RA-/CA-node that holds
its rationale (so AIF tools and undercuts have something to point at), and as a direct
``argmap:supports`` / ``argmap:attacks`` triple (so SPARQL and networkx stay one hop).

The triples are made once, as plain strings (:func:`triples`), so that a 100k-claim map is cheap
to build: :func:`to_graph` turns them into an rdflib Graph, :func:`to_turtle` writes them as
sorted Turtle byte-identical to rdflib's serializer (whose namespace lookup is quadratic in the
number of claims), and :func:`to_ntriples` feeds Oxigraph's bulk loader.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.serializers.turtle import TurtleSerializer

from argmap.model import THESIS_PREFIX, ArgMap, Claim, Position, Relation, Source
from argmap.vocab import (
    AIF,
    ARGMAP,
    DCTERMS,
    FOAF,
    ID,
    OA,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SDO,
    XSD,
    node_iri,
)


class Lit(NamedTuple):
    """A literal: its lexical form and datatype IRI (None for a plain string)."""

    lexical: str
    datatype: str | None = None


Term = str | Lit  # a str is an IRI
Triple = tuple[str, str, Term]

_TYPE, _LABEL = str(RDF.type), str(RDFS.label)
_NNI, _DATE = str(XSD.nonNegativeInteger), str(XSD.date)
_ID = str(ID)


def _t(ns: object, name: str) -> str:
    return str(ns[name])  # type: ignore[index]


def iri_of(node_id: str) -> URIRef:
    """The IRI of a claim or thesis id."""
    return node_iri("thesis" if node_id.startswith(THESIS_PREFIX) else "claim", node_id)


def _iri(node_id: str) -> str:
    return str(iri_of(node_id))


def to_graph(argmap: ArgMap) -> Graph:
    """Build the RDF graph of a whole map."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    iris: dict[str, URIRef] = {}
    for s, p, o in triples(argmap):
        s_ = iris.get(s) or iris.setdefault(s, URIRef(s))
        p_ = iris.get(p) or iris.setdefault(p, URIRef(p))
        if isinstance(o, Lit):
            o_ = Literal(o.lexical, datatype=URIRef(o.datatype) if o.datatype else None)
        else:
            o_ = iris.get(o) or iris.setdefault(o, URIRef(o))
        g.add((s_, p_, o_))
    return g


def triples(argmap: ArgMap) -> Iterator[Triple]:
    """Every triple of the map (a triple may repeat; RDF keeps one)."""
    for author in argmap.authors:
        a = str(node_iri("author", author.id))
        yield a, _TYPE, _t(PROV, "Agent")
        yield a, _t(FOAF, "name"), Lit(author.name)
        yield a, _LABEL, Lit(author.name)
        if author.url:
            yield a, _t(FOAF, "homepage"), author.url
    for source in argmap.sources:
        yield from _source(source)
    for thesis in argmap.theses:
        t = _iri(thesis.id)
        yield t, _TYPE, _t(AIF, "I-node")
        yield t, _TYPE, _t(ARGMAP, "Thesis")
        yield t, _t(AIF, "claimText"), Lit(thesis.text)
        yield t, _LABEL, Lit(thesis.text)
        yield t, _t(ARGMAP, "localId"), Lit(thesis.id)
        for tag in thesis.tags:
            yield t, _t(ARGMAP, "tag"), Lit(tag)
    for claim in argmap.claims:
        yield from _claim(claim)
    for relation in argmap.relations:
        yield from _relation(relation)
    for position in argmap.positions:
        yield from _position(position)


def _source(source: Source) -> Iterator[Triple]:
    s = str(node_iri("source", source.id))
    for cls in (_t(ARGMAP, "Source"), _t(PROV, "Entity"), _t(SDO, "CreativeWork")):
        yield s, _TYPE, cls
    yield s, _t(DCTERMS, "title"), Lit(source.title)
    yield s, _t(DCTERMS, "identifier"), Lit(source.id)
    yield s, _t(ARGMAP, "localId"), Lit(source.id)
    yield s, _t(DCTERMS, "type"), _t(ARGMAP, _camel(source.kind))
    yield s, _t(ARGMAP, "length"), Lit(str(len(source.text)), _NNI)
    for rank, author in enumerate(source.authors):
        yield s, _t(DCTERMS, "creator"), str(node_iri("author", author))
        if rank == 0:
            yield s, _t(PROV, "wasAttributedTo"), str(node_iri("author", author))
    if source.date:
        yield s, _t(DCTERMS, "date"), Lit(source.date, _DATE if len(source.date) == 10 else None)
    if source.url:
        yield s, _t(SDO, "url"), source.url
    if source.derived_from:
        yield s, _t(ARGMAP, "derivedFromFile"), Lit(source.derived_from)
    if source.derivation:
        yield s, _t(ARGMAP, "derivation"), Lit(source.derivation.strip())


class _V:
    """Vocabulary IRIs as plain strings, looked up once (the claim loop runs 10^5 times)."""

    i_node, claim_cls, sdo_claim = _t(AIF, "I-node"), _t(ARGMAP, "Claim"), _t(SDO, "Claim")
    claim_text, local_id, kind = _t(AIF, "claimText"), _t(ARGMAP, "localId"), _t(ARGMAP, "kind")
    quote, dc_source, quoted_from = _t(ARGMAP, "quote"), _t(DCTERMS, "source"), _t(PROV, "wasQuotedFrom")
    attributed, reported, tag = _t(PROV, "wasAttributedTo"), _t(ARGMAP, "reportedBy"), _t(ARGMAP, "tag")
    comment, argmap_ns = _t(RDFS, "comment"), str(ARGMAP)
    annotation, motivated, identifying = _t(OA, "Annotation"), _t(OA, "motivatedBy"), _t(OA, "identifying")
    body, target, specific = _t(OA, "hasBody"), _t(OA, "hasTarget"), _t(OA, "SpecificResource")
    has_source, selector = _t(OA, "hasSource"), _t(OA, "hasSelector")
    tqs, exact, prefix, suffix = (_t(OA, "TextQuoteSelector"), _t(OA, "exact"), _t(OA, "prefix"),
                                  _t(OA, "suffix"))
    tps, start, end = _t(OA, "TextPositionSelector"), _t(OA, "start"), _t(OA, "end")


def _claim(claim: Claim) -> Iterator[Triple]:
    v = _V
    c = _iri(claim.id)
    source = str(node_iri("source", claim.source))
    yield c, _TYPE, v.i_node
    yield c, _TYPE, v.claim_cls
    yield c, _TYPE, v.sdo_claim
    gist = Lit(claim.gist)
    yield c, v.claim_text, gist
    yield c, _LABEL, gist
    yield c, v.local_id, Lit(claim.id)
    yield c, v.kind, v.argmap_ns + claim.kind
    yield c, v.quote, Lit(claim.quote)
    yield c, v.dc_source, source
    yield c, v.quoted_from, source
    yield c, v.attributed, str(node_iri("author", claim.author))
    if claim.reported_by:
        yield c, v.reported, str(node_iri("author", claim.reported_by))
    for tag in claim.tags:
        yield c, v.tag, Lit(tag)
    if claim.notes:
        yield c, v.comment, Lit(claim.notes)
    # a W3C Web Annotation whose body is the claim and whose target is the quoted span
    ann, target = c + "/annotation", c + "/target"
    by_quote, by_position = c + "/quote-selector", c + "/position-selector"
    a = claim.anchor
    yield ann, _TYPE, v.annotation
    yield ann, v.motivated, v.identifying
    yield ann, v.body, c
    yield ann, v.target, target
    yield target, _TYPE, v.specific
    yield target, v.has_source, source
    yield target, v.selector, by_quote
    yield target, v.selector, by_position
    yield by_quote, _TYPE, v.tqs
    yield by_quote, v.exact, Lit(a.exact)
    yield by_quote, v.prefix, Lit(a.prefix)
    yield by_quote, v.suffix, Lit(a.suffix)
    yield by_position, _TYPE, v.tps
    yield by_position, v.start, Lit(str(a.start), _NNI)
    yield by_position, v.end, Lit(str(a.end), _NNI)


def _relation(rel: Relation) -> Iterator[Triple]:
    r = str(node_iri("relation", rel.id))
    premise, conclusion = _iri(rel.source), _iri(rel.target)
    support = rel.type == "support"
    yield r, _TYPE, _t(AIF, "RA-node" if support else "CA-node")
    yield r, _TYPE, _t(ARGMAP, "Support" if support else "Attack")
    yield r, _t(AIF, "Premise"), premise
    yield r, _t(AIF, "Conclusion"), conclusion
    yield r, _t(ARGMAP, "rationale"), Lit(rel.rationale)
    yield r, _t(ARGMAP, "declaredIn"), str(node_iri("source", rel.declared_in))
    yield premise, _t(ARGMAP, "supports" if support else "attacks"), conclusion


def _position(pos: Position) -> Iterator[Triple]:
    p = str(node_iri("position", pos.author, pos.target))
    author, target = str(node_iri("author", pos.author)), _iri(pos.target)
    yield p, _TYPE, _t(ARGMAP, "Position")
    yield p, _t(ARGMAP, "holder"), author
    yield p, _t(ARGMAP, "on"), target
    yield p, _t(ARGMAP, "stance"), _t(ARGMAP, pos.stance)
    yield p, _t(ARGMAP, "basis"), _t(ARGMAP, pos.basis)
    yield p, _t(ARGMAP, "declaredIn"), str(node_iri("source", pos.declared_in))
    if pos.evidence:
        yield p, _t(ARGMAP, "evidence"), _iri(pos.evidence)
    if pos.note:
        yield p, _t(RDFS, "comment"), Lit(pos.note)
    yield author, _t(ARGMAP, "accepts" if pos.stance == "accept" else "rejects"), target


def _camel(word: str) -> str:
    """``book-excerpt`` → ``BookExcerpt``: the IRI of a source kind."""
    return "".join(part.capitalize() for part in word.split("-"))


def serialize_turtle(g: Graph) -> str:
    """Turtle with sorted subjects, predicates and objects: byte-identical for equal graphs."""
    return g.serialize(format="turtle", encoding="utf-8").decode("utf-8")


def to_turtle(argmap: ArgMap) -> str:
    """The map as Turtle, byte-identical to ``serialize_turtle(to_graph(argmap))``, fast."""
    return write_turtle(triples(argmap))


# --- a Turtle writer that reproduces rdflib's TurtleSerializer output -----------------------
# rdflib orders subjects by (times referenced as an object, IRI), puts rdf:type then rdfs:label
# first, sorts the other predicates and each object list, and writes one block per subject.
# Prefixed names are decided by rdflib itself (one call per distinct vocabulary term); data IRIs
# (``id/<kind>/...``) have no prefixed form in rdflib's rules and are written in full.

_NUMERIC = frozenset(str(XSD[n]) for n in (
    "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
    "int", "long", "short", "byte", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"))
_PLAIN = frozenset(str(XSD[n]) for n in ("integer", "boolean", "double", "decimal"))
_XSD_STRING = str(XSD.string)


def _quote(text: str) -> str:
    """rdflib's ``Literal._quote_encode``, byte for byte."""
    if "\n" in text:
        encoded = text.replace("\\", "\\\\")
        if '"""' in text:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + "\\" + '"'
        return '"""' + encoded.replace("\r", "\\r") + '"""'
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r") + '"'


def _object_key(o: Term) -> tuple:
    if o.__class__ is str:
        return (0, o, "")
    dt = o.datatype or _XSD_STRING  # type: ignore[union-attr]
    if dt in _NUMERIC:
        return (1, "", int(o.lexical))  # type: ignore[union-attr]
    return (1, dt, o.lexical)  # type: ignore[union-attr]


class _Labels:
    """How rdflib's Turtle serializer writes each term, and which prefixes it declares."""

    def __init__(self) -> None:
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns, override=True)
        self._ser = TurtleSerializer(g)
        self._cache: dict[tuple[str, int], str] = {}

    def iri(self, iri: str, position: int) -> str:
        """``position``: 0 subject, 1 predicate, 2 object (as in rdflib)."""
        if position != 1 and iri.startswith(_ID) and "/" in iri[len(_ID):]:
            return "<" + iri + ">"
        key = (iri, position)
        label = self._cache.get(key)
        if label is None:
            label = self._cache[key] = self._ser.label(URIRef(iri), position)
        return label

    def literal(self, lit: Lit) -> str:
        if lit.datatype is None:
            return _quote(lit.lexical)
        if lit.datatype in _PLAIN:
            raise ValueError(f"the fast Turtle writer does not shorten {lit.datatype} literals")
        return _quote(lit.lexical) + "^^" + self.iri(lit.datatype, 2)

    def prefixes(self) -> str:
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(self._ser.namespaces.items()))


def write_turtle(items: Iterable[Triple]) -> str:
    """Sorted Turtle of ``items``, as rdflib's serializer writes the same graph."""
    subjects: dict[str, dict[str, set[Term]]] = {}
    refs: dict[str, int] = {}
    for s, p, o in items:
        props = subjects.get(s)
        if props is None:
            props = subjects[s] = {}
        objs = props.get(p)
        if objs is None:
            objs = props[p] = set()
        elif o in objs:
            continue
        objs.add(o)
        refs[o] = refs.get(o, 0) + 1  # type: ignore[index]
    labels = _Labels()
    literal, iri = labels.literal, labels.iri
    out: list[str] = []
    for s in sorted(subjects, key=lambda s: (refs.get(s, 0), s)):
        props = subjects[s]
        preds = sorted(props)
        first = [p for p in (_TYPE, _LABEL) if p in props]
        parts = []
        for p in first + [p for p in preds if p not in first]:
            objs = props[p]
            verb = "a" if p == _TYPE else iri(p, 1)
            if len(objs) == 1:
                (o,) = objs
                text = iri(o, 2) if o.__class__ is str else literal(o)  # type: ignore[arg-type]
            else:
                text = ",\n        ".join(iri(o, 2) if o.__class__ is str else literal(o)  # type: ignore[arg-type]
                                          for o in sorted(objs, key=_object_key))
            parts.append(f"{verb} {text}")
        out.append(f"\n{iri(s, 0)} " + " ;\n    ".join(parts) + " .\n")
    return labels.prefixes() + "".join(out) + "\n"


def _nt_term(o: Term) -> str:
    if o.__class__ is str:
        return "<" + o + ">"  # type: ignore[operator]
    lex = o.lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")  # type: ignore[union-attr]
    return f'"{lex}"' + (f"^^<{o.datatype}>" if o.datatype else "")  # type: ignore[union-attr]


def to_ntriples(argmap: ArgMap) -> bytes:
    """The map as N-Triples (unsorted, may repeat a triple): the cheapest input for Oxigraph."""
    return "".join(f"<{s}> <{p}> {_nt_term(o)} .\n" for s, p, o in triples(argmap)).encode("utf-8")
