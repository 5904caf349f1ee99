"""Synthetic maps: valid for `argmap check`/`build`, deterministic, shaped like real debates;
and the fast paths they exercise (quote finder, YAML reader, Turtle writer) agree with the
reference ones."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
import yaml
from hypothesis import given
from hypothesis import strategies as st

from argmap import api
from argmap.cli import main
from argmap.rdf import triples as rdf_triples
from argmap.rdf import turtle as rdf_turtle
from argmap.sources import fastyaml
from argmap.sources.anchor import find_all, fold, quote_pattern
from argmap.sources.loader import load_map
from argmap.sources.synth import synth
from argmap.sources.yamlio import PyLineLoader, line_dict
from tests.conftest import SOURCES, write_map


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "sources"
    assert main(["synth", "--claims", "1500", "--seed", "3", "--out", str(out)]) == 0
    return out


def test_a_synthetic_map_passes_check_with_every_claim(synthetic, capsys):
    assert main(["check", "--sources", str(synthetic)]) == 0
    assert "1500 claims" in capsys.readouterr().out


def test_the_same_seed_writes_byte_identical_files(synthetic, tmp_path):
    again = tmp_path / "again"
    synth(again, 1500, seed=3)
    files = sorted(p.relative_to(synthetic) for p in synthetic.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((synthetic / f).read_bytes() == (again / f).read_bytes() for f in files)
    synth(tmp_path / "other", 1500, seed=4)
    assert (tmp_path / "other" / files[-1]).read_bytes() != (synthetic / files[-1]).read_bytes()


def test_synthetic_edges_are_heavy_tailed_and_cross_authors(synthetic):
    m = load_map(synthetic)
    indegree = Counter(r.target for r in m.relations)
    top = sorted(indegree.values(), reverse=True)
    assert top[0] >= 10 * (len(m.relations) / len(m.claims))  # hubs, as in a power law
    author = {c.id: c.author for c in m.claims}
    source = {c.id: c.source for c in m.claims}
    claim_edges = [r for r in m.relations if r.target in author]
    cross_source = sum(source[r.source] != source[r.target] for r in claim_edges)
    cross_author = sum(author[r.source] != author[r.target] for r in claim_edges)
    assert 0.3 < cross_source / len(claim_edges) < 0.7 and cross_author > 0.3 * len(claim_edges)
    assert {r.type for r in m.relations} == {"support", "attack"} and m.positions


def test_synthetic_cycles_are_rebuttals_among_general_claims_as_in_the_five_source_map(synthetic):
    """The five-source map's largest strongly connected component holds 7 % of its claims, and
    6 % of its edges are mutual: rivals answering each other. Random edges would instead tie
    half of a synthetic map into one cycle, which no real debate looks like."""
    m = load_map(synthetic)
    g = nx.DiGraph((r.source, r.target) for r in m.relations)
    mutual = sum(g.has_edge(b, a) for a, b in g.edges)
    assert mutual > 0
    assert max(len(c) for c in nx.strongly_connected_components(g)) < 0.1 * len(m.claims)


def test_synthetic_quotes_are_verbatim_slices_of_their_texts(synthetic):
    m = load_map(synthetic)
    for claim in m.claims[:300]:
        text = m.source(claim.source).text
        assert text[claim.anchor.start:claim.anchor.end] == claim.anchor.exact


def test_a_synthetic_map_builds(synthetic, tmp_path):
    report = api.build(synthetic, tmp_path / "graph")
    assert (tmp_path / "graph" / "argmap.ttl").stat().st_size > 0
    assert sum(report.stats.claims_per_source.values()) == 1500


@pytest.mark.parametrize("which", ["tiny", "five-source", "synthetic"])
def test_the_turtle_writer_writes_exactly_the_maps_triples(which, synthetic, tmp_path):
    sources = {"tiny": write_map(tmp_path), "five-source": SOURCES, "synthetic": synthetic}[which]
    m = load_map(sources)
    written, expected = ox.Store(), ox.Store()  # (Oxigraph reads derived integer types as xsd:integer)
    written.bulk_load(rdf_turtle.to_turtle(m).encode("utf-8"), format=ox.RdfFormat.TURTLE)
    expected.bulk_load(rdf_turtle.to_ntriples(m), format=ox.RdfFormat.N_TRIPLES)
    assert set(written) == set(expected) and len(written) == len(set(rdf_triples.triples(m)))
    if which != "synthetic":  # rdflib reads it alike (too slow for the synthetic map)
        turtle = rdf_turtle.to_turtle(m)
        assert set(rdflib.Graph().parse(data=turtle, format="turtle")) == set(rdf_triples.to_graph(m))


def test_the_yaml_subset_reader_reads_what_pyyaml_reads(synthetic):
    def plain(x):
        if isinstance(x, dict):
            return (x.line, dict(x.key_lines), {k: plain(v) for k, v in x.items()})
        if isinstance(x, list):
            return [plain(v) for v in x]
        return (type(x).__name__, x)

    files = sorted(SOURCES.rglob("*.yaml")) + sorted(synthetic.rglob("*.yaml"))[:40]
    read = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = fastyaml.load(text, line_dict)
        if fast is not fastyaml.UNSUPPORTED:
            read += 1
            assert plain(fast) == plain(yaml.load(text, Loader=PyLineLoader)), path
    assert read >= len(files) // 2


@given(st.text(alphabet="ab:-#'\" []\n{}0.1tnu~\\", max_size=60))
def test_the_yaml_subset_reader_agrees_or_steps_aside(text):
    fast = fastyaml.load(text, line_dict)
    if fast is fastyaml.UNSUPPORTED:
        return
    assert fast == yaml.load(text, Loader=PyLineLoader)


@given(st.text(alphabet="ab '’‘\"“”\n\t\u00a0\u2028\u3000\x85.", max_size=40),
       st.text(alphabet="ab '’\"”\n ", max_size=8))
def test_the_fast_quote_finder_matches_the_regex_rule(text, quote):
    expected = [m.span() for m in quote_pattern(quote).finditer(text)] if quote.strip() else []
    assert list(find_all(text, quote)) == expected


def test_folding_makes_every_white_space_a_space_and_every_quote_straight():
    for i in range(0x3100):
        ch = chr(i)
        want = " " if ch.isspace() else "'" if ch in "'’‘" else '"' if ch in '"“”' else ch
        assert fold(ch) == want, hex(i)
