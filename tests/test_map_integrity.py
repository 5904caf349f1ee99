"""The five-source map holds together: anchored, connected, and argued from several sides."""

from __future__ import annotations

import pytest

from argmap import api
from argmap.model import ArgMap
from tests.conftest import SOURCES


@pytest.fixture(scope="module")
def argmap() -> ArgMap:
    return api.load_map(SOURCES)  # validation fails on any unverified or ambiguous quote


def test_every_quote_stands_at_its_offsets_in_its_source(argmap):
    for claim in argmap.claims:
        text = argmap.source(claim.source).text
        assert text[claim.anchor.start:claim.anchor.end] == claim.quote, claim.id


def test_every_claim_is_in_some_relation(argmap):
    assert api.stats(argmap).unconnected_claims == ()


def test_every_thesis_is_reached_by_claims_of_at_least_three_authors(argmap):
    thin = {t: n for t, n in api.stats(argmap).authors_per_thesis.items() if n < 3}
    assert not thin


def test_the_sources_argue_with_each_other(argmap):
    stats = api.stats(argmap)
    assert stats.cross_source_relations >= 60
    assert all(n > 0 for n in stats.claims_per_source.values())


def test_every_source_author_takes_a_stance_on_some_thesis(argmap):
    theses = {t.id for t in argmap.theses}
    with_stance = {p.author for p in argmap.positions if p.target in theses}
    assert {a for s in argmap.sources for a in s.authors} <= with_stance


def test_reported_views_name_who_reports_them(argmap):
    for claim in argmap.claims:
        source_authors = argmap.source(claim.source).authors
        if claim.author not in source_authors:
            assert claim.reported_by in source_authors, claim.id
