"""SPARQL over a built map, on Oxigraph (fast) or rdflib (reference), with the same rows.

Queries are run as given: user text is never spliced into a query. A value a query needs is
passed as a binding (``bindings={"claim": iri}``), which both engines apply as data. Rows come
back as plain strings (an IRI's text, a literal's lexical form) so that the two engines can be
compared and printed alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyparsing import ParseException

from argmap.errors import ArgmapError
from argmap.query.named import with_prefixes
from argmap.query.results import Result

ENGINES = ("oxigraph", "rdflib")
_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_OX_DECIMAL = ox.NamedNode(_DECIMAL)


class Engine:
    """A loaded map that answers SPARQL on one engine."""

    def __init__(self, turtle: Path | Sequence[Path], engine: str = "oxigraph") -> None:
        """Load the map's Turtle; further files (the crux analysis) are added when present."""
        if engine not in ENGINES:
            raise ArgmapError(f"unknown engine {engine!r} (expected one of: {', '.join(ENGINES)})")
        first, *more = [turtle] if isinstance(turtle, Path) else list(turtle)
        if not first.exists():
            raise ArgmapError(f"{first}: no built map here (run `argmap build` first)")
        paths = [first] + [p for p in more if p.exists()]
        self.engine = engine
        if engine == "oxigraph":
            self._ox = ox.Store()
            for path in paths:
                self._ox.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        else:
            self._rdflib = rdflib.Graph()
            for path in paths:
                self._rdflib.parse(path, format="turtle")

    @classmethod
    def from_oxigraph(cls, store: ox.Store) -> Engine:
        """A Store over an Oxigraph store that is already loaded (the on-disk one)."""
        self = cls.__new__(cls)
        self.engine = "oxigraph"
        self._ox = store
        return self

    def select(self, query: str, bindings: dict[str, str] | None = None) -> Result:
        """Run a SELECT (or ASK) query; ``bindings`` maps variable names to IRIs."""
        text = with_prefixes(query)
        try:
            if self.engine == "oxigraph":
                return self._select_ox(text, bindings or {})
            return self._select_rdflib(text, bindings or {})
        except (SyntaxError, ValueError, ParseException) as exc:
            raise ArgmapError(f"SPARQL error: {exc}") from None

    def _select_ox(self, text: str, bindings: dict[str, str]) -> Result:
        subs = {ox.Variable(k): ox.NamedNode(v) for k, v in bindings.items()}
        res = self._ox.query(text, substitutions=subs)
        if isinstance(res, ox.QueryBoolean):
            return Result(("ask",), ((str(bool(res)).lower(),),))
        if not isinstance(res, ox.QuerySolutions):
            raise ArgmapError("only SELECT and ASK queries print as tables")
        variables = tuple(v.value for v in res.variables)
        rows = tuple(tuple(map(_ox_str, sol)) for sol in res)  # a solution iterates in variable order
        return Result(variables, rows)

    def _select_rdflib(self, text: str, bindings: dict[str, str]) -> Result:
        init = {k: rdflib.URIRef(v) for k, v in bindings.items()}
        res = self._rdflib.query(text, initBindings=init)
        if res.type == "ASK":
            return Result(("ask",), ((str(bool(res.askAnswer)).lower(),),))
        if res.type != "SELECT":
            raise ArgmapError("only SELECT and ASK queries print as tables")
        variables = tuple(str(v) for v in res.vars)
        rows = tuple(tuple(_rdflib_str(row[i]) for i in range(len(variables))) for row in res)
        return Result(variables, rows)


def _ox_str(term: object) -> str | None:
    """The term's value (a decimal in canonical form); the hot loop of every query, kept lean."""
    if term.__class__ is ox.Literal:
        return _canonical(term.value, _DECIMAL) if term.datatype == _OX_DECIMAL else term.value  # type: ignore[attr-defined]
    return None if term is None else term.value  # type: ignore[attr-defined]


def _rdflib_str(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, rdflib.Literal) and term.datatype is not None:
        return _canonical(str(term), str(term.datatype))
    return str(term)


def _canonical(lexical: str, datatype: str) -> str:
    """A decimal's canonical form (``1.0`` and ``1`` are one value), so engines compare equal."""
    if datatype != _DECIMAL:
        return lexical
    try:
        value = Decimal(lexical)
    except InvalidOperation:
        return lexical
    return format(value.normalize(), "f") if value else "0"


