"""Untrusted text (gists, quotes, names, theses) made safe and literal inside Markdown.

Source text goes into Markdown that people render with pandoc, GitHub or a CommonMark parser and
open in a browser, so it must never become HTML, a link, code, emphasis, math, attributes or a list.
The ASCII characters either syntax reads as markup inside a line are backslash-escaped (CommonMark
and pandoc both read ``\\<`` as a literal ``<``), and so are the ones that open a block at the start
of a line, pandoc's lettered and roman list markers included. Line breaks become spaces, and
characters that reorder or hide text (bidi controls, zero-width marks, control characters) are
dropped. What renders is exactly the words (pandoc may still curl an apostrophe or join ``--``
into a dash), and the Markdown source stays readable (no escapes on full stops or apostrophes).

>>> print(inline('<img src=x onerror=alert(1)> *bold* [link](javascript:x)'))
\\<img src=x onerror=alert(1)\\> \\*bold\\* \\[link\\](javascript:x)
>>> print(inline("# 1. not a heading"))
\\# 1. not a heading
>>> print(inline("a) not a list {onclick=alert(1)}"))
a\\) not a list \\{onclick=alert(1)\\}
"""

from __future__ import annotations

import re

# Markup anywhere in a line: escapes, code, emphasis, links and images (via [ ]), raw HTML and
# autolinks, entities, table cells, strikeout, pandoc's superscript and TeX math, pandoc's
# attributes ({#id .class onclick=...} after a heading would become HTML attributes), and the
# straight double quote, which pandoc's smart punctuation pairs with a curly one and eats a space.
_MARKUP = re.compile(r"([\\`*_\[\]<>&|~^${}\"])")
# Markup at the start of a block: headings, list items, setext underlines, fenced divs, numbered lists.
_LEADING = re.compile(r"^(\d*)([#+\-=:.)])")
# pandoc's fancy list markers: a), (a), iv., (iv) (the delimiter is escaped, and an opening parenthesis).
_FANCY = re.compile(r"^(\\?\()?([A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)")
# Characters that reorder or hide the text around them (bidi embeddings, overrides, isolates,
# zero-width joiners and marks) and control characters.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def inline(text: str) -> str:
    """``text`` as literal inline Markdown on one line."""
    escaped = _MARKUP.sub(r"\\\1", " ".join(_INVISIBLE.sub("", text).split()))
    escaped = _LEADING.sub(lambda m: m[1] + "\\" + m[2] if not m[1] or m[2] in ".)" else m[0], escaped)
    return _FANCY.sub(lambda m: ("\\(" if m[1] else "") + m[2] + "\\" + m[3], escaped)


def code(text: str) -> str:
    """``text`` (an id) as inline code: backticks inside are impossible in ids, but are dropped anyway."""
    return "`" + " ".join(text.replace("`", "").split()) + "`"


def blockquote(text: str, indent: str = "") -> list[str]:
    """Lines of a Markdown block quote of ``text`` (one paragraph), preceded by a blank line.

    The blank line matters: pandoc's default reader only starts a block quote after one, and
    would otherwise print the ``>`` literally.
    """
    return [indent.rstrip() if indent.strip() else "", f"{indent}> {inline(text)}"]
