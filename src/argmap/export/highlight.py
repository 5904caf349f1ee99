"""A text as the HTML that xAIF and OVA exchange: lines as ``<br>``, each quoted span a ``<span
class="highlighted" id="…">``; and the spans read back.

OVA highlights a span of its analysis text by wrapping it in such a span (``id="node<nodeID>"``);
xAIF (ARG-tech's oAMF) took the same markup for its ``text.txt``. :func:`marked` writes it for
xAIF and OVA, :func:`spans` reads it for the AIF loader.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

__all__ = ["marked", "spans"]


def marked(text: str, spans: list[tuple[int, int, str]], *, br_in_spans: bool = True) -> str:
    """``text`` as HTML with each (start, end, id) span marked.

    A span that crosses another (never nested in it) is closed and reopened around the
    crossing; the reopened part carries ``data-continues`` instead of a second id. Spans that
    do not overlap give flat markup, one ``<span>`` per span, which is all OVA's readers take.
    They also take a span's words only up to a tag in it: ``br_in_spans=False`` keeps a line
    break inside a span a newline character (a browser shows it as a space).

    >>> marked("a <b> c", [(2, 5, "7")])
    'a <span class="highlighted" id="7">&lt;b&gt;</span> c'
    >>> marked("a\\nb\\nc", [(2, 5, "7")], br_in_spans=False)
    'a<br><span class="highlighted" id="7">b\\nc</span>'
    """
    starts: dict[int, list[tuple[int, str]]] = {}
    ends: dict[int, set[str]] = {}
    for start, end, node in spans:
        starts.setdefault(start, []).append((end, node))
        ends.setdefault(end, set()).add(node)
    out: list[str] = []
    stack: list[str] = []
    at = 0
    for point in sorted({*starts, *ends, len(text)}):
        words = html.escape(text[at:point], quote=False)
        out.append(words if stack and not br_in_spans else words.replace("\n", "<br>"))
        at = point
        closing = ends.get(point, set()) & set(stack)
        reopen: list[str] = []
        while closing:
            top = stack.pop()
            out.append("</span>")
            if top in closing:
                closing.discard(top)
            else:
                reopen.append(top)
        for node in reversed(reopen):  # spans crossing the closed one go on after it
            stack.append(node)
            out.append(f'<span class="highlighted" data-continues="{html.escape(node)}">')
        for _, node in sorted(starts.get(point, []), key=lambda s: (-s[0], s[1])):  # outer first
            stack.append(node)
            out.append(f'<span class="highlighted" id="{html.escape(node)}">')
    return "".join(out)


def spans(markup: str) -> dict[str, str]:
    """Each marked span's id → its words (``<br>`` a line break); a span continued after a
    crossing (``data-continues``) gets its words joined, as the text has them.

    >>> spans('a<br><span class="highlighted" id="node7">b<br>&amp; c</span>')
    {'node7': 'b\\n& c'}
    """
    reader = _Spans()
    reader.feed(markup)
    reader.close()
    return {node: "".join(words) for node, words in reader.found.items()}


class _Spans(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []  # the span ids in force (None: a span that is no highlight)
        self.found: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.handle_data("\n")
        elif tag == "span":
            attr = dict(attrs)
            node = attr.get("id") or attr.get("data-continues")
            self.open.append(node)
            if node is not None:
                self.found.setdefault(node, [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for node in self.open:
            if node is not None:
                self.found[node].append(data)
