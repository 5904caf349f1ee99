"""`argmap cruxes` and the crux analysis in the built graph: what the map's theses hinge on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap import api
from argmap.cli import main
from argmap.query.named import named_queries
from tests.conftest import TINY_CLAIMS, write_map

# A second author who rejects the error-correction claim makes it contested.
CONTESTED = TINY_CLAIMS + """\
  - author: bob
    on: demo.error-correction
    stance: reject
    basis: stated
"""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    return write_map(tmp_path, CONTESTED)


def cruxes_json(capsys, *args: str) -> list[dict]:
    assert main(["cruxes", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_lists_cruxes_best_first_with_the_documented_fields(sources, capsys):
    rows = cruxes_json(capsys, "--sources", str(sources))
    assert rows, "the tiny map has cruxes"
    assert {"rank", "claim", "thesis", "score", "swing", "contest", "explanation"} <= set(rows[0])
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    claims = {c["id"] for c in json.loads(api.export(api.load_map(sources), "json"))["claims"]}
    assert {r["claim"] for r in rows} <= claims


def test_the_contested_claim_is_the_top_crux_and_explained_with_its_numbers(sources, capsys):
    top = cruxes_json(capsys, "--sources", str(sources), "--thesis", "thesis.long-horizon")[0]
    assert top["claim"] == "demo.error-correction"
    assert top["contest"] == pytest.approx(1.0)  # Alice accepts it, Bob rejects it
    assert "split 1–1" in top["explanation"]
    assert f"{abs(top['swing']):.2f}-point swing" in top["explanation"]


def test_an_uncontested_map_has_cruxes_with_zero_score(tmp_path, capsys):
    rows = cruxes_json(capsys, "--sources", str(write_map(tmp_path)))
    assert all(r["score"] == 0 for r in rows)
    assert all("not contested" in r["explanation"] for r in rows)


def test_overriding_a_stance_changes_the_ranking(sources, tmp_path, capsys):
    override = tmp_path / "stances.yaml"
    override.write_text("positions:\n  - author: bob\n    on: demo.error-correction\n"
                        "    stance: accept\n    basis: stated\n", encoding="utf-8")
    rows = cruxes_json(capsys, "--sources", str(sources), "--stances", str(override))
    assert all(r["score"] == 0 for r in rows)  # nobody disagrees any more


def test_stated_only_drops_inferred_stances(sources):
    m = api.load_map(sources)
    every = api.analyze(m).stances
    stated = api.analyze(m, stated_only=True).stances
    assert {s.basis for s in every} == {"stated", "inferred"}
    assert {s.basis for s in stated} == {"stated"}


def test_both_semantics_are_available_and_recorded(sources):
    m = api.load_map(sources)
    for semantics in ("qe", "dfquad"):
        report = api.analyze(m, semantics=semantics).reports["thesis.long-horizon"]
        assert report.semantics == semantics and report.converged


@pytest.mark.parametrize(("args", "message"), [
    (["--thesis", "thesis.nope"], "no thesis 'thesis.nope'"),
    (["--between", "alice", "zed"], "no author 'zed'"),
])
def test_unknown_names_are_clear_errors(sources, capsys, args, message):
    assert main(["cruxes", "--sources", str(sources), *args]) == 1
    assert message in capsys.readouterr().err


def test_build_writes_the_analysis_as_rdf_and_a_report(sources, tmp_path):
    out = tmp_path / "graph"
    api.build(sources, out)
    report = (out / "cruxes.md").read_text(encoding="utf-8")
    assert "Long-horizon agents need long-horizon training." in report
    assert "Error correction lets agents run long horizons." in report
    rows = api.query(named_queries()["top-cruxes"].text, out).rows
    assert rows[0][:3] == ("thesis.long-horizon", "1", "demo.error-correction")
    assert {r[6] for r in rows} == {"qe"}
    method = api.query("SELECT ?k WHERE { ?run a argmap:CruxAnalysis ; argmap:kappa ?k }", out)
    assert method.rows == (("0.8",),)


def test_the_merged_ranking_leads_with_each_thesis_main_fault_line():
    from tests.conftest import SOURCES

    m = api.load_map(SOURCES)
    ranked = api.cruxes(m)
    firsts = ranked[:len(m.theses)]
    assert {c.thesis for c in firsts} == {t.id for t in m.theses}
    assert all(c.rank == 1 for c in firsts)
    assert [c.score for c in firsts] == sorted((c.score for c in firsts), reverse=True)
