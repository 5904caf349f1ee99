"""The Python API: what the CLI does, callable from a notebook.

>>> from argmap import api
>>> m = api.load_map("sources")                       # validated ArgMap
>>> g = api.to_networkx(m)                            # networkx DiGraph
>>> rows = api.query("SELECT ?c WHERE { ?c a argmap:Claim }", out="graph")
>>> report = api.build("sources", "graph")            # writes graph/argmap.ttl, graph/cruxmap.html
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph

from argmap import cruxes as crux_analysis
from argmap import endpoint, rdf
from argmap import store as disk_store
from argmap.annotations import load_map
from argmap.errors import ArgmapError
from argmap.files import write_atomic
from argmap.formats import aif as aif_format
from argmap.formats import argdown as argdown_format
from argmap.formats import brief as brief_format
from argmap.formats import graphml as graphml_format
from argmap.formats import json as json_format
from argmap.formats import rdf as rdf_format
from argmap.graph import to_networkx
from argmap.graph import upstream as graph_upstream
from argmap.model import ArgMap
from argmap.rdf import iri_of
from argmap.select import select
from argmap.sparql import Result, Store
from argmap.views import cruxmap, cruxreport

TURTLE = "argmap.ttl"
ANALYSIS = "analysis.ttl"
CRUX_REPORT = "cruxes.md"
CRUXMAP = "cruxmap.html"

__all__ = ["BuildReport", "build", "cruxes", "export", "load_map", "query", "select", "stats", "to_graph",
           "to_networkx"]


def to_graph(argmap: ArgMap) -> Graph:
    """The map as an rdflib Graph."""
    return rdf.to_graph(argmap)


@dataclass(frozen=True)
class Stats:
    """The counts a curator checks after every build."""

    claims_per_source: dict[str, int]
    theses: int
    relations: int
    cross_source_relations: int
    positions: int
    unconnected_claims: tuple[str, ...]
    authors_per_thesis: dict[str, int]

    def lines(self) -> list[str]:
        out = [f"{n:4d} claims  {source}" for source, n in self.claims_per_source.items()]
        total = sum(self.claims_per_source.values())
        reached = sum(1 for n in self.authors_per_thesis.values() if n >= 3)
        out += [
            f"{total:4d} claims in all, {self.theses} theses, {self.positions} declared positions",
            f"{self.relations:4d} relations, {self.cross_source_relations} across sources",
            f"{reached:4d} of {self.theses} theses reached by claims of at least 3 authors",
        ]
        if self.unconnected_claims:
            out.append(f"{len(self.unconnected_claims):4d} claims in no relation: "
                       + ", ".join(self.unconnected_claims[:10])
                       + (" …" if len(self.unconnected_claims) > 10 else ""))
        return out


def stats(argmap: ArgMap) -> Stats:
    """Counts per source, relations across sources, and how many authors reach each thesis."""
    source_of = {c.id: c.source for c in argmap.claims}
    cross = sum(1 for r in argmap.relations
                if r.target in source_of and source_of[r.source] != source_of[r.target])
    connected = {r.source for r in argmap.relations} | {r.target for r in argmap.relations}
    return Stats(
        claims_per_source=dict(sorted(Counter(c.source for c in argmap.claims).items())),
        theses=len(argmap.theses),
        relations=len(argmap.relations),
        cross_source_relations=cross,
        positions=len(argmap.positions),
        unconnected_claims=tuple(c.id for c in argmap.claims if c.id not in connected),
        authors_per_thesis={t: len(a) for t, a in authors_by_thesis(argmap).items()},
    )


@dataclass(frozen=True)
class BuildReport:
    written: tuple[Path, ...]
    stats: Stats


def build(sources: Path | str = "sources", out: Path | str = "graph", *,
          store: Path | str | None = None) -> BuildReport:
    """Validate ``sources`` and write the built map into ``out``; nothing is written on error.

    ``store``: also bulk-load the written Turtle into an on-disk Oxigraph store there.
    """
    argmap = load_map(sources)
    out = Path(out)
    analysis = crux_analysis.analyze(argmap)
    outputs = {
        out / TURTLE: rdf.to_turtle(argmap),
        out / ANALYSIS: rdf.serialize_turtle(crux_analysis.to_rdf(analysis)),
        out / CRUX_REPORT: cruxreport.render(argmap, analysis),
        out / CRUXMAP: cruxmap.render(argmap, analysis.ranked()),
    }
    for path, text in outputs.items():  # everything is rendered before the first write
        write_atomic(path, text)
    if store is not None:
        disk_store.fill(store, [out / TURTLE, out / ANALYSIS])
    return BuildReport(tuple(outputs), stats(argmap))


def cruxes(
    argmap: ArgMap, *, thesis: str | None = None, semantics: str = crux_analysis.DEFAULT_SEMANTICS,
    stances: Path | str | None = None, stated_only: bool = False,
    between: tuple[str, str] | None = None,
) -> crux_analysis.MapAnalysis:
    """Crux analysis of a map; ``stances`` is a YAML file of positions that override the map's.

    ``between``: two author ids whose double cruxes to analyse (by default, each thesis's
    most engaged disagreeing pairs, at most ``cruxes.MAX_PAIRS``).
    """
    overrides = crux_analysis.load_overrides(Path(stances), argmap) if stances else ()
    return crux_analysis.analyze(argmap, thesis=thesis, semantics=semantics, overrides=overrides,
                                 stated_only=stated_only, between=between)


def query(
    sparql: str, out: Path | str = "graph", *, engine: str = "oxigraph",
    bindings: dict[str, str] | None = None, store: Path | str | None = None,
) -> Result:
    """Run a SPARQL SELECT/ASK over the built map in ``out``.

    ``bindings`` maps a query variable to a claim or thesis id (or a full IRI); the value is
    bound as data, never pasted into the query text. ``store``: the on-disk Oxigraph store that
    ``build(store=...)`` filled, used instead of parsing the Turtle (the oxigraph engine only).
    """
    iris = {name: value if "://" in value else str(iri_of(value))
            for name, value in (bindings or {}).items()}
    files = [Path(out) / TURTLE, Path(out) / ANALYSIS]
    if store is not None and engine == "oxigraph":
        return Store.from_oxigraph(disk_store.open_store(store, files)).select(sparql, iris)
    return Store(files, engine).select(sparql, iris)


def push(store_url: str, out: Path | str = "graph", *, graph: str,
         auth: endpoint.Auth | None = None, timeout: float = endpoint.PUSH_TIMEOUT) -> int:
    """Replace named graph ``graph`` on a SPARQL Graph Store by the built map; returns bytes sent."""
    files = [p for p in (Path(out) / TURTLE, Path(out) / ANALYSIS) if p.exists()]
    if not files:
        raise ArgmapError(f"{Path(out) / TURTLE}: no built map here (run `argmap build` first)")
    turtle = b"".join(p.read_bytes() for p in files)  # one PUT: the graph is replaced at once
    endpoint.push(store_url, turtle, graph, auth=auth, timeout=timeout)
    return len(turtle)


def query_endpoint(
    sparql: str, url: str, *, graph: str | None = None, bindings: dict[str, str] | None = None,
    auth: endpoint.Auth | None = None, timeout: float = endpoint.QUERY_TIMEOUT,
) -> Result:
    """Run a SPARQL SELECT/ASK at a server's query endpoint; ``bindings`` as in :func:`query`."""
    iris = {name: value if "://" in value else str(iri_of(value))
            for name, value in (bindings or {}).items()}
    return endpoint.query(url, sparql, graph=graph, bindings=iris, auth=auth, timeout=timeout)


