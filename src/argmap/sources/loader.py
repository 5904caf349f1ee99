"""Loading a sources folder (texts + YAML annotations) into a validated :class:`ArgMap`.

Every problem is collected with its file and line, so that ``argmap check`` can show all of
them at once; loading raises :class:`AnnotationError` if there is any. The layout and fields are
specified in ``docs/annotation-format.md``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


@dataclass
class _Checker:
    """Collects problems while a folder is read."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(display_path(path), line, message))

    def load_yaml(self, path: Path) -> Any:
        try:
            return parse(path.read_text(encoding="utf-8"))
        except YamlError as exc:
            self.add(path, exc.line, exc.message)
        except UnicodeDecodeError as exc:
            self.add(path, 0, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        except OSError as exc:
            self.add(path, 0, f"cannot read: {exc.strerror}")
        return None

    def items(self, path: Path, doc: Any, key: str, *, required: bool = True) -> list[LineDict]:
        """The list under ``key`` of a top-level mapping; each item must be a mapping."""
        if doc is None:
            return []
        if not isinstance(doc, dict):
            self.add(path, 1, f"expected a mapping with a '{key}' list at the top")
            return []
        if key not in doc:
            if required:
                self.add(path, getattr(doc, "line", 1), f"missing '{key}' list")
            return []
        value = doc[key]
        if value is None:
            return []
        line = doc.key_lines.get(key, 0)
        if not isinstance(value, list):
            self.add(path, line, f"'{key}' must be a list")
            return []
        good = []
        for item in value:
            if isinstance(item, LineDict):
                good.append(item)
            else:
                self.add(path, line, f"each entry of '{key}' must be a mapping, got {item!r}")
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
                         f"unknown field '{key}' in {what} (expected one of: {expected})")
        return ok

    def text(self, path: Path, item: LineDict, key: str) -> str | None:
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date):
            return value.isoformat()
        if not isinstance(value, str | int | float):
            self.add(path, item.key_lines.get(key, item.line), f"'{key}' must be text")
            return None
        return str(value)

    def tags(self, path: Path, item: LineDict) -> tuple[str, ...]:
        value = item.get("tags") or []
        if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
            self.add(path, item.key_lines.get("tags", item.line), "'tags' must be a list of words")
            return ()
        return tuple(value)


def load_map(sources_dir: Path | str) -> ArgMap:
    """Read and validate a sources folder; raise AnnotationError listing every problem."""
    root = Path(sources_dir)
    check = _Checker()
    if not root.is_dir():
        check.add(root, 0, "no such sources folder")
        raise AnnotationError(check.problems)
    authors, annotators = _load_authors(root / AUTHORS_FILE, check)
    author_ids = {a.id for a in authors}
    annotator_ids = {a.id for a in annotators}
    theses = _load_theses(root / THESES_FILE, check)
    sources = [
        src for folder in source_folders(root)
        if (src := _load_source(folder, author_ids, check)) is not None
    ]
    claims: list[Claim] = []
    raw_links: list[tuple[Path, Source, Any]] = []
    for src in sources:
        path = root / src.id / CLAIMS_FILE
        if not path.exists():
            continue
        doc = check.load_yaml(path)
        claims += _load_claims(path, doc, src, author_ids, check)
        raw_links.append((path, src, doc))
    _check_unique_ids(root, theses, claims, check)
    nodes = {c.id for c in claims} | {t.id for t in theses}
    claim_ids = {c.id for c in claims}
    relations: list[Relation] = []
    positions: list[Position] = []
    for path, src, doc in raw_links:
        relations += _load_relations(path, doc, src, claim_ids, nodes, annotator_ids, check)
        positions += _load_positions(path, doc, src.id, author_ids, nodes, claim_ids, check)
    _check_duplicates(root, relations, positions, check)
    if check.problems:
        raise AnnotationError(check.problems)
    return ArgMap(
        authors=tuple(sorted(authors, key=lambda a: a.id)),
        sources=tuple(sources),
        theses=tuple(sorted(theses, key=lambda t: t.id)),
        claims=tuple(sorted(claims, key=lambda c: c.id)),
        relations=tuple(sorted(relations, key=lambda r: r.id)),
        positions=tuple(sorted(positions, key=lambda p: (p.author, p.target))),
        annotators=tuple(sorted(annotators, key=lambda a: a.id)),
    )


