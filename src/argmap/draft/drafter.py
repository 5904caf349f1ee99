"""Source text → drafted claims and relations, each with a verified quote and offsets.

Long texts are drafted per passage (paragraph, or a chunk of a very long paragraph): the
rules model a short argument with one central claim, which is what a paragraph of an essay
or a turn of a transcript usually is. Relations stay inside a passage; cross-source links are
a separate step (``relate.link``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from argmap.draft.blocks import blocks, passages
from argmap.draft.classify import Cues, claim_kind, cue
from argmap.draft.linear import LinearModel, shipped
from argmap.draft.nlp import PARSE_ONLY_DISABLED, load_nlp
from argmap.draft.relate import CONFIDENCE, Proposal, propose
from argmap.draft.segment import Unit, segment, trim
from argmap.draft.worthiness import (
    TEXT_WIDE,
    MapContext,
    centrality_scores,
    content_words,
    skip_reason,
    unit_features,
)
from argmap.errors import ArgmapError

CLAIM_MODEL = "claim"  # lexical and structural features only
SEMANTIC_CLAIM_MODEL = "claim-semantic"  # sentence-embedding similarity to the map (argmap.draft.embed)
# Units less likely than this to be a claim are not proposed. 0: measured leave-one-source-out on
# sources/, no learnt score separates the units people annotate from the rest of the units that
# pass the skip rules (AUC about .5, benchmarks/loso_sources.py), so nothing is dropped on it.
DRAFT_FLOOR = 0.0

ProgressFn = Callable[[int, int], None]


class QuoteMismatchError(ArgmapError):
    """A drafted quote is not the exact slice of the source at its offsets (a bug)."""


@dataclass
class DraftUnit:
    """A drafted claim: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    kind: str
    role: str  # pro | opp
    central: bool
    confidence: float
    evidence: list[str]
    passage: int
    hedges: list[str] = field(default_factory=list)
    speaker: str = ""  # in a transcript with speaker labels, who says it (as the label names them)


@dataclass
class DraftRelation:
    """A drafted relation between two units (indices into ``Draft.units``)."""

    source: int
    target: int
    type: str
    confidence: float  # p(right | both ends are claims): what `accept` needs, since it takes a
    # relation only with both its ends; the rules' precision on short argumentative texts, which
    # held up on sources/ where both ends were claims (benchmarks/loso_sources.py)
    evidence: list[str]
    rule: str = "none"  # which rule proposed it


@dataclass
class Draft:
    """Everything drafted for one text; ``central`` is the first passage's central claim."""

    text: str
    units: list[DraftUnit]
    relations: list[DraftRelation]
    central: int = 0

    def verify(self) -> None:
        """Every quote is the exact slice at its offsets."""
        for u in self.units:
            if self.text[u.start : u.end] != u.text:
                raise QuoteMismatchError(f"quote at {u.start}:{u.end} differs: {u.text!r}")


def _structure(
    doc: Doc,
    spans: Sequence[tuple[int, int]],
    sents: Sequence[int],
    offset: int,
    passage: int,
    cues: Sequence[Cues] | None = None,
) -> tuple[list[DraftUnit], list[DraftRelation], int]:
    """Cue the given spans of a doc (unless cued already) and decode their tree."""
    cue_list: list[Cues] = list(cues) if cues is not None else []
    for a, b in spans if cues is None else ():
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            span = doc[0:0]
        cue_list.append(cue(span))
    structure = propose(cue_list, sents)
    units: list[DraftUnit] = []
    doc_text = doc.text  # Doc.text joins every token on each access
    for i, ((a, b), c) in enumerate(zip(spans, cue_list, strict=True)):
        central = i == structure.central
        opponent = structure.roles[i] == "opp"
        kind, why = claim_kind(c, opponent=opponent)
        if central:
            conf = structure.central_confidence
            evidence = [f"central claim ({', '.join(structure.central_evidence) or 'best score'})"]
        else:
            conf, evidence = structure.relations[i].confidence, []
        units.append(
            DraftUnit(
                start=a + offset,
                end=b + offset,
                text=doc_text[a:b],
                kind=kind,
                role=structure.roles[i],
                central=central,
                confidence=conf,
                evidence=evidence + [f"kind {kind}: {w}" for w in why],
                passage=passage,
                hedges=c.hedges,
            )
        )
    relations = [
        DraftRelation(p.source, p.target, p.type, p.confidence, p.evidence, p.rule)
        for p in structure.relations.values()
    ]
    return units, relations, structure.central


