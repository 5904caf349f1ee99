"""A Markdown brief as a print-friendly HTML page, and that page printed to PDF by headless Chromium.

Not an output format of its own: the brief modules call it, so the page and the PDF show exactly
what the Markdown says (one text, three renderings). The Markdown is rendered by a CommonMark
parser with raw HTML switched off, so even text that escaped :mod:`argmap.export.mdtext` stays
text; the page carries no script, and a Content-Security-Policy meta tag forbids scripts and
every fetch, so it is offline and inert in any browser.

The PDF is printed by Debian's Chromium through Playwright (never a downloaded browser): A4,
page numbers in the footer, no block quote cut across a page break. Chromium's creation and
modification dates are fixed, so the same brief prints to the same bytes.
"""

from __future__ import annotations

import html
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from argmap.errors import ArgmapError

CHROMIUM = Path("/usr/bin/chromium")
INSTALL_CHROMIUM = "sudo apt-get install chromium"
INSTALL_PLAYWRIGHT = "pip install 'argmap[pdf]'"
LAYOUTS = ("brief", "versus")

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
_STYLE = """
@page { size: A4; }
html { font: 9.5pt/1.27 "Liberation Serif", "Times New Roman", Times, serif; color: #111; }
body { max-width: 48em; margin: 1.5em auto; padding: 0 1em; }
h1, h2, h3 { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; line-height: 1.2;
             break-after: avoid; }
h1 { font-size: 14pt; margin: 0 0 .4em; }
h2 { font-size: 11.5pt; margin: 1.1em 0 .35em; padding-bottom: .1em; border-bottom: 1px solid #888; }
h3 { font-size: 10.5pt; margin: .9em 0 .3em; }
p { margin: .25em 0; }
ul { margin: .2em 0; padding-left: 1.15em; }
li { margin: .22em 0; }
li > p:first-child { break-after: avoid; }
blockquote { margin: .15em 0 .2em .1em; padding: 0 0 0 .55em; border-left: 2.5px solid #777;
             font-style: italic; color: #222; break-inside: avoid; }
blockquote p { margin: 0; }
code { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 8pt; color: #444; }
em { font-style: italic; }
section.appendix { columns: 2; column-gap: 1.4em; font-size: 8.2pt; line-height: 1.2; }
section.appendix h2 { column-span: all; }
section.appendix li { break-inside: avoid; }
@media print { body { max-width: none; margin: 0; padding: 0; } }
"""
# the versus brief: each point's quotes, one list of two items under its heading (and the line
# saying whose claim it is), side by side
_VERSUS = """
h3 + ul, h3 + p + ul { display: grid; grid-template-columns: 1fr 1fr; column-gap: 1.4em; list-style: none;
          padding-left: 0; }
h3 + ul > li, h3 + p + ul > li { break-inside: avoid; }
"""
_FOOTER = ('<div style="font: 8pt Liberation Sans, Arial, sans-serif; width: 100%; text-align: center; '
           'color: #555;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>')
_DATES = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}(?:[+-]\d\d'\d\d')?")


def page(markdown: str, title: str, layout: str = "brief", appendix: str = "") -> str:
    """The Markdown as one self-contained, script-free HTML page that prints well.

    ``appendix``: Markdown that follows in small print, in two columns (reference lists).
    """
    from markdown_it import MarkdownIt

    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    parser = MarkdownIt("commonmark", {"html": False})
    body = parser.render(markdown)
    if appendix.strip():
        body += f'<section class="appendix">\n{parser.render(appendix)}</section>\n'
    style = _STYLE + (_VERSUS if layout == "versus" else "")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(' '.join(title.split()))}</title>\n<style>{style}</style>\n</head>\n"
            f"<body>\n{body}</body>\n</html>\n")


def pdf(page_html: str) -> bytes:
    """``page_html`` printed on A4 by headless Chromium, page numbers in the footer.

    Raises ArgmapError naming the install command when Chromium or Playwright is missing. The
    browser runs from a thread of its own: Playwright's synchronous API refuses a thread with an
    event loop (a notebook) or another Playwright session.
    """
    browser = chromium()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise ArgmapError(f"--format pdf drives Chromium through Playwright, which is not installed: "
                          f"run `{INSTALL_PLAYWRIGHT}` (it uses {CHROMIUM}; no browser is downloaded)") from None
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_print, browser, page_html).result()


def _print(browser: Path, page_html: str) -> bytes:
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=str(browser),
                                  args=["--headless", "--no-sandbox", "--disable-gpu",
                                        "--disable-background-networking", "--no-first-run"])
            try:
                context = b.new_context(java_script_enabled=False, offline=True)
                context.route("**/*", lambda route: route.abort())  # nothing leaves the machine
                tab = context.new_page()
                tab.set_content(page_html, wait_until="load")
                data = tab.pdf(format="A4", print_background=True, display_header_footer=True,
                               header_template="<span></span>", footer_template=_FOOTER,
                               margin={"top": "12mm", "bottom": "14mm", "left": "13mm", "right": "13mm"})
            finally:
                b.close()
    except Error as exc:
        raise ArgmapError(f"Chromium could not print the PDF: {str(exc).splitlines()[0]}") from None
    # fixed dates of the same length: the cross-reference offsets stay valid, equal briefs give equal bytes
    return _DATES.sub(lambda m: m[1] + b"20000101000000" + b"+00'00'"[: len(m[0]) - len(m[1]) - 14], data)


def chromium() -> Path:
    """Debian's Chromium, or an error that says how to install it."""
    if CHROMIUM.exists():
        return CHROMIUM
    found = shutil.which("chromium")
    if found:
        return Path(found)
    raise ArgmapError(f"--format pdf prints with Debian's Chromium, which is not installed: "
                      f"run `{INSTALL_CHROMIUM}`")
