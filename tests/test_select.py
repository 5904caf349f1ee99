"""Selecting a debate-sized piece of a map: depth, side, author, thesis tree, unknown ids.

The map below is small enough to know every answer by hand::

    a --support--> T      b --attack--> T       c --attack--> a     d --attack--> b
    e --support--> a      f --support--> c      z --support--> a    z --support--> b
    g --support--> h      (g, h: a separate argument that never reaches T)

Authors: a, c, f by alice; b, d by bob; e, z by carol; g, h by dave (source s2).
"""

from __future__ import annotations

import pytest

from argmap.errors import ArgmapError
from argmap.model import Anchor, ArgMap, Author, Claim, Position, Relation, Source, Thesis
from argmap.select import parities, select

EDGES = [("a", "support", "T"), ("b", "attack", "T"), ("c", "attack", "a"), ("d", "attack", "b"),
         ("e", "support", "a"), ("f", "support", "c"), ("z", "support", "a"),
         ("z", "support", "b"), ("g", "support", "h")]
BY = {"a": "alice", "c": "alice", "f": "alice", "b": "bob", "d": "bob", "e": "carol",
      "z": "carol", "g": "dave", "h": "dave"}
T = "thesis.t"


def _id(name: str) -> str:
    return T if name == "T" else f"{'s2' if name in 'gh' else 's1'}.{name}"


def small_map() -> ArgMap:
    claims = tuple(
        Claim(id=_id(n), gist=f"Claim {n}.", source=_id(n).split(".")[0], author=who,
              kind="premise", anchor=Anchor(0, 1, n, "", ""),
              reported_by="erin" if n == "f" else None)
        for n, who in BY.items())
    return ArgMap(
        authors=tuple(Author(a, f"{a.capitalize()} Example")
                      for a in ("alice", "bob", "carol", "dave", "erin", "frank")),
        sources=(Source("s1", "Source one", ("alice", "frank"), "essay", "text"),
                 Source("s2", "Source two", ("dave",), "essay", "text")),
        theses=(Thesis(T, "The thesis."),),
        claims=claims,
        relations=tuple(Relation(_id(s), _id(t), k, "because", _id(s).split(".")[0])
                        for s, k, t in EDGES),
        positions=(Position("bob", _id("a"), "reject", "stated", "s1", evidence=_id("d")),
                   Position("bob", T, "reject", "inferred", "s1", evidence=_id("b")),
                   Position("dave", _id("h"), "accept", "stated", "s2")),
    )


def names(m: ArgMap) -> set[str]:
    """The short names (a, b, ..., T) of the claims and theses in a selection."""
    return {"T" if n == T else n.split(".")[1] for n in [c.id for c in m.claims] + [t.id for t in m.theses]}


def assert_closed(m: ArgMap) -> None:
    """Every id the selection mentions is in the selection."""
    nodes = {c.id for c in m.claims} | {t.id for t in m.theses}
    sources, authors = {s.id for s in m.sources}, {a.id for a in m.authors}
    for c in m.claims:
        assert c.source in sources and c.author in authors
        assert c.reported_by is None or c.reported_by in authors
    for s in m.sources:
        assert set(s.authors) <= authors
    for r in m.relations:
        assert r.source in nodes and r.target in nodes and r.declared_in in sources
    for p in m.positions:
        assert p.target in nodes and p.author in authors and p.declared_in in sources
        assert p.evidence is None or p.evidence in nodes


def test_a_thesis_selects_its_whole_argument_tree_and_nothing_else():
    sub = select(small_map(), thesis=T)
    assert names(sub) == {"T", "a", "b", "c", "d", "e", "f", "z"}
    assert len(sub.relations) == 8  # every edge but g → h
    assert_closed(sub)


@pytest.mark.parametrize(("depth", "expected"), [
    (0, {"a"}),
    (1, {"a", "T", "c", "e", "z"}),
    (2, {"a", "T", "c", "e", "z", "b", "f"}),
    (3, {"a", "T", "c", "e", "z", "b", "f", "d"}),
])
def test_a_claim_selects_everything_within_depth_hops_in_either_direction(depth, expected):
    assert names(select(small_map(), claim=_id("a"), depth=depth)) == expected


def test_a_claim_defaults_to_two_hops():
    m = small_map()
    assert select(m, claim=_id("a")) == select(m, claim=_id("a"), depth=2)


