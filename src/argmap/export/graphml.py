"""The map (or a selection) as GraphML that yEd, Gephi and Cytoscape show in colour as opened.

One node per claim and thesis, one edge per relation (a claim may both support and attack
another). Data attributes, plain GraphML strings and numbers every tool can map: nodes carry
``label`` (the gist or thesis text), ``type`` (claim | thesis), ``kind``, ``author``/
``author_name``, ``source``/``source_title``, ``tags`` (comma-separated), ``quote``,
``start``/``end``, ``reported_by`` and, when cruxes are given, ``crux_score`` and ``crux_rank``
(the claim's best crux); edges carry ``type`` (support | attack), ``label``, ``rationale`` and
``provenance`` (stated in the text | inferred, the annotators' reading: filter on it to keep the
authors' own links).

What each tool reads without a manual mapping:

- Gephi: ``label``, ``r``/``g``/``b`` (the author's colour; support blue, attack vermillion on
  edges) and ``size`` (theses large, cruxes larger by score) are its node and edge properties.
- yEd reads only its yFiles extension: each node also has a ``y:ShapeNode`` (fill colour,
  shape by kind as in the crux map, a wrapped label, a grid position to start a layout from)
  and each edge a ``y:PolyLineEdge`` (colour; attacks dashed with a bar head).
- Cytoscape and scripts: ``color`` (``#RRGGBB``) and ``shape`` for a passthrough style.

Written in map order, so equal maps give equal bytes. Characters XML 1.0 cannot hold (NUL and
other controls) are dropped from text.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from argmap.digraph import to_networkx
from argmap.export.palette import KIND_SHAPES, RELATION_COLOURS, THESIS_COLOUR, author_colours, rgb
from argmap.model import ArgMap

__all__ = ["best_cruxes", "dump"]

# (name, GraphML type) of every data key, in the order written; key ids are the names
# (never yEd's d3/d7, which Gephi takes for labels)
NODE_KEYS = (("label", "string"), ("type", "string"), ("kind", "string"), ("author", "string"),
             ("author_name", "string"), ("source", "string"), ("source_title", "string"),
             ("tags", "string"), ("quote", "string"), ("start", "int"), ("end", "int"),
             ("reported_by", "string"), ("crux_score", "double"), ("crux_rank", "int"),
             ("color", "string"), ("shape", "string"), ("r", "int"), ("g", "int"), ("b", "int"),
             ("size", "double"))
EDGE_KEYS = (("type", "string"), ("label", "string"), ("rationale", "string"), ("provenance", "string"),
             ("color", "string"),
             ("r", "int"), ("g", "int"), ("b", "int"))
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
WIDTH, LINE = 220.0, 16.0  # yEd node width and label line height (points)


def dump(argmap: ArgMap, *, cruxes: Iterable[Any] | None = None) -> str:
    """The map as GraphML text with yEd's yFiles extension."""
    colours = author_colours(argmap)
    authors = {a.id: a.name for a in argmap.authors}
    titles = {s.id: s.title for s in argmap.sources}
    best = best_cruxes(cruxes or ())
    model = to_networkx(argmap, multigraph=True)
    columns = max(1, math.ceil(math.sqrt(model.number_of_nodes())))
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">']
    out += [f'  <key id="{k}" for="node" attr.name="{k}" attr.type="{t}"/>' for k, t in NODE_KEYS]
    out += [f'  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="{t}"/>' for k, t in EDGE_KEYS]
    out += ['  <key id="nodegraphics" for="node" yfiles.type="nodegraphics"/>',
            '  <key id="edgegraphics" for="edge" yfiles.type="edgegraphics"/>',
            '  <graph id="argmap" edgedefault="directed">']
    for i, (node, a) in enumerate(model.nodes(data=True)):
        thesis = a["kind"] == "thesis"
        colour = THESIS_COLOUR if thesis else colours.get(a["author"], "#DDDDDD")
        attrs: dict[str, Any] = {"label": a["label"], "type": "thesis" if thesis else "claim",
                                 "kind": a["kind"], "tags": ",".join(a["tags"])}
        if not thesis:
            attrs |= {"author": a["author"], "author_name": authors.get(a["author"], a["author"]),
                      "source": a["source"], "source_title": titles.get(a["source"], a["source"]),
                      "quote": a["quote"], "start": a["start"], "end": a["end"]}
            if a["reported_by"]:
                attrs["reported_by"] = a["reported_by"]
        if node in best:
            attrs["crux_score"], attrs["crux_rank"] = best[node]
        r, g, b = rgb(colour)
        size = 30.0 if thesis else 10.0 + 20.0 * float(attrs.get("crux_score", 0.0))
        attrs |= {"color": colour, "shape": KIND_SHAPES[a["kind"]][1], "r": r, "g": g, "b": b, "size": size}
        x, y = (i % columns) * (WIDTH + 40), (i // columns) * 110
        out.append(f"    <node id={quoteattr(_clean(node))}>")
        drawn = _shape_node(a["label"], colour, attrs["shape"], thesis, x, y)
        out.append(f'      <data key="nodegraphics">{drawn}</data>')  # first: networkx then takes the
        # whole label from the label key below
        out += [f'      <data key="{k}">{_text(attrs[k])}</data>' for k, _ in NODE_KEYS if k in attrs]
        out.append("    </node>")
    for u, v, key, a in model.edges(keys=True, data=True):
        colour = RELATION_COLOURS[a["type"]]
        r, g, b = rgb(colour)
        attrs = {"type": a["type"], "label": a["type"], "rationale": a["rationale"],
                 "provenance": a["provenance"], "color": colour, "r": r, "g": g, "b": b}
        out.append(f"    <edge id={quoteattr(_clean(key))} source={quoteattr(_clean(u))} "
                   f"target={quoteattr(_clean(v))}>")
        out += [f'      <data key="e_{k}">{_text(attrs[k])}</data>' for k, _ in EDGE_KEYS]
        out.append(f'      <data key="edgegraphics">{_edge_graphics(a["type"], colour)}</data>')
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>"]
    return "\n".join(out) + "\n"


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _text(value: object) -> str:
    return escape(_clean(str(value)), {"\r": "&#13;"})


def _shape_node(label: str, colour: str, shape: str, thesis: bool, x: float, y: float) -> str:
    lines = textwrap.wrap(" ".join(_clean(label).split()), 30, max_lines=4, placeholder=" …") or [""]
    if lines[0][:6].lower() == "<html>":  # yEd (Java Swing) renders such a label as HTML and loads
        lines[0] = "\u00a0" + lines[0]  # its <img src="http://…">: a no-break space keeps it text
    height = LINE * len(lines) + 14
    text_colour = "#FFFFFF" if thesis else "#000000"
    return (f'<y:ShapeNode><y:Geometry x="{x:.1f}" y="{y:.1f}" width="{WIDTH:.1f}" height="{height:.1f}"/>'
            f'<y:Fill color="{colour}" transparent="false"/>'
            f'<y:BorderStyle color="#000000" type="line" width="{3.0 if thesis else 1.0:.1f}"/>'
            f'<y:NodeLabel alignment="center" autoSizePolicy="content" fontSize="12" textColor="{text_colour}" '
            f'modelName="internal" modelPosition="c">{escape(chr(10).join(lines))}</y:NodeLabel>'
            f'<y:Shape type="{shape}"/></y:ShapeNode>')


def _edge_graphics(kind: str, colour: str) -> str:
    line, head = ("line", "standard") if kind == "support" else ("dashed", "t_shape")
    return (f'<y:PolyLineEdge><y:LineStyle color="{colour}" type="{line}" width="2.0"/>'
            f'<y:Arrows source="none" target="{head}"/></y:PolyLineEdge>')


def best_cruxes(cruxes: Iterable[Any]) -> dict[str, tuple[float, int]]:
    """Claim id → (score, rank) of its best-ranked crux; cruxes are objects or dicts."""
    best: dict[str, tuple[float, int]] = {}
    for crux in cruxes:
        claim, score, rank = (_field(crux, k) for k in ("claim", "score", "rank"))
        if claim not in best or int(rank) < best[claim][1]:
            best[str(claim)] = (float(score), int(rank))
    return best


def _field(item: Any, key: str) -> Any:
    return item[key] if isinstance(item, dict) else getattr(item, key)
