"""Crux analysis of a map: the pure engine (``argmap.analysis``) applied to an ArgMap.

This module adapts the model to the engine's plain inputs — the support/attack graph as a QBAF,
authors' stances as ±1 per claim — and records, for every stance, whether the author's text
states it or the annotator inferred it. A user can override stances (``--stances FILE``) or
drop the inferred ones (``stated_only``) to see how much the ranking rests on inference.

It also gives the engine's results back in the map's terms: where two authors part ways, with
each one's own words (:func:`between`), stance fidelity by basis (:meth:`MapAnalysis.fidelity`),
and the author × crux table of a thesis (:func:`matrix`), each with the JSON-ready dict that
``argmap cruxes --format json`` prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from argmap.analysis import QBAF, Crux, CruxReport, Params, Verdict, crux_report, dung
from argmap.analysis.cruxes import underived
from argmap.analysis.partings import Partings, PartingsEngine, Point, Side
from argmap.errors import ArgmapError
from argmap.model import ArgMap, Position
from argmap.parallel import cores, forked_map

SEMANTICS = ("qe", "dfquad")
DEFAULT_SEMANTICS = "qe"
DUNG_LIMIT = 24  # undecided arguments beyond which preferred extensions are not enumerated
DUNG_MAX_CLAIMS = 3_000  # the necessary-support closure is quadratic: skip the check beyond
MAX_PAIRS = 50  # double-crux pairs analysed per thesis (most engaged authors first)
MAX_VIEWPOINTS = 50  # beyond this many authors, standings only for those in the thesis's debate
PARALLEL_MIN_CLAIMS = 20_000  # below this, forking workers costs more than it saves


@dataclass(frozen=True)
class Stance:
    """An author's ±1 on a claim or thesis, and where it comes from."""

    author: str
    target: str
    sign: int
    basis: str  # stated | inferred | override


@dataclass(frozen=True)
class DungCheck:
    """The discrete cross-check for one thesis over the attack relation (supports as necessary)."""

    thesis: str
    grounded: str  # in | out | undec
    credulous: bool | None  # preferred semantics; None when too many arguments are undecided
    sceptical: bool | None
    undecided: int  # size of the undecided part the thesis sits in (0 when decided)
    flips: tuple[tuple[str, str, str], ...]  # (claim, label if claim IN, label if claim OUT)


@dataclass(frozen=True)
class Fidelity:
    """How many declared (author, thesis) stances of one basis the authors' own reasons reproduce.

    ``share`` is stance fidelity as the issue defines it: reproduced / declared (an underived
    stance, whose standing is 0.5, counts as not reproduced). ``derivable_share`` is the lenient
    variant: reproduced / (declared − underived), over the stances the map holds reasons for.
    """

    basis: str
    declared: int
    reproduced: int
    contradicted: int
    underived: int

    @property
    def share(self) -> float | None:
        return self.reproduced / self.declared if self.declared else None

    @property
    def derivable_share(self) -> float | None:
        derivable = self.declared - self.underived
        return self.reproduced / derivable if derivable else None


@dataclass(frozen=True)
class MapAnalysis:
    """Crux reports per thesis, with the stances they were computed from."""

    semantics: str
    reports: dict[str, CruxReport]
    stances: tuple[Stance, ...]
    dung: dict[str, DungCheck] = field(default_factory=dict)
    qbaf: QBAF | None = field(default=None, compare=False, repr=False)  # what it was computed on

    def basis(self, author: str, target: str) -> str | None:
        """Where an author's stance on a claim or thesis comes from (stated/inferred/override)."""
        return self._bases.get((author, target))

    @cached_property
    def _bases(self) -> dict[tuple[str, str], str]:
        return {(s.author, s.target): s.basis for s in self.stances}

    def fidelity(self, thesis: str | None = None) -> dict[str, Fidelity]:
        """Stance fidelity by basis (stated, inferred, override), for one thesis or all."""
        bases = self._bases
        verdicts = [v for t, r in self.reports.items() if thesis in (None, t) for v in r.verdicts]
        out = {}
        for basis in ("stated", "inferred", "override"):
            mine = [v for v in verdicts if bases.get((v.author, v.thesis)) == basis]
            if mine or basis != "override":
                out[basis] = Fidelity(basis, len(mine), sum(v.status == "reproduced" for v in mine),
                                      sum(v.status == "contradicted" for v in mine),
                                      sum(v.status == "underived" for v in mine))
        return out

    def verdicts(self) -> list[Verdict]:
        """Every declared stance's verdict, thesis by thesis."""
        return [v for r in self.reports.values() for v in r.verdicts]

    def ranked(self, thesis: str | None = None, top: int | None = None) -> list[Crux]:
        """Cruxes best first: one thesis's ranking, or all theses merged.

        Scores are not comparable across theses (a thesis whose standing sits near 0 or 1 has
        compressed swings), so the merged list takes every thesis's #1 first, ordered by score,
        then every #2, and so on: the top of the list is each thesis's main fault line.
        """
        if thesis is not None:
            return list(self.reports[thesis].cruxes[:top])
        merged = [c for r in self.reports.values() for c in r.cruxes]
        merged.sort(key=lambda c: (c.rank, -c.score, -abs(c.swing), c.thesis, c.claim))
        return merged[:top]


