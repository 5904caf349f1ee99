"""The map in AIFdb's own RDF dialect, for SPARQL written against AIFdb (ArgQL and the like).

Two AIF RDF dialects are in use and a query for one finds nothing in the other. argmap's
``graph/argmap.ttl`` uses the AIF ontology's ``http://www.arg.dundee.ac.uk/aif#`` with links
from the scheme node only. AIFdb (``AIFdb/actions/rdf.php``) writes ``http://www.arg.tech/aif#``,
types every node ``aif:<type>-node`` (and ``owl:NamedIndividual``), gives I- and L-nodes
``aif:claimText``, an L-node its speaker as ``aif:source``, and writes every link in both
directions: ``?i aif:Premise ?s`` and ``?s aif:Premise ?i``, ``?s aif:Conclusion ?i`` and
``?i aif:Conclusion ?s``, ``aif:Locution`` between L- and YA-nodes, ``aif:IllocutionaryContent``
between a YA-node and what it anchors. This module writes exactly those triples for the nodes
of :mod:`argmap.export.aifnodes`, so ArgQL's translation (``?i aif:Premise ?s . ?s
aif:Conclusion ?c``) answers on argmap's map.

Node IRIs keep AIFdb's shape, ``<base>/nodes/<nodeID>`` with the ids of ``--format aif``, under
argmap's own base (``https://w3id.org/argmap/id/map/<name>/nodes/``): ``www.aifdb.org/nodes/1`` is
AIFdb's node 1, and a map loaded beside AIFdb's data must not claim to be it. AIFdb's
``aif:creationDate`` (when a node entered its database) has no counterpart and is left out.
"""

from __future__ import annotations

from rdflib.namespace import OWL, RDF, XSD

from argmap.export.aifnodes import nodes
from argmap.model import ArgMap
from argmap.rdf.triples import Block, Lit, Term
from argmap.rdf.turtle import write_turtle
from argmap.rdf.vocab import node_ref

AIFDB = "http://www.arg.tech/aif#"
PREFIXES = {"aif": AIFDB, "owl": str(OWL), "rdf": str(RDF), "xsd": str(XSD)}
_TYPE, _INDIVIDUAL = str(RDF.type), str(OWL.NamedIndividual)
SCHEMES = ("RA", "CA")

__all__ = ["AIFDB", "dump", "node_base"]


def node_base(name: str = "argmap") -> str:
    """Where the node IRIs of a map exported under ``name`` live."""
    return node_ref("map", name) + "/nodes/"


def dump(argmap: ArgMap, *, name: str = "argmap") -> str:
    """The map as Turtle in AIFdb's RDF dialect (see the module doc)."""
    aif = nodes(argmap)
    base = node_base(name)
    kind = {n.id: n.type for n in aif.nodes}
    into: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for a, b in aif.edges:
        out.setdefault(a, []).append(b)
        into.setdefault(b, []).append(a)
    speaker = {loc.node: loc.participant.author.name for loc in aif.locutions}

    def linked(ids: list[str], *types: str) -> list[Term]:
        return [base + i for i in ids if not types or kind[i] in types]

    blocks: list[Block] = []
    for n in aif.nodes:
        props: list[tuple[str, list[Term]]] = [(_TYPE, [_INDIVIDUAL, f"{AIFDB}{n.type}-node"])]
        ins, outs = into.get(n.id, []), out.get(n.id, [])
        if n.type in ("I", "L"):
            props.append((AIFDB + "claimText", [Lit(n.text)]))
        if n.type == "I":
            props += [(AIFDB + "IllocutionaryContent", linked(ins, "YA")),
                      (AIFDB + "Conclusion", linked(ins, *SCHEMES)),
                      (AIFDB + "Premise", linked(outs, *SCHEMES))]
        elif n.type == "L":
            props += [(AIFDB + "source", [Lit(speaker[n.id])]),
                      (AIFDB + "EndLocution", linked(ins, "TA")),
                      (AIFDB + "Locution", linked(outs, "YA")),
                      (AIFDB + "StartLocution", linked(outs, "TA"))]
        elif n.type in SCHEMES:
            props += [(AIFDB + "Premise", linked(ins, "I")),
                      (AIFDB + "IllocutionaryContent", linked(ins, "YA")),
                      (AIFDB + "Conclusion", linked(outs, "I"))]
        elif n.type == "YA":
            props += [(AIFDB + "Locution", linked(ins, "L")),
                      (AIFDB + "Anchor", linked(ins, "TA")),
                      (AIFDB + "IllocutionaryContent", linked(outs))]
        blocks.append((base + n.id, [(p, objs) for p, objs in props if objs]))
    return write_turtle(blocks, PREFIXES)
