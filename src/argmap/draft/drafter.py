"""Source text → drafted claims and relations, each with a verified quote and offsets.

Long texts are drafted per passage (paragraph, or a chunk of a very long paragraph): the
rules model a short argument with one central claim, which is what a paragraph of an essay
or a turn of a transcript usually is. Relations stay inside a passage; cross-source links are
a separate step (``relate.link``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from argmap.draft.classify import Cues, claim_kind, cue, is_argumentative
from argmap.draft.nlp import PARSE_ONLY_DISABLED, load_nlp
from argmap.draft.relate import propose
from argmap.draft.segment import segment
from argmap.errors import ArgmapError

MAX_PASSAGE = 3000  # characters; longer paragraphs are cut at line or sentence ends
PARAGRAPH_RE = re.compile(r"\n[ \t]*\n\s*")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+|\n")

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


@dataclass
class DraftRelation:
    """A drafted relation between two units (indices into ``Draft.units``)."""

    source: int
    target: int
    type: str
    confidence: float
    evidence: list[str]


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


def passages(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of paragraphs, with over-long ones cut into chunks of ~MAX_PASSAGE."""
    pos = 0
    for m in [*PARAGRAPH_RE.finditer(text), None]:
        end = m.start() if m else len(text)
        yield from _chunks(text, pos, end)
        if m:
            pos = m.end()


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_PASSAGE:
        cut = None
        for m in SENTENCE_END_RE.finditer(text, start + MAX_PASSAGE // 2, start + MAX_PASSAGE):
            cut = m
        if cut is None:
            space = text.rfind(" ", start + 1, start + MAX_PASSAGE)
            at, nxt = (space, space + 1) if space > start else (start + MAX_PASSAGE,) * 2
        else:
            at, nxt = cut.start(), cut.end()
        if text[start:at].strip():
            yield start, at
        start = nxt
    if text[start:end].strip():
        yield start, end


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
        kind, why = claim_kind(c, central=central, opponent=opponent)
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
        DraftRelation(p.source, p.target, p.type, p.confidence, p.evidence)
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


def draft_text(
    text: str,
    nlp: Language | None = None,
    progress: ProgressFn | None = None,
    batch_size: int = 64,
) -> Draft:
    """Draft a whole source: passages → units → argumentative units → trees."""
    nlp = nlp or load_nlp()
    bounds = list(passages(text))
    total = len(text)
    all_units: list[DraftUnit] = []
    all_relations: list[DraftRelation] = []
    first_central = 0
    docs = nlp.pipe(
        (text[a:b] for a, b in bounds), batch_size=batch_size, disable=list(PARSE_ONLY_DISABLED)
    )
    for p_index, ((a, b), doc) in enumerate(zip(bounds, docs, strict=True)):
        segs = []
        for u in segment(doc):
            c = cue(doc[u.tok_start : u.tok_end])
            if is_argumentative(c):
                segs.append((u, c))
        if segs:
            spans = [(u.start, u.end) for u, _ in segs]
            units, relations, central = _structure(
                doc, spans, [u.sent for u, _ in segs], a, p_index, [c for _, c in segs]
            )
            base = len(all_units)
            if p_index == 0 or not all_units:
                first_central = base + central
            all_units.extend(units)
            all_relations.extend(
                DraftRelation(r.source + base, r.target + base, r.type, r.confidence, r.evidence)
                for r in relations
            )
        if progress:
            progress(b, total)
    draft = Draft(text, all_units, all_relations, first_central)
    draft.verify()
    return draft
