"""Evaluate ``argmap draft`` on the English arg-microtexts (112 texts with gold structure).

Run: ``.venv/bin/python benchmarks/extract_microtexts.py [CORPUS_DIR]``

Prints unit segmentation F1 (lenient and strict), central-claim accuracy/macro-F1,
support/attack macro-F1 on gold units, role and attachment macro-F1, and end-to-end typed
relation F1, for the shipped rules and for the simple baselines, next to published numbers.
Definitions follow the shared drafting notes (§9), which follow evidencegraph and Eger et al.

The rules were written while looking at the corpus. To show how much that flatters them, the
texts are split in two: "tuned" = the texts the rules were looked at against while writing them
(the first four of Peldszus' five folds of iteration 1), "held-out" = fold 5 of iteration 1,
which was not inspected while writing or adjusting rules. Nothing here is trained, so no
folds are needed beyond that split; nothing learned from the corpus is written anywhere.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the corpus readers live in tests/

from argmap.draft.drafter import Draft, draft_units, draft_with_units
from argmap.draft.nlp import PARSE_ONLY_DISABLED, load_nlp
from tests.microtexts import MicroText, load_corpus

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "microtexts-en"

PUBLISHED = {
    "Peldszus & Stede evidence graph (gold units; evidencegraph README)": {
        "cc": 0.86, "ro": 0.74, "fu": 0.76, "at": 0.71,
    },
    "Potash et al. 2017 pointer network (gold units)": {"at": 0.75},
}

TOKEN_RE = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> frozenset[str]:
    """Lowercase alphanumeric token set (§9)."""
    return frozenset(TOKEN_RE.findall(text.lower()))


# ----------------------------------------------------------------------------- metrics


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 from counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Unweighted mean of per-label F1 over the gold labels."""
    labels = sorted(set(gold))
    scores = []
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        n_pred = sum(1 for p in pred if p == lab)
        n_gold = sum(1 for g in gold if g == lab)
        scores.append(prf(tp, n_pred, n_gold)[2])
    return sum(scores) / len(scores) if scores else 0.0


def match_units(
    gold: list[frozenset[str]], pred: list[frozenset[str]], strict: bool
) -> dict[int, int]:
    """One-to-one greedy matching by Dice, best first; returns pred index -> gold index."""
    cands = []
    for pi, p in enumerate(pred):
        for gi, g in enumerate(gold):
            inter = len(p & g)
            if not inter:
                continue
            ok = inter > 0.5 * max(len(p), len(g)) if strict else inter >= 0.6 * min(len(p), len(g))
            if ok:
                cands.append((2 * inter / (len(p) + len(g)), pi, gi))
    cands.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: dict[int, int] = {}
    for _, pi, gi in cands:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        out[pi] = gi
    return out


@dataclass
class GoldView:
    """Gold structure indexed by ADU position."""

    texts: list[str]
    cc: int
    roles: list[str]  # "pro" / "opp"
    rel: dict[int, tuple[int, str]]  # source index -> (target index, type)


def gold_view(mt: MicroText) -> GoldView:
    """Gold ADUs in text order with their tree."""
    index = {a.id: i for i, a in enumerate(mt.adus)}
    return GoldView(
        texts=[mt.adu_text(a.id) for a in mt.adus],
        cc=index[mt.central_claim],
        roles=[a.role for a in mt.adus],
        rel={index[r.source]: (index[r.target], r.type) for r in mt.relations},
    )


def pred_roles(n: int, cc: int, rel: dict[int, tuple[int, str]]) -> list[str]:
    """Roles read off a tree: the root is proponent, each attack flips the role."""
    roles = ["pro"] * n
    for i in range(n):
        role, node, seen = "pro", i, set()
        while node in rel and node not in seen:
            seen.add(node)
            target, kind = rel[node]
            if kind == "attack":
                role = "opp" if role == "pro" else "pro"
            node = target
        roles[i] = role
    return roles


def function_labels(n: int, cc: int, rel: dict[int, tuple[int, str]]) -> list[str]:
    """cc / support / attack per unit."""
    return [
        "cc" if i == cc else (rel[i][1] if i in rel else "support") for i in range(n)
    ]


# ----------------------------------------------------------------------------- systems


def as_tree(d: Draft) -> tuple[int, dict[int, tuple[int, str]]]:
    """The draft's central claim and source -> (target, type) map."""
    rel = {r.source: (r.target, r.type) for r in d.relations}
    return d.central, rel


