"""Re-derive sources/<id>/text.txt and source.yaml from the raw seeds, deterministically.

Usage: python scripts/derive_sources.py --seeds ../shared/seeds --out sources

The general clean-up lives in argmap.sources.textclean; this script adds the per-seed
boilerplate rules (page UI, embeds, ad reads) and writes each file atomically.
Re-running it must give byte-identical files: annotators quote these texts.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from argmap.files import write_atomic
from argmap.sources.add import source_yaml
from argmap.sources.textclean import (
    CleanResult,
    clean_text,
    count_suspicious,
    em_dashes_from_triple_hyphens,
    split_front_matter,
    strip_attribute_spans,
    strip_fenced_divs,
)


@dataclass
class Derived:
    """One derived source: metadata, the clean text and the derivation lines."""

    id: str
    seed: str
    title: str
    authors: list[str]
    date: str | None
    url: str | None
    kind: str
    text: str = ""
    derivation: list[str] = field(default_factory=list)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _describe(res: CleanResult, lossy_what: str = "") -> list[str]:
    """Turn the step counts of clean_text into derivation lines."""
    s = res.steps
    out: list[str] = []
    if s.get("ftfy"):
        out.append(f"ftfy (uncurl_quotes=False) repaired {_plural(s['ftfy'], 'complete mojibake sequence')}")
    if s.get("lossy_mojibake"):
        out.append(f"repaired {s['lossy_mojibake']} lossy mojibake markers by context{lossy_what}")
    out.append(
        f"suspicious mojibake characters (C1, U+FFFD, Â Ã â ā Ä Å €, Braille): "
        f"{res.suspicious_before} in the seed, {res.suspicious_after} after clean-up"
    )
    labels = {
        "html_tags": "removed {} HTML tags (kept their text)",
        "md_links": "replaced {} markdown links by their text",
        "md_images": "removed {} markdown images",
        "md_emphasis": "removed {} markdown emphasis markers (*...*, **...**)",
        "md_escapes": "unescaped {} markdown backslash escapes (\\' \\\")",
        "md_headings": "turned {} markdown headings into plain heading lines",
        "hyphens_joined": "joined {} PDF line-break hyphens (com- pute → compute)",
        "unwrapped": "unwrapped {} hard-wrapped lines (a line not ending a sentence joins the next)",
    }
    for key, label in labels.items():
        if s.get(key):
            out.append(label.format(s[key]))
    if res.kept_compounds:
        out.append(
            f"kept the hyphen of {len(res.kept_compounds)} compounds split at a line break: "
            + ", ".join(res.kept_compounds)
        )
    if s.get("whitespace"):
        out.append(f"normalised white space on {s['whitespace']} lines (LF, single spaces, no blank runs)")
    return out


# --------------------------------------------------------------------------- 000 bayeslord

_CAROUSEL_UI = (
    "Thread Truncated (Cap Enforced)",
    "Only the first 20 tweets are unrolled",
    "Canvas & Ratio",
    "Choose your destination platform format",
    "Layout Template",
    "Choose a content structure for your slides",
    "Preset Themes",
    "Typography & Sizing",
    "Brand Kit Customization",
    "AGENCYConfigure brand assets",
    "Outro Slide CTA",
    "Customize your closing call-to-action slide",
    "Background Pattern",
    "Build Your Carousel",
    "Drag and drop any post card",
)


def derive_bayeslord(raw: str, seed: str) -> Derived:
    d = Derived("bayeslord", seed, "", ["bayeslord"], None, None, "thread")
    lines = raw.split("\n")
    ui = [ln for ln in lines if ln.startswith(_CAROUSEL_UI)]
    body = "\n".join(ln for ln in lines if not ln.startswith(_CAROUSEL_UI))
    url_m = re.search(r'href="(https://x\.com/[^"]+/status/(\d+))"', body)
    if url_m:
        d.url = url_m.group(1)
        # An X status id is a snowflake: its top bits are milliseconds since 2010-11-04.
        from datetime import UTC, datetime

        ms = (int(url_m.group(2)) >> 22) + 1288834974657
        day = datetime.fromtimestamp(ms / 1000, UTC)
        if day.strftime("%B") == "June" and day.day == 4 and "posted on June 4th" in body:
            d.date = day.date().isoformat()
    body, n_markers = re.subn(r"(?m)^1\. ", "", body)
    res = clean_text(body, html=True, markdown=True)
    d.text = res.text
    headings = re.findall(r"(?m)^## (.+)$", body)
    d.title = "; ".join(headings)
    d.derivation = [
        f"removed {len(ui)} lines of carousel-app UI text at the top "
        f"('{_CAROUSEL_UI[0]}' … '{_CAROUSEL_UI[-1]} …')",
        f"removed {n_markers} '1. ' list markers (each tweet is its own paragraph)",
        *_describe(res, " (ā→’ “ ”; UTF-8 read as cp1257 with the continuation bytes lost)"),
    ]
    if d.date:
        d.derivation.append(
            f"date {d.date}: the intro says the thread was posted on June 4th; the year comes "
            "from the timestamp encoded in the status id of the thread URL it links"
        )
    d.derivation.append("title: made from the thread's section headings (it has no title)")
    return d


# --------------------------------------------------------------------------- 001 lambert

_FOOTNOTE_REF = re.compile(r"\[(\d+)\]\(#footnote-(?:anchor-)?\d+\)\{[^{}]*\}")
_RULE_BLOCK = re.compile(r"(?m)^<div>\n+-{4,}\n+</div>$")


def _join_footnote_label(text: str) -> tuple[str, int]:
    """Put a footnote's number in front of its text ("[1] Some of my ...")."""
    return re.subn(r"(?m)^(\[\d+\])\n+(?=\S)", r"\1 ", text)