def _num(x: float) -> float:
    """A number as the JSON shows it: 6 decimals (enough for every comparison a reader makes)."""
    return round(float(x), 6)


def _fidelity_dict(found: Mapping[str, Fidelity]) -> dict[str, dict[str, object]]:
    return {b: {"declared": f.declared, "reproduced": f.reproduced, "contradicted": f.contradicted,
                "underived": f.underived,
                "share": None if f.share is None else _num(f.share),
                "derivable_share": None if f.derivable_share is None else _num(f.derivable_share)}
            for b, f in found.items()}


def cruxes_json(argmap: ArgMap, analysis: MapAnalysis, top: int | None = None) -> dict[str, object]:
    """The one JSON shape of ``argmap cruxes --format json``: every thesis analysed, its cruxes.

    Per thesis: ``standings`` (author id → σ in the author's viewpoint; null where the author's
    reasons carry no weight to it), ``neutral`` and ``pooled``, ``declared`` (author id →
    stance and basis), ``fidelity`` (by basis, plus the verdict of every declared stance the map
    does not reproduce) and ``cruxes`` best first (``top`` per thesis; None: all).
    """
    names = {a.id: a.name for a in argmap.authors}
    theses = []
    for t, report in analysis.reports.items():
        verdicts = {v.author: v for v in report.verdicts}
        authors = [a for a in report.standings if a not in ("neutral", "pooled")]
        theses.append({
            "id": t,
            "text": argmap.thesis(t).text,
            "standings": {a: _standing(report.standings[a]) for a in sorted(authors)},
            "neutral": _num(report.standings["neutral"]),
            "pooled": _num(report.standings["pooled"]),
            "declared": {a: {"stance": "accept" if v.declared > 0 else "reject",
                             "basis": analysis.basis(a, t)} for a, v in sorted(verdicts.items())},
            "fidelity": _fidelity_dict(analysis.fidelity(t)) | {
                "not_reproduced": [{"author": v.author, "name": names.get(v.author, v.author),
                                    "stance": "accept" if v.declared > 0 else "reject",
                                    "basis": analysis.basis(v.author, t), "status": v.status,
                                    "standing": _num(v.standing), "explanation": v.explanation}
                                   for v in report.verdicts if not v.reproduced]},
            "converged": report.converged,
            "cruxes": [{"rank": c.rank, "claim": c.claim, "thesis": c.thesis, "score": _num(c.score),
                        "swing": _num(c.swing), "contest": _num(c.contest),
                        "sigma": _num(c.sigma), "sigma_hi": _num(c.sigma_hi), "sigma_lo": _num(c.sigma_lo),
                        "accepted_by": list(c.accepted_by), "rejected_by": list(c.rejected_by),
                        "converged": c.converged, "explanation": c.explanation}
                       for c in report.cruxes[:top]],
        })
    return {"semantics": analysis.semantics, "fidelity": _fidelity_dict(analysis.fidelity()),
            "theses": theses}


def _standing(value: float) -> float | None:
    """A standing as the JSON shows it: None where the author's reasons carry no weight."""
    return None if underived(value) else _num(value)


