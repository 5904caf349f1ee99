"""AIF JSON (the AIFdb / OVA form): ``dump`` a map with its dialogue layer, ``load`` any AIF
argument graph.

Dump: the nodes of :mod:`argmap.export.aifnodes`: I-nodes for claims and theses, RA/CA scheme
nodes for relations, and who said what as AIF says it: an L-node per quoted span (``Name:
quote``) with its ``locutions`` entry (``personID`` → the speaker's ``participants`` entry,
``source`` → the source's URL or title) and a YA "Asserting" node to the claim's I-node;
reported views keep the reporter and the holder. What AIF has no field for (our ids, the claim
kind, tags, a relation's rationale, a span's character offsets, a participant's author id)
rides in an ``argmap`` object on the node or participant; AIF readers ignore unknown keys. The
locutions' ``start``/``end`` stay empty: in AIFdb they are times of speech, not offsets.

Load: the graph is reduced to premise → conclusion relations between I-nodes, the same way the
arg-microtexts XML loader (:mod:`tests.microtexts`) reduces arggraph edges, so both give the
same graphs for the same text:

- a scheme node's *first* premise (in edge order) supports (RA) or attacks (CA) the conclusion;
- its further premises are linked co-premises: each supports the first premise (``add``);
- a scheme node whose conclusion is another scheme node (an undercut, or support of an
  inference) targets that scheme node's first premise (``und``);
- MA/PA (rephrase, preference) are not argument relations here.

and the dialogue layer to who asserted each statement (:class:`Speech`): the L-node anchored to
the I-node by a YA, its speaker (``locutions`` → ``participants``, else the ``Name:`` before the
words), and, when that locution is itself asserted by another speaker's L-node, the reporter.
YA "Analysing" (OVA's analyst layer) is not reported speech. An xAIF document (``{"AIF": …}``)
is read the same way, and an OVA analysis (``{"analysis": …}``, OVA's own JSON and ``--format
ova``) as the AIF it stands for (:func:`_from_ova`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from argmap.errors import ArgmapError
from argmap.export.aifnodes import ASSERTING, aif_json, nodes
from argmap.export.highlight import spans
from argmap.model import Anchor, ArgMap, Author, Claim, Relation, Source, Thesis
from argmap.sources.layout import slugify

SCHEME_TYPES = {"RA": "support", "CA": "attack"}
ANALYSING = "Analysing"  # OVA's analyst layer: an annotator's locution about a locution

__all__ = ["AifGraph", "Speech", "dump", "load", "to_dict"]


@dataclass(frozen=True)
class Speech:
    """Who asserted a statement, in what words; for reported speech, who reported it."""

    speaker: str | None  # the participant's name
    text: str  # the locution's words, without the speaker's name in front
    reporter: str | None = None
    speaker_id: str | None = None  # our author ids, when the file carries them
    reporter_id: str | None = None
    source: str | None = None  # our source id and character span, when the file carries them
    start: int | None = None
    end: int | None = None
    where: str | None = None  # the locution's own ``source`` field (a URL or a title)


@dataclass(frozen=True)
class AifGraph:
    """An AIF graph reduced to statements, binary support/attack relations and who said what.

    ``statements`` maps I-node id → text (file order); ``relations`` holds (premise id, type,
    conclusion id) with type "support" or "attack"; ``data`` holds each I-node's ``argmap``
    object when the file came from :func:`dump` (empty otherwise); ``speeches`` maps an I-node
    id to the locutions asserting it; ``participants`` maps participantID → name.
    """

    statements: dict[str, str]
    relations: tuple[tuple[str, str, str], ...]
    data: dict[str, dict[str, Any]] = field(default_factory=dict)
    speeches: dict[str, tuple[Speech, ...]] = field(default_factory=dict)
    participants: dict[str, str] = field(default_factory=dict)
    participant_ids: dict[str, str] = field(default_factory=dict)  # participantID → our author id
    schemes: tuple[str, ...] = ()  # the scheme node each relation comes from
    scheme_data: dict[str, dict[str, Any]] = field(default_factory=dict)

    def local_id(self, node_id: str) -> str:
        """Our claim/thesis id for an I-node when the file carries it, else the AIF nodeID."""
        return str(self.data.get(node_id, {}).get("id", node_id))

    def triples(self, by: str = "text") -> set[tuple[str, str, str]]:
        """The relations as (premise, type, conclusion), named by ``text`` or by ``id``."""
        name = self.statements.__getitem__ if by == "text" else self.local_id
        return {(name(p), kind, name(c)) for p, kind, c in self.relations}

    def to_argmap(self) -> ArgMap:
        """The graph as an argmap map: a statement someone asserted is a claim (its first
        locution gives author, reporter, quote and span), any other a thesis; participants are
        the authors. Our own files come back as they were written (``dump`` gives the same
        AIF again); what AIF does not carry (source texts and titles beside a URL, relation
        provenance) stays empty, and a foreign file's nodes keep their AIF ids."""
        authors: dict[str, Author] = {}

        def author(name: str | None, author_id: str | None) -> str:
            key = author_id or slugify(name or "unknown") or "unknown"
            base, n = key, 2
            while not author_id and key in authors and authors[key].name != (name or base):
                key, n = f"{base}-{n}", n + 1  # another name with this slug ("Zoë Ångström", "Zoe Angstrom")
            authors.setdefault(key, Author(key, name or key))
            return key

        for pid, name in self.participants.items():
            author(name, self.participant_ids.get(pid))
        sources: dict[str, Source] = {}
        claims, theses = [], []
        for node, text in self.statements.items():
            data, said = self.data.get(node, {}), self.speeches.get(node)
            tags = tuple(data.get("tags", ()))
            if not said:
                theses.append(Thesis(self.local_id(node), text, tags))
                continue
            first = said[0]
            where = first.where or ""
            source_id = first.source or slugify(where) or "aif"
            writer = author(first.reporter or first.speaker, first.reporter_id or first.speaker_id)
            sources.setdefault(source_id, Source(
                source_id, "" if where.startswith(("http://", "https://")) else where, (writer,), "other",
                "", url=where if where.startswith(("http://", "https://")) else None))
            start = first.start if isinstance(first.start, int) else 0
            end = first.end if isinstance(first.end, int) else start + len(first.text)
            claims.append(Claim(
                self.local_id(node), text, source_id, author(first.speaker, first.speaker_id),
                str(data.get("kind", "premise")), Anchor(start, end, first.text, "", ""), tags,
                reported_by=author(first.reporter, first.reporter_id) if first.reporter else None))
        source_of = {c.id: c.source for c in claims}
        relations = tuple(
            Relation(self.local_id(p), self.local_id(c), kind,
                     str(self.scheme_data.get(s, {}).get("rationale", "")), source_of.get(self.local_id(p), ""))
            for (p, kind, c), s in zip(self.relations, self.schemes, strict=True))
        return ArgMap(tuple(authors.values()), tuple(sources.values()), tuple(theses), tuple(claims),
                      relations)