_POST_LINK = re.compile(r"\(https://([a-z0-9.-]+)/p/[a-z0-9-]+[^)\s]*\)")


def substack_url(meta: dict[str, object], body: str) -> tuple[str | None, str]:
    """A Substack post's own address from its text: the slug of the front matter's ``post_id``
    (``<number>.<slug>``) on the publication's host, which is the host of the ``/p/`` posts the
    essay links most (its own earlier posts); None when the text does not say it twice."""
    post_id = str(meta.get("post_id") or "")
    hosts = [m.group(1) for m in _POST_LINK.finditer(body)]
    host = max(sorted(set(hosts)), key=hosts.count, default=None)
    if "." not in post_id or host is None or hosts.count(host) < 2:
        return None, "url: null (the text does not name its own address)"
    url = f"https://{host}/p/{post_id.split('.', 1)[1]}"
    return url, (f"url: the slug of post_id {post_id} on {host}, the publication host of the "
                 f"{hosts.count(host)} posts the essay links to (its own earlier posts)")


def derive_lambert(raw: str, seed: str) -> Derived:
    meta, body = split_front_matter(raw)
    url, url_note = substack_url(meta, body)
    d = Derived(
        "lambert",
        seed,
        str(meta.get("title", "")),
        ["lambert"],
        str(meta["date"]) if meta.get("date") else None,
        url,
        "essay",
    )
    body, fences, dropped = strip_fenced_divs(body, drop_classes=("embedded-post-wrap", "digest-post-embed"))
    body, n_rules = _RULE_BLOCK.subn("", body)
    body, n_fn = _FOOTNOTE_REF.subn(r"[\1]", body)
    body, n_attrs = strip_attribute_spans(body)
    body, n_dashes = em_dashes_from_triple_hyphens(body)
    res = clean_text(body, markdown=True, extra=[("footnote_labels", _join_footnote_label)])
    d.text = res.text
    subtitle = meta.get("subtitle")
    d.derivation = [
        "YAML front matter (title, subtitle, date, post_id, email_sent_at) moved to this metadata"
        + (f"; subtitle: {subtitle}" if subtitle else ""),
        "removed embed blocks (whole): " + ", ".join(dropped),
        f"removed {fences} pandoc fenced-div lines (:::)",
        f"removed {n_rules} horizontal rules (<div> ---- </div>)",
        f"kept {n_fn} footnote markers as [n] (reference and note); the note stays at the end",
        *([f"removed {n_attrs} pandoc attribute spans ({{.class}})"] if n_attrs else []),
        f"replaced {n_dashes} '---' by an em dash (—)",
        *_describe(res),
        url_note,
    ]
    return d