def disagreeing_pairs(
    on_thesis: Iterable[Stance], engaged: Mapping[str, int], limit: int | None = MAX_PAIRS
) -> list[tuple[str, str]]:
    """Pairs of authors who declare opposite stances on a thesis: the double-crux candidates.

    ``on_thesis`` are the stances on that thesis, ``engaged`` every author's number of stances.
    The pairs grow with the square of the authors; beyond ``limit`` the pairs of the most
    engaged authors are kept, since only they can share contested claims.
    """
    on_thesis = list(on_thesis)
    accept = sorted(s.author for s in on_thesis if s.sign > 0)
    reject = sorted(s.author for s in on_thesis if s.sign < 0)
    pairs = [(a, b) for a in accept for b in reject]
    if limit is not None and len(pairs) > limit:
        pairs = sorted(pairs, key=lambda p: -min(engaged[p[0]], engaged[p[1]]))[:limit]
    return pairs


def to_qbaf(argmap: ArgMap) -> QBAF:
    """Claims and theses as arguments, relations as attack/support edges."""
    return QBAF.from_edges(
        [t.id for t in argmap.theses] + [c.id for c in argmap.claims],
        attacks=[(r.source, r.target) for r in argmap.relations if r.type == "attack"],
        supports=[(r.source, r.target) for r in argmap.relations if r.type == "support"],
    )


def collect_stances(
    argmap: ArgMap, overrides: Iterable[Position] = (), *, stated_only: bool = False
) -> tuple[Stance, ...]:
    """Every author's stance: the map's (own claims + positions), then the user's overrides."""
    table: dict[tuple[str, str], Stance] = {}
    for p in argmap.stances():
        if stated_only and p.basis != "stated":
            continue
        table[(p.author, p.target)] = Stance(p.author, p.target, _sign(p.stance), p.basis)
    for p in overrides:
        table[(p.author, p.target)] = Stance(p.author, p.target, _sign(p.stance), "override")
    return tuple(sorted(table.values(), key=lambda s: (s.author, s.target)))


def analyze(
    argmap: ArgMap,
    *,
    thesis: str | None = None,
    semantics: str = DEFAULT_SEMANTICS,
    overrides: Iterable[Position] = (),
    stated_only: bool = False,
    dung_check: bool = True,
    between: tuple[str, str] | None = None,
    workers: int | None = None,
) -> MapAnalysis:
    """Crux ranking, standings and double cruxes for one thesis or all of them.

    ``between``: analyse only this author pair's double cruxes (wherever they disagree), instead
    of the thesis's most engaged disagreeing pairs. ``workers``: processes for the theses
    (default: every core on maps of ``PARALLEL_MIN_CLAIMS`` claims or more, else one); the
    reports are the same whatever the number.
    """
    if semantics not in SEMANTICS:
        raise ArgmapError(f"unknown semantics {semantics!r} (expected one of: {', '.join(SEMANTICS)})")
    theses = [t.id for t in argmap.theses]
    if thesis is not None and thesis not in theses:
        raise ArgmapError(f"no thesis {thesis!r} (theses: {', '.join(theses)})")
    stances = collect_stances(argmap, overrides, stated_only=stated_only)
    by_author: dict[str, dict[str, int]] = {}
    for s in stances:
        by_author.setdefault(s.author, {})[s.target] = s.sign
    qbaf = to_qbaf(argmap)
    qbaf.compiled  # compiled once, before any worker forks  # noqa: B018
    labels = {t.id: t.text for t in argmap.theses} | {c.id: c.gist for c in argmap.claims}
    names = {a.id: a.name for a in argmap.authors}
    owners = {c.id: c.author for c in argmap.claims}
    thesis_ids = set(theses)
    basis_of = {(s.author, s.target): s.basis for s in stances if s.target in thesis_ids}
    chosen = [thesis] if thesis else theses
    params = Params(semantics=semantics)

    engaged = Counter(s.author for s in stances)
    on_thesis: dict[str, list[Stance]] = {t: [] for t in chosen}
    for s in stances:
        if s.target in on_thesis:
            on_thesis[s.target].append(s)

    def report(t: str) -> CruxReport:
        pairs = disagreeing_pairs(on_thesis[t], engaged, None if between else MAX_PAIRS)
        if between:
            pairs = [p for p in pairs if set(p) == set(between)]
        viewpoints = None
        if len(by_author) > MAX_VIEWPOINTS:  # who declares a stance on t, and the pairs analysed
            viewpoints = sorted({s.author for s in on_thesis[t]} | {a for p in pairs for a in p})
        return crux_report(qbaf, t, by_author, labels, names, params, pairs=pairs,
                           viewpoints=viewpoints, owners=owners, basis_of=basis_of)

    if workers is None:
        workers = cores() if len(argmap.claims) >= PARALLEL_MIN_CLAIMS else 1
    reports = dict(zip(chosen, forked_map(report, chosen, workers), strict=True))
    checks = _dung(qbaf, reports) if dung_check and len(argmap.claims) <= DUNG_MAX_CLAIMS else {}
    return MapAnalysis(semantics, reports, stances, checks, qbaf)


