"""The crux map page without a browser: offline, escaped, deterministic, complete, small; its layout
orders rows to cross few edges; its author colours stay apart for colour-blind readers."""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import html
import itertools
import json
import math
import re
from types import SimpleNamespace

import numpy as np
import pytest

from argmap import api
from argmap.analysis import Crux
from argmap.export import cruxmap, layers, palette
from argmap.model import Anchor, ArgMap, Author, Claim, Position, Relation, Source, Thesis
from tests.conftest import SOURCES

XSS = "<img src=x onerror=alert(1)>"

DEMO_TEXTS = {
    "s1": ("Agents will soon do remote work, says the essay. "
           "Benchmarks from Zanzibar labs show agents finishing week-long tasks. "
           "An aside that nobody annotated. "
           "Some posts 🚀 are rockets; the point is that curves bend upward. "),
    "s2": ("Compute is the binding constraint on progress. "
           "Chip fabs take five years to build, so supply lags demand. "
           "Power grids cannot double quickly. "
           f"A commenter wrote {XSS} and </script><script>alert(2)</script> with an href in it. "),
}


def DemoCrux(rank: int, claim: str, thesis: str, score: float, swing: float, contest: float,
             explanation: str) -> Crux:
    """A real engine Crux with the fields the page reads; the rest are neutral."""
    return Crux(rank=rank, claim=claim, thesis=thesis, score=score, swing=swing,
                contest=contest, emove=0.0, explanation=explanation, converged=True)


def _claim(cid: str, gist: str, source: str, quote: str, author: str, kind: str,
           tags: tuple[str, ...]) -> Claim:
    text = DEMO_TEXTS[source]
    start = text.index(quote)
    anchor = Anchor(start, start + len(quote), quote, text[max(0, start - 8):start],
                    text[start + len(quote):start + len(quote) + 8])
    return Claim(cid, gist, source, author, kind, anchor, tags)


def demo_map() -> ArgMap:
    """Two sources, two theses, four authors, both relation types, an XSS claim, an orphan."""
    claims = (
        _claim("a1", "Agents will do remote work soon.", "s1", "Agents will soon do remote work",
               "alice", "premise", ("agents",)),
        _claim("a2", "Benchmarks show week-long agent tasks.", "s1",
               "Benchmarks from Zanzibar labs show agents finishing week-long tasks", "alice",
               "evidence", ("agents", "data")),
        _claim("a3", "Growth curves bend upward.", "s1", "curves bend upward", "alice",
               "prediction", ("takeoff",)),
        _claim("b1", "Compute binds progress.", "s2", "Compute is the binding constraint on progress",
               "bob", "premise", ("compute",)),
        _claim("b2", "Fabs lag demand by years.", "s2",
               "Chip fabs take five years to build, so supply lags demand", "bob", "prediction",
               ("compute",)),
        _claim("c1", "Grids cannot double fast.", "s2", "Power grids cannot double quickly", "carol",
               "concession", ("compute", "energy")),
        _claim("x1", XSS, "s2", f"A commenter wrote {XSS} and </script><script>alert(2)</script> "
               "with an href in it", "mallory", "position", ("data",)),
        _claim("u1", "An aside nobody relates.", "s1", "An aside that nobody annotated", "alice",
               "premise", ("misc",)),
    )
    rel = lambda s, t, k: Relation(s, t, k, f"{s} {k}s {t}", "s1")  # noqa: E731
    return ArgMap(
        authors=(Author("alice", "Alice Able"), Author("bob", "Bob Baker"),
                 Author("carol", "Carol Cole"), Author("mallory", f"Mallory {XSS}")),
        sources=(Source("s1", "Agents essay", ("alice",), "essay", DEMO_TEXTS["s1"], "2025-01-01",
                        "https://example.org/s1"),
                 Source("s2", "Compute thread", ("bob",), "thread", DEMO_TEXTS["s2"], None,
                        "javascript:alert(3)")),
        theses=(Thesis("thesis.agents", "Agents arrive within two years.", ("agents",)),
                Thesis("thesis.brakes", "Physical inputs brake progress.", ("compute",))),
        claims=claims,
        relations=(rel("a1", "thesis.agents", "support"), rel("a2", "a1", "support"),
                   rel("a3", "a1", "support"), rel("b1", "thesis.agents", "attack"),
                   rel("b1", "thesis.brakes", "support"), rel("b2", "a1", "attack"),
                   rel("b2", "b1", "support"), rel("c1", "thesis.brakes", "support"),
                   rel("x1", "b1", "attack")),
        positions=(Position("bob", "thesis.agents", "reject", "stated", "s2"),
                   Position("alice", "thesis.agents", "accept", "stated", "s1"),
                   Position("carol", "a1", "reject", "inferred", "s2")),
    )


