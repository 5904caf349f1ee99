"""Drafting whole sources: the drafter run over each requested source, its units given ids and
gists, links proposed to the claims already in the map, and ``draft.yaml`` written.
"""

from __future__ import annotations

import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import ArgmapError, display_path
from argmap.model import CLAIM_KINDS, THESIS_PREFIX, Author
from argmap.sources.anchor import find_all
from argmap.sources.drafts import (
    author_entries,
    curated_claims,
    free_draft_path,
    source_ids,
    source_meta,
    thesis_entries,
    write_draft,
)
from argmap.sources.layout import DRAFT_FILE, TEXT_FILE, slugify
from argmap.sources.yamlio import Flow

if TYPE_CHECKING:
    from argmap.draft.worthiness import MapContext

GIST_MAX = 160
LARGE_TEXT = 500_000  # characters: past this a draft takes minutes and proposes thousands of items
MANY_CLAIMS = 1_000
ONE_VOICE = ("essay", "book-excerpt")  # source kinds one author wrote: quoted labels are no turns
MANY_VOICES = ("transcript", "forum-posts")  # kinds where each author speaks in turns of their own


def _progress_bar(total: int, enabled: bool | None, desc: str) -> Callable[[int], None]:
    """A stderr progress bar (tqdm, installed with spaCy); returns an advance(n) function."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return lambda n: None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="char", unit_scale=True, desc=desc, file=sys.stderr, leave=False)
    return bar.update


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
    warnings: list[str] = field(default_factory=list)


def _gist(text: str) -> str:
    from argmap.draft.classify import SUBORDINATING, lead_marker

    gist = " ".join(text.split())
    lead = lead_marker(gist)
    # a lead opening a subordinate clause stays: without it "Because X, Y" reads "X, Y", a comma splice
    if lead and lead[0] in ("addition", "conclusion", "contrast", "reason") and lead[1] not in SUBORDINATING:
        stripped = re.sub(rf"^(and |but )?{re.escape(lead[1])}[,:]?\s+", "", gist, flags=re.I)
        if len(stripped.split()) >= 3:
            gist = stripped
    gist = gist.rstrip(" ,;:–—-")
    if len(gist) > GIST_MAX:
        gist = gist[: GIST_MAX].rsplit(" ", 1)[0] + " …"
    return gist[:1].upper() + gist[1:]


def _curated_spans(text: str, curated: list[dict]) -> list[tuple[int, int]]:
    """Where the source's curated claims stand, so drafts do not propose them again."""
    spans = []
    for c in curated:
        found = find_all(text, str(c.get("quote", "")))
        occurrence = c.get("occurrence") or 1
        if isinstance(occurrence, int) and 0 < occurrence <= len(found):
            spans.append(found[occurrence - 1])
    return spans


def _occurrence(text: str, quote: str, start: int, seen: dict[str, dict[int, int]]) -> tuple[int, int]:
    """(which occurrence of ``quote`` the span at ``start`` is, how many there are), matched as
    claims' quotes are (white space and quote style forgiven). ``seen`` keeps each quote's
    occurrences: a text that repeats a sentence thousands of times is searched once for it."""
    if quote not in seen:
        seen[quote] = {a: i for i, (a, _) in enumerate(find_all(text, quote), 1)}
    where = seen[quote]
    return where.get(start, 1), len(where)


def speaker_author(label: str, authors: list[Author]) -> str | None:
    """The id of the source author a transcript's speaker label names: by id or full name, or by
    one of the name's words when that picks out one author ("DWARKESH", "Cowen"); else None.
    A label in another script must be the name as written: its transliteration is no name ("王晓明"
    and "王小明", two people, are both wang-xiao-ming)."""
    latin = all("LATIN" in unicodedata.name(c, "") for c in label if c.isalpha())
    if found := [a.id for a in authors if a.matches(label) or (latin and slugify(label, 8) == a.id)]:
        return found[0]
    word = label.strip().casefold()
    found = [a.id for a in authors if word in a.name.casefold().split()] if " " not in word else []
    return found[0] if len(found) == 1 else None


