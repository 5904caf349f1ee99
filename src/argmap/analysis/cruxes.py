"""Crux ranking and double cruxes over a QBAF, following docs/crux-method.md §a.3–§a.8.

A claim's *swing* on a thesis is σ_t[do(c=hi)] − σ_t[do(c=lo)]; the *community crux* score is
|swing| in the pooled viewpoint × contestedness 4p(1−p); a *double crux* for authors A and B is
the smaller of the two gap closures, over claims on which they take opposite stances.

Departures from the proposal, and why:
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

from argmap.analysis.gradual import Settings, clamped_targets, gradient, resolve_arrays, solve_arrays
from argmap.analysis.qbaf import QBAF, Compiled

Stances = Mapping[str, Mapping[str, int]]  # author -> claim id -> +1 asserts / -1 rejects

KAPPA = 0.8
THESIS_BASE = 0.5
GAP_MIN = 0.05
MIN_CLOSE = 0.05


@dataclass(frozen=True)
class Params:
    """How cruxes are computed, in one object; the defaults are the product's (``argmap build``).

    ``kappa``: an author's stance sets a claim's base score to 0.5 ± κ/2. ``clamp``: a claim is
    settled at 0.5 ± clamp/2 (None: κ). Beyond ``exact_limit`` candidate claims, exact swings
    are computed only for the gradient screen's ``screen_top``. ``shrink``: contestedness is
    shrunk by n/(n+1) for few voters. ``gap_min``: authors closer than this on a thesis do not
    disagree. ``min_close``: the least gap closure that makes a double crux. ``solver``:
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


# --- viewpoints -----------------------------------------------------------------------------


def author_base(stances: Mapping[str, int], thesis: str, kappa: float = KAPPA) -> dict[str, float]:
    """τ = 0.5 + (κ/2)·s for an author's stances; the thesis stays at 0.5."""
    base = {c: 0.5 + kappa / 2 * s for c, s in stances.items() if s}
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


def _tau(sub: Compiled, base: Mapping[str, float]) -> np.ndarray:
    """Base scores as a vector: 0.5 except where ``base`` (usually a few stances) says otherwise."""
    tau = np.full(sub.n, 0.5)
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


def _clamp_both(
    scope: _Scope, tau: np.ndarray, nodes: np.ndarray, levels: tuple[float, float],
    settings: Settings,
) -> _Clamped:
    sigma, stable, _ = solve_arrays(scope.sub, tau, settings)
    return _clamp_solved(scope, tau, sigma, bool(stable[scope.thesis]), nodes, levels, settings)


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
) -> list[Crux]:
    """Claims ranked by community crux score |swing_pooled| × contest (ties by |swing|)."""
    views = views or _Viewpoints(_scope(qbaf, thesis), params.settings)
    scope = views.scope
    votes = _votes(stances)
    tau = views.tau(_pooled(votes, thesis, params.kappa))
    levels = params.levels
    names = scope.sub.names
    splits = [votes.get(names[i], (0, 0)) for i in scope.candidates]
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
    text = _labeller(labels)
    out = []
    for rank, i in enumerate(order, 1):
        claim = names[cands[i]]
        nf, na = splits[keep[i]]
        out.append(Crux(
            rank=rank, claim=claim, thesis=thesis, score=float(score[i]),
            swing=float(swing[i]), contest=float(contests[keep[i]]), emove=float(emove[i]),
            explanation=crux_sentence(text(claim), text(thesis), float(r.t_hi[i]),
                                      float(r.t_lo[i]), nf, na, rank),
            converged=bool(r.stable and r.ok[i]), sigma_hi=float(r.t_hi[i]),
            sigma_lo=float(r.t_lo[i]), n_for=nf, n_against=na,
        ))
    return out


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
) -> dict[str, float]:
    """Exact swing of every ancestor claim (or of ``claims``) on the thesis in one viewpoint."""
    settings = settings or Settings()
    scope = _scope(qbaf, thesis)
    tau = (np.full(scope.sub.n, float(base)) if not isinstance(base, Mapping)
           else _tau(scope.sub, base))
    names = scope.sub.names
    cands = scope.candidates
    if claims is not None:
        wanted = set(claims)
        cands = np.array([c for c in cands if names[c] in wanted], dtype=np.int64)
    r = _clamp_both(scope, tau, cands, _levels(clamp), settings)
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
    qbaf: QBAF, thesis: str, base: Mapping[str, float], settings: Settings | None = None
) -> tuple[float, bool]:
    """σ(t) in one viewpoint and whether it settled."""
    scope = _scope(qbaf, thesis)
    sigma, stable, _ = solve_arrays(scope.sub, _tau(scope.sub, base), settings or Settings())
    return float(sigma[scope.thesis]), bool(stable[scope.thesis])


