"""The on-disk store: `build --store` fills it once, `query --store` reuses it, same rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap import api
from argmap.cli import main
from argmap.query.named import named_queries
from tests.conftest import write_map


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("store")
    out, store = root / "graph", root / "graph" / ".store"
    assert main(["build", "--sources", str(write_map(root)), "--out", str(out),
                 "--store", str(store)]) == 0
    return out, store


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_the_disk_store_gives_the_rows_of_both_in_memory_engines(built, name):
    out, store = built
    query = named_queries()[name].text
    on_disk = api.query(query, out, store=store)
    for engine in ("oxigraph", "rdflib"):
        in_memory = api.query(query, out, engine=engine)
        assert on_disk.variables == in_memory.variables
        assert on_disk.sorted_rows() == in_memory.sorted_rows()


def test_a_store_older_than_the_built_map_is_refused(tmp_path, capsys):
    out, store = tmp_path / "graph", tmp_path / "graph" / ".store"
    sources = write_map(tmp_path)
    assert main(["build", "--sources", str(sources), "--out", str(out), "--store", str(store)]) == 0
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 0  # store not refreshed
    (out / "argmap.ttl").write_text((out / "argmap.ttl").read_text() + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["query", "--named", "attacks", "--out", str(out), "--store", str(store)]) == 1
    assert "older than the built map" in capsys.readouterr().err


def test_a_rebuild_replaces_the_store(tmp_path):
    out, store = tmp_path / "graph", tmp_path / "graph" / ".store"
    sources = write_map(tmp_path)
    api.build(sources, out, store=store)
    claims = sources / "demo" / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").split("relations:")[0], encoding="utf-8")
    api.build(sources, out, store=store)
    rows = api.query("SELECT ?a WHERE { ?a argmap:attacks ?b }", out, store=store).rows
    assert rows == ()
    assert sorted(p.name for p in tmp_path.joinpath("graph").iterdir() if p.name.startswith(".")) \
        == [".store"]


def test_querying_a_missing_store_says_how_to_make_it(tmp_path, built, capsys):
    out, _ = built
    assert main(["query", "--named", "attacks", "--out", str(out), "--store", str(tmp_path / "x")]) == 1
    assert "argmap build --store" in capsys.readouterr().err