# --- where two authors part ways, in their own words -----------------------------------------


@dataclass(frozen=True)
class Quote:
    """An author's own words on a point: the claim they come from and its verbatim quote."""

    claim: str
    text: str


@dataclass(frozen=True)
class Holding:
    """One author's side on a point, its basis, the author's words, and what settling does.

    ``side``: accepts / rejects; ``basis``: declared (the author wrote or took a stance on the
    claim), supports / attacks (claims the author holds do), relies (the author's reasons raise
    it). ``settled`` is the author's standing on the point's thesis with the claim settled as the
    other author holds it.
    """

    author: str
    side: str
    basis: str
    quote: Quote | None
    standing: float
    settled: float


@dataclass(frozen=True)
class Parting:
    """One point where two authors part ways (see :mod:`argmap.analysis.partings`)."""

    claim: str
    thesis: str | None
    kind: str  # stance | attack | reason
    score: float  # consequence: mean move of the two standings
    double_crux: bool
    opposite: bool  # the two take opposite sides on the thesis
    explanation: str
    chain: tuple[tuple[str, str, str], ...]  # (from, supports | attacks, to), ending at the thesis
    a: Holding
    b: Holding
    theses: tuple[str, ...]
    converged: bool


@dataclass(frozen=True)
class Between:
    """Every point where two authors part ways, by consequence, and their sides per thesis."""

    authors: tuple[str, str]
    names: dict[str, str]
    sides: tuple[Side, ...]
    points: tuple[Parting, ...]

    @property
    def opposite_theses(self) -> tuple[str, ...]:
        return tuple(s.thesis for s in self.sides if s.opposite)

    def as_dict(self, argmap: ArgMap | None = None) -> dict[str, object]:
        """The JSON of ``argmap cruxes --between A B``: ``authors`` and ``points`` (+ ``sides``)."""
        a, b = self.authors

        def side(sign: int) -> str | None:
            return {1: "accept", -1: "reject"}.get(sign)

        def held(h: Holding) -> dict[str, object]:
            return {"side": h.side, "basis": h.basis, "standing": _num(h.standing),
                    "settled": _num(h.settled)}

        return {
            "authors": [a, b],
            "names": {x: self.names.get(x, x) for x in (a, b)},
            "sides": [{"thesis": s.thesis, "opposite": s.opposite,
                       a: {"side": side(s.a), "basis": s.a_basis, "standing": _standing(s.standing_a)},
                       b: {"side": side(s.b), "basis": s.b_basis, "standing": _standing(s.standing_b)}}
                      for s in self.sides],
            "points": [{
                "claim": p.claim,
                "gist": argmap.claim(p.claim).gist if argmap is not None else None,
                "thesis": p.thesis, "kind": p.kind, "score": _num(p.score),
                "quotes": {h.author: None if h.quote is None else
                           {"claim": h.quote.claim, "text": h.quote.text} for h in (p.a, p.b)},
                "explanation": p.explanation, "double_crux": p.double_crux,
                "opposite": p.opposite,
                "stances": {h.author: held(h) for h in (p.a, p.b)},
                "chain": [{"from": f, "relation": r, "to": t} for f, r, t in p.chain],
                "theses": list(p.theses), "converged": p.converged,
            } for p in self.points],
        }