def draft_with_units(doc: Doc, spans: Sequence[tuple[int, int]]) -> Draft:
    """Draft a doc's structure over given unit spans (gold units in the benchmark)."""
    sent_of = {}
    for s_index, sent in enumerate(doc.sents):
        for tok in sent:
            sent_of[tok.idx] = s_index
    sents = []
    for a, _ in spans:
        span = doc.char_span(a, a + 1, alignment_mode="expand")
        sents.append(sent_of.get(span[0].idx, 0) if span is not None and len(span) else 0)
    units, relations, central = _structure(doc, spans, sents, 0, 0)
    draft = Draft(doc.text, units, relations, central)
    draft.verify()
    return draft


def draft_units(doc: Doc) -> Draft:
    """Segment a doc (one passage) and draft its structure; no claim filtering."""
    units = segment(doc)
    spans = [(u.start, u.end) for u in units]
    units_, relations, central = _structure(doc, spans, [u.sent for u in units], 0, 0)
    draft = Draft(doc.text, units_, relations, central)
    draft.verify()
    return draft


@dataclass
class Candidate:
    """A unit of the source before selection: where it is, what it looks like, why it may be skipped."""

    start: int
    end: int
    passage: int
    sent: int
    block: str
    cues: Cues
    skip: str  # "" or why it is not proposed
    features: dict[str, float] = field(default_factory=dict)
    p_claim: float = 0.0
    words: tuple[str, ...] = ()
    vector: np.ndarray | None = None  # sentence embedding, when the model is installed
    speaker: str = ""  # the block's speaker (argmap.draft.blocks.speakers)


def claim_model(features: dict[str, float]) -> LinearModel | None:
    """The shipped claim-worthiness model for these features: the semantic one when the
    unit was embedded (and its weights are shipped), else the lexical one."""
    if "semantic claim" in features:
        model = shipped(SEMANTIC_CLAIM_MODEL)
        if model is not None:
            return model
    return shipped(CLAIM_MODEL)