def baseline_first(n: int) -> tuple[int, dict[int, tuple[int, str]]]:
    """First unit is the central claim; every other unit supports it."""
    return 0, {i: (0, "support") for i in range(1, n)}


def baseline_previous(n: int) -> tuple[int, dict[int, tuple[int, str]]]:
    """First unit is the central claim; every unit supports the previous one."""
    return 0, {i: (i - 1, "support") for i in range(1, n)}


@dataclass
class Scores:
    """Accumulated gold-unit predictions over a set of texts."""

    cc_gold: list[str]
    cc_pred: list[str]
    ro_gold: list[str]
    ro_pred: list[str]
    fu_gold: list[str]
    fu_pred: list[str]
    at_gold: list[str]
    at_pred: list[str]
    cc_hits: int = 0
    texts: int = 0
    rel_tp: int = 0
    rel_pred: int = 0
    rel_gold: int = 0

    @classmethod
    def empty(cls) -> Scores:
        return cls([], [], [], [], [], [], [], [])

    def add(self, gv: GoldView, cc: int, rel: dict[int, tuple[int, str]]) -> None:
        n = len(gv.texts)
        self.texts += 1
        self.cc_hits += int(cc == gv.cc)
        self.cc_gold += ["cc" if i == gv.cc else "no" for i in range(n)]
        self.cc_pred += ["cc" if i == cc else "no" for i in range(n)]
        self.ro_gold += gv.roles
        self.ro_pred += pred_roles(n, cc, rel)
        self.fu_gold += function_labels(n, gv.cc, gv.rel)
        self.fu_pred += function_labels(n, cc, rel)
        for s in range(n):
            for t in range(n):
                if s != t:
                    self.at_gold.append("y" if gv.rel.get(s, (None,))[0] == t else "n")
                    self.at_pred.append("y" if rel.get(s, (None,))[0] == t else "n")
        gold_triples = {(s, t, k) for s, (t, k) in gv.rel.items()}
        pred_triples = {(s, t, k) for s, (t, k) in rel.items()}
        self.rel_tp += len(gold_triples & pred_triples)
        self.rel_pred += len(pred_triples)
        self.rel_gold += len(gold_triples)

    def row(self) -> dict[str, float]:
        return {
            "cc acc": self.cc_hits / self.texts,
            "cc": macro_f1(self.cc_gold, self.cc_pred),
            "ro": macro_f1(self.ro_gold, self.ro_pred),
            "fu": macro_f1(self.fu_gold, self.fu_pred),
            "at": macro_f1(self.at_gold, self.at_pred),
            "rel F1": prf(self.rel_tp, self.rel_pred, self.rel_gold)[2],
        }


@dataclass
class EndToEnd:
    """Accumulated end-to-end counts (segmentation + structure)."""

    seg_tp_len: int = 0
    seg_tp_str: int = 0
    n_pred: int = 0
    n_gold: int = 0
    cc_hits: int = 0
    texts: int = 0
    rel_tp: int = 0
    rel_pred: int = 0
    rel_gold: int = 0

    def add(self, gv: GoldView, pred_texts: list[str], cc: int, rel: dict) -> None:
        g = [tokens(t) for t in gv.texts]
        p = [tokens(t) for t in pred_texts]
        lenient = match_units(g, p, strict=False)
        strict = match_units(g, p, strict=True)
        self.texts += 1
        self.n_pred += len(p)
        self.n_gold += len(g)
        self.seg_tp_len += len(lenient)
        self.seg_tp_str += len(strict)
        self.cc_hits += int(lenient.get(cc) == gv.cc)
        gold_triples = {(s, t, k) for s, (t, k) in gv.rel.items()}
        pred_triples = {
            (lenient[s], lenient[t], k)
            for s, (t, k) in rel.items()
            if s in lenient and t in lenient
        }
        self.rel_tp += len(gold_triples & pred_triples)
        self.rel_pred += len(rel)
        self.rel_gold += len(gold_triples)

    def row(self) -> dict[str, float]:
        return {
            "unit F1 lenient": prf(self.seg_tp_len, self.n_pred, self.n_gold)[2],
            "unit F1 strict": prf(self.seg_tp_str, self.n_pred, self.n_gold)[2],
            "cc acc": self.cc_hits / self.texts,
            "rel F1": prf(self.rel_tp, self.rel_pred, self.rel_gold)[2],
        }


# ----------------------------------------------------------------------------- running


