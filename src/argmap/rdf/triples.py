"""The map as RDF: AIF argument structure, Web Annotation anchors, PROV-O and Dublin Core.

Each support/attack edge is written twice on purpose: as a reified AIF RA-/CA-node that holds
its rationale (so AIF tools and undercuts have something to point at), and as a direct
``argmap:supports`` / ``argmap:attacks`` triple (so SPARQL and networkx stay one hop).

The triples are made once, as plain strings grouped by subject (:func:`blocks`), so that a
100k-claim map is cheap to build: :func:`to_turtle` writes the blocks as they come,
:func:`to_graph` turns them into an rdflib Graph and :func:`to_ntriples` feeds Oxigraph's
bulk loader.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from rdflib import Graph, Literal, URIRef

from argmap.model import THESIS_PREFIX, ArgMap, Claim, Position, Relation, Source
from argmap.rdf.vocab import (
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
    node_ref,
)


class Lit(NamedTuple):
    """A literal: its lexical form and datatype IRI (None for a plain string)."""

    lexical: str
    datatype: str | None = None


Term = str | Lit  # a str is an IRI
Triple = tuple[str, str, Term]
Block = tuple[str, list[tuple[str, list[Term]]]]  # a subject and its (predicate, objects)

_TYPE, _LABEL = str(RDF.type), str(RDFS.label)
_NNI, _DATE = str(XSD.nonNegativeInteger), str(XSD.date)
_ID = str(ID)


@lru_cache(maxsize=256)
def _t(ns: object, name: str) -> str:
    return str(ns[name])  # type: ignore[index]


def iri_of(node_id: str) -> URIRef:
    """The IRI of a claim or thesis id."""
    return node_iri("thesis" if node_id.startswith(THESIS_PREFIX) else "claim", node_id)


def _iri(node_id: str) -> str:
    return node_ref("thesis" if node_id.startswith(THESIS_PREFIX) else "claim", node_id)


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
    """Every triple of the map, each once."""
    for s, props in blocks(argmap):
        for p, objs in props:
            for o in objs:
                yield s, p, o


def blocks(argmap: ArgMap) -> Iterator[Block]:
    """The map subject by subject, in model order: each subject once, with all its triples.

    Edges and stances are stated on their premise and holder too (``argmap:supports``,
    ``argmap:accepts``), so those are gathered first and written into the owner's block.
    """
    edges: dict[str, dict[str, list[Term]]] = {}
    for rel in argmap.relations:
        pred = _V.supports if rel.type == "support" else _V.attacks
        edges.setdefault(rel.source, {}).setdefault(pred, []).append(_iri(rel.target))
    stances: dict[str, dict[str, list[Term]]] = {}
    for pos in argmap.positions:
        pred = _V.accepts if pos.stance == "accept" else _V.rejects
        stances.setdefault(pos.author, {}).setdefault(pred, []).append(_iri(pos.target))
    for author in argmap.authors:
        props: list[tuple[str, list[Term]]] = [
            (_TYPE, [_t(PROV, "Agent")]), (_t(FOAF, "name"), [Lit(author.name)]),
            (_LABEL, [Lit(author.name)])]
        if author.url:
            props.append((_t(FOAF, "homepage"), [author.url]))
        yield node_ref("author", author.id), props + _owned(stances.get(author.id))
    for source in argmap.sources:
        yield _source(source)
    for thesis in argmap.theses:
        text = Lit(thesis.text)
        props = [(_TYPE, [_V.i_node, _t(ARGMAP, "Thesis")]), (_V.claim_text, [text]), (_LABEL, [text]),
                 (_V.local_id, [Lit(thesis.id)])]
        if thesis.tags:
            props.append((_V.tag, [Lit(t) for t in dict.fromkeys(thesis.tags)]))
        yield _iri(thesis.id), props + _owned(edges.get(thesis.id))
    kinds = {s.id: s.kind for s in argmap.sources}
    for claim in argmap.claims:
        yield from _claim(claim, _owned(edges.get(claim.id)), kinds.get(claim.source, "other"))
        yield from _dialogue(claim)
    for annotator in argmap.annotators:
        yield node_ref("annotator", annotator.id), [
            (_TYPE, [_t(PROV, "Agent"), _t(ARGMAP, "Annotator")]), (_t(FOAF, "name"), [Lit(annotator.name)]),
            (_LABEL, [Lit(annotator.name)])]
    author_of = {c.id: c.author for c in argmap.claims}
    for relation in argmap.relations:
        yield _relation(relation, author_of[relation.source])
    for position in argmap.positions:
        yield _position(position)


def _owned(props: dict[str, list[Term]] | None) -> list[tuple[str, list[Term]]]:
    return [(p, list(dict.fromkeys(objs))) for p, objs in props.items()] if props else []


def _source(source: Source) -> Block:
    author = [node_ref("author", a) for a in source.authors]
    props: list[tuple[str, list[Term]]] = [
        (_TYPE, [_t(ARGMAP, "Source"), _t(PROV, "Entity"), _t(SDO, "CreativeWork")]),
        (_t(DCTERMS, "title"), [Lit(source.title)]),
        (_t(DCTERMS, "identifier"), [Lit(source.id)]),
        (_V.local_id, [Lit(source.id)]),
        (_t(DCTERMS, "type"), [_t(ARGMAP, _camel(source.kind))]),
        (_t(ARGMAP, "length"), [Lit(str(len(source.text)), _NNI)]),
    ]
    if author:
        props += [(_t(DCTERMS, "creator"), list(dict.fromkeys(author))),
                  (_t(PROV, "wasAttributedTo"), author[:1])]
    if source.date:
        props.append((_t(DCTERMS, "date"), [Lit(source.date, _DATE if len(source.date) == 10 else None)]))
    if source.url:
        props.append((_t(SDO, "url"), [source.url]))
    if source.derived_from:
        props.append((_t(ARGMAP, "derivedFromFile"), [Lit(source.derived_from)]))
    if source.derivation:
        props.append((_t(ARGMAP, "derivation"), [Lit(source.derivation.strip())]))
    return node_ref("source", source.id), props


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
    supports, attacks = _t(ARGMAP, "supports"), _t(ARGMAP, "attacks")
    fragment, conforms, value = _t(OA, "FragmentSelector"), _t(DCTERMS, "conformsTo"), _t(RDF, "value")
    refined, rfc5147 = _t(OA, "refinedBy"), "http://tools.ietf.org/rfc/rfc5147"
    paragraph, section = _t(ARGMAP, "paragraph"), _t(ARGMAP, "section")
    accepts, rejects = _t(ARGMAP, "accepts"), _t(ARGMAP, "rejects")


def _claim(claim: Claim, owned: list[tuple[str, list[Term]]], source_kind: str) -> Iterator[Block]:
    """The claim, then its W3C Web Annotation: body the claim, target the quoted span.

    The target has three selectors: the quote (exact, prefix, suffix), its offsets, and the line
    it starts on (an RFC 5147 fragment) refined by the quote, which also carries the locator a
    person uses in the original (paragraph, section).
    """
    v = _V
    c = _iri(claim.id)
    source = node_ref("source", claim.source)
    gist = Lit(claim.gist)
    props: list[tuple[str, list[Term]]] = [
        (_TYPE, [v.i_node, v.claim_cls, v.sdo_claim]), (v.claim_text, [gist]), (_LABEL, [gist]),
        (v.local_id, [Lit(claim.id)]), (v.kind, [v.argmap_ns + claim.kind]), (v.quote, [Lit(claim.quote)]),
        (v.dc_source, [source]), (v.quoted_from, [source]),
        (v.attributed, [node_ref("author", claim.author)]),
    ]
    if claim.reported_by:
        props.append((v.reported, [node_ref("author", claim.reported_by)]))
    if claim.tags:
        props.append((v.tag, [Lit(t) for t in dict.fromkeys(claim.tags)]))
    if claim.notes:
        props.append((v.comment, [Lit(claim.notes)]))
    yield c, props + owned
    ann, target = c + "/annotation", c + "/target"
    by_quote, by_position = c + "/quote-selector", c + "/position-selector"
    a = claim.anchor
    yield ann, [(_TYPE, [v.annotation]), (v.motivated, [v.identifying]), (v.body, [c]), (v.target, [target])]
    selectors = [by_quote, by_position]
    by_line = c + "/line-selector"
    if a.line:
        selectors.append(by_line)
    yield target, [(_TYPE, [v.specific]), (v.has_source, [source]), (v.selector, selectors)]
    yield by_quote, [(_TYPE, [v.tqs]), (v.exact, [Lit(a.exact)]), (v.prefix, [Lit(a.prefix)]),
                     (v.suffix, [Lit(a.suffix)])]
    yield by_position, [(_TYPE, [v.tps]), (v.start, [Lit(str(a.start), _NNI)]),
                        (v.end, [Lit(str(a.end), _NNI)])]
    if a.line:
        props = [(_TYPE, [v.fragment]), (v.conforms, [v.rfc5147]), (v.value, [Lit(f"line={a.line - 1}")]),
                 (v.refined, [by_quote]), (v.paragraph, [Lit(str(a.paragraph), _NNI)])]
        if a.section:
            props.append((v.section, [Lit(a.section)]))
        yield by_line, [*props, (_LABEL, [Lit(a.locator(source_kind))])]


class _D:
    """The dialogue layer's vocabulary (AIF's L- and YA-nodes), looked up once."""

    l_node, ya_node, text = _t(AIF, "L-node"), _t(AIF, "YA-node"), _t(AIF, "claimText")
    locution, content = _t(AIF, "Locution"), _t(AIF, "IllocutionaryContent")
    said_by, span, source = _t(PROV, "wasAttributedTo"), _t(ARGMAP, "span"), _t(DCTERMS, "source")
    asserting = Lit("Asserting")


def _dialogue(claim: Claim) -> Iterator[Block]:
    """Who said the claim's quote, as AIF's dialogue layer (Inference Anchoring Theory).

    ``<claim>/locution`` is an aif:L-node: the quoted words (aif:claimText), said by the speaker
    (prov:wasAttributedTo), standing at ``argmap:span`` (the annotation's target, with its
    selectors) in the source. A YA-node ``<claim>/asserting`` anchors it to the claim's I-node
    (aif:Locution → L-node, aif:IllocutionaryContent → what it asserts; rdfs:label
    "Asserting"). A reported view keeps both people: the locution is the reporter's, and its
    YA ``<claim>/reporting`` asserts ``<claim>/reported-locution``, the holder's, whose YA
    asserts the claim.
    """
    d = _D
    c = _iri(claim.id)
    said = c + "/locution"
    quote = Lit(claim.quote)
    yield said, [(_TYPE, [d.l_node]), (d.text, [quote]),
                 (d.said_by, [node_ref("author", claim.reported_by or claim.author)]),
                 (d.span, [c + "/target"]), (d.source, [node_ref("source", claim.source)])]
    asserted_by = said
    if claim.reported_by:
        asserted_by = c + "/reported-locution"
        yield asserted_by, [(_TYPE, [d.l_node]), (d.text, [quote]),
                            (d.said_by, [node_ref("author", claim.author)])]
        yield c + "/reporting", [(_TYPE, [d.ya_node]), (_LABEL, [d.asserting]), (d.locution, [said]),
                                 (d.content, [asserted_by])]
    yield c + "/asserting", [(_TYPE, [d.ya_node]), (_LABEL, [d.asserting]), (d.locution, [asserted_by]),
                             (d.content, [c])]


def _relation(rel: Relation, premise_author: str) -> Block:
    """A reified RA-/CA-node with its rationale and its provenance.

    A *stated* link is the author's own (attributed to the premise's author, derived from the
    source whose text draws it); an *inferred* one is the annotator's reading (attributed to
    the annotator who recorded it).
    """
    support = rel.type == "support"
    props: list[tuple[str, list[Term]]] = [
        (_TYPE, [_t(AIF, "RA-node" if support else "CA-node"), _t(ARGMAP, "Support" if support else "Attack")]),
        (_t(AIF, "Premise"), [_iri(rel.source)]),
        (_t(AIF, "Conclusion"), [_iri(rel.target)]),
        (_t(ARGMAP, "rationale"), [Lit(rel.rationale)]),
        (_t(ARGMAP, "declaredIn"), [node_ref("source", rel.declared_in)]),
        (_t(ARGMAP, "provenance"), [_t(ARGMAP, rel.provenance)]),
    ]
    if rel.provenance == "stated":
        props += [(_t(PROV, "wasAttributedTo"), [node_ref("author", premise_author)]),
                  (_t(PROV, "wasDerivedFrom"), [node_ref("source", rel.declared_in)])]
    elif rel.recorded_by:
        props.append((_t(PROV, "wasAttributedTo"), [node_ref("annotator", rel.recorded_by)]))
    if rel.recorded_by:
        props.append((_t(ARGMAP, "recordedBy"), [node_ref("annotator", rel.recorded_by)]))
    if rel.recorded_on:
        created = Lit(rel.recorded_on, _DATE if len(rel.recorded_on) == 10 else None)
        props.append((_t(DCTERMS, "created"), [created]))
    return node_ref("relation", rel.id), props


def _position(pos: Position) -> Block:
    props: list[tuple[str, list[Term]]] = [
        (_TYPE, [_t(ARGMAP, "Position")]),
        (_t(ARGMAP, "holder"), [node_ref("author", pos.author)]),
        (_t(ARGMAP, "on"), [_iri(pos.target)]),
        (_t(ARGMAP, "stance"), [_t(ARGMAP, pos.stance)]),
        (_t(ARGMAP, "basis"), [_t(ARGMAP, pos.basis)]),
        (_t(ARGMAP, "declaredIn"), [node_ref("source", pos.declared_in)]),
    ]
    if pos.evidence:
        props.append((_t(ARGMAP, "evidence"), [_iri(pos.evidence)]))
    if pos.note:
        props.append((_t(RDFS, "comment"), [Lit(pos.note)]))
    return node_ref("position", pos.author, pos.target), props


def _camel(word: str) -> str:
    """``book-excerpt`` → ``BookExcerpt``: the IRI of a source kind."""
    return "".join(part.capitalize() for part in word.split("-"))
