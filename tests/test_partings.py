"""Where two authors part ways: every point of every kind on a small map with known answers."""

from __future__ import annotations

import pytest

from argmap import api
from argmap.analysis.cruxes import Params, double_cruxes, viewpoint_base
from argmap.analysis.gradual import solve
from argmap.analysis.partings import PartingsEngine
from argmap.analysis.qbaf import QBAF
from tests.conftest import SOURCES

# Ann argues for T1, Ben against; Cal is a third author whose claims Ann leans on.
SUPPORTS = [("a1", "T1"), ("a2", "a1"), ("a2", "T2"), ("c1", "T1"), ("a3", "c1"), ("c6", "T1"),
            ("a6", "c6"), ("a7", "c6"), ("c6", "c7"), ("c7", "T1"), ("c2", "T1"), ("c3", "T1")]
ATTACKS = [("b1", "T1"), ("b2", "a1"), ("b3", "c1"), ("b4", "c7"), ("b5", "c3")]
OWN = {"ann": ["a1", "a2", "a3", "a6", "a7", "d1"], "ben": ["b1", "b2", "b3", "b4", "b5"],
       "cal": ["c1", "c2", "c3", "c6", "c7"]}
STANCES = {author: {c: 1 for c in claims} for author, claims in OWN.items()}
STANCES["ann"] |= {"b1": -1, "c2": 1, "T1": 1, "T2": 1}
STANCES["ben"] |= {"a2": -1, "d1": -1, "c2": 1, "T1": -1, "T2": 1}
THESES = ["T1", "T2"]

# (claim, kind, Ann's basis, Ben's basis, thesis) — and nothing else
EXPECTED = {
    ("b1", "stance", "declared", "declared", "T1"),  # Ann rejects Ben's claim
    ("a2", "stance", "declared", "declared", "T1"),  # Ben rejects Ann's claim; T1, not the nearer T2
    ("d1", "stance", "declared", "declared", None),  # ... and one that reaches no thesis
    ("a1", "attack", "declared", "attacks", "T1"),  # Ben's b2 attacks Ann's a1
    ("c1", "reason", "supports", "attacks", "T1"),  # Ann's a3 supports Cal's c1, Ben's b3 attacks it
    ("c7", "reason", "relies", "attacks", "T1"),  # Ann's a6, a7 raise c6, which raises c7; b4 attacks c7
}


@pytest.fixture(scope="module")
def qbaf() -> QBAF:
    return QBAF.from_edges(THESES + [c for claims in OWN.values() for c in claims],
                           attacks=ATTACKS, supports=SUPPORTS)


@pytest.fixture(scope="module")
def found(qbaf):
    return PartingsEngine(qbaf, THESES, STANCES).between("ann", "ben")


def test_every_point_of_every_kind_is_found_and_nothing_else(found):
    got = {(p.claim, p.kind, p.a_basis, p.b_basis, p.thesis) for p in found.points}
    assert got == EXPECTED
    # agreed on (c2), disputed by Ben only where Ann is silent (c3), or Ann's own premises of
    # claims Ben does not dispute (a6, a7, c6): no point
    assert not {"c2", "c3", "c6", "a6", "a7"} & {p.claim for p in found.points}


def test_sides_on_theses_are_the_declared_stances(found):
    sides = {s.thesis: s for s in found.sides}
    assert sides["T1"].opposite and (sides["T1"].a, sides["T1"].b) == (1, -1)
    assert not sides["T2"].opposite
    assert found.opposite_theses == ("T1",)


def test_each_side_holds_the_claim_the_way_its_kind_says(found):
    for p in found.points:
        assert p.a_side * p.b_side == -1
    a1 = next(p for p in found.points if p.claim == "a1")
    assert (a1.a_side, a1.b_side, a1.b_via) == (1, -1, ("b2",))
    c1 = next(p for p in found.points if p.claim == "c1")
    assert c1.a_via == ("a3",) and c1.b_via == ("b3",)


def test_an_authors_own_claims_decide_their_side_before_the_claims_they_accept():
    # Dan's own d1 attacks x; Dan accepts Eve's e1 and e2, which support it: Dan rejects x.
    # On y, Dan's own claims are silent and the ones he accepts are split (e1 for, e3 against):
    # no side; and although his reasons raise y (through g), a claim he holds attacks it, so he
    # does not rely on it either.
    q = QBAF.from_edges(["T", "x", "y", "g", "d1", "e1", "e2", "e3"], attacks=[("d1", "x"), ("e3", "y")],
                        supports=[("x", "T"), ("y", "T"), ("e1", "x"), ("e2", "x"), ("e1", "y"),
                                  ("e1", "g"), ("e2", "g"), ("g", "y")])
    stances = {"dan": {"d1": 1, "e1": 1, "e2": 1, "e3": 1}}
    owners = {"d1": "dan", "e1": "eve", "e2": "eve", "e3": "eve", "x": "cal", "y": "cal", "g": "cal"}
    engine = PartingsEngine(q, ["T"], stances, owners=owners)
    assert engine.side("dan", "x") == (-1, "attacks", ("d1",))
    assert engine.side("dan", "y") == (0, None, ())
    assert engine.strength("dan")[q.compiled.index["y"]] >= Params().rely_min
    counted_alike = PartingsEngine(q, ["T"], stances)  # without owners every held claim counts the same
    assert counted_alike.side("dan", "x") == (1, "supports", ("e1", "e2"))


