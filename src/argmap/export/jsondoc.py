"""The whole map (or a part) as JSON: a documented, stable shape for scripts and notebooks.

Shape (keys sorted, lists in id order)::

    {"sources":   [{id, title, authors, author, date, url, kind}],
     "authors":   [{id, name}],
     "theses":    [{id, text, tags}],
     "claims":    [{id, text, quote, source, author, reported_by, start, end, kind, tags,
                    locator: {label, paragraph, line, section}}],
     "relations": [{from, to, type, rationale, provenance, recorded_by, recorded_on, declared_in}],
     "positions": [{author, on, stance, basis, evidence}]}

``author`` of a source is its first author; ``text`` of a claim is its gist. A relation's
``provenance`` is ``stated`` (the source text draws the link) or ``inferred`` (our reading),
recorded by the annotator ``recorded_by`` on ``recorded_on``, in the claims.yaml of ``declared_in``.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.model import ArgMap


def dump(argmap: ArgMap) -> str:
    """The map as pretty, key-sorted JSON text ending in a newline."""
    return json.dumps(to_dict(argmap), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def to_dict(argmap: ArgMap) -> dict[str, Any]:
    kinds = {s.id: s.kind for s in argmap.sources}
    return {
        "sources": [
            {"id": s.id, "title": s.title, "authors": list(s.authors), "author": s.authors[0],
             "date": s.date, "url": s.url, "kind": s.kind}
            for s in argmap.sources
        ],
        "authors": [{"id": a.id, "name": a.name} for a in argmap.authors],
        "theses": [{"id": t.id, "text": t.text, "tags": list(t.tags)} for t in argmap.theses],
        "claims": [
            {"id": c.id, "text": c.gist, "quote": c.quote, "source": c.source,
             "author": c.author, "reported_by": c.reported_by, "start": c.anchor.start,
             "end": c.anchor.end, "kind": c.kind, "tags": list(c.tags),
             "locator": {"label": c.anchor.locator(kinds[c.source]), "paragraph": c.anchor.paragraph,
                         "line": c.anchor.line, "section": c.anchor.section}}
            for c in argmap.claims
        ],
        "relations": [
            {"from": r.source, "to": r.target, "type": r.type, "rationale": r.rationale,
             "provenance": r.provenance, "recorded_by": r.recorded_by, "recorded_on": r.recorded_on,
             "declared_in": r.declared_in}
            for r in argmap.relations
        ],
        "positions": [
            {"author": p.author, "on": p.target, "stance": p.stance, "basis": p.basis,
             "evidence": p.evidence}
            for p in argmap.positions
        ],
    }
