"""Accepting reviewed draft items: appended to ``claims.yaml`` as text, dropped from the draft.

Accepting is one transaction per run. Every item it would write is first checked with exactly
``argmap check``'s rules (the loader reads the would-be ``claims.yaml`` from memory); items that
would break the map are refused, each named with its problem, and the rest go in. Only
annotation fields are written (the draft's bookkeeping, ``confidence``, ``evidence`` and
``offsets``, stays behind), comments and line endings of ``claims.yaml`` are kept, and a new
relation gets ``provenance: inferred`` (a drafted link is the annotator's reading) unless the
draft says otherwise. ``claims.yaml`` is written before ``draft.yaml``; an item already in
``claims.yaml`` counts as accepted, so rerunning after a crash between the two writes appends
nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from argmap.errors import AnnotationError, ArgmapError, display_path
from argmap.files import write_atomic
from argmap.model import ArgMap
from argmap.sources.drafts import (
    TYPE_GUESS,
    curated_claims,
    draft_is_edited,
    source_ids,
    thesis_entries,
    write_draft,
)
from argmap.sources.layout import CLAIMS_FILE, DRAFT_FILE, source_folders
from argmap.sources.loader import CLAIM_OPTIONAL, CLAIM_REQUIRED, RELATION_OPTIONAL, RELATION_REQUIRED, load_map
from argmap.sources.yamlio import append_items, dump, read

BOOKKEEPING = ("confidence", "evidence", "offsets")  # what the drafter writes for the reviewer only
CLAIM_FIELDS = tuple(f for f in CLAIM_REQUIRED + CLAIM_OPTIONAL if f not in BOOKKEEPING)
RELATION_FIELDS = tuple(f for f in RELATION_REQUIRED + RELATION_OPTIONAL if f not in BOOKKEEPING)
MAX_ROUNDS = 5  # refusing an item can orphan a relation to it: check again, a few times at most


@dataclass
class AcceptReport:
    """What ``accept`` moved for one source."""

    source: str
    claims: list[str] = field(default_factory=list)
    relations: int = 0
    remaining_claims: int = 0
    remaining_relations: int = 0
    skipped: list[str] = field(default_factory=list)  # kept in the draft, with why
    already: int = 0  # items found in claims.yaml already (a rerun), dropped from the draft
    notes: list[str] = field(default_factory=list)  # what the user should know about what went in


def _relation_key(r: dict) -> str:
    return f"{r.get('from')}--{r.get('type')}--{r.get('to')}"


def _clean(item: dict, fields: tuple[str, ...]) -> dict[str, Any]:
    return {k: item[k] for k in fields if k in item}


@dataclass
class _Plan:
    """One source's accept: what goes into claims.yaml, what stays in the draft."""

    source: str
    draft_path: Path
    edited: bool
    take: list[dict] = field(default_factory=list)
    take_rel: list[dict] = field(default_factory=list)
    keep: list[dict] = field(default_factory=list)
    keep_rel: list[dict] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)  # every claim id and relation key in the draft
    report: AcceptReport = field(init=False)

    def __post_init__(self) -> None:
        self.report = AcceptReport(self.source)


