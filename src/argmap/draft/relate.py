"""Propose support/attack relations: inside a passage by rules, across sources by similarity.

Inside a passage the rules follow Peldszus & Stede's picture of a short argument: one
central claim, every other unit attached once (a tree). A unit's leading connective decides
what it does and where it points (reason → supports the unit it explains; contrast → attacks
the unit before; concession → opponent voice attacking the claim; addition → another premise
for the claim). The confidences are rounded precisions of each rule as observed on the
arg-microtexts; they are shipped as numbers in code, not as corpus data.

Across sources (``link``), with the sentence embeddings installed, each drafted claim is
compared with every claim (its gist and its quote) and thesis of the other sources; its
closest few are scored by a small logistic model learnt from the map's own cross-source
relations (``weights/link.json``, fitted and calibrated leave-one-source-out by
``benchmarks/loso_sources.py``), so a link's confidence is the share of such links that joined
claims a person had related. Without embeddings, candidates come from TF-IDF cosine over content
lemmas. Either way only an explicit opposition cue (negation mismatch, antonyms) makes a
candidate an attack.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from argmap.draft.classify import Cues
from argmap.draft.linear import LinearModel
from argmap.sources.drafts import TYPE_GUESS

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


LINK_MODEL = "link"  # weights/link.json: p(a hand-made relation joins a drafted claim and a map claim)
LINK_CANDIDATES = 5  # closest existing items per drafted claim that the link model scores
LINK_FLOOR = 0.15  # calibrated link probability below which no link is proposed

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

    # opponent fix-up: a unit the next unit contradicts ("X. But Y", "X. This story is wrong.")
    # is an objection
    for i in range(n - 1):
        answer = cues[i + 1]
        if i == cc or (answer.lead_class != "contrast" and not answer.rejects) or rel[i].type == "attack":
            continue
        if cues[i].lead_class in ("reason", "example") and rel[i].target != cc:
            continue
        why = ("the next unit answers it with a contrast marker: an objection" if answer.lead_class == "contrast"
               else f"the next unit rejects it ('{answer.rejects}'): an objection")
        rel[i] = Proposal(i, cc, "attack", CONFIDENCE["opponent-fixup"], [why], "opponent-fixup")

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
    words: str = ""  # the quoted words, lowercased and single-spaced (see :func:`plain_words`)
    vectors: tuple[np.ndarray, ...] = ()  # unit-length embeddings: (gist, quote) of a claim, (quote,) of a draft
    confidence: float = 0.0  # a drafted claim's claim confidence
    thesis: bool = False


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


def content_lemmas(doc) -> tuple[tuple[str, ...], bool]:  # type: ignore[no-untyped-def]
    """A parsed text's content lemmas, and whether it is negated."""
    content = tuple(t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop)
    negated = any(t.dep_ == "neg" or t.lower_ in ("no", "never", "without") for t in doc)
    return content, negated


def link_items(nlp, encoder, entries: Sequence[Mapping[str, Any]]) -> list[LinkItem]:  # type: ignore[no-untyped-def]
    """Claims as the linker sees them. Each entry names ``id``, ``source``, ``quote`` and
    ``kind``, and may give ``gist`` (a map claim's), ``confidence`` and ``opponent`` (a drafted
    claim's) and ``thesis``. ``encoder`` (:mod:`argmap.draft.embed`, or None) embeds gists and
    quotes once each."""
    texts = [f"{e.get('gist') or ''} {e['quote']}".strip() for e in entries]
    parsed = [content_lemmas(d) for d in nlp.pipe(texts, batch_size=128)]
    vectors: list[tuple[np.ndarray, ...]] = [() for _ in entries]
    if encoder is not None and entries:
        unique = sorted({str(e["quote"]) for e in entries} | {str(e["gist"]) for e in entries if e.get("gist")})
        row = dict(zip(unique, encoder.encode(unique), strict=True))
        vectors = [(row[str(e["gist"])], row[str(e["quote"])]) if e.get("gist") else (row[str(e["quote"])],)
                   for e in entries]
    return [LinkItem(str(e["id"]), str(e["source"]), *parsed[n], opponent=bool(e.get("opponent")),
                     kind=str(e["kind"]), words=plain_words(str(e["quote"])), vectors=vectors[n],
                     confidence=float(e.get("confidence") or 0.0), thesis=bool(e.get("thesis")))
            for n, e in enumerate(entries)]


