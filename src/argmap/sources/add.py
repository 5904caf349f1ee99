"""Adding new sources: txt/md/html/pdf files cleaned and stored as ``sources/<id>/``.

The text is stored exactly as the hand-made sources are (``text.txt`` + ``source.yaml``), so
``argmap check`` and the drafter treat it like any other source. A web page keeps only its
main content (trafilatura drops navigation, bylines, ads, comment sections and footers, which
would otherwise be drafted as the author's positions); a PDF's text comes from pypdf, with
line-end hyphens joined and hard wraps undone. The encoding is the one the file names (a
byte-order mark, an HTML ``<meta charset>`` or an XML declaration), else UTF-8 unless
``--encoding`` says otherwise, and it is recorded in ``source.yaml``. A source's id is its
first author's name and its title, slugged (``--author "Jane Doe" --title "An essay"`` →
``jane-doe-an-essay``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path

from argmap.errors import ArgmapError, display_path
from argmap.files import write_atomic
from argmap.model import SOURCE_KINDS
from argmap.sources.drafts import author_entries
from argmap.sources.layout import AUTHORS_FILE, SLUG_RE, SOURCE_FILE, TEXT_FILE, slugify
from argmap.sources.loader import iri_problem, is_iso_date
from argmap.sources.loader import shown as shown_value
from argmap.sources.yamlio import YamlError, append_items, dump, parse

READ_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                 ".html": "html", ".htm": "html", ".pdf": "pdf"}
DECLARED_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
                         rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


class SourceFileError(ArgmapError):
    """A file given to ``add`` cannot be read as a text; the message names the file."""


def source_yaml(
    *, id: str, title: str, authors: Sequence[str], kind: str, date: str | None = None,
    url: str | None = None, derived_from: str | None = None, derivation: str | None = None,
    encoding: str | None = None,
) -> str:
    """``source.yaml`` in the hand-written layout: the one writer of that file.

    >>> print(source_yaml(id="demo", title="A demo", authors=["alice"], kind="essay"), end="")
    id: demo
    title: "A demo"
    authors: [alice]
    date: null
    url: null
    kind: essay
    """
    lines = [f"id: {id}", f"title: {json.dumps(title, ensure_ascii=False)}",
             f"authors: [{', '.join(authors)}]", f"date: {date or 'null'}",
             f"url: {_scalar(url)}", f"kind: {kind}"]
    if derived_from:
        lines.append(f"derived_from: {_scalar(derived_from)}")
    if encoding:
        lines.append(f"encoding: {_scalar(encoding)}")
    if derivation:
        lines += ["derivation: |", *(f"  {line}" if line else "" for line in derivation.rstrip("\n").split("\n"))]
    return "\n".join(lines) + "\n"


def _scalar(value: str | None) -> str:
    """A value as a plain YAML scalar when it reads back unchanged, else double-quoted."""
    if value is None:
        return "null"
    try:
        if value.strip() == value and parse(f"k: {value}\n") == {"k": value}:
            return value
    except YamlError:
        pass
    return json.dumps(value, ensure_ascii=False)


def read_source_file(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """The file's text and the encoding it was read with; clear errors for a missing, empty,
    binary or undecodable file."""
    shown = display_path(path)
    if not path.is_file():
        raise SourceFileError(f"{shown}: no such file")
    raw = path.read_bytes()
    if not raw.strip():
        raise SourceFileError(f"{shown}: the file is empty")
    head = raw[:8192]
    bom16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if not bom16 and (b"\x00" in head or controls > len(head) * 0.05):
        raise SourceFileError(f"{shown}: looks like a binary file, not text (txt, md, html or pdf)")
    if encoding is None:
        declared = DECLARED_RE.search(head)
        name = (declared.group(1) or declared.group(2)).decode("ascii") if declared else ""
        if bom16:
            encoding = "utf-16"
        elif head.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8-sig"
        elif name:
            encoding = name.lower()
        else:
            encoding = "utf-8"
    try:
        return raw.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise SourceFileError(
            f"{shown}: cannot decode as {encoding} (byte 0x{raw[exc.start]:02x} at offset "
            f"{exc.start}); unknown encoding: re-save it as UTF-8 or name its encoding"
        ) from exc
    except LookupError as exc:
        raise SourceFileError(f"{shown}: unknown encoding {encoding!r}") from exc


def read_pdf(path: Path) -> str:
    """The text of a PDF, page by page (pypdf); an error naming the file when it has none."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    shown = display_path(path)
    try:
        pages = [page.extract_text() or "" for page in PdfReader(path).pages]
    except (PdfReadError, OSError, ValueError) as exc:
        raise SourceFileError(f"{shown}: not a readable PDF ({exc})") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise SourceFileError(f"{shown}: the PDF has no text layer (scanned pages need OCR first)")
    return text


