"""Leave-one-source-out evaluation of drafting on ``sources/``, and the training of its weights.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/loso_sources.py [--write] [--sources DIR]``

Each source is drafted as if it were new: its own claims are hidden, the map the drafter may
use as context holds only the other sources' claims and the theses, and every learnt part
(claim-worthiness, relation scoring, their calibration tables) is fitted on the other
sources only, so no number here comes from a text the model trained on. Calibration is
nested: the table used on source *h* comes from inner leave-one-out predictions on the
other sources.

Per source it prints: how well the claim score ranks the units people annotated (ROC AUC,
lexical model and, when the embedding model is installed, the semantic one), what a review
budget would give (only the top-scoring share of each source's units proposed: share inside a
hand-made claim / hand-made claims recovered), units drafted, the share lying inside a
hand-made claim (≥ 50% of the unit's characters within a claim's quote), the share of
hand-made claims recovered (some drafted unit lies inside the claim or covers ≥ 50% of it),
the share of units kept by ``accept --min-confidence 0.6`` that are inside a claim, relations
recovered, and the reliability of the confidences (expected calibration error over ten bins).
A relation's confidence is the probability that it is right if both its ends are claims
(``accept`` takes a relation only with both ends), so its reliability is measured over the
drafted relations whose ends lie inside two distinct hand-made claims, and per rule.

``--write`` refits on all sources and writes ``src/argmap/draft/weights/claim.json`` and,
with the embedding model installed, ``claim-semantic.json`` (each with the calibration table
from the leave-one-source-out predictions). Training is deterministic (lbfgs, fixed order, one
BLAS thread): rerunning it on the same sources rewrites the same bytes. Rerun it after the
hand-made map changes (new claims, relations or provenance).
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
C_SEMANTIC = 1.0  # the same for the three-feature semantic model
C_LINK = 1.0  # the same for the link model
SEMANTIC_FEATURES = ("semantic thesis", "semantic claim", "semantic claims top 5", "semantic text thesis")
BUDGETS = (0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0)
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
    kinds: list[str] = field(default_factory=list)  # per hand-made claim span: its kind
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

    others = [c for c in m.claims if c.source != held]
    texts = [f"{c.gist} {c.anchor.exact}" for c in others] + [t.text for t in m.theses]
    return MapContext.build(texts, frozenset(load_nlp().Defaults.stop_words),
                            gists=[c.gist for c in others], theses=[t.text for t in m.theses])


def gather(m: ArgMap) -> list[SourceData]:
    nlp = load_nlp()
    out = []
    for s in m.sources:
        spans = sorted((c.anchor.start, c.anchor.end) for c in m.claims if c.source == s.id)
        cands = analyse(s.text, nlp, context=context_for(m, s.id))
        data = SourceData(s.id, s.text, spans, cands)
        kind_at = {(c.anchor.start, c.anchor.end): c.kind for c in m.claims if c.source == s.id}
        data.kinds = [kind_at[span] for span in spans]
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


def fit_sources(data: Sequence[SourceData], c: float, only: Sequence[str] = ()) -> LinearModel:
    """Fit on these sources, each weighing as much as any other whatever its length
    (on the ``only`` features when given)."""
    rows, y, w = [], [], []
    for d in data:
        idx = live(d)
        rows += [pick(d.candidates[i].features, only) for i in idx]
        y += [d.labels[i] for i in idx]
        w += [1000 / max(1, len(idx))] * len(idx)
    return fit(rows, y, c, w)


def pick(features: dict[str, float], only: Sequence[str]) -> dict[str, float]:
    return {k: features[k] for k in only if k in features} if only else features


def live(d: SourceData) -> list[int]:
    return [i for i, c in enumerate(d.candidates) if not c.skip]


def loso_raw(data: Sequence[SourceData], c: float, only: Sequence[str] = ()) -> dict[str, list[float]]:
    """Raw claim probabilities of each source's candidates from a model not trained on it."""
    out = {}
    for d in data:
        model = fit_sources([o for o in data if o is not d], c, only)
        out[d.id] = [model.raw(d.candidates[i].features) for i in live(d)]
    return out


