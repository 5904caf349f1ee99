"""``draft.yaml``: machine drafts beside a source, and whether the user has edited one.

A draft carries the hash of what argmap generated in its header, so a draft the user edited
is recognised and never overwritten (a new draft goes to ``draft.new.yaml``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from argmap.errors import ArgmapError, display_path
from argmap.files import write_atomic
from argmap.model import Author
from argmap.sources.layout import AUTHORS_FILE, CLAIMS_FILE, DRAFT_FILE, SOURCE_FILE, THESES_FILE, source_folders
from argmap.sources.yamlio import YamlError, dump, parse, read

HASH_LINE = "# generated-sha256: "
EDITED_MARK = "edited"
# the evidence line of a drafted link typed by default, with no cue for its type: `accept
# --min-confidence` leaves such links to a person, whatever their confidence that the two are related
TYPE_GUESS = "no opposition cue: type is a guess, check it"


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


def free_draft_path(folder: Path) -> Path:
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


def write_draft(path: Path, source_id: str, data: dict, edited: bool = False) -> None:
    body = dump(data)
    write_atomic(path, _header(source_id, body, edited) + body)


def source_ids(sources_dir: Path, ids: Iterable[str] | str) -> list[str]:
    """The requested ids ("all" = every source without curated claims), checked to exist."""
    if ids == "all":
        return [f.name for f in source_folders(sources_dir)
                if (f / SOURCE_FILE).exists() and not _has_curated(f)]
    out = []
    for sid in [ids] if isinstance(ids, str) else ids:
        if not (sources_dir / sid / SOURCE_FILE).exists():
            raise ArgmapError(f"{display_path(sources_dir / sid)}: no such source")
        out.append(sid)
    return out


def _has_curated(folder: Path) -> bool:
    path = folder / CLAIMS_FILE
    if not path.exists():
        return False
    try:
        doc = parse(path.read_text(encoding="utf-8")) or {}
    except (YamlError, UnicodeDecodeError):
        return True  # something is there; do not draft over a broken curated file
    return bool(isinstance(doc, dict) and doc.get("claims"))


def curated_claims(sources_dir: Path) -> dict[str, list[dict]]:
    """Curated claims per source id, read leniently (no validation) for linking and dedup."""
    out: dict[str, list[dict]] = {}
    for f in sorted(sources_dir.glob(f"*/{CLAIMS_FILE}")):
        try:
            doc = parse(f.read_text(encoding="utf-8")) or {}
        except (YamlError, UnicodeDecodeError):
            continue
        claims = doc.get("claims") if isinstance(doc, dict) else None
        out[f.parent.name] = [c for c in claims or [] if isinstance(c, dict) and "id" in c]
    return out


def thesis_entries(sources_dir: Path) -> list[dict]:
    """The theses of a sources folder, read leniently."""
    path = sources_dir / THESES_FILE
    if not path.exists():
        return []
    doc = read(path) or {}
    return [t for t in doc.get("theses") or [] if isinstance(t, dict) and "id" in t]


def author_entries(sources_dir: Path) -> list[Author]:
    """The authors of a sources folder (``authors.yaml``), read leniently."""
    path = sources_dir / AUTHORS_FILE
    doc = read(path) if path.exists() else None
    return [Author(str(a["id"]), str(a.get("name", a["id"])))
            for a in (doc or {}).get("authors") or [] if isinstance(a, dict) and "id" in a]


def source_meta(folder: Path) -> dict:
    """A source's ``source.yaml`` as a mapping."""
    path = folder / SOURCE_FILE
    if not path.exists():
        raise ArgmapError(f"{display_path(folder)}: not a source (no {SOURCE_FILE})")
    meta = read(path)
    if not isinstance(meta, dict):
        raise ArgmapError(f"{display_path(path)}: expected a mapping of source metadata")
    return meta
