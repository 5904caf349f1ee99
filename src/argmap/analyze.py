"""Crux analysis of a map: the pure engine (``argmap.analysis``) applied to an ArgMap.

This module adapts the model to the engine's plain inputs — the support/attack graph as a QBAF,
authors' stances as ±1 per claim — and records, for every stance, whether the author's text
states it or the annotator inferred it. A user can override stances (``--stances FILE``) or
drop the inferred ones (``stated_only``) to see how much the ranking rests on inference.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from argmap.analysis import QBAF, Crux, CruxReport, Params, crux_report, dung
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
class MapAnalysis:
    """Crux reports per thesis, with the stances they were computed from."""

    semantics: str
    reports: dict[str, CruxReport]
    stances: tuple[Stance, ...]
    dung: dict[str, DungCheck] = field(default_factory=dict)

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
                           viewpoints=viewpoints)

    if workers is None:
        workers = cores() if len(argmap.claims) >= PARALLEL_MIN_CLAIMS else 1
    reports = dict(zip(chosen, forked_map(report, chosen, workers), strict=True))
    checks = _dung(qbaf, reports) if dung_check and len(argmap.claims) <= DUNG_MAX_CLAIMS else {}
    return MapAnalysis(semantics, reports, stances, checks)


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
