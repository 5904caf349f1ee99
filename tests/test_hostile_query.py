"""Hostile queries and hostile servers: a local query stays offline, and an endpoint that
misbehaves on purpose (trickles, floods, answers garbage) gives a clear ``error: …``.

Every server here is a thread on 127.0.0.1 that counts the connections it gets, so "nothing
left the machine" is checked, not assumed.
"""

from __future__ import annotations

import io
import json
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from argmap import api
from argmap.cli import main
from tests.conftest import Terminal, write_map

ENGINES = ("oxigraph", "rdflib")
EMPTY_RESULTS = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'


class Server:
    """A TCP server in a thread; ``reply(conn, request_bytes)`` decides what it sends back."""

    def __init__(self, reply: Callable[[socket.socket, bytes], None]) -> None:
        self.connections = 0
        self.requests: list[bytes] = []
        owner = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                owner.connections += 1
                self.request.settimeout(10)
                data = b""
                try:
                    while b"\r\n\r\n" not in data:
                        chunk = self.request.recv(65536)
                        if not chunk:
                            return
                        data += chunk
                    head, _, body = data.partition(b"\r\n\r\n")
                    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                                   if line.lower().startswith(b"content-length:")), 0)
                    while len(body) < length:
                        body += self.request.recv(65536)
                    owner.requests.append(head + b"\r\n\r\n" + body)
                    reply(self.request, head + b"\r\n\r\n" + body)
                except OSError:
                    pass  # the client hung up: what these tests want it to do

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/sparql"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[[Callable[[socket.socket, bytes], None]], Server]]:
    servers: list[Server] = []

    def start(reply: Callable[[socket.socket, bytes], None]) -> Server:
        servers.append(Server(reply))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def answer(body: bytes, status: str = "200 OK", content_type: str = "application/sparql-results+json",
           ) -> Callable[[socket.socket, bytes], None]:
    def reply(conn: socket.socket, _: bytes) -> None:
        conn.sendall(f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                     f"Connection: close\r\n\r\n".encode() + body)
    return reply


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    api.build(write_map(root), root / "graph")
    return root / "graph"


