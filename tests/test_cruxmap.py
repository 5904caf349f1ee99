"""The crux map page without a browser: offline, escaped, deterministic, complete, small."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re

import pytest

from argmap import api
from argmap.analysis import Crux
from argmap.export import cruxmap
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


@pytest.fixture(scope="module")
def demo_html() -> str:
    return cruxmap.render(demo_map(), DEMO_CRUXES)


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
    assert cruxmap.render(demo_map(), as_dicts) == demo_html


def test_the_same_map_and_cruxes_give_byte_identical_pages(demo_html):
    assert cruxmap.render(demo_map(), DEMO_CRUXES) == demo_html
    assert cruxmap.render(demo_map(), list(reversed(DEMO_CRUXES))) == demo_html


def test_the_page_script_never_uses_innerhtml():
    script = (cruxmap.ASSETS / "cruxmap.js").read_text(encoding="utf-8")
    assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", script)


def test_the_five_source_page_stays_small():
    html = cruxmap.render(api.load_map(SOURCES))
    size = len(html.encode("utf-8"))
    assert size < 1_500_000, f"{size} bytes"
    assert "vis-network.css" not in html and ".vis-manipulation" not in html  # 220 KB we do not need
