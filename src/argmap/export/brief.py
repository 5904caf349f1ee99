"""A debate brief: who stands where, the cruxes, the case for and against, strongest first.

Written for a debater with fifteen minutes and a printer. For a thesis (the ``focus``; each thesis
of the selection when none is given) the brief says who stands where, names the top cruxes, then
gives "the case for" and "the case against": the relations into the focus, each side ranked by
how far settling the claim would move the thesis (the |swing| of the crux analysis), strongest
first. A point is written out with its gist, author, source, verbatim quote and the rationale of
its link, marked *stated by the author* or *our reading*; under it come its strongest rebuttal
(the attack on it that moves the thesis most) and the counter to that rebuttal, then references
to its other links. Deeper exchanges follow under "Further links", grouped by the claim they
bear on, and the open cruxes (contested claims only) close.

Two rules keep it faithful and short:

- every claim gets a number (#n) at its first mention, which gives its gist; after that it is
  referred to by number, and it is written out in full (with its quote) at most once;
- every relation of the selection appears exactly once: as the link of a written point, rebuttal
  or counter, or as a reference under the claim it bears on.

For a claim the same layout starts from what the claim bears on; for a crux it adds the crux's
rank, its explanation and the chain of links from the claim to its thesis. The Markdown is plain
CommonMark that pandoc's default reader renders the same way (bulleted lists, block quotes after a
blank line, backslash line breaks, no tables, no raw HTML); :func:`dump_html` and :func:`dump_pdf`
render it for print.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from typing import Any

from argmap.analysis.cruxes import underived
from argmap.export import printable
from argmap.export.mdtext import blockquote, code, inline
from argmap.model import PROVENANCE_WORDS, THESIS_PREFIX, ArgMap, Claim, Relation
from argmap.select import chain

TOP_CRUXES = 3  # named with their explanation at the top; the other contested ones close the brief
MAX_POINTS = 5  # points per side in full by default: the largest thesis prints on 12 pages (test_brief allows 12)
ROLES = ("", "Rebuttal: ", "Counter: ")  # a point, the strongest attack on it, the strongest on that

__all__ = ["MAX_POINTS", "TOP_CRUXES", "dump", "dump_html", "dump_pdf"]


def dump(argmap: ArgMap, *, focus: str | None = None, cruxes: Iterable[Any] | None = None,
         standings: Mapping[str, Mapping[str, float]] | None = None, crux: Any = None,
         crux_number: int | None = None, max_points: int | None = None, side: str | None = None) -> str:
    """The brief as Markdown text.

    ``focus``: a thesis or claim id of ``argmap``. ``cruxes``: crux rankings (``argmap.analysis.Crux``
    or dicts with its fields) of the theses in view; their swings rank the points. ``standings``:
    thesis → viewpoint → standing. ``crux``: the crux the brief is about, shown as number
    ``crux_number``. ``max_points``: points written out in full per side, the rest listed
    (None: :data:`MAX_POINTS`; 0: every point). ``side``: "pro" or "con" writes only that side's case.
    """
    return _render(argmap, focus, cruxes, standings, crux, crux_number, max_points, side)[0]


def dump_html(argmap: ArgMap, **options: Any) -> str:
    """The brief as a print-friendly HTML page (``--format brief-html``); further links in small print."""
    text, title, appendix = _render(argmap, **_positional(options))
    return printable.page(text[:appendix], title, appendix=text[appendix:])


def dump_pdf(argmap: ArgMap, **options: Any) -> bytes:
    """The brief printed to an A4 PDF by headless Chromium (``--format pdf``)."""
    return printable.pdf(dump_html(argmap, **options))


def _positional(options: Mapping[str, Any]) -> dict[str, Any]:
    names = ("focus", "cruxes", "standings", "crux", "crux_number", "max_points", "side")
    return {n: options.get(n) for n in names}


def _render(argmap: ArgMap, focus: str | None = None, cruxes: Iterable[Any] | None = None,
            standings: Mapping[str, Mapping[str, float]] | None = None, crux: Any = None,
            crux_number: int | None = None, max_points: int | None = None,
            side: str | None = None) -> tuple[str, str, int]:
    """The brief's text, its title, and where in the text the further links (an appendix) start."""
    writer = _Brief(argmap, list(cruxes or ()), standings or {}, max_points, side)
    if crux is not None:
        focus = str(_field(crux, "claim"))
    foci = [focus] if focus is not None else [t.id for t in argmap.theses]
    for node in foci:
        writer.focus(node, crux, crux_number)
    writer.unlinked()
    main = "\n".join(writer.lines).rstrip("\n") + "\n"
    writer.lines = []
    writer.further()
    rest = "\n".join(writer.lines).rstrip("\n")
    return (main + "\n" + rest + "\n" if rest else main), writer.title or "Brief", len(main)


