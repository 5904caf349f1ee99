"""Markdown made from hostile sources stays text: rendered by pandoc and a CommonMark parser, opened in Chromium.

Every piece of source text (author names, thesis, gists, quotes, source titles, rationales, notes)
carries payloads: script tags, event handlers, ``javascript:`` links, raw HTML, pandoc attributes,
Markdown link and emphasis syntax, bidi overrides. The brief, the versus brief and graph/cruxes.md
are rendered by the permissive readers people use (pandoc's default Markdown reader and a
CommonMark parser, both with raw HTML allowed), and the pages are opened in headless Chromium with
the network blocked: no dialog may open, no script may run, no element may carry an event handler
or a ``javascript:`` URL, and the payloads must show as the literal text they are.
"""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from argmap import api
from argmap.analysis import Crux
from argmap.export import brief, report, versus
from argmap.model import Anchor, ArgMap, Author, Claim, Position, Relation, Source, Thesis
from tests import peers

PAYLOADS = (
    "<script>window.pwned='script'</script>",
    "<img src=x onerror=\"window.pwned='img';alert('img')\">",
    "[click me](javascript:window.pwned='link')",
    "<a href=\"javascript:alert('a')\">a link</a>",
    "<svg onload=alert('svg')></svg>",
    "<iframe src=\"javascript:alert('iframe')\"></iframe>",
    "<javascript:alert('autolink')>",
    "![pic](x\" onerror=\"alert('image'))",
    "{#x .y onmouseover=alert('attr') onclick=alert('attr')}",
    "[span]{onclick=alert('span')}",
    "`code` **bold** _em_ ~~gone~~ ^up^ ~down~ $x^2$ <!-- hidden -->",
    "<style>body{display:none}</style>",
    "\"><script>alert('quote')</script>",
    "&lt;script&gt;alert('entity')&lt;/script&gt;",
    "\u202eevil reversed\u202c and \u2066isolated\u2069 and zero\u200bwidth",
)
MARK = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200b]")


def hostile(i: int) -> str:
    """Text with two payloads, the second at the end (where pandoc reads a heading's {attributes})."""
    return f"Claim {i} says {PAYLOADS[i % len(PAYLOADS)]} and {PAYLOADS[(i + 5) % len(PAYLOADS)]}"


def hostile_map() -> ArgMap:
    """Two authors with hostile names, one hostile thesis, eight hostile claims in a small debate."""
    claims = tuple(Claim(f"c{i}", hostile(i), "s", ("eve", "mal")[i % 2], "premise",
                         Anchor(0, 1, hostile(i + 3), "", ""), (f"tag{i}",)) for i in range(8))
    links = [("c0", "thesis.x", "support"), ("c1", "thesis.x", "attack"), ("c2", "c0", "attack"),
             ("c3", "c2", "attack"), ("c4", "c3", "attack"), ("c5", "c1", "attack"), ("c6", "c0", "support"),
             ("c7", "c4", "support")]
    return ArgMap(
        authors=(Author("eve", f"Eve {PAYLOADS[0]}"), Author("mal", f"Mal {PAYLOADS[1]} (gloss {PAYLOADS[8]})")),
        sources=(Source("s", f"Title {PAYLOADS[2]} {PAYLOADS[8]}", ("eve",), "essay", "x" * 10),),
        theses=(Thesis("thesis.x", f"Thesis {PAYLOADS[1]} {PAYLOADS[14]} {PAYLOADS[8]}"),),
        claims=claims,
        relations=tuple(Relation(s, t, k, hostile(n + 1), "s", ("stated", "inferred")[n % 2])
                        for n, (s, t, k) in enumerate(links)),
        positions=(Position("eve", "thesis.x", "accept", "stated", "s", note=PAYLOADS[3]),
                   Position("mal", "thesis.x", "reject", "inferred", "s", note=PAYLOADS[4]),
                   Position("mal", "c0", "reject", "stated", "s", evidence="c1", note=PAYLOADS[5]),
                   Position("eve", "c1", "reject", "inferred", "s", note=PAYLOADS[6])),
    )