def accept_drafts(
    sources_dir: str | Path = "sources",
    ids: Iterable[str] | str = "all",
    *,
    ids_to_accept: Iterable[str] | None = None,
    min_confidence: float | None = None,
    by: str | None = None,
    today: str | None = None,
) -> list[AcceptReport]:
    """Append reviewed draft items to claims.yaml and drop them from draft.yaml.

    ``ids_to_accept`` picks claims (and relations by ``from--type--to``); ``min_confidence``
    keeps items at or above it, except what no confidence settles: a view the author grants or
    reports (kind concession) and a link whose type is a guess stay for a person, each named in
    the report's ``skipped``; with neither, everything in the draft is accepted. Picked claims
    bring the confident relations that touch them. A relation is accepted only when both its
    ends are (or already are) curated claims or theses.

    A relation is the annotator's reading, so it is recorded as theirs: ``recorded_by`` (``by``,
    or the one annotator of ``authors.yaml``) and ``recorded_on`` (``today``, ISO; default the
    date now), unless ``claims.yaml`` gives file-wide defaults or the item its own.
    """
    sources_dir = Path(sources_dir)
    if ids == "all":
        wanted = [f.name for f in source_folders(sources_dir) if (f / DRAFT_FILE).exists()]
    else:
        wanted = source_ids(sources_dir, ids)
    stamp = _stamp(_check_clean(sources_dir), by, today)
    picked = set(ids_to_accept) if ids_to_accept is not None else None
    curated = curated_claims(sources_dir)
    curated_quotes = {str(c["id"]): c.get("quote") for cs in curated.values() for c in cs}
    curated_relations = _curated_relations(sources_dir)
    known_nodes = set(curated_quotes) | {str(t["id"]) for t in thesis_entries(sources_dir)}
    plans = [_plan(sources_dir, sid, picked, min_confidence, curated_quotes, curated_relations, known_nodes)
             for sid in wanted]
    if picked is not None:
        _refuse_unknown_ids(picked, plans, set(curated_quotes) | curated_relations)
    for plan in plans:
        _record(sources_dir / plan.source / CLAIMS_FILE, plan, stamp)
    texts = _validated_texts(sources_dir, plans)
    for plan in plans:  # claims.yaml first: a rerun after a crash finds the items there
        if plan.source in texts:
            write_atomic(sources_dir / plan.source / CLAIMS_FILE, texts[plan.source])
    for plan in plans:
        if plan.take or plan.take_rel or plan.report.already or plan.report.skipped:
            write_draft(plan.draft_path, plan.source, {"claims": plan.keep, "relations": plan.keep_rel},
                        plan.edited)
        plan.report.claims = sorted(str(c["id"]) for c in plan.take)
        plan.report.relations = len(plan.take_rel)
        plan.report.remaining_claims, plan.report.remaining_relations = len(plan.keep), len(plan.keep_rel)
    return [p.report for p in plans]


def _refuse_unknown_ids(picked: set[str], plans: list[_Plan], curated: set[str]) -> None:
    """An id in no draft is a typo or a short form: accepting the rest silently would look like
    "accepted 0 claims" with nothing said, so nothing is written and the error names it."""
    drafted = set().union(*(p.ids for p in plans))
    unknown = sorted(picked - drafted - curated)
    if not unknown:
        return
    lines = []
    for u in unknown[:10]:
        near = sorted(i for i in drafted if u in i and ("--" in i) == ("--" in u))  # a claim, or a relation
        lines.append(f"  {u}" + (f" (did you mean {near[0]}?)" if len(near) == 1 else ""))
    more = f"\n  and {len(unknown) - 10} more" if len(unknown) > 10 else ""
    raise ArgmapError(f"--ids names {len(unknown)} item(s) in no draft of {', '.join(p.source for p in plans)}; "
                      "nothing was accepted. Give ids as draft.yaml writes them (a claim: "
                      "<source>.dNNN-words, a relation: FROM--TYPE--TO):\n" + "\n".join(lines) + more)


def _check_clean(sources_dir: Path) -> ArgMap:
    """Accepting into a map that does not pass ``check`` would hide whose problem is whose."""
    try:
        return load_map(sources_dir)
    except AnnotationError as exc:
        raise ArgmapError(f"the map has {len(exc.problems)} problem(s) already; fix them first "
                          f"(argmap check --sources {display_path(sources_dir)}), then accept:\n"
                          + "\n".join(f"  {p}" for p in exc.problems[:10])) from None


def _curated_relations(sources_dir: Path) -> set[str]:
    out = set()
    for folder in source_folders(sources_dir):
        path = folder / CLAIMS_FILE
        doc = read(path) if path.exists() else None
        if isinstance(doc, dict):
            out |= {_relation_key(r) for r in doc.get("relations") or [] if isinstance(r, dict)}
    return out


