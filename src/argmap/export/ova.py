"""OVA's analysis JSON: the argument map over its source text, every quote highlighted.

OVA (the Online Visualisation of Argument) keeps an analysis as ``{"nodes", "edges",
"participants", "analysis"}``: the form of ReCAP's OVA and of OVA2, which arguebuf's
``load.ova``/``load.file`` read (OVA3 saves xAIF, ``--format xaif``, and imports this form as
an OVA2 file: not tested here). What ``dump`` writes:

- ``nodes``: an I-node per thesis and claim (its text the gist) and an RA "Default Inference"
  or CA "Default Conflict" node per relation, with the ids of ``--format aif``
  (:mod:`argmap.export.aifnodes`) as numbers, OVA's scheme ids (72, 71), an empty
  ``descriptors`` and a starting layout ``x``/``y``: what is argued for above what argues for
  it, a row per step from the claims that argue for nothing else, each scheme node between its
  ends. A claim's node names its holder in ``participantID`` ("0" on a thesis: nobody's words).
- ``edges``: premise → scheme → conclusion, each end written out as a node, as OVA does
  (without our ``argmap`` object, which the node has once).
- ``participants``: one per author who says or reports a quote (first name, surname, ``id``).
- ``analysis``: ``txt`` the quoted source text, lines as ``<br>``, each quote a ``<span
  class="highlighted" id="node<I-node id>">``: OVA shows the words highlighted and arguebuf gives
  the claim's atom node its reference (the quote and where it stands). A line break inside a
  quote stays a newline character there, since OVA's readers take a span's words up to the
  first tag in it. ``plain_txt`` is the same text unmarked. For one source,
  ``documentTitle``/``documentSource``/``documentDate`` are its title, URL and date (OVA's
  DD/MM/YYYY, so only a full date); ``annotatorName`` names the map's annotators.

OVA analyses one text, and a map's links run across its sources; so a selection quoting several
sources (the whole map, a thesis's tree) is still one analysis: the sources it quotes in map
order, each under a line naming it (title (authors, date) URL), apart by a blank line, and
``documentTitle`` the export's name (the selected thesis or claim, else "argmap"; ``name=`` of
:func:`argmap.api.export`). ``--author`` or a claim's neighbourhood gives fewer sources.

No dialogue layer (L-nodes, YA "Asserting"): arguebuf's OVA reader drops those nodes and warns
at every edge to one, and a non-dialogical OVA analysis names the speaker on the node; ``--format
aif`` and ``xaif`` carry it. A reported view names its holder as ``participantID`` and its
reporter (whose words the span is) as ``reporterID`` in the node's ``argmap`` object, which also
holds what OVA has no field for: our id, kind and tags, the quote's source and character offsets
in it, a relation's rationale. OVA and arguebuf ignore it; :func:`argmap.export.aif.load` reads it
back. OVA's highlights cannot overlap: a quote overlapping one marked before it is left unmarked
(its offsets stay in ``argmap``); the five sources have no such quote.

No timestamps, so the same map gives the same bytes (arguebuf dates undated nodes at load time).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from argmap.export.aifnodes import nodes
from argmap.export.highlight import marked
from argmap.model import ArgMap, Source

SCHEME_IDS = {"RA": "72", "CA": "71"}  # OVA's (AIFdb's) Default Inference, Default Conflict
COLUMN, ROW = 260, 110  # layout grid, px: a node's width with its margin, half the step between rows

__all__ = ["dump", "to_dict"]


def dump(argmap: ArgMap, *, name: str = "argmap") -> str:
    """The map as OVA JSON text.

    >>> from argmap.sources.loader import load_map
    >>> doc = json.loads(dump(load_map("sources")))
    >>> len(doc["participants"]), sum(n["type"] == "I" for n in doc["nodes"])
    (14, 315)
    >>> doc["analysis"]["txt"].count('class="highlighted"')
    305
    """
    return json.dumps(to_dict(argmap, name=name), ensure_ascii=False, indent=2) + "\n"


def to_dict(argmap: ArgMap, *, name: str = "argmap") -> dict[str, Any]:
    """The OVA document as a dict: ``nodes``, ``edges``, ``participants``, ``analysis``."""
    aif = nodes(argmap)
    person = {p.author.id: p.id for p in aif.participants}
    claims = {c.id: c for c in argmap.claims}
    shown = [n for n in aif.nodes if n.type in ("I", "RA", "CA")]
    place = _layout(argmap, aif.node_of)
    out: dict[str, dict[str, Any]] = {}  # OVA's fields, as an edge's ends repeat them
    full: dict[str, dict[str, Any]] = {}  # and our argmap object, once, on the node
    for n in shown:
        node: dict[str, Any] = {"id": int(n.id), "type": n.type, "text": n.text}
        claim = claims.get(n.ref)
        if n.type == "I":
            node["participantID"] = str(person[claim.author]) if claim else "0"
        else:
            node |= {"scheme": SCHEME_IDS[n.type], "descriptors": {}}
        x, y = place[n.id]
        node |= {"x": x, "y": y, "visible": True}
        data = dict(n.data)
        if claim:
            data |= {"source": claim.source, "start": claim.anchor.start, "end": claim.anchor.end}
            if claim.reported_by:
                data["reporterID"] = person[claim.reported_by]
        out[n.id] = node
        full[n.id] = node | ({"argmap": data} if data else {})
    quoted = [s for s in argmap.sources if any(c.source == s.id for c in argmap.claims)]
    txt, plain = _analysis_text(argmap, quoted, aif.node_of)
    single = quoted[0] if len(quoted) == 1 else None
    return {
        "nodes": list(full.values()),
        "edges": [{"from": out[a], "to": out[b], "visible": True} for a, b in aif.edges
                  if a in out and b in out],
        "participants": [{"id": p.id, "firstname": p.firstname, "surname": p.surname,
                          "argmap": {"id": p.author.id}} for p in aif.participants],
        "analysis": {
            "txt": txt, "plain_txt": plain,
            "documentTitle": single.title if single else name,
            "documentSource": (single.url or "") if single else "",
            "documentDate": _ova_date(single.date) if single else "",
            "annotatorName": ", ".join(a.name for a in argmap.annotators),
        },
    }


def _analysis_text(argmap: ArgMap, sources: list[Source], node_of: dict[str, str]) -> tuple[str, str]:
    """(the marked text, the plain text) of ``sources``, one after another."""
    names = {a.id: a.name for a in argmap.authors}
    parts: list[str] = []
    highlights: list[tuple[int, int, str]] = []
    at = 0  # where the source's text starts in the analysis text
    for source in sources:
        head = f"{_heading(source, names)}\n" if len(sources) > 1 else ""
        at += len(head)
        ends = 0
        for claim in sorted((c for c in argmap.claims if c.source == source.id),
                            key=lambda c: (c.anchor.start, -c.anchor.end, int(node_of[c.id]))):
            if claim.anchor.start >= ends:  # OVA's highlights do not overlap
                highlights.append((at + claim.anchor.start, at + claim.anchor.end, f"node{node_of[claim.id]}"))
                ends = claim.anchor.end
        parts.append(head + source.text)
        at += len(source.text) + 2  # the blank line before the next source
    plain = "\n\n".join(parts)
    return marked(plain, highlights, br_in_spans=False), plain


def _heading(source: Source, names: dict[str, str]) -> str:
    """The line naming a source above its text: title (authors, date) URL."""
    about = ", ".join([names.get(a, a) for a in source.authors] + ([source.date] if source.date else []))
    return " ".join(x for x in (source.title, f"({about})" if about else "", source.url or "") if x)


def _ova_date(date: str | None) -> str:
    """An ISO date as OVA's DD/MM/YYYY; "" for none or a year or month only (OVA needs a day)."""
    if not date or len(date) != 10:
        return ""
    return dt.date.fromisoformat(date).strftime("%d/%m/%Y")