def query(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["query", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def refused(code: int, out: str, err: str, *words: str) -> bool:
    lines = [line for line in err.splitlines() if not line.startswith("warning:")]
    return (code == 1 and out == "" and len(lines) == 1 and lines[0].startswith("error: ")
            and all(w in lines[0] for w in words) and "Traceback" not in err)


# --- 1. a local query is offline --------------------------------------------------------------------

SERVICE_SPELLINGS = {
    "plain": "SELECT * WHERE {{ ?c a argmap:Claim . SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "lower case, silent": "select * where {{ ?c a argmap:Claim . service silent <{url}> {{ ?s ?p ?o }} }}",
    "a prefixed name":
        "PREFIX x: <{base}> SELECT * WHERE {{ ?c a argmap:Claim . SERVICE x:sparql {{ ?s ?p ?o }} }}",
    "a codepoint escape": "SELECT * WHERE {{ ?c a argmap:Claim . \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    # Oxigraph's parser reads SERVICE:x as SERVICE then :x (no word boundary needed)
    "glued to a prefixed name":
        "PREFIX : <{base}> SELECT * WHERE {{ ?c a argmap:Claim . SERVICE:sparql {{ ?s ?p ?o }} }}",
    "glued to a literal": "SELECT * WHERE {{ ?c argmap:localId ?id . ?c ?p trueSERVICE <{url}> {{ ?s ?p ?o }} }}",
    "a variable": "SELECT * WHERE {{ ?c a argmap:Claim . BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    "inside a subquery": "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("spelling", sorted(SERVICE_SPELLINGS))
def test_service_is_refused_and_nothing_is_sent(built, serve, capsys, engine, spelling):
    server = serve(answer(EMPTY_RESULTS))
    text = SERVICE_SPELLINGS[spelling].format(url=server.url, base=server.url[:-len("sparql")])
    assert refused(*query(capsys, text, "--out", str(built), "--engine", engine), "SERVICE", "refused")
    time.sleep(0.2)
    assert server.connections == 0


@pytest.mark.parametrize("engine", ENGINES)
def test_a_shared_rq_file_cannot_reach_a_host(built, serve, capsys, tmp_path, engine):
    server = serve(answer(EMPTY_RESULTS))
    rq = tmp_path / "innocent.rq"
    rq.write_text(f"# Claims with their authors\nSELECT ?c WHERE {{\n  ?c a argmap:Claim .\n"
                  f"  SERVICE <{server.url}> {{ ?c ?p ?o }}  # looks up more\n}}\n", encoding="utf-8")
    assert refused(*query(capsys, "--file", str(rq), "--out", str(built), "--engine", engine), "SERVICE")
    assert server.connections == 0


@pytest.mark.parametrize("engine", ENGINES)
def test_allow_service_lets_exactly_that_service_be_called(built, serve, capsys, engine):
    server, other = serve(answer(EMPTY_RESULTS)), serve(answer(EMPTY_RESULTS))
    text = (f"SELECT ?c WHERE {{ ?c argmap:localId 'demo.compounding' . "
            f"SERVICE <{server.url}> {{ ?c ?p ?o }} }}")
    code, out, err = query(capsys, text, "--out", str(built), "--engine", engine, "--allow-service", server.url)
    assert code == 0, err
    assert server.connections >= 1
    code, out, err = query(capsys, text, "--out", str(built), "--engine", engine, "--allow-service", other.url)
    assert refused(code, out, err, f"--allow-service {server.url}")


@pytest.mark.parametrize("engine", ENGINES)
def test_words_inside_strings_iris_and_comments_are_not_keywords(built, capsys, engine):
    text = ('SELECT ?c WHERE { ?c a argmap:Claim ; argmap:localId ?id # SERVICE <http://127.0.0.1:1/> { }\n'
            ' FILTER(?id != "SERVICE <http://127.0.0.1:1/> {} FROM <x>" && ?c != <http://e.org/service>) }')
    code, out, err = query(capsys, text, "--out", str(built), "--engine", engine, "--format", "csv")
    assert code == 0, err
    assert len(out.splitlines()) == 4  # header + the three claims


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("clause", ["FROM <{url}>", "FROM NAMED <{url}>"])
def test_from_is_refused_and_nothing_is_fetched(built, serve, capsys, engine, clause):
    turtle = b"<http://e.org/s> <http://e.org/p> <http://e.org/o> ."
    server = serve(answer(turtle, content_type="text/turtle"))
    text = f"SELECT * {clause.format(url=server.url)} WHERE {{ ?s ?p ?o }}"
    assert refused(*query(capsys, text, "--out", str(built), "--engine", engine), "FROM", "refused")
    time.sleep(0.2)
    assert server.connections == 0


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("update", ["LOAD <{url}>", "INSERT DATA {{ <http://e.org/a> <http://e.org/b> 1 }}",
                                    "DELETE WHERE {{ ?s ?p ?o }}", "DROP ALL", "CLEAR DEFAULT"])
def test_updates_are_refused_and_the_map_stays_whole(built, serve, capsys, engine, update):
    server = serve(answer(b"<http://e.org/s> <http://e.org/p> 1 .", content_type="text/turtle"))
    before = (built / "argmap.ttl").read_bytes()
    assert refused(*query(capsys, update.format(url=server.url), "--out", str(built), "--engine", engine),
                   "refused")
    assert (built / "argmap.ttl").read_bytes() == before
    assert server.connections == 0


# --- 2. endpoints: a deadline for the whole request, a size cap, clear errors -----------------------

def trickle(body: bytes, every: float, head_too: bool = False) -> Callable[[socket.socket, bytes], None]:
    """Send a whole valid answer, one byte every ``every`` seconds (the headers too, if asked)."""
    def reply(conn: socket.socket, _: bytes) -> None:
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        if not head_too:
            conn.sendall(head)
        for i in range(0 if head_too else len(head), len(head) + len(body)):
            conn.sendall((head + body)[i:i + 1])
            time.sleep(every)
    return reply


@pytest.mark.parametrize("head_too", [False, True], ids=["body", "headers"])
def test_a_trickling_server_is_cut_off_at_the_total_deadline(serve, capsys, head_too):
    server = serve(trickle(EMPTY_RESULTS * 4, 0.2, head_too))  # ~45 s to finish at this pace
    started = time.monotonic()
    code, out, err = query(capsys, "--named", "attacks", "--endpoint", server.url, "--timeout", "2")
    took = time.monotonic() - started
    assert refused(code, out, err, server.url, "no complete answer within 2 s")
    assert took < 6


def flood(total: int, declare: bool) -> Callable[[socket.socket, bytes], None]:
    def reply(conn: socket.socket, _: bytes) -> None:
        length = f"Content-Length: {total}\r\n" if declare else ""
        conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n{length}"
                     "Connection: close\r\n\r\n".encode())
        chunk = b" " * 65536
        for _ in range(total // len(chunk)):
            conn.sendall(chunk)
    return reply


@pytest.mark.parametrize("declare", [True, False], ids=["declared", "streamed"])
def test_an_answer_larger_than_the_cap_is_refused_while_reading(serve, capsys, declare):
    server = serve(flood(64 * 2**20, declare))  # 64 MB of spaces
    code, out, err = query(capsys, "--named", "attacks", "--endpoint", server.url, "--max-size", "1")
    assert refused(code, out, err, server.url, "1,048,576 bytes allowed")


def test_the_api_caps_answers_by_default(serve):
    from argmap.errors import ArgmapError
    from argmap.query.remote import MAX_BYTES

    server = serve(flood(MAX_BYTES + 2**20, declare=True))
    with pytest.raises(ArgmapError, match="allowed"):
        api.query_endpoint("SELECT * WHERE { ?s ?p ?o }", server.url)


MALFORMED = {
    "garbage": (b"\x00\xff\xfegarbage", "not SPARQL JSON results"),
    "empty": (b"", "an empty answer"),
    "null": (b"null", "a JSON null"),
    "a number": (b"42", "a JSON number"),
    "a list": (b"[1, 2]", "a JSON array"),
    "no head": (b'{"results": {"bindings": []}}', "no head.vars"),
    "vars not a list": (b'{"head": {"vars": "s"}, "results": {"bindings": []}}', "no head.vars"),
    "bindings not a list": (b'{"head": {"vars": ["s"]}, "results": {"bindings": {}}}', "no head.vars"),
    "a binding not an object": (b'{"head": {"vars": ["s"]}, "results": {"bindings": [3]}}', "result 1"),
    "a value not a term": (b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"value": 1}}]}}',
                           "not a term"),
    "an unknown term type": (b'{"head": {"vars": ["s"]}, "results": {"bindings": '
                             b'[{"s": {"type": "url", "value": "x"}}]}}', "not a term"),
    "a boolean not a boolean": (b'{"head": {}, "boolean": "yes"}', "'boolean' is a string"),
    "nested too deep": (b"[" * 100_000 + b"]" * 100_000, "not SPARQL JSON results"),
    "an HTML page": (b"<!DOCTYPE html><html><head><title>502 Bad\n Gateway</title></head>"
                     b"<body>nginx</body></html>", "an HTML page titled '502 Bad Gateway'"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_answer_is_a_clear_error(serve, capsys, case):
    body, words = MALFORMED[case]
    server = serve(answer(body))
    assert refused(*query(capsys, "--named", "attacks", "--endpoint", server.url), server.url, words)


def test_an_http_error_page_is_reported_with_its_status(serve, capsys):
    server = serve(answer(b"<html><title>oops</title></html>", status="500 Internal Server Error",
                          content_type="text/html"))
    code, _, err = query(capsys, "--named", "attacks", "--endpoint", server.url)
    assert code == 1 and "HTTP 500" in err and server.url in err and "Traceback" not in err


@pytest.mark.parametrize("reply", [b"HELLO THERE\r\n\r\n", b""], ids=["not http", "hangs up"])
def test_an_answer_that_is_not_http_is_a_clear_error(serve, capsys, reply):
    server = serve(lambda conn, _: conn.sendall(reply))
    code, out, err = query(capsys, "--named", "attacks", "--endpoint", server.url, "--timeout", "5")
    assert refused(code, out, err, server.url)


@pytest.mark.parametrize(("url", "words"), [
    ("http://[::1/sparql", "not a valid URL (Invalid IPv6 URL)"),
    ("http://127.0.0.1:port/sparql", "not a valid URL"),
    ("http://[::1]:99999/sparql", "not a valid URL (Port out of range"),
    ("ftp://127.0.0.1/sparql", "not an http(s) URL"),
    ("http:///sparql", "no host"),
    ("http://127.0.0.1/spa rql", "spaces or control characters"),
])
@pytest.mark.parametrize("verb", ["query", "push"])
def test_a_malformed_url_is_a_clear_error(built, capsys, url, words, verb):
    args = ["--named", "attacks"] if verb == "query" else []
    code = main([verb, *args, "--endpoint", url, "--out", str(built)])
    out = capsys.readouterr()
    assert refused(code, out.out, out.err, words)


def test_a_push_to_a_trickling_server_is_cut_off_too(built, serve, capsys):
    server = serve(trickle(b"ok", 0.5, head_too=True))
    started = time.monotonic()
    code = main(["push", "--endpoint", server.url, "--out", str(built), "--timeout", "2"])
    err = capsys.readouterr().err
    assert code == 1 and "no complete answer within 2 s" in err
    assert time.monotonic() - started < 6


def test_the_query_sent_to_an_endpoint_is_the_users_with_data_bound(serve, capsys):
    server = serve(answer(EMPTY_RESULTS))
    assert main(["query", "SELECT ?s WHERE { ?s argmap:attacks ?t }", "--bind", "t=demo.compounding",
                 "--endpoint", server.url]) == 0
    from urllib.parse import parse_qs

    sent = parse_qs(server.requests[0].partition(b"\r\n\r\n")[2].decode())["query"][0]
    first, *rest = sent.split("\n")
    assert first.startswith("PREFIX ") and not rest  # prefixes share the user's first line
    assert sent.endswith("SELECT ?s WHERE { BIND(<https://w3id.org/argmap/id/claim/demo.compounding> AS ?t)"
                         " ?s argmap:attacks ?t }")
    assert json.loads(EMPTY_RESULTS)["head"]["vars"] == ["s"]


def test_control_characters_from_a_server_reach_a_terminal_escaped_and_a_pipe_unchanged(
        serve: Callable, built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = "\x1b]0;owned\x07\x1b[2J\u009b2J\r"
    body = json.dumps({"head": {"vars": ["q"]},
                       "results": {"bindings": [{"q": {"type": "literal", "value": hostile}}]}}).encode()
    server = serve(answer(body))
    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert main(["query", "--named", "attacks", "--endpoint", server.url]) == 0
    shown = terminal.getvalue()
    assert r"\x1b]0;owned\x07\x1b[2J\x9b2J" in shown
    assert not any(c in shown for c in "\x1b\x07\x9b\r")
    piped = io.StringIO()
    monkeypatch.setattr("sys.stdout", piped)
    assert main(["query", "--named", "attacks", "--endpoint", server.url, "--format", "tsv"]) == 0
    assert "\x1b]0;owned" in piped.getvalue()  # data for a program is not rewritten
