"""Adding a new source: a txt/md/html file cleaned and stored as ``sources/<id>/``.

The text is stored exactly as the hand-made sources are (``text.txt`` + ``source.yaml``), so
``argmap check`` and the drafter treat it like any other source.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path

from argmap.errors import ArgmapError, display_path
from argmap.files import write_atomic
from argmap.model import SOURCE_KINDS, Author
from argmap.sources.layout import AUTHORS_FILE, SLUG_RE, SOURCE_FILE, TEXT_FILE, slugify
from argmap.sources.yamlio import YamlError, append_items, dump, parse, read

READ_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                 ".html": "html", ".htm": "html"}


class SourceFileError(ArgmapError):
    """A file given to ``add`` cannot be read as a text; the message names the file."""


def source_yaml(
    *, id: str, title: str, authors: Sequence[str], kind: str, date: str | None = None,
    url: str | None = None, derived_from: str | None = None, derivation: str | None = None,
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


def read_source_file(path: Path, encoding: str | None = None) -> str:
    """The file's text; clear errors for a missing, empty, binary or undecodable file."""
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
        raise SourceFileError(f"{shown}: looks like a binary file, not text (txt, md or html)")
    if encoding is None:
        encoding = "utf-16" if bom16 else "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceFileError(
            f"{shown}: cannot decode as {encoding} (byte 0x{raw[exc.start]:02x} at offset "
            f"{exc.start}); unknown encoding: re-save it as UTF-8 or name its encoding"
        ) from exc
    except LookupError as exc:
        raise SourceFileError(f"{shown}: unknown encoding {encoding!r}") from exc


def _input_format(path: Path, text: str) -> str:
    fmt = READ_SUFFIXES.get(path.suffix.lower(), "text")
    if fmt == "text" and re.match(r"\s*<(!doctype html|html|head|body)\b", text, re.I):
        return "html"
    return fmt


def _resolve_authors(sources_dir: Path, authors: Sequence[str]) -> tuple[list[str], list[dict]]:
    """Author ids for the given ids or names; unknown names become new authors.yaml entries."""
    path = sources_dir / AUTHORS_FILE
    doc = read(path) if path.exists() else None
    known = [Author(str(a["id"]), str(a.get("name", a["id"])))
             for a in (doc or {}).get("authors") or [] if isinstance(a, dict) and "id" in a]
    ids, new = [], []
    for given in authors:
        given = given.strip()
        if not given:
            continue
        found = next((a.id for a in known if a.matches(given)), None)
        if found is None:
            found = slugify(given, 8)
            if all(a.id != found for a in known) and all(n["id"] != found for n in new):
                new.append({"id": found, "name": given})
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


def add_source(
    path: str | Path,
    sources_dir: str | Path = "sources",
    *,
    title: str,
    authors: str | Sequence[str],
    date: str | dt.date | None = None,
    url: str | None = None,
    kind: str = "other",
    source_id: str | None = None,
    encoding: str | None = None,
) -> Path:
    """Clean a txt/md/html file and store it as ``sources/<id>/``; returns that folder."""
    from argmap.sources.textclean import clean_text  # ftfy loads in 0.3 s: only when adding

    path, sources_dir = Path(path), Path(sources_dir)
    shown = display_path(path)
    if kind not in SOURCE_KINDS:
        raise SourceFileError(f"{shown}: unknown kind {kind!r} (expected one of: "
                            f"{', '.join(SOURCE_KINDS)})")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError as exc:
            raise SourceFileError(f"{shown}: date {date!r} is not an ISO date (YYYY-MM-DD)") from exc
    source_id = source_id or slugify(path.stem, 8)
    if not SLUG_RE.match(source_id) or source_id.startswith("thesis"):
        raise SourceFileError(f"{shown}: source id {source_id!r} is not a slug ([a-z0-9-]+)")
    folder = sources_dir / source_id
    if folder.exists():
        raise SourceFileError(f"{shown}: duplicate source id {source_id!r}: "
                            f"{display_path(folder)} already exists (choose another id)")
    raw = read_source_file(path, encoding)
    fmt = _input_format(path, raw)
    result = clean_text(raw, html=fmt == "html", markdown=fmt == "markdown")
    text = result.text.strip("\n") + "\n"
    if not text.strip():
        raise SourceFileError(f"{shown}: no text left after cleaning")
    author_ids, new_authors = _resolve_authors(
        sources_dir, [authors] if isinstance(authors, str) else list(authors))
    steps = ", ".join(f"{k} {v}" for k, v in result.steps.items()) or "none needed"
    derivation = (f"Added with `argmap add` from a {fmt} file ({encoding or 'UTF-8'}).\n"
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
            date=date.isoformat() if date else None, url=url, derived_from=derived,
            derivation=derivation))
        if new_authors:
            _append_authors(sources_dir, new_authors)
    except BaseException:
        for f in (folder / TEXT_FILE, folder / SOURCE_FILE):
            f.unlink(missing_ok=True)
        folder.rmdir()
        raise
    return folder
