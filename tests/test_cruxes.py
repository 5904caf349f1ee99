"""Crux ranking and double cruxes: golden values (§a.9), brute-force agreement, screening."""

import numpy as np
import pytest

from argmap import api
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
    viewpoint_base,
)
from argmap.analysis.gradual import Settings, solve
from argmap.analysis.qbaf import QBAF
from argmap.analysis.wording import crux, move, names, scale
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
    assert uncontested.contest == 0
    assert "only alice rejects it, nobody declares the opposite" in uncontested.explanation


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


# --- author viewpoints, verdicts and fidelity ------------------------------------------------

# Cal's x supports the thesis t; Ann's y supports x; Bea's w attacks t.
VIEW = QBAF.from_edges(["t", "x", "y", "w"], attacks=[("w", "t")], supports=[("x", "t"), ("y", "x")])
VIEW_STANCES = {"cal": {"x": 1}, "ann": {"y": 1, "t": 1}, "bea": {"w": 1, "t": 1},
                "dan": {"t": -1}}
VIEW_NAMES = {"ann": "Ann", "bea": "Bea", "cal": "Cal", "dan": "Dan"}


def view_report(stances=VIEW_STANCES):
    return crux_report(VIEW, "t", stances, {"w": "W", "x": "X", "y": "Y"}, VIEW_NAMES, Params(),
                       owners={"x": "cal", "y": "ann", "w": "bea"},
                       basis_of={(a, "t"): "stated" for a in stances})


def test_a_claim_an_author_never_engaged_with_counts_only_as_far_as_the_authors_reasons_raise_it():
    r = view_report()
    assert r.standings["dan"] == 0.5  # Cal's x and Bea's w are not in Dan's view at all
    assert r.standings["ann"] > 0.5  # Ann's y raises Cal's x, which supports t
    assert r.standings["bea"] < 0.5 and r.standings["cal"] > 0.5
    # in the proposal's viewpoints (silence = 0.5) Dan would stand where the structure puts him
    old = crux_report(VIEW, "t", VIEW_STANCES, params=Params(unengaged=0.5))
    assert old.standings["dan"] == old.standings["neutral"] != 0.5


def test_a_rejected_claim_counts_no_more_than_an_ignored_one_in_the_authors_view():
    rejecting = dict(VIEW_STANCES, dan={"t": -1, "x": -1})
    assert view_report(rejecting).standings["dan"] == 0.5
    assert viewpoint_base({"x": -1, "y": 1}, "t", Params()) == {"x": 0.0, "y": pytest.approx(0.9),
                                                                "t": 0.5}
    assert viewpoint_base({"x": -1}, "t", Params(unengaged=0.5)) == {"x": pytest.approx(0.1), "t": 0.5}


def test_the_declared_stance_on_the_thesis_never_enters_the_standing():
    flipped = dict(VIEW_STANCES, ann={"y": 1, "t": -1})
    assert view_report(flipped).standings["ann"] == view_report().standings["ann"]


def test_verdicts_say_whether_the_authors_own_reasons_reproduce_the_declared_stance():
    verdicts = {v.author: v for v in view_report().verdicts}
    assert set(verdicts) == {"ann", "bea", "dan"}  # Cal declares nothing on t
    assert verdicts["ann"].status == "reproduced" and verdicts["ann"].explanation == ""
    assert verdicts["dan"].status == "underived"
    assert verdicts["dan"].explanation == ("The map holds none of Dan's reasons on this thesis: the "
                                           "rejection is declared (stated), not derived.")
    bea = verdicts["bea"]
    assert bea.status == "contradicted" and bea.pulls == (("w", 0.5),)  # without w: nothing left
    assert bea.explanation == (f"Bea accepts this thesis (stated), but in the map Bea's own reasons put "
                               f"it at {bea.standing:.2f}, most of all through ‘W’ (without it: 0.50).")


def test_a_pull_raised_by_the_authors_claims_is_named_with_its_owner():
    against = dict(VIEW_STANCES, ann={"y": 1, "t": -1})
    ann = next(v for v in view_report(against).verdicts if v.author == "ann")
    assert ann.status == "contradicted" and ann.pulls[0][0] == "x"
    assert "through Cal's ‘X’, which Ann's claims support (without it: 0.50)" in ann.explanation


def test_stance_fidelity_on_the_five_source_map_is_at_least_0_9_for_stated_stances():
    from tests.conftest import SOURCES

    m = api.load_map(SOURCES)
    analysis = api.analyze(m)
    fidelity = analysis.fidelity()
    assert fidelity["stated"].declared == sum(p.basis == "stated" and p.target.startswith("thesis.")
                                              for p in m.positions)
    assert fidelity["stated"].share >= 0.9
    names = {a.id: a.name for a in m.authors}
    for v in analysis.verdicts():
        if not v.reproduced:  # every remaining stance is explained by name
            assert v.explanation.startswith((names[v.author], "The map holds none of " + names[v.author]))


# --- wording ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("swing", "word"), [(0.0, "negligible"), (-0.0099, "negligible"),
                                             (0.01, "small"), (0.049, "small"), (-0.05, "moderate"),
                                             (0.1499, "moderate"), (0.15, "large"), (-0.9, "large")])
def test_the_scale_names_how_big_a_swing_is(swing, word):
    assert scale(swing) == word


def test_a_swing_is_printed_with_the_digits_that_tell_its_scale_word():
    # 0.011 and 0.009 both printed as 0.01, one "small" and the other "negligible"
    assert "a small swing of 0.011;" in crux("C", 0.02, 0.031, 0.02, ["A"], ["B"])
    assert "a negligible swing of 0.009;" in crux("C", 0.02, 0.029, 0.02, ["A"], ["B"])
    assert "a large swing of 0.40;" in crux("C", 0.5, 0.7, 0.3, ["A"], ["B"])
    # and a swing just below a bound is not rounded up to it: 0.00955 read "negligible … 0.010"
    assert "a negligible swing of 0.0095;" in crux("C", 0.02, 0.02955, 0.02, ["A"], ["B"])
    assert "a moderate swing of 0.1498;" in crux("C", 0.5, 0.6498, 0.5, ["A"], ["B"])


def test_a_group_author_takes_a_plural_verb():
    assert "; AI 2027 authors (Kokotajlo, Alexander) accept it; Bo rejects it." in crux(
        "C", 0.5, 0.7, 0.3, ["AI 2027 authors (Kokotajlo, Alexander)"], ["Bo"])
    assert "only Unnamed others reject it" in crux("C", 0.5, 0.7, 0.3, [], ["Unnamed others"])


def test_a_move_reads_as_raise_lower_or_leave():
    assert move(0.31, 0.52, "T") == "raise T from 0.31 to 0.52"
    assert move(0.31, 0.2, "T") == "lower T from 0.31 to 0.20"
    assert move(0.031, 0.034, "T") == "leave T at 0.03"
    assert names(["A"]) == "A" and names(["A", "B", "C"]) == "A, B and C"
    assert names(["A", "B", "C", "D", "E"]) == "A, B, C and 2 others"
