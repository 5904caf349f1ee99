"""argmap.api as a researcher calls it from a notebook: data back, and every mistake an ArgmapError."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap import api
from argmap.cli import main
from argmap.errors import ArgmapError
from tests.conftest import write_map

THESIS = "thesis.long-horizon"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    return write_map(tmp_path)


@pytest.mark.parametrize("call", [
    lambda m: api.cruxes(m, thesis=THESIS, top=-1),
    lambda m: api.cruxes_json(m, top=-1),
    lambda m: api.matrix(m, THESIS, top=-1),
    lambda m: api.double_cruxes(m, "alice", "bob", top=-1),
])
def test_a_negative_top_is_refused_not_read_as_all_but_the_last(sources, call):
    with pytest.raises(ArgmapError, match="top must be 0 or more, not -1"):
        call(api.load_map(sources))


@pytest.mark.parametrize("args", [["--thesis", THESIS], ["--between", "alice", "bob"], ["--matrix", THESIS]])
def test_cruxes_top_below_zero_is_a_usage_error(sources, capsys, args):
    with pytest.raises(SystemExit) as exit_:
        main(["cruxes", "--sources", str(sources), "--top", "-2", *args])
    assert exit_.value.code == 2
    assert "--top: must be 0 or more, not -2" in capsys.readouterr().err


@pytest.mark.parametrize("call", [api.draft, api.accept])
def test_drafting_or_accepting_in_a_missing_sources_folder_names_the_folder(tmp_path, call):
    with pytest.raises(ArgmapError, match="nope: no such sources folder"):
        call(tmp_path / "nope")


@pytest.mark.parametrize(("text", "why"), [
    ("not json", "not AIF JSON: not JSON"),
    ("[1, 2]", "expected an object with 'nodes'"),
    ('{"nodes": [{"type": "I", "text": "x"}], "edges": []}', "KeyError: 'nodeID'"),
])
def test_reading_something_that_is_not_aif_says_what_aif_json_holds(text, why):
    with pytest.raises(ArgmapError, match=why):
        api.read_aif(text)


def test_reading_our_own_aif_export_gives_its_statements_back(sources):
    m = api.load_map(sources)
    graph = api.read_aif(api.export(m, "aif"))
    assert sorted(graph.statements.values()) == sorted([c.gist for c in m.claims] + [t.text for t in m.theses])


def test_a_quote_not_found_names_the_text_in_the_sources_folder_given(tmp_path):
    sources = write_map(tmp_path / "corpus-b")
    claims = sources / "demo" / "claims.yaml"
    claims.write_text(claims.read_text().replace("enables long horizons", "enables short horizons"))
    with pytest.raises(ArgmapError) as error:
        api.load_map(sources)
    assert f"quote not found in {sources / 'demo' / 'text.txt'};" in str(error.value)
