"""The versus brief: where two authors part ways, per thesis, both sides' words side by side.

The renderer is tested on a hand-made document in the shape of `argmap cruxes --between A B
--format json`; the five-source map checks that the brief renders what `api.between` finds.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from markdown_it import MarkdownIt

from argmap import api
from argmap.cli import main
from argmap.export import versus
from argmap.model import ArgMap, Relation, Thesis
from argmap.sources.loader import load_map
from tests import peers
from tests.conftest import SOURCES

LONG = "thesis.long-horizon"
OTHER = "thesis.other"


@pytest.fixture
def m(tiny_sources) -> ArgMap:
    """The tiny map with a second thesis that error correction supports."""
    base = load_map(tiny_sources)
    return dataclasses.replace(
        base, theses=(*base.theses, Thesis(OTHER, "Agents get reliable by 2030.")),
        relations=(*base.relations,
                   Relation("demo.error-correction", OTHER, "support", "Fixing errors is reliability.", "demo")))


def held(side: str, basis: str, standing: float, settled: float) -> dict:
    return {"side": side, "basis": basis, "standing": standing, "settled": settled}


WAYS = {"authors": ["alice", "bob"], "names": {"alice": "Alice Example", "bob": "Bob Example"},
        "sides": [{"thesis": LONG, "opposite": True,
                   "alice": {"side": "reject", "basis": "derived", "standing": 0.3},
                   "bob": {"side": "accept", "basis": "declared", "standing": 0.7}}],
        "points": [
    {"claim": "demo.no-long-training", "thesis": LONG, "kind": "stance", "score": 0.2,
     "double_crux": False, "explanation": "Settling it would not move Bob: his other reasons stand.",
     "quotes": {"alice": {"claim": "demo.no-long-training",
                          "text": "long-horizon agents do not need long-horizon training"}, "bob": None},
     "stances": {"alice": held("accepts", "declared", 0.3, 0.5), "bob": held("rejects", "attacks", 0.7, 0.6)},
     "chain": [{"from": "demo.no-long-training", "relation": "attacks", "to": LONG}]},
    {"claim": "demo.error-correction", "thesis": LONG, "kind": "attack", "score": 0.9,
     "double_crux": True, "explanation": "Either way it is settled, they converge.",
     "quotes": {"alice": {"claim": "demo.error-correction", "text": "error correction enables long horizons"},
                "bob": None},
     "stances": {"alice": held("accepts", "declared", 0.3, 0.8), "bob": held("rejects", "relies", 0.7, 0.1)},
     "chain": [{"from": "demo.error-correction", "relation": "attacks", "to": "demo.compounding"},
               {"from": "demo.compounding", "relation": "supports", "to": LONG}]},
    {"claim": "demo.compounding", "thesis": OTHER, "kind": "reason", "score": 0.6, "double_crux": False,
     "explanation": "", "quotes": {"alice": None, "bob": None},
     "stances": {"alice": held("rejects", "attacks", 0.5, 0.5), "bob": held("accepts", "relies", 0.5, 0.5)},
     "chain": []},
]}


def headings(text: str, level: str) -> list[str]:
    return re.findall(rf"^{level} (.*)$", text, re.M)


def test_theses_come_by_their_most_consequential_point_and_points_by_consequence(m):
    text = versus.dump(m, WAYS)
    assert text.startswith("# Alice Example vs Bob Example\n")
    assert headings(text, "##") == ["1. Long-horizon agents need long-horizon training.",
                                    "2. Agents get reliable by 2030."]
    assert headings(text, "###") == ["1.1 Error correction lets agents run long horizons.",
                                     "1.2 Long-horizon agents need no long-horizon training.",
                                     "2.1 Per-step errors compound, so long tasks fail."]


def test_points_that_reach_no_thesis_come_last_under_their_own_heading(m):
    loose = {**WAYS["points"][1], "thesis": None, "chain": [], "score": 5.0}
    text = versus.dump(m, {**WAYS, "points": [*WAYS["points"][:1], loose]})
    assert headings(text, "##") == ["1. Long-horizon agents need long-horizon training.",
                                    "2. Points that reach no thesis"]
    assert "No chain" not in text.split("## 2. ")[1]


def test_each_point_gives_both_sides_words_as_two_list_items_the_same_side_first(m):
    text = versus.dump(m, WAYS)
    point = text.split("### 1.2 ")[1].split("\n### ")[0]
    items = [line for line in point.splitlines() if line.startswith("- ")]
    assert items == ["- **Alice Example** accepts it (their own claim):",
                     "- **Bob Example** rejects it (claims they hold attack it):"]
    assert "  > “long-horizon agents do not need long-horizon training”" in point
    assert "  `demo.no-long-training`, in “A demo essay”" in point
    assert "  No quote in the map." in point
    first = text.split("### 1.1 ")[1].split("\n### ")[0]
    assert "- **Bob Example** rejects it (their reasons rely on it):" in first


@pytest.mark.parametrize("reader", ["commonmark", "pandoc"])
def test_every_quote_is_one_block_quote(m, reader):
    text = versus.dump(m, WAYS)
    page = MarkdownIt("commonmark").render(text) if reader == "commonmark" else peers.pandoc_html(text)
    assert page.count("<blockquote>") == text.count("> “") == 2  # Alice in 1.1 and 1.2; Bob has none


def test_each_point_says_how_it_bears_on_the_thesis_and_what_would_move_each(m):
    text = versus.dump(m, WAYS)
    first = text.split("### 1.1 ")[1].split("\n### ")[0]
    assert ("**Double crux** (one declares it, the other's claims attack it), consequence 0.90. "
            "How it bears on the thesis: it attacks *Per-step errors compound, so long tasks fail.* "
            "(Yann LeCun), which supports the thesis.") in first
    assert ("To move Alice Example, it would have to fail, as Bob Example holds. "
            "To move Bob Example, it would have to hold, as Alice Example holds.") in first
    assert "*Either way it is settled, they converge.*" in first
    second = text.split("### 1.2 ")[1].split("\n### ")[0]
    assert "**Not a double crux** (opposite stances), consequence 0.20. How it bears on the thesis: " \
        "it attacks the thesis." in second
    last = text.split("### 2.1 ")[1]
    assert "consequence 0.60. No chain of links leads from it to the thesis." in last
    assert "To move" not in last  # settling it would move neither of them toward the other


def test_the_thesis_line_gives_each_side_how_it_is_known_and_the_standing(m):
    text = versus.dump(m, WAYS)
    assert ("`thesis.long-horizon`: Alice Example rejects it (from the map), standing 0.30; "
            "Bob Example accepts it (our reading), standing 0.70.") in text
    assert "`thesis.other`: Alice Example takes no side on it; Bob Example takes no side on it." in text


def test_authors_who_never_part_ways_get_a_sentence_not_an_empty_page(m):
    text = versus.dump(m, {"authors": ["alice", "lecun"], "points": []})
    assert "_They part ways nowhere in this map" in text


@pytest.mark.browser
def test_on_the_page_both_sides_stand_side_by_side(m):
    page_html = versus.dump_html(m, WAYS)
    assert "<script" not in page_html
    with peers.browser() as b:
        tab = b.new_page(viewport={"width": 1000, "height": 1400})  # type: ignore[attr-defined]
        tab.set_content(page_html)
        boxes = tab.evaluate("""() => [...document.querySelectorAll('h3 + p + ul')].map(ul =>
            [...ul.children].map(li => { const r = li.getBoundingClientRect(); return [r.left, r.top]; }))""")
    assert len(boxes) == 3 and all(len(pair) == 2 for pair in boxes)
    for (left_a, top_a), (left_b, top_b) in boxes:
        assert top_a == top_b and left_b > left_a + 200


# --- the five-source map: what `api.between` finds ------------------------------------------------

@pytest.fixture(scope="module")
def five() -> ArgMap:
    return load_map(SOURCES)


def test_the_brief_renders_the_between_document_and_thesis_limits_it(five):
    ways = api.between(five, "Andrej Karpathy", "aschenbrenner").as_dict(five)
    text = api.export(five, "md", between=("Andrej Karpathy", "aschenbrenner"))
    assert text == versus.dump(five, ways)
    assert len(headings(text, "###")) == len(ways["points"]) >= 20
    for p in ways["points"]:  # each point quotes each author's own words, verbatim
        for author, quote in p["quotes"].items():
            if quote is not None:
                assert five.claim(quote["claim"]).author == author
                assert quote["text"] == five.claim(quote["claim"]).quote
                assert f"`{quote['claim']}`, in “" in text
    only = api.export(five, "md", between=("karpathy", "aschenbrenner"), thesis="thesis.ie-soon")
    assert len(headings(only, "##")) == 1 and "`thesis.ie-soon`:" in only


def test_each_point_says_whose_claim_it_is_and_what_a_side_s_own_claim_says_and_in_whose_reading(five):
    # a new user quoted Karpathy's AGI definition as his rebuttal: the brief showed the words of
    # his claim but not the claim, nor that the link to the point is the annotator's reading
    ways = api.between(five, "karpathy", "aschenbrenner").as_dict(five)
    text = api.export(five, "md", between=("karpathy", "aschenbrenner"))
    for p in ways["points"]:
        assert f"A claim by {five.author(five.claim(p['claim']).author).name} · `{p['claim']}`" in text
    point = text.split("`aschenbrenner.automate-cognitive-jobs`\n", 1)[1].split("\n### ", 1)[0]
    link = next(r for r in five.relations_from("karpathy-podcast.agi-definition")
                if r.target == "aschenbrenner.automate-cognitive-jobs")
    assert f"  Their claim: *{five.claim('karpathy-podcast.agi-definition').gist}*\\" in point
    assert f"  It attacks the point (our reading): {link.rationale}" in point and link.provenance == "inferred"


def test_a_thesis_both_take_one_side_on_says_why_its_points_are_under_it(five):
    # both accept algorithmic headroom, yet a point sat under it as if they split on it
    ways = api.between(five, "karpathy", "aschenbrenner").as_dict(five)
    text = api.export(five, "md", between=("karpathy", "aschenbrenner"))
    sections = {s.split("`", 2)[1]: s for s in re.split(r"^## \d+\. .*$", text, flags=re.M)[1:]}
    split = {s["thesis"]: s["opposite"] for s in ways["sides"]}
    assert sorted(split[t] for t in sections) == [False] + [True] * (len(sections) - 1)
    for thesis, body in sections.items():
        assert ("_They do not take opposite sides on this thesis" in body) == (not split[thesis])


def test_a_view_quoted_in_the_words_of_someone_reporting_it_says_so(five):
    text = api.export(five, "md", between=("karpathy", "sutton"))
    assert "**Richard Sutton** accepts it (their own claim):" in text
    line = next(ln for ln in text.splitlines() if "`karpathy-podcast.sutton-build-animals`, in “" in ln)
    assert line.endswith("”, words of Andrej Karpathy reporting the view")


def test_cli_between_writes_the_versus_brief_of_the_api(five, capsys, tmp_path):
    code = main(["export", "--sources", str(SOURCES), "--between", "karpathy", "aschenbrenner",
                 "--format", "md"])
    assert code == 0
    out = capsys.readouterr().out
    assert out == api.export(five, "md", between=("karpathy", "aschenbrenner"))
    assert out.startswith("# Andrej Karpathy vs Leopold Aschenbrenner\n")
    page = api.export(five, "brief-html", between=("karpathy", "aschenbrenner"))
    assert page.count("<blockquote>") == out.count("> “") > 0


@pytest.mark.browser
def test_the_versus_brief_prints(five, tmp_path):
    peers.need_chromium()
    target = tmp_path / "versus.pdf"
    assert main(["export", "--sources", str(SOURCES), "--between", "karpathy", "aschenbrenner",
                 "--thesis", "thesis.ie-soon", "--format", "pdf", "-o", str(target)]) == 0
    pages = peers.pdf_pages(target)
    assert "Andrej Karpathy vs Leopold Aschenbrenner" in pages[0]
    assert all(re.search(rf"^\s*{n}\s*/\s*{len(pages)}\s*$", p, re.M) for n, p in enumerate(pages, 1))
