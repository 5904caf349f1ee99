"""Namespaces and the project's IRI scheme, in one place.

Stable IRIs, never blank nodes, so that two builds give byte-identical files and a claim's IRI
can be cited. Data IRIs are ``https://w3id.org/argmap/id/<kind>/<id>``; the project's own terms
are under ``https://w3id.org/argmap/ns#``. Standard vocabularies are reused wherever one fits:
AIF for the argument structure, W3C Web Annotation for quote anchors, PROV-O for attribution
and derivation, Dublin Core for source metadata.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SDO, XSD

BASE = "https://w3id.org/argmap/"
ARGMAP = Namespace(BASE + "ns#")
ID = Namespace(BASE + "id/")
AIF = Namespace("http://www.arg.dundee.ac.uk/aif#")
OA = Namespace("http://www.w3.org/ns/oa#")

PREFIXES: dict[str, Namespace] = {
    "argmap": ARGMAP, "id": ID, "aif": AIF, "oa": OA, "prov": PROV, "dcterms": DCTERMS,
    "foaf": FOAF, "schema": SDO, "rdfs": RDFS, "rdf": RDF, "xsd": XSD,
}

__all__ = ["AIF", "ARGMAP", "DCTERMS", "FOAF", "ID", "OA", "PREFIXES", "PROV", "RDF", "RDFS",
           "SDO", "XSD", "node_iri", "node_ref", "sparql_prefixes"]


def node_iri(kind: str, *parts: str) -> URIRef:
    """The IRI of a map element, e.g. ``node_iri("claim", "lambert.no-ai-2027")``."""
    return URIRef(node_ref(kind, *parts))


_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]*")
_ID = str(ID)


def node_ref(kind: str, *parts: str) -> str:
    """:func:`node_iri` as a plain string, for writers that need no rdflib term.

    The Turtle writer spent a third of its time at 100k claims building and validating URIRefs.
    """
    return _ID + kind + "".join(
        "/" + (p if _UNRESERVED.fullmatch(p) else quote(p, safe="-._~")) for p in parts)


def sparql_prefixes(*, one_line: bool = False) -> str:
    """PREFIX declarations for every namespace above, for queries users type.

    ``one_line``: all on one line ending in a space, so that a query put after them keeps its
    line numbers (a server's error message then points at the user's line).
    """
    end = " " if one_line else "\n"
    return "".join(f"PREFIX {p}: <{ns}>{end}" for p, ns in PREFIXES.items())
