"""The committed sources are exactly what scripts/derive_sources.py makes from the seeds."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[1]
SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
SOURCES = ROOT / "sources"
IDS = ["bayeslord", "lambert", "karpathy-podcast", "hunterjay", "aschenbrenner"]

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def _load_script():
    spec = importlib.util.spec_from_file_location("derive_sources", ROOT / "scripts" / "derive_sources.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


@needs_seeds
def test_rederiving_from_the_seeds_gives_byte_identical_files(tmp_path: Path) -> None:
    derive = _load_script()
    derive.derive_all(SEEDS, tmp_path)
    for sid in IDS:
        for name in ("text.txt", "source.yaml"):
            fresh = (tmp_path / sid / name).read_bytes()
            committed = (SOURCES / sid / name).read_bytes()
            assert fresh == committed, f"sources/{sid}/{name} differs from a fresh derivation"


@needs_seeds
def test_derivation_is_deterministic(tmp_path: Path) -> None:
    derive = _load_script()
    derive.derive_all(SEEDS, tmp_path / "a")
    derive.derive_all(SEEDS, tmp_path / "b")
    for sid in IDS:
        assert (tmp_path / "a" / sid / "text.txt").read_bytes() == (tmp_path / "b" / sid / "text.txt").read_bytes()


_MOJIBAKE = re.compile("[\u00e2\u0101\u00c3\u20ac\ufffd\u0080-\u009f]")


@pytest.mark.parametrize("sid", IDS)
def test_no_residual_mojibake(sid: str) -> None:
    text = (SOURCES / sid / "text.txt").read_text(encoding="utf-8")
    found = [(m.start(), m.group()) for m in _MOJIBAKE.finditer(text)]
    assert found == []


@pytest.mark.parametrize("sid", IDS)
def test_text_is_clean_utf8_lf_without_markup_leftovers(sid: str) -> None:
    raw = (SOURCES / sid / "text.txt").read_bytes()
    text = raw.decode("utf-8")
    assert b"\r" not in raw
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    assert not any(line != line.rstrip() for line in text.split("\n"))
    for leftover in (":::", "](http", "<a ", "Thread Truncated", "{.", "\\'", '\\"'):
        assert leftover not in text, leftover


def test_karpathy_podcast_has_no_ad_reads() -> None:
    text = (SOURCES / "karpathy-podcast" / "text.txt").read_text(encoding="utf-8").lower()
    for keyword in ("labelbox", "label box", "mercury.com", "fdic"):
        assert keyword not in text, keyword
    # the conversation either side of each cut is still there
    assert "raising ourselves in the late abstraction over the automation." in text
    assert "let's talk about rl a bit." in text
    assert "this is like roughly what i've seen." in text


def test_pdf_source_has_no_line_break_hyphens_left_but_keeps_compounds() -> None:
    text = (SOURCES / "aschenbrenner" / "text.txt").read_text(encoding="utf-8")
    assert "com- pute" not in text and "compute" in text
    assert "drop-in remote worker" in text
    assert "chip-on-wafer-on-substrate" in text


@pytest.mark.parametrize("sid", IDS)
def test_source_yaml_follows_the_annotation_format(sid: str) -> None:
    meta = yaml.safe_load((SOURCES / sid / "source.yaml").read_text(encoding="utf-8"))
    assert list(meta) == ["id", "title", "authors", "date", "url", "kind", "derived_from", "derivation"]
    assert meta["id"] == sid
    assert meta["title"]
    authors = {a["id"] for a in yaml.safe_load((SOURCES / "authors.yaml").read_text())["authors"]}
    assert set(meta["authors"]) <= authors
    assert meta["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta["date"]))
    assert meta["kind"] in {"thread", "essay", "transcript", "forum-posts", "book-excerpt", "other"}
    assert re.fullmatch(r"\.\./shared/seeds/\d{3}_[0-9a-f]+\.txt", meta["derived_from"])
    assert meta["derivation"].strip()