def analyse(
    text: str,
    nlp: Language | None = None,
    *,
    context: MapContext | None = None,
    progress: ProgressFn | None = None,
    batch_size: int = 64,
    turns: bool = True,
) -> list[Candidate]:
    """Every unit of a text with its skip reason, features and probability of being a claim
    (``turns``: whether speaker labels open turns, see :func:`~argmap.draft.blocks.blocks`)."""
    nlp = nlp or load_nlp()
    found = blocks(text, turns)
    spans = passages(text, found)
    starts = [b.start for b in found]
    stop = frozenset(nlp.Defaults.stop_words)
    out: list[Candidate] = []
    n_text = max(1, len(text))
    docs = nlp.pipe((text[p.start : p.end] for p in spans), batch_size=batch_size,
                    disable=list(PARSE_ONLY_DISABLED))
    for p_index, (p, doc) in enumerate(zip(spans, docs, strict=True)):
        mine: list[Candidate] = []
        units = _within_blocks(doc, segment(doc, clauses=False),
                               [(max(b.start, p.start) - p.start, min(b.end, p.end) - p.start) for b in p.blocks])
        for u in units:
            span = doc[u.tok_start : u.tok_end]
            c = cue(span)
            at = p.start + u.start
            b = found[max(0, bisect.bisect_right(starts, at) - 1)]
            cand = Candidate(at, p.start + u.end, p_index, u.sent, b.kind, c,
                             skip_reason(span, c, b.kind), speaker=b.speaker)
            mine.append(cand)
        kept = [i for i, m in enumerate(mine) if not m.skip]
        if kept:
            structure = propose([mine[i].cues for i in kept], [mine[i].sent for i in kept])
            for j, i in enumerate(kept):
                m = mine[i]
                central = j == structure.central
                relation = "central" if central else _relation_shape(
                    structure.relations[j], structure.central)
                kind, _ = claim_kind(m.cues, opponent=structure.roles[j] == "opp")
                m.features = unit_features(
                    doc[units[i].tok_start : units[i].tok_end], m.cues, block_kind=m.block,
                    index=j, count=len(kept), central=central, relation=relation,
                    rule=units[i].rule, rel_pos=m.start / n_text, kind=kind)
        for m in mine:
            m.words = tuple(content_words(text[m.start : m.end], stop))
            out.append(m)
        if progress:
            progress(p.end, len(text))
    _skip_repeated_quotes(text, out)
    live = [i for i, m in enumerate(out) if not m.skip]
    central_words = centrality_scores([out[i].words for i in live])
    sims = np.zeros(len(live))
    known = np.zeros(len(live))
    semantic: list[dict[str, float]] = [{} for _ in live]
    if context is not None and live:
        live_texts = [text[out[i].start : out[i].end] for i in live]
        sims, known = context.similarity(live_texts, stop)
        if context.semantic is not None:
            from argmap.draft.embed import load

            encoder = load()
            if encoder is not None:
                vectors = encoder.encode(live_texts)
                semantic = context.semantic.features(vectors)
                for j, i in enumerate(live):
                    out[i].vector = vectors[j]
    for j, i in enumerate(live):
        m = out[i]
        m.features.update({"centrality": central_words[j], "map similarity": float(sims[j]),
                           "map vocabulary": float(known[j]), **semantic[j]})
        model = claim_model(m.features)
        m.p_claim = model(m.features) if model else _prior(m.features)
    return out


def _within_blocks(doc: Doc, units: list[Unit], bounds: Sequence[tuple[int, int]]) -> list[Unit]:
    """Units cut where a block ends: a unit never runs from one paragraph or line into the next
    (spaCy does not always end a sentence at a line break)."""
    out: list[Unit] = []
    for u in units:
        pieces = [(max(u.start, a), min(u.end, b)) for a, b in bounds if min(u.end, b) > max(u.start, a)]
        if not pieces:  # between the passage's blocks: a time stamp inside a turn
            continue
        if pieces == [(u.start, u.end)]:
            out.append(u)
            continue
        for k, (a, b) in enumerate(pieces):
            span = doc.char_span(a, b, alignment_mode="contract")
            kept = trim(doc, span.start, span.end) if span is not None else None
            if kept is None:
                continue
            span = doc[kept[0] : kept[1]]
            out.append(Unit(span.start_char, span.end_char, u.sent, u.rule if k == 0 else "line",
                            span.start, span.end))
    return out


def _relation_shape(p: Proposal, central: int) -> str:
    """What the rules made of a unit: support or attack, of the central claim or another unit."""
    return f"{p.type} of {'the central claim' if p.target == central else 'another unit'}"


def _prior(features: dict[str, float]) -> float:
    """Without learnt weights: passage central claims and marked units first."""
    if features.get("passage central"):
        return 0.6
    return 0.35 if features.get("lead:none") else 0.45


REPEATED_QUOTE = "quotes a sentence the text has already (a reply quoting an earlier post)"


def _plain(words: str) -> str:
    """A sentence without quote markers, case, spacing or a final full stop, to compare with
    ("AGI is five years away?" echoing a quote is no repeat of it)."""
    return " ".join(re.sub(r"(?m)^[ \t]*>+", " ", words).lower().split()).strip(" .\"'“”‘’")


