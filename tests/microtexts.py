"""Loader for the arg-microtexts ``arggraph`` XML (Peldszus & Stede 2015).

The corpus is CC BY-NC-SA: this module reads it from wherever the user keeps it and never
copies it. Relations are reduced to a tree of ADU → ADU support/attack edges the way
evidencegraph's ``get_relation_node_free_graph`` does, so scores stay comparable:

- ``sup`` and ``exa`` (support by example) → support;
- ``reb`` → attack on the target ADU;
- ``und`` (an attack on an edge) → attack on the *source* ADU of the undercut edge;
- ``add`` (an additional co-premise of an edge) → support of the *first* co-premise, i.e. the
  source ADU of the edge it adds to.

After this every non-central ADU has exactly one outgoing relation.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

SUPPORT_TYPES = frozenset({"sup", "exa", "add"})
ATTACK_TYPES = frozenset({"reb", "und"})


@dataclass(frozen=True)
class Edu:
    """An elementary discourse unit with its offsets in :attr:`MicroText.text`."""

    id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Adu:
    """An argumentative unit: its role and the EDUs it is grounded in (in text order)."""

    id: str
    role: str  # "pro" | "opp"
    edus: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Edge:
    """A raw arggraph edge (``trg`` may be an ADU, a joint or another edge)."""

    id: str
    src: str
    trg: str
    type: str


@dataclass(frozen=True)
class Relation:
    """An ADU → ADU relation after reduction: ``type`` is "support" or "attack"."""

    source: str
    target: str
    type: str
    original: str  # the arggraph edge type it came from


@dataclass
class MicroText:
    """One microtext: text, units, central claim and the reduced relation tree."""

    id: str
    text: str
    topic: str | None
    stance: str | None
    edus: list[Edu] = field(default_factory=list)
    adus: list[Adu] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    central_claim: str = ""

    def adu(self, adu_id: str) -> Adu:
        """The ADU with this id."""
        for adu in self.adus:
            if adu.id == adu_id:
                return adu
        raise KeyError(adu_id)

    def adu_text(self, adu_id: str) -> str:
        """The exact slice of :attr:`text` the ADU covers."""
        adu = self.adu(adu_id)
        return self.text[adu.start : adu.end]


def _locate_edus(text: str, raw: list[tuple[str, str]], where: Path) -> list[Edu]:
    """Find each EDU in the text, left to right, so offsets are exact."""
    edus: list[Edu] = []
    pos = 0
    for edu_id, edu_text in raw:
        edu_text = edu_text.strip()
        start = text.find(edu_text, pos)
        if start < 0:
            raise ValueError(f"{where}: EDU {edu_id} not found in the text: {edu_text!r}")
        end = start + len(edu_text)
        edus.append(Edu(edu_id, edu_text, start, end))
        pos = end
    return edus


def load(path: str | Path, text_path: str | Path | None = None) -> MicroText:
    """Read one arggraph XML file (and its ``.txt`` beside it, when present)."""
    path = Path(path)
    root = ET.parse(path).getroot()
    raw_edus = [(e.get("id", ""), e.text or "") for e in root.findall("edu")]
    txt = Path(text_path) if text_path else path.with_suffix(".txt")
    if txt.exists():
        text = txt.read_text(encoding="utf-8").strip("\n")
    else:
        text = " ".join(t.strip() for _, t in raw_edus)
    edus = _locate_edus(text, raw_edus, path)
    edu_by_id = {e.id: e for e in edus}

    edges = [
        Edge(e.get("id", ""), e.get("src", ""), e.get("trg", ""), e.get("type", ""))
        for e in root.findall("edge")
    ]
    edge_by_id = {e.id: e for e in edges}

    # segmentation: EDU -> ADU, EDU -> JOINT, JOINT -> ADU
    seg_children: dict[str, list[str]] = {}
    for e in edges:
        if e.type == "seg":
            seg_children.setdefault(e.trg, []).append(e.src)

    def edus_of(node: str) -> list[str]:
        if node in edu_by_id:
            return [node]
        out: list[str] = []
        for child in seg_children.get(node, []):
            out.extend(edus_of(child))
        return out

    order = {e.id: i for i, e in enumerate(edus)}
    adus: list[Adu] = []
    for a in root.findall("adu"):
        ids = sorted(edus_of(a.get("id", "")), key=order.__getitem__)
        if not ids:
            raise ValueError(f"{path}: ADU {a.get('id')} has no EDU")
        adus.append(
            Adu(
                a.get("id", ""),
                a.get("type", ""),
                tuple(ids),
                edu_by_id[ids[0]].start,
                edu_by_id[ids[-1]].end,
            )
        )
    adus.sort(key=lambda a: a.start)
    adu_ids = {a.id for a in adus}

    def source_adu(edge_id: str) -> str:
        """The ADU an edge starts from (an add/und edge's source is already an ADU)."""
        return edge_by_id[edge_id].src

    relations: list[Relation] = []
    for e in edges:
        if e.type == "seg":
            continue
        if e.type in ("sup", "exa", "reb"):
            target = e.trg
        elif e.type in ("und", "add"):
            target = source_adu(e.trg) if e.trg in edge_by_id else e.trg
        else:
            raise ValueError(f"{path}: unknown edge type {e.type!r} on {e.id}")
        if e.src not in adu_ids or target not in adu_ids:
            raise ValueError(f"{path}: edge {e.id} does not join two ADUs after reduction")
        kind = "support" if e.type in SUPPORT_TYPES else "attack"
        relations.append(Relation(e.src, target, kind, e.type))

    with_out = {r.source for r in relations}
    roots = [a.id for a in adus if a.id not in with_out]
    if len(roots) != 1:
        raise ValueError(f"{path}: expected one central claim, found {roots}")
    return MicroText(
        id=root.get("id", path.stem),
        text=text,
        topic=root.get("topic_id"),
        stance=root.get("stance"),
        edus=edus,
        adus=adus,
        edges=edges,
        relations=relations,
        central_claim=roots[0],
    )


def load_corpus(folder: str | Path) -> list[MicroText]:
    """Every ``*.xml`` arggraph in a folder, sorted by id."""
    return [load(p) for p in sorted(Path(folder).glob("*.xml"))]
