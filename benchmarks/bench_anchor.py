"""Loading a map whose claims quote one sentence at each of its occurrences, against a baseline.

A transcript says "Right." or "Exactly." hundreds of times; a map that quotes several of them
names each with ``occurrence: N``. Ours: :func:`argmap.sources.anchor.find_all`, cached per
(text, quote), so the text is searched once per distinct quote. Baseline: the same search run
for every claim (``find_all.__wrapped__``, what the loader did before), quadratic in the
number of repeats. Both load the same files in one process run; the anchors must be equal.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/bench_anchor.py [--repeats 1000 4000]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the map writer lives in tests/

from argmap.sources import anchor, loader
from argmap.sources.loader import load_map
from tests.conftest import write_map


def repeated_map(root: Path, n: int) -> Path:
    """A one-source map: "Right." n times, one claim quoting each occurrence."""
    claims = "claims:\n" + "".join(
        f"  - id: demo.r{i}\n    gist: Right.\n    quote: Right.\n    kind: premise\n    occurrence: {i + 1}\n"
        for i in range(n))
    return write_map(root, claims + "relations: []\n", "Right.\n" * n)


def timed_load(sources: Path) -> tuple[float, list[tuple[int, int]]]:
    anchor.find_all.cache_clear()
    t = time.perf_counter()
    m = load_map(sources)
    return time.perf_counter() - t, sorted((c.anchor.start, c.anchor.end) for c in m.claims)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, nargs="+", default=[1000, 4000])
    args = ap.parse_args(argv)
    print("| claims quoting one sentence | ours (cached search) | baseline (a search per claim) | ratio |")
    print("|---|---|---|---|")
    for n in args.repeats:
        with tempfile.TemporaryDirectory() as tmp:
            sources = repeated_map(Path(tmp), n)
            ours, anchors = timed_load(sources)
            loader.find_all = anchor.find_all.__wrapped__  # the baseline: no cache
            try:
                base, base_anchors = timed_load(sources)
            finally:
                loader.find_all = anchor.find_all
            assert anchors == base_anchors, "the two searches anchor the claims differently"
            print(f"| {n:,} | {ours:.2f} s | {base:.2f} s | {base / ours:.0f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
