"""Shared fixtures: small maps written into temp folders, and paths to the shared corpora."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SOURCES = REPO / "sources"
GRAPH = REPO / "graph"

TINY_TEXT = (
    "Errors compound: a model with per-step error e succeeds on n steps with (1-e)^n.\n"
    "But error correction enables long horizons, because agents notice and fix mistakes.\n"
    "So long-horizon agents do not need long-horizon training.\n"
)

TINY_CLAIMS = """\
claims:
  - id: demo.compounding
    gist: Per-step errors compound, so long tasks fail.
    quote: "a model with per-step error e succeeds on n steps with (1-e)^n"
    kind: premise
    author: lecun
    reported_by: alice
    tags: [reliability]
  - id: demo.error-correction
    gist: Error correction lets agents run long horizons.
    quote: "error correction enables long horizons"
    kind: premise
    tags: [reliability, agents]
  - id: demo.no-long-training
    gist: Long-horizon agents need no long-horizon training.
    quote: "long-horizon agents do not need long-horizon training"
    kind: position
relations:
  - from: demo.error-correction
    to: demo.compounding
    type: attack
    rationale: Correcting errors breaks the independence that (1-e)^n assumes.
    provenance: stated
  - from: demo.error-correction
    to: demo.no-long-training
    type: support
    rationale: If errors get fixed, length alone does not call for long training.
    provenance: stated
  - from: demo.no-long-training
    to: thesis.long-horizon
    type: attack
    rationale: It denies the thesis outright.
    provenance: inferred
  - from: demo.compounding
    to: thesis.long-horizon
    type: support
    rationale: Compounding errors are the thesis's reason.
    provenance: inferred
positions:
  - author: bob
    on: thesis.long-horizon
    stance: accept
    basis: inferred
"""


def write_map(root: Path, claims: str = TINY_CLAIMS, text: str = TINY_TEXT) -> Path:
    """Write a one-source map into ``root`` and return the sources folder."""
    sources = root / "sources"
    (sources / "demo").mkdir(parents=True)
    (sources / "authors.yaml").write_text(textwrap.dedent("""\
        authors:
          - id: alice
            name: Alice Example
          - id: bob
            name: Bob Example
          - id: lecun
            name: Yann LeCun
        """), encoding="utf-8")
    (sources / "theses.yaml").write_text(textwrap.dedent("""\
        theses:
          - id: thesis.long-horizon
            text: Long-horizon agents need long-horizon training.
        """), encoding="utf-8")
    (sources / "demo" / "source.yaml").write_text(textwrap.dedent("""\
        id: demo
        title: A demo essay
        authors: [alice]
        date: 2025-01-02
        url: https://example.org/demo
        kind: essay
        """), encoding="utf-8")
    (sources / "demo" / "text.txt").write_text(text, encoding="utf-8")
    (sources / "demo" / "claims.yaml").write_text(claims, encoding="utf-8")
    return sources


@pytest.fixture
def tiny_sources(tmp_path: Path) -> Path:
    return write_map(tmp_path)


class Terminal(io.StringIO):
    """An output stream that says it is a terminal, as the CLI sees a user's screen."""

    def isatty(self) -> bool:
        return True
