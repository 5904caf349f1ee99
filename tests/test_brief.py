"""The debate brief, read as a debater reads it: strongest points first, every link once, printable.

A hand-made debate with known swings pins the layout rules; the five-source map checks that every
selection keeps every relation and that the largest thesis prints on at most twelve A4 pages,
rendered by pandoc, a CommonMark parser and headless Chromium.
"""

from __future__ import annotations

import asyncio
import html
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from argmap import api
from argmap.cli import main
from argmap.errors import ArgmapError
from argmap.export import brief, printable
from argmap.export.mdtext import inline
from argmap.model import PROVENANCE_WORDS, Anchor, ArgMap, Author, Claim, Position, Relation, Source, Thesis
from argmap.sources.loader import load_map
from tests import peers
from tests.brief_reader import links, numbers
from tests.conftest import SOURCES

THESIS = "thesis.t"
TEXT = ("P-one says automation compounds. P-two says labs race. P-three says chips are cheap. "
        "Q-one says compute is scarce. Q-two says data runs out. R-one says races stall. "
        "R-two says cheap is not free. C-one says stalls end. C-two says they never stall. "
        "D-one says endings are slow. E-one says slow is fine. S-one says compounding is measured. "
        "U-one says nothing links here. ")
# claim → (author, swing on the thesis, contested?)
CLAIMS = {
    "p1": ("alice", 0.30, True), "p2": ("alice", 0.10, False), "p3": ("carol", 0.20, True),
    "q1": ("bob", -0.25, True), "q2": ("bob", -0.05, False), "r1": ("bob", -0.15, True),
    "r2": ("bob", -0.05, False), "c1": ("alice", 0.02, True), "c2": ("carol", 0.01, False),
    "d1": ("bob", -0.01, False), "e1": ("alice", 0.005, False), "s1": ("carol", 0.04, False),
}


def debate() -> ArgMap:
    """Three points for and two against a thesis, two rebuttals of p1, two counters, deeper replies."""
    def claim(cid: str, author: str) -> Claim:
        quote = {"p1": "P-one", "p2": "P-two", "p3": "P-three", "q1": "Q-one", "q2": "Q-two", "r1": "R-one",
                 "r2": "R-two", "c1": "C-one", "c2": "C-two", "d1": "D-one", "e1": "E-one",
                 "s1": "S-one"}.get(cid, "U-one")
        start = TEXT.index(quote)
        sentence = TEXT[start:TEXT.index(".", start)]
        return Claim(cid, f"Gist of {cid}: {sentence.split(' says ')[1]}.", "s", author, "premise",
                     Anchor(start, start + len(sentence), sentence, "", ""))

    def rel(source: str, target: str, kind: str, provenance: str = "inferred") -> Relation:
        return Relation(source, target, kind, f"Because {source} {kind}s {target}.", "s", provenance)

    return ArgMap(
        authors=(Author("alice", "Alice Able"), Author("bob", "Bob Baker"),
                 Author("carol", "Carol Cole (a reported view)")),
        sources=(Source("s", "The debate", ("alice", "bob"), "essay", TEXT),),
        theses=(Thesis(THESIS, "Automation explodes soon."),),
        claims=(*(claim(c, a) for c, (a, _, _) in CLAIMS.items()), claim("u1", "carol")),
        relations=(rel("p1", THESIS, "support", "stated"), rel("p2", THESIS, "support"),
                   rel("p3", THESIS, "support"), rel("q1", THESIS, "attack"), rel("q2", THESIS, "attack"),
                   rel("r2", "p1", "attack"), rel("r1", "p1", "attack"), rel("s1", "p1", "support"),
                   rel("c2", "r1", "attack"), rel("c1", "r1", "attack"), rel("d1", "c1", "attack"),
                   rel("e1", "d1", "attack"),
                   rel("q1", "p2", "attack")),
        positions=(Position("alice", THESIS, "accept", "stated", "s"),
                   Position("bob", THESIS, "reject", "inferred", "s")),
    )


