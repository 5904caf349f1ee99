"""What a SPARQL query says, read without running it.

A small lexer after the SPARQL 1.1 grammar's terminals gives the query's tokens outside string
literals, IRIs and comments. On those tokens rest three jobs that must not be fooled by a word
inside a string or an IRI:

- :func:`check_offline`: a local query reads only the built map. ``SERVICE`` would send the
  query, with the claims it has bound, to another host: it is refused unless the user allowed
  that very service; ``FROM``/``FROM NAMED`` (rdflib fetches the IRI) and SPARQL Update are
  refused. Codepoint escapes (``\\u0053ERVICE``) are expanded first, as the grammar says and
  both engines do, so what is checked is what runs.
- :func:`variables`: the variables a query mentions, so that ``--bind`` of a misspelt one is an
  error, not a silently unbound variable.
- :func:`bind`: bindings bound at the start of the query's outermost group: data joined
  before anything else, the same on every engine and server, projected or not.

>>> bound = bind("SELECT ?who WHERE { ?who argmap:attacks ?t }", {"t": "https://e.org/c"})
>>> bound.text
'SELECT ?who WHERE { BIND(<https://e.org/c> AS ?t) ?who argmap:attacks ?t }'
>>> sorted(variables(bound.text))
['t', 'who']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from argmap.errors import ArgmapError

__all__ = ["Bound", "bind", "check_offline", "expand_escapes", "tokens", "variables"]

# SPARQL 1.1 grammar terminals ([156]-[173]), as far as telling code from data needs them
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
              | \"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
              | '(?:[^'\\\n\r]|\\.)*'
              | "(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F\u2040]+)
  | (?P<pname>(?:[^\W\d_][\w.\-\u00B7]*)?:(?:[\w:\-\u00B7]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<word>[^\W\d][\w]*)
  | (?P<other>\\.|.)
""", re.VERBOSE | re.DOTALL)
# a local name may hold dots, but the lexer splits at them: ``ex:a.SERVICE`` then shows the word
# (a false alarm at worst, never a missed keyword)

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_UPDATE = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
                     "WITH", "USING"})
_VAR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')


@dataclass(frozen=True)
class Token:
    kind: str  # space, comment, string, iri, var, pname, word, other
    text: str
    start: int


def expand_escapes(query: str) -> str:
    """The query with ``\\uXXXX``/``\\UXXXXXXXX`` replaced, as SPARQL does before parsing."""
    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise ArgmapError(f"SPARQL error: {m.group(0)} is not a character")
        return chr(code)

    return _ESCAPE.sub(char, query) if "\\u" in query or "\\U" in query else query


def tokens(query: str) -> Iterator[Token]:
    """Every token of ``query`` (escapes already expanded), white space and comments included."""
    at = 0
    while at < len(query):
        m = _TOKEN.match(query, at)
        assert m is not None and m.lastgroup is not None  # `other` matches any character
        yield Token(m.lastgroup, m.group(), at)
        at = m.end()


def _code(query: str) -> list[Token]:
    return [t for t in tokens(query) if t.kind not in ("space", "comment")]


def variables(query: str) -> set[str]:
    """The names of the variables ``query`` mentions (``?x`` and ``$x`` alike)."""
    return {t.text[1:] for t in _code(query) if t.kind == "var"}


def _prefixes(code: list[Token], known: Mapping[str, str]) -> dict[str, str]:
    """The standard prefixes, overridden by the query's own PREFIX declarations."""
    found = dict(known)
    for i, t in enumerate(code[:-2]):
        if t.kind == "word" and t.text.upper() == "PREFIX" and code[i + 1].kind == "pname" \
                and code[i + 2].kind == "iri":
            found[code[i + 1].text.rstrip(":")] = code[i + 2].text[1:-1]
    return found


def check_offline(query: str, *, allow_service: Iterable[str] = (),
                  prefixes: Mapping[str, str] | None = None) -> None:
    """Refuse what would make a local query reach beyond the built map (see the module doc).

    ``query`` must have its escapes expanded (:func:`expand_escapes`); ``prefixes`` are the
    predefined ones, used to read a ``SERVICE ex:name``.
    """
    code = _code(query)
    allowed = set(allow_service)
    for i, t in enumerate(code):
        word = _keyword(t)
        if word is None:
            continue
        if word in _UPDATE:
            raise ArgmapError(f"SPARQL Update ({word}) is refused: argmap query only reads the map")
        if word == "FROM":
            raise ArgmapError("FROM / FROM NAMED is refused: a local query reads the built map only "
                              "(an engine would fetch that IRI from the web)")
        rest = code[i + 1:] if t.kind == "word" and t.text.upper() == "SERVICE" else []
        if rest and rest[0].kind == "word" and rest[0].text.upper() == "SILENT":
            rest = rest[1:]
        target = rest[0] if rest else None
        iri = None
        if target is not None and target.kind == "iri":
            iri = target.text[1:-1]
        elif target is not None and target.kind == "pname":
            prefix, _, local = target.text.partition(":")
            base = _prefixes(code, prefixes or {}).get(prefix)
            iri = None if base is None else base + re.sub(r"\\(.)", r"\1", local)
        if iri is not None and iri in allowed:
            continue
        shown = f" <{iri}>" if iri is not None else ""
        hint = (f"; --allow-service {iri} permits it" if iri is not None
                else "; only a service named by its IRI can be allowed (--allow-service IRI)")
        raise ArgmapError(f"SERVICE{shown} is refused: it would send the query, and the claims it "
                          f"has bound, to another host{hint}")


