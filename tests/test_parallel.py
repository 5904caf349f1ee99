"""Theses are analysed in forked workers on large maps; nothing may depend on it."""

import os

import pytest

from argmap.analyze import analyze
from argmap.parallel import forked_map
from argmap.sources.loader import load_map
from argmap.sources.synth import synth


def test_forked_map_runs_in_other_processes_and_keeps_the_input_order():
    pids_and_items = forked_map(lambda x: (os.getpid(), x * x), list(range(6)), workers=2)
    assert [y for _, y in pids_and_items] == [0, 1, 4, 9, 16, 25]
    assert os.getpid() not in {pid for pid, _ in pids_and_items}


def test_a_workers_error_reaches_the_caller():
    def fail(x: int) -> int:
        raise ValueError(f"bad item {x}")

    with pytest.raises(ValueError, match="bad item"):
        forked_map(fail, [1, 2], workers=2)


def test_crux_reports_are_the_same_on_one_core_or_several(tmp_path):
    synth(tmp_path / "sources", 1500, seed=5)
    m = load_map(tmp_path / "sources")
    one, two = analyze(m, workers=1), analyze(m, workers=2)
    assert list(two.reports) == list(one.reports) == [t.id for t in m.theses]
    assert two == one