def link_pairs(new: Sequence[LinkItem], existing: Sequence[LinkItem], k: int = LINK_CANDIDATES
               ) -> list[tuple[int, int, dict[str, float]]]:
    """(new index, existing index, features) for the ``k`` existing items of other sources
    that each new item comes closest to (sentence-embedding cosine to gist or quote): what the
    link model scores, in :func:`link` and when it is trained."""
    if not new or not existing:
        return []
    gist = np.stack([e.vectors[0] for e in existing])
    quote = np.stack([e.vectors[-1] for e in existing])
    sources = np.array([e.source for e in existing])
    out = []
    for i, item in enumerate(new):
        v = item.vectors[0]
        cg, cq = gist @ v, quote @ v
        best = np.maximum(cg, cq)
        best[sources == item.source] = -np.inf
        order = [int(j) for j in np.argsort(-best, kind="stable")[:k] if np.isfinite(best[j])]
        for rank, j in enumerate(order):
            out.append((i, j, {
                "cosine gist": round(float(cg[j]), 4), "cosine quote": round(float(cq[j]), 4),
                "thesis": float(existing[j].thesis), "claim confidence": round(item.confidence, 4),
                "closest": float(rank == 0), "behind the closest": round(float(best[order[0]] - best[j]), 4),
            }))
    return out


def link(
    new: Sequence[LinkItem],
    existing: Sequence[LinkItem],
    *,
    model: LinearModel | None = None,
    floor: float = LINK_FLOOR,
    background: Sequence[Sequence[str]] = (),
    k: int = 3,
    threshold: float = 0.3,
    max_df: float = 0.4,
    max_in_degree: int = 5,
) -> list[LinkProposal]:
    """Up to ``k`` existing claims or theses of other sources for each new claim, typed by cues.

    With a link ``model`` and embeddings on every item, a candidate is proposed when its
    calibrated probability reaches ``floor``; otherwise TF-IDF cosine must reach ``threshold``
    with two shared lemmas. No existing item takes more than ``max_in_degree`` links.
    """
    if model is not None and all(i.vectors for i in (*new, *existing)):
        scored = [(model(f), i, j, f) for i, j, f in link_pairs(new, existing)]
        scored.sort(key=lambda s: (-s[0], s[1], s[2]))
        taken: Counter[int] = Counter()
        degree: Counter[int] = Counter()
        found = []
        for p, i, j, f in scored:
            if p < floor or taken[i] >= k or degree[j] >= max_in_degree:
                continue
            taken[i] += 1
            degree[j] += 1
            cos = max(f["cosine gist"], f["cosine quote"])
            found.append(_type_link(new[i], existing[j], cos, sorted(set(new[i].lemmas) & set(existing[j].lemmas)),
                                    p, model.strongest(f)))
        return sorted(found, key=lambda x: (x.source, -x.confidence, x.target))
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


def plain_words(text: str) -> str:
    """Lowercase words and numbers joined by single spaces: quotes compared as word sequences."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def duplicates(new: Sequence[LinkItem], existing: Sequence[LinkItem], *, overlap: float = 0.8,
               min_words: int = 4) -> dict[str, str]:
    """Drafted claims that restate a claim already in the map: new id -> existing id.

    A duplicate quotes words one side holds verbatim (at least ``min_words`` of them: a source
    already annotated drafted again, or one author quoting another), or shares at least
    ``overlap`` of *both* sides' content lemmas (three or more each). A verbatim quote needs
    two content lemmas: a stock phrase such as "we don't know" recurs in many quotes. Overlap of
    the shorter side alone is not enough: a four-word clause shares all its words with many long
    quotes it does not restate.
    Linking a duplicate would propose a relation between a claim and itself.
    """
    index: dict[str, list[int]] = {}
    for j, other in enumerate(existing):
        for w in set(other.lemmas):
            index.setdefault(w, []).append(j)
    out: dict[str, str] = {}
    for item in new:
        mine = set(item.lemmas)
        if not mine:
            continue
        counts: Counter[int] = Counter(j for w in mine for j in index.get(w, ()))
        for j, shared in counts.most_common(10):
            other = existing[j]
            least = min(len(mine), len(set(other.lemmas)))
            if (least >= 2 and _verbatim(item.words, other.words, min_words)) or (  # not "we don't know"
                    least >= 3 and shared >= overlap * max(len(mine), len(set(other.lemmas)))):
                out[item.id] = other.id
                break
    return out


def _verbatim(a: str, b: str, min_words: int) -> bool:
    short, long = sorted((a, b), key=len)
    return short.count(" ") + 1 >= min_words and f" {short} " in f" {long} "


def _type_link(item: LinkItem, other: LinkItem, cos: float, shared: list[str],
               learnt: float | None = None, strongest: Sequence[str] = ()) -> LinkProposal:
    # the first line is the relation's rationale, read aloud in briefs: plain words first, the
    # model's numbers after it
    if learnt is None:
        why = [f"Drafted: similar wording (shared: {', '.join(shared[:5])}; cosine {cos:.2f})"]
    else:
        why = [f"Drafted: close in meaning (sentence-embedding cosine {cos:.2f})",
               f"link model {learnt:.2f} ({', '.join(strongest)})"]
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
        why.append(TYPE_GUESS if conf <= 0.2 else "same polarity and one side is evidence")
    if learnt is not None:  # the share of such links that joined related claims; the type is the cue's
        conf = learnt * (1.0 if opposed or "evidence" in (item.kind, other.kind) else 0.9)
    return LinkProposal(item.id, other.id, kind, round(conf, 2), tuple(why))
