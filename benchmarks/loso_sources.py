"""Leave-one-source-out evaluation of drafting on ``sources/``, and the training of its weights.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/loso_sources.py [--write] [--sources DIR]``

Each source is drafted as if it were new: its own claims are hidden, the map the drafter may
use as context holds only the other sources' claims and the theses, and every learnt part
(claim-worthiness, relation scoring, their calibration tables) is fitted on the other
sources only, so no number here comes from a text the model trained on. Calibration is
nested: the table used on source *h* comes from inner leave-one-out predictions on the
other sources.

Per source it prints: units drafted, the share lying inside a hand-made claim (≥ 50% of the
unit's characters within a claim's quote), the share of hand-made claims recovered (some
drafted unit lies inside the claim or covers ≥ 50% of it), the share of units kept by
``accept --min-confidence 0.6`` that are inside a claim, relations recovered, and the
reliability of the confidences (expected calibration error over ten bins).

``--write`` refits on all sources and writes ``src/argmap/draft/weights/*.json`` (the
calibration table from the leave-one-source-out predictions). Training is deterministic
(liblinear-free lbfgs, fixed order): rerunning it on the same sources rewrites the same bytes.
Rerun it after the hand-made map changes (new claims, relations or provenance).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from argmap.draft.drafter import DRAFT_FLOOR, Candidate, analyse, select  # noqa: E402
from argmap.draft.linear import LinearModel, isotonic_table  # noqa: E402
from argmap.draft.nlp import load_nlp  # noqa: E402
from argmap.draft.worthiness import MapContext  # noqa: E402
from argmap.model import ArgMap  # noqa: E402
from argmap.sources.loader import load_map  # noqa: E402

WEIGHTS = ROOT / "src" / "argmap" / "draft" / "weights"
C_CLAIM = 0.05  # inverse regularisation strength of the claim-worthiness regression
ACCEPT_AT = 0.6


# ----------------------------------------------------------------------------- data


@dataclass
class SourceData:
    """One source drafted as new: its candidates and the hand-made claim spans."""

    id: str
    text: str
    claims: list[tuple[int, int]]
    candidates: list[Candidate]
    labels: list[bool] = field(default_factory=list)  # per candidate: inside a hand-made claim
    relations: set[tuple[int, int, str]] = field(default_factory=set)  # hand-made, between claim spans


def inside(a: int, b: int, spans: Sequence[tuple[int, int]]) -> int | None:
    """Index of the claim span holding ≥ 50% of [a, b)'s characters, else None."""
    for j, (x, y) in enumerate(spans):
        if min(b, y) - max(a, x) >= 0.5 * (b - a):
            return j
    return None


def recovered(units: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]]) -> set[int]:
    """Claims that some unit lies inside or covers at least half of."""
    out = set()
    for j, (x, y) in enumerate(spans):
        for a, b in units:
            overlap = min(b, y) - max(a, x)
            if overlap > 0 and (overlap >= 0.5 * (b - a) or overlap >= 0.5 * (y - x)):
                out.add(j)
                break
    return out


def context_for(m: ArgMap, held: str) -> MapContext | None:
    """The map as a new source sees it: other sources' claims and the theses."""
    from argmap.draft.nlp import load_nlp

    texts = [f"{c.gist} {c.anchor.exact}" for c in m.claims if c.source != held]
    texts += [t.text for t in m.theses]
    return MapContext.build(texts, frozenset(load_nlp().Defaults.stop_words))


def gather(m: ArgMap) -> list[SourceData]:
    nlp = load_nlp()
    out = []
    for s in m.sources:
        spans = sorted((c.anchor.start, c.anchor.end) for c in m.claims if c.source == s.id)
        cands = analyse(s.text, nlp, context=context_for(m, s.id))
        data = SourceData(s.id, s.text, spans, cands)
        where = {c.id: spans.index((c.anchor.start, c.anchor.end)) for c in m.claims if c.source == s.id}
        data.relations = {(where[r.source], where[r.target], r.type) for r in m.relations
                          if r.source in where and r.target in where}
        data.labels = [inside(c.start, c.end, spans) is not None for c in cands]
        out.append(data)
    return out


# ----------------------------------------------------------------------------- learning