def dump(argmap: ArgMap) -> str:
    """The map as AIF JSON text (two-space indent, keys in AIF's usual order)."""
    return json.dumps(to_dict(argmap), ensure_ascii=False, indent=2) + "\n"


def to_dict(argmap: ArgMap) -> dict[str, Any]:
    """The AIF document as a dict: ``nodes``, ``edges``, ``locutions``, ``participants``."""
    return aif_json(nodes(argmap))


def load(text: str | bytes | dict[str, Any]) -> AifGraph:
    """Read AIF JSON, xAIF or an OVA analysis (text or an already parsed dict) into an
    :class:`AifGraph`; anything else is an ArgmapError saying what AIF JSON holds."""
    try:
        return _read(text if isinstance(text, dict) else json.loads(text))
    except json.JSONDecodeError as exc:
        raise ArgmapError(f"not AIF JSON: not JSON ({exc})") from None
    except (AttributeError, KeyError, TypeError) as exc:  # a list, a node without nodeID, ...
        raise ArgmapError("not AIF JSON: expected an object with 'nodes' (each with a 'nodeID') and "
                          f"'edges' (each with 'fromID' and 'toID'); {type(exc).__name__}: {exc}") from None


def _read(doc: dict[str, Any]) -> AifGraph:
    if isinstance(doc.get("AIF"), dict):  # xAIF wraps the AIF
        doc = doc["AIF"]
    elif isinstance(doc.get("analysis"), dict):  # OVA, as arguebuf tells them apart
        doc = _from_ova(doc)
    by_id = {str(n["nodeID"]): n for n in doc.get("nodes", [])}
    kinds = {i: n.get("type", "") for i, n in by_id.items()}
    statements = {i: n.get("text", "") for i, n in by_id.items() if n.get("type") == "I"}
    data = {i: dict(n["argmap"]) for i, n in by_id.items()
            if n.get("type") == "I" and isinstance(n.get("argmap"), dict)}
    premises: dict[str, list[str]] = {}  # scheme → its I-node premises, in edge order
    conclusion: dict[str, str] = {}  # scheme → the node it points at
    into: dict[str, list[str]] = {}  # node → the nodes with an edge to it, in edge order
    for edge in doc.get("edges", []):
        src, dst = str(edge["fromID"]), str(edge["toID"])
        into.setdefault(dst, []).append(src)
        if kinds.get(dst) in SCHEME_TYPES and kinds.get(src) == "I":
            premises.setdefault(dst, []).append(src)
        elif kinds.get(src) in SCHEME_TYPES and dst in kinds:
            conclusion.setdefault(src, dst)
    relations: list[tuple[str, str, str]] = []
    schemes: list[str] = []
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
        schemes.extend([scheme] * (1 + len(others)))
    scheme_data = {i: dict(n["argmap"]) for i, n in by_id.items()
                   if n.get("type") in SCHEME_TYPES and isinstance(n.get("argmap"), dict)}
    dialogue = _Dialogue(doc, by_id, kinds, into)
    speeches = {i: tuple(dialogue.speeches(i)) for i in statements}
    return AifGraph(statements, tuple(relations), data, {i: s for i, s in speeches.items() if s},
                    dialogue.names, dialogue.ids, tuple(schemes), scheme_data)