# --------------------------------------------------------------------------- 002 karpathy-podcast


@dataclass(frozen=True)
class AdRead:
    """An unmarked sponsor read: it starts at a known sentence and runs to the call to action."""

    sponsor: str
    starts: str  # the first sentence of the read (its opening line starts with it)
    keyword: re.Pattern[str]  # the sponsor must be named inside the block


#: A read ends with its call to action or legal disclaimer, right before a section heading.
_AD_END = re.compile(r"(\b(visit|reach out at)\b.*\.com\b|\bmembers FDIC\b)", re.I)

_ADS = (
    AdRead(
        "Labelbox",
        "One of the big problems with RL is that it's incredibly information sparse.",
        re.compile(r"label ?box", re.I),
    ),
    AdRead(
        "Mercury",
        "Okay, this is my general manager, Max.",
        re.compile(r"\bmercury\b", re.I),
    ),
)


def cut_ad_reads(lines: list[str], ads: tuple[AdRead, ...] = _ADS) -> tuple[list[str], list[str]]:
    """Remove each ad read: from its opening sentence to the last CTA line before the next heading."""
    notes: list[str] = []
    for ad in ads:
        starts = [k for k, ln in enumerate(lines) if ln.startswith(ad.starts)]
        if len(starts) != 1:
            raise SystemExit(f"ad read {ad.sponsor}: opening line found {len(starts)} times")
        start = starts[0]
        stop = next((k for k in range(start, len(lines)) if lines[k].startswith("#")), len(lines))
        ends = [k for k in range(start, stop) if _AD_END.search(lines[k])]
        if not ends:
            raise SystemExit(f"ad read {ad.sponsor}: no call to action before the next heading")
        end = ends[-1]
        block = lines[start : end + 1]
        if not any(ad.keyword.search(ln) for ln in block):
            raise SystemExit(f"ad read {ad.sponsor}: sponsor not named in the block")
        notes.append(
            f"removed the unmarked {ad.sponsor} ad read ({len(block)} seed lines, from "
            f"'{block[0]}' to '{block[-1]}')"
        )
        lines = lines[:start] + lines[end + 1 :]
    return lines, notes


def derive_karpathy(raw: str, seed: str) -> Derived:
    d = Derived("karpathy-podcast", seed, "", ["karpathy", "dwarkesh"], None, None, "transcript")
    pre = clean_text(raw)  # repair the title line's mojibake before reading metadata
    lines = raw.split("\n")
    title_line = next(k for k, ln in enumerate(lines) if ln.startswith("# "))
    d.title = lines[title_line][2:].strip()
    sub_k = next(k for k, ln in enumerate(lines) if ln.startswith("*Full podcast transcript"))
    sub = pre.text.split("\n")[
        next(k for k, ln in enumerate(pre.text.split("\n")) if ln.startswith("*Full podcast"))
    ].strip("*")
    head_end = next(k for k in range(sub_k, len(lines)) if lines[k].strip() == "---")
    lines = lines[head_end + 1 :]
    lines, ad_notes = cut_ad_reads(lines)
    body = "\n".join(lines)
    body = re.sub(r"(?m)(?<!\n\n)(?<=.)\n(## )", r"\n\n\1", body)  # a blank line before headings
    res = clean_text(body, markdown=True, unwrap=True)
    d.text = res.text
    d.derivation = [
        f"title line and '{sub}' line moved to this metadata; removed the '---' rule under them",
        *ad_notes,
        *_describe(res),
        "encoding: the seed's only mojibake (â€” for — in the subtitle line) sits in the "
        f"removed header; {count_suspicious(raw)} suspicious characters in the seed, "
        f"{res.suspicious_after} in text.txt",
        "the seed has no blank lines inside sections; a line that ends a sentence keeps its "
        "line break (utterance boundaries), wrapped continuations are joined",
        "speaker names are not marked in the seed; misheard words (e.g. 'Andre Karpathi', "
        "'cloud' for Claude) are kept as transcribed",
    ]
    return d


