"""Is a unit worth proposing as a claim? Skip rules with a reason, then a learnt probability.

A reviewer's time goes on what the draft proposes, so a unit is not proposed when it is
plainly not a position of the author: a heading, a line about the post or the venue
(:mod:`argmap.draft.blocks`), a question that asserts nothing, a fragment without a finite
verb, a footnote. What is left gets a probability of being a claim a person would annotate,
from a logistic regression over the unit's cues, its place in the text's structure, how
central its words are to the text, and how close it comes to claims and theses already in the
map (the map the user has is the best guide to what counts as a claim in it). The weights are
learnt from ``sources/`` and calibrated on sources held out in turn
(``benchmarks/loso_sources.py``), so the probability is the confidence written to the draft.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Span

from argmap.draft.blocks import boilerplate_reason
from argmap.draft.classify import Cues

FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})
FILLERS = ("you know", "i mean", "kind of", "sort of", "like,", " um", " uh", "yeah", "okay", "right?")
META_RE = re.compile(
    r"\b(i('ll| will) (now )?(walk|go) through|let me (explain|start|give)|i want to (talk|start)"
    r"|we('ll| will) (talk|get to|come back)|as (mentioned|noted|shown) (above|below|earlier)"
    r"|in (the|this) (section|chapter|post|episode)|today,? i'm (speaking|talking)|thank you for"
    r"|thanks for (having|replying|reading)|good question|that's a great question"
    r"|let['’]s (talk|start|turn|get (into|to)|dive|move on|go back)|pleasure (of|to) (chat|talk|speak|hav)\w*"
    r"|welcome (back )?to (the|my|our)|^\W*((so|now|first),? )?(start|begin) (with|by))\b", re.I)
WORD_RE = re.compile(r"[a-z][a-z0-9'’-]+")
# A spoken reply or filler opening a short unit ("Yeah, I think so.", "I mean, I hope not.")
REPLY_OPENERS = ("yeah", "yes", "yep", "no", "nope", "well", "right", "okay", "ok", "exactly", "sure",
                 "absolutely", "totally", "i mean", "i guess", "oh", "um", "uh", "look", "i agree",
                 "i disagree", "agreed", "fair enough")
REPLY_RE = re.compile(r"^\W*(?:" + "|".join(REPLY_OPENERS) + r")\b", re.I)
REPLY_WORDS = frozenset(w for opener in REPLY_OPENERS for w in opener.split()) - {"i"}
# Features with one value for every unit of a text: they move a text's scores, not its ranking,
# so they say nothing about why one unit was proposed rather than its neighbour
TEXT_WIDE = frozenset({"semantic text thesis"})


def content_words(text: str, stop: frozenset[str]) -> list[str]:
    """Lowercase content words with a crude plural fold (no lemmatiser needed)."""
    out = []
    for w in WORD_RE.findall(text.lower()):
        w = w.strip("'’-")
        if len(w) < 3 or w in stop:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


@dataclass(frozen=True)
class Semantic:
    """Sentence embeddings of the map's claims (their gists) and theses (:mod:`argmap.draft.embed`)."""

    claims: np.ndarray  # one unit-length row per claim gist
    theses: np.ndarray  # one unit-length row per thesis

    @classmethod
    def build(cls, gists: Sequence[str], theses: Sequence[str]) -> Semantic | None:
        """None without the embedding model, or when the map has no claims or no theses."""
        from argmap.draft.embed import load

        encoder = load()
        if encoder is None or not gists or not theses:
            return None
        return cls(encoder.encode(gists), encoder.encode(theses))

    def features(self, vectors: np.ndarray) -> list[dict[str, float]]:
        """How close each unit (one row per unit of a text) comes to the map: its best thesis,
        its best claim, its five best claims, and how close the whole text comes to the theses.

        Measured leave-one-source-out on sources/, the unit features are the only ones that
        tell the units people annotate from the rest of a text (AUC about .65; no lexical or
        structural feature adds to them), and the text's mean closeness to the theses tells how
        much of a text people annotate (transcripts that wander off the map's questions little).
        """
        if not len(vectors):
            return []
        th = vectors @ self.theses.T
        cl = vectors @ self.claims.T
        best = th.max(axis=1)
        top = np.sort(cl, axis=1)[:, -5:].mean(axis=1)
        text = round(float(best.mean()), 4)
        return [{"semantic thesis": round(float(a), 4), "semantic claim": round(float(b), 4),
                 "semantic claims top 5": round(float(c), 4), "semantic text thesis": text}
                for a, b, c in zip(best, cl.max(axis=1), top, strict=True)]


