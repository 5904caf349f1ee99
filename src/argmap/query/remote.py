"""Real SPARQL servers: push a built map into a named graph, query it over HTTP.

``push`` uses the SPARQL 1.1 Graph Store Protocol: one ``PUT <store>?graph=IRI`` with the map's
Turtle, which replaces that graph (Oxigraph does it in one transaction). ``query`` uses the
SPARQL 1.1 Protocol (``POST`` of ``query=`` with ``default-graph-uri=IRI``, results as SPARQL
JSON) and gives rows as :class:`argmap.query.results.Result`, like the local store, so the same
shipped queries can be compared.

Only the standard library's urllib is used, with proxies off: no request goes anywhere but the
URL the user gave. A server is not trusted to behave: each request has a total deadline (a
server that trickles a byte a second is cut off when it passes, not only one that falls
silent), an answer larger than ``max_bytes`` is refused while it is read, and every failure,
from a malformed URL to an answer that is not SPARQL JSON, is an :class:`ArgmapError` that
names the URL and says what to check.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from argmap.errors import ArgmapError
from argmap.query.results import BNODE, URI, Kind, Result, literal_kind
from argmap.query.sparqltext import bind
from argmap.rdf.vocab import sparql_prefixes

QUERY_TIMEOUT = 60.0
PUSH_TIMEOUT = 600.0
MAX_BYTES = 256 * 2**20  # the largest answer read into memory (a 100k-claim map's quotes fit)


@dataclass(frozen=True)
class Auth:
    """HTTP credentials; ``digest`` for servers that want digest auth (Virtuoso's default)."""

    user: str
    password: str
    digest: bool = False


class _Deadline:
    """One request's total time: when it passes, the sockets the request opened are shut down,
    which ends any read or write blocked on them (a per-read timeout alone would not)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()

    def left(self) -> float:
        return max(0.001, self.ends - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def opener(self) -> urllib.request.OpenerDirector:
        """An opener (no proxies) whose connections report their sockets to this deadline."""
        deadline = self

        def watched(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
            class Connection(base):  # type: ignore[valid-type, misc]
                def connect(self) -> None:
                    self.timeout = deadline.left()  # connecting counts too
                    super().connect()
                    deadline.watch(self.sock)
            return Connection

        class Http(urllib.request.HTTPHandler):
            def do_open(self, http_class: Any, req: Any, **kw: Any) -> Any:
                return super().do_open(watched(http_class), req, **kw)

        class Https(urllib.request.HTTPSHandler):
            def do_open(self, http_class: Any, req: Any, **kw: Any) -> Any:
                return super().do_open(watched(http_class), req, **kw)

        return urllib.request.build_opener(urllib.request.ProxyHandler({}), Http, Https)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def check_url(url: str) -> None:
    """Refuse a URL urllib cannot use, with the reason (``http://[::1/x``, a port ``:abc``)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError as exc:
        raise ArgmapError(f"{url}: not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise ArgmapError(f"{url}: not an http(s) URL")
    if not parts.hostname:
        raise ArgmapError(f"{url}: no host in this URL")
    if re.search(r"[\x00-\x20\x7f]", url):
        raise ArgmapError(f"{url!r}: a URL cannot hold spaces or control characters")


def _authorize(opener: urllib.request.OpenerDirector, request: urllib.request.Request, auth: Auth,
               deadline: _Deadline) -> None:
    """Add the Authorization header before the body is sent.

    A server that refuses credentials answers 401 at once and closes the connection while a
    large map is still being uploaded (a broken pipe, not a status); so the credentials are
    tried first on a bodiless HEAD of the same URL, and a refusal is reported as the 401 it is.
    """
    if auth.digest:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, request.full_url, auth.user, auth.password)
        digest = urllib.request.HTTPDigestAuthHandler(manager)
        try:
            opener.open(urllib.request.Request(request.full_url, method="HEAD"), timeout=deadline.left())
            return  # no challenge: the server does not want credentials here
        except urllib.error.HTTPError as exc:
            if exc.code != 401:
                return
            scheme, _, params = (exc.headers.get("WWW-Authenticate") or "").partition(" ")
        if scheme.lower() != "digest":
            raise ArgmapError(f"{request.full_url}: the server wants {scheme or 'other'} auth, "
                              "not digest: drop --auth-digest")
        challenge = urllib.request.parse_keqv_list(urllib.request.parse_http_list(params))

        def header(req: urllib.request.Request) -> str:
            return "Digest " + (digest.get_authorization(req, challenge) or "")
    else:
        token = base64.b64encode(f"{auth.user}:{auth.password}".encode()).decode("ascii")

        def header(req: urllib.request.Request) -> str:
            return f"Basic {token}"
    probe = urllib.request.Request(request.full_url, method="HEAD")
    probe.add_unredirected_header("Authorization", header(probe))
    try:
        opener.open(probe, timeout=deadline.left()).close()
    except urllib.error.HTTPError as exc:
        if exc.code == 401:
            raise
    request.add_unredirected_header("Authorization", header(request))


def _with_param(url: str, name: str, value: str) -> str:
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode({name: value})


def _read(response: Any, url: str, max_bytes: int) -> bytes:
    """The whole body, refused as soon as it is known to pass ``max_bytes``."""
    declared = (response.headers.get("Content-Length") or "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise ArgmapError(f"{url}: the answer would be {int(declared):,} bytes, more than the "
                          f"{max_bytes:,} bytes allowed (--max-size); not reading it")
    chunks, size = [], 0
    while chunk := response.read(65536):
        size += len(chunk)
        if size > max_bytes:
            raise ArgmapError(f"{url}: the answer is larger than the {max_bytes:,} bytes allowed "
                              "(--max-size); stopped reading")
        chunks.append(chunk)
    return b"".join(chunks)


def _send(request: urllib.request.Request, auth: Auth | None, timeout: float,
          max_bytes: int = MAX_BYTES) -> bytes:
    url = request.full_url
    with _Deadline(timeout) as deadline:
        opener = deadline.opener()
        try:
            if auth is not None:
                _authorize(opener, request, auth, deadline)
            with opener.open(request, timeout=deadline.left()) as response:
                body = _read(response, url, max_bytes)
            if deadline.expired:  # a socket shut down by the deadline reads as the end
                raise TimeoutError
            return body
        except ArgmapError:
            raise
        except urllib.error.HTTPError as exc:
            raise _refusal(url, exc) from None
        except urllib.error.URLError as exc:
            raise _unreachable(url, exc.reason, request, deadline, opener) from None
        except (TimeoutError, ConnectionError, http.client.HTTPException, OSError) as exc:
            if deadline.expired or isinstance(exc, TimeoutError):
                raise ArgmapError(f"{url}: no complete answer within {timeout:g} s "
                                  "(--timeout SECONDS)") from None
            if isinstance(exc, http.client.HTTPException) and not isinstance(exc, ConnectionError):
                raise ArgmapError(f"{url}: the server's answer is not valid HTTP "
                                  f"({type(exc).__name__}: {' '.join(str(exc).split())[:120]})") from None
            raise ArgmapError(f"{url}: connection failed ({exc})") from None
        except ValueError as exc:  # urllib's own complaints about a URL or header
            raise ArgmapError(f"{url}: {exc}") from None


def _unreachable(url: str, reason: object, request: urllib.request.Request, deadline: _Deadline,
                 opener: urllib.request.OpenerDirector) -> ArgmapError:
    if deadline.expired or isinstance(reason, TimeoutError):
        return ArgmapError(f"{url}: no complete answer within {deadline.seconds:g} s (--timeout SECONDS)")
    if isinstance(reason, BrokenPipeError | ConnectionResetError) and request.data:
        try:  # it hung up while we sent the body: ask again without one, to learn why
            opener.open(urllib.request.Request(url, method="HEAD"), timeout=deadline.left()).close()
        except urllib.error.HTTPError as probe:
            if probe.code in (401, 403):
                return _refusal(url, probe)
        except (urllib.error.URLError, OSError, http.client.HTTPException):
            pass
    if isinstance(reason, ConnectionRefusedError):
        what = "connection refused (is the server running on that host and port?)"
    elif isinstance(reason, BrokenPipeError | ConnectionResetError):
        what = "the server closed the connection mid-request (did it refuse the request?)"
    else:
        what = f"cannot reach the server ({reason})"
    return ArgmapError(f"{url}: {what}")


def _refusal(url: str, exc: urllib.error.HTTPError) -> ArgmapError:
    try:
        detail = exc.read(300).decode("utf-8", "replace").strip()
    except (OSError, http.client.HTTPException):
        detail = ""
    hint = {
        401: "the server wants credentials: --user/--password (Virtuoso: add --auth-digest)",
        403: "the server refuses this user or operation",
        404: "no such endpoint: check the URL (a graph store like /store for push, "
             "a query endpoint like /query or /sparql for query)",
    }.get(exc.code, "the server refused the request")
    return ArgmapError(f"{url}: HTTP {exc.code} {exc.reason}: {hint}" + (f"\n{detail}" if detail else ""))


def push(store_url: str, turtle: bytes, graph: str, *, auth: Auth | None = None,
         timeout: float = PUSH_TIMEOUT) -> None:
    """Replace the named graph ``graph`` on the Graph Store at ``store_url`` by ``turtle``."""
    check_url(store_url)
    request = urllib.request.Request(
        _with_param(store_url, "graph", graph), data=turtle, method="PUT",
        headers={"Content-Type": "text/turtle; charset=utf-8"})
    _send(request, auth, timeout, max_bytes=2**20)


def query(endpoint: str, sparql: str, *, graph: str | None = None,
          bindings: dict[str, str] | None = None, auth: Auth | None = None,
          timeout: float = QUERY_TIMEOUT, max_bytes: int = MAX_BYTES) -> Result:
    """Run a SELECT/ASK at a SPARQL 1.1 Protocol endpoint; rows as the local store gives them.

    ``graph`` becomes the query's default graph (``default-graph-uri``). ``bindings`` (variable
    → IRI) are a VALUES block of checked IRIs at the start of the query's group, as locally.
    The standard prefixes go on one line in front, so the server's line numbers are the user's.
    """
    check_url(endpoint)
    text = sparql_prefixes(one_line=True) + bind(sparql, bindings or {}).text
    form = {"query": text}
    if graph:
        form["default-graph-uri"] = graph
    request = urllib.request.Request(
        endpoint, data=urllib.parse.urlencode(form).encode("utf-8"), method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json"})
    return parse_results(_send(request, auth, timeout, max_bytes), endpoint)


def parse_results(body: bytes, url: str) -> Result:
    """A SPARQL 1.1 Query Results JSON document as a Result; anything else is an error saying
    what came instead (not JSON, an HTML page, JSON of another shape)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ArgmapError(f"{url}: the answer is not SPARQL JSON results ({_describe(body)}); "
                          "is this a query endpoint?") from None
    if not isinstance(data, dict):
        raise ArgmapError(f"{url}: the answer is JSON but not SPARQL results (a JSON "
                          f"{_json_type(data)}, not an object with head and results)")
    if "boolean" in data:
        if not isinstance(data["boolean"], bool):
            raise ArgmapError(f"{url}: unexpected SPARQL JSON: 'boolean' is a {_json_type(data['boolean'])}")
        return Result.ask(data["boolean"])
    head, results = data.get("head"), data.get("results")
    variables = head.get("vars") if isinstance(head, dict) else None
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not (isinstance(variables, list) and all(isinstance(v, str) for v in variables)
            and isinstance(bindings, list)):
        raise ArgmapError(f"{url}: unexpected SPARQL JSON (no head.vars list of names and "
                          "results.bindings list)")
    rows, kinds = [], []
    for n, binding in enumerate(bindings):
        if not isinstance(binding, dict):
            raise ArgmapError(f"{url}: unexpected SPARQL JSON: result {n + 1} is a "
                              f"{_json_type(binding)}, not an object")
        cells = [_term(binding.get(v), url, n) for v in variables]
        rows.append(tuple(c[0] for c in cells))
        kinds.append(tuple(c[1] for c in cells))
    return Result(tuple(variables), tuple(rows), tuple(kinds))


def _term(term: object, url: str, n: int) -> tuple[str | None, Kind | None]:
    """A term as the local store prints it: an IRI's text or a literal's lexical form.

    Servers differ only in how they label a typed literal (``typed-literal`` in Virtuoso,
    ``literal`` + ``datatype`` in SPARQL 1.1 JSON); the value itself is the same.
    """
    if term is None:
        return None, None
    if not (isinstance(term, dict) and isinstance(term.get("value"), str)
            and term.get("type") in ("uri", "bnode", "literal", "typed-literal")
            and all(isinstance(term.get(k, ""), str) for k in ("datatype", "xml:lang"))):
        raise ArgmapError(f"{url}: unexpected SPARQL JSON: result {n + 1} holds a value that is "
                          "not a term ({type, value})")
    kind = {"uri": URI, "bnode": BNODE}.get(term["type"]) or literal_kind(term.get("datatype"),
                                                                          term.get("xml:lang"))
    return term["value"], kind


def _json_type(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null",
            int: "number", float: "number"}.get(type(value), type(value).__name__)


def _describe(body: bytes) -> str:
    """What an answer that is not JSON looks like, in a few words."""
    head = body[:2000].decode("utf-8", "replace")
    if re.search(r"<(!doctype html|html|head|body)\b", head, re.I):
        title = re.search(r"<title[^>]*>(.*?)</title>", head, re.I | re.S)
        return "an HTML page" + (f" titled {' '.join(title.group(1).split())[:80]!r}" if title else "")
    if not body.strip():
        return "an empty answer"
    return repr(body[:80])
