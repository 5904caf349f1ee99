"""Scale benchmark: argmap next to raw pyoxigraph (the floor) and rdflib (the old default).

One run of this script synthesises maps of each size (``argmap synth``) and times, side by side:
build, load, every shipped query, crux ranking and the export of a 2-hop subgraph. Each step
runs in its own forked child, so its peak memory (ru_maxrss of its largest process: the step or
one of its workers) is its own and a step that runs too long is stopped and shown as ``>T``. Usage::

    .venv/bin/python benchmarks/bench_scale.py                      # 10k and 100k claims
    .venv/bin/python benchmarks/bench_scale.py --claims 10000 --timeout 120
    .venv/bin/python benchmarks/bench_scale.py --claims 1000000 --timeout 1500 \
        --skip rdflib "whole build" "argmap --store" "crux analysis" export html

Prints a Markdown table (the one in docs/scale.md) with ratios to the pyoxigraph floor.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from argmap import api
from argmap.query.disk import fill, open_store
from argmap.query.local import Engine
from argmap.query.named import named_queries, with_prefixes
from argmap.rdf.turtle import to_turtle
from argmap.sources.loader import load_map
from argmap.sources.synth import synth

CHROMIUM = Path("/usr/bin/chromium")
Row = tuple[str, str, float | None, float]  # step, engine, seconds (None: failed; < 0: over -s), peak MB


def _child(fn: Callable[[], dict[str, float]], conn) -> None:  # type: ignore[no-untyped-def]
    try:
        out = fn()
        # the largest process: the step itself, or one of its workers (crux analysis forks)
        peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        conn.send(("ok", out, peak / 1024))
    except BaseException as exc:  # report, never hang the parent
        conn.send(("error", repr(exc), 0.0))


def run(fn: Callable[[], dict[str, float]], timeout: float) -> tuple[dict[str, float] | None, float, str]:
    """Run ``fn`` in a forked child: (its timings or None on timeout, peak MB, error)."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, child))
    proc.start()
    if parent.poll(timeout):
        status, out, peak = parent.recv()
        proc.join()
        return (out, peak, "") if status == "ok" else (None, peak, out)
    os.kill(proc.pid, signal.SIGKILL)
    proc.join()
    return None, 0.0, "timeout"


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def bench(n: int, root: Path, timeout: float, query_timeout: float,
          skip: frozenset[str] = frozenset()) -> list[Row]:
    rows: list[Row] = []
    sources, out, store_dir = root / "sources", root / "graph", root / "graph" / ".store"
    ttl = out / "argmap.ttl"

    def graph_files() -> list[Path]:
        """What queries read: the map, and the crux analysis if the whole build wrote one."""
        analysis = root / "full" / "analysis.ttl"
        return [ttl] + ([analysis] if analysis.exists() else [])

    def add(step: str, engine: str, fn: Callable[[], dict[str, float]], limit: float = timeout) -> None:
        if step in skip or any(engine.startswith(name) for name in skip):
            return
        result, peak, error = run(fn, limit)
        if result is None:
            if error == "timeout":
                rows.append((step, engine, -limit, peak))
            else:
                rows.append((step, engine + f" ({error[:60]})", None, peak))
            print(f"  {step:34s} {engine:22s} > {limit:.0f} s {error[:80]}", file=sys.stderr)
            return
        for key, seconds in result.items():
            label = step if key == "" else key
            rows.append((label, engine, seconds, peak))
            print(f"  {label:34s} {engine:22s} {seconds:8.2f} s  {peak:7.0f} MB", file=sys.stderr)

    add("synth", "argmap", lambda: {"": timed(lambda: synth(sources, n, seed=0))})

    def rdf_build() -> dict[str, float]:
        t = time.perf_counter()
        m = load_map(sources)
        t_load = time.perf_counter() - t
        text = to_turtle(m)
        out.mkdir(parents=True, exist_ok=True)
        ttl.write_text(text, encoding="utf-8")
        total = time.perf_counter() - t
        return {"build: sources → argmap.ttl": total, "  of which YAML+validate+anchor": t_load}

    add("build", "argmap", rdf_build)
    add("whole build", "argmap",
        lambda: {"build: whole `argmap build` (+ crux analysis, report, HTML)":
                 timed(lambda: api.build(sources, root / "full"))}, limit=timeout * 3)

    def ox_parse() -> dict[str, float]:
        s = ox.Store()
        return {"parse+load argmap.ttl": timed(lambda: s.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE))}

    add("parse+load", "pyoxigraph (floor)", ox_parse)

    def rdflib_parse() -> dict[str, float]:
        import rdflib
        return {"parse+load argmap.ttl": timed(lambda: rdflib.Graph().parse(ttl, format="turtle"))}

    add("parse+load", "rdflib", rdflib_parse, limit=timeout * 3)
    add("parse+load", "argmap --store (fill)", lambda: {
        "parse+load argmap.ttl": timed(lambda: fill(store_dir, graph_files()))})
    add("parse+load", "argmap --store (open)", lambda: {
        "parse+load argmap.ttl": timed(lambda: len(open_store(store_dir, graph_files())))})

    queries = named_queries()

    def ox_queries() -> dict[str, float]:
        s = ox.Store()
        for f in graph_files():
            s.bulk_load(path=str(f), format=ox.RdfFormat.TURTLE)
        return {f"query {q}": timed(lambda q=q: [[t.value if t else None for t in sol]
                                                  for sol in s.query(with_prefixes(queries[q].text))])
                for q in queries}

    def argmap_queries(on_disk: bool) -> Callable[[], dict[str, float]]:
        def go() -> dict[str, float]:
            files = graph_files()
            store = Engine.from_oxigraph(open_store(store_dir, files)) if on_disk else Engine(files)
            return {f"query {q}": timed(lambda q=q: store.select(queries[q].text)) for q in queries}
        return go

    def rdflib_queries() -> dict[str, float]:
        import rdflib
        g = rdflib.Graph()
        for f in graph_files():
            g.parse(f, format="turtle")
        out: dict[str, float] = {}

        def alarm(*_: object) -> None:
            raise TimeoutError

        signal.signal(signal.SIGALRM, alarm)
        for q in queries:
            signal.alarm(int(query_timeout))
            try:
                out[f"query {q}"] = timed(lambda q=q: list(g.query(with_prefixes(queries[q].text))))
            except TimeoutError:
                out[f"query {q}"] = -query_timeout
            signal.alarm(0)
        return out

    add("queries", "pyoxigraph (floor)", ox_queries)
    add("queries", "argmap (Oxigraph in memory)", argmap_queries(False))
    add("queries", "argmap --store (on disk)", argmap_queries(True))
    add("queries", "rdflib", rdflib_queries, limit=timeout * 3 + query_timeout * len(queries))

    def cruxes() -> dict[str, float]:
        m = load_map(sources)
        return {"crux ranking, one thesis (`argmap cruxes --thesis`)":
                timed(lambda: api.cruxes(m, thesis=m.theses[0].id))}

    def crux_analysis() -> dict[str, float]:
        m = load_map(sources)
        return {f"crux analysis, all {len(m.theses)} theses (+ standings, double cruxes)":
                timed(lambda: api.cruxes(m))}

    add("cruxes", "argmap", cruxes, limit=timeout * 2)
    add("crux analysis", "argmap", crux_analysis, limit=timeout * 2)

    def export() -> dict[str, float]:
        m = load_map(sources)
        hub = Counter(r.target for r in m.relations if not r.target.startswith("thesis.")).most_common(1)[0][0]
        t = time.perf_counter()
        text = api.export(m, "json", claim=hub, depth=2)
        total = time.perf_counter() - t
        claims = len(api.select(m, claim=hub, depth=2).claims)
        return {f"export 2-hop of the top hub ({claims} claims, {len(text) // 1024} KB json)": total}

    add("export", "argmap", export)

    def html() -> dict[str, float]:
        page = root / "full" / "cruxmap.html"
        return {f"crux map opens in Chromium (top-K view, {page.stat().st_size >> 20} MB page)": open_page(page)}

    if CHROMIUM.exists() and (root / "full" / "cruxmap.html").exists():
        add("html", "argmap", html)
    return rows


