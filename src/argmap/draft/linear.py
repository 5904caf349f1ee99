"""Small learnt scorers: logistic regression weights plus a calibration table, read from JSON.

The weights are fitted by ``benchmarks/loso_sources.py --write`` on the hand-made claims and
relations of ``sources/`` (data the project owns; deterministic, seed fixed) and shipped in
``argmap/draft/weights/``. Scoring needs no scikit-learn: a dot product, a sigmoid, and a
monotone piecewise-linear map from the raw score to the share of items that were right at
that score on held-out sources (isotonic calibration), so a confidence of 0.7 means about
seven in ten items at that confidence were right on texts the model had not seen.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

Features = Mapping[str, float]


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression over named features, with an optional calibration table."""

    weights: Mapping[str, float]
    intercept: float
    calibration: tuple[tuple[float, ...], tuple[float, ...]] = ((), ())  # raw p -> calibrated p
    info: Mapping[str, Any] | None = None

    def raw(self, feats: Features) -> float:
        """The uncalibrated probability."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def calibrated(self, p: float) -> float:
        """``p`` mapped through the calibration table (linear between its points, and from its
        ends to (0, 0) and (1, 1), so that the order of scores is kept everywhere: a text whose
        units all score below the table's first point is still ranked)."""
        xs, ys = self.calibration
        if not xs:
            return p
        if p <= xs[0]:
            return ys[0] * p / xs[0] if xs[0] > 0 else ys[0]
        if p >= xs[-1]:
            return ys[-1] + (1 - ys[-1]) * (p - xs[-1]) / (1 - xs[-1]) if xs[-1] < 1 else ys[-1]
        i = bisect.bisect_right(xs, p)
        x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (p - x0) / (x1 - x0)

    def __call__(self, feats: Features) -> float:
        return self.calibrated(self.raw(feats))

    def strongest(self, feats: Features, n: int = 3) -> list[str]:
        """The features that pushed the score most (either way), for the evidence list."""
        contrib = sorted(((self.weights.get(k, 0.0) * v, k) for k, v in feats.items()),
                         key=lambda c: -abs(c[0]))
        return [f"{k} {'+' if c > 0 else '−'}{abs(c):.1f}" for c, k in contrib[:n] if abs(c) >= 0.05]

    def to_json(self) -> dict[str, Any]:
        return {
            "intercept": round(self.intercept, 4),
            "weights": {k: round(v, 4) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-4},
            "calibration": [[round(x, 4) for x in self.calibration[0]],
                            [round(y, 4) for y in self.calibration[1]]],
            "info": dict(self.info or {}),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LinearModel:
        xs, ys = data.get("calibration") or ([], [])
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["intercept"]),
                   (tuple(float(x) for x in xs), tuple(float(y) for y in ys)), data.get("info"))


def isotonic_table(raw: Sequence[float], right: Sequence[bool], bins: int = 12
                   ) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """A monotone raw -> calibrated table (pool-adjacent-violators over equal-count bins)."""
    pairs = sorted(zip(raw, right, strict=True))
    if not pairs:
        return (), ()
    size = max(1, len(pairs) // bins)
    blocks = [pairs[i : i + size] for i in range(0, len(pairs), size)]
    stats = [[sum(p for p, _ in b) / len(b), sum(r for _, r in b), len(b)] for b in blocks]
    merged: list[list[float]] = []
    for s in stats:  # pool adjacent violators on the hit rate
        merged.append(list(s))
        while len(merged) > 1 and merged[-2][1] / merged[-2][2] > merged[-1][1] / merged[-1][2]:
            b = merged.pop()
            a = merged.pop()
            n = a[2] + b[2]
            merged.append([(a[0] * a[2] + b[0] * b[2]) / n, a[1] + b[1], n])
    # Laplace-smoothed rates, so a small bin never claims 0 or 1; smoothing bins of unequal
    # size can dent the order by a hair, so keep it monotone
    rates = list(itertools.accumulate(((m[1] + 0.5) / (m[2] + 1) for m in merged), max))
    return tuple(m[0] for m in merged), tuple(rates)


def _weights_json(name: str) -> dict[str, Any] | None:
    path = resources.files("argmap.draft").joinpath("weights", f"{name}.json")
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def shipped(name: str) -> LinearModel | None:
    """A model shipped in ``argmap/draft/weights/<name>.json`` (None if absent)."""
    data = _weights_json(name)
    return LinearModel.from_json(data) if data is not None else None

