"""`argmap query`: both engines give the same rows, --bind is data on both, results come in the
W3C formats, errors point into the user's text, and a runaway query is stopped."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import time
from pathlib import Path

import jsonschema
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.query import Result as RdflibResult

from argmap import api
from argmap.cli import main
from argmap.errors import ArgmapError
from argmap.query.local import Engine
from argmap.query.named import named_queries
from argmap.query.results import XSD, Kind, literal_kind
from argmap.rdf.vocab import node_ref
from tests.conftest import GRAPH

ENGINES = ("oxigraph", "rdflib")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import write_map
    root = tmp_path_factory.mktemp("q")
    api.build(write_map(root), root / "graph")
    return root / "graph"


def as_oxigraph_stores(kinds: tuple[Kind | None, ...]) -> tuple[Kind | None, ...]:
    """Term types as Oxigraph reports them: it stores an xsd:nonNegativeInteger as xsd:integer."""
    return tuple(literal_kind(XSD + "integer") if k and k.datatype == XSD + "nonNegativeInteger" else k
                 for k in kinds)


def graphs_to_check(built: Path) -> list[Path]:
    """The tiny map, and the committed five-source map when it has been built."""
    return [built] + ([GRAPH] if (GRAPH / "argmap.ttl").exists() else [])


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["query", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_shipped_query_gives_the_same_rows_on_both_engines(built, name):
    query = named_queries()[name].text
    for graph in graphs_to_check(built):
        files = [graph / "argmap.ttl", graph / "analysis.ttl"]
        ox_rows = Engine(files, "oxigraph").select(query)
        rdflib_rows = Engine(files, "rdflib").select(query)
        assert ox_rows.variables == rdflib_rows.variables
        assert ox_rows.sorted_rows() == rdflib_rows.sorted_rows()
        assert sorted(zip(ox_rows.rows, ox_rows.kinds, strict=True)) == \
            sorted(zip(rdflib_rows.rows, map(as_oxigraph_stores, rdflib_rows.kinds), strict=True))
        if graph == built:
            assert ox_rows.rows, f"{name} returns nothing on the tiny map"


def test_the_shipped_queries_are_listed_with_titles(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    assert "cross-author-disagreements" in out and "What attacks what" in out


# --- --bind: data, for any variable, the same on both engines -----------------------------------

SUPPORTERS = "SELECT ?supporter WHERE { ?supporter argmap:supports ?target }"
BIND_CASES = {
    # the issue's query: ?target is bound but not projected (Oxigraph's substitution refused it)
    "not projected": (SUPPORTERS, "target=demo.no-long-training", [("demo.error-correction",)]),
    "projected": ("SELECT ?supporter ?target WHERE { ?supporter argmap:supports ?target }",
                  "target=demo.no-long-training",
                  [("demo.error-correction", "demo.no-long-training")]),
    "in a filter": ("SELECT ?s WHERE { ?s argmap:supports ?o FILTER(?o = ?target) }",
                    "target=thesis.long-horizon", [("demo.compounding",)]),
    "in an optional": ("SELECT ?c ?why WHERE { ?c a argmap:Claim . "
                       "OPTIONAL { ?r aif:Premise ?c ; aif:Conclusion ?target ; argmap:rationale ?why } } ",
                       "target=demo.compounding",
                       [("demo.compounding", None), ("demo.error-correction", "Correcting"),
                        ("demo.no-long-training", None)]),
    "selected by a subquery": ("SELECT ?n WHERE { { SELECT ?target (COUNT(?s) AS ?n) WHERE "
                               "{ ?s argmap:supports ?target } GROUP BY ?target } }",
                               "target=demo.no-long-training", [("1",)]),
    "as $var": ("SELECT $s WHERE { $s argmap:attacks $t }", "t=demo.compounding",
                [("demo.error-correction",)]),
    "a full IRI": (SUPPORTERS, f"target={node_ref('thesis', 'thesis.long-horizon')}", [("demo.compounding",)]),
}


def short(value: str | None) -> str | None:
    """An IRI by its last segment, a long text by its first word: rows that read well in a test."""
    if value is None:
        return None
    return value.rsplit("/", 1)[-1] if "://" in value else value.split()[0]


@pytest.mark.parametrize("case", sorted(BIND_CASES))
def test_a_binding_gives_the_same_rows_on_both_engines(built, case):
    query, binding, expected = BIND_CASES[case]
    name, value = binding.split("=", 1)
    for engine in ENGINES:
        result = api.query(query, built, engine=engine, bindings={name: value})
        assert sorted(tuple(map(short, r)) for r in result.rows) == expected, engine


@pytest.mark.skipif(not (GRAPH / "argmap.ttl").exists(), reason="graph/ not built")
def test_the_issues_binding_gives_the_same_supporters_on_both_engines_of_the_five_source_map():
    rows = [sorted(api.query(SUPPORTERS, GRAPH, engine=engine,
                             bindings={"target": "lambert.too-correlated-with-compute"}).rows)
            for engine in ENGINES]
    assert rows[0] == rows[1] and len(rows[0]) == 3


def test_what_attacks_a_claim_binds_the_claim_as_data(built, capsys):
    code, out, _ = run(capsys, "--named", "attacks", "--bind", "target=demo.compounding",
                       "--out", str(built), "--format", "json")
    assert code == 0
    bindings = json.loads(out)["results"]["bindings"]
    assert [b["attacker"]["value"] for b in bindings] == ["demo.error-correction"]
    assert [b["attacked"]["value"] for b in bindings] == ["demo.compounding"]  # an id like the attacker's, no IRI
    assert [b["provenance"]["value"] for b in bindings] == ["stated"]  # the author's link, not our reading


@pytest.mark.parametrize("engine", ENGINES)
def test_a_misspelt_variable_is_an_error_naming_it_not_every_row(built, capsys, engine):
    code, out, err = run(capsys, SUPPORTERS, "--bind", "targt=demo.no-long-training",
                         "--out", str(built), "--engine", engine)
    assert code == 1 and out == ""
    assert "the query has no variable ?targt" in err and "?target" in err


@pytest.mark.parametrize("engine", ENGINES)
def test_a_variable_a_subquery_keeps_to_itself_cannot_be_bound(built, capsys, engine):
    query = "SELECT ?n WHERE { { SELECT (COUNT(?s) AS ?n) WHERE { ?s argmap:supports ?target } } }"
    code, _, err = run(capsys, query, "--bind", "target=demo.no-long-training", "--out", str(built),
                       "--engine", engine)
    assert code == 1 and "?target is local to a subquery" in err


@pytest.mark.parametrize("engine", ENGINES)
def test_a_variable_the_query_assigns_itself_cannot_be_bound(built, capsys, engine):
    query = "SELECT ?x WHERE { ?s ?p ?o BIND(STR(?o) AS ?x) } LIMIT 1"
    code, _, err = run(capsys, query, "--bind", "x=demo.compounding", "--out", str(built), "--engine", engine)
    assert code == 1 and "the query gives ?x its value itself" in err


@pytest.mark.parametrize("query", ["SELECT (SUM(?q) AS ?n) WHERE { ?c argmap:quote ?q }",
                                   'SELECT ?q WHERE { ?c argmap:quote ?q FILTER(REGEX(?q, "(")) }'])
def test_a_query_rdflib_cannot_evaluate_is_an_error_not_a_traceback(built, capsys, query):
    code, _, err = run(capsys, query, "--out", str(built), "--engine", "rdflib")
    assert code == 1 and "error: SPARQL error (rdflib)" in err and "Traceback" not in err


@pytest.mark.parametrize("engine", ENGINES)
def test_a_misspelt_id_is_an_error_naming_it_not_zero_rows(built, capsys, engine):
    code, out, err = run(capsys, SUPPORTERS, "--bind", "target=demo.no-long-trainin",
                         "--out", str(built), "--engine", engine)
    assert code == 1 and out == ""
    assert "no claim or thesis 'demo.no-long-trainin' in the map" in err


@pytest.mark.parametrize("engine", ENGINES)
def test_a_hostile_binding_is_data_not_query_text(built, capsys, engine):
    for hostile in ('x> } ; DELETE WHERE { ?s ?p ?o } #', 'http://x> } DELETE WHERE { ?s ?p ?o } #'):
        code, out, err = run(capsys, "--named", "attacks", "--bind", f"target={hostile}",
                             "--out", str(built), "--engine", engine)
        assert code == 1 and out == "" and "error: --bind target" in err
    assert api.query("ASK { ?s argmap:attacks ?o }", built).boolean is True  # the map is whole


def test_cross_author_disagreements_find_the_rebuttal_of_a_reported_view(built):
    result = api.query(named_queries()["cross-author-disagreements"].text, built)
    assert [(r[0], r[2]) for r in result.rows] == [("Alice Example", "Yann LeCun")]


# --- result formats --------------------------------------------------------------------------------

# The SPARQL 1.1 Query Results JSON Format (W3C Recommendation, 21 March 2013), sections 3.1-3.2.4,
# as a JSON Schema: head.vars/link, results.bindings of RDF terms, or a boolean.
SPARQL_RESULTS_SCHEMA = {
    "type": "object",
    "required": ["head"],
    "properties": {
        "head": {"type": "object", "properties": {
            "vars": {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z0-9_]+$"}},
            "link": {"type": "array", "items": {"type": "string"}}}},
        "results": {"type": "object", "required": ["bindings"], "properties": {
            "bindings": {"type": "array", "items": {
                "type": "object", "additionalProperties": {"$ref": "#/$defs/term"}}}}},
        "boolean": {"type": "boolean"},
    },
    "oneOf": [{"required": ["results"], "not": {"required": ["boolean"]}},
              {"required": ["boolean"], "not": {"required": ["results"]}}],
    "$defs": {"term": {"oneOf": [
        {"type": "object", "required": ["type", "value"], "additionalProperties": False,
         "properties": {"type": {"const": "uri"}, "value": {"type": "string"}}},
        {"type": "object", "required": ["type", "value"], "additionalProperties": False,
         "properties": {"type": {"const": "bnode"}, "value": {"type": "string"}}},
        {"type": "object", "required": ["type", "value"], "additionalProperties": False,
         "properties": {"type": {"const": "literal"}, "value": {"type": "string"},
                        "datatype": {"type": "string"}, "xml:lang": {"type": "string"}},
         "not": {"required": ["datatype", "xml:lang"]}},
    ]}},
}

TYPED = ("SELECT ?claim ?gist ?start ?kind WHERE { ?claim argmap:localId ?id ; rdfs:label ?gist ; "
         "argmap:kind ?kind . ?a oa:hasBody ?claim ; oa:hasTarget/oa:hasSelector ?s . ?s oa:start ?start }")


def native_terms(graph: Path, query: str, engine: str) -> set[tuple[tuple[str, object], ...]]:
    """The rows as rdflib terms, from the engine's own API: what the results must carry.

    (Oxigraph stores an ``xsd:nonNegativeInteger`` as the ``xsd:integer`` of the same value, so
    each engine is its own reference for datatypes.)
    """
    from argmap.query.local import PREFIX_IRIS

    if engine == "rdflib":
        g = rdflib.Graph().parse(graph / "argmap.ttl")
        return {tuple(sorted((str(k), v) for k, v in row.asdict().items()))
                for row in g.query(query, initNs=PREFIX_IRIS)}
    store = ox.Store()
    store.bulk_load(path=str(graph / "argmap.ttl"), format=ox.RdfFormat.TURTLE)
    solutions = store.query(query, prefixes=PREFIX_IRIS)
    names = [v.value for v in solutions.variables]

    def term(t: object) -> object:
        if isinstance(t, ox.Literal):
            plain = t.language or t.datatype.value == XSD + "string"
            return rdflib.Literal(t.value, lang=t.language or None,
                                  datatype=None if plain else rdflib.URIRef(t.datatype.value))
        return rdflib.URIRef(t.value)

    return {tuple(sorted((n, term(t)) for n, t in zip(names, sol, strict=True) if t is not None))
            for sol in solutions}


@pytest.mark.parametrize("engine", ENGINES)
def test_results_json_validates_and_reads_back_as_the_same_terms_in_two_parsers(built, engine):
    text = api.render(api.query(TYPED, built, engine=engine), "json")
    doc = json.loads(text)
    jsonschema.validate(doc, SPARQL_RESULTS_SCHEMA)
    assert doc["head"]["vars"] == ["claim", "gist", "start", "kind"]
    parsed = RdflibResult.parse(io.StringIO(text), format="json")
    theirs = {tuple(sorted((str(k), v) for k, v in row.asdict().items())) for row in parsed}
    assert theirs == native_terms(built, TYPED, engine)
    starts = {b["start"]["datatype"] for b in doc["results"]["bindings"]}
    assert starts == {"http://www.w3.org/2001/XMLSchema#" + (
        "nonNegativeInteger" if engine == "rdflib" else "integer")}
    assert {b["claim"]["type"] for b in doc["results"]["bindings"]} == {"uri"}
    assert all("datatype" not in b["gist"] for b in doc["results"]["bindings"])  # simple literals
    strict = ox.parse_query_results(text, format=ox.QueryResultsFormat.JSON)
    assert len(list(strict)) == len(theirs) == 3


@pytest.mark.parametrize("engine", ENGINES)
def test_results_xml_reads_back_as_the_same_terms_in_two_parsers(built, engine):
    text = api.render(api.query(TYPED, built, engine=engine), "xml")
    parsed = RdflibResult.parse(io.BytesIO(text.encode("utf-8")), format="xml")
    theirs = {tuple(sorted((str(k), v) for k, v in row.asdict().items())) for row in parsed}
    assert theirs == native_terms(built, TYPED, engine)
    strict = ox.parse_query_results(text, format=ox.QueryResultsFormat.XML)
    assert [v.value for v in strict.variables] == ["claim", "gist", "start", "kind"]


def test_an_ask_result_is_a_boolean_in_json_and_xml(built):
    for engine in ENGINES:
        result = api.query("ASK { ?c argmap:attacks ?d }", built, engine=engine)
        doc = json.loads(api.render(result, "json"))
        jsonschema.validate(doc, SPARQL_RESULTS_SCHEMA)
        assert doc == {"head": {}, "boolean": True}
        assert bool(ox.parse_query_results(api.render(result, "xml"), format=ox.QueryResultsFormat.XML))


def test_csv_and_tsv_follow_the_w3c_formats(built, capsys):
    q = "SELECT ?t ?text ?none WHERE { ?t a argmap:Thesis ; aif:claimText ?text OPTIONAL { ?t argmap:no ?none } }"
    code, out, _ = run(capsys, q, "--out", str(built), "--format", "csv")
    assert code == 0 and out.endswith("\r\n")  # CSV lines end in CRLF
    assert list(csv.reader(io.StringIO(out))) == [
        ["t", "text", "none"],
        [node_ref("thesis", "thesis.long-horizon"), "Long-horizon agents need long-horizon training.", ""]]
    code, out, _ = run(capsys, q, "--out", str(built), "--format", "tsv")
    assert out.splitlines() == [
        "?t\t?text\t?none",
        f'<{node_ref("thesis", "thesis.long-horizon")}>\t"Long-horizon agents need long-horizon training."\t']
    code, out, _ = run(capsys, "SELECT ?q ?n (STRLEN(?q) AS ?len) WHERE { ?c argmap:localId 'demo.compounding' ; "
                       "argmap:quote ?q . ?a oa:hasBody ?c ; oa:hasTarget/oa:hasSelector/oa:start ?n }",
                       "--out", str(built), "--format", "tsv", "--engine", "rdflib")
    assert out.splitlines()[1] == ('"a model with per-step error e succeeds on n steps with (1-e)^n"\t'
                                   '"17"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>\t62')


def test_tables_are_not_cut_unless_written_to_a_terminal(built, capsys):
    q = ("SELECT (CONCAT(?q, ' / ', ?q) AS ?long) WHERE { ?c argmap:quote ?q ; argmap:localId "
         "'demo.compounding' }")
    code, out, _ = run(capsys, q, "--out", str(built))  # under capsys stdout is not a terminal
    whole = "a model with per-step error e succeeds on n steps with (1-e)^n"
    assert code == 0 and f"{whole} / {whole}" in out
    assert api.render(api.query(q, built), "table") == out
    cut = api.render(api.query(q, built), "table", wide=False).splitlines()
    assert len(cut[2]) == 80 and cut[2].endswith("…")


def test_the_table_keeps_its_layout(built, capsys):
    _, out, _ = run(capsys, "SELECT ?id WHERE { ?t a argmap:Thesis ; argmap:localId ?id }", "--out", str(built))
    assert out.splitlines() == ["id".ljust(19), "-" * 19, "thesis.long-horizon", "(1 row)"]


# --- errors ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_a_syntax_error_is_placed_in_the_users_text(built, capsys, engine):
    code, _, err = run(capsys, "SELECT ?x WHERE { ?x", "--out", str(built), "--engine", engine)
    assert code == 1 and "SPARQL error" in err
    assert ("at 1:21" if engine == "oxigraph" else "line:1, col:19") in err  # not line 12: no hidden prefixes


@pytest.mark.parametrize("engine", ENGINES)
def test_a_syntax_error_after_a_binding_is_placed_where_the_user_wrote_it(built, capsys, engine):
    broken = "SELECT ?s WHERE { ?s argmap:supports ?t .\n  FILTER( }"
    _, _, plain = run(capsys, broken, "--out", str(built), "--engine", engine)
    code, _, bound = run(capsys, broken, "--bind", "t=demo.no-long-training", "--out", str(built),
                         "--engine", engine)
    assert code == 1 and "SPARQL error" in bound
    assert bound == plain  # the VALUES block is invisible in the message


def test_querying_an_unbuilt_map_says_to_build_first(tmp_path, capsys):
    assert main(["query", "--named", "attacks", "--out", str(tmp_path)]) == 1
    assert "run `argmap build` first" in capsys.readouterr().err


# --- a runaway query is stopped -----------------------------------------------------------------

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # ~10^9 rows


def test_a_runaway_rdflib_query_stops_at_its_timeout_with_a_clear_message(built, capsys):
    started = time.monotonic()
    code, out, err = run(capsys, RUNAWAY, "--out", str(built), "--engine", "rdflib", "--timeout", "3")
    took = time.monotonic() - started
    assert code == 1 and out == ""
    assert "did not finish within 3 s and was stopped" in err and "--timeout" in err
    assert took < 30  # rdflib alone would run for hours
    assert multiprocessing.active_children() == []  # the worker is gone, not left running


def test_the_timeout_applies_to_oxigraph_too(built):
    with pytest.raises(ArgmapError, match="did not finish within 1 s"):
        api.query(RUNAWAY.replace("?j ?k ?l", "?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r"), built, timeout=1)


def test_a_query_warns_when_the_sources_changed_since_the_build_but_not_for_another_map(tmp_path, capsys):
    from tests.conftest import write_map

    sources = write_map(tmp_path / "a")
    out = tmp_path / "a" / "graph"
    api.build(sources, out)
    ask = ["ASK { ?s ?p ?o }", "--out", str(out), "--sources", str(sources)]
    assert run(capsys, *ask)[2] == ""
    claims = next(sources.glob("*/claims.yaml"))
    claims.write_text(claims.read_text() + "\n# an edit after the build\n")
    err = run(capsys, *ask)[2]
    assert "was built from other sources" in err and f"changed: {claims.parent.name}/claims.yaml" in err
    # a graph built from a folder of other sources is another map, not a stale one
    api.synth(tmp_path / "s2", 30)
    elsewhere = tmp_path / "elsewhere"
    api.build(tmp_path / "s2", elsewhere)
    assert run(capsys, "ASK { ?s ?p ?o }", "--out", str(elsewhere), "--sources", str(sources))[2] == ""


def test_a_query_file_given_as_the_query_text_points_to_file(built, capsys, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?s ?p ?o }")
    with pytest.raises(SystemExit) as exc:
        run(capsys, str(path), "--out", str(built))
    assert exc.value.code == 2 and f"pass it with --file {path}" in capsys.readouterr().err
