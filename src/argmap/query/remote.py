"""Real SPARQL servers: push a built map into a named graph, query it over HTTP.

``push`` uses the SPARQL 1.1 Graph Store Protocol: one ``PUT <store>?graph=IRI`` with the map's
Turtle, which replaces that graph (Oxigraph does it in one transaction). ``query`` uses the
SPARQL 1.1 Protocol (``POST`` of ``query=`` with ``default-graph-uri=IRI``, results as SPARQL
JSON) and gives rows as :class:`argmap.query.results.Result`, like the local store, so the same
shipped queries can be compared.

Only the standard library's urllib is used, with proxies off: no request goes anywhere but the
URL the user gave. Every failure is an :class:`ArgmapError` that names the URL and says what to
check (refused, unreachable, 401, 404, timeout).
"""

from __future__ import annotations

import base64
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from argmap.errors import ArgmapError
from argmap.query.named import with_prefixes
from argmap.query.results import Result

QUERY_TIMEOUT = 60.0
PUSH_TIMEOUT = 600.0
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


@dataclass(frozen=True)
class Auth:
    """HTTP credentials; ``digest`` for servers that want digest auth (Virtuoso's default)."""

    user: str
    password: str
    digest: bool = False


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy


def _authorize(request: urllib.request.Request, auth: Auth, timeout: float) -> None:
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
            _OPENER.open(urllib.request.Request(request.full_url, method="HEAD"), timeout=timeout)
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
        _OPENER.open(probe, timeout=timeout).close()
    except urllib.error.HTTPError as exc:
        if exc.code == 401:
            raise
    request.add_unredirected_header("Authorization", header(request))


def _with_param(url: str, name: str, value: str) -> str:
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode({name: value})


def _send(request: urllib.request.Request, auth: Auth | None, timeout: float) -> bytes:
    url = request.full_url
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ArgmapError(f"{url}: not an http(s) URL")
    try:
        if auth is not None:
            _authorize(request, auth, timeout)
        with _OPENER.open(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        raise _refusal(url, exc) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, BrokenPipeError | ConnectionResetError) and request.data:
            try:  # it hung up while we sent the body: ask again without one, to learn why
                _OPENER.open(urllib.request.Request(url, method="HEAD"), timeout=timeout).close()
            except urllib.error.HTTPError as probe:
                if probe.code in (401, 403):
                    raise _refusal(url, probe) from None
            except (urllib.error.URLError, OSError):
                pass
        if isinstance(reason, ConnectionRefusedError):
            what = "connection refused (is the server running on that host and port?)"
        elif isinstance(reason, BrokenPipeError | ConnectionResetError):
            what = "the server closed the connection mid-request (did it refuse the request?)"
        elif isinstance(reason, TimeoutError):
            what = f"no answer within {timeout:g} s"
        else:
            what = f"cannot reach the server ({reason})"
        raise ArgmapError(f"{url}: {what}") from None
    except TimeoutError:
        raise ArgmapError(f"{url}: no answer within {timeout:g} s") from None
    except (ConnectionError, OSError) as exc:
        raise ArgmapError(f"{url}: connection failed ({exc})") from None


def _refusal(url: str, exc: urllib.error.HTTPError) -> ArgmapError:
    detail = exc.read()[:300].decode("utf-8", "replace").strip()
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
    request = urllib.request.Request(
        _with_param(store_url, "graph", graph), data=turtle, method="PUT",
        headers={"Content-Type": "text/turtle; charset=utf-8"})
    _send(request, auth, timeout)


def query(endpoint: str, sparql: str, *, graph: str | None = None,
          bindings: dict[str, str] | None = None, auth: Auth | None = None,
          timeout: float = QUERY_TIMEOUT) -> Result:
    """Run a SELECT/ASK at a SPARQL 1.1 Protocol endpoint; rows as the local store gives them.

    ``graph`` becomes the query's default graph (``default-graph-uri``). ``bindings`` (variable
    → IRI) are sent as a trailing VALUES block of checked IRIs: data, never query text.
    """
    text = with_prefixes(sparql)
    if bindings:
        for name, iri in bindings.items():
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise ArgmapError(f"--bind {name!r}: not a variable name")
            if _BAD_IRI.search(iri):
                raise ArgmapError(f"--bind {name}: {iri!r} is not an IRI")
        names = " ".join(f"?{n}" for n in bindings)
        values = " ".join(f"<{iri}>" for iri in bindings.values())
        text += f"\nVALUES ({names}) {{ ({values}) }}\n"
    form = {"query": text}
    if graph:
        form["default-graph-uri"] = graph
    request = urllib.request.Request(
        endpoint, data=urllib.parse.urlencode(form).encode("utf-8"), method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json"})
    body = _send(request, auth, timeout)
    try:
        data = json.loads(body)
    except ValueError:
        raise ArgmapError(f"{endpoint}: the answer is not SPARQL JSON results "
                          f"({body[:120]!r}); is this a query endpoint?") from None
    return _result(data, endpoint)


def _result(data: dict, endpoint: str) -> Result:
    if "boolean" in data:
        return Result(("ask",), ((str(bool(data["boolean"])).lower(),),))
    try:
        variables = tuple(data["head"]["vars"])
        rows = tuple(tuple(_value(b.get(v)) for v in variables)
                     for b in data["results"]["bindings"])
    except (KeyError, TypeError):
        raise ArgmapError(f"{endpoint}: unexpected SPARQL JSON (no head/results)") from None
    return Result(variables, rows)


def _value(term: dict | None) -> str | None:
    """A term as the local store prints it: an IRI's text or a literal's lexical form.

    Servers differ only in how they label a typed literal (``typed-literal`` in Virtuoso,
    ``literal`` + ``datatype`` in SPARQL 1.1 JSON); the value itself is the same.
    """
    return None if term is None else term["value"]