class _Viewpoints:
    """Solves of one thesis's scope, shared by every viewpoint with the same base scores.

    On a large map most authors hold no stance inside a given thesis's scope, so their
    viewpoints are the same τ: a report solves each distinct τ once.
    """

    def __init__(self, scope: _Scope, settings: Settings) -> None:
        self.scope, self.settings = scope, settings
        self._solved: dict[bytes, tuple[np.ndarray, bool]] = {}
        # every viewpoint is solved as a change from the neutral one, if that one settled
        self._ref_tau = self.tau({})
        sigma, stable, _ = solve_arrays(scope.sub, self._ref_tau, settings)
        self._ref_sigma = sigma if stable.all() else None
        self._solved[self._ref_tau.tobytes()] = (sigma, bool(stable[scope.thesis]))

    def tau(self, base: Mapping[str, float]) -> np.ndarray:
        return _tau(self.scope.sub, base)

    def solve(self, tau: np.ndarray) -> tuple[np.ndarray, bool]:
        key = tau.tobytes()
        if key not in self._solved:
            sub, t = self.scope.sub, self.scope.thesis
            if self._ref_sigma is None:
                sigma, stable, _ = solve_arrays(sub, tau, self.settings)
            else:
                sigma, stable = resolve_arrays(sub, tau, self.settings, self._ref_tau, self._ref_sigma)
            self._solved[key] = (sigma, bool(stable[t]))
        return self._solved[key]

    def clamp_both(self, tau: np.ndarray, nodes: np.ndarray, levels: tuple[float, float]) -> _Clamped:
        sigma, stable = self.solve(tau)
        return _clamp_solved(self.scope, tau, sigma, stable, nodes, levels, self.settings)


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
    views = views or _Viewpoints(_scope(qbaf, thesis), params.settings)
    scope = views.scope
    kappa = params.kappa
    sa, sb = stances.get(a, {}), stances.get(b, {})
    ids = scope.sub.names
    index = scope.sub.index
    opposed = np.array(sorted(index[c] for c in sa.keys() & sb.keys()
                              if sa[c] * sb[c] == -1 and c in index and index[c] != scope.thesis),
                       dtype=np.int64)
    levels = params.levels
    ra = views.clamp_both(views.tau(author_base(sa, thesis, kappa)), opposed, levels)
    rb = views.clamp_both(views.tau(author_base(sb, thesis, kappa)), opposed, levels)
    t = scope.thesis
    gap = float(ra.sigma[t] - rb.sigma[t])
    if abs(gap) < params.gap_min:
        return PairAnalysis(thesis, a, b, float(ra.sigma[t]), float(rb.sigma[t]), False, (), ())
    close_lo = 1 - np.abs(ra.t_lo - rb.t_lo) / abs(gap)
    close_hi = 1 - np.abs(ra.t_hi - rb.t_hi) / abs(gap)
    a_true = np.array([sa[ids[i]] > 0 for i in opposed], dtype=bool)
    close_a = np.where(a_true, close_hi, close_lo)  # resolves as A holds: B moves
    close_b = np.where(a_true, close_lo, close_hi)  # resolves as B holds: A moves
    dc = np.minimum(close_lo, close_hi)
    p_hat = (ra.sigma[opposed] + rb.sigma[opposed]) / 2
    e_close = p_hat * close_hi + (1 - p_hat) * close_lo
    text, who = _labeller(labels), _labeller(names)
    ctx = _PairContext(scope, thesis, a, b, gap, text, who)
    doubles, nons = [], []
    for i in np.lexsort((-e_close, -dc)):
        claim = ids[opposed[i]]
        if dc[i] >= params.min_close:
            doubles.append(DoubleCrux(
                rank=len(doubles) + 1, claim=claim, thesis=thesis, author_a=a, author_b=b,
                score=float(dc[i]), gap=gap, close_a_side=float(close_a[i]),
                close_b_side=float(close_b[i]), e_close=float(e_close[i]),
                explanation=ctx.double_sentence(claim, bool(a_true[i]), close_a[i], close_b[i]),
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
                explanation=ctx.non_sentence(claim, unmoved, others, against, for_thesis),
            ))
    return PairAnalysis(thesis, a, b, float(ra.sigma[t]), float(rb.sigma[t]), True,
                        tuple(doubles), tuple(nons))


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
) -> CruxReport:
    """Crux ranking, standings per viewpoint and every disagreeing author pair for a thesis.

    ``pairs`` limits the pair analysis (default: every pair of authors with stances), e.g. to
    authors who declare opposite stances on the thesis; ``viewpoints`` limits the authors whose
    standing is computed (default: all).
    """
    settings = params.settings
    kappa = params.kappa
    solved = _Viewpoints(_scope(qbaf, thesis), settings)
    scope = solved.scope
    cruxes = rank_cruxes(qbaf, thesis, stances, labels, params, top=top, views=solved)
    bases = {"neutral": {thesis: THESIS_BASE}, "pooled": pooled_base(stances, thesis, kappa)}
    bases.update({a: author_base(s, thesis, kappa) for a, s in stances.items()
                  if viewpoints is None or a in viewpoints})
    standings, stable = {}, True
    for view, base in bases.items():
        sigma, ok = solved.solve(solved.tau(base))
        standings[view] = float(sigma[scope.thesis])
        stable &= ok
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
        semantics=settings.semantics, kappa=kappa, clamp=params.levels,
        damping=settings.damping, tolerance=settings.tolerance,
        converged=stable and all(c.converged for c in cruxes),
        method="exact" if ncand <= params.exact_limit else "gradient-screen+exact",
        candidates=ncand,
        parameters={"thesis_base": THESIS_BASE, "gap_min": params.gap_min, "min_close": params.min_close,
                    "max_sweeps": settings.max_sweeps, "damped_sweeps": settings.damped_sweeps},
    )