def debate_cruxes() -> list[dict]:
    """Rank by score = |swing| × contest, as the engine does; uncontested claims score 0."""
    rows = [{"claim": c, "thesis": THESIS, "swing": s, "contest": 1.0 if k else 0.0,
             "score": abs(s) * (1.0 if k else 0.0), "n_for": 1, "n_against": 1 if k else 0,
             "explanation": f"Settling {c} moves the thesis by {abs(s):.2f}."}
            for c, (_, s, k) in CLAIMS.items()]
    rows.sort(key=lambda r: (-r["score"], -abs(r["swing"])))
    return [{**r, "rank": i} for i, r in enumerate(rows, 1)]


STANDINGS = {THESIS: {"alice": 0.8, "bob": 0.2, "pooled": 0.55, "neutral": 0.5}}


@pytest.fixture
def text() -> str:
    return brief.dump(debate(), focus=THESIS, cruxes=debate_cruxes(), standings=STANDINGS)


def section(text: str, heading: str) -> str:
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start: end if end > 0 else None]


def entry_order(part: str, m: ArgMap) -> list[str]:
    """The claims written out at the top level of a section, in order."""
    ids = {inline(c.gist): c.id for c in m.claims}
    return [ids[g] for g in re.findall(r"^- \*\*#\d+ (.*)\*\*\\$", part, re.M)]


def relation_counts(m: ArgMap) -> Counter[tuple[str, str, str]]:
    return Counter((r.source, r.type, r.target) for r in m.relations)


# --- the layout rules ---------------------------------------------------------------------------

def test_each_side_is_ranked_by_how_far_its_points_move_the_thesis(text):
    m = debate()
    assert entry_order(section(text, "The case for"), m) == ["p1", "p3", "p2"]
    assert entry_order(section(text, "The case against"), m) == ["q1", "q2"]
    assert text.index("## The case for") < text.index("## The case against")


def test_a_point_carries_its_strongest_rebuttal_and_the_counter_to_that(text):
    case_for = section(text, "The case for")
    p1 = case_for[: case_for.index("\n- **#", case_for.index("Gist of p1"))]
    assert "\n  - Rebuttal: **#" in p1 and "Gist of r1" in p1.split("Rebuttal: ")[1].splitlines()[0]
    assert "\n    - Counter: **#" in p1 and "Gist of c1" in p1.split("Counter: ")[1].splitlines()[0]
    also = {line.split("- Also ")[1]: len(line) - len(line.lstrip())
            for line in p1.splitlines() if "Also " in line}
    assert also == {  # each written claim's other links, at its own level: p1 (2), r1 (4), c1 (6)
        "attacked by: #8 *Gist of r2: cheap is not free.* (Bob Baker).": 2,
        "backed by: #9 *Gist of s1: compounding is measured.* (Carol Cole).": 2,
        "attacked by: #7 *Gist of c2: they never stall.* (Carol Cole).": 4,
        "attacked by: #6 *Gist of d1: endings are slow.* (Bob Baker).": 6}
    further = section(text, "Further links")  # what answers the reply to the counter: the appendix
    assert "- #6 (Bob Baker): attacked by #13 *Gist of e1: slow is fine.* (Alice Able)." in further


def test_every_relation_appears_exactly_once_and_no_claim_is_written_out_twice(text):
    m = debate()
    assert links(text, m) == relation_counts(m)
    written = re.findall(r"\*\*#(\d+) ", text)
    assert len(written) == len(set(written)) == text.count("> “")
    assert sorted(numbers(text, m).values()) == sorted(c.id for c in m.claims)


def test_a_point_of_the_other_side_is_referred_to_where_it_rebuts_not_repeated(text):
    case_for = section(text, "The case for")
    line = next(x for x in case_for.splitlines() if "Gist of q1" in x)
    assert line.startswith("  - Rebuttal: #") and line.endswith("a point of “The case against”.\\")
    assert "**#" in section(text, "The case against").split("Gist of q1")[0][-40:]  # written out there