def open_page(page: Path) -> float:
    """Seconds from navigation until the page says it is drawn (body[data-ready=1])."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        tab.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        t = time.perf_counter()
        tab.goto(page.as_uri(), timeout=600_000)
        tab.wait_for_selector("body[data-ready='1']", timeout=600_000)
        seconds = time.perf_counter() - t
        browser.close()
    return seconds


def table(results: dict[int, list[Row]]) -> str:
    """Markdown: one line per (step, engine), a column pair per size, ratio to the floor."""
    sizes = sorted(results)
    floor: dict[tuple[int, str], float] = {}
    for n, rows in results.items():
        for step, engine, secs, _ in rows:
            if engine == "pyoxigraph (floor)" and secs is not None:
                floor[(n, step)] = secs
    keys: list[tuple[str, str]] = []
    for n in sizes:
        for step, engine, _, _ in results[n]:
            if (step, engine) not in keys:
                keys.append((step, engine))
    head = "| step | engine | " + " | ".join(f"{n // 1000}k claims: s (× floor) | peak MB" for n in sizes) + " |"
    lines = [head, "|" + "---|" * (2 + 2 * len(sizes))]
    for step, engine in keys:
        cells = []
        for n in sizes:
            found = [r for r in results[n] if (r[0], r[1]) == (step, engine)]
            if not found:
                cells += ["", ""]
                continue
            _, _, secs, peak = found[0]
            base = floor.get((n, step))
            if step.startswith("build"):  # the target: build vs parsing its own output
                base = floor.get((n, "parse+load argmap.ttl"))
            if secs is None:
                cells += ["failed", f"{peak:.0f}"]
                continue
            if secs < 0:
                cells += [f"> {-secs:.0f}" + (f" (> {-secs / base:.0f}×)" if base else ""), ""]
                continue
            ratio = f" ({secs / base:.1f}×)" if base else ""
            cells += [f"{secs:.2f}{ratio}", f"{peak:.0f}"]
        lines.append(f"| {step} | {engine} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--timeout", type=float, default=300, help="seconds per step (×3 for the long ones)")
    parser.add_argument("--query-timeout", type=float, default=120, help="seconds per rdflib query")
    parser.add_argument("--skip", nargs="*", default=[], metavar="STEP",
                        help="steps or engines (a prefix) to leave out, e.g. rdflib 'argmap --store' html")
    args = parser.parse_args()
    results = {}
    for n in args.claims:
        print(f"{n} claims", file=sys.stderr)
        with tempfile.TemporaryDirectory(prefix=f"argmap-bench-{n}-") as tmp:
            results[n] = bench(n, Path(tmp), args.timeout, args.query_timeout, frozenset(args.skip))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
