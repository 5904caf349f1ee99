"""Query results: rows of strings (what tables and cross-engine comparisons use) with each
value's RDF term type alongside, and their renderings.

Formats: an aligned ``table`` for people; ``csv`` and ``tsv`` as the W3C "SPARQL 1.1 Query
Results CSV and TSV Formats" say (CSV: plain values, CRLF line ends; TSV: values in SPARQL/Turtle
syntax, ``?var`` headers); ``json`` and ``xml`` in the SPARQL 1.1 Query Results JSON and XML
formats, which any SPARQL client reads (``application/sparql-results+json`` / ``+xml``).

>>> r = Result(("c", "n"), (("https://e.org/c", "2"),), ((URI, Kind("literal", XSD_INTEGER)),))
>>> render(r, "tsv").splitlines()
['?c\\t?n', '<https://e.org/c>\\t2']
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from argmap.errors import ArgmapError

FORMATS = ("table", "csv", "tsv", "json", "xml")
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING, XSD_INTEGER = XSD + "string", XSD + "integer"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
TABLE_WIDTH = 80  # a cell's characters in a table written to a terminal

__all__ = ["BNODE", "FORMATS", "PLAIN", "TABLE_WIDTH", "URI", "Kind", "Result", "literal_kind", "render"]


class Kind(NamedTuple):
    """An RDF term's type: ``uri``, ``bnode`` or ``literal`` (with a datatype or a language)."""

    type: str
    datatype: str | None = None  # None for a simple literal (xsd:string) and a language-tagged one
    lang: str | None = None


URI, BNODE, PLAIN = Kind("uri"), Kind("bnode"), Kind("literal")
_KINDS: dict[tuple[str | None, str | None], Kind] = {}


def literal_kind(datatype: str | None, lang: str | None = None) -> Kind:
    """The (shared) Kind of a literal; xsd:string and rdf:langString are implied, as in RDF 1.1."""
    if lang or datatype in (XSD_STRING, RDF_LANGSTRING):
        datatype = None
    key = (datatype, lang or None)
    kind = _KINDS.get(key)
    if kind is None:
        kind = _KINDS[key] = Kind("literal", *key)
    return kind


@dataclass(frozen=True)
class Result:
    """A SELECT result: variable names, rows of strings (None where unbound), and each value's
    term type (``kinds``; None: every value a plain literal). An ASK result is one ``ask`` row
    and ``boolean``."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    kinds: tuple[tuple[Kind | None, ...], ...] | None = None
    boolean: bool | None = None

    @classmethod
    def ask(cls, answer: bool) -> Result:
        return cls(("ask",), ((str(answer).lower(),),), boolean=answer)

    def sorted_rows(self) -> list[tuple[str | None, ...]]:
        return sorted(self.rows, key=lambda r: tuple("" if v is None else v for v in r))

    def cells(self) -> list[list[tuple[str, Kind] | None]]:
        """Rows of (value, kind), None where unbound."""
        kinds = self.kinds or [[PLAIN] * len(self.variables)] * len(self.rows)
        return [[None if v is None else (v, k or PLAIN) for v, k in zip(row, ks, strict=True)]
                for row, ks in zip(self.rows, kinds, strict=True)]


def render(result: Result, fmt: str = "table", *, max_width: int | None = None) -> str:
    """``result`` as text in ``fmt`` (one of :data:`FORMATS`); a table cuts cells at ``max_width``."""
    writers = {"table": lambda r: _table(r, max_width), "csv": _csv, "tsv": _tsv, "json": _json,
               "xml": _xml}
    if fmt not in writers:
        raise ArgmapError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    return writers[fmt](result)


def _table(result: Result, max_width: int | None) -> str:
    def cell(v: str | None) -> str:
        s = "" if v is None else " ".join(v.split())
        return s if max_width is None or len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(result.variables)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(result.variables, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _csv(result: Result) -> str:
    """SPARQL 1.1 CSV: header of names, plain values (a blank node as ``_:label``), CRLF."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.cells():
        writer.writerow(["" if c is None else ("_:" + c[0] if c[1].type == "bnode" else c[0]) for c in row])
    return buf.getvalue()


_TSV_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NUMBER = {XSD + "integer": re.compile(r"[+-]?\d+"), XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
           XSD + "double": re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+"),
           XSD + "boolean": re.compile(r"true|false")}


def _term(value: str, kind: Kind) -> str:
    """A term in SPARQL/Turtle syntax (what a TSV cell holds)."""
    if kind.type == "uri":
        return f"<{value}>"
    if kind.type == "bnode":
        return f"_:{value}"
    pattern = _NUMBER.get(kind.datatype or "")
    if pattern is not None and pattern.fullmatch(value):
        return value  # the abbreviated form the TSV spec allows for numbers and booleans
    text = '"' + "".join(_TSV_ESCAPES.get(ch, ch) for ch in value) + '"'
    if kind.lang:
        return f"{text}@{kind.lang}"
    return f"{text}^^<{kind.datatype}>" if kind.datatype else text


def _tsv(result: Result) -> str:
    """SPARQL 1.1 TSV: ``?var`` headers, terms in SPARQL syntax, empty where unbound."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if c is None else _term(*c) for c in row) for row in result.cells()]
    return "\n".join(lines) + "\n"


def _json_term(value: str, kind: Kind) -> dict[str, str]:
    term = {"type": kind.type, "value": value}
    if kind.lang:
        term["xml:lang"] = kind.lang
    elif kind.datatype:
        term["datatype"] = kind.datatype
    return term


def _json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON (``application/sparql-results+json``)."""
    if result.boolean is not None:
        doc: dict[str, object] = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [{v: _json_term(*c) for v, c in zip(result.variables, row, strict=True) if c is not None}
                    for row in result.cells()]
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udfff]")


def _xml_text(value: str, variable: str) -> str:
    bad = _XML_ILLEGAL.search(value)
    if bad:
        raise ArgmapError(f"?{variable} has a value with a character XML 1.0 cannot carry "
                          f"(U+{ord(bad.group()):04X}): use --format json")
    return escape(value, {"\r": "&#13;"})


def _xml(result: Result) -> str:
    """SPARQL Query Results XML (``application/sparql-results+xml``)."""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
    if result.boolean is not None:
        out += ["  </head>", f"  <boolean>{str(result.boolean).lower()}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
    out += ["  </head>", "  <results>"]
    for row in result.cells():
        out.append("    <result>")
        for var, c in zip(result.variables, row, strict=True):
            if c is None:
                continue
            value, kind = c
            text = _xml_text(value, var)
            if kind.type == "literal":
                attrs = (f" xml:lang={quoteattr(kind.lang)}" if kind.lang else
                         f" datatype={quoteattr(kind.datatype)}" if kind.datatype else "")
                term = f"<literal{attrs}>{text}</literal>"
            else:
                term = f"<{kind.type}>{text}</{kind.type}>"
            out.append(f"      <binding name={quoteattr(var)}>{term}</binding>")
        out.append("    </result>")
    out += ["  </results>", "</sparql>"]
    return "\n".join(out) + "\n"
