"""The versus brief: where two authors part ways, per thesis, both sides' words side by side.

The renderer is tested on a hand-made "parting ways" document (the shape `argmap cruxes --between
A B --format json` will have, issue #15); the five-source map checks today's feed of it.
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


def words(author: str, stance: str | None, claim: str | None, quote: str | None, **more) -> dict:
    return {"author": author, "stance": stance, "basis": more.pop("basis", "stated"), "claim": claim,
            "quote": quote, **more}


ALICE_FIXES = words("alice", "accept", "demo.error-correction", "error correction enables long horizons")
BOB_DOUBTS = words("bob", "reject", None, None, basis="inferred", note="Bob <b>never</b> says it outright.")
WAYS = {"authors": ["alice", "bob"], "points": [
    {"claim": "demo.no-long-training", "thesis": LONG, "kind": "opposite stances", "score": 0.2,
     "double_crux": False, "explanation": "Settling it would not move Bob: his other reasons stand.",
     "quotes": [words("alice", "accept", "demo.no-long-training",
                      "long-horizon agents do not need long-horizon training"), BOB_DOUBTS],
     "standings": {"alice": 0.3, "bob": 0.7}},
    {"claim": "demo.error-correction", "thesis": OTHER, "kind": "opposite stances", "score": 0.9,
     "double_crux": True, "explanation": "Either way it is settled, they converge.",
     "quotes": [ALICE_FIXES, BOB_DOUBTS], "moves": {"alice": 0.25, "bob": 0.9}},
    {"claim": "demo.error-correction", "thesis": LONG, "kind": "opposite stances", "score": 0.6,
     "double_crux": True, "explanation": "Either way it is settled, they converge.",
     "quotes": [ALICE_FIXES, BOB_DOUBTS], "moves": {"alice": 0.4, "bob": 0.6}},
]}


def headings(text: str, level: str) -> list[str]:
    return re.findall(rf"^{level} (.*)$", text, re.M)


def test_theses_come_by_their_most_consequential_point_and_points_by_score(m):
    text = versus.dump(m, WAYS)
    assert text.startswith("# Alice Example vs Bob Example\n")
    assert headings(text, "##") == ["1. Agents get reliable by 2030.",
                                    "2. Long-horizon agents need long-horizon training."]
    assert headings(text, "###") == ["1.1 Error correction lets agents run long horizons.",
                                     "2.1 Error correction lets agents run long horizons.",
                                     "2.2 Long-horizon agents need no long-horizon training."]


def test_each_point_gives_both_sides_words_as_two_list_items_the_same_side_first(m):
    text = versus.dump(m, WAYS)
    point = text.split("### 2.2 ")[1].split("\n### ")[0]
    items = [line for line in point.splitlines() if line.startswith("- ")]
    assert items == ["- **Alice Example** accepts it (stated):", "- **Bob Example** rejects it (our reading):"]
    assert "  > “long-horizon agents do not need long-horizon training”" in point
    assert "  `demo.no-long-training`, in “A demo essay”" in point
    assert "No quote; the annotator's note: Bob \\<b\\>never\\</b\\> says it outright." in point
    # the same claim on a second thesis refers to the words above instead of repeating them
    assert "Their words: as in 1.1." in text.split("### 2.1 ")[1].split("\n### ")[0]


@pytest.mark.parametrize("reader", ["commonmark", "pandoc"])
def test_every_quote_is_one_block_quote(m, reader):
    text = versus.dump(m, WAYS)
    page = MarkdownIt("commonmark").render(text) if reader == "commonmark" else peers.pandoc_html(text)
    assert page.count("<blockquote>") == text.count("> “") == 2  # 1.1's Alice, 2.2's Alice; Bob has none


def test_each_point_says_how_it_bears_on_the_thesis_and_what_would_move_each(m):
    text = versus.dump(m, WAYS)
    first = text.split("### 1.1 ")[1].split("\n### ")[0]
    assert "**Double crux** (opposite stances), score 0.90. How it bears on the thesis: it supports the thesis." \
        in first
    assert ("To move Alice Example, it would have to fail, as Bob Example says: that closes 25% of their gap. "
            "To move Bob Example, it would have to hold, as Alice Example says: that closes 90% of their gap."
            ) in first
    second = text.split("### 2.1 ")[1].split("\n### ")[0]
    assert ("How it bears on the thesis: it attacks *Per-step errors compound, so long tasks fail.* "
            "(Yann LeCun), which supports the thesis.") in second
    last = text.split("### 2.2 ")[1]
    assert "**Not a double crux** (opposite stances), score 0.20." in last
    assert "To move Alice Example, it would have to fail, as Bob Example says." in last  # no share given
    assert "*Settling it would not move Bob: his other reasons stand.*" in last


def test_the_thesis_line_gives_declared_stances_and_standings(m):
    text = versus.dump(m, WAYS)
    assert ("`thesis.long-horizon`: Alice Example takes no stance on it, standing 0.30; "
            "Bob Example accepts it (our reading), standing 0.70.") in text


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
        boxes = tab.evaluate("""() => [...document.querySelectorAll('h3 + ul')].map(ul =>
            [...ul.children].map(li => { const r = li.getBoundingClientRect(); return [r.left, r.top]; }))""")
    assert len(boxes) == 2 and all(len(pair) == 2 for pair in boxes)
    for (left_a, top_a), (left_b, top_b) in boxes:
        assert top_a == top_b and left_b > left_a + 200


# --- today's feed: the crux analysis's pair reports ------------------------------------------------

@pytest.fixture(scope="module")
def five() -> ArgMap:
    return load_map(SOURCES)


def test_parting_ways_has_the_documented_shape_best_first(five):
    ways = api.parting_ways(five, "Andrej Karpathy", "aschenbrenner")
    assert ways["authors"] == ["karpathy", "aschenbrenner"]
    points = ways["points"]
    assert points and [p["score"] for p in points] == sorted((p["score"] for p in points), reverse=True)
    for p in points:
        assert {"claim", "thesis", "kind", "score", "quotes", "explanation", "double_crux"} <= set(p)
        stances = {q["author"]: q["stance"] for q in p["quotes"]}
        assert set(stances.values()) == {"accept", "reject"} and set(stances) == {"karpathy", "aschenbrenner"}
        for q in p["quotes"]:
            if q["quote"] is not None:
                assert q["quote"] == five.claim(q["claim"]).quote
    assert any(p["double_crux"] for p in points)
    only = api.parting_ways(five, "karpathy", "aschenbrenner", thesis="thesis.ie-soon")["points"]
    assert only and {p["thesis"] for p in only} == {"thesis.ie-soon"}


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
