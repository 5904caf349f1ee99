"""The crux map: the graph as one offline HTML page (pyvis / vis-network).

Offline means no request leaves the file: vis-network is inlined by pyvis'
``cdn_resources="in_line"``, and the Bootstrap links its template adds anyway are removed.
Positions are computed here (a seeded networkx layout) so the page opens without a physics
simulation and two builds give the same bytes.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from argmap.model import ArgMap

AUTHOR_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
                  "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")
KIND_SHAPES = {"position": "star", "premise": "dot", "evidence": "square",
               "prediction": "triangle", "concession": "diamond"}
EDGE_STYLE = {"support": {"color": "#2e7d32", "dashes": False},
              "attack": {"color": "#c62828", "dashes": True}}
_EXTERNAL = re.compile(r'<(script|link)\b[^>]*\b(src|href)="https?://[^"]*"[^>]*>(\s*</script>)?', re.I)


def render(argmap: ArgMap, graph: nx.DiGraph) -> str:
    """The HTML text of the map."""
    colours = {a.id: AUTHOR_COLOURS[i % len(AUTHOR_COLOURS)] for i, a in enumerate(argmap.authors)}
    pos = nx.spring_layout(graph, seed=7, k=1.5 / max(1, len(graph)) ** 0.5) if len(graph) else {}
    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line")
    for node_id, data in sorted(graph.nodes(data=True)):
        x, y = (float(v) * 1000 for v in pos[node_id])
        if data["kind"] == "thesis":
            net.add_node(node_id, label=_wrap(data["label"]), title=data["label"], shape="box",
                         color="#fdd835", x=x, y=y, font={"size": 22}, physics=False)
        else:
            net.add_node(node_id, label=_wrap(data["label"], 30), title=f'{data["label"]}\n\n“{data["quote"]}”',
                         shape=KIND_SHAPES.get(data["kind"], "dot"),
                         color=colours.get(data["author"], "#999999"), x=x, y=y, physics=False)
    for a, b, data in sorted(graph.edges(data=True)):
        net.add_edge(a, b, title=f'{data["type"]}: {data["rationale"]}', arrows="to",
                     **EDGE_STYLE[data["type"]])
    net.toggle_physics(False)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.html"
        net.write_html(str(path))
        html = path.read_text(encoding="utf-8")
    return _EXTERNAL.sub("", html)


def _wrap(text: str, width: int = 40) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines[:4]) + ("…" if len(lines) > 4 else "")