def _draft_document(source_id: str, meta: dict, draft, curated: list[dict],  # type: ignore[no-untyped-def]
                    known: Sequence[Author] = ()) -> dict:
    """The draft.yaml data for one source's :class:`~argmap.draft.drafter.Draft`.

    In a transcript with speaker labels each unit is its speaker's claim; the words of a speaker
    who is not among the source's authors are not drafted (they are counted in ``unattributed``
    so the user can add the speaker), never put in another speaker's mouth.
    """
    text = draft.text
    taken_spans = _curated_spans(text, curated)
    taken_ids = {str(c["id"]) for c in curated}
    authors = meta.get("authors") or []
    names = {a.id: a for a in known}
    mine = [names.get(a, Author(a, a)) for a in authors]
    speakers = {u.speaker: speaker_author(u.speaker, mine) for u in draft.units if u.speaker}
    unattributed: dict[str, list[int]] = {}
    ids: dict[int, str] = {}
    claims = []
    seen: dict[str, dict[int, int]] = {}
    for i, u in enumerate(draft.units):
        if any(min(u.end, b) - max(u.start, a) > 0.5 * (u.end - u.start) for a, b in taken_spans):
            continue  # already curated
        author = speakers.get(u.speaker) if u.speaker else authors[0] if authors else None
        if u.speaker and author is None:
            unattributed.setdefault(u.speaker, []).append(u.start)
            continue
        base = f"{source_id}.d{i + 1:03d}-{slugify(u.text, 4)}"
        cid, n = base, 2
        while cid in taken_ids:
            cid, n = f"{base}-{n}", n + 1
        taken_ids.add(cid)
        ids[i] = cid
        occurrence, total = _occurrence(text, u.text, u.start, seen)
        item: dict[str, Any] = {"id": cid, "gist": _gist(u.text), "quote": u.text}
        if total > 1:
            item["occurrence"] = occurrence
        item["kind"] = u.kind if u.kind in CLAIM_KINDS else "premise"
        if len(authors) > 1 and author is not None:
            item["author"] = author
        item["offsets"] = Flow([u.start, u.end])
        item["confidence"] = round(float(u.confidence), 2)
        item["evidence"] = list(u.evidence) + ([f"said by {u.speaker} (speaker label)"] if u.speaker else [])
        claims.append(item)
    relations = []
    for r in draft.relations:
        if r.source not in ids or r.target not in ids:
            continue
        relations.append({
            "from": ids[r.source], "to": ids[r.target], "type": r.type,
            "rationale": f"Drafted: {r.evidence[0]}" if r.evidence else "Drafted",  # until a person words it
            "confidence": round(float(r.confidence), 2), "evidence": list(r.evidence),
        })
    return {"claims": claims, "relations": relations, "unattributed": unattributed}


def _link_relations(
    nlp, docs: dict[str, dict], sources_dir: Path, curated: dict[str, list[dict]]  # type: ignore[no-untyped-def]
) -> int:
    """Add cross-source candidate relations (``--link``) to each draft document."""
    from argmap.draft.embed import load
    from argmap.draft.linear import shipped
    from argmap.draft.relate import LINK_MODEL, duplicates, link, link_items

    existing_raw = [{"id": c["id"], "source": sid, "gist": str(c.get("gist") or ""),
                     "quote": str(c.get("quote", "")), "kind": str(c.get("kind", "premise"))}
                    for sid, cs in curated.items() for c in cs]
    existing_raw += [{"id": t["id"], "source": THESIS_PREFIX, "quote": str(t.get("text", "")),
                      "kind": "position", "thesis": True} for t in thesis_entries(sources_dir)]
    new_raw = [{"id": c["id"], "source": sid, "quote": str(c["quote"]), "kind": str(c["kind"]),
                "confidence": c.get("confidence"), "opponent": c["kind"] == "concession"}
               for sid, d in docs.items() for c in d["claims"]]
    if not existing_raw or not new_raw:
        return 0
    model = shipped(LINK_MODEL)
    encoder = load() if model is not None else None
    existing = link_items(nlp, encoder, existing_raw)
    new = link_items(nlp, encoder, new_raw)
    dupes = duplicates(new, existing)
    for d in docs.values():  # a restated claim is not proposed again, nor linked
        gone = {c["id"] for c in d["claims"] if c["id"] in dupes}
        d["claims"] = [c for c in d["claims"] if c["id"] not in gone]
        d["relations"] = [r for r in d["relations"] if r["from"] not in gone and r["to"] not in gone]
        d["duplicates"] = sorted(f"{c} restates {dupes[c]}" for c in gone)
    new = [i for i in new if i.id not in dupes]
    count = 0
    for p in link(new, existing, model=model if encoder is not None else None):
        sid = p.source.split(".", 1)[0]
        docs[sid]["relations"].append({
            "from": p.source, "to": p.target, "type": p.type, "rationale": p.evidence[0],
            "confidence": p.confidence, "evidence": list(p.evidence),
        })
        count += 1
    return count


def map_context(claims: Sequence[dict], theses: Sequence[str], stop: frozenset[str]) -> MapContext | None:
    """The map a new text joins, for the drafter's similarity features: the claims (``gist``
    and ``quote`` of each) and the theses' texts. None for an empty map."""
    from argmap.draft.worthiness import MapContext

    known = [f"{c.get('gist', '')} {c.get('quote', '')}" for c in claims] + list(theses)
    return MapContext.build(known, stop, gists=[str(c.get("gist") or c.get("quote") or "") for c in claims],
                            theses=theses)


