"""`argmap push` / `query --endpoint` against two real SPARQL servers started on 127.0.0.1.

The Oxigraph server comes from PyPI (the `oxigraph` wheel in the test extra); Virtuoso from
Debian (`scripts/setup-test-peers` installs it). Each server runs in a temp folder on free
ports, is waited for with a bounded wait, and is stopped by its PID at teardown. Row values
are compared as the local store prints them (an IRI's text, a literal's lexical form):
Virtuoso labels typed literals ``typed-literal`` in its JSON, which that comparison ignores.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap import api
from argmap.cli import main
from argmap.export.rdfsyntax import graph_iri
from argmap.query.named import named_queries
from tests.conftest import SOURCES, write_map

VIRTUOSO = shutil.which("virtuoso-t")
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
OXIGRAPH = Path(sys.executable).with_name("oxigraph")
ATTACKED = "demo.compounding"  # the tiny map's claim that is attacked


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode}): {log.read_text()[-2000:]}")
        try:
            with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"server not up within {seconds} s: {log.read_text()[-2000:]}")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def required(tool: str | Path | None, what: str) -> str:
    if tool and Path(tool).exists():
        return str(tool)
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI (scripts/setup-test-peers installs it)")
    pytest.skip(f"{what} not installed (run scripts/setup-test-peers)")


class Server:
    def __init__(self, name: str, store: str, query: str, auth: list[str]) -> None:
        self.name, self.store, self.query, self.auth = name, store, query, auth


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    binary = required(OXIGRAPH, "the Oxigraph server (pip install oxigraph)")
    root, port = tmp_path_factory.mktemp("oxigraph"), free_port()
    log = root / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([binary, "serve", "--location", str(root / "db"),
                                 "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=out)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", proc, log, 30)
        base = f"http://127.0.0.1:{port}"
        yield Server("oxigraph", f"{base}/store", f"{base}/query", [])
    finally:
        stop(proc)


def virtuoso_ini(folder: Path, sql_port: int, http_port: int) -> Path:
    """Debian's virtuoso.ini, with every file in ``folder`` and both ports on 127.0.0.1."""
    files = {"DatabaseFile": "db", "ErrorLogFile": "log", "LockFile": "lck",
             "TransactionFile": "trx", "xa_persistent_file": "pxa"}
    section, lines = "", []
    for line in VIRTUOSO_INI.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"\[(.+)\]", line):
            section = m.group(1)
        key = line.split("=", 1)[0].strip()
        if section in ("Database", "TempDatabase") and key in files:
            # the two sections need different files: one .trx for both makes the server exit
            line = f"{key} = {folder}/{section.lower()}.{files[key]}"
        elif section == "Parameters" and key == "ServerPort":
            line = f"ServerPort = 127.0.0.1:{sql_port}"
        elif section == "Parameters" and key == "DirsAllowed":
            line = f"DirsAllowed = ., {folder}, /usr/share/virtuoso-opensource-7/vad"
        elif section == "HTTPServer" and key == "ServerPort":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif section == "SPARQL" and key == "ResultSetMaxRows":
            line = "ResultSetMaxRows = 1000000"
        lines.append(line)
    ini = folder / "virtuoso.ini"
    ini.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ini


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    binary = required(VIRTUOSO, "Debian's virtuoso-opensource")
    root = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    ini = virtuoso_ini(root, free_port(), http_port)
    log = root / "server.out"
    with log.open("wb") as out:
        proc = subprocess.Popen([binary, "+configfile", str(ini), "+foreground"], cwd=root,
                                stdout=out, stderr=out)
    try:
        wait_until_up(f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D", proc, log, 120)
        base = f"http://127.0.0.1:{http_port}"
        yield Server("virtuoso", f"{base}/sparql-graph-crud-auth", f"{base}/sparql",
                     ["--user", "dba", "--password", "dba", "--auth-digest"])
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The tiny map and the five-source map, built."""
    root = tmp_path_factory.mktemp("maps")
    api.build(write_map(root / "tiny"), root / "tiny" / "graph")
    api.build(SOURCES, root / "five")
    return {"tiny": root / "tiny" / "graph", "five": root / "five"}


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest) -> Server:
    return request.getfixturevalue(f"{request.param}_server")


def push(server: Server, out: Path, graph: str) -> int:
    return main(["push", "--endpoint", server.store, "--out", str(out), "--graph", graph,
                 *server.auth])


def test_the_shipped_queries_give_the_local_rows_on_both_servers(server, maps):
    for name, out in maps.items():
        graph = graph_iri(f"test-{name}")
        assert push(server, out, graph) == 0
        for query in named_queries().values():
            local = api.query(query.text, out)
            remote = api.query_endpoint(query.text, server.query, graph=graph)
            assert remote.variables == local.variables, (server.name, name, query.name)
            assert remote.sorted_rows() == local.sorted_rows(), (server.name, name, query.name)
            if name == "tiny" and query.name != "top-cruxes":
                assert local.rows, f"{query.name} returns nothing on the tiny map"


def test_a_push_replaces_the_named_graph(server, maps):
    graph = graph_iri("test-replace")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert push(server, maps["five"], graph) == 0
    big = api.query_endpoint(count, server.query, graph=graph).rows[0][0]
    assert push(server, maps["tiny"], graph) == 0
    small = api.query_endpoint(count, server.query, graph=graph).rows[0][0]
    local = api.query(count, maps["tiny"]).rows[0][0]
    assert int(small) == int(local) < int(big)


def test_a_bound_variable_is_sent_as_data(server, maps, capsys):
    graph = graph_iri("test-bind")
    assert push(server, maps["tiny"], graph) == 0
    capsys.readouterr()
    assert main(["query", "--named", "attacks", "--bind", f"target={ATTACKED}",
                 "--endpoint", server.query, "--graph", graph, "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert [r.split(",")[1] for r in rows] == ["demo.error-correction"]


def test_virtuoso_refuses_a_push_without_credentials(virtuoso_server, maps, capsys):
    assert main(["push", "--endpoint", virtuoso_server.store, "--out", str(maps["tiny"])]) == 1
    err = capsys.readouterr().err
    assert "401" in err and virtuoso_server.store in err and "--auth-digest" in err


def test_wrong_credentials_are_a_401_naming_the_url(virtuoso_server, maps, capsys):
    assert main(["push", "--endpoint", virtuoso_server.store, "--out", str(maps["tiny"]),
                 "--user", "dba", "--password", "wrong", "--auth-digest"]) == 1
    err = capsys.readouterr().err
    assert "401" in err and virtuoso_server.store in err


def test_a_wrong_path_is_a_404_naming_the_url(oxigraph_server, capsys):
    url = oxigraph_server.query.replace("/query", "/no-such-endpoint")
    assert main(["query", "--named", "attacks", "--endpoint", url]) == 1
    err = capsys.readouterr().err
    assert "404" in err and url in err


def test_a_closed_port_is_connection_refused_naming_the_url(capsys):
    url = f"http://127.0.0.1:{free_port()}/query"
    assert main(["query", "--named", "attacks", "--endpoint", url]) == 1
    err = capsys.readouterr().err
    assert "connection refused" in err and url in err


def test_a_silent_server_times_out_naming_the_url(capsys):
    with socket.socket() as listener:  # accepts the connection, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/query"
        started = time.monotonic()
        assert main(["query", "--named", "attacks", "--endpoint", url, "--timeout", "1"]) == 1
        assert time.monotonic() - started < 10
    err = capsys.readouterr().err
    assert "no complete answer within 1 s" in err and url in err
