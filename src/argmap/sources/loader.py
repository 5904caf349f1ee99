"""Loading a sources folder (texts + YAML annotations) into a validated :class:`ArgMap`.

Every problem is collected with its file and line, so that ``argmap check`` can show all of
them at once; loading raises :class:`AnnotationError` if there is any. The layout and fields are
specified in ``docs/annotation-format.md``.

Every value is checked for its type before it is used (a list where an id belongs is an error
with a line, not a traceback), every URL for the shape of an absolute http(s) IRI (it is written
between ``<>`` in Turtle), every text for characters no output can carry (control characters,
unpaired surrogates). One mistake gives one error: an unknown author in ``source.yaml`` is not
reported again for each of its claims, a missing ``authors.yaml`` stops the author checks, and
repeated messages are folded into "and N more like it".
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from argmap.errors import AnnotationError, Problem, display_path
from argmap.model import (
    BASES,
    CLAIM_KINDS,
    PROVENANCES,
    RELATION_TYPES,
    SOURCE_KINDS,
    STANCES,
    THESIS_PREFIX,
    ArgMap,
    Author,
    Claim,
    Position,
    Relation,
    Source,
    Thesis,
)
from argmap.sources.anchor import find_all, longest_found_prefix, make_anchor
from argmap.sources.layout import (
    AUTHORS_FILE,
    CLAIMS_FILE,
    SLUG,
    SLUG_RE,
    SOURCE_FILE,
    TEXT_FILE,
    THESES_FILE,
    THESIS_RE,
    source_folders,
)
from argmap.sources.yamlio import LineDict, YamlError, parse

FILE_SECTIONS = ("claims", "relations", "positions", "recorded_by", "recorded_on")
CLAIM_REQUIRED = ("id", "gist", "quote", "kind")
CLAIM_OPTIONAL = ("occurrence", "author", "reported_by", "tags", "notes", "confidence", "evidence")
RELATION_REQUIRED = ("from", "to", "type", "rationale", "provenance")
RELATION_OPTIONAL = ("recorded_by", "recorded_on", "confidence", "evidence")

# Characters no output can carry: C0 controls but tab and line breaks, DEL, unpaired surrogates
# (XML 1.0 forbids the controls, UTF-8 cannot encode the surrogates).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")
_PLAIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/+-]*")  # what ids and kinds look like: nothing to check
# RFC 3987 IRI characters: no white space, controls or the delimiters Turtle and XML give a meaning.
_IRI_BAD = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f-\x9f]")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_TEXTLIKE = (str, int, float)


def shown(value: Any, limit: int = 60) -> str:
    """A value as it may appear in a message: its repr, on one line, at most ``limit`` characters."""
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_iso_date(value: str) -> bool:
    """Whether ``value`` is a real ISO date: YYYY, YYYY-MM or YYYY-MM-DD (a month or a year is
    all that is known of many sources)."""
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value + "-01-01"[len(value) - 4:] if len(value) < 10 else value)
    except ValueError:
        return False
    return True


def iri_problem(value: str) -> str | None:
    """Why ``value`` is not an absolute http(s) IRI (RFC 3987's shape), or None when it is one."""
    bad = _IRI_BAD.search(value) or _FORBIDDEN.search(value)
    if bad:
        return f"character {shown(bad.group())} is not allowed in an IRI"
    if _PERCENT.search(value):
        return "a '%' must start a %XX escape"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises on a malformed port)
    except ValueError as exc:
        return str(exc)
    if parts.scheme.lower() not in ("http", "https"):
        return "expected an http:// or https:// address"
    if not parts.hostname:
        return "the address has no host"
    return None


