"""The versus brief: where two authors part ways, thesis by thesis, most consequential first.

It renders the "parting ways" document of :func:`argmap.api.parting_ways`, which has the shape
of ``argmap cruxes --between A B --format json``::

    {"authors": [a, b],
     "points": [{"claim": id, "thesis": id, "kind": str, "score": float, "explanation": str,
                 "double_crux": bool,
                 "quotes": [{"author": id, "stance": "accept" | "reject" | None,
                             "basis": "stated" | "inferred" | None, "claim": id | None,
                             "quote": str | None, "note": str | None}, ...],
                 "moves": {author: share of the gap}, "standings": {author: standing}}]}

``moves`` and ``standings`` are optional. Per thesis (the one with the most consequential point
first) the brief gives both authors' declared stances and standings, then each point: its claim,
both authors' verbatim words side by side (a two-item list: one after the other in Markdown,
two columns on the printed page), the chain of links from the claim to the thesis, and what would
have to be true for each author to move. Every text from the map goes through
:mod:`argmap.export.mdtext`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from argmap.export import printable
from argmap.export.mdtext import blockquote, code, inline
from argmap.model import ArgMap
from argmap.select import chain

__all__ = ["dump", "dump_html", "dump_pdf"]

STANCE = {"accept": "accepts it", "reject": "rejects it", None: "takes no stance on it"}
BASIS = {"stated": "stated", "inferred": "our reading", "override": "overridden", None: ""}


def dump(argmap: ArgMap, ways: Mapping[str, Any]) -> str:
    """The versus brief as Markdown."""
    return _Versus(argmap, ways).text()


def dump_html(argmap: ArgMap, ways: Mapping[str, Any]) -> str:
    """The versus brief as a print-friendly page, each point's quotes side by side."""
    writer = _Versus(argmap, ways)
    return printable.page(writer.text(), writer.title, layout="versus")


def dump_pdf(argmap: ArgMap, ways: Mapping[str, Any]) -> bytes:
    """The versus brief printed to an A4 PDF by headless Chromium."""
    return printable.pdf(dump_html(argmap, ways))