def test_every_link_gives_its_rationale_and_says_who_drew_it(text):
    assert "Supports the thesis: Because p1 supports thesis.t. *(stated by the author)*" in text
    assert "Supports the thesis: Because p3 supports thesis.t. *(our reading)*" in text
    assert re.search(r"Attacks #\d+ \(Alice Able\): Because r1 attacks p1\. \*\(our reading\)\*", text)


def test_who_stands_where_gives_each_declared_stance_with_its_standing(text):
    stands = section(text, "Who stands where")
    assert "- **Alice Able** accepts it (stated); standing 0.80." in stands
    assert "- **Bob Baker** rejects it (our reading); standing 0.20." in stands
    assert "- No declared stance: Carol Cole." in stands  # the short name, no standing known
    assert "Every stance pooled: 0.55; the links alone: 0.50." in stands


def test_an_author_whose_reasons_do_not_reach_the_thesis_gets_no_standing_that_reads_neutral():
    # the analysis leaves such an author at exactly 0.5; printed, it read as a real, neutral standing
    standings = {THESIS: STANDINGS[THESIS] | {"bob": 0.5, "carol": 0.5}}
    stands = section(brief.dump(debate(), focus=THESIS, cruxes=debate_cruxes(), standings=standings),
                     "Who stands where")
    assert "- **Bob Baker** rejects it (our reading); no reasons in the map that reach it." in stands
    assert "- No declared stance and no reasons in the map that reach it: Carol Cole." in stands
    assert "0.50" not in stands.replace("the links alone: 0.50", "")


def test_the_top_cruxes_come_first_and_the_open_cruxes_are_the_contested_rest(text):
    top = section(text, "Top cruxes")
    assert [int(n) for n in re.findall(r"\*\*Crux (\d+):\*\*", top)] == [1, 2, 3]
    assert "Settling p1 moves the thesis by 0.30." in top
    rest = section(text, "Open cruxes")
    ranked = {r["claim"]: r for r in debate_cruxes()}
    listed = [int(n) for n in re.findall(r"\*\*Crux (\d+)\*\*", rest)]
    assert listed == [ranked[c]["rank"] for c in ("r1", "c1")]  # contested, beyond the top three
    assert not any(f"Gist of {c}" in rest for c in ("p2", "q2", "r2", "c2", "d1"))


def test_max_points_writes_out_that_many_per_side_and_lists_the_rest(tmp_path):
    text = brief.dump(debate(), focus=THESIS, cruxes=debate_cruxes(), max_points=1)
    assert entry_order(section(text, "The case for"), debate()) == ["p1"]
    rest = section(text, "The case for").split("2 more, weaker by swing")[1]
    assert rest.index("Gist of p3") < rest.index("Gist of p2")
    assert links(text, debate()) == relation_counts(debate())
    every = brief.dump(debate(), focus=THESIS, cruxes=debate_cruxes(), max_points=0)
    assert entry_order(section(every, "The case for"), debate()) == ["p1", "p3", "p2"]


def test_one_side_only(text):
    con = brief.dump(debate(), focus=THESIS, cruxes=debate_cruxes(), side="con")
    assert "## The case against" in con and "## The case for" not in con
    assert links(con, debate()) == relation_counts(debate())


def test_unlinked_claims_are_still_written_out(text):
    assert "Gist of u1" in section(text, "Not linked in this selection")
    assert "> “U-one says nothing links here”" in text


def test_the_brief_is_printable_no_tables_no_html_and_three_levels_at_most():
    m = load_map(SOURCES)
    text = api.export(m, "md", thesis="thesis.continual-learning-gap")
    lines = text.splitlines()
    assert not any(line.lstrip().startswith("|") for line in lines)
    assert not re.search(r"<[a-z/!]", text)
    indents = {len(line) - len(line.lstrip()) for line in lines if line.lstrip().startswith("- ")}
    assert max(indents) <= 4  # a point, its rebuttal, the counter