DEMO_CRUXES = (
    DemoCrux(1, "a1", "thesis.agents", 0.42, 0.6, 0.7, "If a1 held, agents would come: pivot no. 1."),
    DemoCrux(2, "b1", "thesis.agents", 0.3, -0.5, 0.6, "b1 cuts against agents: pivot no. 2."),
    DemoCrux(3, "x1", "thesis.agents", 0.1, -0.2, 0.5, f"Even {XSS} is a pivot."),
    DemoCrux(1, "c1", "thesis.brakes", 0.25, 0.4, 0.6, "Grids decide the brakes thesis."),
    DemoCrux(2, "b2", "thesis.brakes", 0.05, 0.1, 0.5, "Fabs matter a little."),
)


# Where two authors part ways, in the shape of `argmap cruxes --between A B --format json`,
# made by hand: a double crux, a point whose quotes come as a mapping, a quote from outside the map,
# and points the page must drop (unknown claim, unknown author).
DEMO_VERSUS = (
    {"authors": ["alice", "bob"], "sides": [
        {"thesis": "thesis.agents", "opposite": True,
         "alice": {"side": "accept", "basis": "declared", "standing": 0.8},
         "bob": {"side": "reject", "basis": "derived", "standing": 0.2}},
        {"thesis": "no-such-thesis", "alice": {"side": "accept", "basis": "declared", "standing": 1}}],
     "points": [
        {"claim": "b1", "thesis": "thesis.agents", "kind": "attack on a reason", "score": 0.31,
         "quotes": [{"author": "alice", "claim": "a1"}, {"author": "bob", "claim": "b1"}],
         "explanation": "If compute binds, Alice's agents wait; Bob's own reasons agree.", "double_crux": True},
        {"claim": "a1", "thesis": "thesis.agents", "kind": "stance", "score": 0.12,
         "quotes": {"alice": {"claim": "a1", "text": "ignored: the map's quote is shown"}, "bob": "b2"},
         "stances": {"alice": {"side": "accepts", "basis": "declared", "standing": 0.8, "settled": 0.4},
                     "bob": {"side": "rejects", "basis": "attacks", "standing": 0.2, "settled": 0.5}},
         "explanation": "Bob's fabs lag undercuts a1.", "double_crux": False},
        {"claim": "c1", "thesis": "thesis.brakes", "kind": "reason one relies on", "score": 0.05,
         "quotes": [{"author": "bob", "text": f"A quote outside the map {XSS}"}],
         "explanation": "Grids matter to Bob.", "double_crux": False},
        {"claim": "no-such-claim", "thesis": "thesis.agents", "kind": "x", "score": 0.9, "quotes": [],
         "explanation": "", "double_crux": False},
    ]},
    {"authors": ["alice", "nobody"], "points": [
        {"claim": "a1", "thesis": "thesis.agents", "kind": "x", "score": 0.5, "quotes": [],
         "explanation": "", "double_crux": True}]},
)


@functools.cache
def five_sources() -> tuple[ArgMap, object]:
    """The five-source map and its crux analysis, computed once per test session."""
    m = api.load_map(SOURCES)
    return m, api.analyze(m)


@pytest.fixture(scope="module")
def demo_html() -> str:
    return cruxmap.render(demo_map(), DEMO_CRUXES, versus=DEMO_VERSUS)


