"""Dung semantics: agree with python-argumentation (PyArg) on hundreds of random frameworks."""

import random

import pytest

from argmap.analysis.dung import (
    AF,
    IN,
    OUT,
    UNDEC,
    acceptance,
    complete_extensions,
    discrete_swing,
    from_qbaf,
    grounded,
    grounded_extension,
    preferred_extensions,
    stable_extensions,
)
from argmap.analysis.qbaf import QBAF

py_arg = pytest.importorskip("py_arg")
from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (  # noqa: E402
    AbstractArgumentationFramework,
)
from py_arg.abstract_argumentation_classes.argument import Argument  # noqa: E402
from py_arg.abstract_argumentation_classes.defeat import Defeat  # noqa: E402
from py_arg.algorithms.semantics.get_complete_extensions import (  # noqa: E402
    get_complete_extensions,
)
from py_arg.algorithms.semantics.get_grounded_extension import (  # noqa: E402
    get_grounded_extension,
)
from py_arg.algorithms.semantics.get_preferred_extensions import (  # noqa: E402
    get_preferred_extensions,
)
from py_arg.algorithms.semantics.get_stable_extensions import (  # noqa: E402
    get_stable_extensions,
)


def random_af(rng: random.Random) -> AF:
    n = rng.randint(1, 10)
    p = rng.choice([0.1, 0.2, 0.3, 0.5])
    args = [f"a{i}" for i in range(n)]
    attacks = {(x, y) for x in args for y in args if rng.random() < p}  # self-attacks included
    return AF.of(args, attacks)


def to_py_arg(af: AF) -> AbstractArgumentationFramework:
    args = {a: Argument(a) for a in sorted(af.arguments)}
    defeats = [Defeat(args[s], args[d]) for s, d in sorted(af.attacks)]
    return AbstractArgumentationFramework("af", list(args.values()), defeats)


def names(extensions) -> set[frozenset[str]]:
    return {frozenset(a.name for a in e) for e in extensions}


RANDOM_AFS = [random_af(random.Random(seed)) for seed in range(300)]


def test_grounded_preferred_stable_complete_equal_py_arg_on_300_random_frameworks():
    for af in RANDOM_AFS:
        ref = to_py_arg(af)
        assert grounded_extension(af) == {a.name for a in get_grounded_extension(ref)}
        assert set(complete_extensions(af)) == names(get_complete_extensions(ref))
        assert set(preferred_extensions(af)) == names(get_preferred_extensions(ref))
        assert set(stable_extensions(af)) == names(get_stable_extensions(ref))


def test_grounded_labels_a_chain_alternately():
    af = AF.of("abc", [("a", "b"), ("b", "c")])
    assert grounded(af) == {"a": IN, "b": OUT, "c": IN}


def test_mutual_attack_is_undecided_in_grounded_but_two_preferred_and_stable():
    af = AF.of("ab", [("a", "b"), ("b", "a")])
    assert grounded(af) == {"a": UNDEC, "b": UNDEC}
    assert set(preferred_extensions(af)) == {frozenset("a"), frozenset("b")}
    assert acceptance(af, "a") == (True, False)  # credulous, not sceptical


def test_odd_cycle_has_no_stable_extension_and_empty_preferred():
    af = AF.of("abc", [("a", "b"), ("b", "c"), ("c", "a")])
    assert stable_extensions(af) == []
    assert preferred_extensions(af) == [frozenset()]
    assert acceptance(af, "a", "stable") == (False, True)  # vacuous with no extension


def test_large_undecided_residual_is_refused_not_enumerated():
    ring = [f"x{i}" for i in range(30)]
    af = AF.of(ring, [(ring[i], ring[(i + 1) % 30]) for i in range(30)])
    with pytest.raises(ValueError, match="max_undecided"):
        preferred_extensions(af)


def test_necessary_support_passes_an_attack_on_a_premise_to_its_conclusion():
    # p supports t, x attacks p: under necessary support x attacks t too (secondary attack)
    q = QBAF.from_edges(attacks=[("x", "p")], supports=[("p", "t")])
    af = from_qbaf(q)
    assert ("x", "t") in af.attacks
    assert grounded(af)["t"] == OUT
    assert ("x", "t") not in from_qbaf(q, support="ignore").attacks


def test_necessary_support_lends_an_attackers_conclusion_its_attacks():
    # a supports b (b needs a), a attacks c: b attacks c (extended attack)
    q = QBAF.from_edges(attacks=[("a", "c")], supports=[("a", "b")])
    assert ("b", "c") in from_qbaf(q).attacks


def test_deductive_support_reverses_the_support_direction():
    # a supports b deductively (a accepted => b accepted); x attacks b: x attacks a (mediated)
    q = QBAF.from_edges(attacks=[("x", "b")], supports=[("a", "b")])
    assert ("x", "a") in from_qbaf(q, support="deductive").attacks
    assert ("x", "a") not in from_qbaf(q).attacks


def test_discrete_swing_flips_the_thesis_when_its_only_attacker_is_settled():
    af = AF.of("tcd", [("c", "t"), ("d", "c"), ("c", "d")])
    assert grounded(af)["t"] == UNDEC
    assert discrete_swing(af, "t", "c") == (OUT, IN)
    assert discrete_swing(af, "t", "d") == (IN, OUT)