def _html(argmap: ArgMap, cruxes: Iterable[Any] | None, **_: Any) -> str:
    """The selection as its own offline crux map: the same view ``build`` writes."""
    return cruxmap.render(argmap, list(cruxes or ()))


# Every exporter takes the (selected) map and the keywords it needs of: focus (the selected
# claim/thesis id), cruxes (Crux objects or dicts) and name (a title for the document).
EXPORT_FORMATS: dict[str, Callable[..., str]] = {
    "json": lambda m, **_: json_format.dump(m),
    "turtle": lambda m, **_: rdf_format.dump_turtle(m),
    "trig": lambda m, name, **_: rdf_format.dump_trig(m, name=name),
    "jsonld": lambda m, **_: rdf_format.dump_jsonld(m),
    "nt": lambda m, **_: rdf_format.dump_nt(m),
    "argdown": lambda m, name, focus, **_: argdown_format.dump(m, title=name, focus=focus),
    "aif": lambda m, **_: aif_format.dump(m),
    "graphml": lambda m, cruxes, **_: graphml_format.dump(m, cruxes=cruxes),
    "md": lambda m, focus, cruxes, **_: brief_format.dump(m, focus=focus, cruxes=cruxes),
    "html": _html,
}


def export(
    argmap: ArgMap, fmt: str, *, focus: str | None = None, cruxes: Iterable[Any] | None = None,
    name: str | None = None,
) -> str:
    """The map (usually a :func:`select` result) in an exchange format.

    ``focus`` is the selected claim or thesis (the brief is written for it); ``cruxes`` adds
    crux scores (GraphML) and the open cruxes (brief); ``name`` titles the document.
    """
    if fmt not in EXPORT_FORMATS:
        raise ArgmapError(f"unknown export format {fmt!r} (expected one of: "
                          f"{', '.join(sorted(EXPORT_FORMATS))})")
    if focus is not None and not argmap.has(focus):
        raise ArgmapError(f"no claim or thesis {focus!r} in the map to export")
    return EXPORT_FORMATS[fmt](argmap, focus=focus, cruxes=cruxes, name=name or focus or "argmap")


def authors_by_thesis(argmap: ArgMap) -> dict[str, set[str]]:
    """Which authors' claims reach each thesis through support/attack paths."""
    author = {c.id: c.author for c in argmap.claims}
    upstream = graph_upstream(argmap, (t.id for t in argmap.theses))
    return {t: {author[c] for c in claims} for t, claims in upstream.items()}
