"""The committed map in graph/ is exactly what sources/ builds (CI fails on a stale graph/)."""

from __future__ import annotations

from argmap import api
from tests.conftest import GRAPH, SOURCES


def test_graph_folder_is_what_the_sources_build(tmp_path):
    api.build(SOURCES, tmp_path)
    built = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_bytes() for p in GRAPH.iterdir() if not p.name.startswith(".")}
    assert sorted(committed) == sorted(built), "graph/ has other files than a build writes"
    stale = [name for name in built if built[name] != committed[name]]
    assert not stale, f"graph/ is stale ({', '.join(stale)}): run `make map` and commit graph/"
