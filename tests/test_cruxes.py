"""Crux ranking and double cruxes: golden values (§a.9), brute-force agreement, screening."""

import numpy as np
import pytest

from argmap.analysis.cruxes import (
    Params,
    author_base,
    contest,
    crux_report,
    double_cruxes,
    gradient_screen,
    rank_cruxes,
    standing,
    swings,
)
from argmap.analysis.gradual import Settings, solve
from argmap.analysis.qbaf import QBAF
from tests.synthetic_qbaf import synthetic_map

EDGES = [(1, 0, +1), (2, 1, +1), (3, 1, -1), (4, 3, -1), (5, 0, -1), (6, 5, -1), (7, 6, -1),
         (8, 0, +1), (9, 0, -1), (10, 2, -1), (2, 0, +1)]
ALICE = {1: 1, 2: 1, 3: -1, 4: 1, 5: -1, 6: 1, 7: -1, 8: 1, 9: -1, 10: -1}
BOB = {1: -1, 3: 1, 4: -1, 5: 1, 6: -1, 7: 1, 8: -1, 10: 1}
STANCES = {"alice": {str(k): v for k, v in ALICE.items()},
           "bob": {str(k): v for k, v in BOB.items()}}
LABELS = {"0": "transformative AI before 2040", "5": "current architectures lack a key ingredient",
          "8": "AI automates AI research", "1": "scaling keeps working", "2": "compute grows"}
NAMES = {"alice": "Alice", "bob": "Bob"}
# the proposal's golden values are DF-QuAD's, with every claim an author is silent on at 0.5
DFQUAD = Params(semantics="dfquad", exact_limit=20_000, unengaged=0.5)


@pytest.fixture
def toy() -> QBAF:
    return QBAF.from_edges([str(i) for i in range(11)],
                           attacks=[(str(a), str(b)) for a, b, s in EDGES if s < 0],
                           supports=[(str(a), str(b)) for a, b, s in EDGES if s > 0])


def as_list(d: dict[str, float]) -> list[float]:
    return [d[str(i)] for i in range(1, 11)]


def test_golden_hard_swings(toy):
    expected = [.1875, .15625, -.09375, .046875, -.25, .125, -.0625, .1875, -.3125, -.109375]
    assert as_list(swings(toy, "0", clamp=1.0)) == pytest.approx(expected, abs=1e-12)


def test_golden_soft_swings(toy):
    expected = [.15, .125, -.075, .0375, -.2, .1, -.05, .15, -.25, -.0875]
    assert as_list(swings(toy, "0", clamp=0.8)) == pytest.approx(expected, abs=1e-12)


def test_golden_author_standings(toy):
    assert standing(toy, "0", author_base(STANCES["alice"], "0"))[0] == pytest.approx(0.941260,
                                                                                    abs=1e-6)
    assert standing(toy, "0", author_base(STANCES["bob"], "0"))[0] == pytest.approx(0.110010,
                                                                                  abs=1e-6)


def test_thesis_base_stays_neutral_whatever_the_author_says_about_it(toy):
    assert author_base({"0": 1, "1": -1}, "0") == {"0": 0.5, "1": pytest.approx(0.1)}


def test_golden_double_crux_c5_ranks_first_with_its_closures(toy):
    pair = double_cruxes(toy, "0", STANCES, "alice", "bob", LABELS, NAMES, DFQUAD)
    first = pair.double[0]
    assert first.claim == "5" and first.rank == 1
    assert first.score == pytest.approx(0.281744, abs=1e-6)
    # Alice rejects c5: "resolves as Alice holds" is c5 false
    assert first.close_a_side == pytest.approx(0.281744, abs=1e-6)
    assert first.close_b_side == pytest.approx(0.474226, abs=1e-6)
    assert first.explanation == (
        "Alice and Bob stand 0.83 apart; settled as Alice holds it, ‘current architectures lack a "
        "key ingredient’ would close 28% of the gap, settled as Bob holds it 47%: either way they "
        "converge.")


def test_golden_saturated_c8_is_not_a_double_crux_and_names_alices_other_support(toy):
    hard = Params(semantics="dfquad", clamp=1.0, unengaged=0.5)
    pair = double_cruxes(toy, "0", STANCES, "alice", "bob", LABELS, NAMES, hard)
    assert "8" not in {d.claim for d in pair.double}
    c8 = next(n for n in pair.non_cruxes if n.claim == "8")
    assert c8.close_a_side == pytest.approx(0.50, abs=0.005)  # c8 true: Bob moves half way
    assert c8.close_b_side == pytest.approx(-0.05, abs=0.005)  # c8 false: Alice stays
    assert c8.unmoved == "alice" and set(c8.other_support) == {"1", "2"}
    assert c8.explanation.startswith("Settling ‘AI automates AI research’ against Alice would close "
                                     "at most 0% of their")
    assert "Alice's other reasons (‘scaling keeps working’, ‘compute grows’) hold Alice in place" in (
        c8.explanation)


