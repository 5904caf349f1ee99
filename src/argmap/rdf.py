"""The map as RDF: AIF argument structure, Web Annotation anchors, PROV-O and Dublin Core.

Each support/attack edge is written twice on purpose: as a reified AIF RA-/CA-node that holds
its rationale (so AIF tools and undercuts have something to point at), and as a direct
``argmap:supports`` / ``argmap:attacks`` triple (so SPARQL and networkx stay one hop).
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from argmap.model import THESIS_PREFIX, ArgMap, Claim, Position, Relation, Source
from argmap.vocab import (
    AIF,
    ARGMAP,
    DCTERMS,
    FOAF,
    OA,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SDO,
    XSD,
    node_iri,
)


def iri_of(node_id: str) -> URIRef:
    """The IRI of a claim or thesis id."""
    return node_iri("thesis" if node_id.startswith(THESIS_PREFIX) else "claim", node_id)


def to_graph(argmap: ArgMap) -> Graph:
    """Build the RDF graph of a whole map."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    for author in argmap.authors:
        a = node_iri("author", author.id)
        g.add((a, RDF.type, PROV.Agent))
        g.add((a, FOAF.name, Literal(author.name)))
        g.add((a, RDFS.label, Literal(author.name)))
        if author.url:
            g.add((a, FOAF.homepage, URIRef(author.url)))
    for source in argmap.sources:
        _add_source(g, source)
    for thesis in argmap.theses:
        t = iri_of(thesis.id)
        for cls in (AIF["I-node"], ARGMAP.Thesis):
            g.add((t, RDF.type, cls))
        g.add((t, AIF.claimText, Literal(thesis.text)))
        g.add((t, RDFS.label, Literal(thesis.text)))
        g.add((t, ARGMAP.localId, Literal(thesis.id)))
        for tag in thesis.tags:
            g.add((t, ARGMAP.tag, Literal(tag)))
    for claim in argmap.claims:
        _add_claim(g, claim)
    for relation in argmap.relations:
        _add_relation(g, relation)
    for position in argmap.positions:
        _add_position(g, position)
    return g


def _add_source(g: Graph, source: Source) -> None:
    s = node_iri("source", source.id)
    for cls in (ARGMAP.Source, PROV.Entity, SDO.CreativeWork):
        g.add((s, RDF.type, cls))
    g.add((s, DCTERMS.title, Literal(source.title)))
    g.add((s, DCTERMS.identifier, Literal(source.id)))
    g.add((s, ARGMAP.localId, Literal(source.id)))
    g.add((s, DCTERMS.type, ARGMAP[_camel(source.kind)]))
    g.add((s, ARGMAP.length, Literal(len(source.text), datatype=XSD.nonNegativeInteger)))
    for rank, author in enumerate(source.authors):
        g.add((s, DCTERMS.creator, node_iri("author", author)))
        if rank == 0:
            g.add((s, PROV.wasAttributedTo, node_iri("author", author)))
    if source.date:
        datatype = XSD.date if len(source.date) == 10 else None
        g.add((s, DCTERMS.date, Literal(source.date, datatype=datatype)))
    if source.url:
        g.add((s, SDO.url, URIRef(source.url)))
    if source.derived_from:
        g.add((s, ARGMAP.derivedFromFile, Literal(source.derived_from)))
    if source.derivation:
        g.add((s, ARGMAP.derivation, Literal(source.derivation.strip())))


def _add_claim(g: Graph, claim: Claim) -> None:
    c = iri_of(claim.id)
    source = node_iri("source", claim.source)
    for cls in (AIF["I-node"], ARGMAP.Claim, SDO.Claim):
        g.add((c, RDF.type, cls))
    g.add((c, AIF.claimText, Literal(claim.gist)))
    g.add((c, RDFS.label, Literal(claim.gist)))
    g.add((c, ARGMAP.localId, Literal(claim.id)))
    g.add((c, ARGMAP.kind, ARGMAP[claim.kind]))
    g.add((c, ARGMAP.quote, Literal(claim.quote)))
    g.add((c, DCTERMS.source, source))
    g.add((c, PROV.wasQuotedFrom, source))
    g.add((c, PROV.wasAttributedTo, node_iri("author", claim.author)))
    if claim.reported_by:
        g.add((c, ARGMAP.reportedBy, node_iri("author", claim.reported_by)))
    for tag in claim.tags:
        g.add((c, ARGMAP.tag, Literal(tag)))
    if claim.notes:
        g.add((c, RDFS.comment, Literal(claim.notes)))
    _add_anchor(g, claim, c, source)


