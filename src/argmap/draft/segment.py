"""Split a parsed text into argumentative units: sentences, then clause rules at connectives.

The rules (S1–S6 in ``docs/drafting-method.md``) split a sentence before a clausal
coordinator, around adverbial clauses of reason and concession, at "for" used as a
conjunction, before some continuative relative clauses and after semicolons and spaced
dashes. They never merge across sentences. Every unit keeps exact character offsets into
the parsed text, because units become quotes.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

COORDINATORS = frozenset({"but", "and", "yet", "so", "or", "nor"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
DISCOURSE_ADVERBS = frozenset(
    {
        "therefore", "thus", "hence", "also", "furthermore", "moreover", "consequently",
        "so", "even", "still", "nevertheless", "however",
    }
)
SUBORDINATORS = frozenset(
    {"because", "since", "as", "although", "though", "whereas", "unless", "while", "whilst"}
)
COMMA_ONLY_SUBORDINATORS = frozenset({"while", "whilst", "as"})
AS_IDIOM_NEXT = frozenset({"long", "well", "far", "soon", "if", "though", "to", "of", "for"})
WHICH_CONTINUATIONS = frozenset(
    {"is", "means", "would", "will", "may", "makes", "leads", "ultimately", "could", "shows"}
)
FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})
DASHES = frozenset({"-", "–", "—", "--"})
TRAILING_PUNCT = ",;:–—-"
MIN_WORDS = 3
TERMINAL = (".", "!", "?", "…", ":", ";", '"', "”", "'", "’", ")", "]")
LINE_MARKER_RE = re.compile(r"[-*•·‣◦–>]|\(?(?:\d{1,2}|[a-z])\s*[.)]")  # bullets, numbers, quote marks


@dataclass(frozen=True)
class Unit:
    """A candidate argumentative unit: ``doc.text[start:end]``, with the rule that opened it."""

    start: int
    end: int
    sent: int  # index of the sentence in the doc
    rule: str  # "sentence" or the split rule (S1..S6) at its left boundary
    tok_start: int
    tok_end: int


def _is_verbal(tok: Token) -> bool:
    # tags, not coarse POS: drafting skips the attribute ruler that maps tags to POS
    return tok.tag_.startswith("VB") or tok.tag_ == "MD"


def _s1(tok: Token, sent: Span) -> bool:
    """Clausal coordination: the conjoined verb has its own subject, an adverb, or ', but'."""
    if tok.lower_ not in COORDINATORS or tok.dep_ != "cc" or tok.i == sent.start:
        return False
    head = tok.head
    conjs = [c for c in head.children if c.dep_ == "conj" and c.i > tok.i and _is_verbal(c)]
    if not conjs:
        return False
    verb = conjs[0]
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return True
    between = tok.doc[tok.i + 1 : verb.i + 1]
    if any(t.lower_ in DISCOURSE_ADVERBS for t in between):
        return True
    prev = tok.doc[tok.i - 1]
    return prev.text == "," and tok.lower_ in ("but", "yet")


def _as_idiom(tok: Token, sent: Span) -> bool:
    """'as long as', 'as well as', 'such as', 'as ... as' and friends are not boundaries."""
    doc = tok.doc
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < sent.end else ""
    prev = doc[tok.i - 1].lower_ if tok.i > sent.start else ""
    if nxt in AS_IDIOM_NEXT or prev in ("such", "as", "so", "just"):
        return True
    window = doc[max(sent.start, tok.i - 5) : tok.i]
    return any(t.lower_ == "as" for t in window)


def _s2(tok: Token, sent: Span) -> int | None:
    """Adverbial clause of reason/concession/contrast: the split point, or None."""
    word = tok.lower_
    if word not in SUBORDINATORS or tok.dep_ not in ("mark", "advmod"):
        return None
    head = tok.head
    if head.dep_ != "advcl":
        return None
    if word == "as" and _as_idiom(tok, sent):
        return None
    doc = tok.doc
    left = head.left_edge.i
    if left > tok.i:
        left = tok.i
    if left > sent.start:
        if word in COMMA_ONLY_SUBORDINATORS and doc[left - 1].text != ",":
            return None
        return left
    # fronted clause ("Although X, Y"): split after the clause and its comma
    right = head.right_edge.i + 1
    if right < sent.end and doc[right].text == ",":
        right += 1
    return right if sent.start < right < sent.end else None


def _s3(tok: Token, sent: Span) -> bool:
    """', even if', ', even though', 'so that'."""
    doc = tok.doc
    if tok.i == sent.start or tok.i + 1 >= sent.end:
        return False
    nxt = doc[tok.i + 1].lower_
    if tok.lower_ == "even" and nxt in ("if", "though"):
        return doc[tok.i - 1].text == ","
    return tok.lower_ == "so" and nxt == "that"


def _s4(tok: Token, sent: Span) -> bool:
    """'for' as a conjunction: 'for' + pronoun + finite verb."""
    doc = tok.doc
    if tok.lower_ != "for" or tok.i == sent.start or tok.i + 2 >= sent.end:
        return False
    pron, verb = doc[tok.i + 1], doc[tok.i + 2]
    return pron.tag_ in ("PRP", "EX") and verb.tag_ in FINITE_TAGS


def _s5(tok: Token, sent: Span) -> bool:
    """', which' opening a continuative relative clause that states a consequence."""
    doc = tok.doc
    if tok.lower_ != "which" or tok.i == sent.start or doc[tok.i - 1].text != ",":
        return False
    if tok.i + 1 >= sent.end:
        return False
    nxt = doc[tok.i + 1].lower_
    if nxt == "in" and tok.i + 2 < sent.end and doc[tok.i + 2].lower_ == "turn":
        return True
    return nxt in WHICH_CONTINUATIONS


def _s6(tok: Token, sent: Span) -> bool:
    """After ';' and spaced dashes (the split goes after the token)."""
    if tok.i + 1 >= sent.end:
        return False
    if tok.text == ";":
        return True
    if tok.text in DASHES and tok.i > sent.start:
        return bool(tok.whitespace_) and bool(tok.doc[tok.i - 1].whitespace_)
    return False


def split_points(sent: Span) -> dict[int, str]:
    """Token indices (absolute) before which ``sent`` is split, with the rule's name."""
    points: dict[int, str] = {}
    for tok in sent:
        if _s1(tok, sent):
            points.setdefault(tok.i, "S1")
        at = _s2(tok, sent)
        if at is not None:
            points.setdefault(at, "S2")
        if _s3(tok, sent):
            points.setdefault(tok.i, "S3")
        if _s4(tok, sent):
            points.setdefault(tok.i, "S4")
        if _s5(tok, sent):
            points.setdefault(tok.i, "S5")
        if _s6(tok, sent):
            points.setdefault(tok.i + 1, "S6")
    return {i: r for i, r in points.items() if sent.start < i < sent.end}


