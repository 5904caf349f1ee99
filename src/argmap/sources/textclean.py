"""Reusable, pure text clean-up for source texts (no I/O).

Sources arrive as scraped web pages, markdown exports, PDF extractions and
transcripts. Quotes are later checked verbatim against the cleaned text, so every
step here only removes markup or repairs encoding damage; none rephrases. Each step
returns the new text together with a count of what it changed, so a derivation can
say exactly what was done.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import ftfy

from argmap.sources.yamlio import YamlError, parse

__all__ = [
    "CleanResult",
    "clean_text",
    "count_suspicious",
    "detect_lossy_marker",
    "em_dashes_from_triple_hyphens",
    "html_to_text",
    "join_pdf_hyphens",
    "normalize_whitespace",
    "repair_encoding",
    "repair_lossy_mojibake",
    "split_front_matter",
    "strip_attribute_spans",
    "strip_fenced_divs",
    "strip_markdown_emphasis",
    "strip_markdown_escapes",
    "strip_markdown_headings",
    "strip_markdown_html",
    "strip_markdown_links",
    "unwrap_hard_wraps",
]

# --------------------------------------------------------------------------- encoding

#: Characters that almost never occur in clean English text but do in mojibake:
#: C1 controls, U+FFFD, the lead characters of UTF-8 read as cp1252/latin-1/cp1257,
#: the euro sign (from the 0x80 continuation byte) and Braille (from a dropped byte).
_SUSPICIOUS = re.compile("[\u0080-\u009f\ufffd\u00c2\u00c3\u00e2\u0101\u00c4\u00c5\u20ac\u2800-\u28ff]")


def count_suspicious(text: str) -> int:
    """Count characters that signal mojibake (used to measure before/after a repair)."""
    return len(_SUSPICIOUS.findall(text))


_SUSPICIOUS_RUN = re.compile(_SUSPICIOUS.pattern + "+")


def _count_char_edits(before: str, after: str) -> int:
    """How many mojibake sequences a repair removed: runs of suspicious characters before
    minus after, and at least one when the text changed. Linear: aligning the characters of
    each changed line (difflib) took cubic time on a line of mojibake (133 s for 8 KB)."""
    if before == after:
        return 0
    return max(1, len(_SUSPICIOUS_RUN.findall(before)) - len(_SUSPICIOUS_RUN.findall(after)))


def repair_encoding(text: str) -> tuple[str, int]:
    """Repair complete mojibake with ftfy, keeping typographic quotes.

    ``uncurl_quotes=False`` matters: ftfy's default turns every ’ “ ” into ASCII,
    which would change hundreds of characters of clean text.
    """
    fixed = ftfy.fix_text(text, uncurl_quotes=False)
    return fixed, _count_char_edits(text, fixed)


_LOSSY_MARKERS = ("\u00e2", "\u0101")  # â (UTF-8 read as cp1252/latin-1), ā (as cp1257)
_CONTRACTION = r"(?:s|t|re|ve|ll|d|m|ing)(?![^\W\d_])"


def detect_lossy_marker(text: str) -> str | None:
    """Return the lone lead byte left by lossy mojibake (``â`` or ``ā``), if the text has one.

    Lossy mojibake is UTF-8 punctuation (’ “ ” — …) decoded in a single-byte code page
    with its two continuation bytes dropped, so only the lead character survives. The
    signature is at least two English contractions spelt with the marker ("donâ t"
    without the space); requiring it keeps the repair away from real French or
    Latvian text, where â and ā are letters.
    """
    best: tuple[int, str] | None = None
    for marker in _LOSSY_MARKERS:
        hits = len(re.findall(rf"[A-Za-z]{marker}{_CONTRACTION}", text))
        if hits >= 2 and (best is None or hits > best[0]):
            best = (hits, marker)
    return best[1] if best else None


def _repair_marker_line(line: str, m: str) -> tuple[str, int]:
    """Replace every lone marker ``m`` in one line by the punctuation its context implies."""
    out: list[str] = []
    open_quote = False
    n = 0
    i = 0
    contraction = re.compile(_CONTRACTION)
    # the last marker that could close a quote (after a non-space, not before a contraction),
    # found once: searching the rest of the line at every marker took quadratic time
    closers = [c.start() for c in re.finditer(rf"(?<=\S){re.escape(m)}(?!{_CONTRACTION})", line)]
    last_closer = closers[-1] if closers else -1
    while i < len(line):
        ch = line[i]
        if ch != m:
            out.append(ch)
            i += 1
            continue
        prev = line[i - 1] if i > 0 else ""
        nxt = line[i + 1] if i + 1 < len(line) else ""
        before_contraction = contraction.match(line, i + 1) is not None
        n += 1
        if nxt == "\u015a":  # â + Ś: "…" whose 0x80 byte was dropped
            out.append("\u2026")
            i += 2
            continue
        if prev.isdigit() and nxt.isdigit():
            rep = "\u2013"  # 3–6
        elif prev.isalpha() and nxt.isalpha():
            if open_quote and not before_contraction:
                rep, open_quote = "\u201d", False  # “RSI”pilled
            elif before_contraction:
                rep = "\u2019"  # don’t, it’s, we’re
            else:
                rep = "\u2014"  # obstacles—but
        elif prev == ")" and nxt.isalnum():
            rep = "\u2014"  # efficiencies)—with
        elif (not prev or prev.isspace() or prev in "([{—–-/") and nxt and not nxt.isspace():
            if last_closer >= i + 2:  # a later marker, not the next character, can close it
                rep, open_quote = "\u201c", True
            else:
                rep = "\u2014"  # nothing could close a quote: an excerpt opening on a dash
        elif prev and not prev.isspace():
            if open_quote:
                rep, open_quote = "\u201d", False
            elif prev.isalpha() and (not nxt or nxt.isspace()):
                rep = "\u2019"  # plural possessive: labs’ edge
            else:
                rep = "\u201d"
        else:
            rep = "\u2014"  # a marker between spaces: a spaced dash
        out.append(rep)
        i += 1
    return "".join(out), n


def repair_lossy_mojibake(text: str, marker: str | None = None) -> tuple[str, int]:
    """Repair lossy mojibake (lone ``â``/``ā`` markers) by context; no-op without the signature.

    ftfy cannot repair it (the bytes are gone), so the punctuation is inferred:
    digit-X-digit → –, letter-X-contraction → ’, an unclosed “ then letter-X-letter → ”,
    other letter-X-letter → —, X before a word → “ (or — if no later X can close it),
    X after a word closes an open “ or, after a plural, is an apostrophe;
    ``XŚ`` → …, Braille U+2800–28FF (a dropped byte of •) → •.
    """
    marker = marker or detect_lossy_marker(text)
    if marker is None:
        return text, 0
    total = 0
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if marker in line:
            lines[k], n = _repair_marker_line(line, marker)
            total += n
    fixed = "\n".join(lines)
    fixed, n_bullets = re.subn("[\u2800-\u28ff]", "\u2022", fixed)
    return fixed, total + n_bullets


# --------------------------------------------------------------------------- PDF, wrapping

#: Words that often follow a real hyphen in compounds ("drop-in", "AGI-level"): a
#: line-break hyphen before them is kept rather than joined.
COMPOUND_HEADS = frozenset(
    [
        "in",
        "out",
        "up",
        "off",
        "on",
        "level",
        "based",
        "like",
        "equivalent",
        "powered",
        "scale",
        "term",
        "time",
        "wide",
        "free",
        "specific",
        "driven",
        "related",
        "oriented",
        "style",
        "run",
        "class",
    ]
)
_SUSPENDED = frozenset({"and", "or", "to", "nor", "vs"})
_HYPHEN_BREAK = re.compile(r"(?<!\w)([^\W_][\w]*)- ([^\W\d_][\w]*)(-?)")


def join_pdf_hyphens(
    text: str,
    *,
    lexicon: Iterable[str] = (),
    heads: Iterable[str] = COMPOUND_HEADS,
    skip: Iterable[str] = (),
) -> tuple[str, int, list[str]]:
    """Join words split by a PDF line-break hyphen ("com- pute" → "compute").

    A real compound split at its hyphen ("drop- in", "AGI- level", "wafer- on-substrate")
    keeps the hyphen (only the space goes); a suspended hyphen ("pre- and post-") is left
    alone, and so is any exact ``"left- right"`` in ``skip`` (text garbled by a
    multi-column layout, where joining would invent a word). The document itself is
    the first lexicon: a form seen elsewhere unbroken decides.
    Returns the text, the number joined and the compounds kept.
    """
    words = {w.lower() for w in re.findall(r"[\w-]+", text)}
    words |= {w.lower() for w in lexicon}
    heads = frozenset(h.lower() for h in heads)
    skipped = frozenset(skip)
    joined = 0
    kept: list[str] = []

    def fix(mt: re.Match[str]) -> str:
        nonlocal joined
        left, right, tail = mt.group(1), mt.group(2), mt.group(3)
        if right.lower() in _SUSPENDED or f"{left}- {right}" in skipped:
            return mt.group(0)
        hyphenated, solid = f"{left}-{right}".lower(), f"{left}{right}".lower()
        if solid in words:
            keep = False
        elif hyphenated in words:
            keep = True
        else:
            keep = (
                tail == "-"
                or any(c.isdigit() for c in left)
                or (len(left) > 1 and left.isupper())
                or right.lower() in heads
            )
        if keep:
            kept.append(f"{left}-{right}")
            return f"{left}-{right}{tail}"
        joined += 1
        return f"{left}{right}{tail}"

    fixed = _HYPHEN_BREAK.sub(fix, text)
    return fixed, joined, kept


_TERMINAL = re.compile(r"[.!?…:;\"”’')\]]$")


def _is_block_start(line: str) -> bool:
    return bool(re.match(r"(#{1,6} |[-*•] |\d+[.)] |> |\|)", line))


def unwrap_hard_wraps(text: str, *, terminal: re.Pattern[str] = _TERMINAL) -> tuple[str, int]:
    """Join a line with the next when it was cut mid-sentence by a fixed-width wrap.

    A line that ends with sentence punctuation keeps its break (in transcripts these
    breaks are utterance boundaries); blank lines, headings and list items are never
    joined. Returns the text and the number of joins.
    """
    out: list[list[str]] = []  # each output line as its pieces: joined once, in linear time
    joins = 0
    for line in text.split("\n"):
        last = out[-1] if out else None
        if (
            last is not None
            and last[-1].strip()
            and line.strip()
            and not _is_block_start(last[0])
            and not _is_block_start(line)
            and not terminal.search(last[-1].rstrip())
        ):
            last[-1] = last[-1].rstrip()
            last.append(line.lstrip())
            joins += 1
        else:
            out.append([line])
    return "\n".join(" ".join(pieces) for pieces in out), joins


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
_UNICODE_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")


def normalize_whitespace(text: str) -> tuple[str, int]:
    """LF line ends, plain spaces, no leading/trailing or doubled spaces, no blank-line runs.

    Returns the text and the number of lines whose spacing changed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    # a form feed (pdftotext's page break) or vertical tab breaks a line; other controls and
    # lone surrogates go: `check` refuses them in text.txt, so `add` must not write them
    text = _CONTROLS.sub("", text.replace("\f", "\n").replace("\v", "\n"))
    changed = 0
    lines = []
    for line in text.split("\n"):
        new = re.sub(" {2,}", " ", _UNICODE_SPACES.sub(" ", line)).strip(" ")
        changed += new != line
        lines.append(new)
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return (out + "\n" if out else ""), changed


