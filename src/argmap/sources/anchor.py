"""Finding a quote in its source text: the anchor every claim hangs on.

Quotes are typed by people into YAML, so matching forgives two things that do not change the
words: white space (a wrapped line matches a space) and quote style (' matches ’ and ‘, " matches
“ and ”). Nothing else is forgiven. The anchor always records the source's own characters.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from argmap.model import Anchor

CONTEXT = 32  # characters of prefix/suffix kept for oa:TextQuoteSelector

_SINGLE = "'’‘"
_DOUBLE = '"“”'


@lru_cache(maxsize=4096)
def quote_pattern(quote: str) -> re.Pattern[str]:
    """A regex that matches ``quote`` up to white space and quote style (the reference rule)."""
    parts: list[str] = []
    for ch in quote.strip():
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif ch in _SINGLE:
            parts.append(f"[{_SINGLE}]")
        elif ch in _DOUBLE:
            parts.append(f"[{_DOUBLE}]")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts))


# Every white-space character (as str.isspace and re's \s see it) becomes a space, every quote
# style the straight quote; runs of spaces then shrink to one. A quote is normalised the same
# way and found with str.find: the same matches as quote_pattern, without a regex per quote.
_FOLD = {chr(i): " " for i in range(0x3000 + 1) if chr(i).isspace() and chr(i) != " "}
_FOLD.update({c: "'" for c in _SINGLE if c != "'"} | {c: '"' for c in _DOUBLE if c != '"'})
_FOLDABLE = re.compile("[" + "".join(map(re.escape, _FOLD)) + "]")


def fold(text: str) -> str:
    """White space to spaces, quote styles to straight quotes (runs of spaces are kept).

    A regex finds the few characters that change: 9× faster than ``str.translate`` on long
    texts, which looks every character up in a table.
    """
    return _FOLDABLE.sub(lambda m: _FOLD[m.group()], text)

_RUNS = re.compile(r" {2,}")


class _Folded:
    """A text with white space and quotes folded, and the way back to the text's offsets."""

    def __init__(self, text: str) -> None:
        spaced = fold(text)
        self.breaks: list[int] = []  # folded offset of each shrunk run's single space
        self.shifts: list[int] = [0]  # characters dropped before and at each run
        parts, last = [], 0
        for m in _RUNS.finditer(spaced):
            parts.append(spaced[last:m.start() + 1])
            self.breaks.append(m.start() - self.shifts[-1])
            self.shifts.append(self.shifts[-1] + m.end() - m.start() - 1)
            last = m.end()
        parts.append(spaced[last:])
        self.text = "".join(parts)

    def offset(self, folded: int) -> int:
        """The text offset of a folded offset (the run's first character for a shrunk run)."""
        return folded + self.shifts[bisect_left(self.breaks, folded)]


@lru_cache(maxsize=8)
def _folded(text: str) -> _Folded:
    return _Folded(text)


@lru_cache(maxsize=256)
def find_all(text: str, quote: str) -> tuple[tuple[int, int], ...]:
    """Every (start, end) where ``quote`` occurs in ``text``, up to white space and quote style.

    Cached: a map quoting one sentence at each of its thousand occurrences (``occurrence: N``)
    searches the text once, not a thousand times.
    """
    needle = fold(" ".join(quote.split()))
    if not needle:
        return ()
    folded = _folded(text)
    spans, at = [], folded.text.find(needle)
    while at >= 0:
        end = at + len(needle)
        spans.append((folded.offset(at), folded.offset(end - 1) + 1))
        at = folded.text.find(needle, end)
    return tuple(spans)


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor of ``text[start:end]`` with its context and where a reader finds it."""
    layout = _layout(text)
    line = bisect_right(layout.line_starts, start) - 1
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT):start],
        suffix=text[end:end + CONTEXT],
        paragraph=layout.paragraph[line],
        line=line + 1,
        section=layout.section[line],
        section_line=layout.section_line[line],
    )


_TERMINAL = tuple(".!?:;,…\"”’)]")


class _Layout:
    """Per line of a text: its paragraph's number, the heading of its section, its place there.

    Paragraphs are blocks between blank lines, or single lines in a text without blank lines
    (threads and forum posts written one paragraph per line). A heading is a one-line block of
    at most 80 characters that does not end like a sentence.
    """

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        self.line_starts = [0]
        for ln in lines[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(ln) + 1)
        blank_separated = "\n\n" in text
        self.paragraph, self.section, self.section_line = [], [], []
        paragraph, section, since, previous_blank = 0, None, 0, True
        for i, ln in enumerate(lines):
            blank = not ln.strip()
            if not blank and (previous_blank or not blank_separated):
                paragraph += 1
                one_line = i + 1 == len(lines) or not lines[i + 1].strip()
                if blank_separated and previous_blank and one_line and _is_heading(ln):
                    section, since = ln.strip(), 0
            if not blank:
                since += 1
            self.paragraph.append(paragraph)
            self.section.append(section)
            self.section_line.append(since - 1 if section else since)
            previous_blank = blank


def _is_heading(line: str) -> bool:
    line = line.strip()
    return len(line) <= 80 and not line.endswith(_TERMINAL) and any(c.isalpha() for c in line)


@lru_cache(maxsize=8)
def _layout(text: str) -> _Layout:
    return _Layout(text)


def longest_found_prefix(text: str, quote: str) -> str:
    """The longest leading run of words of ``quote`` found in ``text``: a hint for a typo."""
    words = quote.split()
    lo, hi = 0, len(words)
    while lo < hi:  # binary search: if a prefix is found, every shorter one is too
        mid = (lo + hi + 1) // 2
        if find_all(text, " ".join(words[:mid])):
            lo = mid
        else:
            hi = mid - 1
    return " ".join(words[:lo])
