"""Crux map benchmark: the page of this checkout beside the first edition, on synthetic maps.

For each size (``argmap synth``; default 5k and 20k claims) one run renders the page twice, with
this checkout's code and with the first edition's (``git archive`` of ``--baseline``, rendered in a
subprocess), opens both in headless Debian Chromium (network blocked) and times, in the same
browser and taking turns step by step: opening the page (navigation until it says it is drawn),
focusing on claims (the busiest hubs and a random sample, at 1 and 3 hops: the call plus one
synchronous redraw), opening a thesis at depth 2, and searching (the ranked claim list for a few
queries). It also checks that the focused claim is drawn after every focus. Usage::

    .venv/bin/python benchmarks/bench_cruxmap.py                 # 5k and 20k claims
    .venv/bin/python benchmarks/bench_cruxmap.py --claims 20000 --focus 40

Prints a Markdown table (docs/crux-map.md): median and worst seconds, and the ratio to the first
edition (below 1: faster).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from io import BytesIO
from pathlib import Path

from argmap import api, build
from argmap.export import cruxmap
from argmap.sources.synth import synth

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
FIRST_EDITION = "7e34a90"  # main before issue #18: the first edition of the page
QUERIES = ("don’t", "don't", "compute", "the of", "sl", "zzqx")

BASELINE_RENDER = """
import sys, time
from argmap import api
from argmap.export import cruxmap
m = api.load_map(sys.argv[1])
cruxes = api.analyze(m).ranked()
seconds = []
for _ in range(3):
    t = time.perf_counter()
    html = cruxmap.render(m, cruxes)
    seconds.append(time.perf_counter() - t)
print(sorted(seconds)[1])
open(sys.argv[2], "w", encoding="utf-8").write(html)
"""

# in the page: time a call plus one synchronous redraw (what the reader waits for)
TIMED = """async ([call, arg]) => {
  const t = performance.now();
  const out = window.cruxmap[call](...arg);
  window.cruxmap.network.redraw();
  return [performance.now() - t, Array.isArray(out) ? out.length : null];
}"""
MOUNTED = "id => (cruxmap.nodesView || cruxmap.nodes).get(id) !== null"


def baseline_page(rev: str, sources: Path, out: Path) -> float:
    """Render the page with the code of ``rev``; seconds taken."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "src/argmap"], check=True,
                             capture_output=True).stdout
    code = out.parent / f"code-{rev}"
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(code, filter="data")
    env = {"PYTHONPATH": str(code / "src"), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-c", BASELINE_RENDER, str(sources), str(out)], check=True,
                         capture_output=True, text=True, env=env)
    return float(run.stdout.strip().splitlines()[-1])


def this_page(sources: Path, out: Path) -> float:
    m = api.load_map(sources)
    analysis = api.analyze(m)
    cruxes, versus = analysis.ranked(), build.versus_from_double_cruxes(m, analysis)
    seconds = []
    for _ in range(3):  # the median of three
        t = time.perf_counter()
        html = cruxmap.render(m, cruxes, versus=versus)
        seconds.append(time.perf_counter() - t)
    out.write_text(html, encoding="utf-8")
    return sorted(seconds)[1]


