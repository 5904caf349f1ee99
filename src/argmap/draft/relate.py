"""Propose support/attack relations: inside a passage by rules, across sources by similarity.

Inside a passage the rules follow Peldszus & Stede's picture of a short argument: one
central claim, every other unit attached once (a tree). A unit's leading connective decides
what it does and where it points (reason → supports the unit it explains; contrast → attacks
the unit before; concession → opponent voice attacking the claim; addition → another premise
for the claim). The confidences are rounded precisions of each rule as observed on the
arg-microtexts; they are shipped as numbers in code, not as corpus data.

Across sources (``link``) there are no word vectors: candidates come from TF-IDF cosine over
content lemmas, and only an explicit opposition cue (negation mismatch, antonyms) makes a
candidate an attack.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from argmap.draft.classify import Cues

CONFIDENCE = {
    "concession": 0.65,
    "contrast": 0.63,
    "reason": 0.73,
    "example": 0.73,
    "addition": 0.9,
    "conclusion": 0.5,
    "condition": 0.4,
    "none": 0.37,
    "opponent-fixup": 0.6,
}


INFERENCE_BONUS = 2.0
THESIS_FIRST_PERSON = 2.0
CONTRAST_PENALTY = 1.0


@dataclass
class Proposal:
    """One relation proposal between units (indices into the passage's units)."""

    source: int
    target: int
    type: str  # support | attack
    confidence: float
    evidence: list[str] = field(default_factory=list)
    rule: str = "none"  # which rule proposed it (a key of CONFIDENCE, or "contrast after cc")


@dataclass
class Structure:
    """The drafted tree of a passage."""

    central: int
    central_confidence: float
    central_evidence: list[str]
    relations: dict[int, Proposal]
    roles: list[str]


def central_scores(cues: Sequence[Cues]) -> list[tuple[float, list[str]]]:
    """A score per unit for being the passage's central claim, with the reasons."""
    n = len(cues)
    out: list[tuple[float, list[str]]] = []
    for i, c in enumerate(cues):
        score, why = 0.0, []
        if c.deontic:
            score += 2
            why.append(f"deontic '{c.deontic[0]}'")
        if c.lead_class == "conclusion":
            score += 2
            why.append(f"conclusion marker '{c.lead[1]}'" if c.lead else "conclusion marker")
        elif c.inference:
            score += INFERENCE_BONUS
            why.append(f"conclusion marker '{c.inference[0]}'")
        if c.thesis:
            score += THESIS_FIRST_PERSON if c.first_person or c.thesis[0].startswith("it is") else 1
            why.append(f"thesis phrase '{c.thesis[0]}'")
        if i == 0:
            score += 1.5
            why.append("first unit")
        if i == n - 1 and n > 1:
            score += 1
            why.append("last unit")
        if c.lead_class == "contrast":
            score -= CONTRAST_PENALTY
            why.append("leads with a contrast marker")
        elif c.lead_class in ("concession", "reason", "addition", "example"):
            score -= 2
            why.append(f"leads with a {c.lead_class} marker")
        if c.question:
            score -= 1
            why.append("question")
        out.append((score, why))
    return out


def _previous(i: int) -> int:
    return i - 1


def propose(cues: Sequence[Cues], sents: Sequence[int]) -> Structure:
    """Rule-based tree over the units of one passage (``sents`` = sentence index per unit)."""
    n = len(cues)
    scores = central_scores(cues)
    cc = max(range(n), key=lambda i: (scores[i][0], -i)) if n else 0
    ranked = sorted((s for s, _ in scores), reverse=True)
    margin = ranked[0] - ranked[1] if n > 1 else 2.0
    cc_conf = round(min(0.95, max(0.3, 0.5 + 0.12 * margin)), 2)

    rel: dict[int, Proposal] = {}
    for i, c in enumerate(cues):
        if i == cc:
            continue
        cls = c.lead_class or "none"
        marker = f"'{c.lead[1]}'" if c.lead else ""
        fronted = (
            c.subordinate_lead and i + 1 < n and sents[i + 1] == sents[i]
            and (i == 0 or sents[i - 1] != sents[i])
        )
        neighbour = i + 1 if fronted else _previous(i)
        where = "the clause it introduces" if fronted else "the previous unit"
        if cls == "concession":
            target = neighbour if fronted else cc
            p = Proposal(i, target, "attack", CONFIDENCE[cls],
                         [f"concession marker {marker}: an objection the author answers"], cls)
        elif cls == "contrast":
            if neighbour == cc or neighbour < 0:
                p = Proposal(i, cc, "support", CONFIDENCE[cls] - 0.1,
                             [f"contrast marker {marker} after the central claim"], "contrast after cc")
            else:
                p = Proposal(i, neighbour, "attack", CONFIDENCE[cls],
                             [f"contrast marker {marker}: counters {where}"], cls)
        elif cls in ("reason", "example") and neighbour >= 0:
            p = Proposal(i, neighbour, "support", CONFIDENCE[cls],
                         [f"{cls} marker {marker}: backs {where}"], cls)
        elif cls == "condition" and c.lead and c.lead[1] == "unless" and neighbour >= 0:
            p = Proposal(i, neighbour, "attack", CONFIDENCE["condition"],
                         ["'unless' names an exception"], "condition")
        elif cls in ("addition", "conclusion"):
            p = Proposal(i, cc, "support", CONFIDENCE[cls],
                         [f"{cls} marker {marker}: another premise for the central claim"], cls)
        else:
            p = Proposal(i, cc, "support", CONFIDENCE["none"],
                         ["no marker: default support of the central claim"])
        rel[i] = p

    # opponent fix-up: a unit the next unit contradicts ("X. But Y") is an objection
    for i in range(n - 1):
        if i == cc or cues[i + 1].lead_class != "contrast" or rel[i].type == "attack":
            continue
        if cues[i].lead_class in ("reason", "example") and rel[i].target != cc:
            continue
        rel[i] = Proposal(i, cc, "attack", CONFIDENCE["opponent-fixup"],
                          ["the next unit answers it with a contrast marker: an objection"], "opponent-fixup")

    _break_cycles(rel, cc)
    roles = _roles(n, rel)
    return Structure(cc, cc_conf, scores[cc][1] if n else [], rel, roles)


def _break_cycles(rel: dict[int, Proposal], cc: int) -> None:
    """Re-attach any unit whose chain loops to the central claim."""
    for start in list(rel):
        seen: set[int] = set()
        node = start
        while node in rel:
            if node in seen:
                p = rel[node]
                rel[node] = Proposal(node, cc, p.type, round(p.confidence * 0.8, 2),
                                     [*p.evidence, "re-attached to the central claim (cycle)"], p.rule)
                break
            seen.add(node)
            node = rel[node].target


def _roles(n: int, rel: dict[int, Proposal]) -> list[str]:
    roles = []
    for i in range(n):
        role, node, seen = "pro", i, set()
        while node in rel and node not in seen:
            seen.add(node)
            if rel[node].type == "attack":
                role = "opp" if role == "pro" else "pro"
            node = rel[node].target
        roles.append(role)
    return roles


# ----------------------------------------------------------------------------- linking

ANTONYMS: tuple[tuple[str, str], ...] = (
    ("increase", "decrease"), ("more", "less"), ("more", "fewer"), ("fast", "slow"),
    ("faster", "slower"), ("accelerate", "slow"), ("accelerate", "decelerate"),
    ("possible", "impossible"), ("likely", "unlikely"), ("enable", "prevent"),
    ("bottleneck", "abundant"), ("rise", "fall"), ("grow", "shrink"), ("gain", "loss"),
    ("soon", "later"), ("early", "late"), ("near", "far"), ("easy", "hard"),
    ("easy", "difficult"), ("cheap", "expensive"), ("strong", "weak"), ("high", "low"),
    ("success", "failure"), ("succeed", "fail"), ("true", "false"), ("right", "wrong"),
    ("good", "bad"), ("better", "worse"), ("safe", "dangerous"), ("continue", "stop"),
    ("continue", "stall"), ("improve", "plateau"), ("improve", "stagnate"),
    ("exponential", "linear"), ("sudden", "gradual"), ("fast", "gradual"),
    ("always", "never"), ("all", "none"), ("everything", "nothing"), ("agree", "disagree"),
    ("support", "oppose"), ("accept", "reject"), ("confirm", "refute"), ("help", "hurt"),
    ("benefit", "harm"), ("reliable", "unreliable"), ("general", "narrow"),
    ("automate", "manual"), ("sufficient", "insufficient"), ("enough", "insufficient"),
    ("overestimate", "underestimate"), ("optimistic", "pessimistic"), ("bullish", "bearish"),
)
_ANTONYM_MAP: dict[str, set[str]] = {}
for _a, _b in ANTONYMS:
    _ANTONYM_MAP.setdefault(_a, set()).add(_b)
    _ANTONYM_MAP.setdefault(_b, set()).add(_a)


@dataclass(frozen=True)
class LinkItem:
    """A claim as the linker sees it: content lemmas, negation, opponent voice, kind."""

    id: str
    source: str
    lemmas: tuple[str, ...]
    negated: bool = False
    opponent: bool = False
    kind: str = "premise"


@dataclass(frozen=True)
class LinkProposal:
    """A candidate relation from a drafted claim to a claim or thesis already in the map."""

    source: str
    target: str
    type: str
    confidence: float
    evidence: tuple[str, ...]


def _features(lemmas: Sequence[str]) -> Counter[str]:
    feats = Counter(lemmas)
    feats.update(f"{a} {b}" for a, b in itertools.pairwise(lemmas))
    return feats


def _tfidf(docs: Sequence[Counter[str]], max_df: float) -> list[dict[str, float]]:
    n = len(docs)
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    limit = max(2, int(max_df * n))
    out = []
    for d in docs:
        vec = {
            t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1)
            for t, c in d.items()
            if df[t] <= limit
        }
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({t: v / norm for t, v in vec.items()})
    return out