# --- the five-source map ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def five() -> ArgMap:
    return load_map(SOURCES)


@pytest.fixture(scope="module")
def analysis(five):
    return api.analyze(five)


def largest_thesis(m: ArgMap) -> str:
    """The thesis whose argument tree selects the most relations."""
    return max((t.id for t in m.theses), key=lambda t: (len(api.select(m, thesis=t).relations), t))


def test_every_thesis_brief_keeps_every_relation_of_its_selection_once(five, analysis):
    for t in five.theses:
        sub = api.select(five, thesis=t.id)
        text = api.export(five, "md", thesis=t.id, analysis=analysis)
        assert links(text, sub) == relation_counts(sub), t.id
        assert sorted(numbers(text, sub).values()) == sorted(c.id for c in sub.claims), t.id


@pytest.mark.parametrize("options", [
    {"claim": "aschenbrenner.ai-research-is-straightforward"},
    {"author": "Andrej Karpathy"},
    {"thesis": "thesis.ie-soon", "depth": 2, "side": "con"},
    {},
])
def test_other_selections_keep_every_relation_once(five, analysis, options):
    sub = api.select(five, **options) if options else five
    assert links(api.export(five, "md", analysis=analysis, **options), sub) == relation_counts(sub)


def test_a_concession_is_marked_as_one_wherever_the_brief_names_it(five, analysis):
    # "#65 *A million times more research labour …* (Leopold Aschenbrenner)" read as his position
    text = api.export(five, "md", thesis="thesis.ie-soon", analysis=analysis)
    named = {n: five.claim(c) for n, c in numbers(text, five).items()}
    marks = re.findall(r"#(\d+)(?: \*[^*]+\*)? \(([^)]*)\)", text)
    assert any(named[int(n)].kind == "concession" for n, _ in marks if int(n) in named)
    for n, who in marks:
        if int(n) in named:
            assert who.endswith(", a concession") == (named[int(n)].kind == "concession"), (n, who)


def test_a_written_point_shows_its_quote_author_source_and_id(five, analysis):
    text = api.export(five, "md", thesis="thesis.ie-soon", analysis=analysis)
    shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", MarkdownIt("commonmark").render(text))).split())
    for n, claim_id in numbers(text, five).items():
        if f"**#{n} " in text:
            c = five.claim(claim_id)
            assert f"“{' '.join(c.quote.split())}”" in shown
            assert f"`{claim_id}`" in text and five.source(c.source).title.split(":")[0] in text


@pytest.mark.parametrize("thesis", [None, "thesis.ie-soon"])
def test_a_crux_brief_is_numbered_as_the_ranking_shows_it(five, analysis, thesis, capsys):
    ranked = analysis.ranked(thesis)
    for number in (1, 3):
        text = api.export(five, "md", crux=number, thesis=thesis, analysis=analysis)
        crux = ranked[number - 1]
        assert text.startswith(f"# Crux {number}: {inline(five.claim(crux.claim).gist)}\n")
        assert f"rank {crux.rank} of its cruxes" in text and f"(`{crux.thesis}`)" in text
        chain = section(text, "How it reaches the thesis")
        assert chain.rstrip().endswith(f"*({PROVENANCE_WORDS['inferred']})*") or "stated" in chain
    args = ["export", "--sources", str(SOURCES), "--crux", "2", "--format", "md"]
    assert main([*args, *(["--thesis", thesis] if thesis else [])]) == 0
    assert capsys.readouterr().out.startswith(f"# Crux 2: {inline(five.claim(ranked[1].claim).gist)}")


def test_the_crux_brief_keeps_the_chain_to_its_thesis(five, analysis):
    crux = analysis.ranked("thesis.ie-soon")[1]
    text = api.export(five, "md", crux=2, thesis="thesis.ie-soon", analysis=analysis)
    from argmap.select import chain

    path = chain(five, crux.claim, crux.thesis)
    assert path and links(text, five)[(path[-1].source, path[-1].type, path[-1].target)] == 1


