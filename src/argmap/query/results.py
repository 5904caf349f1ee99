"""Query results as rows of strings, and their renderings (table, CSV, JSON)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from argmap.errors import ArgmapError


@dataclass(frozen=True)
class Result:
    """A SELECT result: variable names and rows of strings (None where unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]

    def sorted_rows(self) -> list[tuple[str | None, ...]]:
        return sorted(self.rows, key=lambda r: tuple("" if v is None else v for v in r))


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