class Partner:
    """The map's inputs to the pair analysis, built once and shared by every pair asked for."""

    def __init__(self, argmap: ArgMap, *, semantics: str = DEFAULT_SEMANTICS,
                 overrides: Iterable[Position] = (), stated_only: bool = False,
                 analysis: MapAnalysis | None = None) -> None:
        """``analysis``: reuse its stances, framework and semantics (the build's case)."""
        if analysis is not None:
            semantics = analysis.semantics
        if semantics not in SEMANTICS:
            raise ArgmapError(f"unknown semantics {semantics!r} (expected one of: {', '.join(SEMANTICS)})")
        self.argmap = argmap
        stances = (analysis.stances if analysis is not None
                   else collect_stances(argmap, overrides, stated_only=stated_only))
        self.stances = stances
        by_author: dict[str, dict[str, int]] = {}
        for st in stances:
            by_author.setdefault(st.author, {})[st.target] = st.sign
        labels = {t.id: t.text for t in argmap.theses} | {c.id: c.gist for c in argmap.claims}
        self.names = {a.id: a.name for a in argmap.authors}
        qbaf = analysis.qbaf if analysis is not None and analysis.qbaf is not None else to_qbaf(argmap)
        self.engine = PartingsEngine(qbaf, [t.id for t in argmap.theses], by_author,
                                     Params(semantics=semantics), labels, self.names,
                                     owners={c.id: c.author for c in argmap.claims})
        self._evidence = {(p.author, p.target): p.evidence for p in argmap.positions if p.evidence}
        self._edges = {(r.source, r.target): 1 if r.type == "support" else -1 for r in argmap.relations}

    def between(self, a: str, b: str) -> Between:
        """Every point where authors ``a`` and ``b`` (ids) part ways, with their quotes."""
        found = self.engine.between(a, b)
        return Between((a, b), self.names, found.sides,
                       tuple(self._parting(found, p) for p in found.points))

    def between_many(self, pairs: Sequence[tuple[str, str]], workers: int | None = None) -> list[Between]:
        """:meth:`between` for each pair, on forked workers for large maps (same results).

        What every pair shares (each author's viewpoint over the map, each thesis's scope) is
        computed first, so the workers inherit it instead of each computing it again.
        """
        if workers is None:
            workers = cores() if len(self.argmap.claims) >= PARALLEL_MIN_CLAIMS else 1
        if workers > 1 and len(pairs) > 1:
            for author in sorted({x for pair in pairs for x in pair}):
                self.engine.strength(author)
            for t in self.argmap.theses:
                self.engine.views(t.id)
        return forked_map(lambda pair: self.between(*pair), list(pairs), workers)

    def pairs(self, limit: int | None = None) -> list[tuple[str, str]]:
        """Pairs of authors who declare opposite stances on at least one thesis.

        Beyond ``limit`` pairs, the pairs of the most engaged authors are kept.
        """
        theses = {t.id for t in self.argmap.theses}
        engaged = Counter(st.author for st in self.stances)
        declared = [st for st in self.stances if st.target in theses]
        pairs = sorted({tuple(sorted((x.author, y.author))) for x in declared for y in declared
                        if x.target == y.target and x.sign * y.sign == -1})
        if limit is not None and len(pairs) > limit:
            pairs = sorted(pairs, key=lambda p: (-min(engaged[p[0]], engaged[p[1]]), p))[:limit]
        return pairs  # type: ignore[return-value]

    def _parting(self, found: Partings, p: Point) -> Parting:
        a, b = found.a, found.b
        sign = {1: "supports", -1: "attacks"}
        return Parting(
            claim=p.claim, thesis=p.thesis, kind=p.kind, score=p.score, double_crux=p.double_crux,
            opposite=p.opposite, explanation=p.explanation,
            chain=tuple((f, sign[r], t) for f, r, t in p.chain),
            a=Holding(a, _side_word(p.a_side), p.a_basis, self._quote(a, p.claim, p.a_side, p.a_via),
                      p.standing_a, p.a_after),
            b=Holding(b, _side_word(p.b_side), p.b_basis, self._quote(b, p.claim, p.b_side, p.b_via),
                      p.standing_b, p.b_after),
            theses=p.theses, converged=p.converged,
        )

    def _quote(self, author: str, claim: str, side: int, via: Sequence[str]) -> Quote | None:
        """The author's own words on the claim: the claim itself if the author wrote it and holds
        it, else a claim of theirs that supports or attacks it on the author's side, else the
        evidence of their position on it, else their evidence for an accepted claim that does."""
        m = self.argmap
        if side > 0 and m.has(claim) and m.claim(claim).author == author:
            return Quote(claim, m.claim(claim).quote)
        # a claim of theirs on their side, their position's evidence, else their evidence for
        # holding a claim of another author that bears on it on their side; never words whose
        # own link to the claim argues the other way
        for c in (*via, self._evidence.get((author, claim)), *(self._evidence.get((author, v)) for v in via)):
            if c and m.has(c) and m.claim(c).author == author and self._edges.get((c, claim), side) == side:
                return Quote(c, m.claim(c).quote)
        return None


def _side_word(sign: int) -> str:
    return "accepts" if sign > 0 else "rejects"


