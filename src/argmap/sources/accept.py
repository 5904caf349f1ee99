"""Accepting reviewed draft items: appended to ``claims.yaml`` as text, dropped from the draft."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from argmap.errors import ArgmapError, display_path
from argmap.files import write_atomic
from argmap.sources.drafts import curated_claims, draft_is_edited, source_ids, thesis_entries, write_draft
from argmap.sources.layout import CLAIMS_FILE, DRAFT_FILE, source_folders
from argmap.sources.yamlio import append_items, dump, read

DRAFT_ONLY_FIELDS = ("offsets",)


@dataclass
class AcceptReport:
    """What ``accept`` moved for one source."""

    source: str
    claims: list[str] = field(default_factory=list)
    relations: int = 0
    remaining_claims: int = 0
    remaining_relations: int = 0
    skipped: list[str] = field(default_factory=list)  # ids kept in the draft, with why


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
        wanted = [f.name for f in source_folders(sources_dir) if (f / DRAFT_FILE).exists()]
    else:
        wanted = source_ids(sources_dir, ids)
    picked = set(ids_to_accept) if ids_to_accept is not None else None
    curated = curated_claims(sources_dir)
    known_nodes = {str(c["id"]) for cs in curated.values() for c in cs}
    known_nodes |= {str(t["id"]) for t in thesis_entries(sources_dir)}
    reports = []
    for sid in wanted:
        folder = sources_dir / sid
        draft_path = folder / DRAFT_FILE
        if not draft_path.exists():
            raise ArgmapError(f"{display_path(draft_path)}: no draft (run `argmap draft {sid}`)")
        edited = draft_is_edited(draft_path)
        doc = read(draft_path) or {}
        if not isinstance(doc, dict):
            raise ArgmapError(f"{display_path(draft_path)}: expected claims/relations sections")
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
                text = append_items(text, "claims", dump(take), claims_path)
            if take_rel:
                text = append_items(text, "relations", dump(take_rel), claims_path)
            write_atomic(claims_path, text)
            write_draft(draft_path, sid, {"claims": keep, "relations": keep_rel}, edited)
        report.claims = sorted(accepted_ids)
        report.relations = len(take_rel)
        report.remaining_claims, report.remaining_relations = len(keep), len(keep_rel)
        reports.append(report)
    return reports
