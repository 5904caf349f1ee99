"""xAIF, the exchange format of ARG-tech's open argument-mining framework (oAMF): AIF plus the
source text in which every locution's span is marked.

``{"AIF": {nodes, edges, locutions, participants, schemefulfillments, descriptorfulfillments},
"text": {"txt": …}, "dialog": …, "OVA": {…}}``: the AIF part is the same as ``--format aif``
(:mod:`argmap.export.aifnodes`), and ``text.txt`` holds each source's text, HTML-escaped, lines
as ``<br>``, sources apart by ``<br><br>``, with each quoted span as ``<span
class="highlighted" id="L-node id">…</span>`` (:func:`argmap.export.highlight.marked`), so every
module of a pipeline sees the same spans. A span that crosses another (never nested in it) is
closed and reopened around the crossing; the reopened part carries ``data-continues`` instead
of a second id.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.export.aifnodes import aif_json, nodes
from argmap.export.highlight import marked
from argmap.model import ArgMap

__all__ = ["dump", "to_dict"]


def dump(argmap: ArgMap) -> str:
    """The map as xAIF JSON text."""
    return json.dumps(to_dict(argmap), ensure_ascii=False, indent=2) + "\n"


def to_dict(argmap: ArgMap) -> dict[str, Any]:
    aif = nodes(argmap)
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for loc in aif.locutions:
        if loc.span:
            spans.setdefault(loc.source.id, []).append((loc.claim.anchor.start, loc.claim.anchor.end, loc.node))
    text = "<br><br>".join(marked(s.text, spans.get(s.id, [])) for s in argmap.sources)
    return {
        "AIF": aif_json(aif) | {"schemefulfillments": [], "descriptorfulfillments": []},
        "text": {"txt": text},
        "dialog": any(s.kind == "transcript" for s in argmap.sources),
        "OVA": {"firstname": "", "surname": "", "url": "", "nodes": [], "edges": []},
    }