def between(argmap: ArgMap, a: str, b: str, **options: object) -> Between:
    """Every point where two authors (ids) part ways; ``options`` as :class:`Partner`'s."""
    return Partner(argmap, **options).between(a, b)  # type: ignore[arg-type]


# --- the author × crux table of a thesis --------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """An author's stance on a crux: accepts / rejects / silent, and its basis."""

    stance: str
    basis: str | None  # declared | supports | attacks (claims the author holds); None when silent


@dataclass(frozen=True)
class Matrix:
    """Talk to the City's crux matrix: who accepts, rejects or is silent on a thesis's top cruxes."""

    thesis: str
    cruxes: tuple[Crux, ...]
    rows: tuple[tuple[str, tuple[Cell, ...]], ...]  # (author id, one cell per crux)
    names: dict[str, str]

    def as_dict(self, argmap: ArgMap | None = None) -> dict[str, object]:
        return {
            "thesis": self.thesis,
            "cruxes": [{"rank": c.rank, "claim": c.claim, "score": _num(c.score),
                        "gist": argmap.claim(c.claim).gist if argmap is not None else None}
                       for c in self.cruxes],
            "authors": [{"id": a, "name": self.names.get(a, a),
                         "cells": [{"stance": cell.stance, "basis": cell.basis} for cell in cells]}
                        for a, cells in self.rows],
        }


def matrix(argmap: ArgMap, analysis: MapAnalysis, thesis: str, top: int = 10,
           partner: Partner | None = None) -> Matrix:
    """Every author with a stance on one of the thesis's ``top`` cruxes × those cruxes.

    A stance is declared (the author wrote, accepts or rejects the claim) or implied by the
    claims the author holds supporting or attacking it; authors with no stance on any of the cruxes
    are left out. Rows: most stances first, then by name.
    """
    if thesis not in analysis.reports:
        raise ArgmapError(f"no analysis of thesis {thesis!r} (theses: {', '.join(analysis.reports)})")
    partner = partner or Partner(argmap, analysis=analysis)
    cruxes = analysis.reports[thesis].cruxes[:top]
    rows = []
    for author in sorted({st.author for st in analysis.stances}):
        cells = []
        for c in cruxes:
            sign, basis, _ = partner.engine.side(author, c.claim, relies=False)
            cells.append(Cell({1: "accepts", -1: "rejects"}.get(sign, "silent"), basis))
        if any(cell.basis for cell in cells):
            rows.append((author, tuple(cells)))
    names = partner.names
    rows.sort(key=lambda r: (-sum(cell.basis is not None for cell in r[1]), names.get(r[0], r[0]), r[0]))
    return Matrix(thesis, tuple(cruxes), tuple(rows), names)


def _dung(qbaf: QBAF, reports: dict[str, CruxReport], top: int = 10) -> dict[str, DungCheck]:
    """Per thesis: grounded label, preferred acceptance, discrete swings of the top cruxes.

    A thesis labelled IN or OUT by the grounded semantics is in every / no preferred extension;
    an undecided one depends only on its weakly connected part of the undecided residue (the
    attackers outside it are OUT), so only that part is enumerated.
    """
    af = dung.from_qbaf(qbaf)
    label = dung.grounded(af)
    undecided = {a for a, v in label.items() if v == dung.UNDEC}
    out = {}
    for thesis, report in reports.items():
        part = _residue(af, undecided, thesis)
        if label[thesis] != dung.UNDEC:
            credulous = sceptical = label[thesis] == dung.IN
        elif len(part) <= DUNG_LIMIT:
            sub = dung.AF.of(part, {(a, b) for a, b in af.attacks if a in part and b in part})
            credulous, sceptical = dung.acceptance(sub, thesis)
        else:
            credulous = sceptical = None
        flips = tuple((c.claim, *dung.discrete_swing(af, thesis, c.claim))
                      for c in report.cruxes[:top])
        out[thesis] = DungCheck(thesis, label[thesis], credulous, sceptical, len(part), flips)
    return out


def _residue(af: dung.AF, undecided: set[str], start: str) -> set[str]:
    """The weakly connected part of the undecided arguments that contains ``start``."""
    if start not in undecided:
        return set()
    seen, stack = {start}, [start]
    while stack:
        a = stack.pop()
        for b in (af.attackers[a] | af.targets[a]) & undecided:
            if b not in seen:
                seen.add(b)
                stack.append(b)
    return seen


def _sign(stance: str) -> int:
    return 1 if stance == "accept" else -1