def markdowns() -> dict[str, str]:
    m = hostile_map()
    cruxes = [Crux(rank=i, claim=f"c{i}", thesis="thesis.x", score=0.5 / i, swing=0.4 / i, contest=1.0,
                   emove=0.0, explanation=hostile(i), converged=True, n_for=1, n_against=1) for i in range(1, 6)]
    held = {"side": "accepts", "basis": "declared", "standing": 0.3, "settled": 0.6}
    ways = {"authors": ["eve", "mal"], "names": {"mal": hostile(10)},
            "sides": [{"thesis": "thesis.x", "opposite": True, "eve": {"side": "accept", "basis": "declared"},
                       "mal": {"side": "reject", "basis": "derived", "standing": 0.2}}],
            "points": [
        {"claim": "c3", "thesis": "thesis.x", "kind": PAYLOADS[9], "score": 0.5, "double_crux": True,
         "explanation": hostile(9),
         "quotes": {"eve": {"claim": "c3", "text": hostile(2)}, "mal": None},
         "stances": {"eve": held, "mal": {**held, "side": "rejects", "basis": PAYLOADS[11]}},
         "chain": [{"from": "c3", "relation": "attacks", "to": "c0"},
                   {"from": "c0", "relation": PAYLOADS[12], "to": "thesis.x"}]}]}
    return {
        "brief": brief.dump(m, focus="thesis.x", cruxes=cruxes, standings={"thesis.x": {"eve": 0.7}}),
        "crux brief": brief.dump(m, crux=cruxes[1], crux_number=2, cruxes=cruxes),
        "versus brief": versus.dump(m, ways),
        "cruxes.md": report.render(m, api.analyze(m)),
    }


RENDERERS = {
    "pandoc": peers.pandoc_html,
    "commonmark": lambda text: MarkdownIt("commonmark", {"html": True}).render(text),  # raw HTML allowed
}


def page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>"


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], str]:
    return {(name, reader): render(text) for name, text in markdowns().items()
            for reader, render in RENDERERS.items()}


def test_no_bidi_or_invisible_marks_and_no_raw_html_survive_in_the_markdown():
    for name, text in markdowns().items():
        assert not MARK.search(text), name
        assert not re.search(r"(?<!\\)<[a-zA-Z/!]", text), name  # every < of the sources is escaped
        assert "](" not in text.replace("\\](", ""), name  # no link syntax outside escapes


@pytest.mark.parametrize("reader", list(RENDERERS))
def test_renderers_make_no_active_html_from_hostile_text(rendered, reader):
    for (name, used), html_text in rendered.items():
        if used != reader:
            continue
        assert not re.search(r"<(script|iframe|img|svg|style|a|object|embed|link|meta|base|form)\b", html_text,
                             re.I), (name, reader)
        assert not re.search(r"\son[a-z]+\s*=", re.sub(r">[^<]*<", "><", html_text), re.I), (name, reader)
        assert "javascript:" not in re.sub(r">[^<]*<", "><", html_text), (name, reader)


@pytest.mark.browser
def test_chromium_opens_every_rendering_without_a_dialog_a_script_or_a_request(rendered):
    pages = {key: page(body) for key, body in rendered.items()}
    m = hostile_map()
    pages[("brief", "brief-html")] = brief.dump_html(m, focus="thesis.x")
    pages[("versus brief", "brief-html")] = versus.dump_html(m, {"authors": ["eve", "mal"], "points": []})
    with peers.browser() as b:
        for key, html_text in pages.items():
            context = b.new_context()  # type: ignore[attr-defined]
            requests: list[str] = []
            dialogs: list[str] = []
            context.route("**/*", lambda route, seen=requests: (seen.append(route.request.url), route.abort()))
            tab = context.new_page()
            tab.on("dialog", lambda d, seen=dialogs: (seen.append(d.message), d.dismiss()))
            tab.set_content(html_text)
            for handle in tab.query_selector_all("h1, h2, h3, li, p, blockquote, td")[:200]:
                handle.hover()  # mouse-over handlers, if any had survived
            found = tab.evaluate("""() => ({
                pwned: window.pwned || null,
                handlers: [...document.querySelectorAll('*')].flatMap(e =>
                    [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + '@' + a.name)),
                urls: [...document.querySelectorAll('[href], [src], [action], [formaction]')].map(e =>
                    e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action')),
                active: document.querySelectorAll('script, iframe, img, svg, style:not(head style), a, object, '
                                                  + 'embed, form').length,
                text: document.body.innerText,
            })""")
            context.close()
            assert dialogs == [] and found["pwned"] is None, key
            assert found["handlers"] == [] and found["urls"] == [] and found["active"] == 0, key
            assert requests == [], key
            assert not MARK.search(found["text"]), key
            assert "<script>window.pwned=" in found["text"].replace("’", "'"), key  # shown, as text