def embedded_data(html: str) -> dict:
    match = re.search(r'<script id="argmap-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, "the page embeds its data as a JSON script element"
    return json.loads(match.group(1))


def test_the_page_loads_nothing_from_outside_the_file(demo_html):
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", demo_html, re.I)
    assert "cdn." not in demo_html.lower() and "sourceMappingURL" not in demo_html


def test_the_csp_allows_exactly_the_inline_scripts_and_no_loads(demo_html):
    policy = html.unescape(
        re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', demo_html).group(1))
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", demo_html, re.S)
    assert len(scripts) == 2  # vis-network and the page logic; the data block is not executable
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_untrusted_text_cannot_break_out_of_the_data_block(demo_html):
    assert XSS not in demo_html
    assert "<script>alert(2)" not in demo_html
    assert demo_html.count("</script>") == 3  # data, vis-network, page logic
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in demo_html


def test_the_title_is_escaped_by_the_template():
    m = demo_map()
    html = cruxmap.render(ArgMap(m.authors, m.sources, m.theses, m.claims, m.relations, m.positions))
    assert "<title>Crux map: 8 claims, 2 theses</title>" in html


def test_the_data_holds_every_claim_thesis_relation_source_and_stance(demo_html):
    m, data = demo_map(), embedded_data(demo_html)
    assert {c["id"] for c in data["claims"]} == {c.id for c in m.claims}
    assert [t["id"] for t in data["theses"]] == [t.id for t in m.theses]
    assert {r["id"] for r in data["relations"]} == {r.id for r in m.relations}
    assert {s["id"]: s["text"] for s in data["sources"]} == {s.id: s.text for s in m.sources}
    assert len(data["stances"]) == len(m.stances())


def test_quote_offsets_are_utf16_so_javascript_slices_the_exact_quote(demo_html):
    data = embedded_data(demo_html)
    texts = {s["id"]: s["text"].encode("utf-16-le") for s in data["sources"]}
    for claim, original in zip(sorted(data["claims"], key=lambda c: c["id"]),
                               sorted(demo_map().claims, key=lambda c: c.id), strict=True):
        units = texts[claim["source"]][2 * claim["start"]:2 * claim["end"]]
        assert units.decode("utf-16-le") == original.quote
    a3 = next(c for c in data["claims"] if c["id"] == "a3")
    assert a3["start"] == DEMO_TEXTS["s1"].index("curves") + 1  # the rocket emoji is 2 UTF-16 units


def test_cruxes_keep_their_ranks_per_thesis_and_unknown_claims_are_dropped():
    extra = (*DEMO_CRUXES, DemoCrux(4, "no-such-claim", "thesis.agents", 1.0, 1.0, 1.0, "gone"))
    data = embedded_data(cruxmap.render(demo_map(), extra))
    assert [(c["thesis"], c["rank"], c["claim"]) for c in data["cruxes"]] == [
        ("thesis.agents", 1, "a1"), ("thesis.agents", 2, "b1"), ("thesis.agents", 3, "x1"),
        ("thesis.brakes", 1, "c1"), ("thesis.brakes", 2, "b2")]


def test_cruxes_as_json_dicts_render_like_crux_objects(demo_html):
    as_dicts = [c.__dict__ | {"emove": 0.0} for c in DEMO_CRUXES]
    assert cruxmap.render(demo_map(), as_dicts, versus=DEMO_VERSUS) == demo_html


def test_the_same_map_and_cruxes_give_byte_identical_pages(demo_html):
    assert cruxmap.render(demo_map(), DEMO_CRUXES, versus=DEMO_VERSUS) == demo_html
    assert cruxmap.render(demo_map(), list(reversed(DEMO_CRUXES)), versus=DEMO_VERSUS) == demo_html


def test_versus_points_are_embedded_best_first_with_known_claims_and_authors_only(demo_html):
    pairs = embedded_data(demo_html)["versus"]
    assert [p["authors"] for p in pairs] == [["alice", "bob"]]
    points = pairs[0]["points"]
    assert [(p["claim"], p["thesis"], p["double_crux"]) for p in points] == [
        ("b1", "thesis.agents", True), ("a1", "thesis.agents", False), ("c1", "thesis.brakes", False)]
    assert points[1]["quotes"] == [{"author": "alice", "claim": "a1"}, {"author": "bob", "claim": "b2"}]
    assert points[2]["quotes"] == [{"author": "bob", "text": f"A quote outside the map {XSS}"}]
    assert points[1]["held"] == {"alice": {"side": "accepts", "basis": "declared"},
                                 "bob": {"side": "rejects", "basis": "attacks"}}
    assert points[0]["held"] == {}  # no pair analysis given: the page falls back on declared stances
    assert pairs[0]["sides"] == {"thesis.agents": {
        "alice": {"side": "accept", "basis": "declared", "standing": 0.8},
        "bob": {"side": "reject", "basis": "derived", "standing": 0.2}}}


def test_versus_points_given_as_objects_render_like_dicts(demo_html):
    as_objects = [SimpleNamespace(authors=p["authors"], sides=p.get("sides", ()),
                                  points=[SimpleNamespace(**x) for x in p["points"]]) for p in DEMO_VERSUS]
    assert cruxmap.render(demo_map(), DEMO_CRUXES, versus=as_objects) == demo_html


def test_every_relation_carries_its_provenance():
    m = demo_map()
    stated = ArgMap(m.authors, m.sources, m.theses, m.claims,
                    (dataclasses.replace(m.relations[0], provenance="stated"), *m.relations[1:]), m.positions)
    provenance = {r["id"]: r["provenance"] for r in embedded_data(cruxmap.render(stated))["relations"]}
    assert provenance[m.relations[0].id] == "stated"
    assert {provenance[r.id] for r in m.relations[1:]} == {"inferred"}


def test_the_page_carries_every_pairs_between_points_with_each_authors_own_words():
    m = api.load_map(SOURCES)
    pairs = [p.as_dict(m) for p in api.between_all(m)]
    page = {tuple(p["authors"]): p["points"] for p in cruxmap.page_data(m, [], pairs)["versus"]}
    given = {tuple(p["authors"]): p["points"] for p in pairs if p["points"]}
    assert page.keys() == given.keys() and ("aschenbrenner", "karpathy") in page
    points = page[("aschenbrenner", "karpathy")]
    assert len(points) == min(len([p for p in given[("aschenbrenner", "karpathy")] if p["thesis"]]),
                              cruxmap.VERSUS_POINTS)
    assert [p["score"] for p in points] == sorted((p["score"] for p in points), reverse=True)
    for p in points:  # each quote is the author's own claim on the point
        assert p["quotes"] and all(m.claim(q["claim"]).author == q["author"] for q in p["quotes"])


def test_the_page_script_never_uses_innerhtml():
    script = (cruxmap.ASSETS / "cruxmap.js").read_text(encoding="utf-8")
    assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", script)


def test_the_five_source_page_stays_small():
    m, analysis = five_sources()
    html = cruxmap.render(m, analysis.ranked(), versus=[p.as_dict(m) for p in api.between_all(m)])
    size = len(html.encode("utf-8"))
    assert size < 1_700_000, f"{size} bytes"
    assert "vis-network.css" not in html and ".vis-manipulation" not in html  # 220 KB we do not need


# --- the layered layout --------------------------------------------------------------------------

def _adjacent_crossings(m: ArgMap, rows: list[list[str]]) -> int:
    level = {c: k for k, row in enumerate(rows) for c in row}
    place = {c: i for row in rows for i, c in enumerate(row)}
    total = 0
    for k in range(len(rows) - 1):
        ends = [(place[r.source], place[r.target]) for r in m.relations
                if level.get(r.source) == k + 1 and level.get(r.target) == k]
        if ends:
            total += layers.crossings(np.array([a for a, _ in ends]), np.array([b for _, b in ends]))
    return total


def _brute_crossings(lower: list[int], upper: list[int]) -> int:
    return sum(1 for (a, b), (c, d) in itertools.combinations(zip(lower, upper, strict=True), 2)
               if (a - c) * (b - d) < 0)


def test_crossings_are_counted_as_pairs_of_edges_in_opposite_order():
    rng = np.random.default_rng(0)
    for n in range(0, 40):
        lower, upper = rng.integers(0, 8, n), rng.integers(0, 8, n)
        assert layers.crossings(lower, upper) == _brute_crossings(lower.tolist(), upper.tolist())


def test_a_theses_rows_are_its_arguments_by_distance_each_once():
    m = api.load_map(SOURCES)
    for thesis in m.theses:
        rows = layers.thesis_layers(m, thesis.id, {})
        placed = [c for row in rows for c in row]
        assert len(placed) == len(set(placed))
        reach = {thesis.id}
        for k, row in enumerate(rows, start=1):  # row k: bears on row k-1, not on anything nearer
            assert all(any(r.target in reach for r in m.relations_from(c)) for c in row), (thesis.id, k)
            reach |= set(row)
        assert set(placed) == set(api.select(m, thesis=thesis.id).claims and
                                  [c for c in reach if c != thesis.id])


def test_the_order_crosses_far_fewer_edges_than_rows_sorted_by_id():
    # rows sorted by id: a layered layout without crossing minimisation (map-ui.md section 3)
    m = api.load_map(SOURCES)
    swept = start = by_id = 0
    for thesis in m.theses:
        rows = layers.thesis_layers(m, thesis.id, {})
        swept += _adjacent_crossings(m, rows)
        by_id += _adjacent_crossings(m, [sorted(row) for row in rows])
        original = layers.SWEEPS
        layers.SWEEPS = 0  # the depth-first starting order alone
        try:
            start += _adjacent_crossings(m, layers.thesis_layers(m, thesis.id, {}))
        finally:
            layers.SWEEPS = original
    assert swept < start < by_id
    assert swept < by_id / 4, (swept, start, by_id)  # measured: 1,810 / 2,059 / 9,906


def test_the_layout_is_a_function_of_the_map_and_the_scores():
    m, analysis = five_sources()
    scores = {c.claim: c.score for c in analysis.ranked("thesis.ie-soon")}
    first = layers.thesis_layers(m, "thesis.ie-soon", scores)
    shuffled = ArgMap(m.authors, m.sources, m.theses, m.claims, tuple(reversed(m.relations)), m.positions)
    assert layers.thesis_layers(m, "thesis.ie-soon", scores) == first
    assert layers.thesis_layers(shuffled, "thesis.ie-soon", scores) == first


# --- authors: colour, initials ----------------------------------------------------------------

# Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB
CVD = {
    "normal vision": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def _lab(hex_colour: str, matrix) -> tuple[float, float, float]:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    lin = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, lin, strict=True)))) for row in matrix]
    xyz = [sum(m * c for m, c in zip(row, lin, strict=True)) / n for row, n in zip(
        ((0.4124, 0.3576, 0.1805), (0.2126, 0.7152, 0.0722), (0.0193, 0.1192, 0.9505)), (0.95047, 1.0, 1.08883),
        strict=True)]
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _ciede2000(lab1, lab2) -> float:
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    cbar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cbar ** 7 / (cbar ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p, h2p = math.degrees(math.atan2(b1, a1p)) % 360, math.degrees(math.atan2(b2, a2p)) % 360
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    dl, dc, dhh = l2 - l1, c2p - c1p, 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lbar, cbarp = (l1 + l2) / 2, (c1p + c2p) / 2
    hbar = h1p + h2p if c1p * c2p == 0 else (h1p + h2p) / 2 + (180 if abs(h1p - h2p) > 180 else 0)
    t = (1 - 0.17 * math.cos(math.radians(hbar - 30)) + 0.24 * math.cos(math.radians(2 * hbar))
         + 0.32 * math.cos(math.radians(3 * hbar + 6)) - 0.20 * math.cos(math.radians(4 * hbar - 63)))
    sl = 1 + 0.015 * (lbar - 50) ** 2 / math.sqrt(20 + (lbar - 50) ** 2)
    sc, sh = 1 + 0.045 * cbarp, 1 + 0.015 * cbarp * t
    rt = (-math.sin(math.radians(60 * math.exp(-(((hbar % 360) - 275) / 25) ** 2)))
          * 2 * math.sqrt(cbarp ** 7 / (cbarp ** 7 + 25 ** 7)))
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))


