"""The versus brief: where two authors part ways, thesis by thesis, most consequential first.

It renders the document of ``argmap cruxes --between A B --format json``
(:func:`argmap.api.between`, ``.as_dict(argmap)``)::

    {"authors": [a, b], "names": {id: name},
     "sides": [{"thesis": id, "opposite": bool,
                a: {"side": "accept" | "reject" | None, "basis": "declared" | "derived" | None,
                    "standing": float | None}, b: {...}}],
     "points": [{"claim": id, "thesis": id | None, "kind": "stance" | "attack" | "reason",
                 "score": float, "explanation": str, "double_crux": bool,
                 "quotes": {author: {"claim": id, "text": str} | None},
                 "stances": {author: {"side": "accepts" | "rejects", "basis": str,
                                      "standing": float, "settled": float}},
                 "chain": [{"from": id, "relation": "supports" | "attacks", "to": id}]}]}

Per thesis (the one with the most consequential point first) the brief gives both authors'
sides and standings, then each point: its claim, both authors' verbatim words side by side (a
two-item list: one after the other in Markdown, two columns on the printed page), the chain of
links from the claim to the thesis, what would have to be true for each author to move, and the
analysis's one-sentence explanation of how far it would move them. Every text from the map goes
through :mod:`argmap.export.mdtext`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from argmap.export import printable
from argmap.export.mdtext import blockquote, code, inline
from argmap.model import PROVENANCE_WORDS, ArgMap

__all__ = ["dump", "dump_html", "dump_pdf"]

SIDE = {"accept": "accepts it", "reject": "rejects it", None: "takes no side on it"}
HOLDS = {"accepts": "accepts it", "rejects": "rejects it"}
KIND = {"stance": "opposite stances", "attack": "one declares it, the other's claims attack it",
        "reason": "one relies on it, the other rejects it"}
HOW = {"supports": "claims they hold support it", "attacks": "claims they hold attack it",
       "relies": "their reasons rely on it"}
NO_THESIS = "Points that reach no thesis"


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
        self.authors = [str(a) for a in ways["authors"]]
        self.points = list(ways.get("points", ()))
        self.sides = {s["thesis"]: s for s in ways.get("sides", ())}
        self.names = {a.id: a.name for a in argmap.authors} | dict(ways.get("names", {}))
        self.title = " vs ".join(self.name(a) for a in self.authors)

    def name(self, author: str) -> str:
        return self.names.get(author, author)

    def text(self) -> str:
        by_thesis: dict[str | None, list[Mapping[str, Any]]] = {}
        for point in sorted(self.points, key=lambda p: (-float(p["score"]), p["thesis"] is None,
                                                         p["thesis"] or "", p["claim"])):
            by_thesis.setdefault(point["thesis"], []).append(point)
        if None in by_thesis:  # last, whatever their scores
            by_thesis[None] = by_thesis.pop(None)
        theses = sum(t is not None for t in by_thesis)
        a, b = (inline(self.name(x)) for x in self.authors)
        lines = [f"# {inline(self.title)}", "",
                 f"Where {a} and {b} part ways in the map: {len(self.points)} point"
                 f"{'' if len(self.points) == 1 else 's'} on {theses} "
                 f"thes{'i' if theses == 1 else 'e'}s, the most consequential first. *Consequence*: how "
                 "far settling the claim the other's way would move their standings on the thesis (the "
                 "mean of the two moves; standings run from 0 to 1). A *double crux* is a claim they take "
                 "opposite stances on whose settling closes their gap whichever way it goes. The words "
                 "are verbatim quotes; a stance marked *our reading* is the annotator's, not the author's "
                 "own statement.", ""]
        if not by_thesis:
            lines += ["_They part ways nowhere in this map: no claim that one holds and the other rejects._"]
        for i, (thesis, points) in enumerate(by_thesis.items(), 1):
            lines += self._thesis(i, thesis, points)
        return "\n".join(lines).rstrip("\n") + "\n"

    def _thesis(self, number: int, thesis: str | None, points: list[Mapping[str, Any]]) -> list[str]:
        if thesis is None:
            out = [f"## {number}. {NO_THESIS}", ""]
        else:
            text = self.m.thesis(thesis).text if self.m.has(thesis) else thesis
            sides = self.sides.get(thesis, {})
            where = []
            for author in self.authors:
                side = sides.get(author) or {}
                stance = SIDE.get(side.get("side"), SIDE[None])
                basis = self.m.how_declared(author, thesis) if side.get("basis") == "declared" else "from the map"
                if side.get("side") is not None:
                    stance += f" ({basis})"
                if side.get("standing") is not None:
                    stance += f", standing {float(side['standing']):.2f}"
                where.append(f"{inline(self.name(author))} {stance}")
            out = [f"## {number}. {inline(text)}", "", f"{code(thesis)}: " + "; ".join(where) + ".", ""]
            if sides and not sides.get("opposite", True):  # a reader would take it for a thesis they split on
                out += ["_They do not take opposite sides on this thesis: its points are claims they part "
                        "ways on that reach no thesis they split on, placed under the nearest thesis they "
                        "reach._", ""]
        for j, point in enumerate(points, 1):
            out += self._point(f"{number}.{j}", point)
        return out

    def _point(self, number: str, point: Mapping[str, Any]) -> list[str]:
        claim = point["claim"]
        gist = self.m.claim(claim).gist if self.m.has(claim) else claim
        out = [f"### {number} {inline(gist)}", ""]
        if self.m.has(claim):  # whose claim it is, so a debater can cite it
            out += [f"A claim by {inline(self.name(self.m.claim(claim).author))} · {code(claim)}", ""]
        quotes, stances = point.get("quotes") or {}, point.get("stances") or {}
        for author in self.authors:  # the same author on the left in every point
            out += self._words(author, claim, stances.get(author) or {}, quotes.get(author))
        out.append("")
        kind = "Double crux" if point.get("double_crux") else "Not a double crux"
        out += [f"**{kind}** ({inline(KIND.get(point.get('kind'), str(point.get('kind', ''))))}), "
                f"consequence {float(point['score']):.2f}. {self._chain(point)}".rstrip(), ""]
        moves = self._moves(stances)
        if moves:
            out += [moves, ""]
        explanation = str(point.get("explanation") or "").strip()
        if explanation:
            out += [f"*{inline(explanation)}*", ""]
        return out

    def _words(self, author: str, claim: str, held: Mapping[str, Any],
               quote: Mapping[str, Any] | None) -> list[str]:
        """One list item: the author's side on the claim and how it is known, then their words."""
        basis = held.get("basis")
        how = self.m.how_declared(author, claim) if basis == "declared" else HOW.get(basis, "")
        head = f"- **{inline(self.name(author))}** {HOLDS.get(held.get('side'), 'takes no side on it')}"
        out = [head + (f" ({how})" if how else "") + ":"]
        if quote and quote.get("text"):
            out += blockquote(f"“{quote['text']}”", "  ")
            evidence = quote.get("claim")
            if evidence and self.m.has(evidence):
                said = self.m.claim(evidence)
                title = next((s.title for s in self.m.sources if s.id == said.source), said.source)
                reported = (f", words of {inline(self.name(said.reported_by))} reporting the view"
                            if said.reported_by else "")
                out += ["", f"  {code(evidence)}, in “{inline(title)}”{reported}"]
                if evidence != claim:  # the words are of their own claim: say what it is and how it bears
                    out += ["", f"  Their claim: *{inline(said.gist)}*"]
                    link = self.m.link(evidence, claim)
                    if link is not None:
                        how = PROVENANCE_WORDS.get(link.provenance, link.provenance)
                        out[-1] += "\\"
                        out.append(f"  It {link.type}s the point ({how}): {inline(link.rationale)}")
        else:
            out += ["", "  No quote in the map."]
        return out

    def _chain(self, point: Mapping[str, Any]) -> str:
        steps = []
        for link in point.get("chain") or ():
            verb = "supports" if link.get("relation") == "supports" else "attacks"
            target = str(link["to"])
            if target == point.get("thesis"):
                steps.append(f"{verb} the thesis")
            elif self.m.has(target) and not target.startswith("thesis."):
                claim = self.m.claim(target)
                steps.append(f"{verb} *{inline(claim.gist)}* ({inline(self.name(claim.author))})")
        if not steps:
            return "" if point.get("thesis") is None else "No chain of links leads from it to the thesis."
        return "How it bears on the thesis: it " + ", which ".join(steps) + "."

    def _moves(self, stances: Mapping[str, Mapping[str, Any]]) -> str:
        """For each author whom settling the claim the other's way moves toward the other (by
        at least 0.01): what would have to be true (how far: the explanation)."""
        out = []
        for author, other in (self.authors, self.authors[::-1]):
            held, theirs = stances.get(author) or {}, stances.get(other) or {}
            if held.get("side") not in HOLDS or not _toward(held, theirs):
                continue
            would = "fail" if held["side"] == "accepts" else "hold"
            said = theirs.get("side") in HOLDS
            sentence = (f"To move {inline(self.name(author))}, it would have to {would}"
                        + (f", as {inline(self.name(other))} holds" if said else ""))
            out.append(sentence + ".")
        return " ".join(out)


def _toward(held: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Whether the settled standing is at least 0.01 nearer the other author's than it was."""
    values = (held.get("standing"), held.get("settled"), other.get("standing"))
    if any(v is None for v in values):
        return True  # no numbers: what would move them is still what they deny
    now, then, theirs = (float(v) for v in values)  # type: ignore[arg-type]
    return abs(then - theirs) <= abs(now - theirs) - 0.01