def sample(sources: Path, n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """The five busiest hubs and ``n - 5`` random claims; the theses."""
    m = api.load_map(sources)
    targets = Counter(r.target for r in m.relations if not r.target.startswith("thesis."))
    hubs = [c for c, _ in targets.most_common(5)]
    rest = random.Random(seed).sample(sorted(c.id for c in m.claims), n - len(hubs))
    return hubs + rest, [t.id for t in m.theses]


def measure(pages: dict[str, Path], claims: list[str], theses: list[str]) -> dict[str, dict[str, list[float]]]:
    """Every step on each page in turn (first edition, this page, first edition, ...), so that load
    from other processes on the machine hits both alike."""
    from playwright.sync_api import sync_playwright

    out: dict[str, dict[str, list[float]]] = {name: {} for name in pages}

    def opened(browser, path: Path) -> tuple[object, float]:
        tab = browser.new_page(viewport={"width": 1280, "height": 860})
        tab.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        t = time.perf_counter()
        tab.goto(path.as_uri(), timeout=600_000)
        tab.wait_for_selector("body[data-ready='1']", timeout=600_000)
        return tab, time.perf_counter() - t

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        for _ in range(3):  # each page opened cold three times
            for name, path in pages.items():
                tab, seconds = opened(browser, path)
                out[name].setdefault("open", []).append(seconds)
                tab.close()
        tabs = {name: opened(browser, path)[0] for name, path in pages.items()}
        missing = dict.fromkeys(pages, 0)
        for hops in (1, 3):
            for tab in tabs.values():
                tab.evaluate(f"cruxmap.state.hops = {hops}")
            for claim in claims:
                for name, tab in tabs.items():
                    ms, _ = tab.evaluate(TIMED, ["focusOn", [claim]])
                    out[name].setdefault(f"focus, {hops} hop{'s' if hops > 1 else ''}", []).append(ms / 1000)
                    missing[name] += not tab.evaluate(MOUNTED, claim)
        for name in pages:
            out[name]["focused claim not drawn (count)"] = [float(missing[name])]
        for tab in tabs.values():
            tab.evaluate("cruxmap.state.depth = 2")
        for thesis in theses:
            for name, tab in tabs.items():
                ms, _ = tab.evaluate(TIMED, ["openThesis", [thesis, 2]])
                out[name].setdefault("thesis view, depth 2", []).append(ms / 1000)
        for query in QUERIES:
            for name, tab in tabs.items():
                ms, _ = tab.evaluate(TIMED, ["search", [query]])
                out[name].setdefault("search (ranked claim list)", []).append(ms / 1000)
        browser.close()
    return out


def table(results: dict[int, dict[str, dict[str, list[float]]]], sizes: dict[int, dict[str, float]]) -> str:
    lines = ["| claims | step | first edition: median (worst) s | this page: median (worst) s | × first edition |",
             "|---|---|---|---|---|"]
    for n, both in results.items():
        for label, key in (("page size (MB)", "mb"), ("render in Python (s, median of 3)", "render")):
            old, new = sizes[n][f"old {key}"], sizes[n][f"new {key}"]
            lines.append(f"| {n // 1000}k | {label} | {old:.2f} | {new:.2f} | {new / old:.2f} |")
        for step in both["new"]:
            old, new = both["old"].get(step, []), both["new"][step]
            if step.endswith("(count)"):
                lines.append(f"| {n // 1000}k | {step} | {old[0]:.0f} | {new[0]:.0f} | |")
                continue
            cell = lambda xs: f"{statistics.median(xs):.3f} ({max(xs):.3f})" if xs else "–"  # noqa: E731
            ratio = f"{statistics.median(new) / statistics.median(old):.2f}" if old else ""
            lines.append(f"| {n // 1000}k | {step} | {cell(old)} | {cell(new)} | {ratio} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[5_000, 20_000])
    parser.add_argument("--focus", type=int, default=25, help="claims to focus on (5 hubs + random)")
    parser.add_argument("--baseline", default=FIRST_EDITION, help="git revision of the first edition")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print("no /usr/bin/chromium: run scripts/setup-test-peers", file=sys.stderr)
        return 1
    results, sizes = {}, {}
    for n in args.claims:
        with tempfile.TemporaryDirectory(prefix=f"argmap-cruxmap-{n}-") as tmp:
            root = Path(tmp)
            synth(root / "sources", n, seed=0)
            old, new = root / "old.html", root / "new.html"
            sizes[n] = {"old render": baseline_page(args.baseline, root / "sources", old),
                        "new render": this_page(root / "sources", new),
                        "old mb": old.stat().st_size / 2**20, "new mb": new.stat().st_size / 2**20}
            claims, theses = sample(root / "sources", args.focus)
            print(f"{n} claims: measuring both pages", file=sys.stderr)
            results[n] = measure({"old": old, "new": new}, claims, theses)
    print(table(results, sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
