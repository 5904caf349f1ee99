"""A Markdown debate brief: the case for and against a thesis or claim, as a printable outline.

For the focus (a thesis or claim; each thesis of the map when none is given) the brief has a
heading per side. Each point is a list item: its gist in bold, then author and source title,
then the verbatim quote as a blockquote. Under each point, nested, come its rebuttals (claims
attacking it) and its backing (claims supporting it), recursively, so a debater reads the
exchange top-down. A claim reached twice is written in full once and referred to after. Claims
the outline does not reach (deeper than MAX_NESTING, or unlinked) follow under "Deeper in the
argument", so nothing selected is lost. A main point of either side is always written under
its side, never nested inside another point. When a crux list is passed, the open cruxes close
the brief. No tables, no wide lines: it prints on paper.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from argmap.export.mdtext import blockquote, code, inline
from argmap.model import THESIS_PREFIX, ArgMap, Claim

MAX_NESTING = 4  # deeper exchanges are listed at the end instead: indentation must fit a page

__all__ = ["MAX_NESTING", "dump"]


def dump(argmap: ArgMap, *, focus: str | None = None, cruxes: Iterable[Any] | None = None) -> str:
    """The brief as Markdown text; ``focus`` is a thesis or claim id of ``argmap``."""
    writer = _Brief(argmap)
    foci = [focus] if focus is not None else [t.id for t in argmap.theses]
    if not foci:  # no thesis selected: every claim that bears on nothing in the selection
        foci = [c.id for c in argmap.claims
                if not any(r.source == c.id for r in argmap.relations)][:1]
    for node in foci:
        writer.focus(node)
    writer.rest()
    if cruxes is not None:
        writer.cruxes(list(cruxes))
    return "\n".join(writer.lines).rstrip("\n") + "\n"


class _Brief:
    """Accumulates the brief's lines; remembers which claims are already written out."""

    def __init__(self, argmap: ArgMap) -> None:
        self.m = argmap
        self.lines: list[str] = []
        self.written: set[str] = set()
        self.main_points: dict[str, str] = {}  # the focus's direct points → their side heading
        self.authors = {a.id: a.name for a in argmap.authors}
        self.titles = {s.id: s.title for s in argmap.sources}

    def focus(self, node: str) -> None:
        if node.startswith(THESIS_PREFIX):
            self.lines += [f"# Brief: {inline(self.m.thesis(node).text)}", "",
                           f"Thesis {code(node)}.", ""]
        else:
            claim = self.m.claim(node)
            self.written.add(node)
            self.lines += [f"# Brief: {inline(claim.gist)}", "", f"Claim {code(node)}, {self._byline(claim)}.",
                           *_quote(claim.quote, ""), ""]
            bears = [(r.type, r.target) for r in self.m.relations_from(node)]
            if bears:
                self.lines += ["## What it bears on", ""]
                for kind, target in bears:
                    verb = "Supports" if kind == "support" else "Attacks"
                    self.lines.append(f"- {verb}: {inline(self.m.text_of(target))} ({code(target)})")
                self.lines.append("")
        sides = (("The case for", "support"), ("The case against", "attack"))
        # each side's main points are written at the top of their side, not nested elsewhere
        self.main_points = {src: side for side, kind in sides
                            for k, src in [(r.type, r.source) for r in self.m.relations_to(node)] if k == kind}
        for side, kind in sides:
            self.lines += [f"## {side}", ""]
            points = [src for k, src in [(r.type, r.source) for r in self.m.relations_to(node)] if k == kind]
            if not points:
                self.lines += ["_Nothing in this selection._", ""]
                continue
            for src in points:
                self._point(src, "", "", {node})
            self.lines.append("")
        self.main_points = {}

    def _point(self, claim_id: str, indent: str, role: str, path: set[str]) -> None:
        claim = self.m.claim(claim_id)
        label = f"{role}: " if role else ""
        if claim_id in self.written or (indent and claim_id in self.main_points):
            where = (f"a main point of “{self.main_points[claim_id]}”"
                     if claim_id in self.main_points else "written out above")
            self.lines.append(f"{indent}- {label}**{inline(claim.gist)}** ({code(claim_id)}, {where})")
            return
        self.written.add(claim_id)
        self.lines.append(f"{indent}- {label}**{inline(claim.gist)}**  ")
        self.lines.append(f"{indent}  {self._byline(claim)} ({code(claim_id)})")
        self.lines += _quote(claim.quote, indent + "  ")
        deeper = len(indent) < 2 * MAX_NESTING
        answers = [(r.type, r.source) for r in self.m.relations_to(claim_id)] if deeper else []
        for kind in ("attack", "support"):  # rebuttals first: what the other side will say
            for k, src in answers:
                if k == kind and src not in path:
                    self._point(src, indent + "  ", "Rebuttal" if kind == "attack" else "Backing",
                                path | {claim_id})

    def rest(self) -> None:
        missing = [c for c in self.m.claims if c.id not in self.written]
        if not missing:
            return
        self.lines += ["## Deeper in the argument", "",
                       f"Claims more than {MAX_NESTING} steps from the focus, or not linked to it in "
                       "this selection, each with its own rebuttals and backing.", ""]
        for claim in missing:
            if claim.id not in self.written:  # an earlier item may have written it out since
                self._point(claim.id, "", "", set())
        self.lines.append("")

    def cruxes(self, cruxes: list[Any]) -> None:
        self.lines += ["## Open cruxes", ""]
        if not cruxes:
            self.lines += ["_No crux was found._", ""]
            return
        for crux in sorted(cruxes, key=lambda c: int(_field(c, "rank"))):
            claim, thesis = str(_field(crux, "claim")), str(_field(crux, "thesis"))
            gist = self.m.claim(claim).gist if self.m.has(claim) else claim
            about = self.m.thesis(thesis).text if self.m.has(thesis) else thesis
            self.lines.append(f"{_field(crux, 'rank')}. **{inline(gist)}** ({code(claim)}; score "
                              f"{float(_field(crux, 'score')):.3f} on “{inline(about)}”)  ")
            explanation = str(_field(crux, "explanation", "") or "").strip()
            if explanation:
                self.lines.append(f"   {inline(explanation)}")
        self.lines.append("")

    def _byline(self, claim: Claim) -> str:
        who = inline(self.authors.get(claim.author, claim.author))
        if claim.reported_by:
            who += f" (reported by {inline(self.authors.get(claim.reported_by, claim.reported_by))})"
        return f"*{who}*, in “{inline(self.titles.get(claim.source, claim.source))}”"


def _quote(text: str, indent: str) -> list[str]:
    """A Markdown blockquote of ``text`` (one paragraph), indented to sit in a list item."""
    return blockquote(f"“{text}”", indent)


def _field(item: Any, key: str, default: Any = None) -> Any:
    if isinstance(item, dict):
        return item.get(key, default)
    return getattr(item, key, default)