def fit(rows: Sequence[dict[str, float]], y: Sequence[bool], c: float,
        weight: Sequence[float] | None = None) -> LinearModel:
    """A logistic regression (deterministic lbfgs) as a :class:`LinearModel`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows).toarray()
    lr = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # one BLAS thread: the same sums in the same order, the same bytes
        lr.fit(x, list(y), sample_weight=None if weight is None else list(weight))
    weights = dict(zip(vec.get_feature_names_out(), lr.coef_[0].tolist(), strict=True))
    return LinearModel(weights, float(lr.intercept_[0]))


def fit_sources(data: Sequence[SourceData], c: float) -> LinearModel:
    """Fit on these sources, each weighing as much as any other whatever its length."""
    rows, y, w = [], [], []
    for d in data:
        idx = live(d)
        rows += [d.candidates[i].features for i in idx]
        y += [d.labels[i] for i in idx]
        w += [1000 / max(1, len(idx))] * len(idx)
    return fit(rows, y, c, w)


def live(d: SourceData) -> list[int]:
    return [i for i, c in enumerate(d.candidates) if not c.skip]


def loso_raw(data: Sequence[SourceData], c: float) -> dict[str, list[float]]:
    """Raw claim probabilities of each source's candidates from a model not trained on it."""
    out = {}
    for d in data:
        model = fit_sources([o for o in data if o is not d], c)
        out[d.id] = [model.raw(d.candidates[i].features) for i in live(d)]
    return out


def nested_calibrated(data: Sequence[SourceData], c: float) -> dict[str, list[float]]:
    """Held-out probabilities calibrated by a table that never saw the held-out source."""
    outer = loso_raw(data, c)
    out = {}
    for d in data:
        rest = [o for o in data if o is not d]
        inner = loso_raw(rest, c)
        raw = [p for o in rest for p in inner[o.id]]
        right = [o.labels[i] for o in rest for i in live(o)]
        xs, ys = isotonic_table(raw, right)
        table = LinearModel({}, 0.0, (xs, ys))
        out[d.id] = [table.calibrated(p) for p in outer[d.id]]
    return out


# ----------------------------------------------------------------------------- metrics


def ece(probs: Sequence[float], right: Sequence[bool], bins: int = 10) -> tuple[float, list[tuple]]:
    """Expected calibration error and the reliability curve (bin, n, mean confidence, accuracy)."""
    curve, total, err = [], len(probs), 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, p in enumerate(probs) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if not idx:
            continue
        conf = sum(probs[i] for i in idx) / len(idx)
        acc = sum(right[i] for i in idx) / len(idx)
        err += len(idx) / total * abs(conf - acc)
        curve.append((f"{lo:.1f}-{hi:.1f}", len(idx), conf, acc))
    return err, curve


@dataclass
class Row:
    source: str
    units: int
    inside: float
    claims: int
    recovered: float
    accepted: int
    accepted_inside: float
    full_text_units: int
    relations: int = 0
    rel_drafted: int = 0
    rel_right: int = 0
    rel_recovered: int = 0


def evaluate(data: Sequence[SourceData], probs: dict[str, list[float]], floor: float) -> list[Row]:
    rows = []
    for d in data:
        for i, p in zip(live(d), probs[d.id], strict=True):
            d.candidates[i].p_claim = p
        draft = select(d.text, d.candidates, floor=floor)
        units = [(u.start, u.end) for u in draft.units]
        ins = [inside(a, b, d.claims) is not None for a, b in units]
        acc = [ok for u, ok in zip(draft.units, ins, strict=True) if u.confidence >= ACCEPT_AT]
        claim_of = [inside(a, b, d.claims) for a, b in units]
        found = set()
        right = 0
        for r in draft.relations:
            key = (claim_of[r.source], claim_of[r.target], r.type)
            if key in d.relations:
                found.add(key)
                right += 1
            relation_confidences.append((r.confidence, key in d.relations))
            raw_relation_confidences.append((r.rule_confidence, key in d.relations))
        rows.append(Row(d.id, len(units), sum(ins) / max(1, len(units)), len(d.claims),
                        len(recovered(units, d.claims)) / max(1, len(d.claims)), len(acc),
                        sum(acc) / max(1, len(acc)), len(d.candidates), len(d.relations),
                        len(draft.relations), right, len(found)))
    return rows


relation_confidences: list[tuple[float, bool]] = []
raw_relation_confidences: list[tuple[float, bool]] = []  # the rules' own number, before calibration


def pooled(rows: Sequence[Row], data: Sequence[SourceData]) -> Row:
    units = sum(r.units for r in rows)
    claims = sum(r.claims for r in rows)
    acc = sum(r.accepted for r in rows)
    return Row("all five (pooled)", units, sum(r.inside * r.units for r in rows) / max(1, units), claims,
               sum(r.recovered * r.claims for r in rows) / max(1, claims), acc,
               sum(r.accepted_inside * r.accepted for r in rows) / max(1, acc),
               sum(r.full_text_units for r in rows), sum(r.relations for r in rows),
               sum(r.rel_drafted for r in rows), sum(r.rel_right for r in rows),
               sum(r.rel_recovered for r in rows))