def _from_ova(doc: dict[str, Any]) -> dict[str, Any]:
    """An OVA analysis as AIF: its nodes and edges under AIF's keys, and the speakers OVA keeps
    on nodes as locutions. In a dialogical analysis an L-node names its participant. In a
    non-dialogical one (ReCAP's OVA, ``--format ova``) an I-node names its speaker and the span
    highlighted for it in the analysis text is their words (the node's own text when none is):
    it gets an L-node and a YA "Asserting" of its own, and a reported view (``reporterID`` in
    the node's ``argmap`` object) the reporter's L-node asserting the holder's, as ``dump``
    writes them; the span's source and offsets go to the L-node whose words they are."""
    highlighted = spans(str(doc["analysis"].get("txt") or ""))
    names = {str(p.get("id")): " ".join(x for x in (p.get("firstname"), p.get("surname")) if x)
             for p in doc.get("participants") or []}
    nodes: list[dict[str, Any]] = []
    dialogue: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    for n in doc.get("nodes", []):
        node, kind, speaker = str(n["id"]), n.get("type", ""), str(n.get("participantID") or "0")
        data = dict(n["argmap"]) if isinstance(n.get("argmap"), dict) else {}
        span = {k: data.pop(k) for k in ("source", "start", "end") if k in data}
        reporter = data.pop("reporterID", None)
        nodes.append({"nodeID": node, "text": n.get("text", ""), "type": kind}
                     | ({"argmap": data} if data else {}))
        if speaker == "0" or kind not in ("I", "L"):
            continue
        if kind == "L":
            locutions.append({"nodeID": node, "personID": speaker})
            continue
        words = highlighted.get(f"node{node}", str(n.get("text", "")))
        people = [speaker] + ([str(reporter)] if reporter is not None else [])
        target = node
        for i, person in enumerate(people):  # the holder's locution, then the reporter's asserting it
            said, asserting = f"{node}.L{i}", f"{node}.YA{i}"
            name = names.get(person)
            nodes += [{"nodeID": said, "text": f"{name}: {words}" if name else words, "type": "L"}
                      | ({"argmap": span} if span and i == len(people) - 1 else {}),
                      {"nodeID": asserting, "text": ASSERTING, "type": "YA"}]
            dialogue += [{"fromID": said, "toID": asserting}, {"fromID": asserting, "toID": target}]
            locutions.append({"nodeID": said, "personID": person})
            target = said
    edges = [{"fromID": str(e["from"]["id"]), "toID": str(e["to"]["id"])} for e in doc.get("edges", [])]
    return {"nodes": nodes, "edges": edges + dialogue, "locutions": locutions,
            "participants": doc.get("participants") or []}