def link(
    new: Sequence[LinkItem],
    existing: Sequence[LinkItem],
    *,
    background: Sequence[Sequence[str]] = (),
    k: int = 3,
    threshold: float = 0.3,
    max_df: float = 0.4,
    max_in_degree: int = 5,
) -> list[LinkProposal]:
    """Top-k similar existing claims from other sources for each new claim, typed by cues."""
    docs = [_features(i.lemmas) for i in (*new, *existing)]
    docs += [_features(b) for b in background]
    vecs = _tfidf(docs, max_df)
    new_vecs, old_vecs = vecs[: len(new)], vecs[len(new) : len(new) + len(existing)]
    in_degree: Counter[str] = Counter()
    out: list[LinkProposal] = []
    for item, v in zip(new, new_vecs, strict=True):
        scored = []
        for other, w in zip(existing, old_vecs, strict=True):
            if other.source == item.source:
                continue
            cos = sum(x * w.get(t, 0.0) for t, x in v.items())
            shared = sorted(set(item.lemmas) & set(other.lemmas))
            if cos >= threshold and len(shared) >= 2:
                scored.append((cos, other, shared))
        scored.sort(key=lambda s: -s[0])
        for cos, other, shared in scored[:k]:
            if in_degree[other.id] >= max_in_degree:
                continue
            in_degree[other.id] += 1
            out.append(_type_link(item, other, cos, shared))
    return out