def test_only_claims_with_opposite_stances_are_considered_for_double_cruxes(toy):
    pair = double_cruxes(toy, "0", STANCES, "alice", "bob", params=DFQUAD)
    considered = {d.claim for d in pair.double} | {n.claim for n in pair.non_cruxes}
    assert considered == {c for c in STANCES["bob"] if STANCES["alice"].get(c, 0) == -STANCES[
        "bob"][c]}


def test_authors_who_agree_on_the_thesis_have_no_double_cruxes(toy):
    same = {"a": STANCES["alice"], "b": dict(STANCES["alice"], **{"4": -1})}
    pair = double_cruxes(toy, "0", same, "a", "b", params=DFQUAD)
    assert not pair.disagree and pair.double == () and pair.non_cruxes == ()


def test_contestedness_is_four_p_one_minus_p_with_optional_shrink():
    assert contest(1, 1) == 1.0
    assert contest(3, 1) == pytest.approx(0.75)
    assert contest(2, 0) == 0.0 and contest(0, 0) == 0.0
    assert contest(1, 1, shrink=True) == pytest.approx(2 / 3)


def test_crux_ranking_is_by_swing_times_contest_and_explains_with_numbers(toy):
    cruxes = rank_cruxes(toy, "0", STANCES, LABELS, DFQUAD)
    scores = [c.score for c in cruxes]
    assert scores == sorted(scores, reverse=True)
    assert all(c.score == pytest.approx(abs(c.swing) * c.contest) for c in cruxes)
    top = cruxes[0]
    assert top.claim == "5" and top.rank == 1 and top.converged
    assert top.accepted_by == ("bob",) and top.rejected_by == ("alice",)
    rank = rank_cruxes(toy, "0", STANCES, LABELS, DFQUAD, names=NAMES)[0]
    assert rank.explanation == (
        f"Settling ‘current architectures lack a key ingredient’ true would lower this thesis from "
        f"{top.sigma:.2f} to {top.sigma_hi:.2f} in the pooled view (false: {top.sigma_lo:.2f}), a "
        f"large swing of {abs(top.swing):.2f}; Bob accepts it; Alice rejects it.")
    assert top.emove > 0
    uncontested = next(c for c in cruxes if c.claim == "9")  # only Alice has a stance
    assert uncontested.contest == 0 and "only alice rejects it, nobody disputes it" in uncontested.explanation


def test_top_limits_the_ranking(toy):
    assert [c.rank for c in rank_cruxes(toy, "0", STANCES, params=DFQUAD, top=3)] == [1, 2, 3]


def test_report_records_method_parameters_and_standings(toy):
    report = crux_report(toy, "0", STANCES, LABELS, NAMES, Params(semantics="qe"))
    assert report.semantics == "qe" and report.kappa == 0.8
    assert report.clamp == pytest.approx((0.1, 0.9))
    assert report.method == "exact" and report.converged and report.candidates == 10
    assert set(report.standings) == {"neutral", "pooled", "alice", "bob"}
    assert report.standings["neutral"] == pytest.approx(0.590140, abs=1e-6)
    assert [p.author_a for p in report.pairs] == ["alice"]


@pytest.mark.parametrize("semantics", ["dfquad", "qe"])
def test_batched_swings_equal_full_clamped_resolves_on_a_cyclic_map(semantics):
    q, theses, stances = synthetic_map(150, seed=3, back_edges=10)
    assert q.compiled.cyclic.any()
    base = author_base(stances["author0"], theses[0])
    cfg = Settings(semantics)
    fast = swings(q, theses[0], base, settings=cfg)
    for claim, swing in fast.items():
        hi = solve(q, base, clamps={claim: 0.9}, settings=cfg)[theses[0]]
        lo = solve(q, base, clamps={claim: 0.1}, settings=cfg)[theses[0]]
        assert swing == pytest.approx(hi - lo, abs=1e-9), claim


def test_gradient_screen_top50_contains_the_exact_top20_on_a_2k_map():
    q, theses, _ = synthetic_map(2000, seed=1)
    exact = swings(q, theses[0])
    est = gradient_screen(q, theses[0])
    top_exact = sorted(exact, key=lambda c: -abs(exact[c]))[:20]
    top_est = set(sorted(est, key=lambda c: -abs(est[c]))[:50])
    assert set(top_exact) <= top_est


def test_screened_ranking_matches_the_exact_ranking_at_the_top():
    q, theses, stances = synthetic_map(2000, seed=2)
    exact = rank_cruxes(q, theses[0], stances, params=DFQUAD, top=10)
    screening = Params(semantics="dfquad", exact_limit=100, screen_top=100)
    screened = rank_cruxes(q, theses[0], stances, params=screening, top=10)
    assert [c.claim for c in screened] == [c.claim for c in exact]
    assert np.allclose([c.swing for c in screened], [c.swing for c in exact])
