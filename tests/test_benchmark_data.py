"""The data the benchmarks score against stays valid as the sources change."""

from pathlib import Path

import yaml

from argmap.sources.anchor import find_all

ROOT = Path(__file__).resolve().parents[1]
SECOND_READER = ROOT / "benchmarks" / "second-reader"


def test_every_source_has_a_second_reading_whose_quotes_are_all_in_its_text() -> None:
    readings = sorted(p.stem for p in SECOND_READER.glob("*.yaml"))
    assert readings == sorted(p.name for p in (ROOT / "sources").iterdir() if p.is_dir())
    for name in readings:
        text = (ROOT / "sources" / name / "text.txt").read_text(encoding="utf-8")
        claims = yaml.safe_load((SECOND_READER / f"{name}.yaml").read_text(encoding="utf-8"))["claims"]
        missing = [c["quote"] for c in claims if not find_all(text, c["quote"])]
        assert not missing, f"{name}: quotes no longer in text.txt: {missing[:3]}"
