"""The arg-microtexts loader reads text, units, central claim and the reduced relation tree."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.microtexts import load, load_corpus

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpora" / "microtexts-en"
SAMPLE = ("micro_b001", "micro_b002", "micro_k001", "micro_d01")

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="arg-microtexts corpus not present")


def _xml_counts(path: Path) -> tuple[int, int, int]:
    root = ET.parse(path).getroot()
    edges = [e for e in root.findall("edge") if e.get("type") != "seg"]
    return len(root.findall("edu")), len(root.findall("adu")), len(edges)


@pytest.mark.parametrize("name", SAMPLE)
def test_counts_of_edus_adus_and_relations_match_the_xml(name: str) -> None:
    path = CORPUS / f"{name}.xml"
    mt = load(path)
    n_edu, n_adu, n_edges = _xml_counts(path)
    assert (len(mt.edus), len(mt.adus), len(mt.relations)) == (n_edu, n_adu, n_edges)


@pytest.mark.parametrize("name", SAMPLE)
def test_edu_and_adu_offsets_slice_the_text(name: str) -> None:
    mt = load(CORPUS / f"{name}.xml")
    for edu in mt.edus:
        assert mt.text[edu.start : edu.end] == edu.text
    for adu in mt.adus:
        assert mt.adu_text(adu.id).startswith(mt.text[adu.start : adu.start + 10])
        assert adu.start < adu.end


@pytest.mark.parametrize("name", SAMPLE)
def test_every_unit_but_the_central_claim_has_exactly_one_outgoing_relation(name: str) -> None:
    mt = load(CORPUS / f"{name}.xml")
    sources = [r.source for r in mt.relations]
    assert mt.central_claim not in sources
    assert sorted(sources) == sorted(a.id for a in mt.adus if a.id != mt.central_claim)


def test_undercut_attacks_the_source_of_the_edge_and_add_supports_the_first_premise() -> None:
    # micro_b001: a1 rebuts a5; a3 undercuts that edge (c1); a4 is an extra premise of c3
    mt = load(CORPUS / "micro_b001.xml")
    rel = {r.source: (r.target, r.type, r.original) for r in mt.relations}
    assert mt.central_claim == "a5"
    assert rel["a1"] == ("a5", "attack", "reb")
    assert rel["a3"] == ("a1", "attack", "und")
    assert rel["a4"] == ("a3", "support", "add")
    assert [a.role for a in mt.adus] == ["opp", "opp", "pro", "pro", "pro"]


def test_whole_corpus_loads_with_the_published_totals() -> None:
    corpus = load_corpus(CORPUS)
    assert len(corpus) == 112
    assert sum(len(m.adus) for m in corpus) == 576
    kinds = [r.type for m in corpus for r in m.relations]
    assert (kinds.count("support"), kinds.count("attack")) == (293, 171)