def _stamp(m: ArgMap, by: str | None, today: str | None) -> dict[str, str]:
    """Who records the accepted relations, and when."""
    known = [a.id for a in m.annotators]
    if by is not None and by not in known:
        raise ArgmapError(f"unknown annotator {by!r}: --by takes an id of 'annotators' in authors.yaml"
                          f" ({', '.join(known) or 'none listed'})")
    if by is None and len(known) == 1:
        by = known[0]
    stamp = {"recorded_on": today or date.today().isoformat()}
    return stamp | ({"recorded_by": by} if by is not None else {})


def _record(path: Path, plan: _Plan, stamp: dict[str, str]) -> None:
    """Give each accepted relation who recorded it and when, where claims.yaml has no default."""
    doc = read(path) if path.exists() else None
    defaults = {k for k in stamp if isinstance(doc, dict) and doc.get(k) is not None}
    for r in plan.take_rel:
        for key, value in stamp.items():
            if key not in defaults and key not in r:
                r[key] = value
    if plan.take_rel and "recorded_by" not in stamp and "recorded_by" not in defaults:
        plan.report.notes.append("the accepted relations name no annotator (recorded_by): list one "
                                 "under 'annotators' in authors.yaml, or pass --by")


def _plan(sources_dir: Path, sid: str, picked: set[str] | None, min_confidence: float | None,
          curated_quotes: dict[str, Any], curated_relations: set[str], known_nodes: set[str]) -> _Plan:
    draft_path = sources_dir / sid / DRAFT_FILE
    if not draft_path.exists():
        raise ArgmapError(f"{display_path(draft_path)}: no draft (run `argmap draft {sid}`)")
    plan = _Plan(sid, draft_path, draft_is_edited(draft_path))
    doc = read(draft_path) or {}
    if not isinstance(doc, dict):
        raise ArgmapError(f"{display_path(draft_path)}: expected claims/relations sections")
    claims = [c for c in doc.get("claims") or [] if isinstance(c, dict)]
    relations = [r for r in doc.get("relations") or [] if isinstance(r, dict)]
    plan.ids = {str(c.get("id")) for c in claims} | {_relation_key(r) for r in relations}

    def confident(item: dict) -> bool:
        conf = item.get("confidence")
        if min_confidence is None:
            return True
        return isinstance(conf, int | float) and not isinstance(conf, bool) and conf >= min_confidence

    def for_a_person(item: dict, key: str) -> bool:
        """Under --min-confidence, what no confidence can settle stays in the draft, named."""
        if min_confidence is None or (picked is not None and key in picked) or not confident(item):
            return False
        if item.get("kind") == "concession":
            why = ("a view the author grants or reports (kind concession): whether they hold it, and "
                   "whose words it is, needs a person; set author:/reported_by: and accept it by id")
        elif TYPE_GUESS in (item.get("evidence") or ()):
            why = "its type is a guess (no cue for support or attack): check it and accept it by id"
        else:
            return False
        plan.report.skipped.append(f"{key}: {why}")
        return True

    for c in claims:
        cid = str(c.get("id"))
        chosen = (picked is None or cid in picked) and confident(c) and not for_a_person(c, cid)
        if chosen and cid in curated_quotes:
            if curated_quotes[cid] == c.get("quote"):
                plan.report.already += 1  # accepted by an earlier run
            else:
                plan.report.skipped.append(f"{cid}: id already in use")
                plan.keep.append(c)
        elif chosen:
            plan.take.append(_clean(c, CLAIM_FIELDS))
            known_nodes.add(cid)
            if c.get("kind") == "concession" and not c.get("reported_by"):
                plan.report.notes.append(
                    f"{cid} (kind concession) went in as {c.get('author') or 'the source author'}'s own "
                    "claim; if it is a view they report or reject, give it author:/reported_by: or a position")
        else:
            plan.keep.append(c)
    scores = [c["confidence"] for c in claims if isinstance(c.get("confidence"), int | float)]
    if min_confidence is not None and picked is None and scores and not any(map(confident, claims)):
        plan.report.notes.append(
            f"no drafted claim reaches confidence {min_confidence:g} (the highest is {max(scores):.2f}): a "
            "claim's confidence is the chance a person would annotate it, learnt from the map's sources, and "
            "it stays low in a text far from the map's theses; review draft.yaml and accept by --ids")
    accepted = {str(c["id"]) for c in plan.take}
    for r in relations:
        ends = str(r.get("from")), str(r.get("to"))
        chosen = confident(r) if picked is None else (
            _relation_key(r) in picked or ((ends[0] in accepted or ends[1] in accepted) and confident(r)))
        chosen = chosen and not (all(e in known_nodes for e in ends) and for_a_person(r, _relation_key(r)))
        if chosen and _relation_key(r) in curated_relations:
            plan.report.already += 1
        elif chosen and all(e in known_nodes for e in ends):
            plan.take_rel.append({"provenance": "inferred"} | _clean(r, RELATION_FIELDS))
        else:
            plan.keep_rel.append(r)
    return plan