def _keyword(t: Token) -> str | None:
    """The refused keyword a token is or may hide, upper case; None for a harmless token.

    Oxigraph's parser matches keywords without word boundaries (``trueSERVICE <x> {}`` parses as
    ``true`` then ``SERVICE``, and ``SERVICE:x`` as ``SERVICE`` then ``:x``), so a word or a
    prefix that merely contains SERVICE or FROM counts: a false alarm at worst, never a miss.
    """
    if t.kind == "word":
        text = t.text.upper()
    elif t.kind == "pname":
        text = t.text.partition(":")[0].upper()
    else:
        return None
    if text in _UPDATE:
        return text
    return next((k for k in ("SERVICE", "FROM") if k in text), None)


@dataclass(frozen=True)
class Bound:
    """A query with its bindings inserted: ``text``, and where (to map error positions back)."""

    text: str
    at: int = 0  # offset of the insertion in ``text``
    length: int = 0  # characters inserted there (no line breaks)

    def relocate(self, message: str) -> str:
        """An engine's error message with its positions counted in the query as the user wrote it."""
        if not self.length:
            return message
        line = self.text.count("\n", 0, self.at) + 1
        column = self.at - (self.text.rfind("\n", 0, self.at) + 1) + 1  # 1-based, as engines count

        def col(row: str, c: str) -> int:
            n = int(c)
            return n - self.length if int(row) == line and n >= column + self.length else n

        message = re.sub(r"\bat (\d+):(\d+)", lambda m: f"at {m[1]}:{col(m[1], m[2])}", message)
        message = re.sub(r"line:(\d+), col:(\d+)", lambda m: f"line:{m[1]}, col:{col(m[1], m[2])}",
                         message)
        return re.sub(r"at char (\d+)", lambda m: "at char " + str(
            int(m[1]) - self.length if int(m[1]) >= self.at + self.length else int(m[1])), message)


def _scopes(code: list[Token]) -> tuple[set[str], set[str], set[str]]:
    """(variables visible in the outermost group, variables only inside subqueries, variables
    the outer query assigns itself with ``AS`` in a BIND or its projection).

    A subquery ``{ SELECT ... }`` hides its variables except those it selects (``*``: all).
    """
    stack: list[int] = []
    regions: list[tuple[int, int]] = []  # token index of a subquery's '{' and its '}'
    open_region: int | None = None
    for i, t in enumerate(code):
        if t.text == "{":
            stack.append(i)
        elif t.text == "}" and stack:
            start = stack.pop()
            if start == open_region:
                regions.append((start, i))
                open_region = None
        elif t.kind == "word" and t.text.upper() == "SELECT" and stack and open_region is None:
            open_region = stack[-1]
    inside: set[int] = {i for a, b in regions for i in range(a, b + 1)}
    visible = {t.text[1:] for i, t in enumerate(code) if t.kind == "var" and i not in inside}
    assigned = {t.text[1:] for i, t in enumerate(code) if t.kind == "var" and i not in inside
                and i and code[i - 1].text.upper() == "AS"}
    local: set[str] = set()
    for a, b in regions:
        names = {t.text[1:] for t in code[a:b + 1] if t.kind == "var"}
        head = code[a + 2:b]  # after "{ SELECT"
        end = next((k for k, t in enumerate(head) if t.text == "{" or t.text.upper() == "WHERE"), len(head))
        head, depth, selected = head[:end], 0, set()
        for k, t in enumerate(head):
            depth += (t.text == "(") - (t.text == ")")
            if t.text == "*":
                selected |= names
            elif t.kind == "var" and (depth == 0 or (k and head[k - 1].text.upper() == "AS")):
                selected.add(t.text[1:])
        visible |= selected
        local |= names - selected
    return visible, local - visible, assigned


def bind(query: str, bindings: Mapping[str, str]) -> Bound:
    """``query`` with ``bindings`` (variable → IRI) bound at the start of its outermost group.

    Every name must be a variable the query's outermost group sees, and every value an IRI;
    values are written as data (``BIND(<iri> AS ?v)``), never as query text. (A ``BIND``, not a
    ``VALUES`` block: rdflib 7 loses a VALUES variable's scope under OPTIONAL and drops rows.)
    """
    if not bindings:
        return Bound(query)
    code = _code(query)
    visible, local, assigned = _scopes(code)
    for name, iri in bindings.items():
        if not _VAR.fullmatch(name):
            raise ArgmapError(f"--bind {name!r}: not a variable name")
        if name in local:
            raise ArgmapError(f"--bind {name}: ?{name} is local to a subquery (the subquery does not "
                              "select it), so no binding can reach it")
        if name not in visible:
            known = ", ".join(f"?{v}" for v in sorted(visible)) or "none"
            raise ArgmapError(f"--bind {name}: the query has no variable ?{name} (it has: {known})")
        if name in assigned:
            raise ArgmapError(f"--bind {name}: the query gives ?{name} its value itself (… AS ?{name}), "
                              "so it cannot also be bound")
        if not iri or _BAD_IRI.search(iri) or ":" not in iri:
            raise ArgmapError(f"--bind {name}: {iri!r} is not an IRI")
    brace = next((t for t in code if t.text == "{"), None)
    if brace is None:
        return Bound(query)  # no group: the engine reports the syntax error
    block = "".join(f" BIND(<{iri}> AS ?{name})" for name, iri in bindings.items())
    at = brace.start + 1
    return Bound(query[:at] + block + query[at:], at, len(block))
