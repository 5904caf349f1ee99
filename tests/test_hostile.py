"""Hostile and clumsy input: nothing a source, a crash or a mistake does may corrupt the map, leak
it or lose annotations, and every mistake is one clear `file:line: problem`, never a traceback.

(SPARQL SERVICE and misbehaving endpoints: tests/test_hostile_query.py. Hostile text rendered
from Markdown in a browser: tests/test_hostile_markdown.py.)
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import api, files
from argmap.build import MANIFEST
from argmap.cli import main
from argmap.errors import AnnotationError, ArgmapError
from argmap.rdf.triples import Lit
from argmap.rdf.turtle import _nt_term, write_turtle
from argmap.sources.accept import accept_drafts
from argmap.sources.loader import iri_problem, load_map
from argmap.sources.yamlio import YamlError, parse
from tests.conftest import REPO, SOURCES, TINY_CLAIMS, TINY_TEXT, Terminal, write_map

TINY_TEXT_WITH_NUL = TINY_TEXT.replace("error correction enables", "error correction\x00 enables")

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Exit code and everything printed; a traceback fails the test on its own."""
    try:
        code = main(args)
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def real_sources(tmp_path: Path) -> Path:
    """A copy of the five-source map, safe to break."""
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES, copy)
    return copy


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- annotations are never lost -----------------------------------------------------------------

def test_synth_refuses_to_replace_a_folder_it_did_not_write(real_sources, capsys):
    before = digest(real_sources)
    code, out = run_cli(["synth", "--claims", "10", "--out", str(real_sources)], capsys)
    assert code == 1 and "not a synthetic map argmap wrote" in out
    assert digest(real_sources) == before


def test_synth_replaces_its_own_output(tmp_path, capsys):
    assert run_cli(["synth", "--claims", "10", "--out", str(tmp_path / "s")], capsys)[0] == 0
    assert run_cli(["synth", "--claims", "20", "--out", str(tmp_path / "s")], capsys)[0] == 0
    assert len(load_map(tmp_path / "s").claims) == 20


