"""Add a new source, draft its claims and relations, accept reviewed drafts into claims.yaml.

The three steps a user (or the CLI) runs on a text of their own:

- :func:`add_source` reads a txt/md/html file, cleans it, and stores ``text.txt`` and
  ``source.yaml`` exactly as the hand-made sources are stored;
- :func:`draft_sources` writes ``draft.yaml`` beside it: claims with verified quotes and
  relations, each with a confidence and the evidence for it. It never touches ``claims.yaml``
  and never overwrites a draft the user has edited;
- :func:`accept_drafts` appends reviewed items to ``claims.yaml`` as text (existing content,
  comments and order stay byte for byte) and drops them from the draft.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from argmap.anchor import find_all
from argmap.errors import ArgmapError, display_path
from argmap.files import write_atomic
from argmap.model import CLAIM_KINDS, SOURCE_KINDS, THESIS_PREFIX

AUTHORS_FILE = "authors.yaml"
THESES_FILE = "theses.yaml"
SOURCE_FILE = "source.yaml"
TEXT_FILE = "text.txt"
CLAIMS_FILE = "claims.yaml"
DRAFT_FILE = "draft.yaml"
HASH_LINE = "# generated-sha256: "
EDITED_MARK = "edited"
READ_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                 ".html": "html", ".htm": "html"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DRAFT_ONLY_FIELDS = ("offsets",)
GIST_MAX = 160


class DraftingError(ArgmapError):
    """A bad input to add/draft/accept; the message names the file."""


# ----------------------------------------------------------------------------- helpers


def slugify(text: str, max_words: int = 6) -> str:
    """A ``[a-z0-9-]`` slug of the first words of ``text``."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:max_words]) or "x"


# libyaml when present: a 1 MB source drafts into ~10 MB of YAML
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)  # a safe loader (C or Python)


class _Dumper(_BaseDumper):
    """Block style for multi-line strings, so derivations read like the hand-made ones."""


def _str_representer(dumper: Any, data: str) -> yaml.Node:
    style = "|" if "\n" in data.strip("\n") and data == data.rstrip(" ") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


class _Flow(list):
    """A short list written on one line (``offsets: [12, 80]``)."""