class _Dialogue:
    """The dialogue layer of a loaded AIF document: L-nodes, their speakers, YA anchors."""

    def __init__(self, doc: dict[str, Any], by_id: dict[str, dict[str, Any]], kinds: dict[str, str],
                 into: dict[str, list[str]]) -> None:
        self.by_id, self.kinds, self.into = by_id, kinds, into
        self.names: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        for p in doc.get("participants") or []:
            pid = str(p.get("participantID", p.get("id", "")))
            self.names[pid] = " ".join(x for x in (p.get("firstname"), p.get("surname")) if x)
            if isinstance(p.get("argmap"), dict) and "id" in p["argmap"]:
                self.ids[pid] = str(p["argmap"]["id"])
        self.person = {str(loc["nodeID"]): str(loc.get("personID")) for loc in doc.get("locutions") or []
                       if "nodeID" in loc}
        self.where = {str(loc["nodeID"]): loc.get("source") for loc in doc.get("locutions") or []
                      if "nodeID" in loc and isinstance(loc.get("source"), str)}

    def _anchored(self, node: str) -> Iterator[str]:
        """The L-nodes anchored to ``node`` by a YA that is not the analyst's."""
        for ya in self.into.get(node, []):
            if self.kinds.get(ya) == "YA" and self.by_id[ya].get("text") != ANALYSING:
                yield from (n for n in self.into.get(ya, []) if self.kinds.get(n) == "L")

    def _speaker(self, node: str) -> tuple[str | None, str | None, str]:
        """(name, author id, words) of an L-node."""
        text = str(self.by_id[node].get("text", ""))
        pid = self.person.get(node)
        name = self.names.get(pid) if pid is not None else None
        if name is None and ":" in text:
            name = text.split(":", 1)[0].strip() or None
        words = text
        if name is not None:
            for lead in (f"{name}: ", f"{name} : ", f"{name}:"):
                if text.startswith(lead):
                    words = text[len(lead):]
                    break
        return name, self.ids.get(pid or ""), words

    def speeches(self, statement: str) -> Iterator[Speech]:
        for said in self._anchored(statement):
            name, author, words = self._speaker(said)
            reporters = list(self._anchored(said))
            spoken = reporters[0] if reporters else said  # the L-node whose words are the span
            reporter, reporter_id = (self._speaker(spoken)[:2] if reporters else (None, None))
            if reporters:
                words = self._speaker(spoken)[2]
            span = self.by_id[spoken].get("argmap")
            span = span if isinstance(span, dict) else {}
            yield Speech(name, words, reporter, author, reporter_id, span.get("source"),
                         span.get("start"), span.get("end"), self.where.get(spoken))