@dataclass
class _Checker:
    """Collects problems while a folder is read; ``overrides`` replace files' texts on disk.

    Only files inside ``root`` (the resolved sources folder) are read: a ``text.txt`` that is a
    link to ``~/.aws/credentials`` would otherwise be copied into every output of a build.
    """

    overrides: Mapping[Path, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    root: Path | None = None

    def add(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(display_path(path), line, message))

    def exists(self, path: Path) -> bool:
        return path.resolve() in self.overrides or path.exists()

    def read_text(self, path: Path) -> str | None:
        real = path.resolve()
        if real in self.overrides:
            return self.overrides[real]
        if self.root is not None and not real.is_relative_to(self.root):
            self.add(path, 0, f"is a link to {real}, outside the sources folder: not read (copy the file in "
                              "instead)")
            return None
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            self.add(path, 0, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        except OSError as exc:
            self.add(path, 0, f"cannot read: {exc.strerror}")
        return None

    def load_yaml(self, path: Path) -> Any:
        text = self.read_text(path)
        if text is None:
            return None
        try:
            return parse(text)
        except YamlError as exc:
            self.add(path, exc.line, exc.message)
        return None

    def items(self, path: Path, doc: Any, key: str, *, required: bool = True) -> list[LineDict]:
        """The list under ``key`` of a top-level mapping; each item must be a mapping."""
        if doc is None:
            return []
        if not isinstance(doc, LineDict):
            self.add(path, 1, f"expected a mapping with a '{key}' list at the top")
            return []
        if key not in doc:
            if required:
                self.add(path, doc.line or 1, f"missing '{key}' list")
            return []
        value = doc[key]
        if value is None:
            return []
        line = doc.key_lines.get(key, 0)
        if not isinstance(value, list):
            self.add(path, line, f"'{key}' must be a list, got {shown(value)}")
            return []
        good = []
        for item in value:
            if isinstance(item, LineDict):
                good.append(item)
            else:
                self.add(path, line, f"each entry of '{key}' must be a mapping, got {shown(item)}")
        return good

    def fields(
        self, path: Path, item: LineDict, what: str, required: tuple[str, ...],
        optional: tuple[str, ...],
    ) -> bool:
        """Check an entry's keys; returns False when a required one is missing."""
        ok = True
        for key in required:
            if item.get(key) in (None, ""):
                self.add(path, item.line, f"{what} is missing '{key}'")
                ok = False
        for key in item:
            if key not in required and key not in optional:
                expected = ", ".join(required + optional)
                self.add(path, item.key_lines.get(str(key), item.line),
                         f"unknown field {shown(key)} in {what} (expected one of: {expected})")
        return ok

    def _line(self, item: LineDict, key: str) -> int:
        return item.key_lines.get(key, item.line)

    def text(self, path: Path, item: LineDict, key: str) -> str | None:
        """A text field: a string (numbers are read as their digits), no forbidden characters."""
        value = item.get(key)
        if value.__class__ is not str:  # the common case first: this runs for every field
            if value is None:
                return None
            if isinstance(value, bool) or not isinstance(value, _TEXTLIKE):
                self.add(path, self._line(item, key), f"'{key}' must be text, got {shown(value)}")
                return None
            value = str(value)
        bad = _FORBIDDEN.search(value)
        if bad:
            self.add(path, self._line(item, key),
                     f"'{key}' holds character U+{ord(bad.group()):04X}, which no output can carry")
            return None
        return value

    def word(self, path: Path, item: LineDict, key: str) -> str | None:
        """An id, kind or type: text on one line."""
        value = item.get(key)
        if value.__class__ is str and _PLAIN_WORD.fullmatch(value):  # the common case, at once
            return value
        value = self.text(path, item, key)
        if value is None:
            return None
        stripped = value.strip()
        if not stripped or "\n" in stripped or "\r" in stripped:
            self.add(path, self._line(item, key), f"'{key}' must be one word or id, got {shown(value)}")
            return None
        return stripped

    def date(self, path: Path, item: LineDict, key: str) -> str | None:
        """An ISO date: YYYY, YYYY-MM or YYYY-MM-DD, and a real one."""
        value = self.text(path, item, key)
        if value is None:
            return None
        value = value.strip()
        if not is_iso_date(value):
            self.add(path, self._line(item, key),
                     f"'{key}' must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), got {shown(value)}")
            return None
        return value

    def url(self, path: Path, item: LineDict, key: str) -> str | None:
        value = self.text(path, item, key)
        if value is None:
            return None
        why = iri_problem(value)
        if why:
            self.add(path, self._line(item, key), f"'{key}' is not a web address: {why} ({shown(value)})")
            return None
        return value

    def integer(self, path: Path, item: LineDict, key: str) -> int | None:
        value = item.get(key)
        if value is None:
            return None
        if value.__class__ is not int:
            self.add(path, self._line(item, key), f"'{key}' must be a whole number, got {shown(value)}")
            return None
        return value

    def tags(self, path: Path, item: LineDict) -> tuple[str, ...]:
        value = item.get("tags") or []
        if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() and not _FORBIDDEN.search(t)
                                                  for t in value):
            self.add(path, self._line(item, "tags"), f"'tags' must be a list of words, got {shown(value)}")
            return ()
        return tuple(value)

    def first_place(self, places: dict[Any, tuple[Path, int]], key: Any, path: Path, line: int,
                    what: str) -> bool:
        """Record where ``key`` is defined; a second definition is an error naming the first."""
        if key in places:
            first_path, first_line = places[key]
            where = display_path(first_path) + (f":{first_line}" if first_line else "")
            self.add(path, line, f"{what} (first defined at {where})")
            return False
        places[key] = (path, line)
        return True


def load_map(sources_dir: Path | str, *, overrides: Mapping[Path, str] | None = None) -> ArgMap:
    """Read and validate a sources folder; raise AnnotationError listing every problem.

    ``overrides`` maps file paths to texts read instead of the files: how ``accept`` checks a
    claims.yaml it is about to write with exactly these rules.
    """
    root = Path(sources_dir)
    check = _Checker({Path(p).resolve(): t for p, t in (overrides or {}).items()}, root=root.resolve())
    if not root.is_dir():
        check.add(root, 0, "no such sources folder")
        raise AnnotationError(check.problems)
    authors, annotators = _load_authors(root / AUTHORS_FILE, check)
    known = _Known(
        authors=None if authors is None else {a.id for a in authors},
        annotators=None if authors is None else {a.id for a in annotators},
    )
    theses = _load_theses(root / THESES_FILE, check)
    sources = [src for folder in source_folders(root) if (src := _load_source(folder, known, check))]
    places: dict[Any, tuple[Path, int]] = {}
    for t in theses:
        places[t.id] = (root / THESES_FILE, 0)
    claims: list[Claim] = []
    documents: list[tuple[Path, Source, Any]] = []
    for src in sources:
        path = root / src.id / CLAIMS_FILE
        if not check.exists(path):
            continue
        doc = check.load_yaml(path)
        claims += _load_claims(path, doc, src, known, places, check)
        documents.append((path, src, doc))
    known.claims = {c.id for c in claims}
    known.nodes = known.claims | {t.id for t in theses}
    known.broken |= {THESIS_PREFIX + t.id for t in theses if not t.id.startswith(THESIS_PREFIX)}
    known.broken -= known.nodes
    known.theses_read = (root / THESES_FILE).exists()
    relations: list[Relation] = []
    positions: list[Position] = []
    for path, src, doc in documents:
        relations += _load_relations(path, doc, src, known, places, check)
        positions += _load_positions(path, doc, src.id, known, places, check)
    if check.problems:
        raise AnnotationError(_fold(check.problems))
    return ArgMap(
        authors=tuple(sorted(authors or [], key=lambda a: a.id)),
        sources=tuple(sources),
        theses=tuple(sorted(theses, key=lambda t: t.id)),
        claims=tuple(sorted(claims, key=lambda c: c.id)),
        relations=tuple(sorted(relations, key=lambda r: r.id)),
        positions=tuple(sorted(positions, key=lambda p: (p.author, p.target))),
        annotators=tuple(sorted(annotators, key=lambda a: a.id)),
    )


@dataclass
class _Known:
    """The ids a reference may point at; ``authors`` None when authors.yaml could not be read."""

    authors: set[str] | None
    annotators: set[str] | None
    claims: set[str] = field(default_factory=set)
    nodes: set[str] = field(default_factory=set)
    theses_read: bool = True
    bad_authors: set[str] = field(default_factory=set)  # reported once, where they first appear
    # claims defined but refused for their own mistakes: a reference to one is no second error
    broken: set[str] = field(default_factory=set)

    suggested: int = 0

    def did_you_mean(self, wrong: str, ids: set[str]) -> str:
        """' (did you mean 'x'?)' for an id one typo away from a real one; the first 20 only,
        since each looks through every id of the map."""
        if self.suggested >= 20:
            return ""
        self.suggested += 1
        near = difflib.get_close_matches(wrong, sorted(ids), n=1, cutoff=0.85)
        return f" (did you mean {shown(near[0])}?)" if near else ""

    def author_problem(self, who: str) -> str | None:
        if self.authors is None or who in self.authors or who in self.bad_authors:
            return None
        self.bad_authors.add(who)
        return f"unknown author {shown(who)} (add it to {AUTHORS_FILE})"


METADATA = (AUTHORS_FILE, THESES_FILE, SOURCE_FILE)


def _fold(problems: list[Problem]) -> list[Problem]:
    """Problems with the same message are one problem "and N more like it" (at its first place).

    Problems in the metadata files come first: a mistake there is usually the cause of others.
    """
    seen: dict[str, list[Problem]] = {}
    for p in sorted(problems, key=lambda p: (Path(p.path).name not in METADATA, p)):
        seen.setdefault(p.message, []).append(p)
    out = []
    for message, same in seen.items():
        first = same[0]
        if len(same) > 1:
            message += f" (and {len(same) - 1} more like it)"
        out.append(Problem(first.path, first.line, message))
    return out


def _load_authors(path: Path, check: _Checker) -> tuple[list[Author] | None, list[Author]]:
    """The authors (None when the file is missing or unreadable) and the annotators."""
    if not check.exists(path):
        check.add(path, 0, "missing authors file (expected 'authors:' list of {id, name}); "
                           "author references are not checked until it is there")
        return None, []
    doc = check.load_yaml(path)
    if doc is None:
        return None, []
    out: tuple[list[Author], list[Author]] = ([], [])
    places: dict[Any, tuple[Path, int]] = {}
    for key, found in zip(("authors", "annotators"), out, strict=True):
        for item in check.items(path, doc, key, required=key == "authors"):
            if not check.fields(path, item, key[:-1], ("id", "name"), ("url",)):
                continue
            author_id, name = check.word(path, item, "id"), check.text(path, item, "name")
            url = check.url(path, item, "url")
            if author_id is None or name is None:
                continue
            if not SLUG_RE.match(author_id):
                check.add(path, item.line, f"{key[:-1]} id {shown(author_id)} is not a slug (expected {SLUG})")
            duplicate = f"duplicate {key[:-1]} id {shown(author_id)}"
            if check.first_place(places, author_id, path, item.line, duplicate):
                found.append(Author(author_id, " ".join(name.split()), url))
    return out


def _load_theses(path: Path, check: _Checker) -> list[Thesis]:
    if not check.exists(path):
        return []
    out = []
    places: dict[Any, tuple[Path, int]] = {}
    for item in check.items(path, check.load_yaml(path), "theses"):
        if not check.fields(path, item, "thesis", ("id", "text"), ("tags", "notes")):
            continue
        thesis_id, text = check.word(path, item, "id"), check.text(path, item, "text")
        notes = check.text(path, item, "notes")
        if thesis_id is None or text is None:
            continue
        if not THESIS_RE.match(thesis_id):
            check.add(path, item.line, f"thesis id {shown(thesis_id)} must look like 'thesis.<slug>'")
        if check.first_place(places, thesis_id, path, item.line, f"duplicate thesis id {shown(thesis_id)}"):
            out.append(Thesis(thesis_id, text.strip(), check.tags(path, item), notes))
    return out


def _load_source(folder: Path, known: _Known, check: _Checker) -> Source | None:
    meta_path, text_path = folder / SOURCE_FILE, folder / TEXT_FILE
    if not check.exists(meta_path):
        check.add(folder, 0, f"source folder without {SOURCE_FILE}")
        return None
    meta = check.load_yaml(meta_path)
    if meta is None:
        return None
    if not isinstance(meta, LineDict):
        check.add(meta_path, 1, "expected a mapping of source metadata")
        return None
    required = ("id", "title", "authors", "kind")
    optional = ("date", "url", "derived_from", "derivation", "encoding")
    if not check.fields(meta_path, meta, "source", required, optional):
        return None
    source_id, title, kind = (check.word(meta_path, meta, k) for k in ("id", "title", "kind"))
    values = {k: f(meta_path, meta, k) for k, f in (("date", check.date), ("url", check.url),
                                                      ("derived_from", check.text),
                                                      ("derivation", check.text))}
    authors = meta["authors"]
    if not isinstance(authors, list) or not authors or not all(isinstance(a, str) for a in authors):
        check.add(meta_path, meta.key_lines["authors"],
                  f"'authors' must be a non-empty list of author ids, got {shown(authors)}")
        return None
    for author in authors:
        why = known.author_problem(author)
        if why:
            check.add(meta_path, meta.key_lines["authors"], why)
    if source_id is None or title is None or kind is None:
        return None
    if source_id != folder.name:
        check.add(meta_path, meta.key_lines["id"],
                  f"source id {shown(source_id)} differs from its folder name {shown(folder.name)}")
    if not SLUG_RE.match(source_id) or source_id.startswith("thesis"):
        check.add(meta_path, meta.key_lines["id"], f"source id {shown(source_id)} is not a slug")
    if kind not in SOURCE_KINDS:
        check.add(meta_path, meta.key_lines["kind"],
                  f"unknown source kind {shown(kind)} (expected one of: {', '.join(SOURCE_KINDS)})")
    if not check.exists(text_path):
        check.add(text_path, 0, "missing source text")
        return None
    text = check.read_text(text_path)
    if text is None:
        return None
    bad = _FORBIDDEN.search(text)
    if bad:
        check.add(text_path, text.count("\n", 0, bad.start()) + 1,
                  f"character U+{ord(bad.group()):04X} is not allowed in a source text (no output can "
                  "carry it): remove it, or add the file with `argmap add`, which cleans it")
        return None
    return Source(id=source_id, title=title, authors=tuple(authors), kind=kind, text=text,
                  date=values["date"], url=values["url"], derived_from=values["derived_from"],
                  derivation=values["derivation"])


def _load_claims(
    path: Path, doc: Any, src: Source, known: _Known, places: dict[Any, tuple[Path, int]],
    check: _Checker,
) -> list[Claim]:
    if isinstance(doc, LineDict):
        for key in doc:
            if key not in FILE_SECTIONS:
                check.add(path, doc.key_lines[str(key)],
                          f"unknown section {shown(key)} (expected {', '.join(FILE_SECTIONS)})")
    out = []
    for item in check.items(path, doc, "claims"):
        if isinstance(item.get("id"), str):
            known.broken.add(item["id"])  # until it is loaded whole (below)
        if not check.fields(path, item, "claim", CLAIM_REQUIRED, CLAIM_OPTIONAL):
            continue
        claim_id, kind = check.word(path, item, "id"), check.word(path, item, "kind")
        gist, notes = check.text(path, item, "gist"), check.text(path, item, "notes")
        if claim_id is None or kind is None or gist is None or not gist.strip():
            if gist is not None and not gist.strip():
                check.add(path, check._line(item, "gist"), "'gist' is empty")
            continue
        local = claim_id[len(src.id) + 1:] if claim_id.startswith(src.id + ".") else ""
        if not SLUG_RE.match(local):
            check.add(path, item.key_lines["id"],
                      f"claim id {shown(claim_id)} must look like '{src.id}.<slug>'")
        if kind not in CLAIM_KINDS:
            check.add(path, item.key_lines["kind"],
                      f"unknown claim kind {shown(kind)} (expected one of: {', '.join(CLAIM_KINDS)})")
        author, reported_by = _claim_author(path, item, src, known, check)
        anchor = _anchor(path, item, src, check)
        unique = check.first_place(places, claim_id, path, item.key_lines["id"],
                                   f"duplicate id {shown(claim_id)}")
        if anchor is None or author is None or not unique:
            continue
        out.append(Claim(
            id=claim_id, gist=" ".join(gist.split()), source=src.id, author=author,
            kind=kind, anchor=anchor, tags=check.tags(path, item), reported_by=reported_by,
            notes=notes,
        ))
    return out


def _claim_author(
    path: Path, item: LineDict, src: Source, known: _Known, check: _Checker
) -> tuple[str | None, str | None]:
    """The claim's author and, for a reported view, who reports it."""
    line = item.line
    author = check.word(path, item, "author") if "author" in item else None
    reported_by = check.word(path, item, "reported_by") if "reported_by" in item else None
    if ("author" in item and author is None) or ("reported_by" in item and reported_by is None):
        return None, None
    if author is None:
        if len(src.authors) > 1:
            check.add(path, line, f"claim needs 'author' (source {src.id!r} has several: "
                                  f"{', '.join(src.authors)})")
            return None, None
        author = src.authors[0]
    for who, key in ((author, "author"), (reported_by, "reported_by")):
        why = known.author_problem(who) if who is not None and key in item else None
        if why:
            check.add(path, item.key_lines.get(key, line), why)
            return None, None
    if author not in src.authors and reported_by is None and not known.bad_authors & set(src.authors):
        if len(src.authors) > 1:
            check.add(path, item.key_lines.get("author", line),
                      f"{author!r} is not an author of {src.id!r}: set 'reported_by' to who reports the view")
            return None, None
        reported_by = src.authors[0]
    if reported_by is not None and reported_by not in src.authors and not known.bad_authors & set(src.authors):
        check.add(path, item.key_lines.get("reported_by", line),
                  f"reported_by {shown(reported_by)} is not an author of {src.id!r}")
    return author, reported_by


def _anchor(path: Path, item: LineDict, src: Source, check: _Checker):
    quote = check.text(path, item, "quote")
    line = item.key_lines.get("quote", item.line)
    if quote is None:
        return None
    spans = find_all(src.text, quote)
    where = display_path(path.parent / TEXT_FILE)  # as the user named the sources folder
    if not spans:
        nfc = unicodedata.normalize("NFC", quote)
        if find_all(unicodedata.normalize("NFC", src.text), nfc):
            check.add(path, line, f"quote not found in {where}, but it is once both are NFC-normalised: "
                                  "the quote and the text encode an accented letter differently "
                                  "(copy the quote from the text)")
            return None
        hint = longest_found_prefix(src.text, quote)
        more = f"; the text matches up to {shown(hint, 80)}" if hint else ""
        check.add(path, line, f"quote not found in {where}{more}")
        return None
    occurrence = check.integer(path, item, "occurrence") if "occurrence" in item else None
    if "occurrence" in item and occurrence is None:
        return None
    if occurrence is None:
        if len(spans) > 1:
            check.add(path, line, f"ambiguous quote: found {len(spans)} times in {where} "
                                  f"(lengthen it or add 'occurrence: 1..{len(spans)}')")
            return None
        occurrence = 1
    if not 1 <= occurrence <= len(spans):
        check.add(path, item.key_lines.get("occurrence", line),
                  f"occurrence must be a number from 1 to {len(spans)}")
        return None
    start, end = spans[occurrence - 1]
    return make_anchor(src.text, start, end)


def _load_relations(
    path: Path, doc: Any, src: Source, known: _Known, places: dict[Any, tuple[Path, int]],
    check: _Checker,
) -> list[Relation]:
    out = []
    default_by = default_on = None
    if isinstance(doc, LineDict):
        default_by = check.word(path, doc, "recorded_by")
        default_on = check.date(path, doc, "recorded_on")
        if default_by is not None and known.annotators is not None and default_by not in known.annotators:
            check.add(path, doc.key_lines["recorded_by"],
                      f"unknown annotator {shown(default_by)} (add it to 'annotators' in {AUTHORS_FILE})")
    for item in check.items(path, doc, "relations", required=False):
        if not check.fields(path, item, "relation", RELATION_REQUIRED, RELATION_OPTIONAL):
            continue
        source, target, kind = (check.word(path, item, k) for k in ("from", "to", "type"))
        rationale = check.text(path, item, "rationale")
        provenance = check.word(path, item, "provenance")
        recorded_by = check.word(path, item, "recorded_by") if "recorded_by" in item else default_by
        recorded_on = check.date(path, item, "recorded_on") if "recorded_on" in item else default_on
        if None in (source, target, kind, rationale, provenance):
            continue
        ok = True
        if provenance not in PROVENANCES:
            check.add(path, item.key_lines["provenance"],
                      f"unknown provenance {shown(provenance)} (expected one of: {', '.join(PROVENANCES)})")
            ok = False
        if "recorded_by" in item and recorded_by is not None and known.annotators is not None \
                and recorded_by not in known.annotators:
            check.add(path, item.key_lines["recorded_by"],
                      f"unknown annotator {shown(recorded_by)} (add it to 'annotators' in {AUTHORS_FILE})")
        if kind not in RELATION_TYPES:
            check.add(path, item.key_lines["type"],
                      f"unknown relation type {shown(kind)} (expected one of: {', '.join(RELATION_TYPES)})")
            ok = False
        if source in known.broken or target in known.broken:
            ok = False  # an end refused for its own mistake, reported where it is defined
        elif source not in known.claims:
            what = ("a thesis cannot be the start of a relation" if source in known.nodes
                    else "no such claim" + known.did_you_mean(source, known.claims))
            check.add(path, item.key_lines["from"], f"dangling relation: 'from' {shown(source)}: {what}")
            ok = False
        if target in known.broken:
            pass
        elif target not in known.nodes and (known.theses_read or not target.startswith(THESIS_PREFIX)):
            check.add(path, item.key_lines["to"], f"dangling relation: 'to' {shown(target)}: no such claim or "
                                                  f"thesis{known.did_you_mean(target, known.nodes)}")
            ok = False
        if source == target:
            check.add(path, item.line, f"self-loop: {source!r} cannot {kind} itself")
            ok = False
        relation = Relation(source, target, kind, " ".join(rationale.split()), src.id, provenance,
                            recorded_by, recorded_on)
        if ok and check.first_place(places, ("relation", relation.id), path, item.line,
                                    f"relation {relation.id} is stated twice"):
            out.append(relation)
    return out


def load_positions(path: Path, argmap: ArgMap) -> list[Position]:
    """A standalone positions file (stance overrides), validated against a loaded map."""
    check = _Checker()
    doc = check.load_yaml(path)
    known = _Known(authors={a.id for a in argmap.authors}, annotators=set(),
                   claims={c.id for c in argmap.claims})
    known.nodes = known.claims | {t.id for t in argmap.theses}
    positions = _load_positions(path, doc, "override", known, {}, check)
    if not check.problems and not positions:
        check.add(path, 0, "no positions found (expected a 'positions:' list)")
    if check.problems:
        raise AnnotationError(_fold(check.problems))
    return positions


def _load_positions(
    path: Path, doc: Any, declared_in: str, known: _Known, places: dict[Any, tuple[Path, int]],
    check: _Checker,
) -> list[Position]:
    out = []
    for item in check.items(path, doc, "positions", required=False):
        if not check.fields(path, item, "position", ("author", "on", "stance", "basis"),
                            ("evidence", "note")):
            continue
        author, target, stance, basis = (check.word(path, item, k)
                                         for k in ("author", "on", "stance", "basis"))
        evidence = check.word(path, item, "evidence") if "evidence" in item else None
        note = check.text(path, item, "note")
        if None in (author, target, stance, basis) or ("evidence" in item and evidence is None):
            continue
        if target in known.broken or evidence in known.broken:
            continue  # refused for its own mistake, reported where it is defined
        problems = [
            (known.author_problem(author), "author"),
            (None if target in known.nodes or (not known.theses_read and target.startswith(THESIS_PREFIX))
             else f"dangling position: no claim or thesis {shown(target)}"
                  f"{known.did_you_mean(target, known.nodes)}", "on"),
            (None if stance in STANCES
             else f"unknown stance {shown(stance)} (expected one of: {', '.join(STANCES)})", "stance"),
            (None if basis in BASES else f"unknown basis {shown(basis)} (expected one of: {', '.join(BASES)})",
             "basis"),
            (None if evidence is None or evidence in known.claims
             else f"evidence {shown(evidence)} is not a claim", "evidence"),
        ]
        bad = [(key, msg) for msg, key in problems if msg]
        for key, msg in bad:
            check.add(path, item.key_lines.get(key, item.line), msg)
        if bad or (known.authors is not None and author not in known.authors):
            continue
        if check.first_place(places, ("position", author, target), path, item.line,
                             f"{author!r} has a second position on {target!r} (keep one)"):
            out.append(Position(author, target, stance, basis, declared_in, evidence, note))
    return out