@pytest.mark.parametrize("reader", ["commonmark", "pandoc"])
def test_every_quote_renders_as_one_block_quote(five, analysis, reader):
    text = api.export(five, "md", thesis=largest_thesis(five), analysis=analysis)
    page = MarkdownIt("commonmark").render(text) if reader == "commonmark" else peers.pandoc_html(text)
    quotes = re.findall(r"<blockquote>\s*<p>(.*?)</p>\s*</blockquote>", page, re.S)
    written = re.findall(r"\*\*#\d+ ", text)
    assert len(quotes) == page.count("<blockquote") == len(written) == text.count("> “")
    known = {" ".join(c.quote.split()) for c in five.claims}
    for q in quotes:
        body = " ".join(html.unescape(re.sub(r"<[^>]+>", "", q)).split())[1:-1]  # within “ ”
        if reader == "pandoc":  # pandoc's smart punctuation curls apostrophes and joins dashes
            assert smart(body) in {smart(k) for k in known}, body
        else:
            assert body in known, body


def smart(text: str) -> str:
    """Text as pandoc's smart punctuation leaves it, reduced to plain ASCII punctuation."""
    plain = text.translate(str.maketrans({"’": "'", "‘": "'", "—": "-", "–": "-"}))
    return re.sub(r"-{2,3}", "-", plain.replace("…", "..."))


# --- print ---------------------------------------------------------------------------------------

def test_brief_html_is_a_print_page_with_no_script_and_no_fetch(five, analysis):
    page = api.export(five, "brief-html", thesis="thesis.continual-learning-gap", analysis=analysis)
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page.lower()
    assert "default-src 'none'" in page and not re.search(r"\b(src|href)=", page)
    assert page.count("<blockquote>") == api.export(five, "md", thesis="thesis.continual-learning-gap",
                                                    analysis=analysis).count("> “")
    assert '<section class="appendix">' in page and "<h2>Further links</h2>" in page


@pytest.mark.browser
def test_the_largest_thesis_prints_on_twelve_pages_at_most_with_numbered_pages_and_whole_quotes(
        five, analysis, tmp_path):
    peers.need_chromium()
    thesis = largest_thesis(five)
    assert thesis == "thesis.ie-soon"
    sub = api.select(five, thesis=thesis)
    text = api.export(five, "md", thesis=thesis, analysis=analysis)
    assert links(text, sub) == relation_counts(sub)  # every relation of the selection, in the PDF's text
    path = tmp_path / "brief.pdf"
    path.write_bytes(api.export(five, "pdf", thesis=thesis, analysis=analysis))
    pages = peers.pdf_pages(path)
    assert len(pages) <= 12, f"{len(pages)} pages"
    for n, page in enumerate(pages, 1):
        assert re.search(rf"^\s*{n}\s*/\s*{len(pages)}\s*$", page, re.M), f"no page number on page {n}"
    flat = [" ".join(p.split()) for p in pages]
    for claim_id in numbers(text, sub).values():
        quote = " ".join(five.claim(claim_id).quote.split())
        if f"“{inline(quote)}”" in text:  # written out: the whole quote stands on one page
            assert any(quote in p for p in flat), claim_id


@pytest.mark.browser
def test_the_same_brief_prints_to_the_same_bytes(tiny_sources, tmp_path):
    peers.need_chromium()
    m = load_map(tiny_sources)
    first = api.export(m, "pdf", thesis="thesis.long-horizon")
    assert first.startswith(b"%PDF-") and first == api.export(m, "pdf", thesis="thesis.long-horizon")
    target = tmp_path / "b.pdf"
    assert main(["export", "--sources", str(tiny_sources), "--thesis", "thesis.long-horizon",
                 "--format", "pdf", "-o", str(target)]) == 0
    assert target.read_bytes() == first