def main_content(html: str) -> tuple[str | None, dict[str, str]]:
    """A page's main text (paragraphs on their own lines) and its title/author/date, or None
    when trafilatura finds no main content."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               include_links=False, include_images=False, favor_precision=True,
                               deduplicate=True)
    meta = trafilatura.extract_metadata(html)
    info = {}
    if meta is not None:
        for key in ("title", "author", "date"):
            value = getattr(meta, key, None)
            if value:
                info[key] = str(value)
    return (text if text and text.strip() else None), info


def _input_format(path: Path, text: str) -> str:
    fmt = READ_SUFFIXES.get(path.suffix.lower(), "text")
    if fmt == "text" and re.match(r"\s*<(!doctype html|html|head|body)\b", text, re.I):
        return "html"
    return fmt


def _resolve_authors(sources_dir: Path, authors: Sequence[str]) -> tuple[list[str], list[dict]]:
    """Author ids for the given ids or names; unknown names become new authors.yaml entries.

    A new name whose id is already another author's is refused, not credited to them: "Zoe
    Angstrom" and "Zoë Ångström" give one id."""
    known = author_entries(sources_dir)
    ids, new = [], []
    for given in authors:
        given = given.strip()
        if not given:
            continue
        found = next((a.id for a in known if a.matches(given)), None)
        if found is None:
            found = slugify(given, 8)
            holder = next((a.name for a in known if a.id == found), None) or next(
                (n["name"] for n in new if n["id"] == found), None)
            if holder is None:
                new.append({"id": found, "name": given})
            elif holder.casefold() != given.casefold():
                raise SourceFileError(
                    f"author {given!r} would get the id {found!r}, which is {holder}'s: give {found!r} "
                    f"if that is them, else add {given} to {AUTHORS_FILE} with an id of their own and give it")
        ids.append(found)
    if not ids:
        raise SourceFileError("a source needs at least one author (--author)")
    return ids, new


def _append_authors(sources_dir: Path, new: list[dict]) -> None:
    """Append new authors to authors.yaml as text, keeping what is there."""
    path = sources_dir / AUTHORS_FILE
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    items = dump(new)
    text, _ = append_items(old, "authors", items, path)
    write_atomic(path, text)


def default_id(authors: Sequence[str], title: str, sources_dir: Path) -> str:
    """``<first author's name>-<title>``, slugged, as the README documents."""
    known = author_entries(sources_dir)
    first = next((a.strip() for a in authors if a.strip()), "")
    name = next((a.name for a in known if a.matches(first)), first)
    return slugify(f"{name} {title}", 10)[:80].rstrip("-")  # a file name stays well under 255 bytes


