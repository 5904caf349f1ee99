"""`argmap build` and the RDF it writes: valid, deterministic, anchored, and never half-written."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from pyshacl import validate

from argmap import api
from argmap.cli import main
from argmap.rdf.vocab import ARGMAP, OA
from tests.conftest import TINY_CLAIMS, write_map


@pytest.fixture
def built(tiny_sources: Path, tmp_path: Path) -> Path:
    out = tmp_path / "graph"
    assert main(["build", "--sources", str(tiny_sources), "--out", str(out)]) == 0
    return out


def test_build_writes_the_graph_the_analysis_the_report_the_crux_map_and_a_manifest(built):
    assert sorted(p.name for p in built.iterdir()) == [
        "analysis.ttl", "argmap.ttl", "cruxes.md", "cruxmap.html", "manifest.json"]


def test_build_prints_the_counts_a_curator_checks(tiny_sources, tmp_path, capsys):
    main(["build", "--sources", str(tiny_sources), "--out", str(tmp_path / "g")])
    out = capsys.readouterr().out
    assert "   3 claims  demo" in out
    assert "   4 relations, 0 across sources" in out
    assert "   0 of 1 theses reached by claims of at least 3 authors" in out


def test_the_same_inputs_give_byte_identical_files(tiny_sources, tmp_path):
    api.build(tiny_sources, tmp_path / "a")
    api.build(tiny_sources, tmp_path / "b")
    for name in ("argmap.ttl", "analysis.ttl", "cruxes.md", "cruxmap.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_the_graph_parses_alike_in_rdflib_and_oxigraph(built):
    g = rdflib.Graph().parse(built / "argmap.ttl", format="turtle")
    store = ox.Store()
    store.load(path=str(built / "argmap.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(g) == len(store) > 0
    assert not any(isinstance(t, rdflib.BNode) for triple in g for t in triple)


def test_the_graph_conforms_to_the_shipped_shacl_shapes(built):
    shapes = rdflib.Graph().parse(
        data=resources.files("argmap.rdf.shapes").joinpath("argmap.ttl").read_text(encoding="utf-8"),
        format="turtle")
    conforms, _, report = validate(rdflib.Graph().parse(built / "argmap.ttl"), shacl_graph=shapes)
    assert conforms, report


def test_the_shapes_reject_a_claim_without_an_author(built):
    g = rdflib.Graph().parse(built / "argmap.ttl")
    claim = next(g.subjects(rdflib.RDF.type, ARGMAP.Claim))
    g.remove((claim, rdflib.namespace.PROV.wasAttributedTo, None))
    shapes = rdflib.Graph().parse(
        data=resources.files("argmap.rdf.shapes").joinpath("argmap.ttl").read_text(encoding="utf-8"),
        format="turtle")
    conforms, _, _ = validate(g, shacl_graph=shapes)
    assert not conforms


def test_every_quote_selector_matches_the_source_text_at_its_offsets(built, tiny_sources):
    g = rdflib.Graph().parse(built / "argmap.ttl")
    text = (tiny_sources / "demo" / "text.txt").read_text(encoding="utf-8")
    rows = list(g.query("""
        SELECT ?exact ?start ?end WHERE {
          ?t oa:hasSelector ?q, ?p . ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end . }""",
        initNs={"oa": OA}))
    assert len(rows) == 3
    for exact, start, end in rows:
        assert text[int(start):int(end)] == str(exact)


def test_support_and_attack_are_both_reified_and_direct(built):
    g = rdflib.Graph().parse(built / "argmap.ttl")
    aif = rdflib.Namespace("http://www.arg.dundee.ac.uk/aif#")
    assert len(list(g.subjects(rdflib.RDF.type, aif["CA-node"]))) == 2
    assert len(list(g.subjects(rdflib.RDF.type, aif["RA-node"]))) == 2
    assert len(list(g.triples((None, ARGMAP.attacks, None)))) == 2
    assert len(list(g.triples((None, ARGMAP.supports, None)))) == 2


def test_a_failed_build_leaves_the_previous_outputs_untouched(tiny_sources, built, capsys):
    before = {p.name: p.read_bytes() for p in built.iterdir()}
    claims = tiny_sources / "demo" / "claims.yaml"
    claims.write_text(TINY_CLAIMS.replace("type: attack", "type: rebuts", 1), encoding="utf-8")
    assert main(["build", "--sources", str(tiny_sources), "--out", str(built)]) == 1
    assert "unknown relation type 'rebuts'" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in built.iterdir()} == before


def test_the_json_export_has_the_documented_shape(tiny_sources, tmp_path):
    out = tmp_path / "map.json"
    assert main(["export", "--all", "--format", "json", "--sources", str(tiny_sources),
                 "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"sources", "authors", "theses", "claims", "relations", "positions"}
    claim = next(c for c in data["claims"] if c["id"] == "demo.error-correction")
    assert claim == {
        "id": "demo.error-correction", "text": "Error correction lets agents run long horizons.",
        "quote": "error correction enables long horizons", "source": "demo", "author": "alice",
        "reported_by": None, "start": claim["start"], "end": claim["end"], "kind": "premise",
        "tags": ["reliability", "agents"],
        "locator": {"label": "¶ 2", "paragraph": 2, "line": 2, "section": None}}
    assert data["sources"][0]["author"] == "alice"
    assert {"from": "demo.error-correction", "to": "demo.compounding", "type": "attack",
            "rationale": "Correcting errors breaks the independence that (1-e)^n assumes.",
            "provenance": "stated", "recorded_by": None, "recorded_on": None, "declared_in": "demo"} \
        in data["relations"]


def test_an_unknown_export_format_is_a_clear_error(tiny_sources, capsys):
    assert main(["export", "--all", "--format", "nope", "--sources", str(tiny_sources)]) == 1
    assert "unknown export format 'nope'" in capsys.readouterr().err


def test_the_crux_map_is_offline(built):
    html = (built / "cruxmap.html").read_text(encoding="utf-8")
    assert "vis.Network" in html
    assert 'src="http' not in html and 'href="http' not in html


def test_api_gives_a_networkx_graph_of_claims_and_theses(tiny_sources):
    g = api.to_networkx(api.load_map(tiny_sources))
    assert g.number_of_nodes() == 4
    assert g.edges["demo.error-correction", "demo.compounding"]["type"] == "attack"


def test_unconnected_claims_are_listed_by_the_stats(tmp_path):
    claims = TINY_CLAIMS.split("relations:")[0]
    stats = api.stats(api.load_map(write_map(tmp_path, claims)))
    assert stats.unconnected_claims == ("demo.compounding", "demo.error-correction",
                                        "demo.no-long-training")
