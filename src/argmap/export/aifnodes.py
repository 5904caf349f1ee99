"""The map as AIF nodes, numbered once for every format of the AIF family (AIF JSON, xAIF, OVA
and AIFdb's RDF), so a node has the same id in all of them.

AIF has two layers. The argument layer: every thesis and claim is an I-node (its text the
gist) and every relation a scheme node between premise and conclusion, RA "Default
Inference" for support, CA "Default Conflict" for attack. The dialogue layer (Inference
Anchoring Theory) says who said what: a quoted span is an L-node (a locution: the speaker's
words, ``Name: quote``) anchored by a YA "Asserting" node to the I-node it asserts, and each
speaker is a participant. A reported view (a claim with ``reported_by``) keeps both people, as
IAT reports speech: the reporter's L-node (the span is the reporter's words) asserts, through a
YA, the reported locution of the view's holder, which asserts the I-node through its own YA.

Ids are numeric strings in this order: theses, claims, relations (so the argument layer keeps
the ids it had before the dialogue layer existed), then per quoted claim its L- and YA-nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap.model import ArgMap, Author, Claim, Source

SCHEME_TYPE = {"support": "RA", "attack": "CA"}
SCHEME_TEXT = {"support": "Default Inference", "attack": "Default Conflict"}
ASSERTING = "Asserting"

__all__ = ["ASSERTING", "SCHEME_TEXT", "SCHEME_TYPE", "AifMap", "Locution", "Node", "Participant",
           "aif_json", "locution_text", "name_parts", "nodes"]


@dataclass(frozen=True)
class Node:
    """One AIF node; ``ref`` is what it stands for (a claim, thesis or relation id, or
    ``<claim id>#locution`` / ``#reported`` / ``#asserting`` / ``#reporting``)."""

    id: str
    type: str  # I, L, YA, RA, CA
    text: str
    ref: str
    data: dict[str, Any] = field(default_factory=dict)  # what AIF has no field for


@dataclass(frozen=True)
class Participant:
    """A speaker: AIF's participant (first name, surname) for one author."""

    id: int
    author: Author

    @property
    def firstname(self) -> str:
        return name_parts(self.author.name)[0]

    @property
    def surname(self) -> str:
        return name_parts(self.author.name)[1]


@dataclass(frozen=True)
class Locution:
    """An L-node's speaker, and for the one that is a span of a source: where it stands."""

    node: str
    participant: Participant
    claim: Claim
    source: Source
    span: bool  # False for a reported locution: the holder's words are only reported


@dataclass(frozen=True)
class AifMap:
    nodes: tuple[Node, ...]
    edges: tuple[tuple[str, str], ...]  # (from node id, to node id), edge ids are 1-based positions
    locutions: tuple[Locution, ...]
    participants: tuple[Participant, ...]
    node_of: dict[str, str]  # claim/thesis/relation id → its node id


def name_parts(name: str) -> tuple[str, str]:
    """(first name, surname) as AIF stores a person: split at the first space, so that
    ``f"{first} {surname}"`` gives the name back ("bayeslord" has no surname). A group or an
    organisation is no person: its whole name is the first name ("AI 2027 authors (Kokotajlo, …)"
    had become first name "AI", surname "2027 authors (…)").

    >>> name_parts("Andrej Karpathy"), name_parts("AI 2027 authors (Kokotajlo, Alexander)")
    (('Andrej', 'Karpathy'), ('AI 2027 authors (Kokotajlo, Alexander)', ''))
    """
    first, _, rest = name.partition(" ")
    if any(ch.isdigit() or ch in "()," for ch in name) or len(name.split()) > 3:
        return name, ""
    return first, rest


def locution_text(author: Author, quote: str) -> str:
    """An L-node's text as OVA writes it: the speaker's name, a colon, their words."""
    return f"{author.name}: {quote}"


def nodes(argmap: ArgMap) -> AifMap:
    """The AIF nodes, edges, locutions and participants of ``argmap`` (see the module doc)."""
    out: list[Node] = []
    edges: list[tuple[str, str]] = []
    node_of: dict[str, str] = {}

    def add(type_: str, text: str, ref: str, **data: Any) -> str:
        node_id = str(len(out) + 1)
        out.append(Node(node_id, type_, text, ref, data))
        return node_id

    for thesis in argmap.theses:
        node_of[thesis.id] = add("I", thesis.text, thesis.id, id=thesis.id, tags=list(thesis.tags))
    for claim in argmap.claims:
        node_of[claim.id] = add("I", claim.gist, claim.id, id=claim.id, kind=claim.kind,
                                tags=list(claim.tags))
    for rel in argmap.relations:
        scheme = node_of[rel.id] = add(SCHEME_TYPE[rel.type], SCHEME_TEXT[rel.type], rel.id,
                                       id=rel.id, rationale=rel.rationale)
        edges += [(node_of[rel.source], scheme), (scheme, node_of[rel.target])]

    speaking = {s for c in argmap.claims for s in (c.reported_by, c.author) if s}
    participants = {a.id: Participant(i, a)
                    for i, a in enumerate((a for a in argmap.authors if a.id in speaking), 1)}
    locutions: list[Locution] = []
    for claim in argmap.claims:
        source = argmap.source(claim.source)
        holder = participants[claim.author]
        span = {"source": claim.source, "start": claim.anchor.start, "end": claim.anchor.end}
        if claim.reported_by:
            reporter = participants[claim.reported_by]
            said = add("L", locution_text(reporter.author, claim.quote), f"{claim.id}#locution", **span)
            reported = add("L", locution_text(holder.author, claim.quote), f"{claim.id}#reported")
            reporting = add("YA", ASSERTING, f"{claim.id}#reporting")
            locutions += [Locution(said, reporter, claim, source, True),
                          Locution(reported, holder, claim, source, False)]
            edges += [(said, reporting), (reporting, reported)]
        else:
            reported = add("L", locution_text(holder.author, claim.quote), f"{claim.id}#locution", **span)
            locutions.append(Locution(reported, holder, claim, source, True))
        asserting = add("YA", ASSERTING, f"{claim.id}#asserting")
        edges += [(reported, asserting), (asserting, node_of[claim.id])]
    return AifMap(tuple(out), tuple(edges), tuple(locutions), tuple(participants.values()), node_of)


def aif_json(aif: AifMap) -> dict[str, Any]:
    """The nodes as AIF JSON (AIFdb's keys): ``nodes``, ``edges``, ``locutions``, ``participants``.

    A locution's ``source`` is the source's URL (its title when it has none); its ``start`` and
    ``end`` stay empty: in AIFdb they are times of speech, not character offsets (those are in
    the L-node's ``argmap`` object).
    """
    return {
        "nodes": [{"nodeID": n.id, "text": n.text, "type": n.type} | ({"argmap": n.data} if n.data else {})
                  for n in aif.nodes],
        "edges": [{"edgeID": str(i), "fromID": a, "toID": b, "formEdgeID": None}
                  for i, (a, b) in enumerate(aif.edges, 1)],
        "locutions": [{"nodeID": loc.node, "personID": loc.participant.id,
                       "source": loc.source.url or loc.source.title, "start": None, "end": None}
                      for loc in aif.locutions],
        "participants": [{"participantID": p.id, "firstname": p.firstname, "surname": p.surname,
                          "argmap": {"id": p.author.id}} for p in aif.participants],
    }
