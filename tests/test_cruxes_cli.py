"""`argmap cruxes` and the crux analysis in the built graph: what the map's theses hinge on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import api
from argmap.cli import main
from argmap.query.named import named_queries
from tests.conftest import SOURCES, TINY_CLAIMS, write_map

# A second author who rejects the error-correction claim makes it contested.
CONTESTED = TINY_CLAIMS + """\
  - author: bob
    on: demo.error-correction
    stance: reject
    basis: stated
"""
THESIS = "thesis.long-horizon"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    return write_map(tmp_path, CONTESTED)


def run_json(capsys, *args: str) -> dict:
    assert main(["cruxes", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_is_one_object_of_theses_with_the_documented_fields(sources, capsys):
    doc = run_json(capsys, "--sources", str(sources))
    assert set(doc) == {"semantics", "fidelity", "theses"}
    (thesis,) = doc["theses"]
    assert {"id", "text", "standings", "declared", "fidelity", "cruxes"} <= set(thesis)
    assert thesis["id"] == THESIS and thesis["text"] == "Long-horizon agents need long-horizon training."
    assert thesis["declared"] == {"bob": {"stance": "accept", "basis": "inferred"}}
    assert set(thesis["standings"]) == {"alice", "bob", "lecun"}
    assert {"stated", "inferred", "not_reproduced"} <= set(thesis["fidelity"])
    crux = thesis["cruxes"][0]
    assert {"claim", "score", "swing", "contest", "rank", "explanation"} <= set(crux)
    assert [c["rank"] for c in thesis["cruxes"]] == list(range(1, len(thesis["cruxes"]) + 1))
    scores = [c["score"] for c in thesis["cruxes"]]
    assert scores == sorted(scores, reverse=True)
    claims = {c["id"] for c in json.loads(api.export(api.load_map(sources), "json"))["claims"]}
    assert {c["claim"] for c in thesis["cruxes"]} <= claims


def test_the_contested_claim_is_the_top_crux_and_explained_in_one_sentence(sources, capsys):
    top = run_json(capsys, "--sources", str(sources), "--thesis", THESIS)["theses"][0]["cruxes"][0]
    assert top["claim"] == "demo.error-correction"
    assert top["contest"] == pytest.approx(1.0)  # Alice accepts it, Bob rejects it
    text = top["explanation"]
    assert text.startswith("Settling ‘Error correction lets agents run long horizons.’ true would ")
    assert f"from {top['sigma']:.2f} to {top['sigma_hi']:.2f} in the pooled view" in text
    assert f"(false: {top['sigma_lo']:.2f})" in text and f"swing of {abs(top['swing']):.2f}" in text
    assert text.endswith("; Alice Example accepts it; Bob Example rejects it.")
    assert text.count("Error correction lets agents run long horizons.") == 1  # the gist once
    assert "Long-horizon agents need long-horizon training" not in text  # the thesis not at all


def test_an_uncontested_map_has_cruxes_with_zero_score(tmp_path, capsys):
    cruxes = run_json(capsys, "--sources", str(write_map(tmp_path)))["theses"][0]["cruxes"]
    assert cruxes and all(c["score"] == 0 for c in cruxes)
    assert all("nobody declares the opposite" in c["explanation"] for c in cruxes)


def test_top_limits_the_cruxes_per_thesis_and_zero_means_all(sources, capsys):
    assert len(run_json(capsys, "--sources", str(sources), "--top", "1")["theses"][0]["cruxes"]) == 1
    assert len(run_json(capsys, "--sources", str(sources), "--top", "0")["theses"][0]["cruxes"]) == 3


def test_overriding_a_stance_changes_the_ranking(sources, tmp_path, capsys):
    override = tmp_path / "stances.yaml"
    override.write_text("positions:\n  - author: bob\n    on: demo.error-correction\n"
                        "    stance: accept\n    basis: stated\n", encoding="utf-8")
    doc = run_json(capsys, "--sources", str(sources), "--stances", str(override))
    assert all(c["score"] == 0 for c in doc["theses"][0]["cruxes"])  # nobody disagrees any more


def test_stated_only_drops_inferred_stances(sources):
    m = api.load_map(sources)
    every = api.analyze(m).stances
    stated = api.analyze(m, stated_only=True).stances
    assert {s.basis for s in every} == {"stated", "inferred"}
    assert {s.basis for s in stated} == {"stated"}


def test_both_semantics_are_available_and_recorded(sources):
    m = api.load_map(sources)
    for semantics in ("qe", "dfquad"):
        report = api.analyze(m, semantics=semantics).reports[THESIS]
        assert report.semantics == semantics and report.converged


def test_fidelity_counts_declared_thesis_stances_by_basis(sources, capsys):
    # Bob accepts the thesis (inferred) and rejects error correction, which attacks the
    # compounding claim that supports the thesis... but Bob holds no claim of his own: the map
    # holds none of his reasons, so his acceptance is declared, not derived.
    doc = run_json(capsys, "--sources", str(sources))
    assert doc["fidelity"]["inferred"] == {"declared": 1, "reproduced": 0, "contradicted": 0,
                                           "underived": 1, "share": 0.0, "derivable_share": None}
    assert doc["fidelity"]["stated"]["declared"] == 0
    (missed,) = doc["theses"][0]["fidelity"]["not_reproduced"]
    assert missed["author"] == "bob" and missed["status"] == "underived"
    assert missed["explanation"] == ("The map holds none of Bob Example's reasons on this thesis: the "
                                     "acceptance is declared (inferred), not derived.")
    assert doc["theses"][0]["standings"]["bob"] is None  # no number that would contradict him


@pytest.mark.parametrize(("args", "message"), [
    (["--thesis", "thesis.nope"], "no thesis 'thesis.nope'"),
    (["--between", "alice", "zed"], "no author 'zed'"),
    (["--between", "alice", "Alice Example"], "two different authors"),
    (["--matrix", "thesis.nope"], "no thesis 'thesis.nope'"),
])
def test_unknown_names_are_clear_errors(sources, capsys, args, message):
    assert main(["cruxes", "--sources", str(sources), *args]) == 1
    assert message in capsys.readouterr().err


def test_between_and_matrix_exclude_each_other(sources, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["cruxes", "--sources", str(sources), "--between", "alice", "bob", "--matrix", THESIS])
    assert exit_.value.code == 2


def test_between_json_has_authors_and_points_in_the_issue_shape(sources, capsys):
    doc = run_json(capsys, "--sources", str(sources), "--between", "Alice Example", "bob")
    assert doc["authors"] == ["alice", "bob"]
    (point,) = doc["points"]  # Bob rejects the claim Alice wrote
    assert {"claim", "thesis", "kind", "score", "quotes", "explanation", "double_crux"} <= set(point)
    assert point["claim"] == "demo.error-correction" and point["thesis"] == THESIS
    # settled as Bob holds it, Alice moves toward him; as Alice holds it, Bob moves toward her
    assert point["kind"] == "stance" and point["double_crux"] is True
    assert point["quotes"] == {"alice": {"claim": "demo.error-correction",
                                         "text": "error correction enables long horizons"},
                               "bob": None}  # Bob's rejection has no words of his in the map
    assert point["stances"]["alice"]["side"] == "accepts"
    assert point["stances"]["bob"]["side"] == "rejects"
    assert point["chain"][-1]["to"] == THESIS
    side = next(s for s in doc["sides"] if s["thesis"] == THESIS)
    assert side["opposite"] and side["bob"] == {"side": "accept", "basis": "declared", "standing": None}
    assert point["explanation"].startswith("Settled as Bob Example holds it (false), ‘Error correction")


def test_between_text_names_both_authors_the_kind_and_the_quotes(sources, capsys):
    assert main(["cruxes", "--sources", str(sources), "--between", "alice", "bob"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Alice Example and Bob Example part ways on 1 point (1 opposite stance, "
                          "0 attacks, 0 disputed reasons; 1 strict double crux)")
    assert "[stance] demo.error-correction  →  thesis.long-horizon" in out
    assert "chain: demo.error-correction —attacks→ demo.compounding —supports→ thesis.long-horizon" in out
    # how each side is known, as a debater may repeat it: a side the annotator inferred is
    # "our reading", never "declared"
    assert "Alice Example accepts it (their own claim): “error correction enables long horizons”" in out
    assert "Bob Example rejects it (stated): no quote in the map" in out
    assert "Bob Example accepts (our reading, no reasons in the map)" in out


def test_between_text_says_how_a_side_s_own_claim_bears_on_the_point_and_in_whose_reading(capsys):
    assert main(["cruxes", "--sources", str(SOURCES), "--between", "karpathy", "aschenbrenner"]) == 0
    out = capsys.readouterr().out
    quote = out.index("“AGI was a system you can go to")
    assert out[quote:].split("\n", 2)[1] == (
        "       their claim attacks it (our reading): By Karpathy's guess remote knowledge work is only "
        "10-20% of the economy, so automating all of it still leaves most of the economy untouched.")


def test_between_text_says_whose_words_a_reported_view_is_in(capsys):
    assert main(["cruxes", "--sources", str(SOURCES), "--between", "karpathy", "sutton"]) == 0
    out = capsys.readouterr().out
    assert ("Richard Sutton accepts it (their own claim): “I do feel like Sutton basically has a very"
            in out)
    assert "(karpathy-podcast.sutton-build-animals, words of Andrej Karpathy reporting the view)" in out


def test_matrix_json_and_text_show_who_accepts_rejects_or_is_silent(sources, capsys):
    doc = run_json(capsys, "--sources", str(sources), "--matrix", THESIS)
    assert doc["thesis"] == THESIS
    assert [c["rank"] for c in doc["cruxes"]] == [1, 2, 3]
    rows = {a["id"]: [cell["stance"] for cell in a["cells"]] for a in doc["authors"]}
    ranked = [c["claim"] for c in doc["cruxes"]]
    col = ranked.index("demo.error-correction")
    assert rows["alice"][col] == "accepts" and rows["bob"][col] == "rejects"
    assert rows["lecun"][ranked.index("demo.compounding")] == "accepts"
    assert rows["lecun"][col] == "silent"
    assert main(["cruxes", "--sources", str(sources), "--matrix", THESIS]) == 0
    text = capsys.readouterr().out
    assert "Who holds what on the top 3 cruxes of thesis.long-horizon" in text
    assert any(line.startswith("Alice Example") for line in text.splitlines())


def test_build_writes_the_analysis_as_rdf_and_a_report(sources, tmp_path):
    out = tmp_path / "graph"
    api.build(sources, out)
    report = (out / "cruxes.md").read_text(encoding="utf-8")
    assert "Long-horizon agents need long-horizon training." in report
    assert "Error correction lets agents run long horizons." in report
    assert "## Stance fidelity" in report and "| inferred | 1 | 0 | 0 | 1 | 0.00 | — |" in report
    rows = api.query(named_queries()["top-cruxes"].text, out).rows
    assert rows[0][:3] == (THESIS, "1", "demo.error-correction")
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


def test_output_cut_short_by_its_reader_is_no_error():
    # `argmap cruxes | head -1` printed "error: Broken pipe"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "argmap.cli", "cruxes", "--sources", str(SOURCES)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as head does
    _, err = proc.communicate(timeout=300)
    assert err == b""
