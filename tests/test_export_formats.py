"""Every export format round-trips or is read back by its peer tool with the same argument graph.

Peers: the real ``@argdown/cli@1.7.5`` and ``@argdown/node@2.0.3`` (installed into .peers/ by
scripts/setup-test-peers; missing, their tests skip) for Argdown, ``arguebuf==2.7.2`` for AIF and OVA,
rdflib + pyshacl for RDF, networkx for GraphML. The brief has its own tests (tests/test_brief.py).
"""

from __future__ import annotations

import dataclasses
import html
import io
import json
import os
import re
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.compare import isomorphic

from argmap import api, build
from argmap.cli import main
from argmap.export import aif, aifdb, argdown, graphml, highlight, ova, xaif
from argmap.export import rdfsyntax as rdf_format
from argmap.model import PROVENANCE_WORDS, ArgMap, Claim
from argmap.rdf.triples import to_graph
from argmap.sources.loader import load_map
from tests import microtexts, peers
from tests.conftest import REPO, SHARED, SOURCES, TINY_CLAIMS, TINY_TEXT, write_map

SHAPES = REPO / "src" / "argmap" / "rdf" / "shapes" / "argmap.ttl"
AIF_CORPUS = SHARED / "corpora" / "microtexts-en-aif"
XML_CORPUS = SHARED / "corpora" / "microtexts-en"
CLAIM = "aschenbrenner.ai-research-is-straightforward"
THESIS = "thesis.continual-learning-gap"


@pytest.fixture(scope="module")
def five() -> ArgMap:
    return load_map(SOURCES)


@pytest.fixture(scope="module")
def selections(five: ArgMap) -> dict[str, ArgMap]:
    """Selections of the five-source map that exercise every kind of cut."""
    return {
        "thesis tree": api.select(five, thesis=THESIS),
        "claim 2 hops": api.select(five, claim=CLAIM),
        "one author": api.select(five, author="Andrej Karpathy"),
        "con side": api.select(five, thesis="thesis.ie-soon", depth=2, side="con"),
    }


def relation_triples(m: ArgMap) -> set[tuple[str, str, str]]:
    return {(r.source, r.type, r.target) for r in m.relations}


# --- RDF ---------------------------------------------------------------------------------------

# The W3C Web Annotation context (https://www.w3.org/ns/anno.jsonld), the terms argmap's JSON-LD
# uses, as that document defines them: tests read our JSON-LD offline with it in place of the URL.
ANNO_CONTEXT = {
    "oa": "http://www.w3.org/ns/oa#", "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": "http://schema.org/",
    "id": {"@type": "@id", "@id": "@id"}, "type": {"@type": "@id", "@id": "@type"},
    "Annotation": "oa:Annotation", "SpecificResource": "oa:SpecificResource",
    "TextQuoteSelector": "oa:TextQuoteSelector", "TextPositionSelector": "oa:TextPositionSelector",
    "identifying": "oa:identifying",
    "body": {"@type": "@id", "@id": "oa:hasBody"}, "target": {"@type": "@id", "@id": "oa:hasTarget"},
    "source": {"@type": "@id", "@id": "oa:hasSource"}, "selector": {"@type": "@id", "@id": "oa:hasSelector"},
    "motivation": {"@type": "@vocab", "@id": "oa:motivatedBy"},
    "start": "oa:start", "end": "oa:end", "exact": "oa:exact", "prefix": "oa:prefix", "suffix": "oa:suffix",
}