def test_build_refuses_an_out_folder_holding_files_it_did_not_write(tiny_sources, tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes")
    code, text = run_cli(["build", "--sources", str(tiny_sources), "--out", str(out)], capsys)
    assert code == 1 and "holds files argmap did not write (notes.txt)" in text
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_export_to_a_folder_is_a_clear_error(tiny_sources, tmp_path, capsys):
    code, out = run_cli(["export", "--all", "--format", "json", "--sources", str(tiny_sources),
                         "-o", str(tmp_path)], capsys)
    assert code == 1 and "is a folder" in out


# --- nothing from a source can inject triples or break the Turtle ---------------------------------

INJECTION = ("https://e.org/x> . <https://w3id.org/argmap/id/claim/demo.compounding> "
             "<https://w3id.org/argmap/ns#supports> <https://w3id.org/argmap/id/thesis/thesis.long-horizon> . "
             "<https://e.org/y")


@pytest.mark.parametrize("url", [INJECTION, "see the essay", "javascript:alert(1)", "http://[::1/x",
                                 "https://exa mple.org", "ftp://example.org/a", "http:///nohost",
                                 "https://e.org/%zz"])
def test_a_url_that_is_not_a_web_address_is_refused_with_its_line(tmp_path, capsys, url):
    sources = write_map(tmp_path)
    meta = sources / "demo" / "source.yaml"
    meta.write_text(meta.read_text().replace("url: https://example.org/demo", f"url: {json.dumps(url)}"))
    code, out = run_cli(["check", "--sources", str(sources)], capsys)
    assert code == 1 and "source.yaml:5: 'url' is not a web address" in out


def test_an_author_url_is_checked_too(tmp_path, capsys):
    sources = write_map(tmp_path)
    authors = sources / "authors.yaml"
    with_url = f"name: Alice Example\n    url: {json.dumps(INJECTION)}"
    authors.write_text(authors.read_text().replace("name: Alice Example", with_url))
    code, out = run_cli(["check", "--sources", str(sources)], capsys)
    assert code == 1 and "authors.yaml:4: 'url' is not a web address" in out


@pytest.mark.parametrize("url", ["https://example.org/a?b=c&d=e#f", "http://[::1]:7878/x", "https://例え.jp/パス",
                                 "https://e.org/%C3%A9"])
def test_real_web_addresses_pass(url):
    assert iri_problem(url) is None


def both_engines_read(turtle: str) -> tuple[set, set]:
    store = ox.Store()
    store.load(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    ours = {(q.subject.value, q.predicate.value, q.object.value) for q in store}
    theirs = {(str(s), str(p), str(o)) for s, p, o in rdflib.Graph().parse(data=turtle, format="turtle")}
    return ours, theirs


@FUZZ
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_round_trips_through_the_turtle_writer_on_both_engines(text):
    s, p = "https://w3id.org/argmap/id/claim/x", "https://w3id.org/argmap/ns#quote"
    turtle = write_turtle([(s, [(p, [Lit(text)])])])
    ours, theirs = both_engines_read(turtle)
    assert ours == theirs == {(s, p, text)}


@pytest.mark.parametrize("text", ['\n\\"', 'ends with a quote "\nx"', '"""', 'a"""b\n"', "\\", "\x00\x1f\x7f",
                                  "\r\n"])
def test_the_literals_that_broke_turtle_before_round_trip(text):
    s, p = "https://w3id.org/argmap/id/claim/x", "https://w3id.org/argmap/ns#quote"
    ours, theirs = both_engines_read(write_turtle([(s, [(p, [Lit(text)])])]))
    assert ours == theirs == {(s, p, text)}
    nt = f"<{s}> <{p}> {_nt_term(Lit(text))} .\n"
    store = ox.Store()
    store.load(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    assert [q.object.value for q in store] == [text]


@FUZZ
@given(st.from_regex(r"https?://[a-z0-9.-]{1,12}(:[0-9]{1,4})?(/[\w.~%!$&'()*+,;=:@/-]{0,20})?(\?[\w=&%]{0,10})?",
                     fullmatch=True))
def test_every_address_the_loader_accepts_is_written_and_read_back_whole(url):
    if iri_problem(url) is not None:
        return
    s, p = "https://w3id.org/argmap/id/source/x", "https://schema.org/url"
    ours, theirs = both_engines_read(write_turtle([(s, [(p, [url])])]))
    assert ours == theirs == {(s, p, url)}


def test_the_writer_refuses_an_iri_that_would_inject_triples():
    with pytest.raises(ValueError, match="not an IRI"):
        write_turtle([("https://w3id.org/argmap/id/source/x", [("https://schema.org/url", [INJECTION])])])


# --- a source folder cannot make argmap read files outside it -------------------------------------

def test_a_source_file_linked_to_a_file_outside_the_sources_folder_is_not_read(tmp_path, capsys):
    # a shared folder whose text.txt is a link to the reader's secrets would copy them into
    # graph/cruxmap.html (every source text is embedded), which is then published
    sources = write_map(tmp_path)
    (sources / "demo" / "claims.yaml").write_text("claims: []\n")
    secret = tmp_path / "credentials"
    secret.write_text("aws_secret_access_key = hunter2\n")
    (sources / "demo" / "text.txt").unlink()
    (sources / "demo" / "text.txt").symlink_to(secret)
    code, out = run_cli(["build", "--sources", str(sources), "--out", str(tmp_path / "graph")], capsys)
    assert code == 1 and "text.txt: is a link to" in out and "outside the sources folder" in out
    assert "hunter2" not in out and not (tmp_path / "graph").exists()


def test_a_source_folder_linked_from_outside_is_not_read_but_links_inside_are(tmp_path, capsys):
    sources = write_map(tmp_path)
    outside = tmp_path / "elsewhere"
    shutil.copytree(sources / "demo", outside)
    (sources / "demo" / "text.txt").rename(sources / "demo" / "kept.txt")
    (sources / "demo" / "text.txt").symlink_to("kept.txt")  # inside the folder: fine
    assert run_cli(["check", "--sources", str(sources)], capsys)[0] == 0
    shutil.rmtree(sources / "demo")
    (sources / "demo").symlink_to(outside, target_is_directory=True)
    code, out = run_cli(["check", "--sources", str(sources)], capsys)
    assert code == 1 and "source.yaml: is a link to" in out


# --- YAML cannot exhaust the machine ----------------------------------------------------------------

ALIAS_BOMB = textwrap.dedent("""\
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    claims: [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    """)


def test_a_yaml_alias_bomb_is_one_short_error(tmp_path, capsys):
    sources = write_map(tmp_path, ALIAS_BOMB)
    code, out = run_cli(["check", "--sources", str(sources)], capsys)
    assert code == 1 and "claims.yaml:2: YAML alias *a is not allowed" in out
    assert len(out) < 2_000


def test_deep_nesting_is_refused_not_a_recursion_error():
    with pytest.raises(YamlError, match="nested more than"):
        parse("a: " + "[" * 5000 + "]" * 5000 + "\n")


def test_a_number_of_thousands_of_digits_is_an_error_with_its_line(tmp_path, capsys):
    # Python's int() refuses more than 4,300 digits with a ValueError that escaped as a traceback
    claims = TINY_CLAIMS.replace("    kind: premise\n", f"    kind: premise\n    occurrence: 1{'0' * 5000}\n", 1)
    code, out = run_cli(["check", "--sources", str(write_map(tmp_path, claims))], capsys)
    assert code == 1 and "claims.yaml:6: a number too long to read" in out


@pytest.mark.parametrize("text", ["? [a, b]\n: 1\nclaims: []\n", "claims:\n  - ? {id: x}\n    : y\n"])
def test_a_list_or_mapping_as_a_key_is_an_error_with_its_line(tmp_path, capsys, text):
    code, out = run_cli(["check", "--sources", str(write_map(tmp_path, text))], capsys)
    assert code == 1 and "claims.yaml:" in out and "a key must be a word" in out and "Traceback" not in out


def test_error_messages_quote_at_most_a_line_of_the_input(tmp_path, capsys):
    huge = "    kind: " + json.dumps(["x" * 5000]) + "\n    author: lecun"
    claims = TINY_CLAIMS.replace("    kind: premise\n    author: lecun", huge, 1)
    code, out = run_cli(["check", "--sources", str(write_map(tmp_path, claims))], capsys)
    assert code == 1 and max(len(line) for line in out.splitlines()) < 300


# --- graph/ is always one whole generation --------------------------------------------------------

def whole_generation(out: Path) -> str:
    """The generation id of ``out``, after checking every file against the manifest."""
    manifest = json.loads((out / MANIFEST).read_text())
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == sorted([*manifest["files"], MANIFEST])
    for name, sha in manifest["files"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == sha, name
    return manifest["generation"]


SLOW_BUILD = """
import sys, time
from argmap import api, files
real = files.os.fsync
def slow(fd):
    time.sleep(0.05)
    real(fd)
files.os.fsync = slow
api.build(sys.argv[1], sys.argv[2])
"""


def test_a_build_killed_at_any_point_leaves_one_whole_generation(tmp_path):
    sources, out = write_map(tmp_path), tmp_path / "graph"
    api.build(sources, out)
    first = whole_generation(out)
    (out / ".store").mkdir()  # a cache beside the outputs survives every swap
    claims = sources / "demo" / "claims.yaml"
    claims.write_text(claims.read_text().replace("Long-horizon agents need no", "Long agents need no"))
    start = time.perf_counter()  # how long a whole slow build takes on this machine, into a spare folder
    subprocess.run([sys.executable, "-c", SLOW_BUILD, str(sources), str(tmp_path / "spare")], cwd=REPO, check=True)
    whole = time.perf_counter() - start
    shutil.rmtree(tmp_path / "spare")
    rng = random.Random(7)
    seen = set()
    for k in range(12):  # kill points spread over the whole build, the first ones early
        proc = subprocess.Popen([sys.executable, "-c", SLOW_BUILD, str(sources), str(out)], cwd=REPO)
        time.sleep(whole * (k + rng.random()) / 12)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        files.repair(out, lambda n: n.startswith("."))  # what the next build does first
        seen.add(whole_generation(out))
        assert (out / ".store").is_dir()
        assert not list(tmp_path.glob(".graph.generation-*"))
    api.build(sources, out)
    seen.add(whole_generation(out))
    assert first in seen and len(seen) == 2


def test_two_builds_at_once_run_one_after_the_other(tmp_path):
    sources, out = write_map(tmp_path), tmp_path / "graph"
    runs = [subprocess.Popen([sys.executable, "-c", SLOW_BUILD, str(sources), str(out)], cwd=REPO)
            for _ in range(3)]
    assert [p.wait() for p in runs] == [0, 0, 0]
    whole_generation(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph", "sources"]


def test_a_full_disk_leaves_the_old_build_whole_and_no_temp_files(tiny_sources, tmp_path, monkeypatch, capsys):
    out = tmp_path / "graph"
    api.build(tiny_sources, out)
    before = digest(out)
    real_open = open
    count = [0]

    def full(path, mode="r", *args, **kwargs):
        if "w" in mode and ".generation-" in str(path):
            count[0] += 1
            if count[0] == 3:
                raise OSError(28, "No space left on device", str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full)
    code, text = run_cli(["build", "--sources", str(tiny_sources), "--out", str(out)], capsys)
    assert code == 1 and "No space left on device" in text and "Traceback" not in text
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph", "sources"]


def test_an_out_folder_that_cannot_be_written_is_a_clear_error(tiny_sources, tmp_path, capsys):
    if os.geteuid() == 0:
        out = Path("/proc/1/argmap-graph")  # not even root may create a folder here
    else:
        (tmp_path / "ro").mkdir()
        (tmp_path / "ro").chmod(0o500)
        out = tmp_path / "ro" / "g"
    code, text = run_cli(["build", "--sources", str(tiny_sources), "--out", str(out)], capsys)
    assert code == 1 and text.splitlines()[-1].startswith("error: ") and "Traceback" not in text


# --- accept is one transaction --------------------------------------------------------------------

DRAFT = textwrap.dedent("""\
    claims:
      - id: demo.fine
        gist: Agents fix their mistakes.
        quote: agents notice and fix mistakes
        kind: premise
        confidence: 0.9
        evidence: [because]
        offsets: [10, 40]
      - id: demo.not-in-text
        gist: A quote the text does not hold.
        quote: this sentence is nowhere in the text
        kind: premise
      - id: demo.bad id
        gist: An id with a space.
        quote: So long-horizon agents
        kind: premise
      - id: demo.odd-kind
        gist: A kind argmap does not know.
        quote: Errors compound
        kind: opinion
    relations:
      - from: demo.fine
        to: demo.compounding
        type: attack
        rationale: Fixing errors breaks compounding.
        confidence: 0.8
    """)


def write_draft(sources: Path, text: str = DRAFT) -> Path:
    path = sources / "demo" / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_accept_refuses_each_item_that_would_break_the_map_and_takes_the_rest(tiny_sources):
    write_draft(tiny_sources)
    report = accept_drafts(tiny_sources, ["demo"])[0]
    assert report.claims == ["demo.fine"] and report.relations == 1
    why = "\n".join(report.skipped)
    assert "demo.not-in-text: quote not found" in why
    assert "demo.bad id: claim id 'demo.bad id' must look like" in why
    assert "demo.odd-kind: unknown claim kind 'opinion'" in why
    m = load_map(tiny_sources)  # the map still passes check
    fine = m.claim("demo.fine")
    rel = next(r for r in m.relations if r.source == "demo.fine")
    assert rel.provenance == "inferred"
    written = (tiny_sources / "demo" / "claims.yaml").read_text()
    assert "confidence" not in written and "offsets" not in written and "evidence" not in written
    assert fine.gist == "Agents fix their mistakes."
    left = yaml.safe_load((tiny_sources / "demo" / "draft.yaml").read_text())
    assert sorted(c["id"] for c in left["claims"]) == ["demo.bad id", "demo.not-in-text", "demo.odd-kind"]


def test_accept_rerun_after_a_crash_between_its_two_writes_appends_nothing_twice(tiny_sources, monkeypatch):
    write_draft(tiny_sources)

    def crash(*_, **__):
        raise KeyboardInterrupt  # killed after claims.yaml was written, before draft.yaml

    with monkeypatch.context() as m:
        m.setattr("argmap.sources.accept.write_draft", crash)
        with pytest.raises(KeyboardInterrupt):
            accept_drafts(tiny_sources, ["demo"])
    once = (tiny_sources / "demo" / "claims.yaml").read_text()
    report = accept_drafts(tiny_sources, ["demo"])[0]
    assert report.already == 2 and report.claims == []
    assert (tiny_sources / "demo" / "claims.yaml").read_text() == once
    load_map(tiny_sources)


def test_accept_keeps_crlf_endings_comments_and_a_flow_style_relations_list(tiny_sources):
    path = tiny_sources / "demo" / "claims.yaml"
    text = TINY_CLAIMS.replace("relations:\n", "# my comment\nrelations:\n", 1)
    head, rest = text.split("relations:\n", 1)
    flow = (head + "relations: [{from: demo.error-correction, to: demo.compounding, type: attack, "
            "rationale: Fixing breaks compounding., provenance: stated}]\n"
            "positions:\n" + rest.split("positions:\n", 1)[1])
    path.write_bytes(flow.replace("\n", "\r\n").encode())
    write_draft(tiny_sources, DRAFT.split("  - id: demo.not-in-text")[0] + "relations: []\n")
    accept_drafts(tiny_sources, ["demo"])
    new = path.read_bytes().decode()
    assert "\r\n" in new and "\n" not in new.replace("\r\n", "")
    assert "# my comment" in new
    m = load_map(tiny_sources)
    assert m.has("demo.fine") and len(m.relations) == 1


def test_accept_into_a_broken_map_says_so_and_writes_nothing(tiny_sources):
    write_draft(tiny_sources)
    path = tiny_sources / "demo" / "claims.yaml"
    path.write_text(path.read_text().replace("kind: position", "kind: opinion", 1))
    before = digest(tiny_sources)
    with pytest.raises(ArgmapError, match="problem\\(s\\) already"):
        accept_drafts(tiny_sources, ["demo"])
    assert digest(tiny_sources) == before


# --- every input error is file:line, exit 1, never a traceback ----------------------------------

CLAIM_FIELD_CASES = [
    ("    author: lecun", "    author: [a, b]", "'author' must be text"),
    ("    reported_by: alice", "    reported_by: []", "'reported_by' must be text"),
    ("    kind: position\n", "    kind: position\n    occurrence: true\n", "'occurrence' must be a whole number"),
    ("    gist: Per-step errors compound, so long tasks fail.", "    gist: [a, b]", "'gist' must be text"),
    ("    gist: Per-step errors compound, so long tasks fail.", '    gist: "a\\u0000b"', "character U+0000"),
    ("    gist: Per-step errors compound, so long tasks fail.", '    gist: "a\\x85b\\x0cc"', "character U+000C"),
    ("    stance: accept", "    stance: accept\n    evidence: [demo.compounding]", "'evidence' must be text"),
    ("    stance: accept", "    stance: accept\n    note: {a: 1}", "'note' must be text"),
]


@pytest.mark.parametrize(("old", "new", "message"), CLAIM_FIELD_CASES)
def test_a_value_of_the_wrong_type_is_an_error_with_its_line(tmp_path, capsys, old, new, message):
    assert old in TINY_CLAIMS
    sources = write_map(tmp_path, TINY_CLAIMS.replace(old, new, 1))
    code, out = run_cli(["check", "--sources", str(sources)], capsys)
    assert code == 1 and message in out and "claims.yaml:" in out, out


@pytest.mark.parametrize(("date", "ok"), [("2025-13-45", False), ("last tuesday", False), ("2025-02-30", False),
                                          ("2025", True), ("2025-02", True), ("2024-02-29", True)])
def test_dates_are_iso_dates(tmp_path, capsys, date, ok):
    sources = write_map(tmp_path)
    meta = sources / "demo" / "source.yaml"
    meta.write_text(meta.read_text().replace("date: 2025-01-02", f"date: {date}"))
    code, out = run_cli(["check", "--sources", str(sources)], capsys)
    assert (code == 0) == ok, out
    if not ok:
        assert "source.yaml:4: 'date' must be an ISO date" in out


@pytest.mark.parametrize("char", ["\x0c", "\x85", "\x9b", "\x00"])
def test_control_characters_in_yaml_are_an_error_with_a_line(tmp_path, capsys, char):
    claims = TINY_CLAIMS.replace("Error correction lets agents", f"Error{char}correction lets agents")
    code, out = run_cli(["check", "--sources", str(write_map(tmp_path, claims))], capsys)
    assert code == 1 and "claims.yaml:" in out and "Traceback" not in out


def test_a_control_character_in_a_source_text_is_an_error_with_its_line(tmp_path, capsys):
    sources = write_map(tmp_path, text="Line one.\nLine\x0c two.\n" + "x\n")
    code, out = run_cli(["check", "--sources", str(sources)], capsys)
    assert code == 1 and "text.txt:2: character U+000C is not allowed" in out


@pytest.mark.parametrize("char", ["\u202e", "\u202b", "\u2067", "\u2068"])
def test_a_bidi_override_in_a_name_reaches_a_terminal_escaped_so_it_cannot_reverse_the_row(
        tmp_path, monkeypatch, char):
    """A name ending in RIGHT-TO-LEFT OVERRIDE makes a terminal that lays out bidi text show the
    rest of its line backwards: Alice's 'r  A  A' in the matrix would read 'A  A  r'."""
    sources = write_map(tmp_path)
    names = sources / "authors.yaml"
    names.write_text(names.read_text().replace("Alice Example", f'"Alice Example\\u{ord(char):04X}"'))
    args = ["cruxes", "--sources", str(sources), "--matrix", "thesis.long-horizon"]
    monkeypatch.setattr("sys.stdout", Terminal())
    assert main(args) == 0
    row = next(line for line in sys.stdout.getvalue().splitlines() if line.startswith("Alice"))
    assert row.startswith(f"Alice Example\\u{ord(char):04x}") and char not in row
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert main(args) == 0
    assert f"Alice Example{char}" in sys.stdout.getvalue()  # a pipe gets the name as written


def test_a_duplicate_author_id_names_both_places(tmp_path, capsys):
    sources = write_map(tmp_path)
    authors = sources / "authors.yaml"
    authors.write_text(authors.read_text() + "  - id: bob\n    name: Bob Again\n")
    code, out = run_cli(["check", "--sources", str(sources)], capsys)
    assert code == 1 and "authors.yaml:8: duplicate author id 'bob' (first defined at " in out
    assert "authors.yaml:4)" in out


def test_a_duplicate_relation_names_both_places(tmp_path, capsys):
    rel = TINY_CLAIMS.split("relations:\n")[1].split("  - from: demo.error-correction\n    to: demo.no-long")[0]
    claims = TINY_CLAIMS.replace("relations:\n", "relations:\n" + rel, 1)
    code, out = run_cli(["check", "--sources", str(write_map(tmp_path, claims))], capsys)
    twice = "claims.yaml:24: relation demo.error-correction--attack--demo.compounding is stated twice"
    assert code == 1 and twice in out
    assert "(first defined at " in out and "claims.yaml:19)" in out


def test_an_nfd_quote_against_an_nfc_text_gets_a_hint(tmp_path, capsys):
    sources = write_map(tmp_path, text="The café opens early.\n")
    claims = TINY_CLAIMS.split("  - id: demo.compounding")[0] + textwrap.dedent("""\
          - id: demo.cafe
            gist: The cafe opens early.
            quote: "cafe\u0301 opens"
            kind: premise
        """)
    (sources / "demo" / "claims.yaml").write_text(claims)
    code, out = run_cli(["check", "--sources", str(sources)], capsys)
    assert code == 1 and "NFC-normalised" in out


def test_one_wrong_author_in_a_source_is_one_error_not_hundreds(real_sources, capsys):
    meta = real_sources / "lambert" / "source.yaml"
    meta.write_text(meta.read_text().replace("authors: [lambert]", "authors: [lambert-typo]"))
    code, out = run_cli(["check", "--sources", str(real_sources)], capsys)
    errors = [line for line in out.splitlines() if line.startswith("error: ")]
    assert code == 1 and len(errors) <= 3, out
    assert "source.yaml:3: unknown author 'lambert-typo'" in errors[0]


def test_a_deleted_authors_file_is_one_error(real_sources, capsys):
    (real_sources / "authors.yaml").unlink()
    code, out = run_cli(["check", "--sources", str(real_sources)], capsys)
    errors = [line for line in out.splitlines() if line.startswith("error: ")]
    assert code == 1 and len(errors) == 1 and "missing authors file" in errors[0], out


def test_a_nul_cannot_reach_graphml_through_a_quote(tmp_path, capsys):
    # XML 1.0 cannot carry NUL: the loader refuses it in texts, so an export can never be ill-formed
    sources = write_map(tmp_path, text=TINY_TEXT_WITH_NUL)
    code, out = run_cli(["export", "--all", "--format", "graphml", "--sources", str(sources)], capsys)
    assert code == 1 and "character U+0000 is not allowed" in out


CLI_MISTAKES = [
    ["synth", "--claims", "0", "--out", "{tmp}/s"],
    ["synth", "--claims", "-5", "--out", "{tmp}/s"],
    ["query", "--out", "{tmp}/nothing", "SELECT * WHERE { ?s ?p ?o }"],
    ["query", "--store", "{tmp}/corrupt", "--out", "{tmp}/g", "SELECT * WHERE { ?s ?p ?o }"],
    ["export", "--all", "--format", "json", "-o", "{tmp}"],
    ["export", "--claim", "nobody.nothing", "--format", "md"],
    ["cruxes", "--between", "nobody", "karpathy"],
    ["cruxes", "--thesis", "thesis.nope"],
    ["cruxes", "--stances", "{tmp}/missing.yaml"],
    ["check", "--sources", "{tmp}/no-such-folder"],
    ["build", "--out", "{tmp}/afile"],
    ["add", "{tmp}/missing.txt", "--title", "T", "--author", "a", "--sources", "{tmp}/src"],
    ["push", "--endpoint", "http://[::1/x", "--out", "{tmp}/g"],
]


@pytest.mark.parametrize("args", CLI_MISTAKES, ids=lambda a: " ".join(a[:2]))
def test_cli_mistakes_are_errors_not_tracebacks(tmp_path, capsys, args):
    (tmp_path / "corrupt").mkdir()
    (tmp_path / "corrupt" / "argmap-store.json").write_text("{not json")
    (tmp_path / "afile").write_text("x")
    (tmp_path / "g").mkdir()
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if argv[0] in ("export", "cruxes", "build", "query"):
        argv += ["--sources", str(SOURCES)] if "--sources" not in argv else []
    code, out = run_cli(argv, capsys)
    assert code in (1, 2) and "Traceback" not in out and ("error:" in out), out


# --- fuzzing: no traceback, whatever the annotations say --------------------------------------------

YAMLISH = st.text(alphabet="abc: -#'\"[]{}\n\t\\0123.&*!|>%@`\x0c\x85\u2028é", max_size=120)


@FUZZ
@given(text=YAMLISH)
def test_check_never_raises_a_traceback_on_any_claims_file(tmp_path_factory, text):
    sources = write_map(tmp_path_factory.mktemp("fuzz"), text)
    try:
        load_map(sources)
    except AnnotationError as exc:
        assert exc.problems and all(len(str(p)) < 1_000 for p in exc.problems)


FIELDS = st.sampled_from(["id", "gist", "quote", "kind", "author", "reported_by", "occurrence", "tags", "notes"])
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, allow_infinity=False),
                   st.text(max_size=20), st.lists(st.text(max_size=5), max_size=3),
                   st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@FUZZ
@given(st.lists(st.dictionaries(FIELDS, VALUES, max_size=9), max_size=4))
def test_check_never_raises_a_traceback_on_any_claim_values(tmp_path_factory, claims):
    text = yaml.safe_dump({"claims": claims}, allow_unicode=True)
    sources = write_map(tmp_path_factory.mktemp("fuzz"), text)
    with contextlib.suppress(AnnotationError):
        load_map(sources)


@FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(["id", "gist", "quote", "kind", "confidence", "author", "from",
                                                 "to", "type", "rationale"]), VALUES, max_size=8), max_size=4))
def test_accept_never_raises_a_traceback_and_never_breaks_the_map(tmp_path_factory, items):
    sources = write_map(tmp_path_factory.mktemp("fuzz"))
    (sources / "demo" / "draft.yaml").write_text(yaml.safe_dump({"claims": items, "relations": items}))
    with contextlib.suppress(ArgmapError):
        accept_drafts(sources, ["demo"])
    load_map(sources)  # whatever happened, the map still passes check


# ----------------------------------------------------------------------------- add, hostile files


def test_add_never_writes_a_source_that_check_refuses(tmp_path: Path) -> None:
    sources = write_map(tmp_path / "sources")
    page = tmp_path / "paged.txt"
    page.write_text("Page one ends here.\fPage two says we should accept it.\x1b\n")
    folder = api.add(page, sources, title="line one\nline two", authors="Jane Doe")
    assert "\f" not in (folder / "text.txt").read_text() and "\x1b" not in (folder / "text.txt").read_text()
    assert 'title: "line one line two"' in (folder / "source.yaml").read_text()
    load_map(sources)  # what check loads: still a valid map
    with pytest.raises(ArgmapError, match=r"is not a web address: character ' ' is not allowed"):
        api.add(page, sources, title="Another", authors="Jane Doe", url='http://x y"z')
    assert not (sources / "jane-doe-another").exists()
    folder = api.add(page, sources, title="word " * 1000, authors="Jane Doe")
    assert len(folder.name) <= 80


def test_drafting_a_unit_of_a_thousand_fillers_gives_no_traceback() -> None:
    from argmap.draft.classify import lead_marker

    assert lead_marker("so " * 999 + "it is.") == ("conclusion", "so")
    assert lead_marker("and " * 740) is None and lead_marker("Yes, " * 600) == ("concession", "yes,")
