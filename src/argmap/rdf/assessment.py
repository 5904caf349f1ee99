"""The crux analysis as RDF, apart from the map: its own file (graph/analysis.ttl), terms, method.

The vocabulary (README, "The analysis as RDF"; SHACL shapes in ``shapes/analysis.ttl``):
``argmap:CruxAnalysis`` (a ``prov:Activity`` with the semantics and parameters),
``argmap:ThesisAssessment`` per thesis (method, candidates, convergence, Dung labels, its
``argmap:Standing`` per viewpoint with each declared stance's ``argmap:verdict``, its
``argmap:Fidelity`` per basis), ``argmap:Crux`` for every ranked claim (the whole ranking) and
``argmap:DoubleCrux`` per author pair.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef

from argmap.analysis import CruxReport
from argmap.analyze import DungCheck, MapAnalysis
from argmap.rdf.triples import Block, Lit, Term, iri_of
from argmap.rdf.turtle import write_turtle
from argmap.rdf.vocab import ARGMAP, PROV, RDF, XSD, node_iri


def to_turtle(analysis: MapAnalysis, top: int | None = None) -> str:
    """The analysis as Turtle (graph/analysis.ttl): subjects, predicates and objects sorted.

    Written by the map's own Turtle writer: at 100k claims rdflib's Graph and serializer spent
    about a minute on the analysis's ~100k triples.
    """
    return write_turtle(to_triples(analysis, top).blocks())


class Triples:
    """The analysis's triples as plain strings grouped by subject, in a fixed order."""

    def __init__(self) -> None:
        self._by_subject: dict[str, dict[str, set[Term]]] = {}

    def add(self, triple: tuple[URIRef, URIRef, URIRef | Literal]) -> None:
        s, p, o = triple
        term: Term = str(o) if isinstance(o, URIRef) else Lit(str(o), str(o.datatype) if o.datatype else None)
        self._by_subject.setdefault(str(s), {}).setdefault(str(p), set()).add(term)

    def blocks(self) -> Iterator[Block]:
        for s in sorted(self._by_subject):
            props = self._by_subject[s]
            yield s, [(p, sorted(props[p], key=_order)) for p in sorted(props)]


def _order(o: Term) -> tuple[int, str, str]:
    return (0, o, "") if isinstance(o, str) else (1, o.lexical, o.datatype or "")


def to_triples(analysis: MapAnalysis, top: int | None = None) -> Triples:
    """The analysis as RDF, apart from the map: its own file, own terms, method recorded.

    One ``argmap:CruxAnalysis`` activity (PROV) carries the semantics and parameters and the
    stance fidelity over all theses; each thesis gets its standings per viewpoint (with the
    verdict on every declared stance), its fidelity, its whole crux ranking (or the ``top``)
    and its authors' double cruxes. Numbers are rounded to 6 decimals so that builds on
    different machines give the same bytes.
    """
    g = Triples()
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
        _add_thesis_report(g, run, report, analysis, top)
    _add_fidelity(g, run, analysis.fidelity(), run.rsplit("/", 1)[1], "all")
    for s in analysis.stances:
        if s.basis == "override":
            g.add((run, ARGMAP.usedOverride, node_iri("position", s.author, s.target)))
    return g


def _add_thesis_report(g: Triples, run: URIRef, report: CruxReport, analysis: MapAnalysis,
                       top: int | None) -> None:
    check: DungCheck | None = analysis.dung.get(report.thesis)
    t = iri_of(report.thesis)
    sem = run.rsplit("/", 1)[1]
    res = node_iri("analysis", "result", sem, report.thesis)
    g.add((res, RDF.type, ARGMAP.ThesisAssessment))
    g.add((res, PROV.wasGeneratedBy, run))
    g.add((res, ARGMAP.thesis, t))
    g.add((res, ARGMAP.method, Literal(report.method)))
    g.add((res, ARGMAP.candidates, Literal(report.candidates, datatype=XSD.integer)))
    g.add((res, ARGMAP.converged, Literal(report.converged)))
    verdicts = {v.author: v for v in report.verdicts}
    for view, value in sorted(report.standings.items()):
        st = node_iri("analysis", "standing", sem, report.thesis, view)
        g.add((res, ARGMAP.standing, st))
        g.add((st, RDF.type, ARGMAP.Standing))
        g.add((st, ARGMAP.viewpoint, Literal(view) if view in ("neutral", "pooled")
               else node_iri("author", view)))
        g.add((st, ARGMAP.strength, _dec(value)))
        v = verdicts.get(view)
        if v is not None:
            g.add((st, ARGMAP.declaredStance, ARGMAP.accept if v.declared > 0 else ARGMAP.reject))
            g.add((st, ARGMAP.basis, ARGMAP[analysis.basis(view, report.thesis) or "stated"]))
            g.add((st, ARGMAP.verdict, ARGMAP[v.status]))
            if v.explanation:
                g.add((st, ARGMAP.explanation, Literal(v.explanation)))
    _add_fidelity(g, res, analysis.fidelity(report.thesis), sem, report.thesis)
    if check is not None:
        g.add((res, ARGMAP.groundedLabel, Literal(check.grounded)))
        if check.credulous is not None:
            g.add((res, ARGMAP.credulouslyAccepted, Literal(check.credulous)))
            g.add((res, ARGMAP.scepticallyAccepted, Literal(check.sceptical)))
    for crux in report.cruxes[:top]:
        c = node_iri("analysis", "crux", sem, report.thesis, crux.claim)
        g.add((c, RDF.type, ARGMAP.Crux))
        g.add((c, PROV.wasGeneratedBy, run))
        g.add((c, ARGMAP.thesis, t))
        g.add((c, ARGMAP.claim, iri_of(crux.claim)))
        g.add((c, ARGMAP.rank, Literal(crux.rank, datatype=XSD.integer)))
        for key in ("score", "swing", "contest", "emove"):
            g.add((c, ARGMAP[key], _dec(getattr(crux, key))))
        g.add((c, ARGMAP.ifTrue, _dec(crux.sigma_hi)))
        g.add((c, ARGMAP.ifFalse, _dec(crux.sigma_lo)))
        g.add((c, ARGMAP.explanation, Literal(crux.explanation)))
        g.add((c, ARGMAP.converged, Literal(crux.converged)))
    for pair in report.pairs:
        for dc in pair.double:
            d = node_iri("analysis", "double-crux", sem, report.thesis,
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


def _add_fidelity(g: Triples, owner: URIRef, found: dict, sem: str, scope: str) -> None:
    """Stance fidelity by basis, as ``argmap:Fidelity`` nodes hung on ``owner``."""
    for basis, f in found.items():
        node = node_iri("analysis", "fidelity", sem, scope, basis)
        g.add((owner, ARGMAP.fidelity, node))
        g.add((node, RDF.type, ARGMAP.Fidelity))
        g.add((node, ARGMAP.basis, ARGMAP[basis]))
        for key, value in (("declaredCount", f.declared), ("reproducedCount", f.reproduced),
                           ("contradictedCount", f.contradicted), ("underivedCount", f.underived)):
            g.add((node, ARGMAP[key], Literal(value, datatype=XSD.nonNegativeInteger)))
        if f.share is not None:
            g.add((node, ARGMAP.share, _dec(f.share)))
        if f.derivable_share is not None:
            g.add((node, ARGMAP.derivableShare, _dec(f.derivable_share)))


def _dec(value: float) -> Literal:
    rounded = Decimal(f"{value:.6f}").normalize()
    return Literal(rounded if rounded else Decimal(0), datatype=XSD.decimal)  # no "-0"
