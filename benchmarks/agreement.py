"""How far a second careful reader agrees with the hand-made claims of ``sources/``.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/agreement.py [--sources DIR]``

``benchmarks/second-reader/<source>.yaml`` holds a second annotation of each source, made blind:
its annotator saw the text, the theses, the authors and ``second-reader/GUIDE.md``, never the
hand-made claims. Scored with the measures of ``loso_sources.py``, with the second reader's
quotes as the drafted units, it tells what #20's target (≥ 60% of units inside a hand-made
claim at ≥ 90% of hand-made claims recovered) asks of a drafter: to choose what a person
would, as well as another person does.

Per source: the second reader's claims, the share inside a hand-made claim (≥ 50% of the
unit's characters within a claim's quote), hand-made claims recovered (a unit lies inside the
claim or covers ≥ 50% of it), the same two the other way round, the characters each reader
quoted, and claims matched one to one where they overlap by ≥ 50% of the longer span (F1).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from loso_sources import inside, recovered  # noqa: E402

from argmap.sources.anchor import find_all  # noqa: E402
from argmap.sources.loader import load_map  # noqa: E402

Span = tuple[int, int]


def second_reader(source: str, text: str) -> list[Span]:
    """The second reader's quotes of ``source``, as spans of its text (each must anchor)."""
    items = yaml.safe_load((ROOT / "second-reader" / f"{source}.yaml").read_text(encoding="utf-8"))
    spans = []
    for item in items["claims"]:
        hits = find_all(text, item["quote"])
        if not hits:
            raise SystemExit(f"second-reader/{source}.yaml: quote not in the text: {item['quote'][:60]!r}")
        spans.append(hits[0])
    return sorted(spans)


def matched(units: Sequence[Span], claims: Sequence[Span]) -> int:
    """Units paired one to one with a claim they overlap by ≥ 50% of the longer of the two."""
    used: set[int] = set()
    for a, b in units:
        for j, (x, y) in enumerate(claims):
            if j not in used and min(b, y) - max(a, x) >= 0.5 * max(b - a, y - x):
                used.add(j)
                break
    return len(used)


def covered(spans: Sequence[Span]) -> set[int]:
    """The characters some quote covers (quotes may overlap)."""
    return {i for a, b in spans for i in range(a, b)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", default=str(ROOT.parent / "sources"))
    m = load_map(parser.parse_args().sources)
    print("| source | second reader: claims | inside a hand-made claim | hand-made claims recovered "
          "| hand-made claims inside a second reader's | text quoted, hand-made / second | "
          "median quote length | matched one to one (F1) |")
    print("|---|---|---|---|---|---|---|---|")
    total = dict(two=0, inside=0, one=0, recovered=0, inside_back=0, matched=0)
    for s in m.sources:
        if not (ROOT / "second-reader" / f"{s.id}.yaml").exists():
            continue
        one = sorted((c.anchor.start, c.anchor.end) for c in m.claims if c.source == s.id)
        two = second_reader(s.id, s.text)
        row = dict(two=len(two), inside=sum(inside(a, b, one) is not None for a, b in two),
                   one=len(one), recovered=len(recovered(two, one)),
                   inside_back=sum(inside(a, b, two) is not None for a, b in one), matched=matched(two, one))
        for key, value in row.items():
            total[key] += value
        quoted = [len(covered(spans)) / len(s.text) for spans in (one, two)]
        length = [statistics.median(b - a for a, b in spans) for spans in (one, two)]
        print(f"| {s.id} | {row['two']} | {row['inside'] / row['two']:.0%} "
              f"| {row['recovered'] / row['one']:.0%} of {row['one']} | {row['inside_back'] / row['one']:.0%} "
              f"| {quoted[0]:.0%} / {quoted[1]:.0%} | {length[0]:.0f} / {length[1]:.0f} characters "
              f"| {row['matched']} ({2 * row['matched'] / (row['one'] + row['two']):.2f}) |")
    if total["two"]:
        print(f"| all (pooled) | {total['two']} | {total['inside'] / total['two']:.0%} "
              f"| {total['recovered'] / total['one']:.0%} of {total['one']} "
              f"| {total['inside_back'] / total['one']:.0%} | | "
              f"| {total['matched']} ({2 * total['matched'] / (total['one'] + total['two']):.2f}) |")


if __name__ == "__main__":
    main()
