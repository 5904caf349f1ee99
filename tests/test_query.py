"""`argmap query`: shipped queries give the same rows on Oxigraph and rdflib; input stays data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from argmap import api
from argmap.cli import main
from argmap.query.local import Engine
from argmap.query.named import named_queries
from tests.conftest import GRAPH


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import write_map
    root = tmp_path_factory.mktemp("q")
    api.build(write_map(root), root / "graph")
    return root / "graph"


def graphs_to_check(built: Path) -> list[Path]:
    """The tiny map, and the committed five-source map when it has been built."""
    return [built] + ([GRAPH] if (GRAPH / "argmap.ttl").exists() else [])


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_shipped_query_gives_the_same_rows_on_both_engines(built, name):
    query = named_queries()[name].text
    for graph in graphs_to_check(built):
        files = [graph / "argmap.ttl", graph / "analysis.ttl"]
        ox_rows = Engine(files, "oxigraph").select(query)
        rdflib_rows = Engine(files, "rdflib").select(query)
        assert ox_rows.variables == rdflib_rows.variables
        assert ox_rows.sorted_rows() == rdflib_rows.sorted_rows()
        if graph == built:
            assert ox_rows.rows, f"{name} returns nothing on the tiny map"


def test_the_shipped_queries_are_listed_with_titles(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    assert "cross-author-disagreements" in out and "What attacks what" in out


def test_what_attacks_a_claim_binds_the_claim_as_data(built, capsys):
    assert main(["query", "--named", "attacks", "--bind", "target=demo.compounding",
                 "--out", str(built), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert [r["attacker"] for r in rows] == ["demo.error-correction"]


def test_a_hostile_binding_is_data_not_query_text(built, capsys):
    hostile = 'x> } ; DELETE WHERE { ?s ?p ?o } #'
    for engine in ("oxigraph", "rdflib"):
        assert main(["query", "--named", "attacks", "--bind", f"target={hostile}",
                     "--out", str(built), "--engine", engine, "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)["rows"] == []


def test_cross_author_disagreements_find_the_rebuttal_of_a_reported_view(built):
    result = api.query(named_queries()["cross-author-disagreements"].text, built)
    assert [(r[0], r[2]) for r in result.rows] == [("Alice Example", "Yann LeCun")]


def test_results_print_as_table_csv_and_json(built, capsys):
    q = "SELECT ?id WHERE { ?t a argmap:Thesis ; argmap:localId ?id }"
    main(["query", q, "--out", str(built)])
    table = capsys.readouterr().out.splitlines()
    assert table[0].strip() == "id" and table[2] == "thesis.long-horizon" and table[-1] == "(1 row)"
    main(["query", q, "--out", str(built), "--format", "csv"])
    assert list(csv.reader(io.StringIO(capsys.readouterr().out))) == [["id"], ["thesis.long-horizon"]]
    main(["query", q, "--out", str(built), "--format", "json"])
    assert json.loads(capsys.readouterr().out) == {"variables": ["id"],
                                                   "rows": [{"id": "thesis.long-horizon"}]}


def test_a_syntax_error_is_reported_not_raised(built, capsys):
    assert main(["query", "SELECT ?x WHERE { ?x", "--out", str(built)]) == 1
    assert "SPARQL error" in capsys.readouterr().err


def test_querying_an_unbuilt_map_says_to_build_first(tmp_path, capsys):
    assert main(["query", "--named", "attacks", "--out", str(tmp_path)]) == 1
    assert "run `argmap build` first" in capsys.readouterr().err