def nested_calibrated(data: Sequence[SourceData], c: float, only: Sequence[str] = ()) -> dict[str, list[float]]:
    """Held-out probabilities calibrated by a table that never saw the held-out source."""
    outer = loso_raw(data, c, only)
    out = {}
    for d in data:
        rest = [o for o in data if o is not d]
        inner = loso_raw(rest, c, only)
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
        kind_pairs.extend((d.kinds[j], u.kind) for u, j in zip(draft.units, claim_of, strict=True)
                          if j is not None)
        found = set()
        right = 0
        for r in draft.relations:
            key = (claim_of[r.source], claim_of[r.target], r.type)
            if key in d.relations:
                found.add(key)
                right += 1
            both = None not in key[:2] and key[0] != key[1]  # both ends inside two distinct claims
            relation_records.append(RelationRecord(d.id, r.rule, r.confidence, both, key in d.relations))
            unconditional.append((r.confidence * draft.units[r.source].confidence
                                  * draft.units[r.target].confidence, key in d.relations))
        rows.append(Row(d.id, len(units), sum(ins) / max(1, len(units)), len(d.claims),
                        len(recovered(units, d.claims)) / max(1, len(d.claims)), len(acc),
                        sum(acc) / max(1, len(acc)), len(d.candidates), len(d.relations),
                        len(draft.relations), right, len(found)))
    return rows


@dataclass(frozen=True)
class RelationRecord:
    """A drafted relation: its rule, the rule's own number, whether both ends lie inside two
    distinct hand-made claims, and whether a hand-made relation of that type joins them."""

    source: str
    rule: str
    prior: float
    both_claims: bool
    right: bool


relation_records: list[RelationRecord] = []
kind_pairs: list[tuple[str, str]] = []  # (hand-made claim's kind, drafted kind) for units inside a claim
unconditional: list[tuple[float, bool]] = []  # relation confidence x both claim confidences, right


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


def auc_by_source(data: Sequence[SourceData], probs: dict[str, list[float]]) -> dict[str, float]:
    from sklearn.metrics import roc_auc_score

    return {d.id: float(roc_auc_score([d.labels[i] for i in live(d)], probs[d.id])) for d in data}


def print_budget(data: Sequence[SourceData], probs: dict[str, list[float]]) -> None:
    """Precision and recall if only the top share of each source's units (by claim score) were
    proposed: a review budget. Precision = units inside a hand-made claim; recall = hand-made
    claims recovered."""
    print("\n### A review budget: propose only each source's top-scoring units (held-out scores). "
          "Cells: share inside a hand-made claim / hand-made claims recovered\n")
    print("| source | " + " | ".join(f"top {b:.0%}" for b in BUDGETS) + " |")
    print("|---|" + "---|" * len(BUDGETS))
    totals = {b: [0, 0, 0, 0] for b in BUDGETS}
    for d in data:
        idx = live(d)
        order = sorted(range(len(idx)), key=lambda j: (-probs[d.id][j], j))
        cells = []
        for b in BUDGETS:
            top = [idx[j] for j in order[: max(1, round(b * len(idx)))]]
            units = [(d.candidates[i].start, d.candidates[i].end) for i in top]
            ins = sum(d.labels[i] for i in top)
            rec = len(recovered(units, d.claims))
            t = totals[b]
            t[0] += ins
            t[1] += len(top)
            t[2] += rec
            t[3] += len(d.claims)
            cells.append(f"{ins / len(top):.0%} / {rec / max(1, len(d.claims)):.0%}")
        print(f"| {d.id} | " + " | ".join(cells) + " |")
    print("| all five (pooled) | " + " | ".join(
        f"{t[0] / max(1, t[1]):.0%} / {t[2] / max(1, t[3]):.0%}" for t in totals.values()) + " |")