def _skip_repeated_quotes(text: str, candidates: Sequence[Candidate]) -> None:
    """A forum reply quoting an earlier post ("> …") repeats its sentences: they are drafted
    where they were first written (and proposed there), not again under the reply."""
    said = {_plain(text[m.start:m.end]) for m in candidates if m.block != "quote" and not m.skip}
    for m in candidates:
        if m.block == "quote" and not m.skip and _plain(text[m.start:m.end]) in said:
            m.skip = REPEATED_QUOTE


def draft_text(
    text: str,
    nlp: Language | None = None,
    progress: ProgressFn | None = None,
    batch_size: int = 64,
    *,
    context: MapContext | None = None,
    floor: float = DRAFT_FLOOR,
    turns: bool = True,
) -> Draft:
    """Draft a whole source: structure → units → claims worth proposing → trees per passage."""
    candidates = analyse(text, nlp, context=context, progress=progress, batch_size=batch_size, turns=turns)
    return select(text, candidates, floor=floor)


def _answer_word(m: Candidate) -> str:
    return m.cues.lead[1] if m.cues.lead_class == "contrast" and m.cues.lead else m.cues.rejects


def _answers_the_other(first: Candidate, previous: tuple[str, int] | None) -> int | None:
    """The previous turn's central unit when ``first``, opening another speaker's turn, counters
    it ("But that ignores …", "Sure, but …", "I disagree"): a transcript's passages are its turns,
    and a marker at a turn's start points back across the change of speaker."""
    if previous is None or not first.speaker or not previous[0] or first.speaker == previous[0]:
        return None
    return previous[1] if first.cues.lead_class == "contrast" or first.cues.rejects else None


def select(text: str, candidates: Sequence[Candidate], *, floor: float = DRAFT_FLOOR) -> Draft:
    """The draft made of the candidates whose claim probability reaches ``floor``."""
    chosen = [m for m in candidates if not m.skip and m.p_claim >= floor]
    all_units: list[DraftUnit] = []
    all_relations: list[DraftRelation] = []
    first_central = 0
    by_passage: dict[int, list[Candidate]] = {}
    for m in chosen:
        by_passage.setdefault(m.passage, []).append(m)
    previous: tuple[str, int] | None = None  # the last passage's speaker and central unit
    for group in by_passage.values():
        structure = propose([m.cues for m in group], [m.sent for m in group])
        base = len(all_units)
        if not all_units:
            first_central = base + structure.central
        answer = _answers_the_other(group[0], previous)
        if answer is not None:  # the turn's first unit counters the previous speaker, not its own turn
            structure.relations[0] = Proposal(0, answer - base, "attack", CONFIDENCE["contrast"], [
                f"opens {group[0].speaker}'s turn with {_answer_word(group[0])!r}: counters the previous "
                "speaker's point"], "contrast across turns")
        previous = (group[0].speaker, base + structure.central)
        for j, m in enumerate(group):
            central = j == structure.central
            kind, why = claim_kind(m.cues, opponent=structure.roles[j] == "opp")
            evidence = [f"claim-worthiness {m.p_claim:.2f}"]
            model = claim_model(m.features)
            if model:  # why this unit rather than its neighbours: the text-wide features move all alike
                evidence += model.strongest({k: v for k, v in m.features.items() if k not in TEXT_WIDE})
            if m.block == "quote":
                evidence.append("in a quoted block: someone else's words; set the author who says them")
            if central:
                evidence.append("central claim of its passage (" + (
                    ", ".join(structure.central_evidence) or "best score") + ")")
            all_units.append(DraftUnit(
                start=m.start, end=m.end, text=text[m.start : m.end], kind=kind,
                role=structure.roles[j], central=central, confidence=round(m.p_claim, 2),
                evidence=evidence + [f"kind {kind}: {w}" for w in why], passage=m.passage,
                hedges=m.cues.hedges, speaker=m.speaker))
        all_relations.extend(
            DraftRelation(p.source + base, p.target + base, p.type, p.confidence, p.evidence, p.rule)
            for p in structure.relations.values())
    draft = Draft(text, all_units, all_relations, first_central)
    draft.verify()
    return draft