def _line_marker(doc: Doc, i: int, last: int) -> int:
    """How many tokens from ``i`` make a list item's or quoted line's marker ("-", "•", "2.",
    "(b)", ">") at the start of a line: 0 when there is none. A claim quotes the words, not
    the bullet."""
    before = doc[i - 1] if i > 0 else None
    if before is not None and not (before.is_space and ("\n" in before.text or "\r" in before.text)):
        return 0
    for n in (1, 2, 3):
        if i + n < last and LINE_MARKER_RE.fullmatch(doc[i : i + n].text):
            return n
    return 0


def trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Drop a line's list or quote marker, trailing separators and surrounding space; None if
    nothing is left."""
    while last > first and (doc[last - 1].is_space or doc[last - 1].text in TRAILING_PUNCT):
        last -= 1
    while first < last and doc[first].is_space:
        first += 1
    if first < last:
        first += _line_marker(doc, first, last)
    while first < last and doc[first].is_space:
        first += 1
    return (first, last) if last > first else None


def _words(doc: Doc, first: int, last: int) -> int:
    return sum(1 for t in doc[first:last] if not t.is_punct and not t.is_space)


def segment(doc: Doc, *, clauses: bool = True) -> list[Unit]:
    """The units of a parsed doc, in text order, with character offsets into ``doc.text``.

    ``clauses=False`` keeps whole sentences: the clause splits (S1–S6) are made for short
    argumentative texts, and a long text's hand-made claims never end inside a sentence.
    """
    units: list[Unit] = []
    for s_index, sent in enumerate(doc.sents):
        points = split_points(sent) if clauses else {}
        bounds = [sent.start, *sorted(points), sent.end]
        pieces: list[tuple[int, int, str]] = []
        for a, b in itertools.pairwise(bounds):
            trimmed = trim(doc, a, b)
            if trimmed is None:
                continue
            rule = points.get(a, "sentence")
            pieces.append((trimmed[0], trimmed[1], rule))
        merged: list[tuple[int, int, str]] = []
        for piece in pieces:
            if merged and _words(doc, piece[0], piece[1]) < MIN_WORDS:
                first, _, rule = merged[-1]
                merged[-1] = (first, piece[1], rule)
            else:
                merged.append(piece)
        if len(merged) > 1 and _words(doc, merged[0][0], merged[0][1]) < MIN_WORDS:
            first = merged.pop(0)
            merged[0] = (first[0], merged[0][1], first[2])
        for first, last, rule in merged:
            if _words(doc, first, last) == 0:
                continue
            span = doc[first:last]
            units.append(
                Unit(span.start_char, span.end_char, s_index, rule, first, last)
            )
    return _rejoin(doc, units)


ABBREVIATION_END_RE = re.compile(r"\b(?:etc|e\.g|i\.e|vs|cf|al|approx|esp|incl)\.$", re.I)


def _rejoin(doc: Doc, units: list[Unit]) -> list[Unit]:
    """Glue back a sentence the parser started mid-line and mid-sentence ("presents a long |
    and, I believe, somewhat confused argument", "tools, etc. | you have available"): it begins
    in lower case after a unit that ends without a sentence end (or with an abbreviation's
    point), and not with a subordinator the split rules would keep."""
    out: list[Unit] = []
    for u in units:
        prev = out[-1] if out else None
        ends = doc.text[prev.start : prev.end].rstrip() if prev is not None else ""
        if (prev is not None and u.rule == "sentence" and u.sent != prev.sent
                and not doc.text[prev.end : u.start].count("\n")
                and (not ends.endswith(TERMINAL) or ABBREVIATION_END_RE.search(ends))
                and doc[u.tok_start].is_lower and doc[u.tok_start].lower_ not in SUBORDINATORS):
            out[-1] = Unit(prev.start, u.end, prev.sent, prev.rule, prev.tok_start, u.tok_end)
        else:
            out.append(u)
    return out
