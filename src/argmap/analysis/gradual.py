"""Gradual strengths (DF-QuAD, quadratic energy) solved in SCC order, with interventions.

One vectorised propagation routine serves both the plain solve and batches of interventions
``do(c=v)``: the state is a matrix with one row per scenario, and only the (row, node) pairs
downstream of a change are recomputed, level by level of the SCC condensation. Singleton SCCs get
one closed-form update; a cyclic SCC is iterated from its base scores (Jacobi, δ=1) and, if that
has not settled after ``max_sweeps``, restarted with damping δ (explicit Euler on the continuous
model, same fixed points). An SCC the damped sweeps leave unsettled gets an exact stage:
pseudo-transient continuation (implicit Euler on the continuous model with a step that grows
geometrically, i.e. damped Newton on f(s) = s over the SCC's own nodes with the analytic sparse
Jacobian). It is needed where the damped iterate creeps along a direction in which f(s) − s is
tiny but constant (a mutual attack tipped by a supporter of strength 6e-5 moves ~δ·6e-5 per
sweep): a large implicit step crosses such a plateau at once, and where f is linear it lands on
the fixed point exactly. What still does not settle is returned as is, flagged unconverged,
with its nodes and everything downstream listed as unstable — never looped on.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from argmap.analysis.qbaf import QBAF, Compiled, _ranges

SEMANTICS = ("dfquad", "qe")


@dataclass(frozen=True)
class Settings:
    """Solver parameters, recorded with every result so reports can state the method."""

    semantics: str = "dfquad"
    tolerance: float = 1e-12
    max_sweeps: int = 1000
    damping: float | None = 0.1
    damped_sweeps: int = 20000
    newton_steps: int = 200  # exact stage for SCCs the damped sweeps leave unsettled (0: none)

    def __post_init__(self) -> None:
        if self.semantics not in SEMANTICS:
            raise ValueError(f"semantics must be one of {SEMANTICS}, got {self.semantics!r}")


@dataclass(frozen=True)
class Solution:
    """Strengths by argument id, with the convergence verdict."""

    strengths: dict[str, float]
    converged: bool
    unstable: tuple[str, ...]  # on or downstream of a cyclic SCC that did not settle
    damped: tuple[str, ...]  # in a cyclic SCC that only settled after the damped restart (or the exact stage)
    settings: Settings

    def __getitem__(self, argument: str) -> float:
        return self.strengths[argument]


def base_vector(c: Compiled, base: float | Mapping[str, float]) -> np.ndarray:
    """Base scores τ as an array (a scalar applies to all; a mapping overrides 0.5)."""
    tau = np.full(c.n, 0.5 if isinstance(base, Mapping) else float(base))
    if isinstance(base, Mapping):
        for name, value in base.items():
            tau[c.index[name]] = value
    if np.any((tau < 0) | (tau > 1)):
        raise ValueError("base scores must lie in [0, 1]")
    return tau


def solve(
    qbaf: QBAF,
    base: float | Mapping[str, float] = 0.5,
    *,
    clamps: Mapping[str, float] | None = None,
    settings: Settings | None = None,
) -> Solution:
    """Strengths of every argument under ``base`` scores and optional ``do(c=v)`` clamps."""
    settings = settings or Settings()
    c = qbaf.compiled
    tau = base_vector(c, base)
    clamp_nodes = np.array([c.index[k] for k in (clamps or {})], dtype=np.int64)
    clamp_vals = np.array(list((clamps or {}).values()), dtype=float)
    sigma, stable, damped = solve_arrays(c, tau, settings, clamp_nodes, clamp_vals)
    return Solution(
        strengths=dict(zip(c.names, sigma.tolist(), strict=True)),
        converged=bool(stable.all()),
        unstable=tuple(c.names[i] for i in np.flatnonzero(~stable)),
        damped=tuple(c.names[i] for i in damped),
        settings=settings,
    )


def solve_arrays(
    c: Compiled,
    tau: np.ndarray,
    settings: Settings,
    clamp_nodes: np.ndarray | None = None,
    clamp_vals: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Array-level solve: (σ, stable mask per node, nodes settled only by damping)."""
    clamp_nodes = np.zeros(0, np.int64) if clamp_nodes is None else clamp_nodes
    S = tau[None, :].copy()
    S[0, clamp_nodes] = clamp_vals
    prop = _Propagation(c, tau, settings, S, clamped=clamp_nodes)
    prop.run(np.arange(c.n, dtype=np.int64))
    unstable = np.zeros(c.n, dtype=bool)
    unstable[prop.failed_keys] = True
    unstable = _downstream(c, unstable)
    return S[0], ~unstable, np.unique(prop.damped_keys)