def _render(sources_dir: Path, plan: _Plan) -> tuple[str, dict[tuple[str, int], dict]]:
    """The would-be claims.yaml and, for each appended item, (section, line) → the item."""
    path = sources_dir / plan.source / CLAIMS_FILE
    text = path.read_bytes().decode("utf-8") if path.exists() else ""  # bytes: CRLF stays CRLF
    at: dict[tuple[str, int], dict] = {}
    for section, items in (("claims", plan.take), ("relations", plan.take_rel)):
        if not items:
            continue
        before = text
        text, ranges = append_items(text, section, dump([_ordered(i, section) for i in items]), path)
        shift = text.count("\n") - before.count("\n")  # lines this append added
        at = {(s, line + shift if line >= ranges[0][0] and s != section else line): i
              for (s, line), i in at.items()}
        for (first, last), item in zip(ranges, items, strict=True):
            for line in range(first, last + 1):
                at[(section, line)] = item
    return text, at


def _ordered(item: dict, section: str) -> dict:
    fields = CLAIM_FIELDS if section == "claims" else RELATION_FIELDS
    return {k: item[k] for k in fields if k in item}


def _validated_texts(sources_dir: Path, plans: list[_Plan]) -> dict[str, str]:
    """New claims.yaml texts, after refusing every item ``check`` would reject (each named)."""
    for _ in range(MAX_ROUNDS):
        rendered = {p.source: _render(sources_dir, p) for p in plans if p.take or p.take_rel}
        overrides = {sources_dir / sid / CLAIMS_FILE: text for sid, (text, _) in rendered.items()}
        try:
            load_map(sources_dir, overrides=overrides)
            return {sid: text for sid, (text, _) in rendered.items()}
        except AnnotationError as exc:
            problems = exc.problems
        refused = False
        for plan in plans:
            if plan.source not in rendered:
                continue
            shown = display_path(sources_dir / plan.source / CLAIMS_FILE)
            at = rendered[plan.source][1]
            for p in problems:
                item = next((i for (_, line), i in at.items() if p.path == shown and line == p.line), None)
                if item is None:
                    continue
                refused = True
                name = item.get("id") or _relation_key(item)
                plan.report.skipped.append(f"{name}: {p.message}")
                if item in plan.take:
                    plan.take.remove(item)
                    plan.keep.append(item)
                elif item in plan.take_rel:
                    plan.take_rel.remove(item)
                    plan.keep_rel.append(item)
        if not refused:
            raise ArgmapError("accepting would break the map, and not at a line of an accepted item; "
                              "nothing was written:\n" + "\n".join(f"  {p}" for p in problems[:10]))
    raise ArgmapError("accept could not find a set of items that keeps the map valid; nothing was written")
