"""The real tools our outputs are checked with, found or skipped with the command that installs them.

A missing peer skips its tests (never fails them): ``bash scripts/setup-test-peers`` installs
them all (Debian's pandoc, poppler-utils and chromium; the npm packages into .peers/).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO

SETUP = "bash scripts/setup-test-peers"
CHROMIUM = Path("/usr/bin/chromium")
ARGDOWN = REPO / ".peers" / "node_modules" / ".bin" / "argdown"
ARGDOWN2 = REPO / ".peers" / "argdown2" / "node_modules" / "@argdown" / "node" / "dist" / "index.js"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync"]

# Argdown 2.x has no CLI that installs; this is the few lines of Node that parse with @argdown/node.
ARGDOWN2_SCRIPT = """
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [engine, file] = process.argv.slice(2);
const { argdown } = await import(pathToFileURL(engine).href);
const res = argdown.run({ input: readFileSync(file, "utf8"), logLevel: "error",
  process: ["parse-input", "build-model", "export-html", "export-json"] });
process.stdout.write(JSON.stringify({ json: JSON.parse(res.json), html: res.html,
  errors: (res.parserErrors || []).map(e => e.message).concat((res.lexerErrors || []).map(e => e.message)) }));
"""


def tool(name: str, package: str) -> str:
    """The path of a Debian command, or skip naming the package that has it."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} missing: `sudo apt-get install {package}` or `{SETUP}`")
    return found


def pandoc_html(markdown: str) -> str:
    """``markdown`` as HTML by pandoc's default reader (pandoc's own Markdown, raw HTML allowed)."""
    run = subprocess.run([tool("pandoc", "pandoc"), "--from", "markdown", "--to", "html"],
                         input=markdown, capture_output=True, text=True, timeout=120, check=True)
    return run.stdout


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext, layout order)."""
    info = subprocess.run([tool("pdfinfo", "poppler-utils"), str(path)], capture_output=True, text=True,
                          check=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return [subprocess.run([tool("pdftotext", "poppler-utils"), "-f", str(n), "-l", str(n), str(path), "-"],
                           capture_output=True, text=True, check=True).stdout for n in range(1, count + 1)]


def need_chromium() -> None:
    pytest.importorskip("playwright.sync_api", reason="playwright is a test extra: pip install -e '.[test]'")
    if not CHROMIUM.exists():
        pytest.skip(f"no {CHROMIUM}: `sudo apt-get install chromium` or `{SETUP}`")


@contextmanager
def browser() -> Iterator[object]:
    """Headless Debian Chromium through Playwright."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            yield b
        finally:
            b.close()


def argdown_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the Argdown 1.7.5 CLI."""
    if not ARGDOWN.exists():
        pytest.skip(f"{ARGDOWN} missing: `{SETUP}` installs @argdown/cli@1.7.5 (needs npm)")
    return subprocess.run([str(ARGDOWN), *args], capture_output=True, text=True, timeout=180)


def argdown2(path: Path) -> dict:
    """Argdown 2.x (@argdown/node 2.0.3) on a file: its model JSON, its HTML view, its errors."""
    if not ARGDOWN2.exists():
        pytest.skip(f"{ARGDOWN2} missing: `{SETUP}` installs @argdown/node@2.0.3 (needs npm)")
    script = path.with_name("argdown2.mjs")
    script.write_text(ARGDOWN2_SCRIPT, encoding="utf-8")
    run = subprocess.run([tool("node", "nodejs"), str(script), str(ARGDOWN2), str(path)],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)
