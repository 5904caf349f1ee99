"""The ``argmap`` command: a thin shell over :mod:`argmap.api`.

Exit codes: 0 success, 1 invalid input or a failed command (the message names the file and
line), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from argmap import api
from argmap.errors import AnnotationError, ArgmapError, UsageError

# C0 controls but tab, newline and carriage return (the progress bar's), DEL and the C1 controls:
# written to a terminal they move the cursor, recolour or retitle it. The bidi embeddings, overrides
# and isolates (U+202A-E, U+2066-9, the "Trojan Source" set) reorder the rest of the line on a
# terminal that lays out right-to-left text: a name ending in U+202E shows the matrix row after it
# backwards. Text from sources or a SPARQL server reaches a terminal escaped; query tables and quotes
# print its line breaks as spaces. The bidi marks (U+200E, U+200F, U+061C) pass: Arabic and Hebrew
# text uses them, and they reorder no letters.
_ESCAPED = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if c not in (0x09, 0x0A, 0x0D)}
_ESCAPED |= {c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


class _Terminal:
    """A terminal's stream that writes control characters as visible ``\\x1b`` escapes."""

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(_ESCAPED))  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (_Terminal(s) if s is not None and s.isatty() else s for s in streams)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = streams


def _run(argv: list[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except AnnotationError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return 1
    except UsageError as exc:
        parser.error(str(exc))
    except ArgmapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `argmap cruxes | head`: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's last flush cannot fail again
        return 1
    except OSError as exc:  # a read-only or full disk, a missing folder: the system's words, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="argmap", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run: Callable[[argparse.Namespace], int], help_text: str,
                out: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--sources", type=Path, default=Path("sources"), metavar="DIR",
                       help="the sources folder (default: sources/)")
        if out:
            p.add_argument("--out", type=Path, default=Path("graph"), metavar="DIR",
                           help="the built map's folder (default: graph/)")
        p.set_defaults(run=run)
        return p

    command("check", _check, "validate sources and annotations; exit 1 with file:line errors",
            out=False)
    b = command("build", _build, "build graph/argmap.ttl and graph/cruxmap.html from the sources")
    b.add_argument("--store", type=Path, metavar="DIR",
                   help="also bulk-load the map into an on-disk Oxigraph store here (e.g. graph/.store)")

    q = command("query", _query, "run SPARQL over the built map")
    q.add_argument("sparql", nargs="?", help="a SELECT or ASK query (standard prefixes are predefined)")
    q.add_argument("--named", metavar="NAME", help="run a shipped query (see --list)")
    q.add_argument("--file", type=Path, metavar="FILE", help="read the query from a .rq file")
    q.add_argument("--list", action="store_true", help="list the shipped queries")
    q.add_argument("--bind", action="append", default=[], metavar="VAR=ID",
                   help="bind ?VAR to a claim/thesis id or IRI (as data, not text)")
    q.add_argument("--format", choices=api.QUERY_FORMATS, default="table",
                   help="table (default), csv or tsv (W3C SPARQL CSV/TSV), json or xml "
                        "(SPARQL 1.1 query results)")
    q.add_argument("--wide", action="store_true",
                   help="never cut table cells (cut at 80 characters only on a terminal)")
    q.add_argument("--engine", choices=api.ENGINES, default="oxigraph")
    q.add_argument("--store", type=Path, metavar="DIR",
                   help="query the on-disk store `build --store DIR` filled, not the Turtle")
    q.add_argument("--allow-service", action="append", default=[], metavar="IRI",
                   help="let SERVICE call this SPARQL endpoint (local queries are offline otherwise)")
    q.add_argument("--max-size", type=float, metavar="MB",
                   help="with --endpoint: refuse an answer larger than this (default 256 MB)")
    _server_options(q, "a SPARQL 1.1 query endpoint to ask instead of the local map "
                       "(e.g. http://host:7878/query)",
                    timeout_help=f"stop the query after this long (local default {api.QUERY_TIMEOUT:g} s, "
                                 "endpoint default 60 s for the whole request)")

    p = command("push", _push, "put the built map into a named graph of a SPARQL server "
                               "(Graph Store Protocol PUT: replaces that graph)")
    _server_options(p, "the server's Graph Store endpoint (e.g. http://host:7878/store)",
                    required=True)

    s = sub.add_parser("synth", help="write a synthetic sources folder of N claims (scale tests)",
                       description="write a synthetic sources folder of N claims (scale tests)")
    s.add_argument("--claims", type=int, required=True, metavar="N")
    s.add_argument("--seed", type=int, default=0, metavar="S")
    s.add_argument("--out", type=Path, required=True, metavar="DIR",
                   help="the folder to write (a synthetic map it wrote before is replaced)")
    s.set_defaults(run=_synth)

    c = command("cruxes", _cruxes, "rank the claims each thesis hinges on; where two authors part ways")
    c.add_argument("--thesis", metavar="ID", help="one thesis (default: all, merged by score)")
    which = c.add_mutually_exclusive_group()
    which.add_argument("--between", nargs=2, metavar="AUTHOR",
                       help="every point where two authors (ids or names) part ways, by consequence")
    which.add_argument("--matrix", metavar="THESIS",
                       help="who accepts, rejects or is silent on a thesis's top cruxes")
    c.add_argument("--semantics", choices=api.SEMANTICS, default=api.SEMANTICS[0],
                   help=f"gradual semantics (default: {api.SEMANTICS[0]}; see docs/crux-method.md)")
    c.add_argument("--top", type=_count_arg, metavar="N",
                   help="how many (default: 10 cruxes, per thesis in JSON; every point of --between; "
                        "0 = all)")
    c.add_argument("--stances", type=Path, metavar="FILE",
                   help="YAML 'positions:' that override the map's stances")
    c.add_argument("--stated-only", action="store_true", help="ignore inferred stances")
    c.add_argument("--format", choices=("table", "json"), default="table")

    a = command("add", _add, "clean txt/md/html/pdf files (or folders of them) and store each as a new source",
                out=False)
    a.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    a.add_argument("--title", help="the source's title (one file; default: the document's own)")
    a.add_argument("--author", required=True, action="append", dest="authors",
                   help="author id or name (repeat for several)")
    a.add_argument("--date", help="ISO date: YYYY-MM-DD, YYYY-MM or YYYY")
    a.add_argument("--url")
    a.add_argument("--kind", choices=api.SOURCE_KINDS, default="other")
    a.add_argument("--id", dest="source_id",
                   help="source id (one file; default: author and title, e.g. jane-doe-an-essay)")
    a.add_argument("--encoding", help="the file's encoding when it is not UTF-8")

    d = command("draft", _draft, "draft claims and relations for sources with spaCy (draft.yaml)",
                out=False)
    d.add_argument("ids", nargs="*", metavar="SOURCE_ID")
    d.add_argument("--all", action="store_true", help="every source without curated claims")
    d.add_argument("--link", action="store_true", help="also propose links to claims in the map")

    ac = command("accept", _accept, "move reviewed draft items into claims.yaml", out=False)
    ac.add_argument("ids", nargs="*", metavar="SOURCE_ID")
    ac.add_argument("--all", action="store_true", help="every source with a draft")
    ac.add_argument("--ids", dest="accept_ids", nargs="+", metavar="ID",
                    help="claim ids (or relations as from--type--to) to accept")
    ac.add_argument("--min-confidence", type=float, metavar="X")
    ac.add_argument("--by", metavar="ANNOTATOR",
                    help="who the accepted relations are recorded as (an id of 'annotators' in authors.yaml;"
                         " default: the only one listed)")

    e = command("export", _export, "export the map or a part of it (see docs/debate-prep.md)")
    what = e.add_mutually_exclusive_group()
    what.add_argument("--all", action="store_true", help="the whole map")
    what.add_argument("--claim", metavar="ID", help="a claim and its neighbourhood (default depth 2)")
    what.add_argument("--between", nargs=2, metavar="AUTHOR",
                      help="the versus brief: where two authors (ids or names) part ways")
    e.add_argument("--thesis", metavar="ID",
                   help="a thesis and its whole argument tree (or --depth hops around it); with --crux, "
                        "its ranking; with --between, only this thesis")
    e.add_argument("--crux", type=int, metavar="RANK",
                   help="the crux of this rank (in --thesis's ranking, else in `argmap cruxes`) "
                        "and its neighbourhood")
    e.add_argument("--author", metavar="NAME", help="only this author's claims (an id or a full name)")
    e.add_argument("--depth", type=int, metavar="N", help="support/attack hops around the focus")
    e.add_argument("--side", choices=("pro", "con"),
                   help="only claims arguing for (pro) or against (con) the focus")
    e.add_argument("--max-points", type=int, metavar="N",
                   help="brief: points written out in full per side (default 5; 0 = all; the rest are listed)")
    e.add_argument("--format", required=True, metavar="FMT",
                   help=f"one of: {', '.join(sorted(api.export_formats()))} (md = debate brief, "
                        "brief-html = it as a page to print, pdf = it printed; html = crux map)")
    e.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here, not to stdout")
    return parser


def _count_arg(text: str) -> int:
    """A whole number of 0 or more (argparse's ``type``): ``--top -2`` is a usage error."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {n}")
    return n


def _check(args: argparse.Namespace) -> int:
    argmap = api.check(args.sources)
    print(f"ok: {len(argmap.sources)} sources, {len(argmap.theses)} theses, "
          f"{len(argmap.claims)} claims, {len(argmap.relations)} relations, "
          f"{len(argmap.positions)} positions")
    return 0


def _server_options(p: argparse.ArgumentParser, endpoint_help: str, required: bool = False,
                    timeout_help: str = "give up after this long (the whole request)") -> None:
    p.add_argument("--endpoint", metavar="URL", required=required, help=endpoint_help)
    p.add_argument("--graph", metavar="IRI",
                   help="the named graph (push default: the map's id:map/argmap graph; "
                        "query default: the server's default graph)")
    p.add_argument("--user", metavar="U", help="HTTP user (password from --password or $ARGMAP_PASSWORD)")
    p.add_argument("--password", metavar="P")
    p.add_argument("--auth-digest", action="store_true", help="HTTP digest auth (Virtuoso), not basic")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help=timeout_help)


def _auth(args: argparse.Namespace) -> api.Auth | None:
    if args.user is None:
        if args.password or args.auth_digest:
            raise UsageError("--password/--auth-digest need --user")
        return None
    password = args.password if args.password is not None else os.environ.get("ARGMAP_PASSWORD", "")
    return api.auth(args.user, password, digest=args.auth_digest)


def _push(args: argparse.Namespace) -> int:
    _warn_if_stale(args)
    size = api.push(args.endpoint, args.out, graph=args.graph, auth=_auth(args), timeout=args.timeout)
    print(f"pushed {size:,} bytes of Turtle into <{args.graph or api.map_graph_iri()}> at {args.endpoint}")
    return 0


def _synth(args: argparse.Namespace) -> int:
    report = api.synth(args.out, args.claims, args.seed)
    print(f"wrote {args.out}: {report.claims} claims in {report.sources} sources, "
          f"{report.relations} relations, {report.positions} positions, {report.authors} authors, "
          f"{report.theses} theses")
    return 0


def _build(args: argparse.Namespace) -> int:
    report = api.build(args.sources, args.out, store=args.store)
    print("\n".join(report.stats.lines()))
    for path in report.written:
        print(f"wrote {path}")
    return 0


def _warn_if_stale(args: argparse.Namespace) -> None:
    warning = api.staleness_warning(args.out, args.sources)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)


def _query(args: argparse.Namespace) -> int:
    shipped = api.named_queries()
    if args.list:
        for query in shipped.values():
            print(f"{query.name:30s} {query.title}")
        return 0
    given = [x for x in (args.sparql, args.named, args.file) if x]
    if len(given) != 1:
        raise UsageError("give exactly one of: a query, --named NAME, --file FILE")
    if args.named:
        if args.named not in shipped:
            raise ArgmapError(f"no shipped query named {args.named!r} (argmap query --list shows "
                              f"{', '.join(shipped)})")
        text = shipped[args.named].text
    elif args.file:
        try:
            text = args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ArgmapError(f"{args.file}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    else:
        text = args.sparql
        if "{" not in text and (text.endswith((".rq", ".sparql")) or Path(text).is_file()):
            raise UsageError(f"{text!r} looks like a file, not a query: pass it with --file {text}")
    bindings = {}
    for item in args.bind:
        name, sep, value = item.partition("=")
        if not sep or not name or not value:
            raise UsageError(f"--bind {item!r}: expected VAR=ID")
        bindings[name.lstrip("?")] = value
    if args.timeout is not None and args.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    if args.endpoint:
        if args.store or args.engine != "oxigraph" or args.allow_service:
            raise UsageError("--endpoint queries the server: no --store, --engine or --allow-service with it")
        max_bytes = None if args.max_size is None else int(args.max_size * 2**20)
        if max_bytes is not None and max_bytes <= 0:
            raise UsageError("--max-size must be a positive number of megabytes")
        result = api.query_endpoint(text, args.endpoint, graph=args.graph, bindings=bindings,
                                    auth=_auth(args), timeout=args.timeout, max_bytes=max_bytes)
    else:
        if args.max_size is not None:
            raise UsageError("--max-size limits an endpoint's answer: it needs --endpoint")
        _warn_if_stale(args)
        result = api.query(text, args.out, engine=args.engine, bindings=bindings, store=args.store,
                           timeout=args.timeout or api.QUERY_TIMEOUT, allow_service=args.allow_service)
    sys.stdout.write(api.render(result, args.format, wide=args.wide or not sys.stdout.isatty()))
    return 0


def _cruxes(args: argparse.Namespace) -> int:
    argmap = api.load_map(args.sources)
    options = {"semantics": args.semantics, "stances": args.stances, "stated_only": args.stated_only}
    if args.between:
        return _between(argmap, args, options)
    if args.matrix:
        return _matrix(argmap, args, options)
    top = 10 if args.top is None else args.top or None
    if args.format == "json":
        _print_json(api.cruxes_json(argmap, thesis=args.thesis, top=top, **options))
        return 0
    ranked = api.cruxes(argmap, thesis=args.thesis, top=top, **options)
    if not ranked:
        print("no cruxes")
    for i, c in enumerate(ranked, 1):
        rank = i if args.thesis is None else c.rank
        print(f"{rank:3d}. {c.claim}  →  {c.thesis}  (score {c.score:.3f}, swing {c.swing:+.3f}, "
              f"contest {c.contest:.3f})")
        print(f"     {c.explanation}")
    return 0


BASIS = {"derived": "derived", "supports": "claims they hold support it",
         "attacks": "claims they hold attack it", "relies": "their reasons raise it"}


def _between(argmap: api.ArgMap, args: argparse.Namespace, options: dict) -> int:
    found = api.between(argmap, *args.between, thesis=args.thesis, **options)
    points = found.points[: args.top or None]
    if args.format == "json":
        doc = found.as_dict(argmap)
        keep = {p.claim for p in points}
        doc["points"] = [p for p in doc["points"] if p["claim"] in keep]
        _print_json(doc)
        return 0
    a, b = found.authors
    name = found.names.get
    kinds = {k: sum(p.kind == k for p in found.points) for k in ("stance", "attack", "reason")}
    doubles = sum(p.double_crux for p in found.points)
    print(f"{name(a, a)} and {name(b, b)} part ways on {_count(len(found.points), 'point')} "
          f"({_count(kinds['stance'], 'opposite stance')}, {_count(kinds['attack'], 'attack')}, "
          f"{_count(kinds['reason'], 'disputed reason')}; {_count(doubles, 'strict double crux', 'es')}).")
    sides = [s for s in found.sides if s.opposite]
    if sides:
        print("Opposite sides on:")
    def how(author: str, target: str, basis: str | None) -> str:
        return argmap.how_declared(author, target) if basis == "declared" else BASIS.get(basis, basis)

    for s in sides:
        print(f"  {s.thesis}: {name(a, a)} {_stance(s.a)} ({how(a, s.thesis, s.a_basis)}, "
              f"{_standing(s.standing_a, s.a_reasons)}), {name(b, b)} {_stance(s.b)} "
              f"({how(b, s.thesis, s.b_basis)}, {_standing(s.standing_b, s.b_reasons)})")
    for i, p in enumerate(points, 1):
        dc = ", strict double crux" if p.double_crux else ""
        print(f"\n{i:3d}. [{p.kind}] {p.claim}  →  {p.thesis or 'no thesis'}  "
              f"(consequence {p.score:.3f}{dc})")
        for h in (p.a, p.b):
            words = ": no quote in the map"
            if h.quote:
                by = argmap.claim(h.quote.claim).reported_by
                said = f", words of {name(by, by)} reporting the view" if by else ""
                words = f": “{' '.join(h.quote.text.split())}” ({h.quote.claim}{said})"
            print(f"     {name(h.author, h.author)} {h.side} it ({how(h.author, p.claim, h.basis)}){words}")
            link = argmap.link(h.quote.claim, p.claim) if h.quote and h.quote.claim != p.claim else None
            if link is not None:  # the words are of their own claim: how it bears, in whose reading
                reading = api.PROVENANCE_WORDS.get(link.provenance, link.provenance)
                print(f"       their claim {link.type}s it ({reading}): {' '.join(link.rationale.split())}")
        if p.chain:
            print("     chain: " + p.chain[0][0] + "".join(f" —{r}→ {t}" for _, r, t in p.chain))
        print(f"     {p.explanation}")
    return 0


def _count(n: int, noun: str, plural: str = "s") -> str:
    return f"{n} {noun}{plural if n != 1 else ''}"


def _standing(value: float, reasons: bool) -> str:
    return f"standing {value:.2f}" if reasons else "no reasons in the map"


def _stance(sign: int) -> str:
    return {1: "accepts", -1: "rejects"}.get(sign, "has no side")


def _matrix(argmap: api.ArgMap, args: argparse.Namespace, options: dict) -> int:
    if args.thesis and args.thesis != args.matrix:
        raise UsageError("--matrix names its thesis: no --thesis with it")
    table = api.matrix(argmap, args.matrix, top=10 if args.top is None else args.top or 10**9,
                       **options)
    if args.format == "json":
        _print_json(table.as_dict(argmap))
        return 0
    mark = {("accepts", "declared"): "A", ("rejects", "declared"): "R", ("accepts", "supports"): "a",
            ("rejects", "attacks"): "r"}
    print(f"Who holds what on the top {len(table.cruxes)} cruxes of {table.thesis} "
          f"(A accepts, R rejects, a/r implied by claims the author holds, · silent):")
    for c in table.cruxes:
        print(f"  {c.rank:2d}. {c.claim}: {argmap.claim(c.claim).gist}")
    names = [table.names.get(a, a) for a, _ in table.rows]
    width = max([len(n) for n in names] + [6])
    print("\n" + "author".ljust(width) + "  " + " ".join(f"{c.rank:>2d}" for c in table.cruxes))
    for n, (_, cells) in zip(names, table.rows, strict=True):
        print(n.ljust(width) + "  " + " ".join(f"{mark.get((x.stance, x.basis), '·'):>2s}" for x in cells))
    return 0


def _print_json(doc: object) -> None:
    print(json.dumps(doc, ensure_ascii=False, indent=2))


def _add(args: argparse.Namespace) -> int:
    added, errors = api.add_many(args.paths, args.sources, title=args.title, authors=args.authors,
                                 date=args.date, url=args.url, kind=args.kind,
                                 source_id=args.source_id, encoding=args.encoding)
    for folder in added:
        print(f"added {folder}")
    for message in errors:
        print(f"error: {message}", file=sys.stderr)
    return 1 if errors else 0


def _which(args: argparse.Namespace) -> list[str] | str:
    if bool(args.ids) == bool(args.all):
        raise UsageError("give source ids or --all (not both)")
    return "all" if args.all else args.ids


def _draft(args: argparse.Namespace) -> int:
    reports = api.draft(args.sources, _which(args), link=args.link)
    if not reports:  # --all found nothing: say so rather than exit in silence
        print("nothing to draft: every source has curated claims (claims.yaml); name a source to draft it again")
    for r in reports:
        links = f" ({r.links} of them links to the map)" if r.links else ""
        print(f"{r.path}: {_count(r.claims, 'claim')}, {_count(r.relations, 'relation')}{links}"
              f" ({r.seconds:.1f} s)")
        if r.kept_edits:
            print(f"  your edited draft.yaml was kept; the new draft is {r.path.name} beside it, and accept "
                  f"reads draft.yaml only: copy into it what you want from {r.path.name}")
        for warning in r.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return 0


def _accept(args: argparse.Namespace) -> int:
    for r in api.accept(args.sources, _which(args), ids_to_accept=args.accept_ids,
                        min_confidence=args.min_confidence, by=args.by):
        print(f"{r.source}: accepted {_count(len(r.claims), 'claim')} and {_count(r.relations, 'relation')}; "
              f"{_count(r.remaining_claims, 'claim')} and {_count(r.remaining_relations, 'relation')} "
              "left in the draft")
        for why in r.skipped:
            print(f"  skipped {why}")
        for note in r.notes:
            print(f"  note: {note}")
    return 0


def _export(args: argparse.Namespace) -> int:
    if not (args.all or args.claim or args.thesis or args.author or args.crux is not None or args.between):
        raise ArgmapError("say what to export: --all, --claim ID, --thesis ID, --crux RANK, "
                          "--author NAME or --between A B")
    if args.all and (args.thesis or args.crux is not None):
        raise UsageError("--all exports the whole map: no --thesis or --crux with it")
    if args.claim and (args.thesis or args.crux is not None):
        raise UsageError("--claim is the focus: no --thesis or --crux with it")
    if args.output is None and args.format in api.binary_formats() and sys.stdout.isatty():
        raise UsageError(f"--format {args.format} is binary: write it to a file with -o FILE")
    data = api.export(api.load_map(args.sources), args.format, claim=args.claim,
                      thesis=args.thesis, author=args.author, depth=args.depth, side=args.side,
                      crux=args.crux, between=tuple(args.between) if args.between else None,
                      max_points=args.max_points)
    if args.output:
        api.save(args.output, data)
    elif isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