# --------------------------------------------------------------------------- HTML

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "pre",
        "hr",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "head", "noscript", "template"})


class _TextExtractor(HTMLParser):
    """Collect text, turning block elements into line breaks and dropping scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.tags = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        self.tags += 1
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


_LOOKS_LIKE_TAG = re.compile(r"</?[A-Za-z][\w-]*(\s[^<>]*)?/?>")


_STRAY_LT = re.compile(r"<(?![A-Za-z/!?])|<(?=/(?![A-Za-z]))")  # a "<" that opens no tag


def html_to_text(text: str) -> tuple[str, int]:
    """Turn HTML (or text with inline HTML) into plain text; returns text and tags removed.

    Text without anything that looks like a tag is returned unchanged, so a literal
    ``<1 year`` in plain text is never eaten by the parser.
    """
    if not _LOOKS_LIKE_TAG.search(text):
        return text, 0
    parser = _TextExtractor()
    parser.feed(_STRAY_LT.sub("&lt;", text))  # the stdlib parser is quadratic on runs of "</"
    parser.close()
    return "".join(parser.parts), parser.tags


# --------------------------------------------------------------------------- markdown

_URL = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
# link text holds no bracket, so a run of "[" is read in linear time (it took 11 s on 60,000)
_IMAGE = re.compile(r"!\[[^\[\]]*\]" + _URL + r"(?:\{[^{}]*\})?")
_LINK = re.compile(r"(?<!!)\[([^\[\]]*)\]" + _URL)


def strip_markdown_links(text: str) -> tuple[str, int, int]:
    """Drop images and replace ``[text](url)`` by its text; returns text, links, images."""
    text, n_images = _IMAGE.subn("", text)
    text, n_links = _LINK.subn(r"\1", text)
    return text, n_links, n_images


_SPAN = re.compile(r"\[([^\[\]]*)\]\{[.#][^{}]*\}")
_ATTRS = re.compile(r"\{[.#][\w-][^{}]*\}")


def strip_attribute_spans(text: str) -> tuple[str, int]:
    """Remove pandoc attributes: ``[text]{.class}`` → text and bare ``{.class k=v}``."""
    text, n1 = _SPAN.subn(r"\1", text)
    text, n2 = _ATTRS.subn("", text)
    return text, n1 + n2


_FENCE = re.compile(r"^(:{3,})\s*(.*)$")


def strip_fenced_divs(text: str, drop_classes: Iterable[str] = ()) -> tuple[str, int, list[str]]:
    """Remove pandoc fenced-div lines (``:::``); drop whole divs whose class is listed.

    Returns the text, the number of fence lines removed and, for each dropped div,
    ``"<class> (<n> lines)"``.
    """
    drop = set(drop_classes)
    out: list[str] = []
    stack: list[bool] = []  # True for a div being dropped
    fences = 0
    dropped: list[str] = []
    start = 0
    for k, line in enumerate(text.split("\n")):
        mt = _FENCE.match(line)
        if mt and mt.group(2):  # opening fence: ::: cls  or ::: {.cls attrs}
            fences += 1
            cm = re.match(r"\{\s*\.([\w-]+)", mt.group(2)) or re.match(r"([\w-]+)", mt.group(2))
            cls = cm.group(1) if cm else ""
            dropping = (bool(stack) and stack[-1]) or cls in drop
            if dropping and not (stack and stack[-1]):
                start = k
                dropped.append(cls)
            stack.append(dropping)
            continue
        if mt:  # closing fence
            fences += 1
            if stack:
                was = stack.pop()
                if was and not (stack and stack[-1]):
                    dropped[-1] = f"{dropped[-1]} ({k - start + 1} lines)"
            continue
        if not (stack and stack[-1]):
            out.append(line)
    return "\n".join(out), fences, dropped


# An emphasised span never holds its own delimiter, so a line of unmatched openers is read in
# linear time (``(.+?)`` took 16 s on 80,000 characters of "**a ").
_STRONG = re.compile(r"(?<![\w*\\])\*\*(?=[^\s*])([^\n*]+?)(?<=[^\s*])\*\*(?![\w*])")
_EM = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^\n*]+?)(?<=[^\s*\\])\*(?![\w*])")
# underscores mark emphasis only at word edges (CommonMark): snake_case and x_1 stay
_USTRONG = re.compile(r"(?<![\w\\])__(?=[^\s_])([^\n_]+?)(?<=[^\s_\\])__(?!\w)")
_UEM = re.compile(r"(?<![\w\\])_(?=[^\s_])([^\n_]+?)(?<=[^\s_\\])_(?!\w)")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")


def strip_markdown_emphasis(text: str) -> tuple[str, int]:
    """Remove ``**strong**``, ``*emphasis*``, ``__strong__`` and ``_emphasis_`` markers,
    keeping the words."""
    total = 0
    for _ in range(3):  # nested emphasis ("**a *b* c**") comes off one level per pass
        found = 0
        for pattern in (_STRONG, _EM, _USTRONG, _UEM):
            text, n = pattern.subn(r"\1", text)
            found += n
        total += found
        if not found:
            break
    return text, total


def strip_markdown_html(text: str) -> tuple[str, int]:
    """Remove raw HTML tags and comments that Markdown lets through (``<center>``, ``<img …>``),
    keeping the text between them."""
    parts, n, at = [], 0, 0
    while (start := text.find("<!--", at)) >= 0:  # comments by search: an unclosed one ends it
        end = text.find("-->", start + 4)
        if end < 0:
            break
        parts.append(text[at:start])
        at, n = end + 3, n + 1
    text, tags = _HTML_TAG.subn("", "".join(parts) + text[at:])
    return text, n + tags


def strip_markdown_escapes(text: str) -> tuple[str, int]:
    r"""Unescape markdown backslash escapes (``\'`` → ``'``, ``\"`` → ``"``, ``\*`` → ``*``)."""
    return re.subn(r"\\([\\'\"*_\[\]()#.!`{}<>|~-])", r"\1", text)


def strip_markdown_headings(text: str) -> tuple[str, int]:
    """Turn ``## Heading`` into a plain heading line ``Heading``."""
    return re.subn(r"(?m)^#{1,6}[ \t]+", "", text)


