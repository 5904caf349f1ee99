"""Turtle and N-Triples text of subject blocks, written fast and in a fixed order.

rdflib's serializer sorts every subject by how often it is referenced, and its namespace lookup
is quadratic in the number of IRIs (a 10k-claim map took over 6 minutes). argmap's blocks come
in a deterministic order already, so they are written as they come: a claim is followed by its
annotation and selectors, which also reads better than a sorted file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from argmap.model import ArgMap
from argmap.rdf.triples import _ID, _TYPE, Block, Term, blocks, triples
from argmap.rdf.vocab import PREFIXES


def to_turtle(argmap: ArgMap) -> str:
    """The map as Turtle, one block per subject in model order: deterministic and fast."""
    return write_turtle(blocks(argmap))


_PN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


def _quote(text: str) -> str:
    """A Turtle string literal (long form when the text has line breaks, as rdflib writes it)."""
    if "\n" in text:
        encoded = text.replace("\\", "\\\\")
        if '"""' in text:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + "\\" + '"'
        return '"""' + encoded.replace("\r", "\\r") + '"""'
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r") + '"'


class _Names:
    """How each vocabulary IRI is written (a prefixed name where one is valid) and which prefixes are used."""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {_TYPE: "a"}
        self._spaces = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))
        self.used: set[str] = set()

    def iri(self, iri: str) -> str:
        label = self._cache.get(iri)
        if label is None:
            label = "<" + iri + ">"
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
        spaces = {p: str(ns) for p, ns in PREFIXES.items()}
        return "".join(f"@prefix {p}: <{spaces[p]}> .\n" for p in sorted(self.used)) + "\n"


def write_turtle(items: Iterable[Block]) -> str:
    """Turtle of subject blocks, written in the order given."""
    names = _Names()
    term, iri = names.term, names.iri
    out: list[str] = []
    for s, props in items:
        parts = [iri(p) + " " + (term(objs[0]) if len(objs) == 1 else ",\n        ".join(map(term, objs)))
                 for p, objs in props]
        out.append(term(s) + " " + " ;\n    ".join(parts) + " .\n\n")
    body = "".join(out)
    return names.prefixes() + body


def _nt_term(o: Term) -> str:
    if o.__class__ is str:
        return "<" + o + ">"  # type: ignore[operator]
    lex = o.lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")  # type: ignore[union-attr]
    return f'"{lex}"' + (f"^^<{o.datatype}>" if o.datatype else "")  # type: ignore[union-attr]


def to_ntriples(argmap: ArgMap) -> bytes:
    """The map as N-Triples (unsorted, may repeat a triple): the cheapest input for Oxigraph."""
    return "".join(f"<{s}> <{p}> {_nt_term(o)} .\n" for s, p, o in triples(argmap)).encode("utf-8")
