"""SPARQL over a built map, on Oxigraph (fast) or rdflib (reference), with the same rows.

A query runs as the user wrote it, offline (:func:`argmap.query.sparqltext.check_offline`), with
the standard prefixes given to the engine rather than pasted in front of it, so an error's
line and column are those of the user's text. A value the query needs is bound as data: a
``VALUES`` block at the start of its outermost group (:func:`argmap.query.sparqltext.bind`),
the same on both engines whether or not the variable is projected. Rows come back as plain
strings (an IRI's text, a literal's lexical form) so that the engines can be compared and
printed alike, with each value's term type beside them for the SPARQL results formats.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyparsing import ParseException
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from argmap.errors import ArgmapError
from argmap.query.results import BNODE, URI, Kind, Result, literal_kind
from argmap.query.sparqltext import Bound, bind, check_offline, expand_escapes
from argmap.rdf.vocab import PREFIXES

ENGINES = ("oxigraph", "rdflib")
PREFIX_IRIS = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_DECIMAL_KIND = literal_kind(_DECIMAL)


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

    def has(self, iri: str) -> bool:
        """True when ``iri`` occurs in the map, as a subject or an object."""
        if self.engine == "oxigraph":
            node = ox.NamedNode(iri)
            return any(True for _ in self._ox.quads_for_pattern(node, None, None)) or \
                any(True for _ in self._ox.quads_for_pattern(None, None, node))
        ref = rdflib.URIRef(iri)
        return (ref, None, None) in self._rdflib or (None, None, ref) in self._rdflib

    def select(self, query: str, bindings: dict[str, str] | None = None, *,
               allow_service: Iterable[str] = ()) -> Result:
        """Run a SELECT (or ASK) query; ``bindings`` maps variable names to IRIs.

        ``allow_service``: the IRIs of the SPARQL services a ``SERVICE`` clause may call.
        """
        allowed = frozenset(allow_service)
        text = expand_escapes(query)
        check_offline(text, allow_service=allowed, prefixes=PREFIX_IRIS)
        bound = bind(text, bindings or {})
        try:
            if self.engine == "oxigraph":
                return self._select_ox(bound.text)
            return self._select_rdflib(bound, allowed)
        except ArgmapError:
            raise
        except (SyntaxError, ValueError, ParseException, RuntimeError) as exc:
            raise ArgmapError(f"SPARQL error: {bound.relocate(str(exc))}") from None
        except OSError as exc:  # an allowed SERVICE that failed
            raise ArgmapError(f"SPARQL error: {exc}") from None
        except Exception as exc:
            if self.engine == "rdflib":  # rdflib evaluates in Python: whatever the query provokes
                # (a bare Exception for an unknown prefix, a type error in SUM, a bad REGEX)
                raise ArgmapError(f"SPARQL error (rdflib): {type(exc).__name__}: "
                                  f"{bound.relocate(str(exc))}") from None
            raise

    def _select_ox(self, text: str) -> Result:
        res = self._ox.query(text, prefixes=PREFIX_IRIS)
        if isinstance(res, ox.QueryBoolean):
            return Result.ask(bool(res))
        if not isinstance(res, ox.QuerySolutions):
            raise ArgmapError("only SELECT and ASK queries print as tables")
        variables = tuple(v.value for v in res.variables)
        rows, kinds = [], []
        named, literal, by_datatype = ox.NamedNode, ox.Literal, {}
        for sol in res:  # the hot loop of every query, kept lean (1.06x the bare .value loop)
            values: list[str | None] = []
            types: list[Kind | None] = []
            for term in sol:  # a solution iterates in variable order
                cls = term.__class__
                if cls is literal:
                    language = term.language
                    if language:
                        values.append(term.value)
                        types.append(literal_kind(None, language))
                        continue
                    datatype = term.datatype
                    kind = by_datatype.get(datatype)
                    if kind is None:
                        kind = by_datatype[datatype] = literal_kind(datatype.value)
                    values.append(_canonical(term.value, _DECIMAL) if kind is _DECIMAL_KIND else term.value)
                    types.append(kind)
                elif cls is named:
                    values.append(term.value)
                    types.append(URI)
                elif term is None:
                    values.append(None)
                    types.append(None)
                else:
                    values.append(term.value)
                    types.append(BNODE)
            rows.append(tuple(values))
            kinds.append(tuple(types))
        return Result(variables, tuple(rows), tuple(kinds))

    def _select_rdflib(self, bound: Bound, allowed: frozenset[str]) -> Result:
        prepared = prepareQuery(bound.text, initNs=PREFIX_IRIS)
        _check_algebra(prepared.algebra, allowed)
        res = self._rdflib.query(prepared)
        if res.type == "ASK":
            return Result.ask(bool(res.askAnswer))
        if res.type != "SELECT":
            raise ArgmapError("only SELECT and ASK queries print as tables")
        variables = tuple(str(v) for v in res.vars)
        rows, kinds = [], []
        for row in res:
            cells = [_rdflib_cell(row[i]) for i in range(len(variables))]
            rows.append(tuple(c[0] for c in cells))
            kinds.append(tuple(c[1] for c in cells))
        return Result(variables, tuple(rows), tuple(kinds))


def _check_algebra(algebra: CompValue, allowed: frozenset[str]) -> None:
    """What rdflib would run, checked again: no dataset to fetch, no service not allowed."""
    if algebra.get("datasetClause"):
        raise ArgmapError("FROM / FROM NAMED is refused: a local query reads the built map only")
    for part in _parts(algebra):
        if part.name == "ServiceGraphPattern" and str(part.get("term")) not in allowed:
            raise ArgmapError(f"SERVICE <{part.get('term')}> is refused: it would send the query, "
                              "and the claims it has bound, to another host")


def _parts(node: object) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _parts(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _parts(value)


def _rdflib_cell(term: object) -> tuple[str | None, Kind | None]:
    if term is None:
        return None, None
    if isinstance(term, rdflib.Literal):
        datatype = None if term.datatype is None else str(term.datatype)
        value = _canonical(str(term), datatype) if datatype else str(term)
        return value, literal_kind(datatype, term.language)
    return str(term), BNODE if isinstance(term, rdflib.BNode) else URI


def _canonical(lexical: str, datatype: str) -> str:
    """A decimal's canonical form (``1.0`` and ``1`` are one value), so engines compare equal."""
    if datatype != _DECIMAL:
        return lexical
    try:
        value = Decimal(lexical)
    except InvalidOperation:
        return lexical
    return format(value.normalize(), "f") if value else "0"
