"""The Python API: every verb of the ``argmap`` command, callable from a notebook.

The CLI is argument parsing and printing over these functions, so whatever ``argmap X`` does,
``api.X`` does with the same result. Heavy libraries (rdflib, pyoxigraph, scipy, pyvis, spaCy)
are imported by the verbs that need them, so ``import argmap.api`` is cheap.

>>> from argmap import api
>>> m = api.load_map("sources")                    # a validated, typed ArgMap
>>> m.claim("lambert.ai-2027-very-unlikely").author
'lambert'
>>> top = api.cruxes(m, thesis="thesis.ie-soon", top=3)
>>> [c.rank for c in top]
[1, 2, 3]
>>> brief = api.export(m, "md", thesis="thesis.ie-soon")   # what `argmap export` writes
>>> brief.startswith("# Brief: Automating AI research")
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import ArgmapError, UsageError
from argmap.model import PROVENANCE_WORDS, SOURCE_KINDS, ArgMap, Author
from argmap.query.results import FORMATS as QUERY_FORMATS

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

    from argmap.analysis import Crux, DoubleCrux
    from argmap.analyze import Between, MapAnalysis, Matrix, Partner
    from argmap.draft.batch import DraftReport
    from argmap.draft.drafter import Draft
    from argmap.export.aif import AifGraph
    from argmap.query.named import NamedQuery
    from argmap.query.remote import Auth
    from argmap.query.results import Result
    from argmap.sources.accept import AcceptReport
    from argmap.sources.synth import SynthReport

__all__ = [
    "ArgMap", "BuildReport", "Stats", "accept", "add", "add_many", "analyze", "between", "between_all",
    "build", "check", "crux", "cruxes", "cruxes_json", "double_cruxes", "draft", "draft_text", "export",
    "find_author", "load_map", "matrix", "named_queries", "push", "query", "query_endpoint", "select",
    "stats", "synth", "to_graph", "to_networkx",
]

ENGINES = ("oxigraph", "rdflib")
QUERY_TIMEOUT = 600.0  # seconds a local query may run (--timeout); generous: rdflib is slow
SEMANTICS = ("qe", "dfquad")  # the first is the default (see docs/crux-method.md)
__all__ += ["ENGINES", "PROVENANCE_WORDS", "QUERY_FORMATS", "QUERY_TIMEOUT", "SEMANTICS", "SOURCE_KINDS", "auth",
            "binary_formats",
            "export_formats", "map_graph_iri",
            "read_aif", "render", "save", "staleness_warning"]


# --- reading and checking a map ---------------------------------------------------------------


def load_map(sources: Path | str = "sources") -> ArgMap:
    """Read and validate a sources folder; raises ``AnnotationError`` listing every problem.

    >>> api.load_map("sources").source("lambert").kind
    'essay'
    """
    from argmap.sources.loader import load_map as load

    return load(sources)


@dataclass(frozen=True)
class Stats:
    """The counts a curator checks after every build."""

    sources: int
    claims_per_source: dict[str, int]
    theses: int
    relations: int
    cross_source_relations: int
    positions: int
    unconnected_claims: tuple[str, ...]
    authors_per_thesis: dict[str, int]

    @property
    def claims(self) -> int:
        return sum(self.claims_per_source.values())

    def lines(self) -> list[str]:
        out = [f"{n:4d} claims  {source}" for source, n in self.claims_per_source.items()]
        reached = sum(1 for n in self.authors_per_thesis.values() if n >= 3)
        out += [
            f"{self.claims:4d} claims in all, {self.theses} theses, {self.positions} declared positions",
            f"{self.relations:4d} relations, {self.cross_source_relations} across sources",
            f"{reached:4d} of {self.theses} theses reached by claims of at least 3 authors",
        ]
        if self.unconnected_claims:
            out.append(f"{len(self.unconnected_claims):4d} claims in no relation: "
                       + ", ".join(self.unconnected_claims[:10])
                       + (" …" if len(self.unconnected_claims) > 10 else ""))
        return out


def stats(argmap: ArgMap) -> Stats:
    """Counts per source, relations across sources, and how many authors reach each thesis.

    >>> s = api.stats(api.load_map("sources"))
    >>> s.sources, s.theses
    (5, 10)
    """
    from argmap.digraph import upstream

    source_of = {c.id: c.source for c in argmap.claims}
    cross = sum(1 for r in argmap.relations
                if r.target in source_of and source_of[r.source] != source_of[r.target])
    connected = {r.source for r in argmap.relations} | {r.target for r in argmap.relations}
    author = {c.id: c.author for c in argmap.claims}
    reach = upstream(argmap, (t.id for t in argmap.theses))
    return Stats(
        sources=len(argmap.sources),
        claims_per_source=dict(sorted(Counter(c.source for c in argmap.claims).items())),
        theses=len(argmap.theses),
        relations=len(argmap.relations),
        cross_source_relations=cross,
        positions=len(argmap.positions),
        unconnected_claims=tuple(c.id for c in argmap.claims if c.id not in connected),
        authors_per_thesis={t: len({author[c] for c in claims}) for t, claims in reach.items()},
    )


def check(sources: Path | str = "sources") -> ArgMap:
    """Validate a sources folder (what ``argmap check`` does); returns the map when it is valid.

    >>> len(api.check("sources").sources)
    5
    """
    return load_map(sources)


def find_author(argmap: ArgMap, key: str) -> Author:
    """The author whose id, or whose full name (case and outer spaces ignored), is ``key``.

    >>> m = api.load_map("sources")
    >>> api.find_author(m, " andrej karpathy").id
    'karpathy'
    """
    from argmap.select import find_author as find

    return find(argmap, key)


# --- building ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildReport:
    written: tuple[Path, ...]
    stats: Stats


def build(sources: Path | str = "sources", out: Path | str = "graph", *,
          store: Path | str | None = None) -> BuildReport:
    """Validate ``sources`` and write the built map into ``out``; nothing is written on error.

    Writes argmap.ttl, analysis.ttl, cruxes.md, cruxmap.html and manifest.json (see
    :mod:`argmap.build`). ``store``: also bulk-load the Turtle into an on-disk Oxigraph store.
    """
    from argmap import build as builder

    argmap = load_map(sources)
    outputs = builder.render(argmap, analyze(argmap))
    written = builder.write(Path(out), outputs, builder.sources_digest(Path(sources)))
    if store is not None:
        from argmap.query.disk import fill

        fill(store, [Path(out) / builder.TURTLE, Path(out) / builder.ANALYSIS])
    return BuildReport(tuple(written), stats(argmap))


# --- cruxes -----------------------------------------------------------------------------------


def analyze(
    argmap: ArgMap, *, thesis: str | None = None, semantics: str = "qe",
    stances: Path | str | None = None, stated_only: bool = False,
    between: tuple[str, str] | None = None,
) -> MapAnalysis:
    """The crux analysis of a map: per thesis, standings, ranked cruxes, double cruxes.

    ``stances`` is a YAML file of positions that override the map's; ``stated_only`` drops the
    inferred ones; ``between`` (two author ids or names) analyses that pair's double cruxes
    instead of each thesis's most engaged disagreeing pairs. See docs/crux-method.md.

    >>> a = api.analyze(api.load_map("sources"), thesis="thesis.ie-soon")
    >>> list(a.reports)
    ['thesis.ie-soon']
    """
    from argmap import analyze as engine
    from argmap.sources.loader import load_positions

    _check_thesis(argmap, thesis)
    pair = (find_author(argmap, between[0]).id, find_author(argmap, between[1]).id) if between else None
    overrides = load_positions(Path(stances), argmap) if stances else ()
    return engine.analyze(argmap, thesis=thesis, semantics=semantics, overrides=overrides,
                          stated_only=stated_only, between=pair)


def cruxes(argmap: ArgMap, *, thesis: str | None = None, top: int | None = None,
           analysis: MapAnalysis | None = None, **options: Any) -> list[Crux]:
    """Cruxes best first: one thesis's ranking, or every thesis's #1, then every #2, …

    ``options`` go to :func:`analyze` when no ``analysis`` is given.

    >>> ranked = api.cruxes(api.load_map("sources"))
    >>> {c.rank for c in ranked[:10]}   # ten theses: each one's #1 comes first
    {1}
    """
    _check_top(top)
    return _analysis(argmap, analysis, thesis, **options).ranked(thesis, top)


def crux(argmap: ArgMap, rank: int, *, thesis: str | None = None,
         analysis: MapAnalysis | None = None) -> Crux:
    """The crux of ``rank`` (1-based) as :func:`cruxes` numbers them.

    >>> c = api.crux(api.load_map("sources"), 1, thesis="thesis.ie-soon")
    >>> c.rank, c.thesis
    (1, 'thesis.ie-soon')
    """
    if rank < 1:
        raise ArgmapError(f"crux ranks start at 1, not {rank}")
    ranked = cruxes(argmap, thesis=thesis, analysis=analysis)
    if rank > len(ranked):
        raise ArgmapError(f"no crux of rank {rank} (there are {len(ranked)}; see `argmap cruxes`)")
    return ranked[rank - 1]


def double_cruxes(argmap: ArgMap, a: str, b: str, *, top: int | None = None,
                  **options: Any) -> list[DoubleCrux]:
    """Double cruxes of two authors (ids or names) on every thesis they disagree on, best first.

    >>> dcs = api.double_cruxes(api.load_map("sources"), "karpathy", "Leopold Aschenbrenner")
    >>> all({d.author_a, d.author_b} == {"karpathy", "aschenbrenner"} for d in dcs)
    True
    """
    _check_top(top)
    analysis = analyze(argmap, between=(a, b), **options)
    pair = {find_author(argmap, a).id, find_author(argmap, b).id}
    found = [dc for r in analysis.reports.values() for p in r.pairs
             if {p.author_a, p.author_b} == pair for dc in p.double]
    found.sort(key=lambda dc: (-dc.score, dc.thesis, dc.claim))
    return found[:top]


def cruxes_json(argmap: ArgMap, *, thesis: str | None = None, top: int | None = None,
                analysis: MapAnalysis | None = None, **options: Any) -> dict[str, Any]:
    """What ``argmap cruxes --format json`` prints: ``theses``, each with its standings,
    declared stances, stance fidelity and ``top`` cruxes (None: all); see the README.

    >>> doc = api.cruxes_json(api.load_map("sources"), thesis="thesis.ie-soon", top=2)
    >>> [t["id"] for t in doc["theses"]], len(doc["theses"][0]["cruxes"])
    (['thesis.ie-soon'], 2)
    >>> doc["theses"][0]["declared"]["aschenbrenner"]
    {'stance': 'accept', 'basis': 'stated'}
    """
    from argmap.analyze import cruxes_json as shape

    _check_top(top)
    analysis = _analysis(argmap, analysis, thesis, **options)
    if thesis is not None:  # a whole map's analysis given: this thesis only, as analyze(thesis=) gives
        analysis = replace(analysis, reports={thesis: analysis.reports[thesis]})
    return shape(argmap, analysis, top)


def _check_thesis(argmap: ArgMap, thesis: str | None) -> None:
    """Refuse a thesis id the map does not have (None passes), naming the ones it has."""
    if thesis is not None and not any(t.id == thesis for t in argmap.theses):
        raise ArgmapError(f"no thesis {thesis!r} (theses: {', '.join(t.id for t in argmap.theses)})")


def _analysis(argmap: ArgMap, analysis: MapAnalysis | None, thesis: str | None,
              **options: Any) -> MapAnalysis:
    """``analysis`` when it covers ``thesis`` (a notebook reuses one), else a new analysis."""
    if analysis is None:
        return analyze(argmap, thesis=thesis, **options)
    if thesis is not None and thesis not in analysis.reports:
        _check_thesis(argmap, thesis)
        raise ArgmapError(f"the analysis given covers {', '.join(analysis.reports)}, not {thesis!r}: pass "
                          f"api.analyze(m) (every thesis) or api.analyze(m, thesis={thesis!r})")
    return analysis


def _check_top(top: int | None) -> None:
    """Refuse a negative ``top``: as a slice it would silently drop the last cruxes instead."""
    if top is not None and top < 0:
        raise ArgmapError(f"top must be 0 or more, not {top}")


def _partner(argmap: ArgMap, semantics: str = "qe", stances: Path | str | None = None,
             stated_only: bool = False) -> Partner:
    from argmap.analyze import Partner
    from argmap.sources.loader import load_positions

    overrides = load_positions(Path(stances), argmap) if stances else ()
    return Partner(argmap, semantics=semantics, overrides=overrides, stated_only=stated_only)


def between(argmap: ArgMap, a: str, b: str, *, thesis: str | None = None, **options: Any) -> Between:
    """Every point where two authors (ids or names) part ways, by consequence
    (``argmap cruxes --between A B``); ``.as_dict(argmap)`` is its JSON. With ``thesis``, only
    the points tied to that thesis and the pair's sides on it.

    Points are claims they take opposite stances on, claims one declares that claims the other
    holds attack, and reasons one relies on that the other rejects or attacks, each with both authors'
    words, its thesis, the chain to it and how far settling it moves each one's standing.
    ``options``: ``semantics``, ``stances``, ``stated_only`` as for :func:`analyze`.

    >>> b = api.between(api.load_map("sources"), "karpathy", "Leopold Aschenbrenner")
    >>> b.authors, "thesis.ie-soon" in b.opposite_theses
    (('karpathy', 'aschenbrenner'), True)
    >>> sorted(b.as_dict()["points"][0])[:6]
    ['chain', 'claim', 'converged', 'double_crux', 'explanation', 'gist']
    """
    x, y = find_author(argmap, a).id, find_author(argmap, b).id
    if x == y:
        raise ArgmapError(f"{a!r} and {b!r} are the same author: --between needs two different authors")
    _check_thesis(argmap, thesis)
    found = _partner(argmap, **options).between(x, y)
    if thesis is None:
        return found
    return replace(found, points=tuple(p for p in found.points if p.thesis == thesis),
                   sides=tuple(s for s in found.sides if s.thesis == thesis))


def between_all(argmap: ArgMap, *, limit: int | None = None, **options: Any) -> list[Between]:
    """:func:`between` for every pair of authors who declare opposite stances on a thesis.

    The per-author and per-thesis solves are shared by all pairs. ``limit``: at most this many
    pairs, those of the most engaged authors.

    >>> pairs = api.between_all(api.load_map("sources"))
    >>> ("aschenbrenner", "karpathy") in {p.authors for p in pairs}
    True
    """
    partner = _partner(argmap, **options)
    return partner.between_many(partner.pairs(limit))


def matrix(argmap: ArgMap, thesis: str, *, top: int = 10, analysis: MapAnalysis | None = None,
           **options: Any) -> Matrix:
    """Talk to the City's author × crux table for a thesis's ``top`` cruxes
    (``argmap cruxes --matrix THESIS``): accepts / rejects / silent; ``.as_dict(argmap)``.

    >>> t = api.matrix(api.load_map("sources"), "thesis.ie-soon", top=3)
    >>> len(t.cruxes), {cell.stance for _, cells in t.rows for cell in cells} <= {"accepts", "rejects", "silent"}
    (3, True)
    """
    from argmap.analyze import matrix as table

    _check_thesis(argmap, thesis)
    _check_top(top)
    analysis = _analysis(argmap, analysis, thesis, **options)
    return table(argmap, analysis, thesis, top)  # the sides come from the analysis's own stances


# --- selecting and exporting ------------------------------------------------------------------


def select(argmap: ArgMap, *, claim: str | None = None, thesis: str | None = None,
           author: str | None = None, depth: int | None = None, side: str | None = None) -> ArgMap:
    """A debate-sized part of the map (see :mod:`argmap.select`).

    >>> part = api.select(api.load_map("sources"), claim="lambert.ai-2027-very-unlikely", depth=1)
    >>> part.has("lambert.ai-2027-very-unlikely")
    True
    """
    from argmap.select import select as cut

    return cut(argmap, claim=claim, thesis=thesis, author=author, depth=depth, side=side)


def export(
    argmap: ArgMap, fmt: str, *, claim: str | None = None, thesis: str | None = None,
    author: str | None = None, depth: int | None = None, side: str | None = None,
    crux: int | None = None, between: tuple[str, str] | None = None, max_points: int | None = None,
    name: str | None = None, analysis: MapAnalysis | None = None,
) -> str | bytes:
    """The map, or the part the arguments select, in format ``fmt`` (``argmap export``).

    With no selection the whole map is exported. ``crux`` selects the claim of that rank: in
    ``thesis``'s ranking when a thesis is given, else in the merged ranking (as ``argmap cruxes``
    numbers them), with the chain of links from it to its thesis. ``between`` (two authors)
    writes the versus brief: where they part ways (:func:`between`), optionally on
    ``thesis`` only. ``max_points``: points written out per side of a brief. Formats that show
    cruxes get the ranking limited to the selection. Ids are checked before any analysis runs.
    ``pdf`` is bytes, every other format text.

    >>> text = api.export(api.load_map("sources"), "json", claim="lambert.ai-2027-very-unlikely")
    >>> '"lambert.ai-2027-very-unlikely"' in text
    True
    """
    from argmap.export import get
    from argmap.select import chain, subset

    form = get(fmt)
    if max_points is not None and max_points < 0:
        raise ArgmapError(f"--max-points must be 0 or more, not {max_points}")
    if between is not None:
        return _versus(argmap, form, between, thesis=thesis, others=(claim, author, depth, side, crux))
    if crux is not None and claim is not None:
        raise UsageError("--crux selects a claim: give it without --claim")
    if crux is not None and crux < 1:
        raise ArgmapError(f"crux ranks start at 1, not {crux}")
    if crux is not None:
        _check_thesis(argmap, thesis)
    part = argmap
    if crux is None and any(x is not None for x in (claim, thesis, author, depth, side)):
        # ids and options are checked here, before the (slower) analysis
        part = select(argmap, claim=claim, thesis=thesis, author=author, depth=depth, side=side)
    chosen = None
    if crux is not None or form.needs_analysis:
        only = thesis if crux is not None else (part.theses[0].id if len(part.theses) == 1 else None)
        analysis = _analysis(argmap, analysis, only)
    if crux is not None:
        ranked = analysis.ranked(thesis)
        if crux > len(ranked):
            where = f"thesis {thesis!r} has" if thesis else "the map has"
            raise ArgmapError(f"no crux of rank {crux} ({where} {len(ranked)}; see `argmap cruxes`)")
        chosen = ranked[crux - 1]
        claim = chosen.claim
        near = select(argmap, claim=claim, author=author, depth=depth, side=side)
        path = chain(argmap, claim, chosen.thesis)  # the links from the crux to its thesis come along
        holder = find_author(argmap, author).id if author is not None else None
        part = subset(argmap, {c.id for c in near.claims} | {t.id for t in near.theses}
                      | {r.target for r in path}, author=holder)
    shown = standings = None
    if form.needs_analysis and analysis is not None:
        shown = [c for c in analysis.ranked() if part.has(c.claim) and part.has(c.thesis)]
        standings = {t: r.standings for t, r in analysis.reports.items() if part.has(t)}
    versus = None
    if "versus" in form.takes and analysis is not None:  # where the selection's authors part ways
        from argmap.analyze import Partner
        from argmap.export.report import PAIRS

        partner = Partner(argmap, analysis=analysis)
        versus = [b.as_dict(argmap) for b in partner.between_many(partner.pairs(PAIRS))]
    focus = claim or thesis
    return form.dump(part, focus=focus, cruxes=shown, standings=standings, crux=chosen, crux_number=crux,
                     max_points=max_points, side=side, name=name or focus or "argmap", versus=versus)


def _versus(argmap: ArgMap, form: Any, pair: tuple[str, str], *, thesis: str | None,
            others: tuple[Any, ...]) -> str | bytes:
    if any(x is not None for x in others):
        raise UsageError("--between compares two authors: give it without --claim, --crux, --author, "
                         "--depth or --side (--thesis limits it to one thesis)")
    if form.versus is None:
        from argmap.export import FORMATS

        kinds = ", ".join(n for n, f in FORMATS.items() if f.versus)
        raise ArgmapError(f"the versus brief is written as {kinds}, not {form.name!r}")
    return form.dump_versus(argmap, between(argmap, *pair, thesis=thesis).as_dict(argmap))


def export_formats() -> dict[str, str]:
    """Export format names → what each is (``argmap export --format``).

    >>> sorted(api.export_formats())[:4]
    ['aif', 'aifdb', 'argdown', 'brief-html']
    """
    from argmap.export import FORMATS

    return {name: f.description for name, f in FORMATS.items()}


def binary_formats() -> set[str]:
    """The export formats that are bytes, not text (``pdf``): written to a file, not a terminal.

    >>> api.binary_formats()
    {'pdf'}
    """
    from argmap.export import FORMATS

    return {name for name, f in FORMATS.items() if f.binary}


def read_aif(text: str | bytes) -> AifGraph:
    """An AIF JSON document (AIFdb, OVA, or our own export) as statements and relations.

    Linked premises and undercuts are reduced to binary support/attack as the microtexts do.
    """
    from argmap.export.aif import load

    return load(text)


def save(path: Path | str, text: str | bytes) -> None:
    """Write ``text`` (or a PDF's bytes) to ``path`` atomically: a crash never leaves a half-written file."""
    from argmap.files import write_atomic

    if Path(path).is_dir():
        raise ArgmapError(f"{path} is a folder: give the name of a file to write")
    write_atomic(Path(path), text)


def to_graph(argmap: ArgMap) -> Graph:
    """The map as an rdflib Graph (the triples of graph/argmap.ttl).

    >>> len(api.to_graph(api.load_map("sources"))) > 10_000
    True
    """
    from argmap.rdf.triples import to_graph as graph

    return graph(argmap)


def to_networkx(argmap: ArgMap, *, multigraph: bool = False) -> nx.DiGraph:
    """The map as a networkx DiGraph of claims and theses (see :mod:`argmap.digraph`).

    >>> g = api.to_networkx(api.load_map("sources"))
    >>> g.nodes["thesis.ie-soon"]["kind"]
    'thesis'
    """
    from argmap.digraph import to_networkx as convert

    return convert(argmap, multigraph=multigraph)


# --- querying ---------------------------------------------------------------------------------


def named_queries() -> dict[str, NamedQuery]:
    """The shipped SPARQL queries by name (``argmap query --list``).

    >>> "attacks" in api.named_queries()
    True
    """
    from argmap.query.named import named_queries as shipped

    return shipped()


def query(
    sparql: str, out: Path | str = "graph", *, engine: str = "oxigraph",
    bindings: dict[str, str] | None = None, store: Path | str | None = None,
    timeout: float | None = QUERY_TIMEOUT, allow_service: Sequence[str] = (),
) -> Result:
    """Run a SPARQL SELECT/ASK over the built map in ``out`` (``argmap query``).

    ``bindings`` maps a query variable to a claim or thesis id (or a full IRI); the value is
    bound as data, never pasted into the query text; a variable the query does not mention, or
    an id the map does not have, is an error naming it. ``store``: the on-disk Oxigraph store
    that ``build(store=...)`` filled, used instead of parsing the Turtle (the oxigraph engine
    only). ``timeout``: the query runs in a worker process that is stopped after this many
    seconds (None: in this process, unlimited). The query stays offline: ``SERVICE`` only to
    the IRIs in ``allow_service``, no ``FROM``, no updates.

    >>> r = api.query("SELECT ?g WHERE { ?c argmap:localId 'lambert.ai-2027-very-unlikely' ; rdfs:label ?g }")
    >>> r.rows[0][0].startswith("The AI 2027 scenario")
    True
    >>> api.query("SELECT ?who WHERE { ?who argmap:supports ?t }", bindings={"t": "lambert.nope"})
    Traceback (most recent call last):
    argmap.errors.ArgmapError: --bind t=lambert.nope: no claim or thesis 'lambert.nope' in the map
    """
    from argmap.build import ANALYSIS, TURTLE
    from argmap.parallel import DeadlineExceeded, call_with_deadline

    if engine not in ENGINES:
        raise ArgmapError(f"unknown engine {engine!r} (expected one of: {', '.join(ENGINES)})")
    if store is not None and engine != "oxigraph":
        raise UsageError("--store is an Oxigraph store: no --engine rdflib with it")
    iris = _iris(bindings)
    files = [Path(out) / TURTLE, Path(out) / ANALYSIS]
    ids = {name: value for name, value in (bindings or {}).items() if "://" not in value}

    def run() -> Result:
        from argmap.query.local import Engine

        if store is not None:
            from argmap.query.disk import open_store

            loaded = Engine.from_oxigraph(open_store(store, files))
        else:
            loaded = Engine(files, engine)
        for name, value in ids.items():
            if not loaded.has(iris[name]):
                raise ArgmapError(f"--bind {name}={value}: no claim or thesis {value!r} in the map")
        return loaded.select(sparql, iris, allow_service=allow_service)

    try:
        return call_with_deadline(run, timeout)
    except DeadlineExceeded:
        hint = "; the oxigraph engine is much faster" if engine == "rdflib" else ""
        raise ArgmapError(f"the query did not finish within {timeout:g} s and was stopped "
                          f"(--timeout SECONDS allows longer{hint})") from None


def render(result: Result, fmt: str = "table", *, wide: bool = True) -> str:
    """A query result as text (``argmap query --format``): an aligned table, CSV or TSV (W3C
    SPARQL CSV/TSV), or SPARQL 1.1 results JSON or XML. ``wide=False`` cuts table cells at 80
    characters (for a terminal).

    >>> print(api.render(api.query("ASK { ?c a argmap:Claim }"), "json"), end="")
    {
     "head": {},
     "boolean": true
    }
    """
    from argmap.query.results import TABLE_WIDTH
    from argmap.query.results import render as show

    return show(result, fmt, max_width=None if wide else TABLE_WIDTH)


def map_graph_iri(name: str = "argmap") -> str:
    """The IRI of the named graph the map is pushed into (and a TriG export names)."""
    from argmap.export.rdfsyntax import graph_iri

    return graph_iri(name)


def staleness_warning(out: Path | str = "graph", sources: Path | str = "sources") -> str | None:
    """A warning when ``out`` was built from other sources than ``sources`` holds now."""
    from argmap.build import staleness

    found = staleness(Path(out), Path(sources))
    return found.message(Path(out), Path(sources)) if found else None


def push(store_url: str, out: Path | str = "graph", *, graph: str | None = None,
         auth: Auth | None = None, timeout: float | None = None) -> int:
    """Replace a named graph on a SPARQL Graph Store by the built map; returns bytes sent.

    ``graph`` defaults to the map's own graph IRI (``id:map/argmap``).
    """
    from argmap.build import ANALYSIS, TURTLE
    from argmap.query import remote

    files = [p for p in (Path(out) / TURTLE, Path(out) / ANALYSIS) if p.exists()]
    if not files:
        raise ArgmapError(f"{Path(out) / TURTLE}: no built map here (run `argmap build` first)")
    turtle = b"".join(p.read_bytes() for p in files)  # one PUT: the graph is replaced at once
    remote.push(store_url, turtle, graph or map_graph_iri(), auth=auth,
                timeout=timeout or remote.PUSH_TIMEOUT)
    return len(turtle)


def query_endpoint(
    sparql: str, url: str, *, graph: str | None = None, bindings: dict[str, str] | None = None,
    auth: Auth | None = None, timeout: float | None = None, max_bytes: int | None = None,
) -> Result:
    """Run a SPARQL SELECT/ASK at a server's query endpoint; ``bindings`` as in :func:`query`.

    ``timeout``: the whole request's deadline (default 60 s); ``max_bytes``: the largest
    answer read (default 256 MiB).
    """
    from argmap.query import remote

    return remote.query(url, sparql, graph=graph, bindings=_iris(bindings), auth=auth,
                        timeout=timeout or remote.QUERY_TIMEOUT, max_bytes=max_bytes or remote.MAX_BYTES)


def auth(user: str, password: str, *, digest: bool = False) -> Auth:
    """HTTP credentials for :func:`push` and :func:`query_endpoint` (digest for Virtuoso)."""
    from argmap.query.remote import Auth

    return Auth(user, password, digest=digest)


def _iris(bindings: dict[str, str] | None) -> dict[str, str]:
    from argmap.rdf.vocab import node_ref

    return {name: value if "://" in value else
            node_ref("thesis" if value.startswith("thesis.") else "claim", value)
            for name, value in (bindings or {}).items()}


# --- new sources: add, draft, accept ----------------------------------------------------------


def add(path: Path | str, sources: Path | str = "sources", *, title: str | None = None,
        authors: str | Sequence[str], date: str | None = None, url: str | None = None,
        kind: str = "other", source_id: str | None = None, encoding: str | None = None) -> Path:
    """Clean a txt/md/html/pdf file and store it as a new source; returns its folder.

    The id is the first author's name and the title, slugged:

    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (tmp / "essay.txt").write_text("Progress will slow. Data is running out.\\n")
    >>> api.add(tmp / "essay.txt", tmp / "sources", title="An essay", authors="Jane Doe").name
    'jane-doe-an-essay'
    """
    from argmap.sources.add import add_source

    return add_source(path, sources, title=title, authors=authors, date=date, url=url, kind=kind,
                      source_id=source_id, encoding=encoding)


def add_many(paths: Sequence[Path | str], sources: Path | str = "sources", *,
             title: str | None = None, authors: str | Sequence[str], date: str | None = None,
             url: str | None = None, kind: str = "other", source_id: str | None = None,
             encoding: str | None = None) -> tuple[list[Path], list[str]]:
    """Add several files or folders in one run: (folders added, one error per file refused)."""
    from argmap.sources.add import add_sources

    if source_id and len(paths) > 1:
        raise UsageError("--id names one source: leave it out when adding several files")
    return add_sources(paths, sources, title=title, authors=authors, date=date, url=url, kind=kind,
                       source_id=source_id, encoding=encoding)


def draft(sources: Path | str = "sources", ids: Iterable[str] | str = "all", *,
          link: bool = False, progress: bool | None = None) -> list[DraftReport]:
    """Write ``draft.yaml`` for the given sources ("all": those without curated claims)."""
    from argmap.draft.batch import draft_sources

    return draft_sources(Path(sources), ids, link=link, progress=progress)


def draft_text(text: str, argmap: ArgMap | None = None, *, kind: str = "other") -> Draft:
    """Draft claims and relations for a text given as a string; nothing is read or written.

    What ``argmap draft`` proposes for a source, to look at before adding it: ``units`` are
    the proposed claims (``text[u.start:u.end] == u.text``, with ``kind``, ``confidence`` and the
    ``evidence`` for it), ``relations`` join them by index. ``argmap``: the map the text would
    join; its claims and theses feed the similarity features as they do for ``argmap draft``
    (without a map those are 0 and confidences lower). ``kind`` as for :func:`add`: an essay
    or book excerpt is one voice; in other kinds ``Name:`` lines are speaker turns.

    >>> d = api.draft_text("Scaling will not bring an intelligence explosion soon. Data is running "
    ...                    "out, because the web has been scraped. Synthetic data will not fill the gap, "
    ...                    "since models trained on their own outputs degrade.", kind="essay")
    >>> d.units[1].text, [u.kind for u in d.units]
    ('Data is running out, because the web has been scraped.', ['prediction', 'premise', 'prediction'])
    >>> [(r.source, r.type, r.target) for r in d.relations]
    [(1, 'support', 0), (2, 'support', 0)]
    """
    from argmap.draft.batch import ONE_VOICE, map_context
    from argmap.draft.drafter import draft_text as draft_one
    from argmap.draft.nlp import load_nlp

    if kind not in SOURCE_KINDS:
        raise ArgmapError(f"unknown kind {kind!r} (expected one of: {', '.join(SOURCE_KINDS)})")
    nlp = load_nlp()
    context = None
    if argmap is not None:
        claims = [{"gist": c.gist, "quote": c.quote} for c in argmap.claims]
        context = map_context(claims, [t.text for t in argmap.theses], frozenset(nlp.Defaults.stop_words))
    return draft_one(text, nlp, context=context, turns=kind not in ONE_VOICE)


def accept(sources: Path | str = "sources", ids: Iterable[str] | str = "all", *,
           ids_to_accept: Iterable[str] | None = None,
           min_confidence: float | None = None, by: str | None = None) -> list[AcceptReport]:
    """Move reviewed draft items into ``claims.yaml`` (appended; what is there stays); ``by``:
    the annotator the accepted relations are recorded as (default: the only one listed)."""
    from argmap.sources.accept import accept_drafts

    return accept_drafts(Path(sources), ids, ids_to_accept=ids_to_accept,
                         min_confidence=min_confidence, by=by)


def synth(out: Path | str, claims: int, seed: int = 0) -> SynthReport:
    """Write a synthetic sources folder of ``claims`` claims (scale tests and benchmarks)."""
    from argmap.sources.synth import synth as make

    return make(out, claims, seed)
