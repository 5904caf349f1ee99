"""docs/vocabulary.md is true: every query in it answers on the built map, and every argmap:
term the build writes is on the page."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from argmap import api
from argmap.query.local import Engine
from tests.conftest import REPO, SOURCES

PAGE = REPO / "docs" / "vocabulary.md"
QUERIES = re.findall(r"```sparql\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("vocabulary") / "graph"
    api.build(SOURCES, out)
    return out


@pytest.fixture(scope="module")
def engine(built: Path) -> Engine:
    return Engine([built / "argmap.ttl", built / "analysis.ttl"])


@pytest.mark.parametrize("n", range(len(QUERIES)))
def test_every_example_query_answers_on_the_built_map(engine, n):
    assert engine.select(QUERIES[n]).rows, QUERIES[n]


def test_every_argmap_term_the_build_writes_is_documented(built):
    store = ox.Store()
    for name in ("argmap.ttl", "analysis.ttl"):
        store.bulk_load(path=str(built / name), format=ox.RdfFormat.TURTLE)
    ns = "https://w3id.org/argmap/ns#"
    used = {t.value[len(ns):] for quad in store for t in (quad.predicate, quad.object)
            if isinstance(t, ox.NamedNode) and t.value.startswith(ns)}
    page = PAGE.read_text(encoding="utf-8")
    assert len(used) > 60
    assert sorted(t for t in used if f"argmap:{t}" not in page) == []