def split_ids(corpus_dir: Path) -> tuple[set[str], set[str]]:
    """(tuned, held-out) text ids from Peldszus' folds: iteration 1, folds 1–4 vs fold 5."""
    folds = json.loads((corpus_dir / "folds_peldszus.json").read_text())["test_folds"]
    held = set(folds[4])
    tuned = set().union(*folds[:4])
    return tuned, held


def sentence_units(doc) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Baseline segmentation: one unit per spaCy sentence."""
    return [(s.start_char, len(s.text.rstrip()) + s.start_char) for s in doc.sents]


def evaluate(texts: Iterable[MicroText], progress: Callable[[str], None] | None = None) -> dict:
    """Every row of the table for one set of texts."""
    nlp = load_nlp()
    texts = list(texts)
    gold_rows = {k: Scores.empty() for k in ("rules", "first", "previous")}
    e2e_rows = {k: EndToEnd() for k in ("rules", "sentence+first", "sentence+rules")}
    docs = list(nlp.pipe([t.text for t in texts], disable=list(PARSE_ONLY_DISABLED)))
    for mt, doc in zip(texts, docs, strict=True):
        gv = gold_view(mt)
        n = len(gv.texts)
        spans = [(a.start, a.end) for a in mt.adus]
        d = draft_with_units(doc, spans)
        gold_rows["rules"].add(gv, *as_tree(d))
        gold_rows["first"].add(gv, *baseline_first(n))
        gold_rows["previous"].add(gv, *baseline_previous(n))
        auto = draft_units(doc)
        e2e_rows["rules"].add(gv, [u.text for u in auto.units], *as_tree(auto))
        sent_spans = sentence_units(doc)
        s_texts = [doc.text[a:b] for a, b in sent_spans]
        e2e_rows["sentence+first"].add(gv, s_texts, *baseline_first(len(s_texts)))
        sd = draft_with_units(doc, sent_spans)
        e2e_rows["sentence+rules"].add(gv, s_texts, *as_tree(sd))
    return {
        "gold": {k: v.row() for k, v in gold_rows.items()},
        "e2e": {k: v.row() for k, v in e2e_rows.items()},
        "n": len(texts),
    }


def fmt(x: float | None) -> str:
    return "  —  " if x is None else f"{x:.3f}"


def print_tables(results: dict[str, dict]) -> None:
    """Markdown tables, one column group per split."""
    splits = list(results)
    print("\n### Gold units (cc = central claim, ro = role, fu = function, at = attachment;"
          " macro-F1; rel F1 = typed relation F1)\n")
    cols = ["cc acc", "cc", "ro", "fu", "at", "rel F1"]
    print("| system | split | n | " + " | ".join(cols) + " |")
    print("|---|---|---|" + "---|" * len(cols))
    names = {"rules": "argmap rules", "first": "baseline: first unit = cc, all support it",
             "previous": "baseline: first = cc, attach to previous"}
    for key, label in names.items():
        for split in splits:
            row = results[split]["gold"][key]
            n = results[split]["n"]
            print(f"| {label} | {split} | {n} | " + " | ".join(fmt(row[c]) for c in cols) + " |")
    for label, vals in PUBLISHED.items():
        print(f"| {label} | published | 112 | — | "
              + " | ".join(fmt(vals.get(c)) for c in cols[1:]) + " |")

    print("\n### End to end (own segmentation; relations need both ends matched, lenient)\n")
    cols = ["unit F1 lenient", "unit F1 strict", "cc acc", "rel F1"]
    print("| system | split | n | " + " | ".join(cols) + " |")
    print("|---|---|---|" + "---|" * len(cols))
    names = {"rules": "argmap segmentation + rules",
             "sentence+rules": "baseline: sentence = unit + rules",
             "sentence+first": "baseline: sentence = unit, first = cc, all support it"}
    for key, label in names.items():
        for split in splits:
            row = results[split]["e2e"][key]
            n = results[split]["n"]
            print(f"| {label} | {split} | {n} | " + " | ".join(fmt(row[c]) for c in cols) + " |")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    corpus_dir = Path(args[0]) if args else DEFAULT_CORPUS
    if not corpus_dir.is_dir():
        print(f"corpus not found: {corpus_dir}", file=sys.stderr)
        return 2
    corpus = load_corpus(corpus_dir)
    tuned, held = split_ids(corpus_dir)
    t0 = time.perf_counter()
    results = {
        "tuned": evaluate(m for m in corpus if m.id in tuned),
        "held-out": evaluate(m for m in corpus if m.id in held),
        "all": evaluate(corpus),
    }
    print_tables(results)
    print(f"\n({len(corpus)} texts from {corpus_dir}; {time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