def print_rows(title: str, rows: Sequence[Row]) -> None:
    print(f"\n### {title}\n")
    print("| source | units drafted (of all units) | inside a hand-made claim | hand-made claims "
          f"| recovered | kept by accept --min-confidence {ACCEPT_AT} | of those, inside a claim "
          "| hand-made relations inside the source | drafted relations | right | hand-made recovered |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r.source} | {r.units} ({r.full_text_units}) | {r.inside:.0%} | {r.claims} "
              f"| {r.recovered:.0%} | {r.accepted} | {r.accepted_inside:.0%} | {r.relations} "
              f"| {r.rel_drafted} | {r.rel_right} "
              f"| {r.rel_recovered} ({r.rel_recovered / max(1, r.relations):.0%}) |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", default=str(ROOT / "sources"))
    ap.add_argument("--write", action="store_true", help="refit on all sources and write the weights")
    ap.add_argument("--floor", type=float, default=DRAFT_FLOOR)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    m = load_map(args.sources)
    data = gather(m)
    print(f"{len(data)} sources, {sum(len(d.claims) for d in data)} hand-made claims, "
          f"{sum(len(d.candidates) for d in data)} units ({time.perf_counter() - t0:.1f} s to analyse)")

    probs = nested_calibrated(data, C_CLAIM)
    relation_confidences.clear()
    raw_relation_confidences.clear()
    rows = evaluate(data, probs, args.floor)
    rel_conf = list(relation_confidences)
    print_rows(f"Claims, each source drafted as new (floor {args.floor})", [*rows, pooled(rows, data)])
    if args.floor > 0:
        before = {d.id: [0.0] * len(live(d)) for d in data}
        rows0 = evaluate(data, before, 0.0)
        print_rows("Every unit proposed (no claim-worthiness; skip rules still apply)",
                   [*rows0, pooled(rows0, data)])

    all_p = [p for d in data for p in probs[d.id]]
    all_y = [d.labels[i] for d in data for i in live(d)]
    err, curve = ece(all_p, all_y)
    print(f"\n### Reliability of the claim confidence (held-out sources, nested calibration): "
          f"ECE {err:.3f}\n")
    print("| confidence bin | units | mean confidence | share inside a hand-made claim |")
    print("|---|---|---|---|")
    for b, n, conf, acc in curve:
        print(f"| {b} | {n} | {conf:.2f} | {acc:.2f} |")

    err, curve = ece([c for c, _ in rel_conf], [r for _, r in rel_conf])
    print(f"\n### Reliability of the relation confidence (a drafted relation is right when its ends lie "
          f"inside two hand-made claims that a hand-made relation of that type joins): ECE {err:.3f}\n")
    print("| confidence bin | relations | mean confidence | share right |")
    print("|---|---|---|---|")
    for b, n, conf, acc in curve:
        print(f"| {b} | {n} | {conf:.2f} | {acc:.2f} |")

    if args.write:
        WEIGHTS.mkdir(parents=True, exist_ok=True)
        model = fit_sources(data, C_CLAIM)
        raw = loso_raw(data, C_CLAIM)
        table = isotonic_table([p for d in data for p in raw[d.id]], all_y)
        final = LinearModel(model.weights, model.intercept, table, {
            "what": "p(a unit lies inside a hand-made claim), calibrated on held-out sources",
            "trained_on": sorted(d.id for d in data), "C": C_CLAIM,
            "script": "benchmarks/loso_sources.py --write"})
        path = WEIGHTS / "claim.json"
        path.write_text(json.dumps(final.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"\nwrote {path.relative_to(ROOT)}")
        # relation confidences: the rules' table (in-sample precisions on short texts) mapped to
        # the share of drafted relations that were right on held-out sources
        raw_rel = [c for c, _ in raw_relation_confidences]
        table = isotonic_table(raw_rel, [r for _, r in raw_relation_confidences], bins=6)
        rel = LinearModel({}, 0.0, table, {
            "what": "rule confidence -> share of drafted relations right on held-out sources",
            "trained_on": sorted(d.id for d in data), "script": "benchmarks/loso_sources.py --write"})
        path = WEIGHTS / "relation.json"
        path.write_text(json.dumps(rel.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"\n({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