def em_dashes_from_triple_hyphens(text: str) -> tuple[str, int]:
    """Pandoc writes an em dash as ``---``; a line of only hyphens (a rule) is left alone."""
    return re.subn(r"(?<=[^\s-])---(?=[^-])|(?<= )---(?= )|(?<=[^\s-])---(?= )", "\u2014", text)


def split_front_matter(text: str) -> tuple[dict, str]:
    """Split YAML front matter (``---`` … ``---`` at the very top) from the body."""
    mt = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not mt:
        return {}, text
    try:  # the project's one YAML reader: no aliases, depth capped, dates kept as text
        data = parse(mt.group(1)) or {}
    except YamlError:  # not front matter after all (or broken): the text stays as it is
        return {}, text
    if not isinstance(data, dict) or not all(isinstance(k, str) and re.fullmatch(r"[\w-]+", k) for k in data):
        return {}, text  # "---", "The point is this: …", "---" opening an essay is its text: keys are words
    return data, text[mt.end() :]


# --------------------------------------------------------------------------- pipeline


@dataclass
class CleanResult:
    """The cleaned text and, per step that changed something, a count of the changes."""

    text: str
    steps: dict[str, int] = field(default_factory=dict)
    suspicious_before: int = 0
    suspicious_after: int = 0
    kept_compounds: list[str] = field(default_factory=list)


