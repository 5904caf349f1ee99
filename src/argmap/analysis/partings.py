"""Every point where two authors part ways, and what settling it would do to each one's standing.

An author's *side* on a claim comes from, in this order: a declared stance (the author wrote
the claim, or a position accepts or rejects it); else the direct edges to it from the author's
own claims, and only where those are silent or tied, from the claims of others the author
accepts (supporting it implies accepting it, attacking it implies rejecting it; a tie implies
nothing); else the author's viewpoint *relies* on it (the author's reasons raise it to at least
``Params.rely_min``, though the author is silent on it and no claim they hold attacks it).
Two authors part ways on a claim where their sides are opposite. With P the author who holds it
true and N the one who holds it false, the point's *kind* is:

- ``stance``: both sides are declared (opposite stances on one claim);
- ``attack``: P declares it and claims N holds attack it (one declares it, the other's claims attack it);
- ``reason``: P does not declare it but relies on it (claims P holds support it, or P's reasons
  raise it) and N rejects it or attacks it (a reason one relies on that the other disputes).

Each point is tied to the thesis it bears on most directly: the nearest (fewest links) of the
theses it reaches on which the two take opposite sides (declared, or derived from their
standings); for a ``stance`` point, every such thesis is tried and one where it is a strict
double crux wins, else the larger consequence; a claim that reaches no such thesis gets the
nearest thesis it reaches. Its *consequence* (``score``) is the mean of the two moves:
|σ_A(t) settled as B holds the claim − σ_A(t)| and the same for B — the expected shift of the
pair's standings if the claim is as likely to be settled either way.
A point is a *double crux* in the strict sense (CFAR; docs/crux-method.md §a.6) when it is of
kind ``stance`` and either outcome closes at least ``Params.min_close`` of their gap on that
thesis (which must be at least ``Params.gap_min``).

Everything per author and per thesis is solved once and shared by every pair: one whole-map
solve per author (every standing and every strength it relies on), one scope per thesis, then
per point one clamped corridor in each author's viewpoint (two for a possible double crux).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from argmap.analysis import wording
from argmap.analysis.cruxes import (
    THESIS_BASE,
    Params,
    Stances,
    _labeller,
    _scope,
    _Viewpoints,
    closures,
    underived,
    viewpoint_base,
)
from argmap.analysis.gradual import clamped_targets, resolve_arrays, solve_arrays
from argmap.analysis.qbaf import QBAF

DECLARED, SUPPORTS, ATTACKS, RELIES = "declared", "supports", "attacks", "relies"
STANCE, ATTACK, REASON = "stance", "attack", "reason"


@dataclass(frozen=True)
class Side:
    """Where two authors stand on one thesis: each one's side (+1/-1/0), its basis, standing."""

    thesis: str
    a: int
    b: int
    a_basis: str | None  # "declared" | "derived" | None (no side)
    b_basis: str | None
    standing_a: float
    standing_b: float

    @property
    def opposite(self) -> bool:
        return self.a * self.b == -1

    @property
    def a_reasons(self) -> bool:
        """Whether A's reasons carry any weight to the thesis (else A's standing is 0.5)."""
        return not underived(self.standing_a)

    @property
    def b_reasons(self) -> bool:
        return not underived(self.standing_b)


@dataclass(frozen=True)
class Point:
    """One claim two authors part ways on, tied to the thesis it bears on most.

    ``a_side``/``b_side``: +1 holds it true, -1 false; ``a_basis``/``b_basis``: declared,
    supports, attacks, relies (see the module docstring); ``a_via``/``b_via``: the claims the
    author holds with a direct edge to it on the author's side, their own first. ``a_after`` is A's standing on the
    thesis with the claim settled as B holds it, ``b_after`` B's with it settled as A holds it.
    ``chain`` is the shortest path (claim, +1 supports / -1 attacks, next) to the thesis.
    """

    claim: str
    thesis: str | None
    kind: str
    a_side: int
    b_side: int
    a_basis: str
    b_basis: str
    a_via: tuple[str, ...]
    b_via: tuple[str, ...]
    chain: tuple[tuple[str, int, str], ...]
    standing_a: float
    standing_b: float
    a_after: float
    b_after: float
    score: float
    double_crux: bool
    opposite: bool  # the two take opposite sides on the point's thesis
    theses: tuple[str, ...]  # every thesis the claim reaches, the point's own first
    explanation: str
    converged: bool