def _flow_representer(dumper: Any, data: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(_Flow, _flow_representer)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _load_yaml(path: Path) -> Any:
    try:
        return _parse(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DraftingError(f"{display_path(path)}: not valid YAML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise DraftingError(f"{display_path(path)}: not UTF-8 text") from exc


def _progress_bar(total: int, enabled: bool | None, desc: str) -> Callable[[int], None]:
    """A stderr progress bar (tqdm, installed with spaCy); returns an advance(n) function."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return lambda n: None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="char", unit_scale=True, desc=desc, file=sys.stderr, leave=False)
    return bar.update


# ----------------------------------------------------------------------------- add


def read_source_file(path: Path, encoding: str | None = None) -> str:
    """The file's text; clear errors for a missing, empty, binary or undecodable file."""
    shown = display_path(path)
    if not path.is_file():
        raise DraftingError(f"{shown}: no such file")
    raw = path.read_bytes()
    if not raw.strip():
        raise DraftingError(f"{shown}: the file is empty")
    head = raw[:8192]
    bom16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if not bom16 and (b"\x00" in head or controls > len(head) * 0.05):
        raise DraftingError(f"{shown}: looks like a binary file, not text (txt, md or html)")
    if encoding is None:
        encoding = "utf-16" if bom16 else "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DraftingError(
            f"{shown}: cannot decode as {encoding} (byte 0x{raw[exc.start]:02x} at offset "
            f"{exc.start}); unknown encoding: re-save it as UTF-8 or name its encoding"
        ) from exc
    except LookupError as exc:
        raise DraftingError(f"{shown}: unknown encoding {encoding!r}") from exc


def _input_format(path: Path, text: str) -> str:
    fmt = READ_SUFFIXES.get(path.suffix.lower(), "text")
    if fmt == "text" and re.match(r"\s*<(!doctype html|html|head|body)\b", text, re.I):
        return "html"
    return fmt


def _resolve_authors(sources_dir: Path, authors: Sequence[str]) -> tuple[list[str], list[dict]]:
    """Author ids for the given ids or names; unknown names become new authors.yaml entries."""
    path = sources_dir / AUTHORS_FILE
    doc = _load_yaml(path) if path.exists() else None
    known = (doc or {}).get("authors") or []
    by_key = {}
    for a in known:
        if isinstance(a, dict) and "id" in a:
            by_key[str(a["id"]).lower()] = str(a["id"])
            by_key[str(a.get("name", "")).lower()] = str(a["id"])
    ids, new = [], []
    for given in authors:
        given = given.strip()
        if not given:
            continue
        found = by_key.get(given.lower())
        if found is None:
            found = slugify(given, 8)
            if found not in by_key.values() and all(n["id"] != found for n in new):
                new.append({"id": found, "name": given})
        ids.append(found)
    if not ids:
        raise DraftingError("a source needs at least one author (--author)")
    return ids, new


def _append_authors(sources_dir: Path, new: list[dict]) -> None:
    """Append new authors to authors.yaml as text, keeping what is there."""
    path = sources_dir / AUTHORS_FILE
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    items = _dump(new)
    text = _append_to_section(old, "authors", items, path)
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
    from argmap.textclean import clean_text

    path, sources_dir = Path(path), Path(sources_dir)
    shown = display_path(path)
    if kind not in SOURCE_KINDS:
        raise DraftingError(f"{shown}: unknown kind {kind!r} (expected one of: "
                            f"{', '.join(SOURCE_KINDS)})")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError as exc:
            raise DraftingError(f"{shown}: date {date!r} is not an ISO date (YYYY-MM-DD)") from exc
    source_id = source_id or slugify(path.stem, 8)
    if not SLUG_RE.match(source_id) or source_id.startswith("thesis"):
        raise DraftingError(f"{shown}: source id {source_id!r} is not a slug ([a-z0-9-]+)")
    folder = sources_dir / source_id
    if folder.exists():
        raise DraftingError(f"{shown}: duplicate source id {source_id!r}: "
                            f"{display_path(folder)} already exists (choose another id)")
    raw = read_source_file(path, encoding)
    fmt = _input_format(path, raw)
    result = clean_text(raw, html=fmt == "html", markdown=fmt == "markdown")
    text = result.text.strip("\n") + "\n"
    if not text.strip():
        raise DraftingError(f"{shown}: no text left after cleaning")
    author_ids, new_authors = _resolve_authors(
        sources_dir, [authors] if isinstance(authors, str) else list(authors))
    steps = ", ".join(f"{k} {v}" for k, v in result.steps.items()) or "none needed"
    derivation = (f"Added with `argmap add` from a {fmt} file ({encoding or 'UTF-8'}).\n"
                  f"Clean-up steps (changes): {steps}.\n")
    try:
        derived = Path(path.resolve()).relative_to(sources_dir.resolve().parent)
    except ValueError:
        derived = path.resolve()
    meta = {
        "id": source_id, "title": title, "authors": author_ids, "date": date, "url": url,
        "kind": kind, "derived_from": str(derived), "derivation": derivation,
    }
    folder.mkdir(parents=True)
    try:
        write_atomic(folder / TEXT_FILE, text)
        write_atomic(folder / SOURCE_FILE, _dump(meta))
        if new_authors:
            _append_authors(sources_dir, new_authors)
    except BaseException:
        for f in (folder / TEXT_FILE, folder / SOURCE_FILE):
            f.unlink(missing_ok=True)
        folder.rmdir()
        raise
    return folder


# ----------------------------------------------------------------------------- draft


@dataclass
class DraftReport:
    """What ``draft`` wrote for one source."""

    source: str
    path: Path
    claims: int
    relations: int
    links: int = 0
    kept_edits: bool = False  # True when an edited draft.yaml was left alone
    seconds: float = 0.0


def _header(source_id: str, body: str, edited: bool = False) -> str:
    digest = EDITED_MARK if edited else hashlib.sha256(body.encode("utf-8")).hexdigest()
    return (
        f"# Machine draft for source '{source_id}' (argmap draft). Review it: fix gists and kinds,\n"
        "# delete what is wrong, then `argmap accept` moves the items into claims.yaml.\n"
        "# confidence and evidence say why each item was proposed; quotes are exact.\n"
        f"{HASH_LINE}{digest}\n"
    )


def _split_header(text: str) -> tuple[str | None, str]:
    """(recorded hash, body) of a draft file."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(HASH_LINE):
            return line[len(HASH_LINE):].strip(), "".join(lines[i + 1:])
        if not line.startswith("#"):
            break
    return None, text


def draft_is_edited(path: Path) -> bool:
    """True when the draft's body differs from what argmap generated."""
    recorded, body = _split_header(path.read_text(encoding="utf-8"))
    if recorded is None or recorded == EDITED_MARK:
        return True
    return hashlib.sha256(body.encode("utf-8")).hexdigest() != recorded


def _gist(text: str) -> str:
    from argmap.draft.classify import lead_marker

    gist = " ".join(text.split())
    lead = lead_marker(gist)
    if lead and lead[0] in ("addition", "conclusion", "contrast", "reason"):
        stripped = re.sub(rf"^(and |but )?{re.escape(lead[1])}[,:]?\s+", "", gist, flags=re.I)
        if len(stripped.split()) >= 3:
            gist = stripped
    gist = gist.rstrip(" ,;:–—-")
    if len(gist) > GIST_MAX:
        gist = gist[: GIST_MAX].rsplit(" ", 1)[0] + " …"
    return gist[:1].upper() + gist[1:]


def _existing_claims(sources_dir: Path) -> dict[str, list[dict]]:
    """Curated claims per source id, read leniently (no validation) for linking and dedup."""
    out: dict[str, list[dict]] = {}
    for f in sorted(sources_dir.glob(f"*/{CLAIMS_FILE}")):
        try:
            doc = _parse(f.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        claims = doc.get("claims") if isinstance(doc, dict) else None
        out[f.parent.name] = [c for c in claims or [] if isinstance(c, dict) and "id" in c]
    return out


def _theses(sources_dir: Path) -> list[dict]:
    path = sources_dir / THESES_FILE
    if not path.exists():
        return []
    doc = _load_yaml(path) or {}
    return [t for t in doc.get("theses") or [] if isinstance(t, dict) and "id" in t]


def _source_meta(folder: Path) -> dict:
    path = folder / SOURCE_FILE
    if not path.exists():
        raise DraftingError(f"{display_path(folder)}: not a source (no {SOURCE_FILE})")
    meta = _load_yaml(path)
    if not isinstance(meta, dict):
        raise DraftingError(f"{display_path(path)}: expected a mapping of source metadata")
    return meta


def _has_curated(folder: Path) -> bool:
    path = folder / CLAIMS_FILE
    if not path.exists():
        return False
    try:
        doc = _parse(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        return True  # something is there; do not draft over a broken curated file
    return bool(isinstance(doc, dict) and doc.get("claims"))


def source_ids(sources_dir: Path, ids: Iterable[str] | str) -> list[str]:
    """The requested ids ("all" = every source without curated claims), checked to exist."""
    if ids == "all":
        return [f.name for f in sorted(sources_dir.iterdir())
                if (f / SOURCE_FILE).exists() and not _has_curated(f)]
    out = []
    for sid in [ids] if isinstance(ids, str) else ids:
        if not (sources_dir / sid / SOURCE_FILE).exists():
            raise DraftingError(f"{display_path(sources_dir / sid)}: no such source")
        out.append(sid)
    return out


def _curated_spans(text: str, curated: list[dict]) -> list[tuple[int, int]]:
    """Where the source's curated claims stand, so drafts do not propose them again."""
    spans = []
    for c in curated:
        found = find_all(text, str(c.get("quote", "")))
        occurrence = c.get("occurrence") or 1
        if isinstance(occurrence, int) and 0 < occurrence <= len(found):
            spans.append(found[occurrence - 1])
    return spans


class _Occurrences:
    """Which occurrence of its quote a span is, the way quotes are matched (white space and
    quote style forgiven), without a regex scan of the whole text per claim."""

    _QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        self.pos: list[int] = []  # original index -> normalised index
        prev_space = False
        for ch in text:
            if ch.isspace():
                self.pos.append(len(chars))
                if not prev_space:
                    chars.append(" ")
                prev_space = True
            else:
                self.pos.append(len(chars))
                chars.append(ch)
                prev_space = False
        self.pos.append(len(chars))
        self.norm = "".join(chars).translate(self._QUOTES)

    def of(self, quote: str, start: int) -> tuple[int, int]:
        """(occurrence number of the span starting at ``start``, total occurrences)."""
        q = " ".join(quote.split()).translate(self._QUOTES)
        at = self.pos[start]
        index, total, found = 0, 0, 0
        while True:
            index = self.norm.find(q, index)
            if index < 0:
                return found or 1, total
            total += 1
            if index == at:
                found = total
            index += len(q)


def _draft_document(source_id: str, meta: dict, draft, curated: list[dict]) -> dict:  # type: ignore[no-untyped-def]
    """The draft.yaml data for one source's :class:`~argmap.draft.drafter.Draft`."""
    text = draft.text
    taken_spans = _curated_spans(text, curated)
    taken_ids = {str(c["id"]) for c in curated}
    authors = meta.get("authors") or []
    ids: dict[int, str] = {}
    claims = []
    occurrences = _Occurrences(text)
    for i, u in enumerate(draft.units):
        if any(min(u.end, b) - max(u.start, a) > 0.5 * (u.end - u.start) for a, b in taken_spans):
            continue  # already curated
        base = f"{source_id}.d{i + 1:03d}-{slugify(u.text, 4)}"
        cid, n = base, 2
        while cid in taken_ids:
            cid, n = f"{base}-{n}", n + 1
        taken_ids.add(cid)
        ids[i] = cid
        occurrence, total = occurrences.of(u.text, u.start)
        item: dict[str, Any] = {"id": cid, "gist": _gist(u.text), "quote": u.text}
        if total > 1:
            item["occurrence"] = occurrence
        item["kind"] = u.kind if u.kind in CLAIM_KINDS else "premise"
        if len(authors) > 1:
            item["author"] = authors[0]
        item["offsets"] = _Flow([u.start, u.end])
        item["confidence"] = round(float(u.confidence), 2)
        item["evidence"] = list(u.evidence)
        claims.append(item)
    relations = []
    for r in draft.relations:
        if r.source not in ids or r.target not in ids:
            continue
        relations.append({
            "from": ids[r.source], "to": ids[r.target], "type": r.type,
            "rationale": r.evidence[0] if r.evidence else "drafted",
            "confidence": round(float(r.confidence), 2), "evidence": list(r.evidence),
        })
    return {"claims": claims, "relations": relations}


def _link_relations(
    nlp, docs: dict[str, dict], sources_dir: Path, curated: dict[str, list[dict]]  # type: ignore[no-untyped-def]
) -> int:
    """Add cross-source candidate relations (``--link``) to each draft document."""
    from argmap.draft.relate import LinkItem, link

    def lemmas(doc) -> tuple[tuple[str, ...], bool]:  # type: ignore[no-untyped-def]
        content = tuple(t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop)
        negated = any(t.dep_ == "neg" or t.lower_ in ("no", "never", "without") for t in doc)
        return content, negated

    existing_raw = [(sid, str(c["id"]), f"{c.get('gist', '')} {c.get('quote', '')}",
                     str(c.get("kind", "premise")))
                    for sid, cs in curated.items() for c in cs]
    existing_raw += [(THESIS_PREFIX, str(t["id"]), str(t.get("text", "")), "position")
                     for t in _theses(sources_dir)]
    new_raw = [(sid, str(c["id"]), str(c["quote"]), str(c["kind"]))
               for sid, d in docs.items() for c in d["claims"]]
    if not existing_raw or not new_raw:
        return 0
    texts = [r[2] for r in existing_raw] + [r[2] for r in new_raw]
    parsed = [lemmas(d) for d in nlp.pipe(texts, batch_size=128)]
    existing = [LinkItem(r[1], r[0], *parsed[i], kind=r[3]) for i, r in enumerate(existing_raw)]
    off = len(existing_raw)
    new = [LinkItem(r[1], r[0], *parsed[off + i], opponent=r[3] == "concession", kind=r[3])
           for i, r in enumerate(new_raw)]
    count = 0
    for p in link(new, existing):
        sid = p.source.split(".", 1)[0]
        docs[sid]["relations"].append({
            "from": p.source, "to": p.target, "type": p.type, "rationale": p.evidence[0],
            "confidence": p.confidence, "evidence": list(p.evidence),
        })
        count += 1
    return count


def _free_draft_path(folder: Path) -> Path:
    """draft.yaml unless the user edited it; then draft.new.yaml (or -2, -3 ... if edited)."""
    path = folder / DRAFT_FILE
    if not path.exists() or not draft_is_edited(path):
        return path
    n = 1
    while True:
        cand = folder / ("draft.new.yaml" if n == 1 else f"draft.new-{n}.yaml")
        if not cand.exists() or not draft_is_edited(cand):
            return cand
        n += 1


def _write_draft(path: Path, source_id: str, data: dict, edited: bool = False) -> None:
    body = _dump(data)
    write_atomic(path, _header(source_id, body, edited) + body)


def draft_sources(
    sources_dir: str | Path = "sources",
    ids: Iterable[str] | str = "all",
    *,
    link: bool = False,
    progress: bool | None = None,
) -> list[DraftReport]:
    """Write ``draft.yaml`` for the given sources ("all" = those without curated claims)."""
    import time

    from argmap.draft.drafter import draft_text
    from argmap.draft.nlp import load_nlp

    sources_dir = Path(sources_dir)
    wanted = source_ids(sources_dir, ids)
    if not wanted:
        return []
    nlp = load_nlp()
    curated = _existing_claims(sources_dir)
    texts = {}
    for sid in wanted:
        path = sources_dir / sid / TEXT_FILE
        try:
            texts[sid] = path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise DraftingError(f"{display_path(path)}: missing source text") from exc
        except UnicodeDecodeError as exc:
            raise DraftingError(f"{display_path(path)}: not UTF-8 text") from exc
    advance = _progress_bar(sum(len(t) for t in texts.values()), progress, "drafting")
    docs: dict[str, dict] = {}
    timing: dict[str, float] = {}
    for sid in wanted:
        t0 = time.perf_counter()
        done = [0]

        def step(pos: int, _total: int, done: list[int] = done) -> None:
            advance(pos - done[0])
            done[0] = pos

        draft = draft_text(texts[sid], nlp, progress=step)
        meta = _source_meta(sources_dir / sid)
        docs[sid] = _draft_document(sid, meta, draft, curated.get(sid, []))
        timing[sid] = time.perf_counter() - t0
    links = _link_relations(nlp, docs, sources_dir, curated) if link else 0
    reports = []
    for sid in wanted:
        folder = sources_dir / sid
        path = _free_draft_path(folder)
        _write_draft(path, sid, docs[sid])
        n_links = sum(1 for r in docs[sid]["relations"] if not r["to"].startswith(f"{sid}."))
        reports.append(DraftReport(sid, path, len(docs[sid]["claims"]),
                                   len(docs[sid]["relations"]), n_links if links else 0,
                                   kept_edits=path.name != DRAFT_FILE, seconds=timing[sid]))
    return reports


# ----------------------------------------------------------------------------- accept


@dataclass
class AcceptReport:
    """What ``accept`` moved for one source."""

    source: str
    claims: list[str] = field(default_factory=list)
    relations: int = 0
    remaining_claims: int = 0
    remaining_relations: int = 0
    skipped: list[str] = field(default_factory=list)  # ids kept in the draft, with why


def _section_bounds(lines: list[str], key: str) -> tuple[int, int] | None:
    """(index of the ``key:`` line, index after its block) in a top-level YAML mapping."""
    start = None
    for i, line in enumerate(lines):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            start = i
            continue
        if start is not None and re.match(r"^[^\s#-]", line):
            end = i
            while end > start + 1 and (not lines[end - 1].strip() or
                                       (lines[end - 1].lstrip().startswith("#") and
                                       not lines[end - 1].startswith(" "))):
                end -= 1
            return start, end
    return (start, len(lines)) if start is not None else None


def _append_to_section(old: str, key: str, items_yaml: str, path: Path) -> str:
    """``old`` with ``items_yaml`` (a YAML list) appended to its top-level ``key`` list.

    Done on text so that what the user wrote (comments, order, quoting) stays as it is; the
    result is parsed back and compared, so a layout we cannot append to fails loudly.
    """
    before = _parse(old) if old.strip() else None
    before = before or {}
    if not isinstance(before, dict):
        raise DraftingError(f"{display_path(path)}: expected a mapping at the top level")
    added = _parse(items_yaml) or []
    lines = old.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    bounds = _section_bounds(lines, key)
    if bounds is None:
        new_lines = [*lines, f"{key}:\n", *_indent(items_yaml, "  ")]
    else:
        start, end = bounds
        head = lines[start]
        if re.match(rf"^{re.escape(key)}\s*:\s*(\[\s*\]|null|~)?\s*(#.*)?$", head) and (
            before.get(key) in (None, [])
        ):
            lines[start] = f"{key}:\n"
            indent = "  "
        else:
            indent = next((re.match(r"^(\s*)-", ln).group(1) for ln in lines[start + 1:end]
                           if re.match(r"^\s*-", ln)), "  ")
        new_lines = [*lines[:end], *_indent(items_yaml, indent), *lines[end:]]
    new = "".join(new_lines)
    after = _parse(new) or {}
    expected = dict(before)
    expected[key] = list(before.get(key) or []) + list(added)
    if after != expected:
        raise DraftingError(f"{display_path(path)}: cannot append to its '{key}' list safely "
                            "(unusual layout); nothing was written")
    return new


def _indent(items_yaml: str, indent: str) -> list[str]:
    return [indent + ln if ln.strip() else ln for ln in items_yaml.splitlines(keepends=True)]


def _relation_key(r: dict) -> str:
    return f"{r.get('from')}--{r.get('type')}--{r.get('to')}"


def accept_drafts(
    sources_dir: str | Path = "sources",
    ids: Iterable[str] | str = "all",
    *,
    ids_to_accept: Iterable[str] | None = None,
    min_confidence: float | None = None,
) -> list[AcceptReport]:
    """Append reviewed draft items to claims.yaml and drop them from draft.yaml.

    ``ids_to_accept`` picks claims (and relations by ``from--type--to``); ``min_confidence``
    keeps items at or above it; with neither, everything in the draft is accepted. A relation
    is accepted only when both its ends are (or already are) curated claims or theses.
    """
    sources_dir = Path(sources_dir)
    if ids == "all":
        wanted = [f.name for f in sorted(sources_dir.iterdir()) if (f / DRAFT_FILE).exists()]
    else:
        wanted = source_ids(sources_dir, ids)
    picked = set(ids_to_accept) if ids_to_accept is not None else None
    curated = _existing_claims(sources_dir)
    known_nodes = {str(c["id"]) for cs in curated.values() for c in cs}
    known_nodes |= {str(t["id"]) for t in _theses(sources_dir)}
    reports = []
    for sid in wanted:
        folder = sources_dir / sid
        draft_path = folder / DRAFT_FILE
        if not draft_path.exists():
            raise DraftingError(f"{display_path(draft_path)}: no draft (run `argmap draft {sid}`)")
        edited = draft_is_edited(draft_path)
        doc = _load_yaml(draft_path) or {}
        if not isinstance(doc, dict):
            raise DraftingError(f"{display_path(draft_path)}: expected claims/relations sections")
        claims = [c for c in doc.get("claims") or [] if isinstance(c, dict)]
        relations = [r for r in doc.get("relations") or [] if isinstance(r, dict)]
        report = AcceptReport(sid)

        def confident(item: dict) -> bool:
            conf = item.get("confidence")
            return min_confidence is None or (conf is not None and float(conf) >= min_confidence)

        take, keep = [], []
        for c in claims:
            cid = str(c.get("id"))
            chosen = (picked is None or cid in picked) and confident(c)
            if chosen and cid in known_nodes:
                report.skipped.append(f"{cid}: id already in use")
                keep.append(c)
            elif chosen:
                take.append({k: v for k, v in c.items() if k not in DRAFT_ONLY_FIELDS})
                known_nodes.add(cid)
            else:
                keep.append(c)
        accepted_ids = {str(c["id"]) for c in take}
        take_rel, keep_rel = [], []
        for r in relations:
            ends = str(r.get("from")), str(r.get("to"))
            if picked is None:
                chosen = confident(r)
            else:
                chosen = _relation_key(r) in picked or (
                    ends[0] in accepted_ids and confident(r))
            if chosen and all(e in known_nodes for e in ends):
                take_rel.append(r)
            else:
                keep_rel.append(r)
        if take or take_rel:
            claims_path = folder / CLAIMS_FILE
            text = claims_path.read_text(encoding="utf-8") if claims_path.exists() else ""
            if take:
                text = _append_to_section(text, "claims", _dump(take), claims_path)
            if take_rel:
                text = _append_to_section(text, "relations", _dump(take_rel), claims_path)
            write_atomic(claims_path, text)
            _write_draft(draft_path, sid, {"claims": keep, "relations": keep_rel}, edited)
        report.claims = sorted(accepted_ids)
        report.relations = len(take_rel)
        report.remaining_claims, report.remaining_relations = len(keep), len(keep_rel)
        reports.append(report)
    return reports
