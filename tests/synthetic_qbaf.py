"""Synthetic argument maps shaped like real ones, for tests and benchmarks.

A forest of reasons under a few theses (each claim supports or attacks an earlier one, so trees
stay shallow like extracted maps), plus cross edges to other earlier claims (a DAG unless
``back_edges`` adds cycles), and authors who take a stance on a share of the claims.
"""

from __future__ import annotations

import numpy as np

from argmap.analysis.qbaf import QBAF


def synthetic_map(
    n: int,
    *,
    seed: int = 0,
    theses: int = 3,
    cross: float = 0.2,
    attack_share: float = 0.35,
    authors: int = 4,
    stance_share: float = 0.3,
    back_edges: int = 0,
) -> tuple[QBAF, list[str], dict[str, dict[str, int]]]:
    """(framework, thesis ids, stances author -> claim -> ±1) for an n-claim map."""
    rng = np.random.default_rng(seed)
    idx = np.arange(theses, n)
    # attach to a recent-ish earlier claim: keeps depth logarithmic, like threads of replies
    parent = (idx * rng.random(len(idx)) ** 0.5).astype(np.int64)
    parent[idx < 2 * theses] = rng.integers(0, theses, int((idx < 2 * theses).sum()))
    k = int(cross * n)
    cs = rng.integers(theses + 1, n, k)
    cd = (cs * rng.random(k)).astype(np.int64)
    up = np.concatenate([np.arange(theses), parent])  # each claim's parent (theses: self)
    bd = rng.integers(theses, n, back_edges)
    bs = up[up[bd]]  # grandparent -> claim closes a 3-cycle through the tree edges
    bs, bd = bs[bs != bd], bd[bs != bd]
    src = np.concatenate([idx, cs, bs])
    dst = np.concatenate([parent, cd, bd])
    names = [f"c{i}" for i in range(n)]
    attack = rng.random(len(src)) < attack_share
    q = QBAF.from_edges(
        names,
        attacks=[(names[s], names[d]) for s, d in zip(src[attack], dst[attack], strict=True)],
        supports=[(names[s], names[d]) for s, d in zip(src[~attack], dst[~attack], strict=True)],
    )
    stances = {}
    for a in range(authors):
        chosen = rng.choice(np.arange(theses, n), int(stance_share * (n - theses)), replace=False)
        signs = rng.choice([-1, 1], len(chosen))
        stances[f"author{a}"] = {names[c]: int(s) for c, s in zip(chosen, signs, strict=True)}
    return q, names[:theses], stances