def test_a_thesis_with_a_depth_counts_hops_instead_of_taking_the_tree():
    assert names(select(small_map(), thesis=T, depth=1)) == {"T", "a", "b"}


def test_pro_keeps_claims_with_an_even_number_of_attacks_on_the_path():
    assert names(select(small_map(), thesis=T, side="pro")) == {"T", "a", "d", "e", "z"}


def test_con_keeps_claims_with_an_odd_number_of_attacks_on_the_path():
    assert names(select(small_map(), thesis=T, side="con")) == {"T", "b", "c", "f", "z"}


def test_a_claim_on_shortest_paths_of_both_parities_is_on_both_sides():
    assert parities(small_map(), T)[_id("z")] == {0, 1}
    assert parities(small_map(), T)[_id("d")] == {0}


def test_side_around_a_claim_follows_edges_both_ways():
    # T is supported by a (agrees with a); c attacks a; f supports c (so disagrees with a).
    assert names(select(small_map(), claim=_id("a"), depth=2, side="con")) == {"a", "c", "f", "b"}


def test_author_keeps_only_that_authors_claims_and_positions():
    sub = select(small_map(), thesis=T, author="bob")
    assert names(sub) == {"T", "b", "d"}
    assert {(p.author, p.target) for p in sub.positions} == {("bob", T)}
    assert_closed(sub)


def test_author_is_found_by_full_name_too():
    m = small_map()
    assert select(m, thesis=T, author="Alice Example") == select(m, thesis=T, author="alice")


def test_author_alone_selects_their_claims_and_the_theses_they_bear_on():
    assert names(select(small_map(), author="alice")) == {"a", "c", "f", "T"}
    assert names(select(small_map(), author="dave")) == {"g", "h"}


def test_the_focus_stays_even_when_the_filters_would_drop_it():
    assert names(select(small_map(), claim=_id("b"), author="alice")) == {"b", "T", "a"}
    sub = select(small_map(), claim=_id("b"), author="alice", depth=1)
    assert {c.id for c in sub.claims} == {_id("b")}


def test_a_selection_keeps_only_referenced_sources_and_authors():
    sub = select(small_map(), claim=_id("g"), depth=1)
    assert [s.id for s in sub.sources] == ["s2"]
    assert [a.id for a in sub.authors] == ["dave"]
    assert [(p.author, p.target) for p in sub.positions] == [("dave", _id("h"))]


def test_sources_bring_all_their_authors_and_reporters_come_along():
    sub = select(small_map(), claim=_id("f"), depth=0)
    assert {a.id for a in sub.authors} == {"alice", "frank", "erin"}
    assert_closed(sub)


def test_position_evidence_outside_the_selection_is_dropped_not_left_dangling():
    sub = select(small_map(), claim=_id("a"), depth=1)
    bob_on_a = next(p for p in sub.positions if p.target == _id("a"))
    assert bob_on_a.evidence is None  # d is three hops away
    assert_closed(sub)


def test_every_selection_is_closed_under_references():
    m = small_map()
    for kw in ({"thesis": T}, {"thesis": T, "side": "con"}, {"claim": _id("c"), "depth": 1},
               {"author": "carol"}, {"claim": _id("z"), "side": "pro", "author": "bob"}):
        assert_closed(select(m, **kw))


def test_no_focus_and_no_author_is_the_whole_map():
    m = small_map()
    assert select(m) == m


@pytest.mark.parametrize(("kw", "message"), [
    ({"claim": "s1.nope"}, "no claim or thesis 's1.nope'"),
    ({"thesis": "thesis.nope"}, "no claim or thesis 'thesis.nope'"),
    ({"claim": T}, "is a thesis"),
    ({"thesis": "s1.a"}, "is a claim"),
    ({"author": "nobody"}, "no author 'nobody'"),
    ({"claim": "s1.a", "thesis": T}, "not both"),
    ({"claim": "s1.a", "side": "both"}, "unknown side"),
    ({"claim": "s1.a", "depth": -1}, "depth"),
    ({"side": "pro"}, "needs a focus"),
])
def test_bad_selections_raise_a_clear_error(kw, message):
    with pytest.raises(ArgmapError, match=message):
        select(small_map(), **kw)