def print_kinds() -> None:
    """How often a drafted unit's kind is the kind of the hand-made claim it lies inside (the
    rules' kinds are not learnt, so this is not held out: the rules were checked on these texts)."""
    from collections import Counter

    from sklearn.metrics import f1_score

    gold, drafted = [g for g, _ in kind_pairs], [k for _, k in kind_pairs]
    common = Counter(gold).most_common(1)[0][0]
    baseline = f1_score(gold, [common] * len(gold), average="macro")
    print(f"\n### Kinds of the {len(kind_pairs)} drafted units inside a hand-made claim: the claim's kind "
          f"{sum(g == k for g, k in kind_pairs) / len(kind_pairs):.0%} of the time (macro F1 "
          f"{f1_score(gold, drafted, average='macro'):.2f}); always '{common}': "
          f"{gold.count(common) / len(gold):.0%} (macro F1 {baseline:.2f})")


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


# ----------------------------------------------------------------------------- links


@dataclass
class LinkData:
    """One source drafted as new, for ``--link``: its drafted claims, the map as it finds
    them (other sources' claims and the theses), and the hand-made cross-source relations."""

    id: str
    new: list
    existing: list
    claim_of: list[str | None]  # per drafted claim: the hand-made claim it lies inside
    related: set[frozenset[str]]  # hand-made claim pairs across this source's border
    typed: set[tuple[str, str, str]]  # the same relations as (from, to, type)


def link_data(m: ArgMap, data: Sequence[SourceData], probs: dict[str, list[float]]) -> list[LinkData]:
    from argmap.draft.embed import load
    from argmap.draft.relate import link_items

    nlp, encoder = load_nlp(), load()
    src_of = {c.id: c.source for c in m.claims}
    theses = [{"id": t.id, "source": "thesis", "quote": t.text, "kind": "position", "thesis": True}
              for t in m.theses]
    out = []
    for d in data:
        for i, p in zip(live(d), probs[d.id], strict=True):
            d.candidates[i].p_claim = p
        units = select(d.text, d.candidates, floor=0.0).units
        spans = {(c.anchor.start, c.anchor.end): c.id for c in m.claims if c.source == d.id}
        new = link_items(nlp, encoder, [{"id": f"{d.id}.d{k}", "source": d.id, "quote": u.text, "kind": u.kind,
                                         "confidence": u.confidence, "opponent": u.kind == "concession"}
                                        for k, u in enumerate(units)])
        existing = link_items(nlp, encoder, [
            {"id": c.id, "source": c.source, "gist": c.gist, "quote": c.anchor.exact, "kind": c.kind}
            for c in m.claims if c.source != d.id] + theses)
        claim_of = []
        for u in units:
            j = inside(u.start, u.end, d.claims)
            claim_of.append(spans[d.claims[j]] if j is not None else None)
        across = [r for r in m.relations if (src_of.get(r.source) == d.id) != (src_of.get(r.target) == d.id)]
        out.append(LinkData(d.id, new, existing, claim_of, {frozenset((r.source, r.target)) for r in across},
                            {(r.source, r.target, r.type) for r in across}))
    return out


def link_rows(ld: LinkData) -> tuple[list[dict[str, float]], list[bool]]:
    """The link model's training rows: each drafted claim's closest map items, and whether a
    hand-made relation joins the claim it lies inside to that item."""
    from argmap.draft.relate import link_pairs

    rows, y = [], []
    for i, j, f in link_pairs(ld.new, ld.existing):
        rows.append(f)
        mine = ld.claim_of[i]
        y.append(mine is not None and frozenset((mine, ld.existing[j].id)) in ld.related)
    return rows, y


def fit_links(lds: Sequence[LinkData]) -> LinearModel:
    rows, y = [], []
    for ld in lds:
        r, t = link_rows(ld)
        rows += r
        y += t
    return fit(rows, y, C_LINK)


def calibrated_link_model(lds: Sequence[LinkData]) -> LinearModel:
    """Fitted on ``lds``; calibrated on their leave-one-out predictions."""
    model = fit_links(lds)
    raw, right = [], []
    for ld in lds:
        inner = fit_links([o for o in lds if o is not ld])
        r, t = link_rows(ld)
        raw += [inner.raw(f) for f in r]
        right += t
    return LinearModel(model.weights, model.intercept, isotonic_table(raw, right))