class _Versus:
    def __init__(self, argmap: ArgMap, ways: Mapping[str, Any]) -> None:
        self.m = argmap
        self.authors = [a["id"] if isinstance(a, Mapping) else str(a) for a in ways["authors"]]
        self.points = list(ways.get("points", ()))
        self.names = {a.id: a.name for a in argmap.authors}
        self.title = " vs ".join(self.name(a) for a in self.authors)
        self.seen: dict[str, str] = {}  # claim → the number of the point that quoted both sides

    def name(self, author: str) -> str:
        return self.names.get(author, author)

    def text(self) -> str:
        by_thesis: dict[str, list[Mapping[str, Any]]] = {}
        for point in sorted(self.points, key=lambda p: (-float(p["score"]), p["thesis"], p["claim"])):
            by_thesis.setdefault(point["thesis"], []).append(point)
        a, b = (inline(self.name(x)) for x in self.authors)
        lines = [f"# {inline(self.title)}", "",
                 f"Where {a} and {b} part ways in the map: {len(self.points)} point"
                 f"{'' if len(self.points) == 1 else 's'} on {len(by_thesis)} "
                 f"thes{'i' if len(by_thesis) == 1 else 'e'}s, the most consequential first. *Score*: the "
                 "share of their gap on the thesis that settling the claim would close (for a *double "
                 "crux*, whichever way it is settled). The words are verbatim quotes; a stance marked "
                 "*our reading* is the annotator's, not the author's own statement.", ""]
        if not by_thesis:
            lines += ["_They part ways nowhere in this map: no claim that one accepts and the other rejects._"]
        for i, (thesis, points) in enumerate(by_thesis.items(), 1):
            lines += self._thesis(i, thesis, points)
        return "\n".join(lines).rstrip("\n") + "\n"

    def _thesis(self, number: int, thesis: str, points: list[Mapping[str, Any]]) -> list[str]:
        text = self.m.thesis(thesis).text if self.m.has(thesis) else thesis
        declared = {p.author: p for p in self.m.positions if p.target == thesis}
        standings = next((p["standings"] for p in points if p.get("standings")), {})
        where = []
        for author in self.authors:
            p = declared.get(author)
            stance = f"{STANCE[p.stance]} ({BASIS[p.basis]})" if p else STANCE[None]
            if author in standings:
                stance += f", standing {float(standings[author]):.2f}"
            where.append(f"{inline(self.name(author))} {stance}")
        out = [f"## {number}. {inline(text)}", "", f"{code(thesis)}: " + "; ".join(where) + ".", ""]
        for j, point in enumerate(points, 1):
            out += self._point(f"{number}.{j}", point)
        return out

    def _point(self, number: str, point: Mapping[str, Any]) -> list[str]:
        claim = point["claim"]
        gist = self.m.claim(claim).gist if self.m.has(claim) else claim
        out = [f"### {number} {inline(gist)}", ""]
        quotes = {q["author"]: q for q in point.get("quotes", ())}
        if claim in self.seen:  # the same claim on another thesis: its words are written out once
            out += [f"Their words: as in {self.seen[claim]}.", ""]
        else:
            self.seen[claim] = number
            for author in self.authors:  # the same author on the left in every point
                out += self._words(author, quotes.get(author, {}))
            out.append("")
        kind = "Double crux" if point.get("double_crux") else "Not a double crux"
        out += [f"**{kind}** ({inline(str(point.get('kind', '')))}), score {float(point['score']):.2f}. "
                f"{self._chain(claim, point['thesis'])}", ""]
        moves = self._moves(point, quotes)
        if moves:
            out += [moves, ""]
        explanation = str(point.get("explanation") or "").strip()
        if explanation:
            out += [f"*{inline(explanation)}*", ""]
        return out

    def _words(self, author: str, quote: Mapping[str, Any]) -> list[str]:
        """One list item: the author's stance on the claim, then the words it rests on."""
        basis = BASIS.get(quote.get("basis"), "")
        head = f"- **{inline(self.name(author))}** {STANCE.get(quote.get('stance'), STANCE[None])}"
        out = [head + (f" ({basis})" if basis else "") + ":"]
        evidence = quote.get("claim")
        if quote.get("quote"):
            out += blockquote(f"“{quote['quote']}”", "  ")
            if evidence and self.m.has(evidence):
                source = self.m.claim(evidence).source
                title = next((s.title for s in self.m.sources if s.id == source), source)
                out += ["", f"  {code(evidence)}, in “{inline(title)}”"]
        elif quote.get("note"):
            out += ["", f"  No quote; the annotator's note: {inline(str(quote['note']))}"]
        else:
            out += ["", "  No quote in the map."]
        return out

    def _chain(self, claim: str, thesis: str) -> str:
        if not (self.m.has(claim) and self.m.has(thesis)):
            return ""
        path = chain(self.m, claim, thesis)
        if not path:
            return "No chain of links leads from it to the thesis in this map."
        steps = []
        for r in path:
            verb = "supports" if r.type == "support" else "attacks"
            if r.target == thesis:
                steps.append(f"{verb} the thesis")
            else:
                target = self.m.claim(r.target)
                steps.append(f"{verb} *{inline(target.gist)}* ({inline(self.name(target.author))})")
        return "How it bears on the thesis: it " + ", which ".join(steps) + "."

    def _moves(self, point: Mapping[str, Any], quotes: Mapping[str, Mapping[str, Any]]) -> str:
        """For each author: what would have to be true to move them (the claim settled against them)."""
        moves = point.get("moves") or {}
        out = []
        for author, other in (self.authors, self.authors[::-1]):
            stance = quotes.get(author, {}).get("stance")
            if stance not in ("accept", "reject"):
                continue
            would = "fail" if stance == "accept" else "hold"
            said = quotes.get(other, {}).get("stance") in ("accept", "reject")
            sentence = (f"To move {inline(self.name(author))}, it would have to {would}"
                        + (f", as {inline(self.name(other))} says" if said else ""))
            if author in moves:
                sentence += f": that closes {max(float(moves[author]), 0.0):.0%} of their gap"
            out.append(sentence + ".")
        return " ".join(out)
