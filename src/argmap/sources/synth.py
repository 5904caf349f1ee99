"""Synthetic sources folders of any size, for scale tests and benchmarks.

A synthetic map looks like a real one to every part of argmap: ``authors.yaml``,
``theses.yaml`` and one folder per source with ``text.txt``, ``source.yaml`` and
``claims.yaml``. Texts are generated sentences (hard-wrapped like transcripts, with
typographic quotes and apostrophes); each claim quotes words of one sentence with straight
quotes and single spaces, so the loader's white-space and quote-style forgiveness is exercised.
Every quote is unique in its text by construction: each sentence opens with a pair of index
words that occurs nowhere else in that text (index words never appear in filler).

Edges point from specific claims to more general ones and have a heavy-tailed in-degree
(targets drawn with Zipf weights over generality, so a few claims draw most of the fire, as
cruxes do); about half cross sources, most of them across authors. Cycles are rebuttals among
the most general claims, so strongly connected components stay small, as in real maps.
Positions are declared by source authors on theses and on other authors' claims.

The output is a pure function of (claims, seed): the same call writes byte-identical files.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from argmap.errors import ArgmapError
from argmap.model import CLAIM_KINDS, SOURCE_KINDS
from argmap.sources.add import source_yaml

MARKER = ".argmap-synth"  # a folder with this file was written by synth and may be replaced by it
CLAIMS_PER_SOURCE = 100
CLAIMS_PER_AUTHOR = 400
CLAIMS_PER_THESIS = 5000
WRAP = 88  # transcripts are hard-wrapped: quotes must match across line breaks

_ONSETS = ("b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
           "br", "cl", "dr", "fl", "gr", "pl", "pr", "sk", "sl", "sp", "st", "str", "th", "tr")
_NUCLEI = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y")
_CODAS = ("", "", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng")
_FUNCTION = ("the", "of", "and", "to", "a", "in", "that", "is", "for", "it", "as", "with", "on",
             "not", "but", "by", "this", "will", "more", "than", "can", "so", "because", "if")
_FIRST = ("Ada", "Ben", "Chen", "Dana", "Emil", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kira",
          "Luis", "Mei", "Nils", "Olga", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vera",
          "Wen", "Yusuf", "Zoe")
_LAST = ("Abbott", "Brandt", "Cortez", "Dube", "Eklund", "Farrow", "Gupta", "Hale", "Ito",
         "Jovic", "Kowal", "Lind", "Mbeki", "Novak", "Okafor", "Pike", "Quist", "Rahman", "Sato",
         "Teller", "Ueda", "Vance", "Wolfe", "Xu", "Young", "Zeller")
_KIND_WEIGHTS = (0.15, 0.5, 0.15, 0.1, 0.1)  # position, premise, evidence, prediction, concession
_TAGS = tuple(f"topic-{i}" for i in range(40))
_CONTRACTIONS = ("don’t", "it’s", "can’t", "won’t", "that’s", "isn’t")


@dataclass(frozen=True)
class SynthReport:
    """What was written: counts a caller can check against the built map."""

    sources: int
    authors: int
    theses: int
    claims: int
    relations: int
    positions: int


def _words(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    """``n`` distinct pronounceable pseudo-words not in ``taken`` (which grows)."""
    out: list[str] = []
    while len(out) < n:
        syllables = rng.choice((1, 2, 2, 2, 3))
        word = "".join(rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS)
                       for _ in range(syllables))
        if word not in taken:
            taken.add(word)
            out.append(word)
    return out


def _yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _wrap(text: str, width: int = WRAP) -> str:
    """Hard-wrap ``text`` at spaces, like a transcript (fast: no textwrap)."""
    lines, start = [], 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width)
        if cut <= start:
            cut = text.find(" ", start + width)
            if cut < 0:
                break
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return "\n".join(lines)


def synth(out: Path | str, claims: int, seed: int = 0) -> SynthReport:
    """Write a synthetic sources folder with ``claims`` claims into ``out`` (replaced if present)."""
    if claims < 1:
        raise ArgmapError(f"a synthetic map needs at least 1 claim, not {claims}")
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    out = Path(out)
    if out.exists():
        if not out.is_dir():
            raise ArgmapError(f"{out} is a file, not a folder")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise ArgmapError(f"{out} is not a synthetic map argmap wrote (no {MARKER}): "
                              "not replacing it; choose an empty or new folder")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text(f"written by `argmap synth --claims {claims} --seed {seed}`\n", encoding="utf-8")

    taken: set[str] = set()
    index_words = _words(rng, 256, taken)   # sentence openers: a pair is unique in a text
    filler = _words(rng, 3000, taken)       # never an opener, so openers stay unique
    filler += list(_FUNCTION) * 60          # about a third of running words are function words
    n_sources = max(1, -(-claims // CLAIMS_PER_SOURCE))
    n_authors = max(3, claims // CLAIMS_PER_AUTHOR)
    n_theses = max(2, claims // CLAIMS_PER_THESIS)

    authors = [f"author-{i:05d}" for i in range(n_authors)]
    with (out / "authors.yaml").open("w", encoding="utf-8") as fh:
        fh.write("authors:\n")
        for i, a in enumerate(authors):
            name = f"{_FIRST[i % len(_FIRST)]} {_LAST[(i // len(_FIRST)) % len(_LAST)]} {i}"
            fh.write(f"  - id: {a}\n    name: {name}\n")
    theses = [f"thesis.t{i:04d}" for i in range(n_theses)]
    with (out / "theses.yaml").open("w", encoding="utf-8") as fh:
        fh.write("theses:\n")
        for t in theses:
            text = " ".join(rng.choices(filler, k=10)).capitalize() + "."
            fh.write(f"  - id: {t}\n    text: {_yaml_str(text)}\n    tags: [{rng.choice(_TAGS)}]\n")

    # --- who wrote what: sources, their authors, claim ids and claim authors ---
    source_ids = [f"src-{i:06d}" for i in range(n_sources)]
    counts = [CLAIMS_PER_SOURCE] * n_sources
    counts[-1] = claims - CLAIMS_PER_SOURCE * (n_sources - 1)
    source_authors = []
    for _ in range(n_sources):
        k = 1 if rng.random() < 0.8 else 2
        source_authors.append(rng.sample(authors, k))
    claim_src = np.repeat(np.arange(n_sources), counts)
    claim_author: list[str] = []
    claim_reported: list[str | None] = []
    for s in claim_src.tolist():
        own = source_authors[s]
        if rng.random() < 0.05:  # a reported view of someone else
            claim_author.append(rng.choice(authors))
            claim_reported.append(own[0])
        else:
            claim_author.append(rng.choice(own))
            claim_reported.append(None)
        if claim_author[-1] in own:
            claim_reported[-1] = None
    claim_ids = [f"{source_ids[s]}.c{j}" for s, n in enumerate(counts) for j in range(n)]

    # --- edges: arguments point up, from specific claims to more general ones ---
    # Claims get a generality rank (0 = most general); an edge goes to a more general claim,
    # drawn with Zipf weights over that rank (general claims are the hubs that draw most fire,
    # as cruxes do). Half stay inside the source. Cycles come, as in the five-source map (6 % of
    # its edges are mutual), from rebuttals: a general claim answering an attack on it.
    rank = nprng.permutation(claims)              # claim index -> generality rank
    by_rank = np.argsort(rank)                    # generality rank -> claim index
    weight = 1.0 / np.arange(1, claims + 1) ** 0.9
    cdf = np.cumsum(weight) / weight.sum()
    degree = np.minimum(nprng.geometric(0.5, claims), 8)  # out-degree 1, 2, ... (mean 2)
    src_idx = np.repeat(np.arange(claims), degree)
    m = len(src_idx)
    src_rank = rank[src_idx]
    upper = cdf[np.maximum(src_rank - 1, 0)]      # Zipf mass of the claims above the source
    targets = by_rank[np.searchsorted(cdf, nprng.random(m) * upper)]
    to_thesis = (nprng.random(m) < 0.02) | (src_rank == 0)
    local = nprng.random(m) < 0.5
    offsets = np.concatenate([[0], np.cumsum(counts)])
    base = offsets[claim_src[src_idx]]
    size = np.asarray(counts)[claim_src[src_idx]]
    mate = base + nprng.integers(0, 1 << 30, m) % size
    down = rank[mate] > src_rank                  # a local edge, too, points to the more general
    src_idx, targets = (np.where(local & down, mate, src_idx),
                        np.where(local, np.where(down, src_idx, mate), targets))
    attack = nprng.random(m) < 0.4
    rivals = (rank[targets] < claims * 0.05) & (rank[src_idx] < claims * 0.05)
    rebut = attack & ~to_thesis & rivals & (nprng.random(m) < 0.5)
    src_idx = np.concatenate([src_idx, targets[rebut]])
    targets = np.concatenate([targets, src_idx[:m][rebut]])
    attack = np.concatenate([attack, np.ones(rebut.sum(), bool)])
    to_thesis = np.concatenate([to_thesis, np.zeros(rebut.sum(), bool)])
    thesis_pick = nprng.integers(0, n_theses, len(src_idx))
    edges_by_source: list[list[str]] = [[] for _ in range(n_sources)]
    seen: set[tuple[int, int]] = set()
    n_rel = 0
    for a, b, att, th, tp in zip(src_idx.tolist(), targets.tolist(), attack.tolist(),
                                 to_thesis.tolist(), thesis_pick.tolist(), strict=True):
        target_key = -1 - tp if th else b
        if (not th and a == b) or (a, target_key) in seen:
            continue
        seen.add((a, target_key))
        target = theses[tp] if th else claim_ids[b]
        kind = "attack" if att else "support"
        rationale = " ".join(rng.choices(filler, k=7)).capitalize() + "."
        stated = th or claim_src[a] == claim_src[b]  # a link inside one text is the author's own
        edges_by_source[int(claim_src[a])].append(
            f"  - from: {claim_ids[a]}\n    to: {target}\n    type: {kind}\n"
            f"    rationale: {_yaml_str(rationale)}\n    provenance: {'stated' if stated else 'inferred'}\n")
        n_rel += 1

    # --- positions: a source's first author on theses and on others' claims ---
    positions_by_source: list[list[str]] = [[] for _ in range(n_sources)]
    held: set[tuple[str, str]] = set()
    n_pos = 0
    for s in range(n_sources):
        author = source_authors[s][0]
        for _ in range(rng.randint(0, 6)):
            if rng.random() < 0.3:
                target, evidence = rng.choice(theses), None
            else:
                c = rng.randrange(claims)
                if claim_author[c] == author:
                    continue
                target = claim_ids[c]
                evidence = claim_ids[offsets[s] + rng.randrange(counts[s])]
            if (author, target) in held:
                continue
            held.add((author, target))
            stance = rng.choice(("accept", "reject"))
            basis = rng.choice(("stated", "inferred"))
            entry = f"  - author: {author}\n    on: {target}\n    stance: {stance}\n    basis: {basis}\n"
            if evidence:
                entry += f"    evidence: {evidence}\n"
            positions_by_source[s].append(entry)
            n_pos += 1

    # --- per-source files ---
    kinds = rng.choices(CLAIM_KINDS, weights=_KIND_WEIGHTS, k=claims)
    for s, sid in enumerate(source_ids):
        _write_source(out / sid, sid, s, source_authors[s], rng, index_words, filler,
                      claim_ids[offsets[s]:offsets[s + 1]], claim_author[offsets[s]:offsets[s + 1]],
                      claim_reported[offsets[s]:offsets[s + 1]], kinds[offsets[s]:offsets[s + 1]],
                      edges_by_source[s], positions_by_source[s])
    return SynthReport(n_sources, n_authors, n_theses, claims, n_rel, n_pos)


def _write_source(
    folder: Path, sid: str, s: int, own: list[str], rng: random.Random, index_words: list[str],
    filler: list[str], ids: list[str], claim_authors: list[str], reported: list[str | None],
    kinds: list[str], relations: list[str], positions: list[str],
) -> None:
    folder.mkdir()
    kind = SOURCE_KINDS[s % (len(SOURCE_KINDS) - 1)]
    n_sent = len(ids) * 3 // 2 + 1
    quoted = sorted(rng.sample(range(n_sent), len(ids)))
    sentences: list[str] = []
    for i in range(n_sent):
        words = [index_words[i % 256].capitalize(), index_words[(i // 256) % 256]]
        words += rng.choices(filler, k=rng.randint(6, 16))
        r = rng.random()
        if r < 0.15:
            words.insert(rng.randint(2, len(words)), rng.choice(_CONTRACTIONS))
        elif r < 0.25:
            j = rng.randint(2, len(words) - 1)
            words[j] = f"“{words[j]}”"
        sentences.append(" ".join(words) + ".")
    paragraphs, i = [], 0
    while i < n_sent:
        k = rng.randint(3, 8)
        para = " ".join(sentences[i:i + k])
        paragraphs.append(_wrap(para) if kind == "transcript" else para)
        i += k
    (folder / "text.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    date = f"{2020 + s % 6}-{1 + s % 12:02d}-{1 + s % 28:02d}"
    (folder / "source.yaml").write_text(source_yaml(
        id=sid, title=f"Synthetic {kind} {s}", authors=own, kind=kind, date=date,
        url=f"https://example.org/{sid}"), encoding="utf-8")
    parts = ["claims:\n"]
    for j, cid in enumerate(ids):
        words = sentences[quoted[j]].rstrip(".").split(" ")
        n = len(words) if rng.random() < 0.5 else rng.randint(4, len(words))
        quote = " ".join(words[:n]).replace("’", "'").replace("“", '"').replace("”", '"')
        gist = " ".join(rng.choices(filler, k=8)).capitalize() + "."
        entry = (f"  - id: {cid}\n    gist: {_yaml_str(gist)}\n    quote: {_yaml_str(quote)}\n"
                 f"    kind: {kinds[j]}\n")
        if len(own) > 1 or claim_authors[j] not in own:
            entry += f"    author: {claim_authors[j]}\n"
        if reported[j]:
            entry += f"    reported_by: {reported[j]}\n"
        if rng.random() < 0.5:
            entry += f"    tags: [{', '.join(rng.sample(_TAGS, rng.randint(1, 3)))}]\n"
        parts.append(entry)
    if relations:
        parts.append("relations:\n")
        parts += relations
    if positions:
        parts.append("positions:\n")
        parts += positions
    (folder / "claims.yaml").write_text("".join(parts), encoding="utf-8")