def test_a_claim_the_author_relies_on_is_raised_by_the_authors_reasons(qbaf):
    engine = PartingsEngine(qbaf, THESES, STANCES)
    strength = engine.strength("ann")
    index = qbaf.compiled.index
    assert strength[index["c7"]] >= Params().rely_min > strength[index["b4"]] == 0.0
    assert engine.side("ann", "c7") == (1, "relies", ())
    assert engine.side("ann", "b4") == (0, None, ())


def test_consequences_equal_full_resolves_with_the_claim_settled_the_others_way(qbaf, found):
    params = Params()
    lo, hi = params.levels

    def settled(author: str, claim: str | None, value: float, thesis: str) -> float:
        base = {a: params.unengaged for a in qbaf.arguments} | viewpoint_base(STANCES[author], thesis, params)
        return solve(qbaf, base, clamps={claim: value} if claim else None,
                     settings=params.settings)[thesis]

    for p in found.points:
        if p.thesis is None:
            assert p.score == 0 and p.chain == () and "reaches no thesis" in p.explanation
            continue
        ann_true = p.a_side > 0
        assert p.standing_a == pytest.approx(settled("ann", None, 0, p.thesis), abs=1e-12)
        assert p.a_after == pytest.approx(settled("ann", p.claim, lo if ann_true else hi, p.thesis),
                                          abs=1e-9)
        assert p.b_after == pytest.approx(settled("ben", p.claim, hi if ann_true else lo, p.thesis),
                                          abs=1e-9)
        assert p.score == pytest.approx((abs(p.a_after - p.standing_a) + abs(p.b_after - p.standing_b)) / 2)


def test_points_are_ranked_by_consequence_with_their_chain_to_the_thesis(qbaf, found):
    scores = [p.score for p in found.points]
    assert scores == sorted(scores, reverse=True)
    edges = {(s, d): 1 for s, d in SUPPORTS} | {(s, d): -1 for s, d in ATTACKS}
    for p in found.points:
        if p.thesis:
            assert p.chain[0][0] == p.claim and p.chain[-1][2] == p.thesis
            assert all(edges[(src, dst)] == sign for src, sign, dst in p.chain)
    a2 = next(p for p in found.points if p.claim == "a2")
    assert a2.chain == (("a2", 1, "a1"), ("a1", 1, "T1")) and a2.theses == ("T1", "T2")


def test_strict_double_cruxes_are_the_pair_analysis_double_cruxes(qbaf, found):
    pair = double_cruxes(qbaf, "T1", STANCES, "ann", "ben")
    marked = {p.claim for p in found.points if p.double_crux}
    assert marked == {d.claim for d in pair.double}
    assert all(p.kind == "stance" for p in found.points if p.double_crux)


def test_points_explain_what_settling_does_to_each_author(qbaf):
    engine = PartingsEngine(qbaf, THESES, STANCES, names={"ann": "Ann", "ben": "Ben"})
    a1 = next(p for p in engine.between("ann", "ben").points if p.claim == "a1")
    assert a1.explanation == (
        f"Settled as Ben holds it (false), ‘a1’ would lower Ann's standing from {a1.standing_a:.2f} "
        f"to {a1.a_after:.2f} ({_scale(a1.a_after - a1.standing_a)}); settled as Ann holds it "
        f"(true), it would raise Ben's from {a1.standing_b:.2f} to {a1.b_after:.2f} "
        f"({_scale(a1.b_after - a1.standing_b)}).")


def _scale(x: float) -> str:
    from argmap.analysis.wording import scale

    return scale(x)


# --- on the five-source map ---------------------------------------------------------------


@pytest.fixture(scope="module")
def five():
    m = api.load_map(SOURCES)
    return m, api.between_all(m)


def test_every_pair_with_opposite_declared_stances_gets_its_points(five):
    m, found = five
    declared = {(p.author, p.target): p.stance for p in m.positions if p.target.startswith("thesis.")}
    expected = {tuple(sorted((a, b))) for (a, t), s in declared.items() for (b, u), r in declared.items()
                if t == u and s != r}
    assert {b.authors for b in found} == expected
    assert all(b.points for b in found)


def test_every_quote_is_the_authors_own_verbatim_words(five):
    m, found = five
    for b in found:
        for p in b.points:
            for h in (p.a, p.b):
                if h.quote is not None:
                    claim = m.claim(h.quote.claim)
                    assert claim.author == h.author and claim.quote == h.quote.text
            held = [h for h in (p.a, p.b) if h.side == "accepts" and h.basis == "declared"]
            for h in held:
                if m.claim(p.claim).author == h.author:
                    assert h.quote is not None and h.quote.claim == p.claim


def test_no_quote_argues_against_the_side_it_is_quoted_for(five):
    m, found = five
    sign = {(r.source, r.target): 1 if r.type == "support" else -1 for r in m.relations}
    for b in found:
        for p in b.points:
            for h in (p.a, p.b):
                side = 1 if h.side == "accepts" else -1
                if h.quote is not None and (h.quote.claim, p.claim) in sign:
                    assert sign[(h.quote.claim, p.claim)] == side, (b.authors, p.claim, h)


def test_karpathy_and_aschenbrenner_part_ways_on_more_than_three_claims(five):
    _, found = five
    pair = next(b for b in found if b.authors == ("aschenbrenner", "karpathy"))
    assert len(pair.points) > 3 * 3
    assert {p.kind for p in pair.points} == {"stance", "attack", "reason"}
    assert {"thesis.ie-soon", "thesis.rl-scales", "thesis.long-horizon-training",
            "thesis.continual-learning-gap", "thesis.growth-discontinuity"} <= {p.thesis for p in pair.points}
