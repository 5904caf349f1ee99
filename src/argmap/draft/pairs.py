"""Learnt argument structure for a short text: three scorers and a maximum spanning tree.

Peldszus & Stede's evidence graph (``docs/drafting-method.md`` §4) with our lexicon and the
rules' own proposals as features: p(central claim) per unit, p(attack | attached) per unit,
p(source attaches to target) per ordered pair. Every pair and type gets one edge weight, the
best type per pair is kept, and the maximum spanning arborescence is the tree. Used when a
model is fitted (the benchmark trains one per cross-validation fold); the rules stay the
default, since nothing learnt from a licensed corpus may ship.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from argmap.draft.classify import Cues
from argmap.draft.relate import Structure, central_scores, propose

WORD_RE = re.compile(r"[a-z]{3,}")
Scorer = Callable[[dict[str, float]], float]


def _bucket(d: int) -> str:
    return str(max(-4, min(4, d)))


def lexical_features(text: str) -> dict[str, float]:
    """Peldszus & Stede's lexical unit features without a parse: the first words (where the
    connective sits), the words of the unit, and its length."""
    words = WORD_RE.findall(text.lower())
    f = {f"w:{w}": 1.0 for w in words}
    f[f"first word:{words[0] if words else ''}"] = 1.0
    f[f"first two:{' '.join(words[:2])}"] = 1.0
    f[f"length:{min(4, len(words) // 6)}"] = 1.0
    return f


def unit_features(cues: Sequence[Cues], rules: Structure, i: int,
                  texts: Sequence[str] | None = None) -> dict[str, float]:
    """What a unit looks like: cues, position, what the rules made of it, and (given the
    texts) its words and its neighbours' first words."""
    c, n = cues[i], len(cues)
    score, _ = central_scores(cues)[i]
    f = {
        f"lead:{c.lead_class or 'none'}": 1.0, "deontic": float(bool(c.deontic)),
        "thesis": float(bool(c.thesis)), "first": float(i == 0), "last": float(i == n - 1),
        "position": i / max(1, n - 1), "question": float(c.question), "negation": float(c.negation),
        "hedge": float(bool(c.hedges)), "prediction": float(bool(c.prediction)),
        "rule central score": score, "rule central": float(i == rules.central),
        f"next lead:{cues[i + 1].lead_class if i + 1 < n else 'end'}": 1.0,
        f"prev lead:{cues[i - 1].lead_class if i > 0 else 'start'}": 1.0,
    }
    if i in rules.relations:
        f[f"rule type:{rules.relations[i].type}"] = 1.0
    f[f"rule role:{rules.roles[i] if i < len(rules.roles) else 'pro'}"] = 1.0
    for cls, _ in c.markers:
        f[f"marker:{cls}"] = 1.0
    if texts is not None:
        f.update(lexical_features(texts[i]))
        for side, j in (("prev", i - 1), ("next", i + 1)):
            if 0 <= j < n:
                words = WORD_RE.findall(texts[j].lower())
                f[f"{side} first word:{words[0] if words else ''}"] = 1.0
    return f


def pair_features(cues: Sequence[Cues], words: Sequence[set[str]], sents: Sequence[int],
                  rules: Structure, s: int, t: int) -> dict[str, float]:
    """What a candidate edge s → t looks like."""
    d = t - s
    cs, ct = cues[s], cues[t]
    lead = cs.lead_class or "none"
    overlap = len(words[s] & words[t]) / max(1, min(len(words[s]), len(words[t])))
    p = rules.relations.get(s)
    return {
        f"distance:{_bucket(d)}": 1.0, "adjacent": float(abs(d) == 1), "backward": float(d < 0),
        "same sentence": float(sents[s] == sents[t]),
        f"lead x direction:{lead}:{'back' if d < 0 else 'fwd'}:{abs(d) == 1}": 1.0,
        "target rule central": float(t == rules.central),
        "rules propose it": float(p is not None and p.target == t),
        f"rules propose it as:{p.type if p is not None and p.target == t else 'no'}": 1.0,
        "target deontic": float(bool(ct.deontic)), f"target lead:{ct.lead_class or 'none'}": 1.0,
        "target first": float(t == 0), "target last": float(t == len(cues) - 1),
        "word overlap": overlap,
    }


def words_of(text: str) -> set[str]:
    return set(WORD_RE.findall(text.lower()))


@dataclass
class TreeModel:
    """The scorers (calibrated probabilities) used to decode a tree; ``role`` (p(the unit is
    an opponent voice)) adds Peldszus & Stede's fourth term, ``lexical`` the words of units."""

    central: Scorer
    attack: Scorer
    attach: Scorer
    role: Scorer | None = None
    lexical: bool = False


def decode(model: TreeModel, cues: Sequence[Cues], texts: Sequence[str], sents: Sequence[int]
           ) -> tuple[int, dict[int, tuple[int, str, float]]]:
    """(central claim, source -> (target, type, confidence)) as the maximum spanning tree."""
    import networkx as nx

    n = len(cues)
    if n == 0:
        return 0, {}
    rules = propose(cues, sents)
    words = [words_of(t) for t in texts]
    ufeat = [unit_features(cues, rules, i, texts if model.lexical else None) for i in range(n)]
    p_cc = [model.central(f) for f in ufeat]
    p_att = [model.attack(f) for f in ufeat]
    p_opp = [model.role(f) for f in ufeat] if model.role else None
    if n == 1:
        return 0, {}
    g = nx.DiGraph()
    best: dict[tuple[int, int], tuple[str, float, float]] = {}
    for s in range(n):
        for t in range(n):
            if s == t:
                continue
            pa = model.attach(pair_features(cues, words, sents, rules, s, t))
            same = p_opp[s] * p_opp[t] + (1 - p_opp[s]) * (1 - p_opp[t]) if p_opp else None
            for kind, pk in (("support", 1 - p_att[s]), ("attack", p_att[s])):
                if same is None:
                    w = (pa + (1 - p_cc[s]) + pk) / 3
                else:  # roles: a support joins units of one voice, an attack two voices
                    w = (pa + (1 - p_cc[s]) + pk + (same if kind == "support" else 1 - same)) / 4
                if (s, t) not in best or w > best[(s, t)][1]:
                    best[(s, t)] = (kind, w, pa * pk)
    for (s, t), (_, w, _) in best.items():
        g.add_edge(t, s, weight=w)
    tree = nx.maximum_spanning_arborescence(g, attr="weight", preserve_attrs=True)
    rel = {s: (t, best[(s, t)][0], round(best[(s, t)][2], 3)) for t, s in tree.edges}
    root = next(i for i in range(n) if i not in rel)
    return root, rel