def draft_sources(
    sources_dir: str | Path = "sources",
    ids: Iterable[str] | str = "all",
    *,
    link: bool = False,
    progress: bool | None = None,
) -> list[DraftReport]:
    """Write ``draft.yaml`` for the given sources ("all" = those without curated claims)."""
    from argmap.draft.blocks import comment_thread
    from argmap.draft.drafter import draft_text
    from argmap.draft.nlp import load_nlp

    sources_dir = Path(sources_dir)
    wanted = source_ids(sources_dir, ids)
    if not wanted:
        return []
    nlp = load_nlp()
    curated = curated_claims(sources_dir)
    stop = frozenset(nlp.Defaults.stop_words)
    texts = {}
    for sid in wanted:
        path = sources_dir / sid / TEXT_FILE
        try:
            texts[sid] = path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise ArgmapError(f"{display_path(path)}: missing source text") from exc
        except UnicodeDecodeError as exc:
            raise ArgmapError(f"{display_path(path)}: not UTF-8 text") from exc
    advance = _progress_bar(sum(len(t) for t in texts.values()), progress, "drafting")
    known_authors = author_entries(sources_dir)
    docs: dict[str, dict] = {}
    timing: dict[str, float] = {}
    metas = {sid: source_meta(sources_dir / sid) for sid in wanted}
    for sid in wanted:
        t0 = time.perf_counter()
        done = [0]

        def step(pos: int, _total: int, done: list[int] = done) -> None:
            advance(pos - done[0])
            done[0] = pos

        # the map as this source finds it: other sources' claims and the theses
        others = [c for other, cs in curated.items() if other != sid for c in cs]
        context = map_context(others, [str(t.get("text", "")) for t in thesis_entries(sources_dir)], stop)
        meta = metas[sid]
        draft = draft_text(texts[sid], nlp, progress=step, context=context,
                           turns=meta.get("kind") not in ONE_VOICE)
        docs[sid] = _draft_document(sid, meta, draft, curated.get(sid, []), known_authors)
        if meta.get("kind") in MANY_VOICES and len(meta.get("authors") or []) > 1 and not any(
                u.speaker for u in draft.units):
            docs[sid]["no_speakers"] = True  # a conversation whose speaker labels were not found
        timing[sid] = time.perf_counter() - t0
    links = _link_relations(nlp, docs, sources_dir, curated) if link else 0
    reports = []
    for sid in wanted:
        folder = sources_dir / sid
        path = free_draft_path(folder)
        dropped = docs[sid].pop("duplicates", [])
        unattributed = docs[sid].pop("unattributed", {})
        no_speakers = docs[sid].pop("no_speakers", False)
        write_draft(path, sid, docs[sid])
        n_links = sum(1 for r in docs[sid]["relations"] if not r["to"].startswith(f"{sid}."))
        report = DraftReport(sid, path, len(docs[sid]["claims"]), len(docs[sid]["relations"]),
                             n_links if links else 0, kept_edits=path.name != DRAFT_FILE,
                             seconds=timing[sid])
        size = len(texts[sid])
        if size > LARGE_TEXT:
            report.warnings.append(
                f"{sid}: {size:,} characters; the drafter is made for texts up to about "
                f"{LARGE_TEXT:,} (a long essay, a three-hour transcript): split it into parts "
                f"(chapters, episodes) and draft each, or expect a long review")
        if report.claims > MANY_CLAIMS:
            report.warnings.append(
                f"{sid}: {report.claims:,} claims proposed; review the highest-confidence ones first "
                f"(`argmap accept {sid} --min-confidence X`)")
        thread = comment_thread(texts[sid], metas[sid].get("kind") not in ONE_VOICE)
        if thread is not None:
            line = texts[sid].count("\n", 0, thread) + 1
            report.warnings.append(
                f"{display_path(folder / TEXT_FILE)}:{line}: a comments heading; the {size - thread:,} "
                f"characters from here on are other people's words, not drafted as {sid}'s claims "
                f"(add the thread as a source of its own to map it)")
        authors = metas[sid].get("authors") or []
        if no_speakers:
            report.warnings.append(
                f"{display_path(folder / TEXT_FILE)}: {len(authors)} authors ({metas[sid].get('kind')}), but no "
                f"speaker labels recur ('Name: …' or 'Name 00:01:02' opening lines, the name capitalised), "
                f"so every claim is drafted as {authors[0]}'s: set author: on the others' claims when you "
                "review them")
        for name, starts in unattributed.items():
            line = texts[sid].count("\n", 0, starts[0]) + 1
            report.warnings.append(
                f"{display_path(folder / TEXT_FILE)}:{line}: '{name}' speaks here but is not among "
                f"{sid}'s authors ({', '.join(authors)}), so their "
                f"{len(starts)} drafted claim(s) were left out; list them under authors: in source.yaml "
                f"to draft their words")
        if dropped:
            report.warnings.append(f"{sid}: {len(dropped)} drafted claims restate claims already in "
                                   f"the map and were left out (e.g. {dropped[0]})")
        reports.append(report)
    return reports