def clean_text(
    raw: str,
    *,
    html: bool = False,
    markdown: bool = False,
    pdf_hyphens: bool = False,
    unwrap: bool = False,
    hyphen_skip: Iterable[str] = (),
    extra: Iterable[tuple[str, Callable[[str], tuple[str, int]]]] = (),
) -> CleanResult:
    """Run the general clean-up steps in a safe order and record what each changed.

    Encoding repair always runs (ftfy, then the lossy-marker rule only if ftfy left
    the signature). The other steps are opt-in because they suit only some inputs:
    ``html`` for scraped pages, ``markdown`` for exports, ``pdf_hyphens`` and
    ``unwrap`` for PDF or fixed-width text. ``extra`` steps run just before the final
    whitespace normalisation.
    """
    res = CleanResult(text=raw, suspicious_before=count_suspicious(raw))
    text = raw.replace("\r\n", "\n").replace("\r", "\n")

    def record(name: str, n: int) -> None:
        if n:
            res.steps[name] = res.steps.get(name, 0) + n

    text, n = repair_encoding(text)
    record("ftfy", n)
    text, n = repair_lossy_mojibake(text)
    record("lossy_mojibake", n)
    if html:
        text, n = html_to_text(text)
        record("html_tags", n)
    if markdown:
        text, n_links, n_images = strip_markdown_links(text)
        record("md_links", n_links)
        record("md_images", n_images)
        text, n = strip_markdown_html(text)
        record("md_html", n)
        text, n = strip_markdown_emphasis(text)
        record("md_emphasis", n)
        text, n = strip_markdown_escapes(text)
        record("md_escapes", n)
        text, n = strip_markdown_headings(text)
        record("md_headings", n)
    if pdf_hyphens:
        text, n, kept = join_pdf_hyphens(text, skip=hyphen_skip)
        record("hyphens_joined", n)
        record("hyphens_kept", len(kept))
        res.kept_compounds = kept
    if unwrap:
        text, n = unwrap_hard_wraps(text)
        record("unwrapped", n)
    for name, fn in extra:
        text, n = fn(text)
        record(name, n)
    text, n = normalize_whitespace(text)
    record("whitespace", n)
    res.text = text
    res.suspicious_after = count_suspicious(text)
    return res