def parse_rdf(text: str, syntax: str) -> rdflib.Graph:
    if syntax != "jsonld":
        return rdflib.Graph().parse(data=text, format=syntax)
    doc = json.loads(text)
    assert doc["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    doc["@context"][0] = ANNO_CONTEXT  # offline: the context by value, as a JSON-LD processor loads it
    return rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")


@pytest.mark.parametrize("syntax", ["turtle", "nt", "jsonld"])
def test_rdf_exports_reparse_to_the_same_graph(selections, syntax):
    for sub in selections.values():
        assert isomorphic(parse_rdf(rdf_format.dump(sub, syntax), syntax), to_graph(sub))


def test_jsonld_annotations_are_in_the_web_annotation_layout_tools_read(five):
    doc = json.loads(rdf_format.dump_jsonld(five))
    annotations = [n for n in doc["@graph"] if n.get("type") == "Annotation"]
    assert len(annotations) == len(five.claims)
    text = {str(rdf_format.node_iri("source", s.id)): s.text for s in five.sources}
    for a in annotations:  # what an annotation tool does: find the target text by its selectors
        assert a["motivation"] == "identifying" and a["body"].startswith("https://w3id.org/argmap/id/claim/")
        selectors = {s["type"]: s for s in a["target"]["selector"]}
        quote, place = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
        source = text[a["target"]["source"]]
        assert isinstance(place["start"], int) and isinstance(place["end"], int)
        assert source[place["start"]:place["end"]] == quote["exact"]
        assert source[:place["start"]].endswith(quote["prefix"])
        assert source[place["end"]:].startswith(quote["suffix"])


@pytest.mark.parametrize("syntax", ["turtle", "nt"])
def test_rdf_exports_keep_line_separators_and_quotes_inside_literals(five, syntax):
    claim = dataclasses.replace(five.claims[0], gist='a\u2028b\x85c "d"\\e\nf\r"')
    m = dataclasses.replace(five, claims=(claim, *five.claims[1:]))
    text = rdf_format.dump(m, syntax)
    assert isomorphic(rdflib.Graph().parse(data=text, format=syntax), to_graph(m))


def test_trig_puts_the_map_in_one_named_graph(selections):
    sub = selections["claim 2 hops"]
    ds = rdflib.Dataset()
    ds.parse(data=rdf_format.dump_trig(sub, name=CLAIM), format="trig")
    named = ds.graph(rdflib.URIRef(rdf_format.graph_iri(CLAIM)))
    assert len(named) > 0
    assert isomorphic(named, to_graph(sub))


def test_trig_holds_the_turtle_triples_on_both_engines_whatever_the_text(tiny_sources):
    # TriG is the Turtle writer's blocks in one named graph (rdflib's serializer was quadratic:
    # 41 s for a 3000-claim chain)
    import pyoxigraph as ox

    m = load_map(tiny_sources)
    text = 'end """ \\ "q" \n+ [x]: } { <http://e.org/s> . \u2028 \x85'
    m = dataclasses.replace(m, claims=(dataclasses.replace(m.claims[0], gist=text), *m.claims[1:]))
    trig, graph = rdf_format.dump_trig(m, name="my map"), rdf_format.graph_iri("my map")
    store = ox.Store()
    store.load(trig.encode("utf-8"), format=ox.RdfFormat.TRIG)
    ours = {(q.subject.value, q.predicate.value, q.object.value) for q in store}
    assert {q.graph_name.value for q in store} == {graph}
    ds = rdflib.Dataset()
    ds.parse(data=trig, format="trig")
    assert isomorphic(ds.graph(rdflib.URIRef(graph)), to_graph(m))
    assert ours == {(str(s), str(p), str(o)) for s, p, o in to_graph(m)}


def test_every_selection_is_valid_against_the_shacl_shapes(selections):
    from pyshacl import validate

    shapes = rdflib.Graph().parse(SHAPES)
    for what, sub in selections.items():
        conforms, _, report = validate(to_graph(sub), shacl_graph=shapes)
        assert conforms, f"{what}: {report}"


def test_exports_are_byte_identical_whatever_the_hash_seed(tmp_path):
    script = (
        "import sys\nfrom argmap import api\n"
        f"m = api.load_map({str(SOURCES)!r})\n"
        "for fmt in sorted(set(api.export_formats()) - api.binary_formats()):\n"
        "    if fmt != 'html':\n"
        f"        sys.stdout.write(api.export(m, fmt, claim={CLAIM!r}, depth=1))\n"
    )
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outs.append(subprocess.run([sys.executable, "-c", script], env=env, check=True,
                                   capture_output=True, text=True).stdout)
    assert outs[0] == outs[1]
    assert len(outs[0]) > 10_000


# --- Argdown (the real @argdown/cli 1.7.5 and @argdown/node 2.0.3) -----------------------------------

def argdown_json(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "map.argdown"
    path.write_text(text, encoding="utf-8")
    run = peers.argdown_cli("json", "--stdout", "--silent", str(path))
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def statement_text(member: dict) -> str:
    """A statement's text as Argdown read it, without the tags it appends."""
    text = member["text"]
    for r in sorted((r for r in member.get("ranges", []) if r["type"] == "tag"),
                    key=lambda r: -r["start"]):
        text = text[: r["start"]] + text[r["stop"] + 1:]
    return " ".join(text.split())


def expected_tags(m: ArgMap, node_id: str) -> set[str]:
    """The author (claims) or "thesis", each declared stance, then the topic tags."""
    node = m.claim(node_id) if m.has(node_id) and not node_id.startswith("thesis.") else m.thesis(node_id)
    first = ["thesis"] if node_id.startswith("thesis.") else [m.author(node.author).short_name]
    stances = [f"{'accepted' if p.stance == 'accept' else 'rejected'} by {m.author(p.author).short_name}"
               + ("" if p.basis == "stated" else ", our reading") for p in m.positions if p.target == node_id]
    return {argdown.tag(t)[1:].strip("()") for t in [*first, *stances, *node.tags]} - {""}


def check_argdown(tmp_path: Path, m: ArgMap) -> dict:
    """Argdown reads every statement, its text, data and tags, and exactly our relations."""
    doc = argdown_json(tmp_path, argdown.dump(m))
    titles = argdown.titles(m)
    by_title = {t: i for i, t in titles.items()}
    statements = doc["statements"]
    assert set(statements) == set(titles.values())
    theirs = {(by_title[r["from"]], r["relationType"], by_title[r["to"]]) for r in doc["relations"]}
    assert theirs == relation_triples(m)
    for node in [*m.claims, *m.theses]:
        ec = statements[titles[node.id]]
        member = next(x for x in ec["members"] if not x.get("isReference") and "text" in x)
        said = argdown.text(m, node) if node in m.claims else node.text
        assert statement_text(member) == " ".join(said.split())
        assert ec["data"]["id"] == node.id
        assert set(ec.get("tags", [])) == expected_tags(m, node.id)
    for claim in m.claims:
        data = statements[titles[claim.id]]["data"]
        assert (data["quote"], data["start"], data["end"], data["gist"]) == (
            claim.quote, claim.anchor.start, claim.anchor.end, claim.gist)
        assert data["author"] == m.author(claim.author).name
    return doc


def test_argdown_titles_come_from_the_gist_and_each_link_keeps_its_rationale(selections):
    sub = selections["thesis tree"]
    text, titles = argdown.dump(sub), argdown.titles(sub)
    assert titles["karpathy-podcast.models-are-savant-kids"] == (
        "Despite passing PhD-level quizzes, models cognitively feel like …")
    assert titles["lambert.continual-training-solvable"].startswith(
        sub.claim("lambert.continual-training-solvable").gist[:20])  # not "lambert: continual training …"
    assert all(len(t) <= argdown.TITLE_LENGTH + 2 for t in titles.values())
    for r in sub.relations:
        sign, how = "+" if r.type == "support" else "-", PROVENANCE_WORDS[r.provenance]
        line = f"  {sign} [{titles[r.source]}] // {how}: "
        assert f"\n[{titles[r.target]}]: " in text
        assert line + " ".join(r.rationale.split()) in text


@pytest.mark.peer
def test_argdown_cli_reads_a_thesis_tree_with_our_relations(tmp_path, selections):
    check_argdown(tmp_path, selections["thesis tree"])


@pytest.mark.peer
def test_argdown_cli_reads_the_whole_map_with_our_relations(tmp_path, five):
    check_argdown(tmp_path, five)


@pytest.mark.peer
def test_argdown_markup_in_text_and_tags_is_escaped(tmp_path, tiny_sources):
    m = load_map(tiny_sources)
    nasty = ["- e.g. U.S. [x] <y> #z {a} } b // c /* d */ https://x.y/z :smile: 3.5.1 a:b:c",
             "*bold* __b__ _it_ @[m] \\ back <!-- x --> [l](http://u) +> <- .x. end.\u2028line\u2029para",
             "Plain text, with (brackets); and – dashes — “quotes”, ==== not front matter ===."]
    claims = tuple(dataclasses.replace(c, gist=g, anchor=dataclasses.replace(c.anchor, exact=g[::-1]),
                                       tags=(*c.tags, "two words", "odd)(tag"))
                   for c, g in zip(m.claims, nasty, strict=True))
    # "[z]: " after the reference made Argdown read "[title] // … [z]:" as a new statement's title
    relations = tuple(dataclasses.replace(r, rationale=f"{r.rationale} // */ <!-- -- [x] \n+ [y] [z]: <w>: v")
                      for r in m.relations)
    check_argdown(tmp_path, dataclasses.replace(m, claims=claims, relations=relations))


def test_argdown_escapes_a_quote_of_two_million_dots_in_one_pass():
    # each "." and ":" was matched against a copy of the rest of the text (8.6 s for 400 KB,
    # minutes per megabyte of a source that quotes itself whole). The alarm is a hang check.
    import signal

    def hang(*_: object) -> None:
        raise TimeoutError("escaping did not finish in 20 s")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(20)
    try:
        dots, colons = argdown.escape("." * 2_000_000), argdown.escape(":" * 2_000_000)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert dots == "\\." * 1_999_998 + ".."  # every dot that opens a ".name." shortcode
    assert colons == "\\:" * 1_999_998 + "::"
    assert argdown.escape("a .x. b :smile: 3.5.1") == "a \\.x. b \\:smile: 3\\.5.1"


@pytest.mark.peer
def test_argdown_2_reads_the_same_statements_and_relations_as_argdown_1_7_5(tmp_path, five):
    path = tmp_path / "map.argdown"
    path.write_text(argdown.dump(five), encoding="utf-8")
    old = argdown_json(tmp_path, path.read_text(encoding="utf-8"))
    new = peers.argdown2(path)
    assert new["errors"] == []
    assert len(new["json"]["statements"]) == len(old["statements"]) == len(five.claims) + len(five.theses)
    assert len(new["json"]["relations"]) == len(old["relations"]) == len(five.relations)
    triples = lambda doc: {(r["from"], r["relationType"], r["to"]) for r in doc["relations"]}  # noqa: E731
    assert triples(new["json"]) == triples(old)


class StatementTexts(HTMLParser):
    """Title → the visible text of its defining statement in Argdown's HTML view."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}
        self._title: list[str] | None = None
        self._content: list[str] | None = None
        self._depth = 0
        self._last = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self._content is not None:
            self._depth += 1
        elif "statement-title" in classes and "definition" in self._last:
            self._title = []
        elif "statement-content" in classes and self._last_title is not None:
            self._content, self._depth = [], 1
        self._last = " ".join(classes) or self._last

    def handle_endtag(self, tag: str) -> None:
        if self._content is not None:
            self._depth -= 1
            if self._depth == 0:
                self.texts[self._last_title] = " ".join("".join(self._content).split())
                self._content, self._last_title = None, None
        elif self._title is not None:
            self._last_title, self._title = "".join(self._title), None

    def handle_data(self, data: str) -> None:
        for part in (self._content, self._title):
            if part is not None:
                part.append(data)

    _last_title: str | None = None


def html_statement_texts(page: str) -> dict[str, str]:
    parser = StatementTexts()
    parser.feed(page)
    return parser.texts


@pytest.mark.peer
def test_argdown_html_views_show_each_claims_author_and_quote(tmp_path, five):
    path = tmp_path / "map.argdown"
    path.write_text(argdown.dump(five), encoding="utf-8")
    run = peers.argdown_cli("html", str(path), str(tmp_path / "html"))
    assert run.returncode == 0, run.stderr
    views = {"1.7.5": (tmp_path / "html" / "map.html").read_text(encoding="utf-8"),
             "2.x": peers.argdown2(path)["html"]}
    titles = argdown.titles(five)
    for version, page in views.items():
        shown = html_statement_texts(page)
        assert set(shown) == set(titles.values()), version
        for claim in five.claims:
            text = html.unescape(shown[titles[claim.id]])
            assert five.author(claim.author).name in text, (version, claim.id)
            assert " ".join(claim.quote.split()) in text, (version, claim.id)


# --- AIF, xAIF, AIFdb RDF: the argument layer and who said what ------------------------------------

def arguebuf_triples(g: object) -> tuple[set[tuple[str, str, str]], dict[str, str]]:
    from arguebuf.model.scheme import Attack, Support

    triples = set()
    for scheme in g.scheme_nodes.values():  # type: ignore[attr-defined]
        kind = ("support" if isinstance(scheme.scheme, Support)
                else "attack" if isinstance(scheme.scheme, Attack) else "other")
        for premise in g.incoming_atom_nodes(scheme):  # type: ignore[attr-defined]
            for conclusion in g.outgoing_atom_nodes(scheme):  # type: ignore[attr-defined]
                triples.add((premise.id, kind, conclusion.id))
    return triples, {a.id: a.plain_text for a in g.atom_nodes.values()}  # type: ignore[attr-defined]


def our_ids(doc: dict) -> dict[str, str]:
    """AIF nodeID → our claim/thesis id, for the I-nodes of one of our documents."""
    return {n["nodeID"]: n["argmap"]["id"] for n in doc["nodes"] if n["type"] == "I"}


@pytest.mark.peer
@pytest.mark.parametrize("what", ["thesis tree", "one author", "con side"])
def test_arguebuf_reads_our_aif_with_the_same_triples_with_and_without_dialogue_reconstruction(
        tmp_path, selections, what, caplog):
    import arguebuf

    sub = selections[what]
    path = tmp_path / "map.json"
    path.write_text(aif.dump(sub), encoding="utf-8")
    doc = aif.to_dict(sub)
    ours = our_ids(doc)
    expected_texts = {n: sub.text_of(n) for n in ours.values()}
    for graph in (arguebuf.load.file(path), arguebuf.load.aif(doc, reconstruct_dialog=True)):
        triples, texts = arguebuf_triples(graph)
        assert {(ours[p], k, ours[c]) for p, k, c in triples} == relation_triples(sub)
        assert {ours[i]: t for i, t in texts.items()} == expected_texts  # L/YA nodes are no atoms
    caplog.clear()
    arguebuf.load.aif(doc, reconstruct_dialog=True)
    assert "Skipping edge" not in caplog.text  # the dialogue layer is taken apart cleanly


@pytest.mark.peer
def test_arguebuf_reads_our_xaif_with_the_same_triples(selections):
    import arguebuf

    sub = selections["claim 2 hops"]
    doc = json.loads(xaif.dump(sub))
    ours = our_ids(doc["AIF"])
    triples, _ = arguebuf_triples(arguebuf.load.xaif(doc))
    assert {(ours[p], k, ours[c]) for p, k, c in triples} == relation_triples(sub)


# --- OVA: the map over its source text, every quote highlighted -------------------------------------

def ova_ids(doc: dict) -> dict[str, str]:
    """OVA node id → our claim/thesis id, for the I-nodes of one of our OVA documents."""
    return {str(n["id"]): n["argmap"]["id"] for n in doc["nodes"] if n["type"] == "I"}


def speaking_names(m: ArgMap) -> list[str]:
    return sorted(m.author(a).name for c in m.claims for a in {c.author, c.reported_by} if a)


@pytest.mark.peer
@pytest.mark.parametrize("what", ["whole map", "one author", "thesis tree"])
def test_arguebuf_reads_our_ova_with_each_speaker_each_quote_on_its_atom_and_our_triples(
        tmp_path, five, selections, what, caplog):
    import arguebuf

    sub = five if what == "whole map" else selections[what]
    chosen = {"whole map": {}, "one author": {"author": "Andrej Karpathy"}, "thesis tree": {"thesis": THESIS}}
    path = tmp_path / "map.json"
    path.write_text(api.export(five, "ova", **chosen[what]), encoding="utf-8")  # type: ignore[arg-type]
    doc = json.loads(path.read_text(encoding="utf-8"))
    ours = ova_ids(doc)
    with caplog.at_level("WARNING"), warnings.catch_warnings():
        warnings.simplefilter("error")
        g = arguebuf.load.file(path)  # OVA by its "analysis" key
    assert caplog.records == []
    assert sorted(p.name.strip() for p in g.participants.values()) == sorted(set(speaking_names(sub)))
    triples, texts = arguebuf_triples(g)
    assert {(ours[p], k, ours[c]) for p, k, c in triples} == relation_triples(sub)
    assert {ours[i]: t for i, t in texts.items()} == {n: sub.text_of(n) for n in ours.values()}
    (resource,) = g.resources.values()
    quoted = [s for s in sub.sources if any(c.source == s.id for c in sub.claims)]
    for atom in g.atom_nodes.values():
        ref = atom.reference
        if ours[atom.id].startswith("thesis."):
            assert ref is None
            continue
        claim = sub.claim(ours[atom.id])
        assert (ref.text, ref.resource) == (claim.quote, resource)
        assert resource.plain_text[ref.offset:ref.offset + len(ref.text)] == claim.quote
        source = sub.source(claim.source)
        at = resource.plain_text.index(source.text)  # the source's text is in the analysis whole
        assert ref.offset - at == claim.anchor.start
    if len(quoted) == 1:
        assert (resource.title, resource.source) == (quoted[0].title, quoted[0].url or "")
    else:  # one analysis: each quoted source under a line naming it
        assert resource.title == ("argmap" if what == "whole map" else THESIS)  # the export's name
        for source in quoted:
            assert f"{source.title} (" in resource.plain_text


def test_ova_names_the_holder_of_a_reported_view_and_the_reporter_in_argmap(tiny_sources):
    m = load_map(tiny_sources)
    doc = ova.to_dict(m)
    people = {p["id"]: f"{p['firstname']} {p['surname']}" for p in doc["participants"]}
    node = {n["argmap"]["id"]: n for n in doc["nodes"] if n["type"] == "I"}
    reported = node["demo.compounding"]
    assert people[int(reported["participantID"])] == "Yann LeCun"
    assert people[reported["argmap"]["reporterID"]] == "Alice Example"
    assert (reported["argmap"]["start"], reported["argmap"]["end"]) == (17, 79)
    assert node["thesis.long-horizon"]["participantID"] == "0"
    assert doc["analysis"]["plain_txt"] == m.sources[0].text  # one source: its text as it is
    assert (doc["analysis"]["documentTitle"], doc["analysis"]["documentSource"],
            doc["analysis"]["documentDate"]) == ("A demo essay", "https://example.org/demo", "02/01/2025")
    assert f'<span class="highlighted" id="node{reported["id"]}">a model with' in doc["analysis"]["txt"]
    assert {e["from"]["id"] for e in doc["edges"]} | {e["to"]["id"] for e in doc["edges"]} <= {
        n["id"] for n in doc["nodes"]}


@pytest.mark.peer
def test_an_overlapping_quote_is_left_unmarked_and_arguebuf_reads_the_rest(tmp_path, caplog):
    import arguebuf

    claims = TINY_CLAIMS.replace('quote: "long-horizon agents do not need long-horizon training"',
                                 'quote: "long horizons, because agents"')  # crosses error-correction's
    m = load_map(write_map(tmp_path, claims))
    doc = ova.to_dict(m)
    with caplog.at_level("WARNING"):
        g = arguebuf.load.ova(doc)
    assert caplog.records == []
    refs = {ova_ids(doc)[a.id]: a.reference.text for a in g.atom_nodes.values() if a.reference}
    assert refs == {"demo.compounding": m.claim("demo.compounding").quote,
                    "demo.error-correction": "error correction enables long horizons"}
    left = next(n for n in doc["nodes"] if n.get("argmap", {}).get("id") == "demo.no-long-training")
    assert f'id="node{left["id"]}"' not in doc["analysis"]["txt"]
    assert m.sources[0].text[left["argmap"]["start"]:left["argmap"]["end"]] == "long horizons, because agents"


def test_ova_source_text_is_escaped_and_reads_back_as_it_was(tmp_path):
    hostile = TINY_TEXT + '<img src=x onerror="alert(1)"> & <span id="node1">not ours</span>\n'
    m = load_map(write_map(tmp_path, text=hostile))
    analysis = ova.to_dict(m)["analysis"]
    assert "<img" not in analysis["txt"] and 'id="node1">not' not in analysis["txt"]
    assert analysis["plain_txt"] == hostile
    from lxml import html as lxml_html  # what arguebuf parses the text with

    shown = lxml_html.fromstring(f"<html><body>{analysis['txt']}</body></html>")
    assert {e.tag for e in shown.iter()} == {"html", "body", "br", "span"}  # nothing of the text is markup
    assert shown.text_content() == hostile.replace("\n", "")  # (a <br> is no text)

@pytest.mark.parametrize("what", ["whole map", "thesis tree", "reported view"])
def test_our_aif_loader_reads_our_ova_back_to_the_same_claims_and_relations(five, selections, tiny_sources,
                                                                            what):
    sub = {"whole map": five, "reported view": load_map(tiny_sources)}.get(what) or selections[what]
    back = aif.load(ova.dump(sub)).to_argmap()

    def fields(c: Claim) -> tuple[object, ...]:
        return (c.id, c.gist, c.author, c.reported_by, c.quote, c.source, c.anchor.start, c.anchor.end,
                c.kind, c.tags)

    assert {fields(c) for c in back.claims} == {fields(c) for c in sub.claims}
    assert {t.id for t in back.theses} == {t.id for t in sub.theses}
    assert {(r.source, r.type, r.target, r.rationale) for r in back.relations} == {
        (r.source, r.type, r.target, r.rationale) for r in sub.relations}
    assert {a.id: a.name for a in back.authors} == {
        a: sub.author(a).name for c in sub.claims for a in (c.author, c.reported_by) if a}


# A dialogical OVA analysis as OVA writes one: L-nodes "Name: words" with their participantID, YA
# anchors, the I-node highlighted in the text, edges with their ends written out.
OVA_DIALOGUE = {
    "nodes": [{"id": 1, "type": "L", "text": "Ann Lee: we should build the bridge", "participantID": "1"},
              {"id": 2, "type": "YA", "text": "Asserting", "participantID": "0", "descriptors": {}},
              {"id": 3, "type": "I", "text": "we should build the bridge", "participantID": "0"},
              {"id": 4, "type": "L", "text": "Bo Chan: traffic doubled", "participantID": "2"},
              {"id": 5, "type": "YA", "text": "Asserting", "participantID": "0", "descriptors": {}},
              {"id": 6, "type": "I", "text": "traffic doubled", "participantID": "0"},
              {"id": 7, "type": "RA", "text": "Default Inference", "participantID": "0", "descriptors": {}}],
    "edges": [{"from": {"id": a}, "to": {"id": b}} for a, b in
              [(1, 2), (2, 3), (4, 5), (5, 6), (6, 7), (7, 3)]],
    "participants": [{"id": 1, "firstname": "Ann", "surname": "Lee"},
                     {"id": 2, "firstname": "Bo", "surname": "Chan"}],
    "analysis": {"txt": 'Ann: <span class="highlighted" id="node3">we should build the bridge</span>',
                 "plain_txt": "Ann: we should build the bridge"},
}


def test_our_aif_loader_reads_a_dialogical_ova_analysis():
    g = aif.load(json.dumps(OVA_DIALOGUE))
    assert g.statements == {"3": "we should build the bridge", "6": "traffic doubled"}
    assert g.triples() == {("traffic doubled", "support", "we should build the bridge")}
    assert g.participants == {"1": "Ann Lee", "2": "Bo Chan"}
    assert g.speeches["3"] == (aif.Speech("Ann Lee", "we should build the bridge"),)
    assert g.speeches["6"] == (aif.Speech("Bo Chan", "traffic doubled"),)


def test_every_quote_is_a_locution_of_its_author_and_every_speaker_a_participant(five):
    doc = aif.to_dict(five)
    people = {p["participantID"]: p for p in doc["participants"]}
    assert sorted(p["argmap"]["id"] for p in people.values()) == sorted(
        {c.author for c in five.claims} | {c.reported_by for c in five.claims if c.reported_by})
    for p in people.values():  # AIFdb stores a person as first name + surname
        assert f"{p['firstname']} {p['surname']}".strip() == five.author(p["argmap"]["id"]).name
    nodes = {n["nodeID"]: n for n in doc["nodes"]}
    speaker = {loc["nodeID"]: people[loc["personID"]]["argmap"]["id"] for loc in doc["locutions"]}
    assert set(speaker) == {i for i, n in nodes.items() if n["type"] == "L"}
    back = aif.load(doc)
    for claim in five.claims:
        node = next(i for i, n in nodes.items() if n.get("argmap", {}).get("id") == claim.id)
        (speech,) = back.speeches[node]
        assert (speech.speaker_id, speech.text, speech.reporter_id) == (
            claim.author, claim.quote, claim.reported_by)
        assert (speech.source, speech.start, speech.end) == (claim.source, claim.anchor.start, claim.anchor.end)
    assert sum(n["type"] == "L" for n in nodes.values()) == len(five.claims) + sum(
        1 for c in five.claims if c.reported_by)


def test_a_reported_view_keeps_the_reporter_and_the_holder(tiny_sources):
    m = load_map(tiny_sources)  # demo.compounding: Yann LeCun's view, reported by Alice Example
    doc = aif.to_dict(m)
    nodes = {n["nodeID"]: n for n in doc["nodes"]}
    person = {loc["nodeID"]: loc["personID"] for loc in doc["locutions"]}
    name = {p["participantID"]: f"{p['firstname']} {p['surname']}" for p in doc["participants"]}
    into = {e["toID"]: e["fromID"] for e in doc["edges"] if nodes[e["fromID"]]["type"] in ("L", "YA")}
    claim = next(i for i, n in nodes.items() if n.get("argmap", {}).get("id") == "demo.compounding")
    chain = [claim]
    while chain[-1] in into:
        chain.append(into[chain[-1]])
    assert [nodes[i]["type"] for i in chain] == ["I", "YA", "L", "YA", "L"]
    holder, reporter = chain[2], chain[4]
    quote = m.claim("demo.compounding").quote
    assert (name[person[holder]], nodes[holder]["text"]) == ("Yann LeCun", f"Yann LeCun: {quote}")
    assert (name[person[reporter]], nodes[reporter]["text"]) == ("Alice Example", f"Alice Example: {quote}")
    assert nodes[reporter]["argmap"] == {"source": "demo", "start": 17, "end": 79}  # the span is Alice's
    assert nodes[chain[1]]["text"] == nodes[chain[3]]["text"] == "Asserting"


@pytest.mark.parametrize("what", ["whole map", "thesis tree", "claim 2 hops"])
def test_aif_to_argmap_to_aif_keeps_everything(five, selections, what):
    sub = five if what == "whole map" else selections[what]
    text = aif.dump(sub)
    back = aif.load(text).to_argmap()
    assert aif.dump(back) == text
    def fields(c: Claim) -> tuple[object, ...]:
        return (c.id, c.gist, c.author, c.reported_by, c.quote, c.source, c.anchor.start, c.anchor.end,
                c.kind, c.tags)

    assert {fields(c) for c in back.claims} == {fields(c) for c in sub.claims}
    assert {(r.source, r.type, r.target, r.rationale) for r in back.relations} == {
        (r.source, r.type, r.target, r.rationale) for r in sub.relations}


# An AIFdb/OVA-style analysis as those tools save it: locutions "Name: words" with their
# participants, YA "Asserting" anchors, a TA transition between turns, OVA's analyst layer (an
# "Anon:" L-node "Analysing" a locution), a reported claim, and an RA between the propositions.
AIFDB_DIALOGUE = {
    "nodes": [
        {"nodeID": "10", "text": "Ann Lee: we should build the bridge", "type": "L"},
        {"nodeID": "11", "text": "we should build the bridge", "type": "I"},
        {"nodeID": "12", "text": "Asserting", "type": "YA"},
        {"nodeID": "13", "text": "Bo Chan: traffic doubled last year", "type": "L"},
        {"nodeID": "14", "text": "traffic doubled last year", "type": "I"},
        {"nodeID": "15", "text": "Asserting", "type": "YA"},
        {"nodeID": "16", "text": "Default Transition", "type": "TA"},
        {"nodeID": "17", "text": "Default Inference", "type": "RA"},
        {"nodeID": "18", "text": "Arguing", "type": "YA"},
        {"nodeID": "19", "text": "Anon: Ann Lee: we should build the bridge", "type": "L"},
        {"nodeID": "20", "text": "Analysing", "type": "YA"},
        {"nodeID": "21", "text": "Bo Chan: the mayor says the old one is unsafe", "type": "L"},
        {"nodeID": "22", "text": "Mayor: the old one is unsafe", "type": "L"},
        {"nodeID": "23", "text": "the old one is unsafe", "type": "I"},
        {"nodeID": "24", "text": "Asserting", "type": "YA"},
        {"nodeID": "25", "text": "Asserting", "type": "YA"},
    ],
    "edges": [{"edgeID": str(i), "fromID": a, "toID": b} for i, (a, b) in enumerate([
        ("10", "12"), ("12", "11"), ("13", "15"), ("15", "14"), ("10", "16"), ("16", "13"),
        ("14", "17"), ("17", "11"), ("16", "18"), ("18", "17"), ("19", "20"), ("20", "10"),
        ("21", "24"), ("24", "22"), ("22", "25"), ("25", "23")], 1)],
    "locutions": [{"nodeID": "10", "personID": 1}, {"nodeID": "13", "personID": 2},
                  {"nodeID": "21", "personID": 2}, {"nodeID": "22", "personID": 3}],
    "participants": [{"participantID": 1, "firstname": "Ann", "surname": "Lee"},
                     {"participantID": 2, "firstname": "Bo", "surname": "Chan"},
                     {"participantID": 3, "firstname": "Mayor", "surname": ""}],
}


def test_our_aif_loader_reads_an_aifdb_dialogue_with_l_ya_and_ta_nodes():
    g = aif.load(json.dumps(AIFDB_DIALOGUE))
    assert g.statements == {"11": "we should build the bridge", "14": "traffic doubled last year",
                            "23": "the old one is unsafe"}
    assert g.triples() == {("traffic doubled last year", "support", "we should build the bridge")}
    assert g.participants == {"1": "Ann Lee", "2": "Bo Chan", "3": "Mayor"}
    assert g.speeches["11"] == (aif.Speech("Ann Lee", "we should build the bridge"),)  # not the analyst's
    assert g.speeches["14"] == (aif.Speech("Bo Chan", "traffic doubled last year"),)
    # reported speech: the holder is the Mayor, the words are Bo Chan's (what the transcript says)
    assert g.speeches["23"] == (aif.Speech("Mayor", "the mayor says the old one is unsafe", reporter="Bo Chan"),)
    assert aif.load({"AIF": AIFDB_DIALOGUE, "text": {"txt": ""}}) == g  # xAIF wraps the same AIF
    m = g.to_argmap()
    assert {(c.gist, c.author, c.reported_by) for c in m.claims} == {
        ("we should build the bridge", "ann-lee", None), ("traffic doubled last year", "bo-chan", None),
        ("the old one is unsafe", "mayor", "bo-chan")}


def test_aif_load_reduces_linked_premises_and_undercuts_like_the_microtexts_loader():
    doc = {"nodes": [{"nodeID": "1", "text": "claim", "type": "I"},
                     {"nodeID": "2", "text": "reason", "type": "I"},
                     {"nodeID": "3", "text": "objection", "type": "I"},
                     {"nodeID": "4", "text": "co-premise", "type": "I"},
                     {"nodeID": "5", "text": "Default Inference", "type": "RA"},
                     {"nodeID": "6", "text": "Default Conflict", "type": "CA"}],
           "edges": [{"edgeID": "a", "fromID": "2", "toID": "5"}, {"edgeID": "b", "fromID": "5", "toID": "1"},
                     {"edgeID": "c", "fromID": "3", "toID": "6"}, {"edgeID": "d", "fromID": "4", "toID": "6"},
                     {"edgeID": "e", "fromID": "6", "toID": "5"}],
           "locutions": []}
    assert aif.load(json.dumps(doc)).triples() == {
        ("reason", "support", "claim"),  # RA
        ("objection", "attack", "reason"),  # undercut of 2 → 1 attacks its premise
        ("co-premise", "support", "objection"),  # linked co-premise supports the first premise
    }


def test_xaif_marks_every_quoted_span_in_the_source_text(five):
    from html.parser import HTMLParser

    doc = json.loads(xaif.dump(five))

    class Spans(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.open: list[str | None] = []
            self.text: dict[str, str] = {}
            self.plain: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "br":
                self.handle_data("\n")
            elif tag == "span":
                self.open.append(dict(attrs).get("id") or dict(attrs).get("data-continues"))

        def handle_endtag(self, tag: str) -> None:
            if tag == "span":
                self.open.pop()

        def handle_data(self, data: str) -> None:
            self.plain.append(data)
            for node in self.open:
                self.text[node] = self.text.get(node, "") + data  # type: ignore[index]

    parser = Spans()
    parser.feed(doc["text"]["txt"])
    assert "".join(parser.plain) == "\n\n".join(s.text for s in five.sources)
    nodes = {n["nodeID"]: n for n in doc["AIF"]["nodes"]}
    spoken = {i: n for i, n in nodes.items() if n["type"] == "L" and "argmap" in n}
    assert set(parser.text) == set(spoken)
    for node, text in parser.text.items():
        span = spoken[node]["argmap"]
        assert text == five.source(span["source"]).text[span["start"]:span["end"]]
    assert doc["dialog"] is True  # the podcast is a transcript


def test_xaif_spans_that_cross_are_closed_and_reopened():
    assert highlight.marked("abcdef", [(0, 4, "1"), (2, 6, "2")]) == (
        '<span class="highlighted" id="1">ab<span class="highlighted" id="2">cd</span></span>'
        '<span class="highlighted" data-continues="2">ef</span>')
    assert highlight.marked("x\n<y>&", [(2, 5, "3")]) == (
        'x<br><span class="highlighted" id="3">&lt;y&gt;</span>&amp;')


ARGQL_SUPPORT = """
PREFIX aif: <http://www.arg.tech/aif#>
SELECT ?premise ?conclusion WHERE { GRAPH <http://aifdb> {
  ?i aif:Premise ?s . ?s a aif:RA-node ; aif:Conclusion ?c .
  ?i aif:claimText ?premise . ?c aif:claimText ?conclusion } }
"""


def test_the_aifdb_dialect_answers_argql_style_patterns_in_both_directions(selections):
    import pyoxigraph as ox

    sub = selections["thesis tree"]
    store = ox.Store()
    store.load(aifdb.dump(sub).encode("utf-8"), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode("http://aifdb"))  # ArgQL's translator reads that graph
    rows = {(s["premise"].value, s["conclusion"].value) for s in store.query(ARGQL_SUPPORT)}
    assert rows == {(sub.text_of(r.source), sub.text_of(r.target)) for r in sub.relations if r.type == "support"}
    one_way = ("PREFIX aif: <http://www.arg.tech/aif#> SELECT * WHERE { GRAPH <http://aifdb> { "
               "?s aif:Premise ?i . ?i a aif:I-node FILTER NOT EXISTS { ?i aif:Premise ?s } } }")
    assert list(store.query(one_way)) == []  # every link is written in both directions
    assert bool(store.query("PREFIX aif: <http://www.arg.tech/aif#> ASK { GRAPH <http://aifdb> { "
                            "?s a aif:CA-node ; aif:Conclusion ?c . ?c aif:Conclusion ?s } }"))
    said = ("PREFIX aif: <http://www.arg.tech/aif#> SELECT ?who ?words WHERE { GRAPH <http://aifdb> { "
            "?l a aif:L-node ; aif:source ?who ; aif:claimText ?words ; aif:Locution ?ya . "
            "?ya aif:IllocutionaryContent ?i . ?i a aif:I-node } }")
    speakers = {s["who"].value for s in store.query(said)}
    assert speakers == {sub.author(c.author).name for c in sub.claims}
    ours = ox.Store()
    ours.load(rdf_format.dump_turtle(sub).encode("utf-8"), format=ox.RdfFormat.TURTLE,
              to_graph=ox.NamedNode("http://aifdb"))
    assert list(ours.query(ARGQL_SUPPORT)) == []  # the other dialect: why --format aifdb exists


def test_the_turtle_map_has_the_dialogue_layer(tiny_sources):
    m = load_map(tiny_sources)
    g = to_graph(m)
    q = """SELECT ?claim ?reporter ?holder ?start WHERE {
      ?c argmap:localId ?claim .
      ?asserting aif:IllocutionaryContent ?c ; aif:Locution ?l .
      ?l a aif:L-node ; prov:wasAttributedTo/foaf:name ?holder .
      OPTIONAL { ?reporting aif:IllocutionaryContent ?l ; aif:Locution ?r .
                 ?r prov:wasAttributedTo/foaf:name ?reporter }
      BIND(COALESCE(?r, ?l) AS ?said)
      ?said argmap:span/oa:hasSelector/oa:start ?start }"""
    from argmap.query.local import PREFIX_IRIS

    rows = {tuple(None if v is None else str(v) for v in row) for row in g.query(q, initNs=PREFIX_IRIS)}
    assert rows == {("demo.compounding", "Alice Example", "Yann LeCun", "17"),
                    ("demo.error-correction", None, "Alice Example", "85"),
                    ("demo.no-long-training", None, "Alice Example", "168")}


def microtext_pairs() -> list[tuple[Path, Path]]:
    mapping = json.loads((AIF_CORPUS / "aif2arggraph.json").read_text(encoding="utf-8"))
    return [(AIF_CORPUS / f"{ns}.json", XML_CORPUS / f"{mid}.xml") for ns, mid in sorted(mapping.items())
            if (AIF_CORPUS / f"{ns}.json").exists() and (XML_CORPUS / f"{mid}.xml").exists()]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _closest(words: set[str], adus: dict[str, set[str]]) -> str:
    """The ADU whose words overlap ``words`` most (Jaccard): segmentations differ slightly."""
    return max(adus, key=lambda a: len(words & adus[a]) / len(words | adus[a]))


needs_corpora = pytest.mark.skipif(not (AIF_CORPUS.is_dir() and XML_CORPUS.is_dir()),
                                   reason="arg-microtexts corpora not present in ../shared/corpora")


@needs_corpora
def test_aif_loader_gives_the_xml_loaders_graph_on_all_110_mapped_microtexts():
    # AIFdb numbered the I-nodes in ADU order, so the i-th I-node is ADU a<i>.
    pairs = microtext_pairs()
    assert len(pairs) == 110
    for aif_path, xml_path in pairs:
        g = aif.load(aif_path.read_text(encoding="utf-8"))
        mt = microtexts.load(xml_path)
        adus = sorted((a.id for a in mt.adus), key=lambda a: int(a[1:]))
        as_adu = dict(zip(sorted(g.statements, key=int), adus, strict=True))
        ours = {(as_adu[p], k, as_adu[c]) for p, k, c in g.relations}
        assert ours == {(r.source, r.type, r.target) for r in mt.relations}, xml_path.name


@needs_corpora
def test_aif_statement_texts_match_the_xml_adus_except_one_misaligned_corpus_file():
    # nodeset6455 (micro_k011) carries the right structure but its I-node texts are shifted
    # (ADU a2's text sits on the last I-node): a defect of the AIF corpus file, not of a loader.
    by_text_differs = []
    for aif_path, xml_path in microtext_pairs():
        g = aif.load(aif_path.read_text(encoding="utf-8"))
        mt = microtexts.load(xml_path)
        adus = {a.id: _words(mt.adu_text(a.id)) for a in mt.adus}
        as_adu = {i: _closest(_words(t), adus) for i, t in g.statements.items()}
        assert sorted(as_adu.values()) == sorted(adus), xml_path.name  # a bijection
        ours = {(as_adu[p], k, as_adu[c]) for p, k, c in g.relations}
        if ours != {(r.source, r.type, r.target) for r in mt.relations}:
            by_text_differs.append(xml_path.stem)
    assert by_text_differs == ["micro_k011"]


# --- GraphML ---------------------------------------------------------------------------------------

def test_graphml_round_trips_through_networkx_with_every_attribute(selections):
    sub = selections["claim 2 hops"]
    cruxes = [{"rank": 2, "claim": CLAIM, "thesis": THESIS, "score": 0.25},
              {"rank": 1, "claim": CLAIM, "thesis": "thesis.ie-soon", "score": 0.5}]
    g = nx.read_graphml(io.StringIO(graphml.dump(sub, cruxes=cruxes)), force_multigraph=True)
    assert set(g.nodes) == {c.id for c in sub.claims} | {t.id for t in sub.theses}
    assert {(u, d["type"], v) for u, v, d in g.edges(data=True)} == relation_triples(sub)
    assert g.number_of_edges() == len(sub.relations)
    # who drew each link survives, so a Gephi or yEd user can keep only the authors' own
    assert sorted((u, v, d["type"], d["rationale"], d["provenance"]) for u, v, d in g.edges(data=True)) == sorted(
        (r.source, r.target, r.type, r.rationale, r.provenance) for r in sub.relations)
    names = {a.id: a.name for a in sub.authors}
    for c in sub.claims:
        node = g.nodes[c.id]
        assert (node["label"], node["type"], node["kind"], node["author"], node["quote"]) == (
            c.gist, "claim", c.kind, c.author, c.quote)
        assert node["author_name"] == names[c.author]
        assert node["tags"] == ",".join(c.tags)
        assert node["source_title"] == sub.source(c.source).title
    for t in sub.theses:
        assert (g.nodes[t.id]["label"], g.nodes[t.id]["type"]) == (t.text, "thesis")
    assert (g.nodes[CLAIM]["crux_score"], g.nodes[CLAIM]["crux_rank"]) == (0.5, 1)
    assert sum("crux_score" in d for _, d in g.nodes(data=True)) == 1


def test_graphml_opens_in_networkx_with_colours_shapes_and_sizes(selections):
    from argmap.export.palette import author_colours

    sub = selections["thesis tree"]
    g = nx.read_graphml(io.StringIO(graphml.dump(sub)), force_multigraph=True)
    colour = author_colours(sub)
    for _, d in g.nodes(data=True):
        want = "#333333" if d["type"] == "thesis" else colour[d["author"]]
        assert d["color"] == want  # Cytoscape's passthrough attribute
        assert (d["r"], d["g"], d["b"]) == tuple(int(want[i:i + 2], 16) for i in (1, 3, 5))  # Gephi's
        assert d["shape_type"] == d["shape"] and d["size"] > 0  # the first from yEd's ShapeNode
    assert {(d["type"], d["color"], d["r"]) for _, _, d in g.edges(data=True)} == {
        ("support", "#0072B2", 0), ("attack", "#D55E00", 213)}
    assert len({d["color"] for _, d in g.nodes(data=True)}) > 2  # not a grey graph


def test_graphml_speaks_gephis_properties_and_yeds_yfiles():
    text = graphml.dump(load_map(SOURCES))
    root = ET.fromstring(text)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}
    keys = {(k.get("for"), k.get("attr.name") or k.get("yfiles.type")) for k in root.findall("g:key", ns)}
    assert {("node", "label"), ("node", "r"), ("node", "g"), ("node", "b"), ("node", "size"),
            ("edge", "label"), ("edge", "r"), ("node", "nodegraphics"), ("edge", "edgegraphics")} <= keys
    assert not {k.get("id") for k in root.findall("g:key", ns)} & {"d3", "d7"}  # ids Gephi reads as labels
    node = root.find("g:graph/g:node", ns)
    shape = node.find("g:data/y:ShapeNode", ns)
    assert shape.find("y:Fill", ns).get("color").startswith("#") and shape.find("y:NodeLabel", ns).text
    edges = root.findall("g:graph/g:edge/g:data/y:PolyLineEdge/y:LineStyle", ns)
    assert {e.get("type") for e in edges} == {"line", "dashed"}  # attacks dashed


def test_graphml_drops_characters_xml_cannot_hold(tiny_sources):
    m = load_map(tiny_sources)
    claim = dataclasses.replace(m.claims[0], gist="nul\x00 and bell\x07 gone")
    text = graphml.dump(dataclasses.replace(m, claims=(claim, *m.claims[1:])))
    g = nx.read_graphml(io.StringIO(text), force_multigraph=True)
    assert g.nodes[claim.id]["label"] == "nul and bell gone"


def test_a_label_is_never_html_to_yed(tiny_sources):
    # yEd draws a label that starts with <html> as Swing HTML, which loads images from the network
    m = load_map(tiny_sources)
    gist = "<HTML><img src='http://attacker.example/pixel.png'> ok"
    claim = dataclasses.replace(m.claims[0], gist=gist)
    text = graphml.dump(dataclasses.replace(m, claims=(claim, *m.claims[1:])))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}
    labels = [e.text for e in ET.fromstring(text).iterfind(".//y:NodeLabel", ns)]
    assert not [t for t in labels if t.lower().startswith("<html>")]
    assert "<HTML><img" in "".join(labels)
    g = nx.read_graphml(io.StringIO(text), force_multigraph=True)
    assert g.nodes[m.claims[0].id]["label"] == gist  # the data keeps the text as written


# --- Markdown brief ---------------------------------------------------------------------------------

# --- HTML -------------------------------------------------------------------------------------------

def test_the_html_export_is_an_offline_crux_map_of_the_selection_only(selections, five):
    sub = selections["claim 2 hops"]
    html = api.export(five, "html", claim=CLAIM, depth=2)
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"@import|url\(\s*[\"']?(https?:)?//", html, re.I)
    assert CLAIM in html
    outside = next(c.id for c in five.claims if not sub.has(c.id))
    assert f'"{outside}"' not in html


def test_the_html_export_of_the_whole_map_is_the_built_crux_map_versus_view_included(five):
    html = api.export(five, "html")
    assert html == build.render(five, api.analyze(five))[build.CRUXMAP]
    assert '"versus":[{"authors":' in html


# --- CLI --------------------------------------------------------------------------------------------

def export(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["export", "--sources", str(SOURCES), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_export_writes_the_selection_atomically_with_o(tmp_path, capsys):
    target = tmp_path / "deep" / "brief.md"
    code, out, _ = export(["--thesis", THESIS, "--side", "con", "--format", "md", "-o", str(target)], capsys)
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("# Brief: ")
    assert [p.name for p in target.parent.iterdir()] == ["brief.md"]  # no temp file left


def test_cli_export_to_stdout_equals_the_api(capsys, five):
    code, out, _ = export(["--claim", CLAIM, "--depth", "1", "--format", "argdown"], capsys)
    assert code == 0
    assert out == api.export(five, "argdown", claim=CLAIM, depth=1)


def test_the_whole_map_brief_from_the_api_is_the_cli_brief_byte_for_byte(capsys, five):
    code, out, _ = export(["--all", "--format", "md"], capsys)
    assert code == 0 and "## Open cruxes" in out
    assert out == api.export(five, "md")


def test_a_bad_id_fails_before_any_crux_analysis_runs(capsys, monkeypatch):
    def no_analysis(*_, **__):
        raise AssertionError("the analysis ran before the id was checked")

    monkeypatch.setattr(api, "analyze", no_analysis)
    code, _, err = export(["--claim", "nobody.nothing", "--format", "md"], capsys)
    assert code == 1 and "no claim or thesis 'nobody.nothing'" in err


@pytest.mark.parametrize(("args", "message"), [
    (["--claim", "nobody.nothing", "--format", "md"], "no claim or thesis 'nobody.nothing'"),
    (["--thesis", "thesis.nope", "--format", "aif"], "no claim or thesis 'thesis.nope'"),
    (["--thesis", CLAIM, "--format", "aif"], "is a claim"),
    (["--author", "Nobody At All", "--format", "md"], "no author 'Nobody At All'"),
    (["--all", "--format", "nope"], "unknown export format 'nope'"),
    (["--between", "karpathy", "aschenbrenner", "--format", "html"], "the versus brief is written as"),
    (["--between", "karpathy", "Andrej Karpathy", "--format", "md"], "the same author"),
    (["--thesis", THESIS, "--crux", "9999", "--format", "md"], "no crux of rank 9999"),
    (["--all", "--max-points", "-1", "--format", "md"], "--max-points"),
    (["--format", "md"], "say what to export"),
    (["--all", "--side", "pro", "--format", "md"], "needs a focus"),
    (["--claim", CLAIM, "--depth", "-2", "--format", "md"], "depth"),
])
def test_cli_export_errors_are_clear_and_exit_1(capsys, tmp_path, args, message):
    target = tmp_path / "out.txt"
    code, _, err = export([*args, "-o", str(target)], capsys)
    assert code == 1
    assert message in err and err.startswith("error: ")
    assert not target.exists()


@pytest.mark.parametrize("args", [
    ["--claim", CLAIM, "--thesis", THESIS], ["--claim", CLAIM, "--crux", "1"], ["--all", "--crux", "1"],
    ["--between", "karpathy", "lambert", "--side", "pro"], ["--all", "--between", "karpathy", "lambert"],
])
def test_cli_export_rejects_conflicting_selections_as_usage_errors(capsys, args):
    with pytest.raises(SystemExit) as exc:
        export([*args, "--format", "md"], capsys)
    assert exc.value.code == 2


@pytest.mark.peer
def test_argdown_puts_the_focus_first_and_still_reads_back_every_relation(tmp_path, selections):
    sub = selections["claim 2 hops"]
    text = argdown.dump(sub, focus=CLAIM)
    first = next(line for line in text.splitlines() if line.startswith("["))
    assert first.startswith(f"[{argdown.titles(sub)[CLAIM]}]: ")
    assert text.count(f"\n[{argdown.titles(sub)[CLAIM]}]: ") == 1
    doc = argdown_json(tmp_path, text)
    assert len(doc["relations"]) == len(sub.relations)


def test_aif_participants_whose_names_give_one_slug_stay_two_authors():
    """'Łukasz Nowak' and 'Lukasz Nowak' give one slug: the second participant's claims were
    credited to the first."""
    doc = {"nodes": [{"nodeID": "1", "text": "AI will be fast", "type": "I"},
                     {"nodeID": "2", "text": "AI will be slow", "type": "I"},
                     {"nodeID": "3", "text": "AI will be odd", "type": "I"},
                     {"nodeID": "4", "text": "AI will be fast", "type": "L"},
                     {"nodeID": "5", "text": "AI will be slow", "type": "L"},
                     {"nodeID": "6", "text": "AI will be odd", "type": "L"},
                     *({"nodeID": f"y{i}", "text": "Asserting", "type": "YA"} for i in (1, 2, 3))],
           "edges": [{"edgeID": str(i), "fromID": a, "toID": b} for i, (a, b) in enumerate([
               ("4", "y1"), ("y1", "1"), ("5", "y2"), ("y2", "2"), ("6", "y3"), ("y3", "3")])],
           "locutions": [{"nodeID": "4", "personID": 1}, {"nodeID": "5", "personID": 2},
                         {"nodeID": "6", "personID": 1}],
           "participants": [{"participantID": 1, "firstname": "Łukasz", "surname": "Nowak"},
                            {"participantID": 2, "firstname": "Lukasz", "surname": "Nowak"}]}
    m = aif.load(json.dumps(doc)).to_argmap()
    by = {c.gist: m.author(c.author).name for c in m.claims}
    assert by == {"AI will be fast": "Łukasz Nowak", "AI will be slow": "Lukasz Nowak",
                  "AI will be odd": "Łukasz Nowak"}
