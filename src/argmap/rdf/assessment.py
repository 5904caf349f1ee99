"""The crux analysis as RDF, apart from the map: its own file (graph/analysis.ttl), terms, method."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from argmap.analysis import CruxReport
from argmap.analyze import DungCheck, MapAnalysis
from argmap.rdf.triples import iri_of
from argmap.rdf.vocab import ARGMAP, PREFIXES, PROV, RDF, XSD, node_iri


def to_rdf(analysis: MapAnalysis, top: int = 50) -> Graph:
    """The analysis as RDF, apart from the map: its own file, own terms, method recorded.

    One ``argmap:CruxAnalysis`` activity (PROV) carries the semantics and parameters; each
    thesis gets its standings per viewpoint, its top cruxes and its authors' double cruxes.
    Numbers are rounded to 6 decimals so that builds on different machines give the same bytes.
    """
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    run = node_iri("analysis", analysis.semantics)
    g.add((run, RDF.type, ARGMAP.CruxAnalysis))
    g.add((run, RDF.type, PROV.Activity))
    g.add((run, ARGMAP.semantics, Literal(analysis.semantics)))
    for report in analysis.reports.values():
        g.add((run, ARGMAP.kappa, _dec(report.kappa)))
        g.add((run, ARGMAP.clampLow, _dec(report.clamp[0])))
        g.add((run, ARGMAP.clampHigh, _dec(report.clamp[1])))
        g.add((run, ARGMAP.tolerance, Literal(repr(report.tolerance), datatype=XSD.double)))
        if report.damping is not None:
            g.add((run, ARGMAP.damping, _dec(report.damping)))
        for key, value in sorted(report.parameters.items()):
            head, *rest = key.split("_")
            g.add((run, ARGMAP[head + "".join(w.title() for w in rest)], _dec(value)))
        _add_thesis_report(g, run, report, analysis.dung.get(report.thesis), top)
    for s in analysis.stances:
        if s.basis == "override":
            g.add((run, ARGMAP.usedOverride, node_iri("position", s.author, s.target)))
    return g


def _add_thesis_report(g: Graph, run: URIRef, report: CruxReport, check: DungCheck | None,
                       top: int) -> None:
    t = iri_of(report.thesis)
    res = node_iri("analysis", "result", run.rsplit("/", 1)[1], report.thesis)
    g.add((res, RDF.type, ARGMAP.ThesisAssessment))
    g.add((res, PROV.wasGeneratedBy, run))
    g.add((res, ARGMAP.thesis, t))
    g.add((res, ARGMAP.method, Literal(report.method)))
    g.add((res, ARGMAP.candidates, Literal(report.candidates, datatype=XSD.integer)))
    g.add((res, ARGMAP.converged, Literal(report.converged)))
    for view, value in sorted(report.standings.items()):
        st = node_iri("analysis", "standing", run.rsplit("/", 1)[1], report.thesis, view)
        g.add((res, ARGMAP.standing, st))
        g.add((st, ARGMAP.viewpoint, Literal(view) if view in ("neutral", "pooled")
               else node_iri("author", view)))
        g.add((st, ARGMAP.strength, _dec(value)))
    if check is not None:
        g.add((res, ARGMAP.groundedLabel, Literal(check.grounded)))
        if check.credulous is not None:
            g.add((res, ARGMAP.credulouslyAccepted, Literal(check.credulous)))
            g.add((res, ARGMAP.scepticallyAccepted, Literal(check.sceptical)))
    for crux in report.cruxes[:top]:
        c = node_iri("analysis", "crux", run.rsplit("/", 1)[1], report.thesis, crux.claim)
        g.add((c, RDF.type, ARGMAP.Crux))
        g.add((c, PROV.wasGeneratedBy, run))
        g.add((c, ARGMAP.thesis, t))
        g.add((c, ARGMAP.claim, iri_of(crux.claim)))
        g.add((c, ARGMAP.rank, Literal(crux.rank, datatype=XSD.integer)))
        for key in ("score", "swing", "contest", "emove"):
            g.add((c, ARGMAP[key], _dec(getattr(crux, key))))
        g.add((c, ARGMAP.explanation, Literal(crux.explanation)))
        g.add((c, ARGMAP.converged, Literal(crux.converged)))
    for pair in report.pairs:
        for dc in pair.double:
            d = node_iri("analysis", "double-crux", run.rsplit("/", 1)[1], report.thesis,
                         dc.author_a, dc.author_b, dc.claim)
            g.add((d, RDF.type, ARGMAP.DoubleCrux))
            g.add((d, PROV.wasGeneratedBy, run))
            g.add((d, ARGMAP.thesis, t))
            g.add((d, ARGMAP.claim, iri_of(dc.claim)))
            g.add((d, ARGMAP.between, node_iri("author", dc.author_a)))
            g.add((d, ARGMAP.between, node_iri("author", dc.author_b)))
            g.add((d, ARGMAP.rank, Literal(dc.rank, datatype=XSD.integer)))
            g.add((d, ARGMAP.score, _dec(dc.score)))
            g.add((d, ARGMAP.gap, _dec(dc.gap)))
            g.add((d, ARGMAP.explanation, Literal(dc.explanation)))


def _dec(value: float) -> Literal:
    return Literal(Decimal(f"{value:.6f}").normalize() if value else Decimal(0),
                   datatype=XSD.decimal)