def add_source(
    path: str | Path,
    sources_dir: str | Path = "sources",
    *,
    title: str | None = None,
    authors: str | Sequence[str],
    date: str | dt.date | None = None,
    url: str | None = None,
    kind: str = "other",
    source_id: str | None = None,
    encoding: str | None = None,
) -> Path:
    """Clean a txt/md/html/pdf file and store it as ``sources/<id>/``; returns that folder.

    Without a title, the document's own (an HTML title, a Markdown export's front matter, a first
    heading) or the file's name.
    """
    from argmap.sources.textclean import clean_text, split_front_matter  # ftfy loads in 0.3 s

    path, sources_dir = Path(path), Path(sources_dir)
    shown = display_path(path)
    author_list = [authors] if isinstance(authors, str) else list(authors)
    if kind not in SOURCE_KINDS:
        raise SourceFileError(f"{shown}: unknown kind {kind!r} (expected one of: "
                            f"{', '.join(SOURCE_KINDS)})")
    when = date.isoformat() if isinstance(date, dt.date) else date.strip() if date is not None else None
    if when is not None and not is_iso_date(when):  # as source.yaml takes it: a month or a year will do
        raise SourceFileError(f"{shown}: date {when!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    if path.suffix.lower() == ".pdf":
        raw, used, fmt = read_pdf(path), "pdf", "pdf"
    else:
        raw, used = read_source_file(path, encoding)
        fmt = _input_format(path, raw)
    found: dict[str, str] = {}
    extracted = None
    front = ""
    if fmt == "html":
        extracted, found = main_content(raw)
    elif fmt != "pdf":  # a Markdown export's YAML header is metadata, not the author's words
        # "--encoding utf-8" keeps a byte-order mark before the "---"
        meta, body = split_front_matter(raw.removeprefix("\ufeff").replace("\r\n", "\n"))
        if meta:
            raw, front = body, f" YAML front matter ({len(meta)} keys) dropped from the text;"
            found = {k: str(v) for k, v in (("title", meta.get("title")),
                                            ("date", meta.get("date") or meta.get("published")),
                                            ("url", meta.get("url") or meta.get("source_url")))
                     if isinstance(v, (str, dt.date)) and str(v).strip()}
    if extracted is not None:
        result = clean_text(extracted)
        how = "main content extracted with trafilatura (navigation, bylines, ads, footers dropped)"
    else:
        result = clean_text(raw, html=fmt == "html", markdown=fmt == "markdown",
                            pdf_hyphens=fmt == "pdf", unwrap=fmt == "pdf")
        how = "all text kept" if fmt != "html" else "no main content found: all page text kept"
    text = result.text.strip("\n") + "\n"
    if not text.strip():
        raise SourceFileError(f"{shown}: no text left after cleaning")
    if when is None and is_iso_date(found.get("date", "")):  # "2025-02-30" in a front matter is no date
        when = found["date"]
    title = title or found.get("title") or _first_heading(text) or path.stem.replace("-", " ").replace("_", " ")
    title = " ".join(re.sub("[\x00-\x1f\x7f]", " ", title).split())  # one line, as check reads it
    if not url and found.get("url") and not iri_problem(found["url"]):
        url = found["url"]
    if url and (why := iri_problem(url)):
        raise SourceFileError(f"{shown}: url {shown_value(url)} is not a web address: {why}")
    source_id = source_id or default_id(author_list, title, sources_dir)
    if not SLUG_RE.match(source_id) or source_id.startswith("thesis"):
        raise SourceFileError(f"{shown}: source id {source_id!r} is not a slug ([a-z0-9-]+)")
    folder = sources_dir / source_id
    if folder.exists():
        raise SourceFileError(f"{shown}: duplicate source id {source_id!r}: "
                            f"{display_path(folder)} already exists (choose another id)")
    author_ids, new_authors = _resolve_authors(sources_dir, author_list)
    steps = ", ".join(f"{k} {v}" for k, v in result.steps.items()) or "none needed"
    derivation = (f"Added with `argmap add` from a {fmt} file ({used});{front} {how}.\n"
                  f"Clean-up steps (changes): {steps}.\n")
    try:  # a path beside the sources, else the file's name: never this machine's absolute path
        derived = str(Path(path.resolve()).relative_to(sources_dir.resolve().parent))
    except ValueError:
        derived = path.name
    folder.mkdir(parents=True)
    try:
        write_atomic(folder / TEXT_FILE, text)
        write_atomic(folder / SOURCE_FILE, source_yaml(
            id=source_id, title=title, authors=author_ids, kind=kind,
            date=when, url=url, derived_from=derived,
            derivation=derivation, encoding=used))
        if new_authors:
            _append_authors(sources_dir, new_authors)
    except BaseException:
        for f in (folder / TEXT_FILE, folder / SOURCE_FILE):
            f.unlink(missing_ok=True)
        folder.rmdir()
        raise
    return folder


def _first_heading(text: str) -> str | None:
    """The first line when it reads as a title (short, no sentence end)."""
    first = text.strip().split("\n", 1)[0].strip().lstrip("# ")
    words = len(first.split())
    return first if 0 < words <= 14 and not first.endswith((".", "!", "?", ",", ";", ":")) else None


def expand(paths: Sequence[str | Path]) -> list[Path]:
    """Files to add: each file given, and the readable files inside each folder (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READ_SUFFIXES
                          and not any(part.startswith(".") for part in f.relative_to(p).parts))
        else:
            out.append(p)
    return out


def add_sources(
    paths: Sequence[str | Path], sources_dir: str | Path = "sources", *, title: str | None = None,
    authors: str | Sequence[str], **options: str | None,
) -> tuple[list[Path], list[str]]:
    """Add many files (folders expand to their txt/md/html/pdf files) in one run.

    Returns the folders added and one error message per file that could not be added (the
    others are added all the same). A ``title`` is only taken when one file is added.
    """
    files = expand(paths)
    if not files:
        raise SourceFileError("no txt, md, html or pdf files to add")
    if title and len(files) > 1:
        raise SourceFileError("--title names one source: leave it out when adding several files "
                              "(each takes its own title)")
    added, errors = [], []
    for f in files:
        try:
            added.append(add_source(f, sources_dir, title=title, authors=authors, **options))  # type: ignore[arg-type]
        except ArgmapError as exc:
            errors.append(str(exc))
    return added, errors