def _layout(argmap: ArgMap, node_of: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Node id → (x, y): what argues for nothing in the top row, every other claim a row (of
    2·ROW) below the highest thing it argues for, map order within a row, rows centred; a
    scheme node midway between its ends (ROW below both when they share a row)."""
    order = [t.id for t in argmap.theses] + [c.id for c in argmap.claims]
    rank: dict[str, int] = {}

    def spread(seeds: list[str]) -> None:  # breadth-first, against the relations
        frontier = [s for s in seeds if s not in rank]
        rank.update(dict.fromkeys(frontier, 0))
        while frontier:
            following = []
            for node in frontier:
                for rel in argmap.relations_to(node):
                    if rel.source not in rank:
                        rank[rel.source] = rank[node] + 1
                        following.append(rel.source)
            frontier = following

    spread([n for n in order if not argmap.relations_from(n)])
    for node in order:  # on a cycle that leads to nothing else: its own top row
        spread([node])
    rows: dict[int, list[str]] = {}
    for item in order:
        rows.setdefault(rank[item], []).append(item)
    widest = max((len(r) for r in rows.values()), default=0)
    place = {node_of[item]: (int((i + (widest - len(row)) / 2) * COLUMN), 2 * ROW * level)
             for level, row in rows.items() for i, item in enumerate(row)}
    for rel in argmap.relations:
        (xp, yp), (xc, yc) = place[node_of[rel.source]], place[node_of[rel.target]]
        place[node_of[rel.id]] = ((xp + xc) // 2, (yp + yc) // 2 if yp != yc else yp + ROW)
    return place