def _load_authors(path: Path, check: _Checker) -> tuple[list[Author], list[Author]]:
    """The authors and the annotators (who record links the texts do not state)."""
    if not path.exists():
        check.add(path, 0, "missing authors file (expected 'authors:' list of {id, name})")
        return [], []
    doc = check.load_yaml(path)
    out: tuple[list[Author], list[Author]] = ([], [])
    for key, found in zip(("authors", "annotators"), out, strict=True):
        for item in check.items(path, doc, key, required=key == "authors"):
            if not check.fields(path, item, key[:-1], ("id", "name"), ("url",)):
                continue
            author_id = str(item["id"])
            if not SLUG_RE.match(author_id):
                check.add(path, item.line, f"{key[:-1]} id {author_id!r} is not a slug (expected {SLUG})")
            found.append(Author(author_id, str(item["name"]), check.text(path, item, "url")))
    return out


def _load_theses(path: Path, check: _Checker) -> list[Thesis]:
    if not path.exists():
        return []
    out = []
    for item in check.items(path, check.load_yaml(path), "theses"):
        if not check.fields(path, item, "thesis", ("id", "text"), ("tags", "notes")):
            continue
        thesis_id = str(item["id"])
        if not THESIS_RE.match(thesis_id):
            check.add(path, item.line,
                      f"thesis id {thesis_id!r} must look like 'thesis.<slug>'")
        out.append(Thesis(thesis_id, str(item["text"]).strip(), check.tags(path, item),
                          check.text(path, item, "notes")))
    return out


