"""argmap.api as a researcher calls it from a notebook: data back, and every mistake an ArgmapError."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argmap import api
from argmap.cli import main
from argmap.errors import ArgmapError
from argmap.sources.yamlio import read
from tests.conftest import SOURCES, write_map

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


@pytest.fixture(scope="module")
def five_sources():
    return api.load_map(SOURCES)


OTHER = "thesis.rl-scales"


@pytest.mark.parametrize("call", [
    lambda m, a: api.cruxes(m, thesis=OTHER, analysis=a),
    lambda m, a: api.crux(m, 1, thesis=OTHER, analysis=a),
    lambda m, a: api.cruxes_json(m, thesis=OTHER, analysis=a),
    lambda m, a: api.matrix(m, OTHER, analysis=a),
    lambda m, a: api.export(m, "md", thesis=OTHER, analysis=a),
    lambda m, a: api.export(m, "md", thesis=OTHER, crux=1, analysis=a),
], ids=["cruxes", "crux", "cruxes_json", "matrix", "export", "export-crux"])
def test_an_analysis_of_one_thesis_reused_for_another_is_refused_not_a_keyerror_or_an_empty_answer(
        five_sources, call):
    only_ie = api.analyze(five_sources, thesis="thesis.ie-soon")
    with pytest.raises(ArgmapError, match=f"the analysis given covers thesis.ie-soon, not '{OTHER}'"):
        call(five_sources, only_ie)


def test_a_whole_map_analysis_reused_for_one_thesis_gives_what_the_thesis_alone_gives(five_sources):
    everything = api.analyze(five_sources)
    assert (api.cruxes_json(five_sources, thesis=OTHER, top=3, analysis=everything)
            == api.cruxes_json(five_sources, thesis=OTHER, top=3))
    assert (api.cruxes(five_sources, thesis=OTHER, top=3, analysis=everything)
            == api.cruxes(five_sources, thesis=OTHER, top=3))


ESSAY = ("Scaling will not bring an intelligence explosion soon. Data is running out, because the web "
         "has been scraped. But synthetic data may help.\n\nCompute keeps getting cheaper, so labs can "
         "afford bigger runs. However, power plants take years to build.\n")


def test_a_text_drafted_as_a_string_gets_the_claims_argmap_draft_writes_for_it_as_a_source(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources, ignore=shutil.ignore_patterns("draft*.yaml"))
    (tmp_path / "essay.txt").write_text(ESSAY)
    folder = api.add(tmp_path / "essay.txt", sources, title="Walls", authors="Jane Doe", kind="essay")
    (written,) = api.draft(sources, [folder.name])
    on_disk = read(written.path)["claims"]

    d = api.draft_text(ESSAY, api.load_map(SOURCES), kind="essay")
    assert [(u.text, u.kind, round(u.confidence, 2)) for u in d.units] == [
        (c["quote"], c["kind"], c["confidence"]) for c in on_disk]
    assert all(ESSAY[u.start:u.end] == u.text for u in d.units)


def test_drafting_a_string_as_a_source_kind_that_does_not_exist_is_refused():
    with pytest.raises(ArgmapError, match="unknown kind 'blog'"):
        api.draft_text("Data is running out.", kind="blog")


def test_help_on_the_api_shows_every_function_and_class_the_cli_calls():
    import pydoc
    import re

    called = set(re.findall(r"\bapi\.(\w+)", (SOURCES.parent / "src/argmap/cli.py").read_text()))
    shown = pydoc.render_doc(api, renderer=pydoc.plaintext)
    missing = [n for n in sorted(called) if hasattr(api, n) and callable(getattr(api, n))
               and not re.search(rf"^ *(class )?{n}\(", shown, re.M)]
    assert missing == []