@pytest.mark.browser
def test_a_pdf_prints_from_inside_a_notebooks_event_loop(tiny_sources):
    peers.need_chromium()
    m = load_map(tiny_sources)

    async def in_a_notebook() -> bytes:
        return api.export(m, "pdf", thesis="thesis.long-horizon")

    assert asyncio.run(in_a_notebook()).startswith(b"%PDF-")


def test_pdf_without_playwright_is_an_error_naming_the_install_command(tiny_sources, monkeypatch):
    monkeypatch.setattr(printable, "CHROMIUM", Path(__file__))  # any file: the browser is not reached
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # import fails
    with pytest.raises(ArgmapError, match=re.escape("pip install 'argmap[pdf]'")):
        api.export(load_map(tiny_sources), "pdf", thesis="thesis.long-horizon")


def test_pdf_without_chromium_is_an_error_naming_the_install_command(tiny_sources, monkeypatch, capsys,
                                                                     tmp_path):
    monkeypatch.setattr(printable, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setattr(printable.shutil, "which", lambda name: None)
    with pytest.raises(ArgmapError, match="apt-get install chromium"):
        api.export(load_map(tiny_sources), "pdf", thesis="thesis.long-horizon")
    target = tmp_path / "b.pdf"
    assert main(["export", "--sources", str(tiny_sources), "--thesis", "thesis.long-horizon",
                 "--format", "pdf", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "sudo apt-get install chromium" in err and not target.exists()


def test_the_tiny_brief_reads_top_down(tiny_sources):
    lines = brief.dump(load_map(tiny_sources), focus="thesis.long-horizon").splitlines()
    point = lines.index("- **#1 Per-step errors compound, so long tasks fail.**\\")
    assert lines[point + 1] == ("  *Yann LeCun (reported by Alice Example)*, in “A demo essay” · "
                                "`demo.compounding` · premise")  # the kind: a concession is worth knowing
    assert lines[point + 2] == ""  # a block quote opens after a blank line, or pandoc prints the ">"
    assert lines[point + 3] == "  > “a model with per-step error e succeeds on n steps with (1-e)\\^n”"
    assert lines[point + 5] == ("  Supports the thesis: Compounding errors are the thesis's reason. "
                                "*(our reading)*")
    assert lines[point + 7] == "  - Rebuttal: **#2 Error correction lets agents run long horizons.**\\"
    assert lines.index("## The case for") < point < lines.index("## The case against")


def test_a_brief_of_several_theses_counts_for_each_what_leads_to_it(five, analysis):
    # an author's brief covers every thesis their claims reach; each thesis's line counted the
    # whole selection ("66 claims by 1 author, 98 links" under all ten)
    text = api.export(five, "md", author="karpathy", analysis=analysis)
    counts = re.findall(r"^Thesis `(thesis\.[\w-]+)`: (\d+) claims? by 1 author leads? to it over (\d+) links?\.",
                        text, re.M)
    assert len(counts) >= 5
    mine = {c.id for c in five.claims if c.author == "karpathy"}
    assert all(int(n) < len(mine) for _, n, _ in counts)
    assert len({(n, links) for _, n, links in counts}) > 1


def test_a_one_sided_brief_counts_what_leads_to_the_thesis_and_the_rest_of_its_side_apart(five, analysis):
    # the pro brief said "121 claims by 7 authors, 186 links" of a selection of 143 claims
    for side in ("pro", "con"):
        sub = api.select(five, thesis="thesis.ie-soon", side=side)
        text = api.export(five, "md", thesis="thesis.ie-soon", side=side, analysis=analysis)
        found = re.search(r"^Thesis `thesis\.ie-soon`: (\d+) claims by \d+ authors lead to it over \d+ links\. "
                          r"(\d+) more claims of this side reach it only through the other side's claims",
                          text, re.M)
        assert found is not None, side
        assert int(found.group(1)) + int(found.group(2)) == len(sub.claims)