def _load_source(folder: Path, author_ids: set[str], check: _Checker) -> Source | None:
    meta_path, text_path = folder / SOURCE_FILE, folder / TEXT_FILE
    if not meta_path.exists():
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
    source_id = str(meta["id"])
    if source_id != folder.name:
        check.add(meta_path, meta.key_lines["id"],
                  f"source id {source_id!r} differs from its folder name {folder.name!r}")
    if not SLUG_RE.match(source_id) or source_id.startswith("thesis"):
        check.add(meta_path, meta.key_lines["id"], f"source id {source_id!r} is not a slug")
    authors = meta["authors"]
    if not isinstance(authors, list) or not authors:
        check.add(meta_path, meta.key_lines["authors"], "'authors' must be a non-empty list of author ids")
        return None
    for author in authors:
        if author not in author_ids:
            check.add(meta_path, meta.key_lines["authors"],
                      f"unknown author {author!r} (add it to {AUTHORS_FILE})")
    if meta["kind"] not in SOURCE_KINDS:
        check.add(meta_path, meta.key_lines["kind"],
                  f"unknown source kind {meta['kind']!r} (expected one of: {', '.join(SOURCE_KINDS)})")
    try:
        text = text_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        check.add(text_path, 0, "missing source text")
        return None
    except UnicodeDecodeError as exc:
        check.add(text_path, 0, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        return None
    return Source(
        id=source_id, title=str(meta["title"]), authors=tuple(str(a) for a in authors),
        kind=str(meta["kind"]), text=text, date=check.text(meta_path, meta, "date"),
        url=check.text(meta_path, meta, "url"),
        derived_from=check.text(meta_path, meta, "derived_from"),
        derivation=check.text(meta_path, meta, "derivation"),
    )


FILE_SECTIONS = ("claims", "relations", "positions", "recorded_by", "recorded_on")
CLAIM_REQUIRED = ("id", "gist", "quote", "kind")
CLAIM_OPTIONAL = ("occurrence", "author", "reported_by", "tags", "notes", "confidence", "evidence")


def _load_claims(
    path: Path, doc: Any, src: Source, author_ids: set[str], check: _Checker
) -> list[Claim]:
    if isinstance(doc, LineDict):
        for key in doc:
            if key not in FILE_SECTIONS:
                check.add(path, doc.key_lines[str(key)],
                          f"unknown section '{key}' (expected {', '.join(FILE_SECTIONS)})")
    out = []
    for item in check.items(path, doc, "claims"):
        if not check.fields(path, item, "claim", CLAIM_REQUIRED, CLAIM_OPTIONAL):
            continue
        claim_id = str(item["id"])
        local = claim_id[len(src.id) + 1:] if claim_id.startswith(src.id + ".") else ""
        if not SLUG_RE.match(local):
            check.add(path, item.key_lines["id"],
                      f"claim id {claim_id!r} must look like '{src.id}.<slug>'")
        if item["kind"] not in CLAIM_KINDS:
            check.add(path, item.key_lines["kind"],
                      f"unknown claim kind {item['kind']!r} (expected one of: {', '.join(CLAIM_KINDS)})")
        author, reported_by = _claim_author(path, item, src, author_ids, check)
        anchor = _anchor(path, item, src, check)
        if anchor is None or author is None:
            continue
        out.append(Claim(
            id=claim_id, gist=" ".join(str(item["gist"]).split()), source=src.id, author=author,
            kind=str(item["kind"]), anchor=anchor, tags=check.tags(path, item),
            reported_by=reported_by, notes=check.text(path, item, "notes"),
        ))
    return out


def _claim_author(
    path: Path, item: LineDict, src: Source, author_ids: set[str], check: _Checker
) -> tuple[str | None, str | None]:
    """The claim's author and, for a reported view, who reports it."""
    line = item.line
    author = item.get("author")
    if author is None:
        if len(src.authors) > 1:
            check.add(path, line, f"claim needs 'author' (source {src.id!r} has several: "
                                  f"{', '.join(src.authors)})")
            return None, None
        author = src.authors[0]
    reported_by = item.get("reported_by")
    for who, key in ((author, "author"), (reported_by, "reported_by")):
        if who is not None and who not in author_ids:
            check.add(path, item.key_lines.get(key, line),
                      f"unknown author {who!r} (add it to {AUTHORS_FILE})")
            return None, None
    if author not in src.authors and reported_by is None:
        if len(src.authors) > 1:
            check.add(path, item.key_lines.get("author", line),
                      f"{author!r} is not an author of {src.id!r}: set 'reported_by' to who reports the view")
            return None, None
        reported_by = src.authors[0]
    if reported_by is not None and reported_by not in src.authors:
        check.add(path, item.key_lines.get("reported_by", line),
                  f"reported_by {reported_by!r} is not an author of {src.id!r}")
    return str(author), (str(reported_by) if reported_by else None)


def _anchor(path: Path, item: LineDict, src: Source, check: _Checker):
    quote = item["quote"]
    line = item.key_lines.get("quote", item.line)
    if not isinstance(quote, str):
        check.add(path, line, "'quote' must be text")
        return None
    spans = find_all(src.text, quote)
    where = f"sources/{src.id}/{TEXT_FILE}"
    if not spans:
        hint = longest_found_prefix(src.text, quote)
        more = f"; the text matches up to {hint!r}" if hint else ""
        check.add(path, line, f"quote not found in {where}{more}")
        return None
    occurrence = item.get("occurrence")
    if occurrence is None:
        if len(spans) > 1:
            check.add(path, line, f"ambiguous quote: found {len(spans)} times in {where} "
                                  f"(lengthen it or add 'occurrence: 1..{len(spans)}')")
            return None
        occurrence = 1
    if not isinstance(occurrence, int) or not 1 <= occurrence <= len(spans):
        check.add(path, item.key_lines.get("occurrence", line),
                  f"occurrence must be a number from 1 to {len(spans)}")
        return None
    start, end = spans[occurrence - 1]
    return make_anchor(src.text, start, end)


def _check_unique_ids(root: Path, theses: list[Thesis], claims: list[Claim], check: _Checker) -> None:
    counts = Counter([t.id for t in theses] + [c.id for c in claims])
    for node_id, n in sorted(counts.items()):
        if n > 1:
            owner = root / THESES_FILE if node_id.startswith(THESIS_PREFIX) else (
                root / node_id.split(".", 1)[0] / CLAIMS_FILE)
            check.add(owner, 0, f"duplicate id {node_id!r} ({n} times)")


def _load_relations(
    path: Path, doc: Any, src: Source, claim_ids: set[str], nodes: set[str], annotators: set[str],
    check: _Checker,
) -> list[Relation]:
    out = []
    default_by = doc.get("recorded_by") if isinstance(doc, dict) else None
    default_on = check.text(path, doc, "recorded_on") if isinstance(doc, LineDict) else None
    for item in check.items(path, doc, "relations", required=False):
        if not check.fields(path, item, "relation", ("from", "to", "type", "rationale"),
                            ("provenance", "recorded_by", "recorded_on", "confidence", "evidence")):
            continue
        provenance = str(item.get("provenance", "inferred"))
        if provenance not in PROVENANCES:
            check.add(path, item.key_lines["provenance"],
                      f"unknown provenance {provenance!r} (expected one of: {', '.join(PROVENANCES)})")
        recorded_by = item.get("recorded_by", default_by)
        if recorded_by is not None and recorded_by not in annotators:
            check.add(path, item.key_lines.get("recorded_by", doc.key_lines.get("recorded_by", item.line)),
                      f"unknown annotator {recorded_by!r} (add it to 'annotators' in {AUTHORS_FILE})")
        recorded_on = check.text(path, item, "recorded_on") or default_on
        source, target, kind = str(item["from"]), str(item["to"]), str(item["type"])
        ok = True
        if kind not in RELATION_TYPES:
            check.add(path, item.key_lines["type"],
                      f"unknown relation type {kind!r} (expected one of: {', '.join(RELATION_TYPES)})")
            ok = False
        if source not in claim_ids:
            what = "a thesis cannot be the start of a relation" if source in nodes else "no such claim"
            check.add(path, item.key_lines["from"], f"dangling relation: 'from' {source!r}: {what}")
            ok = False
        if target not in nodes:
            check.add(path, item.key_lines["to"],
                      f"dangling relation: 'to' {target!r}: no such claim or thesis")
            ok = False
        if source == target:
            check.add(path, item.line, f"self-loop: {source!r} cannot {kind} itself")
            ok = False
        if ok:
            out.append(Relation(source, target, kind, " ".join(str(item["rationale"]).split()), src.id,
                                provenance, recorded_by, recorded_on))
    return out


def load_positions(path: Path, argmap: ArgMap) -> list[Position]:
    """A standalone positions file (stance overrides), validated against a loaded map."""
    check = _Checker()
    doc = check.load_yaml(path)
    claim_ids = {c.id for c in argmap.claims}
    nodes = claim_ids | {t.id for t in argmap.theses}
    positions = _load_positions(path, doc, "override", {a.id for a in argmap.authors}, nodes,
                                claim_ids, check)
    if not check.problems and not positions:
        check.add(path, 0, "no positions found (expected a 'positions:' list)")
    if check.problems:
        raise AnnotationError(check.problems)
    return positions


def _load_positions(
    path: Path, doc: Any, declared_in: str, author_ids: set[str], nodes: set[str],
    claim_ids: set[str], check: _Checker,
) -> list[Position]:
    out = []
    for item in check.items(path, doc, "positions", required=False):
        if not check.fields(path, item, "position", ("author", "on", "stance", "basis"),
                            ("evidence", "note")):
            continue
        author, target = str(item["author"]), str(item["on"])
        stance, basis = str(item["stance"]), str(item["basis"])
        evidence = item.get("evidence")
        problems = [
            (author not in author_ids, "author", f"unknown author {author!r}"),
            (target not in nodes, "on", f"dangling position: no claim or thesis {target!r}"),
            (stance not in STANCES, "stance",
             f"unknown stance {stance!r} (expected one of: {', '.join(STANCES)})"),
            (basis not in BASES, "basis", f"unknown basis {basis!r} (expected one of: {', '.join(BASES)})"),
            (evidence is not None and evidence not in claim_ids, "evidence",
             f"evidence {evidence!r} is not a claim"),
        ]
        bad = [(key, msg) for cond, key, msg in problems if cond]
        for key, msg in bad:
            check.add(path, item.key_lines.get(key, item.line), msg)
        if not bad:
            out.append(Position(author, target, stance, basis, declared_in,
                                str(evidence) if evidence else None,
                                check.text(path, item, "note")))
    return out


def _check_duplicates(
    root: Path, relations: list[Relation], positions: list[Position], check: _Checker
) -> None:
    owners = {r.id: r.declared_in for r in relations}
    for rel_id, n in sorted(Counter(r.id for r in relations).items()):
        if n > 1:
            check.add(root / owners[rel_id] / CLAIMS_FILE, 0, f"relation {rel_id} is stated {n} times")
    for (author, target), n in sorted(Counter((p.author, p.target) for p in positions).items()):
        if n > 1:
            check.add(root, 0, f"{author!r} has {n} positions on {target!r} (keep one)")