# --------------------------------------------------------------------------- 003 hunterjay


def derive_hunterjay(raw: str, seed: str) -> Derived:
    d = Derived("hunterjay", seed, "", ["hunterjay"], None, None, "forum-posts")
    lines = raw.split("\n")
    head: list[str] = []
    while lines and (
        "| hunterjay.com" in lines[0]
        or lines[0].strip() == "HunterJay"
        or lines[0].strip().endswith("’s Shortform")
    ):
        head.append(lines.pop(0))
    d.title = next((h for h in head if h.endswith("’s Shortform")), "HunterJay’s Shortform")
    res = clean_text("\n".join(lines))
    d.text = res.text
    d.derivation = [
        f"removed {len(head)} profile lines at the top (bio line, username, "
        f"'{d.title}' page title; the title is kept here)",
        *_describe(res),
        "post titles, prediction scores ('Leans True 7') and the flattened benchmark table are "
        "content and are kept as they are; formulas lost in the scrape (empty variable "
        'names, e.g. "Record layer ’s activations") cannot be restored',
    ]
    return d


# --------------------------------------------------------------------------- 004 aschenbrenner


#: Line-break hyphens inside text interleaved from two PDF columns ("align-" + "ment" is
#: elsewhere): joining them would invent a word.
_GARBLED_BREAKS = ("align- work",)


def derive_aschenbrenner(raw: str, seed: str) -> Derived:
    d = Derived("aschenbrenner", seed, "Situational Awareness", ["aschenbrenner"], None, None, "book-excerpt")
    res = clean_text(raw, pdf_hyphens=True, hyphen_skip=_GARBLED_BREAKS)
    d.text = res.text
    d.derivation = [
        *_describe(res, " (â→’ “ ” — –, âŚ→…, Braille ⢠→•; UTF-8 with continuation bytes lost)"),
        "left " + ", ".join(f"'{b}'" for b in _GARBLED_BREAKS) + " unjoined: the PDF "
        "extraction interleaved two columns there, so joining would invent a word",
        "excerpts are kept one per line as in the seed; bullet points and footnote numbers "
        "run into the text where the PDF extraction put them",
        "date: null (the seed names no date; the work was published in 2024)",
    ]
    return d


# --------------------------------------------------------------------------- writing

DERIVERS: dict[str, Callable[[str, str], Derived]] = {
    "000_": derive_bayeslord,
    "001_": derive_lambert,
    "002_": derive_karpathy,
    "003_": derive_hunterjay,
    "004_": derive_aschenbrenner,
}


def source_yaml_of(d: Derived) -> str:
    """source.yaml of a derived source, by argmap's one writer of that file."""
    return source_yaml(id=d.id, title=d.title, authors=d.authors, kind=d.kind, date=d.date, url=d.url,
                       derived_from=d.seed, derivation="\n".join(f"- {line}" for line in d.derivation))


def derive_all(seeds: Path, out: Path, seeds_ref: str = "../shared/seeds") -> list[Derived]:
    """Derive every seed that has a rule; returns what was written."""
    done: list[Derived] = []
    for seed in sorted(seeds.glob("*.txt")):
        fn = next((f for p, f in DERIVERS.items() if seed.name.startswith(p)), None)
        if fn is None:
            continue
        raw = seed.read_text(encoding="utf-8")
        d = fn(raw, f"{seeds_ref}/{seed.name}")
        write_atomic(out / d.id / "text.txt", d.text)
        write_atomic(out / d.id / "source.yaml", source_yaml_of(d))
        done.append(d)
    return done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=Path, default=Path("../shared/seeds"))
    ap.add_argument("--out", type=Path, default=Path("sources"))
    args = ap.parse_args(argv)
    for d in derive_all(args.seeds, args.out):
        print(f"{d.id}: {len(d.text)} chars, {count_suspicious(d.text)} suspicious")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
