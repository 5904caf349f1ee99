"""Crux ranking, author viewpoints and double cruxes over a QBAF (docs/crux-method.md §a.3–§a.8).

A claim's *swing* on a thesis is σ_t[do(c=hi)] − σ_t[do(c=lo)]; the *community crux* score is
|swing| in the pooled viewpoint × contestedness 4p(1−p); a *double crux* for authors A and B is
the smaller of the two gap closures, over claims on which they take opposite stances. An
author's *standing* on a thesis is σ_t in the author's viewpoint, and a *verdict* sets it beside
the stance the author declares on the thesis.

Departures from the proposal, and why:
- An author's viewpoint leaves out the claims the author never took a stance on: their base
  score is ``unengaged`` (default 0), not 0.5, so they count only as far as the author's own
  reasons raise them (a claim the author's claims support gets strength from them, and passes it
  on). With 0.5, the hundreds of other authors' claims in a thesis's scope outvoted each
  author's few reasons, and 13 of the 46 declared stances on the five-source map fell on the
  wrong side of the author's own verdict. A claim the author rejects is left out too (it gets
  no more than ``unengaged``, see :func:`viewpoint_base`). The neutral and pooled viewpoints
  keep 0.5 and 0.5 ± κ/2.
- The stance an author declares on a thesis never enters that author's viewpoint (the thesis's
  base stays 0.5 for everyone): it is what the standing is checked against, so a verdict
  measures whether the map holds the author's reasons, and cannot echo the declaration. Where
  the author's reasons carry no weight to the thesis the standing is exactly 0.5 and the verdict
  says so ("underived") rather than print a number.
- Exact swings are not a per-claim Python loop over corridors but one vectorised batch: a state
  matrix with a row per intervention, where only the (row, node) pairs downstream of the clamp
  are recomputed level by level (same arithmetic, so the same numbers; ~100× faster). Claims in
  or upstream of cyclic SCCs are handled by the same code (the SCC is re-iterated per row), so
  there is no separate "full re-solve" path.
- Beyond ``exact_limit`` candidates the gradient screen keeps the union of the top
  ``screen_top`` by |gradient|·contest and by |gradient| alone, so claims nobody contests can
  still be reported by swing; only screened claims get exact swings and are returned.
- The clamp level is its own parameter (default: the stance κ, so 0.1/0.9), because the golden
  saturation example uses hard clamps with κ=0.8 stances.
- Double crux vs "disagree but not a crux" is a partition of the opposite-stance claims at
  ``min_close`` (default 0.05): below it, settling the claim against one author closes less than
  5% of the gap, and the report names that author and their other independent reasons.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from argmap.analysis import wording
from argmap.analysis.gradual import Settings, clamped_targets, gradient, resolve_arrays, solve_arrays
from argmap.analysis.qbaf import QBAF, Compiled

Stances = Mapping[str, Mapping[str, int]]  # author -> claim id -> +1 asserts / -1 rejects

KAPPA = 0.8
THESIS_BASE = 0.5
GAP_MIN = 0.05
MIN_CLOSE = 0.05
UNENGAGED = 0.0
RELY_MIN = 0.25
EPS = 1e-9  # a standing this close to 0.5 carries no reasons


def underived(standing: float) -> bool:
    """Whether a standing is the thesis's base score untouched: the author's reasons carry no
    weight to it (so 0.50 is no neutral verdict but the absence of one)."""
    return abs(standing - THESIS_BASE) <= EPS


@dataclass(frozen=True)
class Params:
    """How cruxes are computed, in one object; the defaults are the product's (``argmap build``).

    ``kappa``: an author's stance sets a claim's base score to 0.5 ± κ/2. ``clamp``: a claim is
    settled at 0.5 ± clamp/2 (None: κ). Beyond ``exact_limit`` candidate claims, exact swings
    are computed only for the gradient screen's ``screen_top``. ``shrink``: contestedness is
    shrunk by n/(n+1) for few voters. ``gap_min``: authors closer than this on a thesis do not
    disagree. ``min_close``: the least gap closure that makes a double crux. ``unengaged``: the
    base score, in an author's viewpoint, of a claim the author took no stance on. ``rely_min``:
    the strength at which an author's viewpoint *relies on* a claim the author took no stance on
    (the author's reasons raise it that far; see :mod:`argmap.analysis.partings`). ``solver``:
    iteration settings (default: the semantics' defaults).
    """

    semantics: str = "qe"
    kappa: float = KAPPA
    clamp: float | None = None
    exact_limit: int = 2_000
    screen_top: int = 25
    shrink: bool = False
    gap_min: float = GAP_MIN
    min_close: float = MIN_CLOSE
    unengaged: float = UNENGAGED
    rely_min: float = RELY_MIN
    solver: Settings | None = None

    @property
    def settings(self) -> Settings:
        return self.solver or Settings(semantics=self.semantics)

    @property
    def levels(self) -> tuple[float, float]:
        return _levels(self.kappa if self.clamp is None else self.clamp)


@dataclass(frozen=True)
class Crux:
    """One claim's pull on a thesis: ranked by score = |swing| × contest."""

    rank: int
    claim: str
    thesis: str
    score: float
    swing: float
    contest: float
    emove: float
    explanation: str
    converged: bool
    sigma_hi: float = 0.0
    sigma_lo: float = 0.0
    n_for: int = 0
    n_against: int = 0
    sigma: float = 0.0  # the thesis's standing in the pooled view, unsettled
    accepted_by: tuple[str, ...] = ()
    rejected_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class DoubleCrux:
    """A claim that would move either author toward the other, whichever way it resolves."""

    rank: int
    claim: str
    thesis: str
    author_a: str
    author_b: str
    score: float  # min of the two gap closures
    gap: float  # σ_A(t) − σ_B(t)
    close_a_side: float  # gap closure if the claim resolves as A holds (B moves)
    close_b_side: float  # gap closure if the claim resolves as B holds (A moves)
    e_close: float
    explanation: str
    converged: bool


@dataclass(frozen=True)
class NonCrux:
    """Authors disagree on the claim, but settling it would not move one of them."""

    claim: str
    thesis: str
    author_a: str
    author_b: str
    unmoved: str
    other_support: tuple[str, ...]
    close_a_side: float
    close_b_side: float
    explanation: str


@dataclass(frozen=True)
class PairAnalysis:
    """Double cruxes and non-cruxes for one pair of authors on one thesis."""

    thesis: str
    author_a: str
    author_b: str
    standing_a: float
    standing_b: float
    disagree: bool
    double: tuple[DoubleCrux, ...]
    non_cruxes: tuple[NonCrux, ...]


REPRODUCED, CONTRADICTED, UNDERIVED = "reproduced", "contradicted", "underived"


@dataclass(frozen=True)
class Verdict:
    """An author's declared stance on a thesis beside the standing the author's own reasons give.

    ``status``: *reproduced* (the standing lies on the declared side of 0.5), *contradicted*
    (the author's reasons in the map lean the other way; ``pulls`` names the claims that pull
    hardest against the declared side, with the standing each one's removal would leave), or
    *underived* (the author's reasons carry no weight to the thesis: the standing is 0.5 and
    the stance is declared, not derived).
    """

    author: str
    thesis: str
    declared: int  # +1 accepts, -1 rejects
    standing: float
    status: str
    pulls: tuple[tuple[str, float], ...]  # (claim, σ_t without it) against the declared side
    explanation: str

    @property
    def reproduced(self) -> bool:
        return self.status == REPRODUCED


@dataclass(frozen=True)
class CruxReport:
    """Everything computed for one thesis, with the method and parameters used."""

    thesis: str
    cruxes: tuple[Crux, ...]
    pairs: tuple[PairAnalysis, ...]
    standings: dict[str, float]  # viewpoint ("neutral", "pooled", author) -> σ(t)
    semantics: str
    kappa: float
    clamp: tuple[float, float]
    damping: float | None
    tolerance: float
    converged: bool
    method: str  # "exact" or "gradient-screen+exact"
    candidates: int
    parameters: dict[str, float] = field(default_factory=dict)
    verdicts: tuple[Verdict, ...] = ()  # one per author who declares a stance on the thesis


# --- viewpoints -----------------------------------------------------------------------------


def author_base(stances: Mapping[str, int], thesis: str, kappa: float = KAPPA) -> dict[str, float]:
    """τ = 0.5 + (κ/2)·s for an author's stances; the thesis stays at 0.5 (§a.3)."""
    base = {c: 0.5 + kappa / 2 * s for c, s in stances.items() if s}
    base[thesis] = THESIS_BASE
    return base


def viewpoint_base(stances: Mapping[str, int], thesis: str, params: Params) -> dict[str, float]:
    """An author's viewpoint: 0.5 + κ/2 on the claims the author accepts, the thesis at 0.5.

    The claims left out take ``params.unengaged``; a claim the author rejects takes
    min(0.5 − κ/2, unengaged): rejecting a claim never gives it more weight in the author's
    view than ignoring it would (in quadratic energy a claim at 0.1 still pushes 0.1 of a full
    argument the way it argues, so a rejection would otherwise count as a small reason for the
    side the author rejects). With ``unengaged`` 0.5 this is §a.3's τ = 0.5 ± κ/2.
    """
    low = min(0.5 - params.kappa / 2, params.unengaged)
    base = {c: 0.5 + params.kappa / 2 if s > 0 else low for c, s in stances.items() if s}
    base[thesis] = THESIS_BASE
    return base


def pooled_base(stances: Stances, thesis: str, kappa: float = KAPPA) -> dict[str, float]:
    """τ = 0.5 + (κ/2)·mean stance among authors who took one; the thesis stays at 0.5."""
    return _pooled(_votes(stances), thesis, kappa)


def _pooled(votes: Mapping[str, tuple[int, int]], thesis: str, kappa: float) -> dict[str, float]:
    base = {c: 0.5 + kappa / 2 * ((n_for - n_against) / (n_for + n_against))
            for c, (n_for, n_against) in votes.items()}
    base[thesis] = THESIS_BASE
    return base


def _votes(stances: Stances) -> dict[str, tuple[int, int]]:
    """(authors asserting, authors rejecting) of every claim anyone took a stance on."""
    votes: dict[str, tuple[int, int]] = {}
    for claims in stances.values():
        for c, v in claims.items():
            if v:
                n_for, n_against = votes.get(c, (0, 0))
                votes[c] = (n_for + (v > 0), n_against + (v < 0))
    return votes


def contest(n_for: int, n_against: int, shrink: bool = False) -> float:
    """4p(1−p) with p the asserting share; optionally shrunk by n/(n+1) for few voters."""
    n = n_for + n_against
    if n == 0:
        return 0.0
    p = n_for / n
    return 4 * p * (1 - p) * (n / (n + 1) if shrink else 1.0)


# --- the thesis's sub-framework and interventions --------------------------------------------


@dataclass(frozen=True)
class _Scope:
    """The ancestors of a thesis (only they can move it), as their own compiled framework."""

    sub: Compiled
    thesis: int
    candidates: np.ndarray


def _scope(qbaf: QBAF, thesis: str) -> _Scope:
    c = qbaf.compiled
    t = c.index[thesis]
    nodes = np.union1d(c.ancestors(t), [t])
    sub, remap = c.subgraph(nodes)
    cands = np.setdiff1d(np.arange(sub.n), [remap[t]])
    return _Scope(sub, int(remap[t]), cands)


def _tau(sub: Compiled, base: Mapping[str, float], default: float = 0.5) -> np.ndarray:
    """Base scores as a vector: ``default`` except where ``base`` (a few stances) says otherwise."""
    tau = np.full(sub.n, default)
    for name, value in base.items():
        i = sub.index.get(name)
        if i is not None:
            tau[i] = value
    return tau


@dataclass(frozen=True)
class _Clamped:
    """σ_t in one viewpoint, plus σ_t under do(c=lo) and do(c=hi) for given claims."""

    sigma: np.ndarray
    stable: bool
    t_lo: np.ndarray
    t_hi: np.ndarray
    ok: np.ndarray


def _clamp_solved(
    scope: _Scope, tau: np.ndarray, sigma: np.ndarray, stable: bool, nodes: np.ndarray,
    levels: tuple[float, float], settings: Settings,
) -> _Clamped:
    k = len(nodes)
    values = np.concatenate([np.full(k, levels[0]), np.full(k, levels[1])])
    out, ok = clamped_targets(scope.sub, tau, sigma, settings, np.concatenate([nodes, nodes]),
                              values, scope.thesis)
    return _Clamped(sigma, stable, out[:k], out[k:], ok[:k] & ok[k:])


def _levels(clamp: float) -> tuple[float, float]:
    return (0.5 - clamp / 2, 0.5 + clamp / 2)


class _Viewpoints:
    """Solves of one thesis's scope, shared by every viewpoint with the same base scores.

    On a large map most authors hold no stance inside a given thesis's scope, so their
    viewpoints are the same τ: a report solves each distinct τ once. Every viewpoint is solved as
    a change from a settled reference, the neutral one (all 0.5) or the empty author view (all
    ``unengaged``), whichever differs in fewer base scores: an author's view costs the corridor
    downstream of the author's own stances, and gives the full solve's bits.
    """

    def __init__(self, scope: _Scope, params: Params) -> None:
        self.scope, self.params, self.settings = scope, params, params.settings
        self.thesis = scope.sub.names[scope.thesis]
        self._solved: dict[bytes, tuple[np.ndarray, bool]] = {}
        self._refs: list[tuple[np.ndarray, np.ndarray]] = []
        self._reference(self.tau({}))
        # per stances object (kept alive here, so its id is not reused): τ, or votes and τ
        self._authors: dict[int, tuple[Mapping[str, int], np.ndarray]] = {}
        self._pooled: dict[int, tuple[Stances, dict[str, tuple[int, int]], np.ndarray]] = {}

    def _reference(self, tau: np.ndarray) -> None:
        sigma, stable, _ = solve_arrays(self.scope.sub, tau, self.settings)
        self._solved[tau.tobytes()] = (sigma, bool(stable[self.scope.thesis]))
        if stable.all():
            self._refs.append((tau, sigma))

    def tau(self, base: Mapping[str, float], default: float = 0.5) -> np.ndarray:
        tau = _tau(self.scope.sub, base, default)
        tau[self.scope.thesis] = THESIS_BASE
        return tau

    def author_tau(self, stances: Mapping[str, int]) -> np.ndarray:
        """An author's viewpoint as base scores (see :func:`viewpoint_base`)."""
        if id(stances) not in self._authors:
            if len(self._refs) < 2 and self.params.unengaged != 0.5:
                self._reference(self.tau({}, self.params.unengaged))
            tau = self.tau(viewpoint_base(stances, self.thesis, self.params), self.params.unengaged)
            self._authors[id(stances)] = (stances, tau)
        return self._authors[id(stances)][1]

    def pooled(self, stances: Stances) -> tuple[dict[str, tuple[int, int]], np.ndarray]:
        """Every claim's (accepting, rejecting) authors, and the pooled viewpoint's base scores."""
        if id(stances) not in self._pooled:
            votes = _votes(stances)
            self._pooled[id(stances)] = (stances, votes,
                                         self.tau(_pooled(votes, self.thesis, self.params.kappa)))
        return self._pooled[id(stances)][1:]

    def solve(self, tau: np.ndarray) -> tuple[np.ndarray, bool]:
        key = tau.tobytes()
        if key not in self._solved:
            sub, t = self.scope.sub, self.scope.thesis
            if not self._refs:
                sigma, stable, _ = solve_arrays(sub, tau, self.settings)
            else:
                ref_tau, ref_sigma = min(self._refs, key=lambda r: int((r[0] != tau).sum()))
                sigma, stable = resolve_arrays(sub, tau, self.settings, ref_tau, ref_sigma)
            self._solved[key] = (sigma, bool(stable[t]))
        return self._solved[key]

    def clamp_both(self, tau: np.ndarray, nodes: np.ndarray, levels: tuple[float, float]) -> _Clamped:
        sigma, stable = self.solve(tau)
        return _clamp_solved(self.scope, tau, sigma, stable, nodes, levels, self.settings)


def _views(qbaf: QBAF, thesis: str, params: Params, views: _Viewpoints | None) -> _Viewpoints:
    return views or _Viewpoints(_scope(qbaf, thesis), params)


# --- crux ranking --------------------------------------------------------------------------


def rank_cruxes(
    qbaf: QBAF,
    thesis: str,
    stances: Stances,
    labels: Mapping[str, str] | None = None,
    params: Params = Params(),
    *,
    top: int | None = None,
    views: _Viewpoints | None = None,
    names: Mapping[str, str] | None = None,
) -> list[Crux]:
    """Claims ranked by community crux score |swing_pooled| × contest (ties by |swing|)."""
    views = _views(qbaf, thesis, params, views)
    scope = views.scope
    votes, tau = views.pooled(stances)
    levels = params.levels
    ids = scope.sub.names
    splits = [votes.get(ids[i], (0, 0)) for i in scope.candidates]
    contests = np.array([contest(a, b, params.shrink) for a, b in splits])
    cands, keep = scope.candidates, np.arange(len(scope.candidates))
    if len(cands) > params.exact_limit:
        keep = _screen(views, tau, contests, levels, params.screen_top)
        cands = cands[keep]
    r = views.clamp_both(tau, cands, levels)
    swing = r.t_hi - r.t_lo
    score = np.abs(swing) * contests[keep]
    order = np.lexsort((-np.abs(swing), -score))[: top if top else None]
    sig_t, sig_c = r.sigma[scope.thesis], r.sigma[cands]
    emove = sig_c * np.abs(r.t_hi - sig_t) + (1 - sig_c) * np.abs(r.t_lo - sig_t)
    text, who = _labeller(labels), _labeller(names)
    chosen = {ids[cands[i]] for i in order}
    sides = _sides(stances, chosen, who)
    out = []
    for rank, i in enumerate(order, 1):
        claim = ids[cands[i]]
        nf, na = splits[keep[i]]
        accept, reject = sides.get(claim, ((), ()))
        out.append(Crux(
            rank=rank, claim=claim, thesis=thesis, score=float(score[i]),
            swing=float(swing[i]), contest=float(contests[keep[i]]), emove=float(emove[i]),
            explanation=wording.crux(text(claim), float(sig_t), float(r.t_hi[i]), float(r.t_lo[i]),
                                     [who(a) for a in accept], [who(a) for a in reject]),
            converged=bool(r.stable and r.ok[i]), sigma_hi=float(r.t_hi[i]),
            sigma_lo=float(r.t_lo[i]), n_for=nf, n_against=na, sigma=float(sig_t),
            accepted_by=accept, rejected_by=reject,
        ))
    return out


def _sides(stances: Stances, claims: set[str], who) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """(authors accepting, authors rejecting) of each of ``claims``, ordered by name."""
    found: dict[str, tuple[list[str], list[str]]] = {}
    for author, taken in stances.items():
        for c in claims & taken.keys():
            if taken[c]:
                found.setdefault(c, ([], []))[taken[c] < 0].append(author)
    return {c: (tuple(sorted(acc, key=lambda a: (who(a), a))), tuple(sorted(rej, key=lambda a: (who(a), a))))
            for c, (acc, rej) in found.items()}


def _screen(
    views: _Viewpoints, tau: np.ndarray, contests: np.ndarray, levels: tuple[float, float], top: int,
) -> np.ndarray:
    """Positions (into scope.candidates) worth an exact swing, by the reverse-mode gradient."""
    scope = views.scope
    sigma, _ = views.solve(tau)
    lam = gradient(scope.sub, tau, sigma, scope.thesis, views.settings.semantics)
    est = np.abs(lam[scope.candidates]) * (levels[1] - levels[0])
    by_score = np.argsort(-(est * contests), kind="stable")[:top]
    by_swing = np.argsort(-est, kind="stable")[:top]
    return np.union1d(by_score, by_swing)


def swings(
    qbaf: QBAF, thesis: str, base: Mapping[str, float] | float = 0.5, *,
    clamp: float = KAPPA, settings: Settings | None = None, claims: list[str] | None = None,
    default: float = 0.5,
) -> dict[str, float]:
    """Exact swing of every ancestor claim (or of ``claims``) on the thesis in one viewpoint."""
    settings = settings or Settings()
    scope = _scope(qbaf, thesis)
    tau = (np.full(scope.sub.n, float(base)) if not isinstance(base, Mapping)
           else _tau(scope.sub, base, default))
    names = scope.sub.names
    cands = scope.candidates
    if claims is not None:
        wanted = set(claims)
        cands = np.array([c for c in cands if names[c] in wanted], dtype=np.int64)
    sigma, stable, _ = solve_arrays(scope.sub, tau, settings)
    r = _clamp_solved(scope, tau, sigma, bool(stable[scope.thesis]), cands, _levels(clamp), settings)
    return {names[c]: float(h - lo) for c, h, lo in zip(cands, r.t_hi, r.t_lo, strict=True)}


def gradient_screen(
    qbaf: QBAF, thesis: str, base: Mapping[str, float] | float = 0.5, *,
    clamp: float = KAPPA, settings: Settings | None = None,
) -> dict[str, float]:
    """First-order estimate of every ancestor's swing: (hi − lo)·dσ_t/dσ_c."""
    settings = settings or Settings()
    scope = _scope(qbaf, thesis)
    tau = (np.full(scope.sub.n, float(base)) if not isinstance(base, Mapping)
           else _tau(scope.sub, base))
    sigma, _, _ = solve_arrays(scope.sub, tau, settings)
    lam = gradient(scope.sub, tau, sigma, scope.thesis, settings.semantics)
    return {scope.sub.names[c]: float(lam[c] * clamp) for c in scope.candidates}


def standing(
    qbaf: QBAF, thesis: str, base: Mapping[str, float], settings: Settings | None = None,
    default: float = 0.5,
) -> tuple[float, bool]:
    """σ(t) in one viewpoint (claims missing from ``base`` at ``default``) and whether it settled."""
    scope = _scope(qbaf, thesis)
    tau = _tau(scope.sub, base, default)
    sigma, stable, _ = solve_arrays(scope.sub, tau, settings or Settings())
    return float(sigma[scope.thesis]), bool(stable[scope.thesis])


# --- verdicts: declared stances beside the standings the authors' reasons give ----------------


def verdict(
    views: _Viewpoints, author: str, stances: Mapping[str, int], declared: int,
    name: str = "", basis: str = "declared", labels: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None, owners: Mapping[str, str] | None = None,
) -> Verdict:
    """Whether an author's own reasons reproduce the stance the author declares on the thesis."""
    tau = views.author_tau(stances)
    sigma, _ = views.solve(tau)
    value = float(sigma[views.scope.thesis])
    name = name or author
    if underived(value):
        return Verdict(author, views.thesis, declared, value, UNDERIVED, (),
                       wording.underived(name, declared > 0, basis))
    if (value - THESIS_BASE) * declared > 0:
        return Verdict(author, views.thesis, declared, value, REPRODUCED, (), "")
    pulls = _pulls(views, tau, sigma, declared)
    text, who, owner = _labeller(labels), _labeller(names), (owners or {}).get
    said = []
    for c, without in pulls:
        own = owner(c, author) == author
        how = ("" if own else "raised" if c not in stances else
               "accepts" if stances[c] > 0 else "rejects")
        said.append((text(c), None if own else who(owner(c, "")), how, without))
    return Verdict(author, views.thesis, declared, value, CONTRADICTED, pulls,
                   wording.contradicted(name, declared > 0, basis, value, said))


def _pulls(views: _Viewpoints, tau: np.ndarray, sigma: np.ndarray, declared: int,
           top: int = 2) -> tuple[tuple[str, float], ...]:
    """The thesis's direct reasons that pull hardest against the declared side, in the author's
    view: (claim, σ_t with it removed).

    Removal is do(c=0), Kampik et al.'s removal contribution. Only the direct reasons are
    candidates: whatever else the author's reasons do reaches the thesis through them, and
    removing one recomputes the thesis alone (a deeper claim's removal re-solves its corridor,
    cycles included: at 100k claims that cost more than the crux ranking).
    """
    scope, t = views.scope, views.scope.thesis
    sub = scope.sub
    direct = np.unique(sub.in_src[sub.in_ptr[t]:sub.in_ptr[t + 1]])
    nodes = direct[sigma[direct] > EPS]
    without, _ = clamped_targets(scope.sub, tau, sigma, views.settings, nodes,
                                 np.zeros(len(nodes)), t)
    against = (sigma[t] - without) * declared  # < 0: the claim pulls away from the declared side
    order = [i for i in np.argsort(against, kind="stable")[:top] if against[i] < -EPS]
    return tuple((scope.sub.names[nodes[i]], float(without[i])) for i in order)


# --- double cruxes -------------------------------------------------------------------------


def double_cruxes(
    qbaf: QBAF,
    thesis: str,
    stances: Stances,
    a: str,
    b: str,
    labels: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    params: Params = Params(),
    *,
    views: _Viewpoints | None = None,
) -> PairAnalysis:
    """Double cruxes (ranked by min gap closure) and non-cruxes for authors a and b."""
    views = _views(qbaf, thesis, params, views)
    scope = views.scope
    sa, sb = stances.get(a, {}), stances.get(b, {})
    ids = scope.sub.names
    index = scope.sub.index
    opposed = np.array(sorted(index[c] for c in sa.keys() & sb.keys()
                              if sa[c] * sb[c] == -1 and c in index and index[c] != scope.thesis),
                       dtype=np.int64)
    levels = params.levels
    ra = views.clamp_both(views.author_tau(sa), opposed, levels)
    rb = views.clamp_both(views.author_tau(sb), opposed, levels)
    t = scope.thesis
    gap = float(ra.sigma[t] - rb.sigma[t])
    if abs(gap) < params.gap_min:
        return PairAnalysis(thesis, a, b, float(ra.sigma[t]), float(rb.sigma[t]), False, (), ())
    a_true = np.array([sa[ids[i]] > 0 for i in opposed], dtype=bool)
    close_a, close_b = closures(ra.t_lo, ra.t_hi, rb.t_lo, rb.t_hi, gap, a_true)
    dc = np.minimum(close_a, close_b)
    p_hat = (ra.sigma[opposed] + rb.sigma[opposed]) / 2
    close_hi, close_lo = np.where(a_true, close_a, close_b), np.where(a_true, close_b, close_a)
    e_close = p_hat * close_hi + (1 - p_hat) * close_lo
    text, who = _labeller(labels), _labeller(names)
    doubles, nons = [], []
    for i in np.lexsort((-e_close, -dc)):
        claim = ids[opposed[i]]
        if dc[i] >= params.min_close:
            doubles.append(DoubleCrux(
                rank=len(doubles) + 1, claim=claim, thesis=thesis, author_a=a, author_b=b,
                score=float(dc[i]), gap=gap, close_a_side=float(close_a[i]),
                close_b_side=float(close_b[i]), e_close=float(e_close[i]),
                explanation=wording.double_crux(text(claim), who(a), who(b), gap,
                                                float(close_a[i]), float(close_b[i])),
                converged=bool(ra.stable and rb.stable and ra.ok[i] and rb.ok[i]),
            ))
        else:
            unmoved = a if close_b[i] <= close_a[i] else b
            against = close_b[i] if unmoved == a else close_a[i]
            for_thesis = (unmoved == a) == (gap > 0)
            sigma = ra.sigma if unmoved == a else rb.sigma
            others = _other_support(scope, opposed[i], sigma, for_thesis)
            nons.append(NonCrux(
                claim=claim, thesis=thesis, author_a=a, author_b=b, unmoved=unmoved,
                other_support=others, close_a_side=float(close_a[i]),
                close_b_side=float(close_b[i]),
                explanation=wording.non_crux(text(claim), who(unmoved), gap, float(against),
                                             [text(o) for o in others]),
            ))
    return PairAnalysis(thesis, a, b, float(ra.sigma[t]), float(rb.sigma[t]), True,
                        tuple(doubles), tuple(nons))


def closures(a_lo: np.ndarray, a_hi: np.ndarray, b_lo: np.ndarray, b_hi: np.ndarray, gap: float,
             a_true: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gap closures (as A holds: B moves; as B holds: A moves) of claims settled either way.

    ``a_lo`` … ``b_hi`` are each author's σ_t with the claim settled false / true, ``gap`` is
    σ_A(t) − σ_B(t), ``a_true`` whether A holds the claim true.
    """
    close_lo = 1 - np.abs(a_lo - b_lo) / abs(gap)
    close_hi = 1 - np.abs(a_hi - b_hi) / abs(gap)
    return np.where(a_true, close_hi, close_lo), np.where(a_true, close_lo, close_hi)


def _other_support(
    scope: _Scope, claim: int, sigma: np.ndarray, for_thesis: bool
) -> tuple[str, ...]:
    """Direct reasons on the author's side of t, not downstream of the claim, held (σ > 0.5)."""
    sub, t = scope.sub, scope.thesis
    lo, hi = sub.in_ptr[t], sub.in_ptr[t + 1]
    src, sign = sub.in_src[lo:hi], sub.in_sign[lo:hi]
    side = src[(sign > 0) == for_thesis]
    downstream = set(sub.descendants(claim).tolist()) | {claim}
    return tuple(sub.names[s] for s in side if s not in downstream and sigma[s] > 0.5)


# --- report ----------------------------------------------------------------------------------


def crux_report(
    qbaf: QBAF,
    thesis: str,
    stances: Stances,
    labels: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    params: Params = Params(),
    *,
    top: int | None = None,
    pairs: Sequence[tuple[str, str]] | None = None,
    viewpoints: Sequence[str] | None = None,
    owners: Mapping[str, str] | None = None,
    basis_of: Mapping[tuple[str, str], str] | None = None,
) -> CruxReport:
    """Crux ranking, standings, verdicts and every disagreeing author pair for a thesis.

    ``pairs`` limits the pair analysis (default: every pair of authors with stances), e.g. to
    authors who declare opposite stances on the thesis; ``viewpoints`` limits the authors whose
    standing is computed (default: all; an author who declares a stance on the thesis always
    gets one, and a verdict). ``owners`` (claim → author) and ``basis_of`` ((author, thesis) →
    "stated" / "inferred") word the verdicts.
    """
    settings = params.settings
    solved = _Viewpoints(_scope(qbaf, thesis), params)
    scope = solved.scope
    cruxes = rank_cruxes(qbaf, thesis, stances, labels, params, top=top, views=solved, names=names)
    declaring = {a for a, s in stances.items() if s.get(thesis)}
    standings: dict[str, float] = {}
    stable = True
    for view, tau in (("neutral", solved.tau({})),
                      ("pooled", solved.pooled(stances)[1])):
        sigma, ok = solved.solve(tau)
        standings[view] = float(sigma[scope.thesis])
        stable &= ok
    for a, s in stances.items():
        if viewpoints is None or a in viewpoints or a in declaring:
            sigma, ok = solved.solve(solved.author_tau(s))
            standings[a] = float(sigma[scope.thesis])
            stable &= ok
    verdicts = tuple(
        verdict(solved, a, stances[a], stances[a][thesis], _labeller(names)(a),
                (basis_of or {}).get((a, thesis), "declared"), labels, names, owners)
        for a in sorted(declaring))
    if pairs is None:
        authors = sorted(stances)
        pairs = [(a, b) for i, a in enumerate(authors) for b in authors[i + 1:]]
    analysed = tuple(
        p for a, b in pairs
        if (p := double_cruxes(qbaf, thesis, stances, a, b, labels, names, params,
                               views=solved)).disagree
    )
    ncand = len(scope.candidates)
    return CruxReport(
        thesis=thesis, cruxes=tuple(cruxes), pairs=analysed, standings=standings,
        semantics=settings.semantics, kappa=params.kappa, clamp=params.levels,
        damping=settings.damping, tolerance=settings.tolerance,
        converged=stable and all(c.converged for c in cruxes),
        method="exact" if ncand <= params.exact_limit else "gradient-screen+exact",
        candidates=ncand,
        parameters={"thesis_base": THESIS_BASE, "gap_min": params.gap_min,
                    "min_close": params.min_close, "unengaged": params.unengaged, "rely_min": params.rely_min,
                    "max_sweeps": settings.max_sweeps, "damped_sweeps": settings.damped_sweeps,
                    "newton_steps": settings.newton_steps},
        verdicts=verdicts,
    )


def _labeller(labels: Mapping[str, str] | None):
    return lambda key: (labels or {}).get(key, key)
