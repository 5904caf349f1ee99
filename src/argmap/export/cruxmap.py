"""The crux map: the whole argument map as one offline HTML page a debater can explore.

The page is our own Jinja2 template (autoescaped) around three inline pieces: vis-network
9.1.2 read from the installed pyvis package at build time, our page script
(``assets/cruxmap.js``) and the map as JSON. Nothing is fetched: a Content-Security-Policy
meta tag allows only the hashed inline scripts, so the page also proves it is offline.
Source text is untrusted: the JSON escapes ``<``, ``>`` and ``&`` (no ``</script>`` breakout),
and the script puts text into the DOM with ``textContent`` only. The page holds every claim,
thesis and relation; the script mounts only the current view (see docs/crux-map.md).
Same inputs give the same bytes: no timestamps, ids are the map's own, layouts are
deterministic functions of the data.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import Protocol

import pyvis
from jinja2 import Environment
from markupsafe import Markup

from argmap import digraph
from argmap.export.palette import author_colours, authors_by_claims
from argmap.model import ArgMap

VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
ASSETS = resources.files("argmap.export") / "assets"

LANE_CRUXES = 3  # crux cards per thesis row in the opening view
CRUXES_PER_THESIS = 30  # the page keeps each thesis's top 30; a full ranking would only add bytes
MAX_MOUNT = 600  # at most this many nodes are drawn at once; larger views are cut by rank
DIGITS = 4  # scores are rounded so that float noise cannot change the bytes


class CruxLike(Protocol):
    """What the page needs of a ranked crux (``argmap.analysis.Crux`` has these and more)."""

    rank: int
    claim: str
    thesis: str
    score: float
    swing: float
    contest: float
    explanation: str


def render(argmap: ArgMap, cruxes: Sequence[CruxLike] = ()) -> str:
    """The HTML text of the crux map.

    ``cruxes`` may also be plain dicts with the same keys (as ``argmap cruxes --format json``
    prints them).
    """
    data = page_data(argmap, [_as_crux(c) for c in cruxes])
    vis_js = _strip_source_map((VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"))
    app_js = (ASSETS / "cruxmap.js").read_text(encoding="utf-8")
    css = (ASSETS / "cruxmap.css").read_text(encoding="utf-8")
    for name, text in (("vis-network", vis_js), ("cruxmap.js", app_js), ("cruxmap.css", css)):
        if re.search(r"</(script|style)", text, re.I):
            raise ValueError(f"{name} contains a closing tag and cannot be inlined")
    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string((ASSETS / "cruxmap.html.j2").read_text(encoding="utf-8"))
    return template.render(
        csp=csp([vis_js, app_js]),
        title=f"Crux map: {len(argmap.claims)} claims, {len(argmap.theses)} theses",
        css=Markup(css), vis_js=Markup(vis_js), app_js=Markup(app_js),
        data_json=Markup(script_json(data)),
    )


def page_data(argmap: ArgMap, cruxes: Sequence[CruxLike]) -> dict[str, object]:
    """Everything the page script needs, as plain JSON-ready values in a stable order."""
    reach = _theses_reached(argmap)
    order = authors_by_claims(argmap)
    colour = author_colours(argmap)
    known = {c.id for c in argmap.claims}
    theses = {t.id for t in argmap.theses}
    thesis_order = {t.id: i for i, t in enumerate(argmap.theses)}
    utf16 = {s.id: _utf16_offsets(s.text) for s in argmap.sources}
    kept = [c for c in sorted((c for c in cruxes if c.claim in known and c.thesis in theses),
                              key=lambda c: (thesis_order[c.thesis], c.rank, c.claim))]
    kept = [c for i, c in enumerate(kept)
            if i < CRUXES_PER_THESIS or kept[i - CRUXES_PER_THESIS].thesis != c.thesis]
    return {
        "config": {"laneCruxes": LANE_CRUXES, "maxMount": MAX_MOUNT},
        "authors": [{"id": a.id, "name": a.name, "colour": colour[a.id], "claims": n}
                    for a, n in order],
        "theses": [{"id": t.id, "text": t.text, "tags": list(t.tags)} for t in argmap.theses],
        "sources": [{"id": s.id, "title": s.title, "authors": list(s.authors), "kind": s.kind,
                     "date": s.date, "url": s.url, "text": s.text}
                    for s in sorted(argmap.sources, key=lambda s: s.id)],
        "claims": [{"id": c.id, "gist": c.gist, "kind": c.kind, "author": c.author,
                    "source": c.source, "tags": list(c.tags), "reportedBy": c.reported_by,
                    "start": utf16[c.source](c.anchor.start), "end": utf16[c.source](c.anchor.end),
                    "reach": reach.get(c.id, [])}
                   for c in sorted(argmap.claims, key=lambda c: c.id)],
        "relations": [{"id": r.id, "from": r.source, "to": r.target, "type": r.type,
                       "rationale": r.rationale}
                      for r in sorted(argmap.relations, key=lambda r: r.id)],
        "stances": [{"author": p.author, "target": p.target, "stance": p.stance, "basis": p.basis}
                    for p in sorted(argmap.stances(), key=lambda p: (p.target, p.author))],
        "cruxes": [{"rank": c.rank, "claim": c.claim, "thesis": c.thesis, "score": _num(c.score),
                    "swing": _num(c.swing), "contest": _num(c.contest), "explanation": c.explanation}
                   for c in kept],
    }


def _as_crux(c: CruxLike | Mapping[str, object]) -> CruxLike:
    """A crux given as a dict (e.g. `argmap cruxes --format json`) read like a Crux object."""
    if isinstance(c, Mapping):
        return SimpleNamespace(**{f: c[f] for f in CruxLike.__annotations__})  # type: ignore[return-value]
    return c


def script_json(data: object) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` survives literally."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def csp(inline_scripts: Sequence[str]) -> str:
    """A policy that runs only these scripts and loads nothing from anywhere."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in inline_scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")


def _theses_reached(argmap: ArgMap) -> dict[str, list[int]]:
    """For each claim, the theses it bears on directly or through other claims (as indices)."""
    reach: dict[str, list[int]] = {}
    upstream = digraph.upstream(argmap, (t.id for t in argmap.theses))
    for i, thesis in enumerate(argmap.theses):
        for node in upstream[thesis.id]:
            reach.setdefault(node, []).append(i)
    return reach


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _utf16_offsets(text: str) -> Callable[[int], int]:
    """Turns code-point offsets into the UTF-16 offsets JavaScript's ``String.slice`` expects."""
    astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
    return lambda index: index + bisect.bisect_left(astral, index)


def _num(value: float) -> float:
    return round(float(value), DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0


def _strip_source_map(js: str) -> str:
    return re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", js)