class _Brief:
    """Accumulates the brief's lines; numbers claims, remembers what is written and shown."""

    def __init__(self, argmap: ArgMap, cruxes: list[Any], standings: Mapping[str, Mapping[str, float]],
                 max_points: int | None, side: str | None) -> None:
        self.m = argmap
        self.cruxes = cruxes
        self.standings = standings
        self.max_points = MAX_POINTS if max_points is None else (max_points or None)
        self.side = side
        self.lines: list[str] = []
        self.title = ""
        self.numbers: dict[str, int] = {}  # claim → its number, given at its first mention
        self.written: set[str] = set()  # claims written out in full
        self.shown: set[str] = set()  # relation ids placed in the brief
        self.reserved: dict[str, str] = {}  # the focus's points → their side, written only there
        self.here = ""  # the current focus
        self.swing: dict[str, float] = {}  # claim → |swing| on the current thesis
        self.names = {a.id: a.name for a in argmap.authors}
        self.short = {a.id: a.short_name for a in argmap.authors}
        self.source_titles = {s.id: s.title for s in argmap.sources}

    # --- one focus ----------------------------------------------------------------------------

    def focus(self, node: str, crux: Any, crux_number: int | None) -> None:
        self.here = node
        thesis = str(_field(crux, "thesis")) if crux is not None else node
        self.swing = self._swings(thesis if thesis.startswith(THESIS_PREFIX) else None)
        if crux is not None:
            self._crux_head(node, crux, crux_number)
        elif node.startswith(THESIS_PREFIX):
            text = self.m.thesis(node).text
            self.title = self.title or f"Brief: {text}"
            self.lines += [f"# Brief: {inline(text)}", "", self._intro(node), ""]
            self._stands(node)
            self._top_cruxes(node)
        else:
            claim = self.m.claim(node)
            self.title = self.title or f"Brief: {claim.gist}"
            self.lines += [f"# Brief: {inline(claim.gist)}", "", self._intro(node), ""]
        if not node.startswith(THESIS_PREFIX):
            self._claim_head(node, crux)
        self._cases(node)
        self._open_cruxes(node if node.startswith(THESIS_PREFIX) else None, crux)

    def _intro(self, node: str) -> str:
        """What the brief weighs for this focus: for a thesis, the claims whose links lead to it
        (a brief of several theses, say an author's, counts each thesis's own, not the
        selection's); for a claim, its neighbourhood, the whole selection."""
        claims, links, todo = set(), set(), [node]
        if not node.startswith(THESIS_PREFIX):
            claims, links, todo = {c.id for c in self.m.claims}, {r.id for r in self.m.relations}, []
        while todo:
            for r in self.m.relations_to(todo.pop()):
                links.add(r.id)
                if r.source not in claims:
                    claims.add(r.source)
                    todo.append(r.source)
        authors = {self.m.claim(c).author for c in claims if self.m.has(c)}
        what = "Thesis" if node.startswith(THESIS_PREFIX) else "Claim"
        # a side's claims whose path to the thesis runs through the other side's: counted apart
        apart = len([c for c in self.m.claims if c.id not in claims]) if self.side else 0
        aside = (f" {_count(apart, 'more claim')} of this side reach it only through the other side's "
                 "claims (under “Further links”, or “Not linked in this selection”)." if apart else "")
        counted = f"{_count(len(claims), 'claim')} by {_count(len(authors), 'author')}"
        counted += (f" {'lead' if len(claims) != 1 else 'leads'} to it over {_count(len(links), 'link')}"
                    if what == "Thesis" else f", {_count(len(links), 'link')}")
        return (f"{what} {code(node)}: {counted}.{aside} Points are "
                "ranked by how far settling them would move the thesis (their *swing*, 0 to 1); each "
                "link's rationale is marked *stated by the author* or *our reading*. A claim is "
                "numbered (#n) where it is first named and written out once.")

    def _crux_head(self, node: str, crux: Any, number: int | None) -> None:
        thesis = str(_field(crux, "thesis"))
        claim = self.m.claim(node)
        shown = number if number is not None else _field(crux, "rank")
        self.title = f"Crux {shown}: {claim.gist}"
        about = self.m.thesis(thesis).text if self.m.has(thesis) else thesis
        self.lines += [f"# Crux {shown}: {inline(claim.gist)}", "",
                       f"On the thesis “{inline(about)}” ({code(thesis)}): rank "
                       f"{_field(crux, 'rank')} of its cruxes, score {float(_field(crux, 'score')):.3f}, "
                       f"swing {float(_field(crux, 'swing')):+.3f}, authors split "
                       f"{_field(crux, 'n_for', 0)}–{_field(crux, 'n_against', 0)}.", ""]
        explanation = str(_field(crux, "explanation", "") or "").strip()
        if explanation:
            self.lines += [inline(explanation), ""]
        self.lines += [self._intro(node), ""]

    def _claim_head(self, node: str, crux: Any) -> None:
        """The claim written out, who stands where on it, and what it bears on (the chain first)."""
        claim = self.m.claim(node)
        self.written.add(node)
        self.lines += [f"**#{self._number(node)} {inline(claim.gist)}**\\", self._byline(claim),
                       *blockquote(f"“{claim.quote}”"), ""]
        held = [(p.author, p.stance, p.basis) for p in self.m.positions if p.target == node]
        if not any(a == claim.author for a, _, _ in held):
            held.insert(0, (claim.author, "accept", "stated"))
        self.lines += ["## Who stands where", ""]
        self.lines += [f"- **{inline(self._name(a))}** {stance}s it ({_basis(basis)})."
                       for a, stance, basis in held]
        self.lines.append("")
        if crux is not None:
            path = chain(self.m, node, str(_field(crux, "thesis")))
            if path:
                self.lines += ["## How it reaches the thesis", ""]
                self.lines += [f"- {self._ref(r.source)} {_verb(r)} {self._ref(r.target)}: {self._why(r)}"
                               for r in path]
                self.shown |= {r.id for r in path}
                self.lines.append("")
        bears = [r for r in self.m.relations_from(node) if r.id not in self.shown]
        if bears:
            self.lines += ["## What it bears on", ""]
            self.lines += [f"- {_verb(r).capitalize()} {self._ref(r.target)}: {self._why(r)}" for r in bears]
            self.shown |= {r.id for r in bears}
            self.lines.append("")

    def _stands(self, thesis: str) -> None:
        """Each author's declared stance and standing on the thesis, then the pooled views."""
        seen = self.standings.get(thesis, {})
        declared = sorted((p for p in self.m.positions if p.target == thesis),
                          key=lambda p: (p.stance != "accept", self._name(p.author).casefold()))
        self.lines += ["## Who stands where", ""]
        if seen:
            self.lines += ["*Standing*: how well the thesis holds, 0 to 1, when the links are weighed from "
                           "that author's stances.", ""]
        for p in declared:
            number = f"; {_standing(seen[p.author])}" if p.author in seen else ""
            self.lines.append(f"- **{inline(self._name(p.author))}** {p.stance}s it ({_basis(p.basis)}){number}.")
        silent = sorted({c.author for c in self.m.claims} - {p.author for p in declared},
                        key=lambda a: self._name(a).casefold())
        rest = [a for a in silent if a in seen and underived(seen[a])]
        shown = [a for a in silent if a not in rest]
        if shown:
            self.lines.append("- No declared stance: " + "; ".join(
                inline(self.short.get(a, a)) + (f" {seen[a]:.2f}" if a in seen else "") for a in shown) + ".")
        if rest:  # a 0.50 would read as a neutral standing; their reasons simply do not reach it
            self.lines.append("- No declared stance and no reasons in the map that reach it: " + "; ".join(
                inline(self.short.get(a, a)) for a in rest) + ".")
        if "pooled" in seen:
            self.lines.append(f"- Every stance pooled: {seen['pooled']:.2f}; the links alone: "
                              f"{seen.get('neutral', 0.5):.2f}. These weigh the links as annotated, "
                              "not the authors: a side whose reasons meet more rebuttals in the map "
                              "scores lower, however many authors hold it.")
        self.lines.append("")

    def _top_cruxes(self, thesis: str) -> None:
        top = self._contested(thesis)[:TOP_CRUXES]
        if not top:
            return
        self.lines += ["## Top cruxes", ""]
        for c in top:
            claim = self._ref(str(_field(c, "claim")))
            self.lines.append(f"- **Crux {_field(c, 'rank')}:** {claim}; {_numbers(c)}.\\")
            self.lines.append(f"  {inline(str(_field(c, 'explanation', '') or ''))}")
        self.lines.append("")

    def _cases(self, node: str) -> None:
        sides = [(h, k) for h, k, s in (("The case for", "support", "pro"), ("The case against", "attack", "con"))
                 if self.side in (None, s)]
        incoming = self.m.relations_to(node)
        points = {k: self._ranked([r for r in incoming if r.type == k]) for _, k in sides}
        self.reserved = {r.source: h for h, k in sides for r in points[k]}
        for heading, kind in sides:
            self.lines += [f"## {heading}", ""]
            if not points[kind]:
                self.lines += ["_Nothing in this selection._", ""]
            full = points[kind][: self.max_points]
            for r in full:
                self._point(r, "", 0)
                self.lines.append("")
            rest = points[kind][len(full):]
            if rest:
                self.lines += [f"{len(rest)} more, weaker by swing (`--max-points` writes them out):", ""]
                for r in rest:
                    self.shown.add(r.id)
                    self.lines += [f"- {self._ref(r.source, gist=True)}{self._swing_note(r.source)}\\",
                                   f"  {_verb(r).capitalize()} {self._ref(r.target)}: {self._why(r)}"]
                self.lines.append("")
        self.reserved = {}

    def _point(self, rel: Relation, indent: str, depth: int) -> None:
        """``rel``'s claim placed under rel.target: written out in full when free, else referred to."""
        cid = rel.source
        self.shown.add(rel.id)
        role = ROLES[depth]
        why = f"{_verb(rel).capitalize()} {self._ref(rel.target)}: {self._why(rel)}"
        if cid in self.written or (depth and cid in self.reserved):
            where = ("written out above" if cid in self.written
                     else f"a point of “{self.reserved[cid]}”")
            self.lines += [f"{indent}- {role}{self._ref(cid, gist=True)}, {where}.\\", f"{indent}  {why}"]
            return
        claim = self.m.claim(cid)
        self.written.add(cid)
        sub = indent + "  "
        self.lines += [f"{indent}- {role}**#{self._number(cid)} {inline(claim.gist)}**\\",
                       f"{sub}{self._byline(claim)}", *blockquote(f"“{claim.quote}”", sub), "", f"{sub}{why}"]
        if depth < len(ROLES) - 1:
            attacks = self._ranked([r for r in self.m.relations_to(cid) if r.type == "attack"])
            if attacks:
                self.lines.append("")
                self._point(attacks[0], sub, depth + 1)
            elif depth == 0:
                self.lines += ["", f"{sub}- No rebuttal in this selection."]
        self._see_also(cid, sub)

    def _see_also(self, cid: str, indent: str) -> None:
        """The links into ``cid`` not placed yet, as references: one line per kind."""
        rest = [r for r in self.m.relations_to(cid) if r.id not in self.shown]
        for kind, label in (("attack", "Also attacked by"), ("support", "Also backed by")):
            these = self._ranked([r for r in rest if r.type == kind])
            if these:
                self.shown |= {r.id for r in these}
                self.lines += ["", f"{indent}- {label}: " + "; ".join(self._ref(r.source) for r in these) + "."]

    def _open_cruxes(self, thesis: str | None, crux: Any) -> None:
        if thesis is not None:
            rest = self._contested(thesis)[TOP_CRUXES:]
        else:
            about = str(_field(crux, "thesis")) if crux is not None else None
            rest = [c for c in self._contested(about) if str(_field(c, "claim")) != self.here]
        if not rest:
            return
        self.lines += ["## Open cruxes", "",
                       "Contested claims (authors on both sides) by rank; `argmap export --thesis ID --crux N` "
                       "gives the brief of crux N.", ""]
        for c in rest:
            on = "" if thesis is not None else f" on {code(str(_field(c, 'thesis')))}"
            self.lines.append(f"- **Crux {_field(c, 'rank')}**{on}: "
                              f"{self._ref(str(_field(c, 'claim')), gist=True)}; {_numbers(c)}.")
        self.lines.append("")

    # --- what is left over --------------------------------------------------------------------

    def further(self) -> None:
        """Every relation not placed yet, grouped under the claim it bears on, nearest claims first."""
        by_target: dict[str, list[Relation]] = {}
        for r in self.m.relations:
            if r.id not in self.shown:
                by_target.setdefault(r.target, []).append(r)
        if not by_target:
            return
        self.lines += ["## Further links", "",
                       "The deeper exchanges: each claim, then what attacks and backs it.", ""]
        order = iter(by_target)  # map order, for targets no numbered claim leads to
        heap = [(self.numbers[t], t) for t in by_target if t in self.numbers]
        heapq.heapify(heap)
        done: set[str] = set()
        while len(done) < len(by_target):
            target = heapq.heappop(heap)[1] if heap else next(t for t in order if t not in done)
            if target in done:
                continue
            done.add(target)
            before = set(self.numbers)
            parts = []
            for kind, label in (("attack", "attacked by"), ("support", "backed by")):
                these = self._ranked([r for r in by_target[target] if r.type == kind])
                if these:
                    parts.append(f"{label} " + "; ".join(self._ref(r.source) for r in these))
            self.shown |= {r.id for r in by_target[target]}
            self.lines.append(f"- {self._ref(target, capital=True)}: {'; '.join(parts)}.")
            for new in set(self.numbers) - before:
                if new in by_target and new not in done:
                    heapq.heappush(heap, (self.numbers[new], new))
        self.lines.append("")

    def unlinked(self) -> None:
        """Claims no relation of the selection touches, written out: nothing selected is lost."""
        linked = {r.source for r in self.m.relations} | {r.target for r in self.m.relations}
        alone = [c for c in self.m.claims if c.id not in linked and c.id not in self.written]
        if not alone:
            return
        self.lines += ["## Not linked in this selection", ""]
        for claim in alone:
            self.written.add(claim.id)
            self.lines += [f"- **#{self._number(claim.id)} {inline(claim.gist)}**\\", f"  {self._byline(claim)}",
                           *blockquote(f"“{claim.quote}”", "  "), ""]

    # --- pieces -------------------------------------------------------------------------------

    def _number(self, claim_id: str) -> int:
        if claim_id not in self.numbers:
            self.numbers[claim_id] = len(self.numbers) + 1
        return self.numbers[claim_id]

    def _ref(self, node: str, capital: bool = False, gist: bool = False) -> str:
        """A mention: the thesis, or #n with its gist (the first time, or when ``gist``) and author."""
        if node.startswith(THESIS_PREFIX):
            if node == self.here:
                return "The thesis" if capital else "the thesis"
            return f"{'T' if capital else 't'}hesis “{inline(self.m.thesis(node).text)}” ({code(node)})"
        claim = self.m.claim(node)
        who = inline(self.short.get(claim.author, claim.author))
        if claim.kind == "concession":  # granted, often to be rebutted: not the author's position
            who += ", a concession"
        if node in self.numbers and not gist:
            return f"#{self.numbers[node]} ({who})"
        return f"#{self._number(node)} *{inline(claim.gist)}* ({who})"

    def _why(self, rel: Relation) -> str:
        return f"{inline(rel.rationale)} *({PROVENANCE_WORDS.get(rel.provenance, rel.provenance)})*"

    def _byline(self, claim: Claim) -> str:
        who = inline(self._name(claim.author))
        if claim.reported_by:
            who += f" (reported by {inline(self._name(claim.reported_by))})"
        return (f"*{who}*, in {self._where(claim)} · {code(claim.id)} · {inline(claim.kind)}"
                f"{self._swing_note(claim.id, ' · ')}")

    def _where(self, claim: Claim) -> str:
        """The source's title; a quote's locator (paragraph, speaker turn) goes after it once claims carry one."""
        return f"“{inline(self.source_titles.get(claim.source, claim.source))}”"

    def _swing_note(self, claim_id: str, sep: str = " · ") -> str:
        return f"{sep}swing {self.swing[claim_id]:.3f}" if claim_id in self.swing else ""

    def _ranked(self, relations: list[Relation]) -> list[Relation]:
        """Strongest first: by |swing| on the thesis, then in map order."""
        return sorted(relations, key=lambda r: -self.swing.get(r.source, 0.0))

    def _swings(self, thesis: str | None) -> dict[str, float]:
        """Claim → |swing| on ``thesis`` (on any thesis, the largest, when None)."""
        out: dict[str, float] = {}
        for c in self.cruxes:
            if thesis is None or _field(c, "thesis") == thesis:
                claim = str(_field(c, "claim"))
                out[claim] = max(out.get(claim, 0.0), abs(float(_field(c, "swing", 0.0))))
        return out

    def _contested(self, thesis: str | None) -> list[Any]:
        """Cruxes (of ``thesis``, or of every thesis) that authors take both sides on, by rank."""
        return sorted((c for c in self.cruxes
                       if (thesis is None or _field(c, "thesis") == thesis)
                       and int(_field(c, "n_for", 0) or 0) and int(_field(c, "n_against", 0) or 0)
                       and float(_field(c, "score", 0.0)) > 0 and self.m.has(str(_field(c, "claim")))),
                      key=lambda c: (str(_field(c, "thesis")), int(_field(c, "rank"))))

    def _name(self, author_id: str) -> str:
        return self.names.get(author_id, author_id)


def _numbers(crux: Any) -> str:
    return (f"score {float(_field(crux, 'score')):.3f}, split {_field(crux, 'n_for', 0)}–"
            f"{_field(crux, 'n_against', 0)}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _verb(rel: Relation) -> str:
    return "supports" if rel.type == "support" else "attacks"


def _standing(value: float) -> str:
    """An author's standing, or that their reasons do not reach the thesis (it sits at 0.5 then)."""
    return "no reasons in the map that reach it" if underived(value) else f"standing {value:.2f}"


def _basis(basis: str) -> str:
    return "stated" if basis == "stated" else "our reading"


def _field(item: Any, key: str, default: Any = None) -> Any:
    if isinstance(item, Mapping):
        return item.get(key, default)
    return getattr(item, key, default)
