"""A source's layout: paragraphs, headings, list items, quoted blocks, footnotes and boilerplate.

Sources come with paragraphs separated by blank lines, by single newlines (blog exports, the
hand-made sources here), or hard-wrapped at a fixed width; transcripts put one sentence on
each line. Reading a single newline as "same paragraph" turns an essay into one passage, and
reading it as "new paragraph" turns a transcript into hundreds of one-sentence passages, so
the line breaks are classified one by one:

- a blank line always ends a paragraph;
- in a text whose lines run long (not wrapped at a fixed width), every line is a paragraph;
- in a hard-wrapped text, a single newline ends one when the line before it ends a sentence
  or is a heading or list item, or the next line starts a list item or heading; otherwise it
  is a wrap inside a paragraph.

Passages (what the relation rules see as one short argument) are paragraphs, except that runs
of one-sentence paragraphs (transcripts, bullet-like prose) are grouped, a question starting
a new group (in an interview, the next turn), up to :data:`PASSAGE_CHARS`.

Headings start sections and are never units. Each block has a ``kind`` and, for boilerplate,
the reason it is not argument. In a transcript with speaker labels (``Tyler Cowen 00:01:25``
on a line of its own, or ``DWARKESH: …`` opening a line, recurring), the labels are blocks of
their own and every block after one carries its ``speaker``: a turn is never drafted as
another speaker's words, and a passage never runs from one turn into the next. Everything
after a "Comments" heading (a blog page saved as text or Markdown) is the comment thread,
other people's words, and is boilerplate too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

PASSAGE_CHARS = 1500
WRAP_WIDTH = 100  # characters: texts whose lines stay under this are hard-wrapped
HEADING_WORDS = 8  # a line this short with no sentence end, followed by a new line, is a title
BOILERPLATE_BLOCK = 200  # longer blocks are judged unit by unit (a thanks line, not a thankful paragraph)
MAX_PASSAGE = 3000  # characters; longer paragraphs are cut at sentence ends

SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[.!?…]\s*\[\d+\]\s*$")
LIST_RE = re.compile(r"^\s*(?:[-*•·‣◦]|\d{1,2}[.)]|\(?[a-z][.)]|\(\d{1,2}\))\s+")
MD_HEADING_RE = re.compile(r"^\s*#{1,6}\s+\S")
NUMBERED_HEADING_RE = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)\s+\S")
QUOTE_RE = re.compile(r"^\s*>\s?")
QUOTE_DEPTH_RE = re.compile(r"^\s*(?P<depth>>(?:\s?>)*)\s?")
WRAPPED_QUOTE = 40  # characters: a quoted line shorter than this was not wrapped, it ended there
FOOTNOTE_RE = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)]?\s*(?=\^)|\^\d{1,3})\s*")
SENTENCE_START = re.compile(r"^\s*[\"'“‘(\[]?[A-Z0-9#>*•\-]")
# A heading that opens a blog's comment thread: what follows is other people's words.
COMMENTS_HEADING_RE = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\d+\s+)?(?:reader\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?\s*$", re.I)
COMMENT_THREAD = "the comment thread (other people's words, not the author's)"
BEFORE_FIRST_TURN = "before the first speaker label (the page's description, not a speaker's words)"
AFTER_LAST_TURN = "after the dialogue (notes on the transcript, not a speaker's words)"
RULE_RE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")  # a horizontal rule: "---", "* * *"

# Speaker labels of a transcript: a name of one to four capitalised words with a time stamp or a
# colon, on its own line ("Tyler Cowen 00:01:25", "[00:01:25] Tyler Cowen", "DWARKESH:") or
# opening one ("Tyler Cowen: It's very hard…", "Lex Fridman (00:01:02): So…", "**0:39** ·
# HANNAH FRY: So…"); a time stamp alone may open a line too ("**52:35** · Some of the others…").
# A capital in any script ("ZOË ÅNGSTRÖM", "Łukasz"), not only A-Z: a speaker whose name has one
# was no label, and their words were drafted as another speaker's.
_UPPER = "".join(chr(c) for c in range(0x10000) if chr(c).isupper())
_NAME = rf"(?P<name>[{_UPPER}][\w.'’-]*(?:[ \t]++(?:[{_UPPER}][\w.'’-]*|de|van|von|der|da|al|bin|le)){{0,3}})"
_STAMP = r"(?:\*\*|__|\*|_)?[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?(?:\*\*|__|\*|_)?"
_LEAD = rf"[ \t]*+(?:{_STAMP}(?:[ \t]*+[·•|–—-])?[ \t]*+)?"  # a time stamp and a separator before the name
SPEAKER_LINE_RE = re.compile(  # a stamp or a closing colon tells a label from a heading
    rf"^(?=.*(?:\d:\d\d|:[ \t]*$)){_LEAD}{_NAME}[ \t]*+(?:{_STAMP}[ \t]*+)?:?[ \t]*+$")
SPEAKER_PREFIX_RE = re.compile(rf"^{_LEAD}{_NAME}[ \t]*+(?:{_STAMP}[ \t]*+)?:[ \t]++(?=\S)")
STAMP_PREFIX_RE = re.compile(rf"^[ \t]*+{_STAMP}(?:[ \t]*+[·•|–—-])?[ \t]++(?=\S)")
INLINE_LABEL_RE = re.compile(rf"(?:(?<=--)|(?<=[—.?!…]))[ \t]++{_NAME}:[ \t]++(?=\S)")
# Words that open a line with a colon without naming a speaker
NOT_SPEAKERS = frozenset({
    "abstract", "answer", "argument", "caveat", "chapter", "claim", "conclusion", "disclaimer", "edit",
    "example", "figure", "important", "introduction", "note", "objection", "part", "premise", "ps",
    "question", "reply", "response", "section", "source", "step", "summary", "table", "thesis", "tip",
    "tldr", "update", "warning"})
SPEAKER_TURNS = 3  # labels a text needs, by at least two names, before they are read as speakers

# A podcast's or video's advertisement: the show's sponsor, never its guests' argument ("a study
# sponsored by" is evidence, so only the show's own sponsorship and the offer's words count).
SPONSOR_READ = "a sponsor read"
SPONSOR = (r"\b(brought to you by|(episode|show|podcast|video|newsletter|post)(['’]s)? (is |are )?"
           r"(sponsored|supported|made possible) by|(word|message)s? from (our|today['’]s|this week['’]s)"
           r" sponsors?|(promo|discount|coupon) code|(\d+ ?%|\d+ percent|(ten|fifteen|twenty|twenty-five"
           r"|thirty|forty|fifty) percent) off)\b")
_SPONSOR_OPENING = re.compile(r"\W*[^.!?]*" + SPONSOR, re.I)  # in the first sentence of a turn

# Phrases that mark text about the text, the venue or the reader rather than about the topic.
BOILERPLATE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (why, re.compile(pattern, re.I))
    for why, pattern in (
        ("invites comments", r"\b(comments? (on this post )?(are|is) open|leave a comment|please discuss"
                             r"|let me know (what you think|in the comments)|join the discussion)"),
        ("subscription or sharing prompt", r"\b(subscribe|sign up|newsletter|share this|follow (me|us)"
                                           r"|click here|read more|buy (me|the book)|paid subscribers?"
                                           r"|upgrade to paid|support (this|my) work)\b"),
        ("acknowledgements", r"^\s*(thanks|thank you|many thanks|i am grateful|i'm grateful"
                             r"|special thanks|acknowledg)"),
        ("copyright or legal notice", r"(©|\bcopyright\b|all rights reserved|terms of (service|use)"
                                      r"|privacy policy|cookie)"),
        ("byline or date line", r"^\s*(by|posted by|written by|published|updated|last updated)\s"
                                r"[^.!?]{0,60}$"),
        ("navigation", r"^\s*(home|menu|search|next|previous|back to top|table of contents|contents"
                       r"|related( posts)?|see also|share|tweet|reply|skip to content)\s*:?\s*$"),
        ("outline of the text", r"\b(this (post|essay|article|piece) (has|is organi[sz]ed|covers|consists)"
                                r"|(the following|these) sections|in (the )?(next|following|previous)"
                                r" sections?|as (i|we) (said|wrote|discussed) (above|below|earlier)"
                                r"|(below|above),? i (will|'ll)|in this (post|essay|article),? (i|we)"
                                r" (will|'ll)|here'?s? (is )?(the|my) (plan|outline))"),
        ("self-promotion", r"\b(my (recent )?(coverage|podcast|book|course|newsletter)|(listen|watch)"
                           r" (on|at|here)|available (on|at) (spotify|youtube|apple))\b"),
        ("pointer to elsewhere", r"^\s*(from|via|source|see|h/t|hat tip|cf\.)\s*[^.!?]{0,60}:\s*$"),
        (SPONSOR_READ, SPONSOR),
    )
)


@dataclass(frozen=True)
class Block:
    """A paragraph-level piece of a text: ``text[start:end]``."""

    start: int
    end: int
    kind: str  # paragraph | heading | speaker | stamp | list | quote | footnote | boilerplate
    section: int  # index of the heading above it (0 before any heading)
    why: str = ""  # for boilerplate and headings: why it is not argument
    speaker: str = ""  # in a transcript with speaker labels: who says it, as the label names them


@dataclass(frozen=True)
class Passage:
    """Blocks drafted together as one short argument (``text[start:end]``)."""

    start: int
    end: int
    blocks: tuple[Block, ...]
    section: int


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its newline."""
    out, pos = [], 0
    for m in re.finditer(r"\r?\n|\r", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _split_at(lines: list[tuple[int, int]], cuts: list[int]) -> list[tuple[int, int]]:
    """Lines cut where a speaker label starts inside one (one pass over both sorted lists)."""
    out: list[tuple[int, int]] = []
    k = 0
    for a, b in lines:
        while k < len(cuts) and cuts[k] <= a:
            k += 1
        while k < len(cuts) and cuts[k] < b:
            out.append((a, cuts[k]))
            a = cuts[k]
            k += 1
        out.append((a, b))
    return out


def _words(line: str) -> int:
    return len(re.findall(r"[A-Za-z0-9]+(?:['’][a-z]+)?", line))


def is_title(line: str) -> bool:
    """The first line of a text, standing alone without a sentence end, is its title even when
    it reads like a clause ("Why the intelligence explosion is not around the corner"; a
    Markdown export's "# " is gone once ``add`` has made it text)."""
    s = line.strip()
    return (s[:1].isupper() and 0 < _words(s) <= 16 and not SENTENCE_END.search(s)
            and not s.endswith((",", ";", ":")) and not QUOTE_RE.match(s) and not LIST_RE.match(s))


def is_heading(line: str) -> bool:
    """A short line that is a title, not a sentence: no sentence end, few words."""
    s = line.strip()
    if not s or QUOTE_RE.match(s):
        return False
    if MD_HEADING_RE.match(s):
        return True
    words = _words(s)
    if words == 0 or words > 12 or SENTENCE_END.search(s) or s.endswith((",", ";")):
        return False
    if s.endswith(":"):
        return False  # a lead-in ("From Wikipedia:"), classified as a pointer or a paragraph
    if LIST_RE.match(s) and not NUMBERED_HEADING_RE.match(s):
        return False
    has_verb_like = re.search(r"\b(is|are|was|were|will|would|can|could|should|must|do|does|did|has|have"
                              r"|had|be|been|get|gets|make|makes)\b", s, re.I)
    capitalised = sum(1 for w in s.split() if w[:1].isupper()) / max(1, len(s.split()))
    return (bool(NUMBERED_HEADING_RE.match(s)) or not has_verb_like or capitalised > 0.6
            or words <= HEADING_WORDS)


def _label(line: str) -> tuple[str, int] | None:
    """(name, end of the label) when the line is or opens with a speaker label, ("", end) when
    it opens with a time stamp alone, else None."""
    m = SPEAKER_LINE_RE.match(line)
    whole = m is not None
    m = m or SPEAKER_PREFIX_RE.match(line)
    if m is None:
        stamp = STAMP_PREFIX_RE.match(line)
        return ("", stamp.end()) if stamp and any(c in stamp.group() for c in "*_[(·•|–—-") else None
    name = " ".join(m.group("name").split()).rstrip(".")
    if len(name) < 2 or re.sub(r"\W", "", name.lower()) in NOT_SPEAKERS:
        return None
    return name, len(line) if whole else m.end()


def speakers(text: str) -> dict[int, tuple[str, int]]:
    """The speaker labels of a transcript: where each starts -> (name, end of the label), or {}
    when the text has no recurring labels (at least :data:`SPEAKER_TURNS` of them, by two names
    or more, each named twice: a single "Note:" or "Kelly: …" in an essay is no transcript).

    A label usually opens a line; a name already seen as a label also opens a turn inside one
    ("… within these computational-- DEMIS HASSABIS: Well, …"). A time stamp opening a line
    without a name (name "") is cut off the turn it opens when stamps open three lines or more.
    """
    found: dict[int, tuple[str, int]] = {}
    for a, b in _lines(text):
        hit = _label(text[a:b])
        if hit is not None:
            found[a] = (hit[0], a + hit[1])
    counts: dict[str, int] = {}
    for name, _ in found.values():
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    named = {n for n, k in counts.items() if k >= 2 and n}
    stamped = sum(1 for _, end in found.values() if re.search(r"\d:\d\d", text[end - 40 : end]))
    stamps = stamped >= SPEAKER_TURNS  # time stamps open lines throughout: cut off the bare ones too
    if len(named) < 2 or sum(counts[n] for n in named) < SPEAKER_TURNS:
        return {a: v for a, v in found.items() if v[0] == ""} if stamps else {}
    # Inside the dialogue, a name labelled once in the form the speakers' labels take ("CAROL:"
    # among "ALICE:" and "BOB:") is a speaker too: a guest who speaks once; their words were
    # drafted as the previous speaker's.
    turns = [a for a, v in found.items() if v[0].casefold() in named]  # in line order
    first, last, shapes = turns[0], turns[-1], {_shape(found[a][0]) for a in turns}
    named |= {v[0].casefold() for a, v in found.items()
              if v[0] and counts[v[0].casefold()] == 1 and first < a < last and _shape(v[0]) in shapes}
    out = {a: v for a, v in found.items() if v[0].casefold() in named or (v[0] == "" and stamps)}
    written = {v[0] for v in out.values() if v[0]}
    for m in INLINE_LABEL_RE.finditer(text):  # a name, then looked up: linear however many speakers
        if m.group("name") in written:
            out[m.start("name")] = (m.group("name"), m.end())
    return dict(sorted(out.items()))


def _shape(name: str) -> tuple[bool, int]:
    """The form of a speaker label's name: in capitals or not, and how many words."""
    return name.isupper(), len(name.split())


def _ends_dialogue(line: str) -> bool:
    """A rule or a title ("---", "## Notes", "Transcript Notes"), not a short spoken line
    ("Thank you so much") that reads as a heading."""
    words = line.split()
    return bool(RULE_RE.match(line) or MD_HEADING_RE.match(line)) or (
        is_heading(line) and len(words) >= 2 and all(w[:1].isupper() or not w[:1].isalpha() for w in words))


def boilerplate_reason(line: str) -> str:
    """Why a line is about the text, venue or reader rather than the topic ("" when it is not)."""
    for why, pattern in BOILERPLATE:
        if pattern.search(line):
            return why
    return ""


def hard_wrapped(text: str) -> bool:
    """Whether the text is wrapped at a fixed width (nine lines in ten at most WRAP_WIDTH long)."""
    lengths = sorted(len(line) for line in text.splitlines() if line.strip())
    return bool(lengths) and lengths[int(0.9 * (len(lengths) - 1))] <= WRAP_WIDTH


def _quote_goes_on(prev: str, nxt: str) -> bool:
    """Whether two quoted lines are one wrapped sentence: the same depth of '>', the first long
    enough to have been wrapped and without a sentence end, the second no list item."""
    a, b = QUOTE_DEPTH_RE.match(prev), QUOTE_DEPTH_RE.match(nxt)
    if not (a and b) or a["depth"].replace(" ", "") != b["depth"].replace(" ", ""):
        return False
    first, second = prev[a.end():].rstrip(), nxt[b.end():].strip()
    return (len(first) >= WRAPPED_QUOTE and bool(second) and not SENTENCE_END.search(first)
            and not LIST_RE.match(second))


def _ends_paragraph(prev: str, nxt: str, wrapped: bool = True) -> bool:
    """Whether a single newline between these two lines separates paragraphs."""
    if not prev.strip() or not nxt.strip():
        return True
    if _quote_goes_on(prev, nxt):
        return False  # a quoted post's sentence goes on under its '>' however the text is wrapped
    if not wrapped:
        return True
    if LIST_RE.match(nxt) or MD_HEADING_RE.match(nxt) or QUOTE_RE.match(nxt) != QUOTE_RE.match(prev):
        return True
    if (is_heading(prev) and SENTENCE_START.match(nxt)) or (LIST_RE.match(prev) and SENTENCE_END.search(prev)):
        return True
    if prev.rstrip().endswith(":") and SENTENCE_START.match(nxt):
        return True
    return bool(SENTENCE_END.search(prev))


def blocks(text: str, turns: bool = True) -> list[Block]:
    """The text's blocks in order; every non-blank character is in exactly one block.

    ``turns=False`` for a text one author wrote (an essay): a chat it quotes ("User: …",
    "Assistant: …") is no transcript, and its labels would make the essay's own words before
    them no one's and after them the last label's."""
    labels = speakers(text) if turns else {}
    lines = _split_at(_lines(text), sorted(labels))
    wrapped = hard_wrapped(text)
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for a, b in lines:
        line = text[a:b]
        if not line.strip():
            if current:
                groups.append(current)
            current = []
            continue
        if current and (a in labels or current[-1][0] in labels
                        or _ends_paragraph(text[current[-1][0] : current[-1][1]], line, wrapped)):
            groups.append(current)
            current = []
        current.append((a, b))
    if current:
        groups.append(current)
    out: list[Block] = []
    section = 0
    comments = False
    speaker = ""
    first_turn = min((a for a, (name, _) in labels.items() if name), default=0)
    last_turn = max((a for a, (name, _) in labels.items() if name), default=len(text))
    after = False  # past the last turn, a heading or a rule ends the dialogue
    for group in groups:
        start, end = group[0][0], group[-1][1]
        labelled = start in labels
        if labelled:  # a turn begins: its label is a block, the words after it are the turn's
            name, start = labels[start]
            speaker = name or speaker  # a time stamp alone keeps the speaker
            label_end = start
            while label_end > group[0][0] and text[label_end - 1].isspace():
                label_end -= 1
            out.append(Block(group[0][0], label_end, "speaker" if name else "stamp", section,
                             "a speaker label" if name else "a time stamp", speaker))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        body = text[start:end]
        first = text[start : group[0][1]] if group[0][1] > start else body
        after = after or (start > last_turn and len(group) == 1 and _ends_dialogue(body))
        if len(group) == 1 and (is_heading(body) or (not out and is_title(body))) and not labelled:
            # ("So far." after a label is speech)
            section += 1
            comments = comments or bool(COMMENTS_HEADING_RE.match(body))
            out.append(Block(start, end, "heading", section, "a heading", speaker))
            continue
        why = COMMENT_THREAD if comments else boilerplate_reason(body) if len(body) < BOILERPLATE_BLOCK else ""
        if not why and _SPONSOR_OPENING.match(body):  # an ad read is the sponsor's turn, all of it
            why = SPONSOR_READ
        if start < first_turn or after:
            why = BEFORE_FIRST_TURN if start < first_turn else AFTER_LAST_TURN
        if why:
            kind = "boilerplate"
        elif QUOTE_RE.match(first):
            kind = "quote"
        elif FOOTNOTE_RE.match(first):
            kind, why = "footnote", "a footnote"
        elif LIST_RE.match(first):
            kind = "list"
        else:
            kind = "paragraph"
        out.append(Block(start, end, kind, section, why, speaker))
    return out


def comment_thread(text: str, turns: bool = True) -> int | None:
    """Where the heading that opens the text's comment thread starts (None without one)."""
    heading = None
    for b in blocks(text, turns):
        if b.kind == "heading":
            heading = b.start
        elif b.why == COMMENT_THREAD:
            return heading
    return None


def _single_sentence(text: str, b: Block) -> bool:
    body = text[b.start : b.end]
    return len(re.findall(r"[.!?…](?:\s|$)", body)) <= 1 and len(body) < 400


def passages(text: str, found: list[Block] | None = None) -> list[Passage]:
    """Blocks grouped into passages: paragraphs alone, runs of one-sentence blocks together."""
    found = blocks(text) if found is None else found
    out: list[Passage] = []
    run: list[Block] = []

    def flush() -> None:
        if run:
            out.extend(_cut(text, Passage(run[0].start, run[-1].end, tuple(run), run[0].section)))
            run.clear()

    for b in found:
        if b.kind == "stamp":  # a time stamp inside a turn: the words around it stay one passage
            continue
        if b.kind in ("heading", "speaker", "boilerplate", "footnote"):
            flush()
            continue
        short = _single_sentence(text, b) and b.kind in ("paragraph", "list")
        if not short:
            flush()
            out.extend(_cut(text, Passage(b.start, b.end, (b,), b.section)))
            continue
        question = text[b.start : b.end].rstrip().endswith("?")
        if run and (b.section != run[0].section or question
                    or b.end - run[0].start > PASSAGE_CHARS):
            flush()
        run.append(b)
    flush()
    return out


def _cut(text: str, p: Passage) -> Iterator[Passage]:
    """Over-long passages cut at sentence ends into pieces of at most ~MAX_PASSAGE."""
    start, end = p.start, p.end
    while end - start > MAX_PASSAGE:
        cut = None
        for m in re.finditer(r"(?<=[.!?])\s+|\n", text[start + MAX_PASSAGE // 2 : start + MAX_PASSAGE]):
            cut = m
        if cut is None:
            space = text.rfind(" ", start + 1, start + MAX_PASSAGE)
            at = nxt = space if space > start else start + MAX_PASSAGE
        else:
            at, nxt = start + MAX_PASSAGE // 2 + cut.start(), start + MAX_PASSAGE // 2 + cut.end()
        if text[start:at].strip():
            yield Passage(start, at, p.blocks, p.section)
        start = nxt
        while start < end and text[start].isspace():
            start += 1
    if text[start:end].strip():
        yield Passage(start, end, p.blocks, p.section)