# --- sentences -------------------------------------------------------------------------------


def _labeller(labels: Mapping[str, str] | None):
    return lambda key: (labels or {}).get(key, key)


def crux_sentence(c: str, t: str, hi: float, lo: float, n_for: int, n_against: int,
                  rank: int) -> str:
    """The §a.7 crux template (each text named once), with a variant for uncontested claims."""
    head = f"If ‘{c}’ were settled true, ‘{t}’ would score {hi:.2f}; if false, {lo:.2f}."
    swing = abs(hi - lo)
    if n_for and n_against:
        which = "the most contested pivot" if rank == 1 else f"contested pivot no. {rank}"
        return (f"{head} That {swing:.2f}-point swing, with authors split {n_for}–{n_against} "
                f"on the claim, makes it {which} for this thesis.")
    held = ("no author takes a stance on it" if not (n_for or n_against)
            else f"the authors who take a stance agree ({n_for}–{n_against})")
    return f"{head} That is a {swing:.2f}-point swing, but {held}, so it is not contested."


@dataclass(frozen=True)
class _PairContext:
    scope: _Scope
    thesis: str
    a: str
    b: str
    gap: float
    text: object
    who: object

    def double_sentence(self, claim: str, a_true: bool, close_a: float, close_b: float) -> str:
        c, t, A, B = self.text(claim), self.text(self.thesis), self.who(self.a), self.who(self.b)
        a_side, b_side = ("true", "false") if a_true else ("false", "true")
        return (f"{A} and {B} are {abs(self.gap):.2f} apart on ‘{t}’. If ‘{c}’ turns out "
                f"{a_side}, {B}'s own reasons would close {close_a:.0%} of the gap; if it turns "
                f"out {b_side}, {A}'s would close {close_b:.0%}. Either way they converge, so "
                f"it is their double crux.")

    def non_sentence(self, claim: str, unmoved: str, others: tuple[str, ...], against: float,
                     for_thesis: bool) -> str:
        c, t, A, B = self.text(claim), self.text(self.thesis), self.who(self.a), self.who(self.b)
        X = self.who(unmoved)
        if others:
            listed = ", ".join(f"‘{self.text(o)}’" for o in others[:3])
            if len(others) > 3:
                listed += f", and {len(others) - 3} more"
            kind = "support for" if for_thesis else "reasons against"
            return (f"{A} and {B} disagree on ‘{c}’, but {X} has other independent {kind} "
                    f"‘{t}’ ({listed}), so settling ‘{c}’ would not move {X}.")
        return (f"{A} and {B} disagree on ‘{c}’, but settling it against {X} would close at "
                f"most {max(against, 0.0):.0%} of their gap on ‘{t}’, so it is not a double crux.")
