"""Finding a quote in its source text: the anchor every claim hangs on.

Quotes are typed by people into YAML, so matching forgives two things that do not change the
words: white space (a wrapped line matches a space) and quote style (' matches ’ and ‘, " matches
“ and ”). Nothing else is forgiven. The anchor always records the source's own characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from argmap.model import Anchor

CONTEXT = 32  # characters of prefix/suffix kept for oa:TextQuoteSelector

_SINGLE = "'’‘"
_DOUBLE = '"“”'


@lru_cache(maxsize=4096)
def quote_pattern(quote: str) -> re.Pattern[str]:
    """A regex that matches ``quote`` up to white space and quote style."""
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


def find_all(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) where ``quote`` occurs in ``text``."""
    if not quote.strip():
        return []
    return [m.span() for m in quote_pattern(quote).finditer(text)]


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor of ``text[start:end]`` with its context."""
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT):start],
        suffix=text[end:end + CONTEXT],
    )


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