def test_every_two_author_colours_stay_apart_for_colour_blind_readers():
    for vision, matrix in CVD.items():
        for x, y in itertools.combinations(palette.AUTHOR_COLOURS, 2):
            distance = _ciede2000(_lab(x, matrix), _lab(y, matrix))
            assert distance >= 12, f"{x} and {y} are {distance:.1f} apart under {vision}"


def test_badge_text_reads_on_every_author_colour():
    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    for colour in palette.AUTHOR_COLOURS:
        a, b = sorted((luminance(colour), luminance(palette.ink(colour))))
        assert (b + 0.05) / (a + 0.05) >= 4.5, colour


def test_the_nine_most_prolific_authors_get_nine_colours():
    m = api.load_map(SOURCES)
    counts = palette.claim_counts(m)
    colours = palette.colours_for(m.authors, counts)
    top = sorted(m.authors, key=lambda a: (-counts.get(a.id, 0), a.id))[:len(palette.AUTHOR_COLOURS)]
    assert len({colours[a.id] for a in top}) == len(top)


def test_an_author_joining_recolours_nobody_with_more_claims():
    m = api.load_map(SOURCES)
    counts = palette.claim_counts(m)
    before = palette.colours_for(m.authors, counts)
    for n in (0, 2, 20):  # a newcomer with no, a few or many claims
        after = palette.colours_for((*m.authors, Author("newcomer", "New Comer")), {**counts, "newcomer": n})
        assert all(after[a.id] == before[a.id] for a in m.authors if counts.get(a.id, 0) > n)


def test_initials_tell_every_author_of_the_five_sources_apart():
    m = api.load_map(SOURCES)
    initials = palette.author_initials(m.authors)
    assert len(set(initials.values())) == len(m.authors)
    assert initials["karpathy"] == "AK" and initials["aschenbrenner"] == "LA"