def score_links(ld: LinkData, proposals: Sequence) -> tuple[int, int, int, set[frozenset[str]], list]:
    """(proposed, joining related claims, with the hand-made type and direction, pairs found,
    (confidence, right) per proposal)."""
    claim_of = {item.id: c for item, c in zip(ld.new, ld.claim_of, strict=True)}
    right = typed = 0
    found: set[frozenset[str]] = set()
    conf = []
    for p in proposals:
        mine = claim_of[p.source]
        pair = frozenset((mine or "", p.target))
        ok = mine is not None and pair in ld.related
        right += ok
        typed += mine is not None and (mine, p.target, p.type) in ld.typed
        if ok:
            found.add(pair)
        conf.append((p.confidence, ok))
    return len(proposals), right, typed, found, conf


def print_links(lds: Sequence[LinkData]) -> None:
    from argmap.draft.relate import link

    print("\n### --link, each source drafted as new: proposed links to other sources' claims and the theses;"
          " right = a hand-made relation joins the claim the drafted unit lies inside and the target"
          " (either direction); typed = the same type and direction\n")
    print("| source | hand-made pairs across the source | lexical (TF-IDF): proposed / right / typed / pairs found"
          " | learnt semantic: proposed / right / typed / pairs found |")
    print("|---|---|---|---|")
    totals = {k: [0, 0, 0, 0] for k in ("lexical", "semantic")}
    pairs = 0
    confidences: list[tuple[float, bool]] = []
    for ld in lds:
        model = calibrated_link_model([o for o in lds if o is not ld])
        cells = []
        runs = (("lexical", link(ld.new, ld.existing)), ("semantic", link(ld.new, ld.existing, model=model)))
        for name, props in runs:
            n, right, typed, found, conf = score_links(ld, props)
            t = totals[name]
            t[0] += n
            t[1] += right
            t[2] += typed
            t[3] += len(found)
            cells.append(f"{n} / {right} / {typed} / {len(found)}")
            if name == "semantic":
                confidences += conf
        pairs += len(ld.related)
        print(f"| {ld.id} | {len(ld.related)} | " + " | ".join(cells) + " |")
    print(f"| all five | {pairs} | " + " | ".join(
        f"{t[0]} / {t[1]} ({t[1] / max(1, t[0]):.0%}) / {t[2]} / {t[3]}" for t in totals.values()) + " |")
    err, curve = ece([c for c, _ in confidences], [r for _, r in confidences])
    print(f"\n### Reliability of the learnt link confidences (held-out sources, nested calibration; right ="
          f" joins related claims, any type): ECE {err:.3f}\n")
    print("| confidence bin | links | mean confidence | share right |")
    print("|---|---|---|---|")
    for b, n, c, acc in curve:
        print(f"| {b} | {n} | {c:.2f} | {acc:.2f} |")


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

    semantic = all("semantic claim" in d.candidates[i].features for d in data for i in live(d))
    print("sentence embeddings: " + ("all-MiniLM-L6-v2 (argmap.draft.embed)" if semantic else
                                     "not installed: lexical features only"))
    lexical = nested_calibrated(data, C_CLAIM)
    probs = lexical
    aucs = {"lexical and structural features": auc_by_source(data, lexical)}
    if semantic:
        probs = nested_calibrated(data, C_SEMANTIC, SEMANTIC_FEATURES)
        aucs["sentence-embedding similarity to the map"] = auc_by_source(data, probs)
    print("\n### Does the claim score rank the units people annotated first? ROC AUC per held-out "
          "source (0.5 = chance)\n")
    print("| claim model | " + " | ".join(d.id for d in data) + " |")
    print("|---|" + "---|" * len(data))
    for name, row in aucs.items():
        print(f"| {name} | " + " | ".join(f"{row[d.id]:.3f}" for d in data) + " |")
    print_budget(data, probs)
    relation_records.clear()
    unconditional.clear()
    rows = evaluate(data, probs, args.floor)
    records, uncond = list(relation_records), list(unconditional)
    print_rows(f"Claims, each source drafted as new (floor {args.floor})", [*rows, pooled(rows, data)])
    if args.floor > 0:
        before = {d.id: [0.0] * len(live(d)) for d in data}
        rows0 = evaluate(data, before, 0.0)
        print_rows("Every unit proposed (no claim-worthiness; skip rules still apply)",
                   [*rows0, pooled(rows0, data)])

    print_kinds()
    all_p = [p for d in data for p in probs[d.id]]
    all_y = [d.labels[i] for d in data for i in live(d)]
    err, curve = ece(all_p, all_y)
    print(f"\n### Reliability of the claim confidence (held-out sources, nested calibration): "
          f"ECE {err:.3f}\n")
    print("| confidence bin | units | mean confidence | share inside a hand-made claim |")
    print("|---|---|---|---|")
    for b, n, conf, acc in curve:
        print(f"| {b} | {n} | {conf:.2f} | {acc:.2f} |")

    both = [r for r in records if r.both_claims]
    print(f"\n### Relations: {len(records)} drafted, {len(both)} with both ends inside two distinct "
          f"hand-made claims, {sum(r.right for r in records)} right (a hand-made relation of that type "
          "joins the two claims)\n")
    print("| rule | drafted | both ends claims | right | confidence (the rule's number) "
          "| share right when both ends are claims |")
    print("|---|---|---|---|---|---|")
    for rule in sorted({r.rule for r in records}):
        mine = [r for r in records if r.rule == rule]
        b = [r for r in mine if r.both_claims]
        print(f"| {rule} | {len(mine)} | {len(b)} | {sum(r.right for r in mine)} | {mine[0].prior:.2f} "
              f"| {sum(r.right for r in b) / max(1, len(b)):.2f} |")
    for title, pairs in (("given that both ends are claims (what the confidence means)",
                          [(r.prior, r.right) for r in both]),
                         ("over every drafted relation, the confidence times the two claim confidences",
                          uncond)):
        err, curve = ece([c for c, _ in pairs], [r for _, r in pairs])
        print(f"\n### Reliability of relation confidences, {title}: ECE {err:.3f}\n")
        print("| confidence bin | relations | mean confidence | share right |")
        print("|---|---|---|---|")
        for b_, n, conf, acc in curve:
            print(f"| {b_} | {n} | {conf:.2f} | {acc:.2f} |")

    lds = link_data(m, data, probs) if semantic else []
    if lds:
        print_links(lds)

    if args.write:
        WEIGHTS.mkdir(parents=True, exist_ok=True)
        models = [("claim", C_CLAIM, (), "lexical and structural features")]
        if semantic:
            models.append(("claim-semantic", C_SEMANTIC, SEMANTIC_FEATURES,
                           "sentence-embedding similarity to the map's claims and theses"))
        for name, c, only, what in models:
            model = fit_sources(data, c, only)
            raw = loso_raw(data, c, only)
            table = isotonic_table([p for d in data for p in raw[d.id]], all_y)
            final = LinearModel(model.weights, model.intercept, table, {
                "what": f"p(a unit lies inside a hand-made claim) from {what}, calibrated on "
                        "held-out sources", "trained_on": sorted(d.id for d in data), "C": c,
                "script": "benchmarks/loso_sources.py --write"})
            path = WEIGHTS / f"{name}.json"
            path.write_text(json.dumps(final.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
            print(f"\nwrote {path.relative_to(ROOT)}")
        if lds:
            final = calibrated_link_model(lds)
            final = LinearModel(final.weights, final.intercept, final.calibration, {
                "what": "p(a hand-made relation joins a drafted claim's claim and a map claim or thesis) from "
                        "sentence-embedding similarity and the drafted claim's confidence, calibrated on "
                        "held-out sources", "trained_on": sorted(ld.id for ld in lds), "C": C_LINK,
                "script": "benchmarks/loso_sources.py --write"})
            path = WEIGHTS / "link.json"
            path.write_text(json.dumps(final.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
            print(f"\nwrote {path.relative_to(ROOT)}")
    print(f"\n({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
