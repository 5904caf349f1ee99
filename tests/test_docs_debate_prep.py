"""The debate-prep guide quotes the map as it is.

docs/debate-prep.md says its excerpts are real output. Each count it states and each excerpt it
shows is recomputed here through ``argmap.api`` on the five-source map, so a change to the map
or to a format that makes the guide wrong fails here rather than going stale silently. The
numbers are found by the words around them, so rewording the prose elsewhere does not matter;
if a sentence a check relies on is rewritten, the check says which one to update. Page counts
need Chromium and are left out: tests/test_brief.py bounds the brief's pages.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pytest

from argmap import api
from argmap.analyze import MapAnalysis
from argmap.model import ArgMap
from tests.conftest import REPO, SOURCES

GUIDE = REPO / "docs" / "debate-prep.md"
THESIS = "thesis.ie-soon"  # the thesis the guide's briefs are cut around
PAIR = ("karpathy", "aschenbrenner")  # its versus brief


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def five() -> ArgMap:
    return api.load_map(SOURCES)


@pytest.fixture(scope="module")
def analysis(five) -> MapAnalysis:
    return api.analyze(five, thesis=THESIS)  # what `argmap export --thesis` computes


@pytest.fixture(scope="module")
def thesis_brief(five, analysis) -> str:
    return str(api.export(five, "md", thesis=THESIS, analysis=analysis))


def stated(guide: str, pattern: str) -> tuple[int, ...]:
    """The numbers the guide gives in the sentence ``pattern`` matches (its groups)."""
    found = re.search(pattern, guide)
    assert found, f"docs/debate-prep.md no longer says /{pattern}/: point this test at what it says now"
    return tuple(int(n) for n in found.groups())


def code_blocks(guide: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", guide, re.M | re.S)


def section(text: str, heading: str) -> str:
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start: end if end > 0 else None].rstrip("\n")


def assert_excerpt(excerpt: str, output: str, what: str) -> None:
    """Each run of lines between "…" elisions is printed, as it stands, by the command."""
    for run in re.split(r"^…\n", excerpt, flags=re.M):
        assert run in output, f"the guide's excerpt of {what} is not what it prints now:\n{run}"


def test_the_claims_on_both_sides_are_the_ones_the_guide_counts(guide, five):
    pro, con = ({c.id for c in api.select(five, thesis=THESIS, side=s).claims} for s in ("pro", "con"))
    assert stated(guide, r"is in both sides \((\d+) of `thesis\.ie-soon`'s claims\)") == (len(pro & con),)


def test_the_thesis_brief_counts_are_the_selections(guide, five, thesis_brief):
    tree = api.select(five, thesis=THESIS)
    claims, authors, relations = len(tree.claims), len({c.author for c in tree.claims}), len(tree.relations)
    assert stated(guide, r"selects (\d+) claims by (\d+) authors and (\d+)\s+relations") == (
        claims, authors, relations)
    assert stated(guide, r"every one of the (\d+)\s+relations") == (relations,)
    assert stated(guide, r"Its brief is (\d+) lines of Markdown") == (len(thesis_brief.splitlines()),)


def test_who_stands_where_is_the_whole_section_the_brief_prints(guide, thesis_brief):
    (excerpt,) = [b for b in code_blocks(guide, "markdown") if b.startswith("## Who stands where\n")]
    assert excerpt.rstrip("\n") == section(thesis_brief, "Who stands where")


def test_the_crux_brief_is_of_the_crux_of_that_rank_in_the_theses_ranking(guide, five, analysis):
    (number,) = stated(guide, r"(?m)^# Crux (\d+): ")
    crux = api.crux(five, number, thesis=THESIS, analysis=analysis)
    assert f"\n# Crux {number}: {five.claim(crux.claim).gist}\n" in guide
    assert f"rank {number} of its cruxes, score {crux.score:.3f}," in guide
    brief = str(api.export(five, "md", thesis=THESIS, crux=number, analysis=analysis))
    assert stated(guide, r"as in a thesis brief \((\d+) lines here\)") == (len(brief.splitlines()),)


def test_every_markdown_excerpt_is_what_its_command_prints(guide, five, analysis, thesis_brief):
    printed: dict[str, Callable[[str], str]] = {
        "## ": lambda _: thesis_brief,
        "# Crux ": lambda block: str(api.export(five, "md", thesis=THESIS,
                                                crux=int(re.match(r"# Crux (\d+)", block)[1]),
                                                analysis=analysis)),
        "### ": lambda _: str(api.export(five, "md", between=PAIR)),
    }
    blocks = code_blocks(guide, "markdown")
    assert len(blocks) >= 4
    for block in blocks:
        start = next((s for s in sorted(printed, key=len, reverse=True) if block.startswith(s)), None)
        assert start, f"which command prints this excerpt? Teach the test:\n{block[:200]}"
        assert_excerpt(block, printed[start](block), block.splitlines()[0])


def test_the_versus_brief_has_the_points_and_theses_the_guide_counts(guide, five):
    points = api.between(five, *PAIR).points
    theses = {p.thesis for p in points if p.thesis}
    assert stated(guide, r"For Karpathy and Aschenbrenner: (\d+) points on (\d+)\s+theses") == (
        len(points), len(theses))


def test_the_argdown_excerpt_and_counts_are_the_export(guide, five):
    (excerpt,) = code_blocks(guide, "argdown")
    output = str(api.export(five, "argdown", claim="bayeslord.error-correction", depth=1))
    for line in filter(None, excerpt.splitlines()):
        if line.endswith(", …}"):  # a statement's {data} cut short
            assert any(o.startswith(line[: -len(" …}")]) for o in output.splitlines()), line
        else:
            assert f"\n{line}\n" in output, f"the guide's Argdown line is not what it prints now:\n{line}"
    # what `argdown json` reads in the whole map: one statement per claim and thesis, our relations
    assert stated(guide, r"same (\d+) statements and (\d+) relations") == (
        len(five.claims) + len(five.theses), len(five.relations))


def test_the_one_sided_graphml_has_the_nodes_the_guide_counts(guide, five):
    graphml = ET.fromstring(str(api.export(five, "graphml", thesis=THESIS, side="con")))
    nodes = graphml.findall(".//{http://graphml.graphdrawing.org/xmlns}node")
    assert stated(guide, r"--side con --format graphml\b.*# (\d+) nodes") == (len(nodes),)


def test_the_aif_nodes_the_guide_shows_are_the_exports(guide, five):
    doc = json.loads(str(api.export(five, "aif", author="Andrej Karpathy")))
    nodes = {n["nodeID"]: n for n in doc["nodes"]}
    (excerpt,) = [b for b in code_blocks(guide, "json") if '"nodeID"' in b]
    shown = [e for e in re.split(r"\n(?=[{\"])", excerpt) if e.startswith('{"nodeID"')]
    assert len(shown) >= 3
    ids = {re.search(r'"type": "(\w+)"', e)[1]: re.match(r'\{"nodeID": "(\d+)"', e)[1] for e in shown}
    edges = {(e["fromID"], e["toID"]) for e in doc["edges"]}
    assert {(ids["L"], ids["YA"]), (ids["YA"], ids["I"])} <= edges  # the quote asserts the claim shown
    for entry in shown:  # a node over one or two lines, its text maybe cut short with " ..."
        node = nodes[re.match(r'\{"nodeID": "(\d+)"', entry)[1]]
        assert node["type"] == re.search(r'"type": "(\w+)"', entry)[1], entry
        text = re.search(r'"text": "(.*?)(?: \.\.\.)?"', entry)[1]
        assert node["text"].startswith(text), entry
        for key, value in re.findall(r'"(id|source|start|end)": "?([\w.-]+)"?', entry):
            assert str(node["argmap"][key]) == value, (entry, key)
    locutions = {loc["nodeID"]: loc for loc in doc["locutions"]}
    for node_id, person in re.findall(r'"locutions": \[\{"nodeID": "(\d+)", "personID": (\d+)', excerpt):
        assert locutions[node_id]["personID"] == int(person)


@pytest.mark.peer
def test_arguebuf_reads_the_aif_and_ova_counts_the_guide_gives(guide, five, tmp_path):
    import arguebuf

    def read(fmt: str, **selection: str) -> Any:
        path = tmp_path / f"{fmt}-{len(selection)}.json"
        path.write_text(str(api.export(five, fmt, **selection)), encoding="utf-8")
        return arguebuf.load.file(path)

    aif = read("aif", author="Andrej Karpathy")  # arguebuf skips its dialogue layer (L- and YA-nodes)
    assert stated(guide, r'load\.file\("karpathy\.json"\)` reads (\d+) atom nodes and (\d+) scheme nodes') == (
        len(aif.atom_nodes), len(aif.scheme_nodes))

    def ova_counts(g: Any) -> tuple[int, ...]:
        quoted = sum(a.reference is not None for a in g.atom_nodes.values())
        return len(g.participants), len(g.atom_nodes), quoted, len(g.scheme_nodes), len(g.edges)

    one, everything = read("ova", author="Andrej Karpathy"), read("ova")
    participants, atoms, quoted, schemes, edges = ova_counts(one)
    assert stated(guide, r"each of Karpathy's (\d+) quotes") == (quoted,)
    assert stated(guide, r'load\.file\("karpathy-ova\.json"\)` reads (\d+) participants?, (\d+) atom nodes, '
                         r'(\d+) of\s+them with their quote[\s\S]*?(\d+)\s+scheme nodes and (\d+) edges') == (
        participants, atoms, quoted, schemes, edges)
    participants, atoms, quoted, schemes, edges = ova_counts(everything)
    assert stated(guide, r"for the whole map, (\d+) participants, (\d+) of (\d+)\s+atoms with references, "
                         r"(\d+) scheme nodes, (\d+) edges") == (participants, quoted, atoms, schemes, edges)