def duplicates(new: Sequence[LinkItem], existing: Sequence[LinkItem], *, overlap: float = 0.8
               ) -> dict[str, str]:
    """Drafted claims that restate a claim already in the map: new id -> existing id.

    A duplicate shares at least ``overlap`` of the shorter side's content lemmas (the same
    words, as when a source already annotated is drafted again, or one author repeats a
    sentence another quoted). Linking it would propose a relation between a claim and itself.
    """
    index: dict[str, list[int]] = {}
    for j, other in enumerate(existing):
        for w in set(other.lemmas):
            index.setdefault(w, []).append(j)
    out: dict[str, str] = {}
    for item in new:
        mine = set(item.lemmas)
        if len(mine) < 3:
            continue
        counts: Counter[int] = Counter(j for w in mine for j in index.get(w, ()))
        for j, shared in counts.most_common(5):
            theirs = set(existing[j].lemmas)
            if shared >= overlap * min(len(mine), len(theirs)) and min(len(mine), len(theirs)) >= 3:
                out[item.id] = existing[j].id
                break
    return out


def _type_link(item: LinkItem, other: LinkItem, cos: float, shared: list[str]) -> LinkProposal:
    why = [f"similar wording (cosine {cos:.2f}; shared: {', '.join(shared[:5])})"]
    opposed = []
    if item.negated != other.negated:
        opposed.append("one side is negated")
    a, b = set(item.lemmas), set(other.lemmas)
    pairs = sorted({f"{x}/{y}" for x in a for y in _ANTONYM_MAP.get(x, ()) if y in b})
    if pairs:
        opposed.append(f"antonyms {', '.join(pairs[:3])}")
    flip = item.opponent  # an author quoting a view to reject it is not asserting it
    if opposed:
        kind = "support" if flip else "attack"
        conf = min(0.7, 0.3 + cos * 0.5)
        why += opposed + (["the drafted unit is an opponent voice (stance flipped)"] if flip else [])
    else:
        kind = "attack" if flip else "support"
        conf = min(0.6, 0.15 + cos * 0.4) if "evidence" in (item.kind, other.kind) else 0.2
        why.append("no opposition cue: type is a guess, check it" if conf <= 0.2
                   else "same polarity and one side is evidence")
    return LinkProposal(item.id, other.id, kind, round(conf, 2), tuple(why))
