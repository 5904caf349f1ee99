"""Turtle and N-Triples text of subject blocks, written fast and in a fixed order.

rdflib's serializer sorts every subject by how often it is referenced, and its namespace lookup
is quadratic in the number of IRIs (a 10k-claim map took over 6 minutes). argmap's blocks come
in a deterministic order already, so they are written as they come: a claim is followed by its
annotation and selectors, which also reads better than a sorted file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from argmap.model import ArgMap
from argmap.rdf.triples import _ID, _TYPE, Block, Term, blocks, triples
from argmap.rdf.vocab import PREFIXES


def to_turtle(argmap: ArgMap) -> str:
    """The map as Turtle, one block per subject in model order: deterministic and fast."""
    return write_turtle(blocks(argmap))


_PN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


# Turtle/N-Triples string escapes (ECHAR); other control characters become \\uXXXX (UCHAR).
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_SHORT = re.compile('[\\\\"\x00-\x1f\x7f]')  # everything a one-line literal must escape
_LONG = re.compile('[\\\\"\x00-\x08\x0b-\x1f\x7f]')  # a long literal keeps tabs and line feeds
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    return _ECHAR.get(ch) or f"\\u{ord(ch):04X}"


def _quote(text: str) -> str:
    """A Turtle string literal: the long form for text with line breaks (readable), every quote
    and control character escaped, so no text can end the literal early or break the file."""
    if "\n" in text:
        return '"""' + _LONG.sub(_escape, text) + '"""'
    return '"' + _SHORT.sub(_escape, text) + '"'


def checked_iri(iri: str) -> str:
    """``iri`` if it can stand between ``<>``; a value that could inject triples is refused."""
    if _IRI_BAD.search(iri):
        raise ValueError(f"not an IRI, refusing to write it: {iri[:80]!r}")
    return iri


class _Names:
    """How each vocabulary IRI is written (a prefixed name where one is valid) and which prefixes are used."""

    def __init__(self, prefixes: Mapping[str, object] = PREFIXES) -> None:
        self._cache: dict[str, str] = {_TYPE: "a"}
        self._all = {p: str(ns) for p, ns in prefixes.items()}
        self._spaces = sorted(((ns, p) for p, ns in self._all.items()), key=lambda x: -len(x[0]))
        self.used: set[str] = set()

    def iri(self, iri: str) -> str:
        label = self._cache.get(iri)
        if label is None:
            label = "<" + checked_iri(iri) + ">"
            for ns, prefix in self._spaces:
                if iri.startswith(ns) and _PN_LOCAL.match(iri, len(ns)):
                    label = prefix + ":" + iri[len(ns):]
                    self.used.add(prefix)
                    break
            self._cache[iri] = label
        return label

    def term(self, o: Term) -> str:
        if o.__class__ is str:
            return "<" + o + ">" if o.startswith(_ID) else self.iri(o)  # type: ignore[operator, union-attr, arg-type]
        dt = o.datatype  # type: ignore[union-attr]
        return _quote(o.lexical) + ("^^" + self.iri(dt) if dt else "")  # type: ignore[union-attr]

    def prefixes(self) -> str:
        return "".join(f"@prefix {p}: <{self._all[p]}> .\n" for p in sorted(self.used)) + "\n"


def write_turtle(items: Iterable[Block], prefixes: Mapping[str, object] = PREFIXES, *,
                 graph: str | None = None) -> str:
    """Turtle of subject blocks, written in the order given (``prefixes``: name → namespace);
    with ``graph``, TriG: the same blocks inside that named graph."""
    names = _Names(prefixes)
    term, iri = names.term, names.iri
    out: list[str] = []
    for s, props in items:
        parts = [iri(p) + " " + (term(objs[0]) if len(objs) == 1 else ",\n        ".join(map(term, objs)))
                 for p, objs in props]
        out.append(term(s) + " " + " ;\n    ".join(parts) + " .\n\n")
    body = "".join(out)
    if graph is not None:
        body = f"<{checked_iri(graph)}> {{\n\n{body}}}\n"
    return names.prefixes() + body


def _nt_term(o: Term) -> str:
    if o.__class__ is str:
        return "<" + (o if o.startswith(_ID) else checked_iri(o)) + ">"  # type: ignore[operator, union-attr, arg-type]
    lex = _SHORT.sub(_escape, o.lexical)  # type: ignore[union-attr]
    return f'"{lex}"' + (f"^^<{o.datatype}>" if o.datatype else "")  # type: ignore[union-attr]


def to_ntriples(argmap: ArgMap) -> bytes:
    """The map as N-Triples (unsorted, may repeat a triple): the cheapest input for Oxigraph."""
    return "".join(f"<{s}> <{p}> {_nt_term(o)} .\n" for s, p, o in triples(argmap)).encode("utf-8")
