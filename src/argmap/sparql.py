"""SPARQL over a built map, on Oxigraph (fast) or rdflib (reference), with the same rows.

Queries are run as given: user text is never spliced into a query. A value a query needs is
passed as a binding (``bindings={"claim": iri}``), which both engines apply as data. Rows come
back as plain strings (an IRI's text, a literal's lexical form) so that the two engines can be
compared and printed alike.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyparsing import ParseException

from argmap.errors import ArgmapError
from argmap.vocab import sparql_prefixes

ENGINES = ("oxigraph", "rdflib")
_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_OX_DECIMAL = ox.NamedNode(_DECIMAL)


@dataclass(frozen=True)
class Result:
    """A SELECT result: variable names and rows of strings (None where unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]

    def sorted_rows(self) -> list[tuple[str | None, ...]]:
        return sorted(self.rows, key=lambda r: tuple("" if v is None else v for v in r))


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    text: str


def named_queries() -> dict[str, NamedQuery]:
    """The shipped queries (``src/argmap/queries/*.rq``); the first comment line is the title."""
    out = {}
    for entry in sorted(resources.files("argmap.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            first = text.splitlines()[0] if text else ""
            title = first.lstrip("# ").strip() if first.startswith("#") else entry.name
            out[entry.name[:-3]] = NamedQuery(entry.name[:-3], title, text)
    return out


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise ArgmapError(f"no shipped query named {name!r} (argmap query --list shows "
                          f"{', '.join(queries)})")
    return queries[name]


def with_prefixes(query: str) -> str:
    """Prepend the standard PREFIX lines so users can write ``argmap:Claim`` directly."""
    return sparql_prefixes() + query


class Store:
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
    def from_oxigraph(cls, store: ox.Store) -> Store:
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


def render(result: Result, fmt: str) -> str:
    """The result as an aligned text table, CSV or SPARQL-JSON-like JSON."""
    if fmt == "json":
        rows = [{v: val for v, val in zip(result.variables, row, strict=True) if val is not None}
                for row in result.rows]
        return json.dumps({"variables": list(result.variables), "rows": rows},
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([["" if v is None else v for v in row] for row in result.rows])
        return buf.getvalue()
    if fmt == "table":
        return _table(result)
    raise ArgmapError(f"unknown format {fmt!r} (expected table, csv or json)")


def _table(result: Result, max_width: int = 80) -> str:
    def cell(v: str | None) -> str:
        s = "" if v is None else " ".join(v.split())
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(result.variables)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(result.variables, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"