def _add_anchor(g: Graph, claim: Claim, c: URIRef, source: URIRef) -> None:
    """A W3C Web Annotation whose body is the claim and whose target is the quoted span."""
    ann = node_iri("claim", claim.id, "annotation")
    target = node_iri("claim", claim.id, "target")
    by_quote = node_iri("claim", claim.id, "quote-selector")
    by_position = node_iri("claim", claim.id, "position-selector")
    a = claim.anchor
    g.add((ann, RDF.type, OA.Annotation))
    g.add((ann, OA.motivatedBy, OA.identifying))
    g.add((ann, OA.hasBody, c))
    g.add((ann, OA.hasTarget, target))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, source))
    g.add((target, OA.hasSelector, by_quote))
    g.add((target, OA.hasSelector, by_position))
    g.add((by_quote, RDF.type, OA.TextQuoteSelector))
    g.add((by_quote, OA.exact, Literal(a.exact)))
    g.add((by_quote, OA.prefix, Literal(a.prefix)))
    g.add((by_quote, OA.suffix, Literal(a.suffix)))
    g.add((by_position, RDF.type, OA.TextPositionSelector))
    g.add((by_position, OA.start, Literal(a.start, datatype=XSD.nonNegativeInteger)))
    g.add((by_position, OA.end, Literal(a.end, datatype=XSD.nonNegativeInteger)))


def _add_relation(g: Graph, rel: Relation) -> None:
    r = node_iri("relation", rel.id)
    premise, conclusion = iri_of(rel.source), iri_of(rel.target)
    support = rel.type == "support"
    g.add((r, RDF.type, AIF["RA-node"] if support else AIF["CA-node"]))
    g.add((r, RDF.type, ARGMAP.Support if support else ARGMAP.Attack))
    g.add((r, AIF.Premise, premise))
    g.add((r, AIF.Conclusion, conclusion))
    g.add((r, ARGMAP.rationale, Literal(rel.rationale)))
    g.add((r, ARGMAP.declaredIn, node_iri("source", rel.declared_in)))
    g.add((premise, ARGMAP.supports if support else ARGMAP.attacks, conclusion))


def _add_position(g: Graph, pos: Position) -> None:
    p = node_iri("position", pos.author, pos.target)
    author, target = node_iri("author", pos.author), iri_of(pos.target)
    g.add((p, RDF.type, ARGMAP.Position))
    g.add((p, ARGMAP.holder, author))
    g.add((p, ARGMAP.on, target))
    g.add((p, ARGMAP.stance, ARGMAP[pos.stance]))
    g.add((p, ARGMAP.basis, ARGMAP[pos.basis]))
    g.add((p, ARGMAP.declaredIn, node_iri("source", pos.declared_in)))
    if pos.evidence:
        g.add((p, ARGMAP.evidence, iri_of(pos.evidence)))
    if pos.note:
        g.add((p, RDFS.comment, Literal(pos.note)))
    g.add((author, ARGMAP.accepts if pos.stance == "accept" else ARGMAP.rejects, target))


def _camel(word: str) -> str:
    """``book-excerpt`` → ``BookExcerpt``: the IRI of a source kind."""
    return "".join(part.capitalize() for part in word.split("-"))


def serialize_turtle(g: Graph) -> str:
    """Turtle with sorted subjects, predicates and objects: byte-identical for equal graphs."""
    return g.serialize(format="turtle", encoding="utf-8").decode("utf-8")
