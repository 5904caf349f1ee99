"""graph/analysis.ttl: the whole ranking, verdicts and fidelity, valid against its shipped shapes."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
import rdflib
from pyshacl import validate

from argmap import api
from argmap.rdf.vocab import ARGMAP
from tests.conftest import GRAPH, REPO, write_map

SHAPES = rdflib.Graph().parse(
    data=resources.files("argmap.rdf.shapes").joinpath("analysis.ttl").read_text(encoding="utf-8"),
    format="turtle")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("analysis")
    out = root / "graph"
    api.build(write_map(root), out)
    return out


def test_the_built_analysis_conforms_to_the_shipped_shapes(built):
    conforms, _, report = validate(rdflib.Graph().parse(built / "analysis.ttl"), shacl_graph=SHAPES)
    assert conforms, report


def test_the_committed_analysis_conforms_to_the_shipped_shapes():
    conforms, _, report = validate(rdflib.Graph().parse(GRAPH / "analysis.ttl"), shacl_graph=SHAPES)
    assert conforms, report


def test_the_shapes_reject_an_unreproduced_stance_without_its_explanation(built):
    g = rdflib.Graph().parse(built / "analysis.ttl")
    standing = next(g.subjects(ARGMAP.verdict, ARGMAP.underived))
    g.remove((standing, ARGMAP.explanation, None))
    assert not validate(g, shacl_graph=SHAPES)[0]


def test_the_shapes_reject_a_declared_stance_without_a_verdict(built):
    g = rdflib.Graph().parse(built / "analysis.ttl")
    standing = next(g.subjects(ARGMAP.declaredStance, None))
    g.remove((standing, ARGMAP.verdict, None))
    g.remove((standing, ARGMAP.explanation, None))
    assert not validate(g, shacl_graph=SHAPES)[0]


def test_the_analysis_holds_the_whole_ranking_of_every_thesis():
    g = rdflib.Graph().parse(GRAPH / "analysis.ttl")
    for assessment in g.subjects(rdflib.RDF.type, ARGMAP.ThesisAssessment):
        thesis = g.value(assessment, ARGMAP.thesis)
        ranked = set(g.subjects(ARGMAP.thesis, thesis)) & set(g.subjects(rdflib.RDF.type, ARGMAP.Crux))
        assert len(ranked) == int(g.value(assessment, ARGMAP.candidates)) > 50


def readme_queries() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sparql\n(.*?)```", text, re.S)[1]
    return [q.strip() for q in re.split(r"\n\n(?=# )", block) if q.strip()]


@pytest.mark.parametrize("query", readme_queries(), ids=lambda q: q.splitlines()[0][2:40])
def test_the_readmes_example_queries_run_on_the_committed_map(query):
    rows = api.query(query, GRAPH).rows
    assert rows, "every documented example returns rows on the committed map"