@dataclass(frozen=True)
class Partings:
    """Every point where authors A and B part ways, by consequence, and their sides per thesis."""

    a: str
    b: str
    sides: tuple[Side, ...]
    points: tuple[Point, ...]

    @property
    def opposite_theses(self) -> tuple[str, ...]:
        return tuple(s.thesis for s in self.sides if s.opposite)


class PartingsEngine:
    """The shared state for the points of any number of author pairs on one map.

    ``theses`` are the thesis ids (ties are broken in their order); ``stances`` maps each author
    to claim or thesis → ±1, the declared stances on theses included; ``owners`` maps a claim to
    its author (an author's own claims decide their side before the claims they accept).
    """

    def __init__(self, qbaf: QBAF, theses: Sequence[str], stances: Stances,
                 params: Params | None = None, labels: Mapping[str, str] | None = None,
                 names: Mapping[str, str] | None = None, owners: Mapping[str, str] | None = None) -> None:
        params = params or Params()
        self.qbaf, self.theses, self.stances, self.params = qbaf, list(theses), stances, params
        self.owners = owners or {}  # claim -> the author who wrote it
        self.text, self.who = _labeller(labels), _labeller(names)
        self._thesis_set = set(self.theses)
        self._views: dict[str, _Viewpoints] = {}
        self._strength: dict[str, np.ndarray] = {}
        self._implied: dict[str, dict[str, dict[str, list[str]]]] = {}
        self._reach: dict[str, dict[str, tuple[tuple[str, int, str], ...]]] = {}
        c = qbaf.compiled
        self._thesis_nodes = np.array([c.index[t] for t in self.theses if t in c.index], dtype=np.int64)
        self._empty = np.full(c.n, params.unengaged)
        self._empty[self._thesis_nodes] = THESIS_BASE
        sigma, stable, _ = solve_arrays(c, self._empty, params.settings)
        self._empty_sigma = sigma if stable.all() else None

    # --- sides on claims ------------------------------------------------------------------

    def implied(self, author: str) -> dict[str, dict[str, list[str]]]:
        """Claims that the claims the author holds (own or accepted) support or attack:
        claim → {"+": [...], "-": [...]}."""
        if author not in self._implied:
            c = self.qbaf.compiled
            found: dict[str, dict[str, list[str]]] = {}
            for held, v in self.stances.get(author, {}).items():
                if v > 0 and held in c.index:
                    i = c.index[held]
                    lo, hi = c.out_ptr[i], c.out_ptr[i + 1]
                    for j, sign in zip(c.out_dst[lo:hi].tolist(), c.out_sign[lo:hi].tolist(), strict=True):
                        dst = c.names[j]
                        if dst not in self._thesis_set:
                            found.setdefault(dst, {"+": [], "-": []})["+" if sign > 0 else "-"].append(held)
            self._implied[author] = found
        return self._implied[author]

    def strength(self, author: str) -> np.ndarray:
        """σ of every argument in the author's viewpoint over the whole map, every thesis at 0.5.

        One solve gives the author's standing on every thesis at once (a thesis depends only on
        its ancestors, whose updates are the same in the whole map as in the thesis's scope).
        """
        if author not in self._strength:
            c = self.qbaf.compiled
            tau = self._empty.copy()
            for claim, v in viewpoint_base(self.stances.get(author, {}), "", self.params).items():
                if claim in c.index:
                    tau[c.index[claim]] = v
            tau[self._thesis_nodes] = THESIS_BASE
            if self._empty_sigma is None:
                sigma, _, _ = solve_arrays(c, tau, self.params.settings)
            else:
                sigma, _ = resolve_arrays(c, tau, self.params.settings, self._empty, self._empty_sigma)
            self._strength[author] = sigma
        return self._strength[author]

    def raised(self, author: str) -> set[str]:
        """The arguments the author's viewpoint holds at ``rely_min`` or more."""
        c = self.qbaf.compiled
        return {c.names[i] for i in np.flatnonzero(self.strength(author) >= self.params.rely_min)}

    def side(self, author: str, claim: str, relies: bool = True) -> tuple[int, str | None, tuple[str, ...]]:
        """(+1/-1/0, basis, the claims the author holds with a direct edge on that side, own first).

        The author's own claims speak before the claims of others the author accepts: only when
        their own are silent or tied do the accepted ones decide. A claim any held claim attacks
        is never one the author merely relies on.
        """
        implied = self.implied(author).get(claim, {"+": [], "-": []})
        mine = {k: [c for c in v if self.owners.get(c) == author] for k, v in implied.items()}
        ordered = {k: mine[k] + [c for c in v if c not in mine[k]] for k, v in implied.items()}
        declared = self.stances.get(author, {}).get(claim, 0)
        if declared:
            return declared, DECLARED, tuple(ordered["+" if declared > 0 else "-"])
        for group in (mine, implied):
            net = len(group["+"]) - len(group["-"])
            if net:
                key = "+" if net > 0 else "-"
                return (1 if net > 0 else -1), (SUPPORTS if net > 0 else ATTACKS), tuple(ordered[key])
        c = self.qbaf.compiled
        if relies and not implied["-"] and claim in c.index \
                and self.strength(author)[c.index[claim]] >= self.params.rely_min:
            return 1, RELIES, tuple(ordered["+"])
        return 0, None, ()

    # --- sides on theses ------------------------------------------------------------------

    def views(self, thesis: str) -> _Viewpoints:
        if thesis not in self._views:
            self._views[thesis] = _Viewpoints(_scope(self.qbaf, thesis), self.params)
        return self._views[thesis]

    def standing(self, author: str, thesis: str) -> float:
        return float(self.strength(author)[self.qbaf.compiled.index[thesis]])

    def thesis_side(self, author: str, thesis: str) -> tuple[int, str | None, float]:
        """The declared stance on the thesis, else the side the author's standing lies on."""
        value = self.standing(author, thesis)
        declared = self.stances.get(author, {}).get(thesis, 0)
        if declared:
            return declared, DECLARED, value
        if not underived(value):
            return (1 if value > THESIS_BASE else -1), "derived", value
        return 0, None, value

    def sides(self, a: str, b: str) -> tuple[Side, ...]:
        out = []
        for t in self.theses:
            sa, ba, va = self.thesis_side(a, t)
            sb, bb, vb = self.thesis_side(b, t)
            out.append(Side(t, sa, sb, ba, bb, va, vb))
        return tuple(out)

    # --- points -----------------------------------------------------------------------------

    def candidates(self, a: str, b: str) -> dict[str, str]:
        """Every claim the two part ways on, with its kind."""
        found: dict[str, str] = {}
        for x, y in ((a, b), (b, a)):
            sx, sy = self.stances.get(x, {}), self.stances.get(y, {})
            attacked_by_y = {c for c, sides in self.implied(y).items() if sides["-"]}
            negative_y = {c for c, v in sy.items() if v < 0} | attacked_by_y
            positive_x = {c for c, v in sx.items() if v > 0} | set(self.implied(x)) | self.raised(x)
            for claim in positive_x & negative_y:
                if claim in self._thesis_set or claim in found:
                    continue
                px, bx, _ = self.side(x, claim)
                py, by, _ = self.side(y, claim)
                if px * py != -1 or px < 0:
                    continue
                found[claim] = (STANCE if bx == by == DECLARED else ATTACK if bx == DECLARED
                                else REASON)
        return found

    def reach(self, claim: str) -> dict[str, tuple[tuple[str, int, str], ...]]:
        """The theses a claim reaches, each with the shortest chain to it (breadth first)."""
        if claim not in self._reach:
            self._reach[claim] = self._search(claim)
        return self._reach[claim]

    def _search(self, claim: str) -> dict[str, tuple[tuple[str, int, str], ...]]:
        c = self.qbaf.compiled
        start = c.index[claim]
        back = {start: (-1, 0)}
        frontier, found = [start], {}
        theses = set(self._thesis_nodes.tolist())
        signs = c.out_sign
        while frontier:
            following = []
            for u in frontier:
                lo, hi = c.out_ptr[u], c.out_ptr[u + 1]
                for v, sign in zip(c.out_dst[lo:hi].tolist(), signs[lo:hi].tolist(), strict=True):
                    if v not in back:
                        back[v] = (u, sign)
                        following.append(v)
                        if v in theses:
                            found[v] = None
            frontier = following
        out = {}
        for t in sorted(found, key=lambda v: self.theses.index(c.names[v])):
            chain, v = [], t
            while back[v][0] >= 0:
                u, sign = back[v]
                chain.append((c.names[u], sign, c.names[v]))
                v = u
            out[c.names[t]] = tuple(reversed(chain))
        return out

    def between(self, a: str, b: str) -> Partings:
        """Every point where ``a`` and ``b`` part ways, ranked by consequence (ties: double cruxes).

        A point's thesis: for a claim both declare opposite stances on (a possible double crux),
        the one among the theses it reaches on which the two take opposite sides that gives a
        strict double crux, else the largest consequence; for any other claim, the nearest
        (fewest links) such thesis. Without one, the nearest thesis it reaches at all.
        """
        sides = self.sides(a, b)
        opposite = {s.thesis for s in sides if s.opposite}
        kinds = self.candidates(a, b)
        reached = {claim: self.reach(claim) for claim in sorted(kinds)}
        tries: dict[str, list[tuple[str, bool]]] = {}  # thesis -> [(claim, both clamps)]
        for claim, chains in reached.items():
            near = [t for t in chains if t in opposite] or list(chains)
            if kinds[claim] == STANCE and any(t in opposite for t in chains):
                chosen = near
            else:
                chosen = sorted(near, key=lambda t: len(chains[t]))[:1]
            for t in chosen:
                tries.setdefault(t, []).append((claim, t in opposite and kinds[claim] == STANCE))
        by_thesis = {s.thesis: s for s in sides}
        options: dict[str, list[Point]] = {claim: [] for claim in kinds}
        for t in self.theses:
            if t in tries:
                for p in self._points(a, b, t, tries[t], kinds, by_thesis[t], reached):
                    options[p.claim].append(p)
        points = []
        for claim, kind in kinds.items():
            if options[claim]:
                best = max(options[claim], key=lambda p: (p.double_crux, p.score,
                                                          -self.theses.index(p.thesis)))
                others = tuple(t for t in reached[claim] if t != best.thesis)
                points.append(replace(best, theses=(best.thesis, *others)))
            else:
                points.append(self._unreached(a, b, claim, kind))
        points.sort(key=lambda p: (-p.score, not p.double_crux, p.claim))
        return Partings(a, b, sides, tuple(points))

    def _points(self, a: str, b: str, thesis: str, tries: list[tuple[str, bool]],
                kinds: Mapping[str, str], side: Side,
                reached: Mapping[str, Mapping[str, tuple[tuple[str, int, str], ...]]]) -> list[Point]:
        """Each claim's point on one thesis: both viewpoints with the claim settled the other's way
        (and, for a possible double crux, both ways in both viewpoints)."""
        views = self.views(thesis)
        scope, params = views.scope, self.params
        lo, hi = params.levels
        t = scope.thesis
        claims = [c for c, _ in tries]
        both = np.array([x for _, x in tries], dtype=bool)
        sides = [(self.side(a, c), self.side(b, c)) for c in claims]
        a_true = np.array([sa[0] > 0 for sa, _ in sides], dtype=bool)
        nodes = np.array([scope.sub.index[c] for c in claims], dtype=np.int64)
        # rows per view: the other's side for every claim, then the own side where both are needed
        other_a, other_b = np.where(a_true, lo, hi), np.where(a_true, hi, lo)
        rows = np.concatenate([nodes, nodes[both]])
        a_vals = np.concatenate([other_a, other_b[both]])
        b_vals = np.concatenate([other_b, other_a[both]])
        ta = views.author_tau(self.stances.get(a, {}))
        tb = views.author_tau(self.stances.get(b, {}))
        sig_a, stable_a = views.solve(ta)
        sig_b, stable_b = views.solve(tb)
        out_a, ok_a = clamped_targets(scope.sub, ta, sig_a, params.settings, rows, a_vals, t)
        out_b, ok_b = clamped_targets(scope.sub, tb, sig_b, params.settings, rows, b_vals, t)
        k = len(claims)
        a_after, b_after = out_a[:k], out_b[:k]
        va, vb = float(sig_a[t]), float(sig_b[t])
        gap = va - vb
        double = np.zeros(k, dtype=bool)
        if both.any() and abs(gap) >= params.gap_min:
            # A's σ_t with the claim false / true, and B's, for the claims clamped both ways
            a_own, b_own = out_a[k:], out_b[k:]
            at = a_true[both]
            a_lo = np.where(at, a_after[both], a_own)
            a_hi = np.where(at, a_own, a_after[both])
            b_lo = np.where(at, b_own, b_after[both])
            b_hi = np.where(at, b_after[both], b_own)
            close_a, close_b = closures(a_lo, a_hi, b_lo, b_hi, gap, at)
            double[both] = np.minimum(close_a, close_b) >= params.min_close
        ok = ok_a[:k] & ok_b[:k]
        out = []
        for i, claim in enumerate(claims):
            (sa, ba, via_a), (sb, bb, via_b) = sides[i]
            score = (abs(a_after[i] - va) + abs(b_after[i] - vb)) / 2
            out.append(Point(
                claim=claim, thesis=thesis, kind=kinds[claim], a_side=sa, b_side=sb,
                a_basis=ba or "", b_basis=bb or "", a_via=via_a, b_via=via_b,
                chain=reached[claim][thesis], standing_a=va, standing_b=vb,
                a_after=float(a_after[i]), b_after=float(b_after[i]), score=float(score),
                double_crux=bool(double[i]), opposite=side.opposite, theses=(),
                explanation=wording.settled(self.text(claim), self.who(a), self.who(b), bool(a_true[i]),
                                            va, float(a_after[i]), vb, float(b_after[i])),
                converged=bool(stable_a and stable_b and ok[i]),
            ))
        return out

    def _unreached(self, a: str, b: str, claim: str, kind: str) -> Point:
        """A claim the two part ways on that reaches no thesis: no standing moves."""
        (sa, ba, via_a), (sb, bb, via_b) = self.side(a, claim), self.side(b, claim)
        return Point(claim=claim, thesis=None, kind=kind, a_side=sa, b_side=sb, a_basis=ba or "",
                     b_basis=bb or "", a_via=via_a, b_via=via_b, chain=(), standing_a=THESIS_BASE,
                     standing_b=THESIS_BASE, a_after=THESIS_BASE, b_after=THESIS_BASE, score=0.0,
                     double_crux=False, opposite=False, theses=(),
                     explanation=wording.unreached(self.text(claim), self.who(a), self.who(b), sa > 0),
                     converged=True)