def resolve_arrays(
    c: Compiled, tau: np.ndarray, settings: Settings, ref_tau: np.ndarray, ref_sigma: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Solve for ``tau`` starting from a settled solve of ``ref_tau``: (σ, stable mask).

    Only the nodes whose base score differs, and what lies downstream of them, are recomputed,
    so a viewpoint that changes a few base scores costs a corridor, not the whole framework.
    The arithmetic per node is the full solve's, so the result is the same to the bit; the
    reference must have settled everywhere (otherwise call :func:`solve_arrays`).
    """
    S = ref_sigma[None, :].copy()
    prop = _Propagation(c, tau, settings, S, clamped=np.zeros(0, np.int64))
    prop.run(np.flatnonzero(tau != ref_tau))
    unstable = np.zeros(c.n, dtype=bool)
    unstable[prop.failed_keys] = True
    return S[0], ~_downstream(c, unstable)


def clamped_targets(
    c: Compiled,
    tau: np.ndarray,
    sigma: np.ndarray,
    settings: Settings,
    nodes: np.ndarray,
    values: np.ndarray,
    target: int,
    budget: int = 1 << 22,
) -> tuple[np.ndarray, np.ndarray]:
    """σ_target under do(nodes[i]=values[i]) for each i, and whether each scenario settled.

    Scenarios are batched so that a batch's state matrix has at most ``budget`` entries;
    within a batch only the corridor downstream of each clamp is recomputed.
    """
    out = np.empty(len(nodes))
    ok = np.ones(len(nodes), dtype=bool)
    rows = max(1, budget // max(c.n, 1))
    for lo in range(0, len(nodes), rows):
        hi = min(lo + rows, len(nodes))
        S = np.tile(sigma, (hi - lo, 1))
        r = np.arange(hi - lo)
        S[r, nodes[lo:hi]] = values[lo:hi]
        prop = _Propagation(c, tau, settings, S, clamped=r * c.n + nodes[lo:hi])
        prop.run_from_clamps(r, nodes[lo:hi])
        out[lo:hi] = S[:, target]
        if prop.failed_keys.size:
            ok[lo + np.unique(prop.failed_keys // c.n)] = False
    return out, ok


class _Propagation:
    """Recompute dirty (row, node) pairs of a state matrix in condensation-level order."""

    def __init__(
        self,
        c: Compiled,
        tau: np.ndarray,
        settings: Settings,
        S: np.ndarray,
        clamped: np.ndarray,
    ) -> None:
        if not S.flags.c_contiguous:
            raise ValueError("the state matrix must be C-contiguous (its flat view is written)")
        self.c, self.tau, self.settings, self.S = c, tau, settings, S
        # clamped entries as keys row*n+node (plain solve: row 0, so keys are node ids)
        self.clamped = np.unique(np.asarray(clamped, np.int64))
        self.failed_keys = np.zeros(0, np.int64)
        self.damped_keys = np.zeros(0, np.int64)
        order = np.argsort(c.comp, kind="stable")
        self.members = order
        self.member_ptr = np.concatenate([[0], np.cumsum(np.bincount(c.comp))])

    def run(self, nodes: np.ndarray) -> None:
        """Plain solve of row 0: every node is dirty."""
        self._loop(nodes.astype(np.int64))

    def run_from_clamps(self, rows: np.ndarray, nodes: np.ndarray) -> None:
        """Scenario solve: the out-neighbours (and SCC mates) of each clamp are dirty."""
        n = self.c.n
        starts, stops = self.c.out_ptr[nodes], self.c.out_ptr[nodes + 1]
        nbrs = self.c.out_dst[_ranges(starts, stops)]
        keys = np.repeat(rows, stops - starts) * n + nbrs
        mates = self._scc_mates(rows * n + nodes)
        self._loop(np.concatenate([keys, mates]))

    def _loop(self, pool: np.ndarray) -> None:
        """Settle the dirty pairs level by level; a pair's out-neighbours become dirty only if
        its value changed. Dirty pairs wait in one bucket per level, so a level costs what is
        dirty on it: a deep chain is linear, not quadratic in its depth."""
        n, level = self.c.n, self.c.level
        buckets: dict[int, list[np.ndarray]] = {}
        waiting: list[int] = []

        def push(keys: np.ndarray) -> None:
            if not keys.size:
                return
            lv = level[keys % n]
            order = np.argsort(lv, kind="stable")
            found, starts = np.unique(lv[order], return_index=True)
            for L, part in zip(found.tolist(), np.split(keys[order], starts[1:]), strict=True):
                if L not in buckets:
                    buckets[L] = []
                    heapq.heappush(waiting, L)
                buckets[L].append(part)

        push(pool)
        while waiting:
            L = heapq.heappop(waiting)
            now = np.unique(np.concatenate(buckets.pop(L)))
            now = now[~np.isin(now, self.clamped)]
            if not now.size:
                continue
            now = self._settle(now)
            nodes = now % n
            starts, stops = self.c.out_ptr[nodes], self.c.out_ptr[nodes + 1]
            nbrs = self.c.out_dst[_ranges(starts, stops)]
            keys = np.repeat(now - nodes, stops - starts) + nbrs
            push(keys[level[nbrs] > L])

    def _settle(self, keys: np.ndarray) -> np.ndarray:
        """Update one level's pairs: closed form for acyclic nodes, iteration for SCCs. Returns
        the pairs whose change goes on downstream: an acyclic pair only if its value changed
        (the same inputs give the same bits, so where a change has died out nothing below it
        can move), every pair of an iterated SCC."""
        n = self.c.n
        cyc = self.c.cyclic[keys % n]
        flat = keys[~cyc]
        if flat.size:
            rows, nodes = flat // n, flat % n
            before = self.S[rows, nodes]
            after = update(self.c, self.tau, self.S, rows, nodes, self.settings.semantics)
            self.S[rows, nodes] = after
            flat = flat[after != before]
        if cyc.any():
            mates = self._scc_mates(keys[cyc])
            self._iterate_sccs(mates)
            return np.concatenate([flat, mates])
        return flat

    def _scc_mates(self, keys: np.ndarray) -> np.ndarray:
        """All (row, node) pairs of the cyclic SCCs touched by ``keys``, minus clamps."""
        n = self.c.n
        keys = keys[self.c.cyclic[keys % n]]
        if not keys.size:
            return keys
        comps = self.c.comp[keys % n]
        groups = np.unique((keys // n) * n + comps)  # (row, comp) pairs
        grows, gcomps = groups // n, groups % n
        starts, stops = self.member_ptr[gcomps], self.member_ptr[gcomps + 1]
        mates = np.repeat(grows * n, stops - starts) + self.members[_ranges(starts, stops)]
        return mates[~np.isin(mates, self.clamped)]

    def _iterate_sccs(self, keys: np.ndarray) -> None:
        """Jacobi from τ; unsettled SCCs restart damped, then get the exact stage; the rest fail."""
        n, s = self.c.n, self.settings
        rows, nodes = keys // n, keys % n
        group = rows * n + self.c.comp[nodes]
        left = self._sweeps(rows, nodes, group, 1.0, s.max_sweeps)
        first = left.copy()
        if left.any() and s.damping is not None and s.damped_sweeps > 0:
            left_sub = self._sweeps(rows[left], nodes[left], group[left], s.damping,
                                    s.damped_sweeps)
            left[np.flatnonzero(left)[~left_sub]] = False
        if left.any() and s.newton_steps > 0:
            left_sub = self._exact(rows[left], nodes[left], group[left])
            left[np.flatnonzero(left)[~left_sub]] = False
        self.damped_keys = np.concatenate([self.damped_keys, keys[first & ~left]])
        if left.any():
            self.failed_keys = np.concatenate([self.failed_keys, keys[left]])

    def _exact(self, rows: np.ndarray, nodes: np.ndarray, group: np.ndarray) -> np.ndarray:
        """The exact stage for each unsettled SCC (and scenario row); the mask still unsettled.

        Each SCC is solved on its own, so a solve does not depend on what else is dirty: a
        viewpoint solved as a change gives the full solve's bits.
        """
        left = np.zeros(len(rows), dtype=bool)
        for g in np.unique(group):
            at = np.flatnonzero(group == g)
            left[at] = not self._continuation(rows[at], nodes[at])
        return left

    def _continuation(self, rows: np.ndarray, nodes: np.ndarray) -> bool:
        """Pseudo-transient continuation on one SCC, from the damped iterate; True if settled.

        Step (I/h − J_F)·d = F with F = f(x) − x and J_F its sparse Jacobian, clip x + d to
        [0, 1], and let h grow (×2 at least, by the residual ratio, at most ×1000 a step) while
        the residual does not blow up (> 10×: h shrinks and the step is retried). Large h is
        Newton's method; small h follows the continuous model, whose fixed points are f's.
        """
        from scipy.sparse import csr_matrix, identity
        from scipy.sparse.linalg import spsolve

        S, tol, flat = self.S, self.settings.tolerance, self.S.ravel()
        semantics = self.settings.semantics
        keys = rows * S.shape[1] + nodes
        plan = _Gather(self.c, self.tau, S, rows, nodes, sweep=True)
        # in-SCC edge e runs x[cols[e]] → x[owner[e]]; edges from clamped SCC mates are inputs
        # (not unknowns) and get no column
        order = np.argsort(keys)
        pos = np.minimum(np.searchsorted(keys[order], plan.flat), len(keys) - 1)
        inside = keys[order][pos] == plan.flat
        cols, owner = order[pos[inside]], plan.owner[inside]
        eye = identity(len(keys), format="csr")

        def residual(x: np.ndarray) -> np.ndarray:
            flat[keys] = x
            return plan.update(S, semantics) - x

        x = flat[keys].copy()
        F, h = residual(x), 1.0
        for _ in range(self.settings.newton_steps):
            norm = np.abs(F).max()
            if norm <= tol:
                flat[keys] = x + F
                return True
            J = csr_matrix((plan.partials(S, semantics)[inside], (owner, cols)), shape=eye.shape)
            d = spsolve(((1.0 / h + 1.0) * eye - J).tocsc(), F)
            trial = np.clip(x + d, 0.0, 1.0)
            F_trial = residual(trial)
            grown = np.abs(F_trial).max()
            if grown > 10 * norm:
                h /= 10.0
                flat[keys] = x
                continue
            x, F = trial, F_trial
            h = min(h * min(max(norm / max(grown, 1e-300), 2.0), 1e3), 1e15)
        flat[keys] = x
        return False

    def _sweeps(
        self, rows: np.ndarray, nodes: np.ndarray, group: np.ndarray, step: float, limit: int
    ) -> np.ndarray:
        """Iterate s ← s + step·(f(s) − s) from τ; returns the mask of unsettled pairs.

        The gather plan covers a superset of the unsettled pairs and is rebuilt only when fewer
        than half of its pairs are left: settled SCCs are still evaluated but never written, and
        SCCs of one level share no edges, so every pair gets exactly the arithmetic it would
        get alone (gathering afresh each time an SCC settled cost more than the sweeps).
        """
        S, tol = self.S, self.settings.tolerance
        S[rows, nodes] = self.tau[nodes]
        active = np.ones(len(rows), dtype=bool)
        _, ginv = np.unique(group, return_inverse=True)
        members = np.zeros(0, np.int64)
        for _ in range(limit):
            if 2 * active.sum() < len(members) or not len(members):
                members = np.flatnonzero(active)
                at = rows[members] * S.shape[1] + nodes[members]
                plan = _Gather(self.c, self.tau, S, rows[members], nodes[members], sweep=True)
            live = active[members]
            cur = S.ravel().take(at)
            resid = plan.update(S, self.settings.semantics) - cur
            S.ravel()[at[live]] = cur[live] + step * resid[live]
            worst = np.zeros(ginv.max() + 1)
            np.maximum.at(worst, ginv[members[live]], np.abs(resid[live]))
            settled = worst[ginv] <= tol
            if settled[active].all():
                return np.zeros(len(rows), dtype=bool)
            active &= ~settled
        return active

def update(
    c: Compiled, tau: np.ndarray, S: np.ndarray, rows: np.ndarray, nodes: np.ndarray,
    semantics: str,
) -> np.ndarray:
    """f(S)[rows, nodes]: the semantics' update of each pair from its in-edges."""
    return _Gather(c, tau, S, rows, nodes).update(S, semantics)


class _Gather:
    """Where the in-edge values of (row, node) pairs sit in S, worked out once.

    A cyclic SCC is swept many times over the same pairs; only the values change, and only
    those of edges from inside the SCC (``sweep=True``): a general claim in a rebuttal cycle
    has hundreds of reasons from outside it and a handful from its rivals. The outside
    edges are settled upstream, so their product (DF-QuAD) or sum (QE) is taken once here.
    """

    def __init__(self, c: Compiled, tau: np.ndarray, S: np.ndarray, rows: np.ndarray,
                 nodes: np.ndarray, sweep: bool = False) -> None:
        starts, stops = c.in_ptr[nodes], c.in_ptr[nodes + 1]
        deg = stops - starts
        edges = _ranges(starts, stops)
        owner = np.repeat(np.arange(len(nodes)), deg)
        flat = np.repeat(rows, deg) * S.shape[1] + c.in_src[edges]  # into S.ravel()
        sign = c.in_sign[edges].astype(float)
        self.t, self.m = tau[nodes], len(nodes)
        # what stays fixed during the sweeps: x·1.0 and x + 0.0 are exact, so without a
        # split (singletons) the arithmetic is the plain per-node update's
        self.fixed_energy = np.zeros(self.m)
        self.fixed_att, self.fixed_sup = np.ones(self.m), np.ones(self.m)
        if sweep:
            outside = c.comp[c.in_src[edges]] != c.comp[nodes][owner]
            if outside.any():
                o_owner, o_sign = owner[outside], sign[outside]
                vals = S.ravel().take(flat[outside])
                self.fixed_energy = np.bincount(o_owner, weights=o_sign * vals, minlength=self.m)
                comp = 1.0 - vals
                self.fixed_att = _owner_prod(np.where(o_sign < 0, comp, 1.0), o_owner, self.m)
                self.fixed_sup = _owner_prod(np.where(o_sign > 0, comp, 1.0), o_owner, self.m)
                keep = ~outside
                owner, flat, sign = owner[keep], flat[keep], sign[keep]
        self.owner, self.flat, self.sign = owner, flat, sign
        self.deg = np.bincount(owner, minlength=self.m)
        self.attack, self.support = sign < 0, sign > 0

    def partials(self, S: np.ndarray, semantics: str) -> np.ndarray:
        """∂f(owner)/∂σ(source) for each gathered edge (one-sided at Δ=0: the support branch)."""
        vals = S.ravel().take(self.flat)
        t = self.t[self.owner]
        if semantics == "qe":
            energy = (self.fixed_energy + np.bincount(self.owner, weights=self.sign * vals,
                                                      minlength=self.m))[self.owner]
            dh = 2 * np.abs(energy) / (1 + energy**2) ** 2
            return np.where(energy > 0, (1 - t) * dh, t * dh) * self.sign
        comp = 1.0 - vals
        att, sup = np.where(self.attack, comp, 1.0), np.where(self.support, comp, 1.0)
        p_att = (self.fixed_att * _group_prod(att, self.deg))[self.owner]
        p_sup = (self.fixed_sup * _group_prod(sup, self.deg))[self.owner]
        excl_att = self.fixed_att[self.owner] * _exclusive_products(att, self.owner, self.m)
        excl_sup = self.fixed_sup[self.owner] * _exclusive_products(sup, self.owner, self.m)
        slope = np.where(p_att - p_sup >= 0, 1 - t, t)
        return slope * np.where(self.attack, -excl_att, excl_sup)

    def update(self, S: np.ndarray, semantics: str) -> np.ndarray:
        vals = S.ravel().take(self.flat)  # S is C-contiguous: a view, not a copy
        t = self.t
        if semantics == "qe":
            energy = self.fixed_energy + np.bincount(self.owner, weights=self.sign * vals,
                                                     minlength=self.m)
            return t + (1 - t) * _h(energy) - t * _h(-energy)
        comp = 1.0 - vals
        p_att = self.fixed_att * _group_prod(np.where(self.attack, comp, 1.0), self.deg)
        p_sup = self.fixed_sup * _group_prod(np.where(self.support, comp, 1.0), self.deg)
        delta = (1.0 - p_sup) - (1.0 - p_att)
        return np.where(delta >= 0, t + delta * (1 - t), t + delta * t)


def _h(x: np.ndarray) -> np.ndarray:
    p = np.maximum(x, 0.0)
    return p * p / (1.0 + p * p)


def _owner_prod(values: np.ndarray, owner: np.ndarray, groups: int) -> np.ndarray:
    """Product of ``values`` per sorted ``owner`` id (1 for owners without values)."""
    return _group_prod(values, np.bincount(owner, minlength=groups))


def _group_prod(values: np.ndarray, deg: np.ndarray) -> np.ndarray:
    """Product of consecutive groups of sizes ``deg`` (1 for empty groups)."""
    out = np.ones(len(deg))
    nonempty = deg > 0
    if values.size:
        starts = np.concatenate([[0], np.cumsum(deg)[:-1]])
        out[nonempty] = np.multiply.reduceat(values, starts[nonempty])
    return out


def _downstream(c: Compiled, marked: np.ndarray) -> np.ndarray:
    """Close a node mask under successors (unstable values flow downstream)."""
    if not marked.any():
        return marked
    frontier = np.flatnonzero(marked)
    while frontier.size:
        nbrs = c.out_dst[_ranges(c.out_ptr[frontier], c.out_ptr[frontier + 1])]
        new = np.unique(nbrs[~marked[nbrs]])
        marked[new] = True
        frontier = new
    return marked


def gradient(
    c: Compiled, tau: np.ndarray, sigma: np.ndarray, target: int, semantics: str,
    cycle_sweeps: int = 200,
) -> np.ndarray:
    """dσ_target/dv of do(b=v) at v=σ_b for every b: one reverse-mode (adjoint) pass.

    Exact on acyclic parts (one-sided at Δ=0, taking the support branch); inside cyclic
    SCCs the adjoint is iterated a bounded number of times, which is enough for a screen.
    """
    lam = np.zeros(c.n)
    lam[target] = 1.0
    by_level = np.argsort(-c.level, kind="stable")
    bounds = np.flatnonzero(np.diff(c.level[by_level])) + 1
    for nodes in np.split(by_level, bounds):
        level = c.level[nodes[0]]
        if level > c.level[target] or not lam[nodes].any():
            continue
        src, local = _local_partials(c, tau, sigma, nodes, semantics)
        dst = np.repeat(nodes, np.diff(c.in_ptr)[nodes])
        same = c.level[src] == level  # edges inside a cyclic SCC of this level
        if same.any():
            inflow = lam[nodes].copy()
            for _ in range(cycle_sweeps):
                back = np.bincount(src[same], lam[dst[same]] * local[same], minlength=c.n)
                new = inflow + back[nodes]
                done = np.max(np.abs(new - lam[nodes])) < 1e-12
                lam[nodes] = new
                if done:
                    break
        np.add.at(lam, src[~same], lam[dst[~same]] * local[~same])
    return lam


def _local_partials(
    c: Compiled, tau: np.ndarray, sigma: np.ndarray, nodes: np.ndarray, semantics: str
) -> tuple[np.ndarray, np.ndarray]:
    """For each in-edge b→a of ``nodes``: (b, ∂f_a/∂σ_b) at the current strengths."""
    starts, stops = c.in_ptr[nodes], c.in_ptr[nodes + 1]
    deg = stops - starts
    edges = _ranges(starts, stops)
    src, sign = c.in_src[edges], c.in_sign[edges]
    owner = np.repeat(np.arange(len(nodes)), deg)
    t = tau[nodes][owner]
    vals = sigma[src]
    if semantics == "qe":
        energy = np.bincount(owner, weights=sign * vals, minlength=len(nodes))[owner]
        dh = 2 * np.abs(energy) / (1 + energy**2) ** 2
        slope = np.where(energy > 0, (1 - t) * dh, t * dh)
        return src, slope * sign
    comp = 1.0 - vals
    excl_att = _exclusive_products(np.where(sign < 0, comp, 1.0), owner, len(nodes))
    excl_sup = _exclusive_products(np.where(sign > 0, comp, 1.0), owner, len(nodes))
    p_att = _group_prod(np.where(sign < 0, comp, 1.0), deg)[owner]
    p_sup = _group_prod(np.where(sign > 0, comp, 1.0), deg)[owner]
    slope = np.where(p_att - p_sup >= 0, 1 - t, t)
    return src, slope * np.where(sign < 0, -excl_att, excl_sup)


def _exclusive_products(f: np.ndarray, owner: np.ndarray, groups: int) -> np.ndarray:
    """Π_{k≠e} f_k within each edge's group, safe when some factors are exactly 0."""
    zero = f == 0.0
    zeros = np.bincount(owner, weights=zero, minlength=groups)[owner]
    logs = np.log(np.where(zero, 1.0, f))
    nonzero_prod = np.exp(np.bincount(owner, weights=logs, minlength=groups))[owner]
    safe = np.where(zero, 1.0, f)
    return np.where(zero, np.where(zeros == 1, nonzero_prod, 0.0),
                    np.where(zeros == 0, nonzero_prod / safe, 0.0))
