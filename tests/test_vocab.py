"""Data IRIs: one scheme, with everything but unreserved characters percent-encoded."""

from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from argmap.rdf.vocab import ID, node_iri, node_ref


@given(st.sampled_from(["claim", "thesis", "position"]),
       st.lists(st.text(max_size=12), min_size=1, max_size=2))
def test_a_node_ref_is_its_node_iri_as_a_string(kind, parts):
    expected = str(ID) + kind + "".join("/" + quote(p, safe="-._~") for p in parts)
    assert node_ref(kind, *parts) == str(node_iri(kind, *parts)) == expected


def test_ids_are_percent_encoded_where_not_unreserved():
    assert node_ref("claim", "lambert.no-ai-2027") == "https://w3id.org/argmap/id/claim/lambert.no-ai-2027"
    assert node_ref("position", "a b", "thesis.é") == \
        "https://w3id.org/argmap/id/position/a%20b/thesis.%C3%A9"