@dataclass(frozen=True)
class MapContext:
    """The claims and theses already in the map: TF-IDF rows for lexical similarity features,
    and their sentence embeddings when the embedding model is installed."""

    vocab: dict[str, int]
    idf: np.ndarray
    rows: object  # scipy.sparse CSR matrix, one L2-normalised row per map claim or thesis
    semantic: Semantic | None = None

    @classmethod
    def build(cls, texts: Sequence[str], stop: frozenset[str], *, gists: Sequence[str] = (),
              theses: Sequence[str] = ()) -> MapContext | None:
        """None when the map is empty (a first source: the similarity features are 0).

        ``texts`` feed the lexical index; ``gists`` (one per claim) and ``theses`` the
        semantic one, built only when both are given and the model is installed.
        """
        from scipy.sparse import csr_matrix

        docs = [Counter(content_words(t, stop)) for t in texts]
        docs = [d for d in docs if d]
        if not docs:
            return None
        df: Counter[str] = Counter()
        for d in docs:
            df.update(d.keys())
        vocab = {w: i for i, w in enumerate(sorted(df))}
        n = len(docs)
        idf = np.array([math.log((1 + n) / (1 + df[w])) + 1 for w in sorted(df)])
        return cls(vocab, idf, _rows(docs, vocab, idf, csr_matrix), Semantic.build(gists, theses))

    def similarity(self, texts: Sequence[str], stop: frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
        """(max cosine to any map item, share of content words the map uses) per text."""
        from scipy.sparse import csr_matrix

        docs = [Counter(content_words(t, stop)) for t in texts]
        q = _rows(docs, self.vocab, self.idf, csr_matrix)
        sims = (q @ self.rows.T).toarray() if len(docs) else np.zeros((0, 1))  # type: ignore[attr-defined]
        best = sims.max(axis=1) if sims.size else np.zeros(len(docs))
        known = np.array([sum(c for w, c in d.items() if w in self.vocab) / max(1, sum(d.values()))
                          for d in docs])
        return best, known


def _rows(docs: Sequence[Counter[str]], vocab: dict[str, int], idf: np.ndarray, csr):  # type: ignore[no-untyped-def]
    data, cols, ptr = [], [], [0]
    for d in docs:
        items = [(vocab[w], (1 + math.log(c)) * idf[vocab[w]]) for w, c in d.items() if w in vocab]
        norm = math.sqrt(sum(v * v for _, v in items)) or 1.0
        for j, v in sorted(items):
            cols.append(j)
            data.append(v / norm)
        ptr.append(len(cols))
    return csr((data, cols, ptr), shape=(len(docs), len(vocab)))


def _opens_a_phrase(span: Span) -> bool:
    """Whether a reply word opening ``span`` is part of its first phrase, not a reply: "No model
    can …" (a determiner), "Right now, …" (an adverb of the next word)."""
    first = next((t for t in span if t.is_alpha), None)
    return first is not None and (first.dep_ == "det" or (first.dep_ == "advmod" and first.head.i == first.i + 1))


def skip_reason(span: Span, c: Cues, block_kind: str) -> str:
    """Why this unit is not a claim ("" when it may be one)."""
    text = span.text
    if block_kind in ("heading", "footnote", "boilerplate"):
        return f"a {block_kind}"
    if block_kind in ("speaker", "stamp"):
        return "a speaker label or time stamp"
    why = boilerplate_reason(text)
    if why:
        return why
    if META_RE.search(text):
        return "talk about the conversation or the text, not the topic"
    if c.words < 4:
        return "a fragment (fewer than four words)"
    if REPLY_RE.match(text) and not c.number and not _opens_a_phrase(span) and sum(
            1 for t in span if t.is_alpha and not t.is_stop and t.lower_ not in REPLY_WORDS) < 3:
        return "a reply or filler, no claim of its own"
    if not any(t.tag_ in FINITE_TAGS for t in span) and not c.imperative:
        return "a fragment (no finite verb)"
    if re.match(r"\W*which\s", text, re.I) and not c.question:
        return "a fragment (a relative clause, 'Which …', cut from its sentence)"
    if c.question and not c.deontic and not c.thesis and c.lead_class not in ("contrast", "conclusion"):
        return "a question that asserts nothing"
    if re.fullmatch(r"\W*(https?://\S+|www\.\S+)\W*", text.strip()):
        return "a link"
    return ""


def _bucket(n: float, edges: Iterable[float]) -> str:
    for e in edges:
        if n < e:
            return f"<{e:g}"
    return "max"


def unit_features(
    span: Span, c: Cues, *, block_kind: str, index: int, count: int, central: bool,
    relation: str, rule: str, rel_pos: float, kind: str,
) -> dict[str, float]:
    """The named features of one unit that its own words and passage give (the text-wide and
    map-wide ones, ``centrality`` and ``map similarity``/``map vocabulary``, are added later)."""
    low = " " + span.text.lower() + " "
    f: dict[str, float] = {
        f"words:{_bucket(c.words, (6, 10, 16, 25, 40, 60))}": 1.0,
        f"block:{block_kind}": 1.0,
        f"lead:{c.lead_class or 'none'}": 1.0,
        f"relation:{relation}": 1.0,
        f"rule:{rule}": 1.0,
        f"kind:{kind}": 1.0,
        "passage central": float(central),
        "first in passage": float(index == 0),
        "last in passage": float(index == count - 1 and count > 1),
        "alone in passage": float(count == 1),
        f"passage units:{_bucket(count, (2, 4, 8, 16))}": 1.0,
        "position in text": rel_pos,
        "deontic": float(bool(c.deontic)),
        "thesis phrase": float(bool(c.thesis)),
        "hedge": float(bool(c.hedges)),
        "booster": float(bool(c.boosters)),
        "evidence cue": float(bool(c.evidence)),
        "prediction cue": float(bool(c.prediction)),
        "number": float(c.number),
        "negation": float(c.negation),
        "first person": float(c.first_person),
        "second person": float(" you " in low or " your " in low),
        "question": float(c.question),
        "exclamation": float("!" in span.text),
        "imperative": float(c.imperative),
        "comparative": float(any(t.tag_ in ("JJR", "RBR", "JJS", "RBS") for t in span)),
        "fillers": min(3.0, float(sum(low.count(x) for x in FILLERS))),
        "parenthesis": float("(" in span.text),
        "starts lowercase": float(span.text[:1].islower()),
    }
    return f


def centrality_scores(unit_words: Sequence[Sequence[str]]) -> list[float]:
    """How much of a unit's vocabulary recurs in the rest of the text (0..1, by rank)."""
    tf: Counter[str] = Counter()
    for ws in unit_words:
        tf.update(set(ws))
    raw = [sum(math.log(tf[w]) for w in sorted(set(ws))) / math.sqrt(len(set(ws))) if ws else 0.0
           for ws in unit_words]  # sorted: the same float sum whatever the hash seed
    order = sorted(range(len(raw)), key=lambda i: raw[i])
    out = [0.0] * len(raw)
    for rank, i in enumerate(order):
        out[i] = rank / max(1, len(raw) - 1)
    return out
