"""The crux map: the whole argument map as one offline HTML page a debater can explore.

The page is our own Jinja2 template (autoescaped) around three inline pieces: vis-network
9.1.2 read from the installed pyvis package at build time, our page script
(``assets/cruxmap.js``) and the map as JSON. Nothing is fetched: a Content-Security-Policy
meta tag allows only the hashed inline scripts, so the page also proves it is offline.
Source text is untrusted: the JSON escapes ``<``, ``>`` and ``&`` (no ``</script>`` breakout),
and the script puts text into the DOM with ``textContent`` only, isolated for bidi. The page
holds every claim, thesis and relation; the script mounts only the current view (see
docs/crux-map.md). The drawing order of each thesis's rows is computed here
(``export.layers``: barycentre sweeps), not in the browser. Same inputs give the same bytes: no
timestamps, ids are the map's own, layouts are deterministic functions of the data.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import Protocol

import pyvis
from jinja2 import Environment
from markupsafe import Markup

from argmap import digraph
from argmap.export.layers import all_layers
from argmap.export.palette import author_colours, author_initials, authors_by_claims, claim_counts, ink
from argmap.model import BASIS_WORDS, PROVENANCE_WORDS, THESIS_PREFIX, ArgMap

VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
ASSETS = resources.files("argmap.export") / "assets"

LANE_CRUXES = 3  # crux cards per thesis row in the opening view
CRUXES_PER_THESIS = 30  # the page keeps each thesis's top 30; a full ranking would only add bytes
VERSUS_POINTS = 60  # points kept per pair of authors, best first
MAX_MOUNT = 600  # at most this many nodes are drawn at once, the focused claim always among them
LABEL_MIN = 10  # px: no label is drawn smaller at a view's opening zoom (fewer nodes instead)
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


def render(argmap: ArgMap, cruxes: Sequence[CruxLike] = (), *,
           versus: Sequence[object] | None = None) -> str:
    """The HTML text of the crux map.

    ``cruxes`` may also be plain dicts with the same keys (as ``argmap cruxes --format json``
    prints them). ``versus`` lists, for every pair of authors who disagree, where they part ways:
    objects or dicts with ``authors`` (two ids) and ``points``, each point with ``claim``,
    ``thesis``, ``kind``, ``score``, ``quotes``, ``explanation`` and ``double_crux`` (the shape of
    ``argmap cruxes --between A B --format json``). ``quotes`` are ``{"author", "claim"}`` items
    (an author's claim whose quote states their side; ``text`` for a quote outside the map) or a
    mapping author → such an item without ``author``, or → claim id.
    """
    data = page_data(argmap, [_as_crux(c) for c in cruxes], versus or ())
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


def page_data(argmap: ArgMap, cruxes: Sequence[CruxLike],
              versus: Sequence[object] = ()) -> dict[str, object]:
    """Everything the page script needs, as plain JSON-ready values in a stable order."""
    reach = _theses_reached(argmap)
    counts = claim_counts(argmap)
    order = [a for a, _ in authors_by_claims(argmap)]
    initials = author_initials(argmap.authors)
    colours = author_colours(argmap)
    known = {c.id for c in argmap.claims}
    theses = {t.id for t in argmap.theses}
    thesis_order = {t.id: i for i, t in enumerate(argmap.theses)}
    utf16 = {s.id: _utf16_offsets(s.text) for s in argmap.sources}
    kept = [c for c in sorted((c for c in cruxes if c.claim in known and c.thesis in theses),
                              key=lambda c: (thesis_order[c.thesis], c.rank, c.claim))]
    kept = [c for i, c in enumerate(kept)
            if i < CRUXES_PER_THESIS or kept[i - CRUXES_PER_THESIS].thesis != c.thesis]
    claims = sorted(argmap.claims, key=lambda c: c.id)
    claim_index = {c.id: i for i, c in enumerate(claims)}
    scores: dict[str, dict[str, float]] = {}
    for c in cruxes:
        if c.claim in known and c.thesis in theses:
            scores.setdefault(c.thesis, {})[c.claim] = float(c.score)
    rows = all_layers(argmap, scores)
    return {
        "config": {"laneCruxes": LANE_CRUXES, "maxMount": MAX_MOUNT, "labelMin": LABEL_MIN,
                   "basisWords": BASIS_WORDS, "provenanceWords": PROVENANCE_WORDS},
        "authors": [{"id": a.id, "name": a.name, "colour": colours[a.id], "ink": ink(colours[a.id]),
                     "initials": initials[a.id], "claims": counts.get(a.id, 0)}
                    for a in order],
        "theses": [{"id": t.id, "text": t.text, "tags": list(t.tags)} for t in argmap.theses],
        "sources": [{"id": s.id, "title": s.title, "authors": list(s.authors), "kind": s.kind,
                     "date": s.date, "url": s.url, "text": s.text}
                    for s in sorted(argmap.sources, key=lambda s: s.id)],
        "claims": [{"id": c.id, "gist": c.gist, "kind": c.kind, "author": c.author,
                    "source": c.source, "tags": list(c.tags), "reportedBy": c.reported_by,
                    "start": utf16[c.source](c.anchor.start), "end": utf16[c.source](c.anchor.end),
                    "reach": reach.get(c.id, [])}
                   for c in claims],
        "relations": [{"id": r.id, "from": r.source, "to": r.target, "type": r.type,
                       "rationale": r.rationale, "provenance": r.provenance}
                      for r in sorted(argmap.relations, key=lambda r: r.id)],
        "stances": [{"author": p.author, "target": p.target, "stance": p.stance, "basis": p.basis}
                    for p in sorted(argmap.stances(), key=lambda p: (p.target, p.author))],
        "cruxes": [{"rank": c.rank, "claim": c.claim, "thesis": c.thesis, "score": _num(c.score),
                    "swing": _num(c.swing), "contest": _num(c.contest), "explanation": c.explanation}
                   for c in kept],
        # per thesis, its rows (direct arguments first) as claim indices in drawing order
        "layers": [[[claim_index[c] for c in row] for row in rows[t.id]] for t in argmap.theses],
        "versus": _versus(argmap, versus, thesis_order),
    }


def _as_crux(c: CruxLike | Mapping[str, object]) -> CruxLike:
    """A crux given as a dict (e.g. `argmap cruxes --format json`) read like a Crux object."""
    if isinstance(c, Mapping):
        return SimpleNamespace(**{f: c[f] for f in CruxLike.__annotations__})  # type: ignore[return-value]
    return c


def _get(item: object, name: str, default: object = None) -> object:
    return item.get(name, default) if isinstance(item, Mapping) else getattr(item, name, default)


def _versus(argmap: ArgMap, pairs: Iterable[object], thesis_order: Mapping[str, int]) -> list[dict[str, object]]:
    """The pairs' points on claims and theses of this map, best first, as plain values.

    Points on unknown claims or theses and quotes of unknown claims are dropped; pairs are keyed
    by their two author ids in the order given (the page shows either order).
    """
    authors = {a.id for a in argmap.authors}
    merged: dict[tuple[str, str], dict[tuple[str, str], dict[str, object]]] = {}
    sides: dict[tuple[str, str], dict[str, dict[str, object]]] = {}
    for pair in pairs:
        a, b = (str(x) for x in _get(pair, "authors", ()))  # type: ignore[union-attr]
        if a not in authors or b not in authors or a == b:
            continue
        points = merged.setdefault((a, b), {})
        for side in _get(pair, "sides", ()) or ():  # type: ignore[union-attr]
            if isinstance(side, Mapping) and side.get("thesis") in thesis_order:
                sides.setdefault((a, b), {})[str(side["thesis"])] = _standings(side, (a, b))
        for p in _get(pair, "points", ()) or ():  # type: ignore[union-attr]
            claim, thesis = str(_get(p, "claim")), str(_get(p, "thesis"))
            if thesis not in thesis_order or not argmap.has(claim) or (claim, thesis) in points:
                continue
            points[(claim, thesis)] = {
                "claim": claim, "thesis": thesis, "kind": str(_get(p, "kind", "")),
                "score": _num(float(_get(p, "score", 0.0))),  # type: ignore[arg-type]
                "quotes": _quotes(argmap, _get(p, "quotes", ()), authors),
                "held": _held(_get(p, "stances"), (a, b)),
                "explanation": str(_get(p, "explanation", "")),
                "double_crux": bool(_get(p, "double_crux", False)),
            }
    return [{"authors": [a, b], "sides": sides.get((a, b), {}),
             "points": sorted(points.values(), key=lambda p: (-p["score"], thesis_order[p["thesis"]],
                                                                p["claim"]))[:VERSUS_POINTS]}
            for (a, b), points in sorted(merged.items()) if points]


def _standings(side: Mapping[str, object], pair: tuple[str, str]) -> dict[str, dict[str, object]]:
    """Each author's side on a thesis (declared, else derived from their standing) and standing."""
    out = {}
    for author in pair:
        held = side.get(author)
        if isinstance(held, Mapping):
            standing = held.get("standing")
            out[author] = {"side": held.get("side"), "basis": held.get("basis"),
                           "standing": None if standing is None else _num(float(standing))}  # type: ignore[arg-type]
    return out


def _held(stances: object, pair: tuple[str, str]) -> dict[str, dict[str, str]]:
    """Each author's side on the point and how it is known (``accepts`` / ``rejects``; ``declared``,
    ``supports``, ``attacks`` or ``relies``), where the pair analysis gave them."""
    if not isinstance(stances, Mapping):
        return {}
    out = {}
    for author in pair:
        held = stances.get(author)
        if isinstance(held, Mapping) and held.get("side") in ("accepts", "rejects"):
            out[author] = {"side": str(held["side"]), "basis": str(held.get("basis") or "")}
    return out


def _quotes(argmap: ArgMap, quotes: object, authors: set[str]) -> list[dict[str, str]]:
    if isinstance(quotes, Mapping):  # author -> {"claim", "text"} (or None), or claim id(s)
        items = [{"author": k, **v} if isinstance(v, Mapping) else {"author": k, "claim": v}
                 for k, vs in quotes.items() for v in (vs if isinstance(vs, list) else [vs]) if v is not None]
    else:
        items = list(quotes or ())  # type: ignore[call-overload]
    out = []
    for q in items:
        author, claim, text = _get(q, "author"), _get(q, "claim"), _get(q, "text")
        if author not in authors:
            continue
        if claim is not None and argmap.has(str(claim)) and not str(claim).startswith(THESIS_PREFIX):
            out.append({"author": str(author), "claim": str(claim)})
        elif text:
            out.append({"author": str(author), "text": str(text)})
    return out


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
