"""`argmap check`: every kind of bad input is named with its file and line, and exits 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.cli import main
from argmap.sources.loader import load_map
from tests.conftest import SOURCES, TINY_CLAIMS, TINY_TEXT, write_map


def check(sources: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", "--sources", str(sources)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_valid_map_passes_and_is_summarised(tiny_sources, capsys):
    code, out = check(tiny_sources, capsys)
    assert code == 0
    assert "1 sources, 1 theses, 3 claims, 4 relations, 1 positions" in out


def test_claims_are_anchored_at_their_exact_offsets(tiny_sources):
    m = load_map(tiny_sources)
    text = m.source("demo").text
    for claim in m.claims:
        assert text[claim.anchor.start:claim.anchor.end] == claim.quote
        assert text[:claim.anchor.start].endswith(claim.anchor.prefix)
        assert text[claim.anchor.end:].startswith(claim.anchor.suffix)


def test_quotes_match_across_line_breaks_and_quote_styles(tmp_path):
    text = "He said it’s “fine”\nand then left."
    claims = TINY_CLAIMS.replace('"error correction enables long horizons"',
                                 "'it''s \"fine\" and then left'")
    sources = write_map(tmp_path, claims, TINY_TEXT + text)
    claim = load_map(sources).claim("demo.error-correction")
    assert claim.quote == "it’s “fine”\nand then left"


def test_a_reported_view_is_attributed_to_its_author_and_reporter(tiny_sources):
    claim = load_map(tiny_sources).claim("demo.compounding")
    assert (claim.author, claim.reported_by) == ("lecun", "alice")


def test_own_claims_count_as_stated_acceptance(tiny_sources):
    stances = {(p.author, p.target): (p.stance, p.basis) for p in load_map(tiny_sources).stances()}
    assert stances[("alice", "demo.error-correction")] == ("accept", "stated")
    assert stances[("bob", "thesis.long-horizon")] == ("accept", "inferred")


BAD_INPUTS = [
    pytest.param('"error correction enables long horizons"', '"error correction enables short horizons"',
                 "/sources/demo/text.txt; the text matches up to 'error correction enables'",
                 id="quote-not-found"),
    pytest.param('"error correction enables long horizons"', '"long"',
                 "claims.yaml:11: ambiguous quote: found 3 times", id="ambiguous-quote"),
    pytest.param("id: demo.no-long-training", "id: demo.error-correction",
                 "claims.yaml:14: duplicate id 'demo.error-correction' (first defined at ", id="duplicate-id"),
    pytest.param("to: demo.compounding", "to: demo.nowhere",
                 "claims.yaml:20: dangling relation: 'to' 'demo.nowhere': no such claim or thesis",
                 id="dangling-relation"),
    pytest.param("type: attack\n    rationale: Correcting",
                 "type: refutes\n    rationale: Correcting",
                 "claims.yaml:21: unknown relation type 'refutes' (expected one of: support, attack)",
                 id="unknown-relation-type"),
    pytest.param("to: demo.compounding", "to: demo.error-correction",
                 "claims.yaml:19: self-loop: 'demo.error-correction' cannot attack itself",
                 id="self-loop"),
    pytest.param("    kind: position\n", "    kind: position\n  - id: [unclosed\n",
                 "claims.yaml:19: malformed YAML: expected ',' or ']', but got ':' "
                 "(while parsing a flow sequence started at line 18)", id="malformed-yaml"),
    pytest.param("    kind: position\n", "    kind: opinion\n",
                 "claims.yaml:17: unknown claim kind 'opinion'", id="unknown-kind"),
    pytest.param("    kind: position\n", "    kind: position\n    colour: red\n",
                 "claims.yaml:18: unknown field 'colour' in claim", id="unknown-field"),
    pytest.param("  - id: demo.no-long-training", "  - id: other.no-long-training",
                 "claims.yaml:14: claim id 'other.no-long-training' must look like 'demo.<slug>'",
                 id="id-outside-source"),
    pytest.param("author: lecun\n", "author: yann\n",
                 "claims.yaml:6: unknown author 'yann'", id="unknown-author"),
    pytest.param("  - author: bob", "  - author: bob\n    stance: maybe",
                 "claims.yaml:43: malformed YAML: duplicate key 'stance'", id="duplicate-key"),
]


@pytest.mark.parametrize(("old", "new", "message"), BAD_INPUTS)
def test_bad_input_is_reported_with_file_and_line(tmp_path, capsys, old, new, message):
    assert old in TINY_CLAIMS
    sources = write_map(tmp_path, TINY_CLAIMS.replace(old, new, 1))
    code, out = check(sources, capsys)
    assert code == 1
    assert message in out, out


def test_every_problem_is_reported_not_just_the_first(tmp_path, capsys):
    claims = TINY_CLAIMS.replace("type: support", "type: endorses", 1).replace(
        "to: thesis.long-horizon", "to: thesis.nope", 1)
    code, out = check(write_map(tmp_path, claims), capsys)
    assert code == 1
    assert "unknown relation type 'endorses'" in out
    assert "'to' 'thesis.nope'" in out
    assert "2 problem(s) found" in out


def test_occurrence_disambiguates_a_repeated_quote(tmp_path):
    claims = TINY_CLAIMS.replace('"error correction enables long horizons"', '"long"\n    occurrence: 2')
    claim = load_map(write_map(tmp_path, claims)).claim("demo.error-correction")
    assert claim.anchor.start == TINY_TEXT.index("long", TINY_TEXT.index("long") + 1)


def test_a_sentence_quoted_at_each_of_its_occurrences_is_searched_for_once(tmp_path):
    """A transcript repeating "Right." a thousand times must not make loading quadratic."""
    from argmap.sources.anchor import find_all

    n = 1000
    claims = "claims:\n" + "".join(
        f"  - id: demo.r{i}\n    gist: Right.\n    quote: Right.\n    kind: premise\n    occurrence: {i + 1}\n"
        for i in range(n))
    find_all.cache_clear()
    loaded = load_map(write_map(tmp_path, claims + "relations: []\n", "Right.\n" * n))
    assert sorted(c.anchor.start for c in loaded.claims) == [7 * i for i in range(n)]
    assert find_all.cache_info().misses == 1


def test_a_missing_sources_folder_is_an_error(tmp_path, capsys):
    code, out = check(tmp_path / "nope", capsys)
    assert code == 1
    assert "no such sources folder" in out


LAYOUT = """The title of the essay

First paragraph, which argues.
It goes on.

1. A section heading

Second paragraph: the claim is here.
"""


def test_a_quote_is_located_by_paragraph_and_section_as_a_reader_counts():
    from argmap.sources.anchor import make_anchor

    at = LAYOUT.index("the claim is here")
    a = make_anchor(LAYOUT, at, at + len("the claim is here"))
    assert (a.paragraph, a.line, a.section) == (4, 8, "1. A section heading")
    assert a.locator("essay") == "¶ 4, in “1. A section heading”"
    first = make_anchor(LAYOUT, LAYOUT.index("It goes"), LAYOUT.index("It goes") + 2)
    assert (first.paragraph, first.section) == (2, "The title of the essay")


def test_a_transcript_quote_is_located_by_section_and_sentence():
    m = load_map(SOURCES)
    claim = m.claim("karpathy-podcast.decade-of-agents")
    assert claim.anchor.section == "Introduction"
    assert claim.anchor.locator("transcript").startswith("“Introduction”, sentence ")


def test_a_text_without_blank_lines_counts_each_line_as_a_paragraph():
    from argmap.sources.anchor import make_anchor

    text = "Post one.\nPost two says this.\nPost three.\n"
    a = make_anchor(text, text.index("says"), text.index("says") + 4)
    assert (a.paragraph, a.section) == (2, None) and a.locator("forum-posts") == "¶ 2"


@pytest.mark.parametrize(("mistake", "said"), [
    (('quote: "error correction enables long horizons"', 'quote: "error correction enables long horizon-s"'),
     "quote not found"),
    (("  - id: demo.error-correction\n", "  - id: demo.error-correction\n    author: nobody\n"),
     "unknown author 'nobody'"),
])
def test_one_mistake_in_a_claim_is_one_error_not_one_per_reference_to_it(tmp_path, capsys, mistake, said):
    # a claim refused for its own mistake was reported again at every relation and position
    # naming it ("dangling relation … no such claim"), sending a newcomer after a typo that is not there
    claims = TINY_CLAIMS + ("  - author: lecun\n    on: demo.error-correction\n"
                            "    stance: reject\n    basis: stated\n")
    assert claims.count(mistake[0]) == 1
    code, out = check(write_map(tmp_path, claims.replace(*mistake)), capsys)
    assert code == 1 and said in out and "1 problem(s) found" in out
    assert "dangling" not in out


@pytest.mark.parametrize(("broken", "hint"), [
    ("claims:\n\t- id: demo.x\n", "indent with spaces, not tabs"),
    ("claims:\n  - id: demo.x\n    quote: Alice: studies show\n", "needs quotation marks around it"),
])
def test_the_commonest_yaml_mistakes_say_how_to_fix_them(tmp_path, capsys, broken, hint):
    code, out = check(write_map(tmp_path, broken), capsys)
    assert code == 1 and "claims.yaml:" in out and "malformed YAML" in out and hint in out


def test_an_id_one_typo_from_a_real_one_is_suggested(tmp_path, capsys):
    typo = TINY_CLAIMS.replace("to: thesis.long-horizon", "to: thesis.long-horizn")
    code, out = check(write_map(tmp_path, typo), capsys)
    assert code == 1
    assert "no such claim or thesis (did you mean 'thesis.long-horizon'?)" in out


def test_a_thesis_id_without_its_prefix_is_one_error_not_one_per_link_to_it(tmp_path, capsys):
    sources = write_map(tmp_path)
    theses = sources / "theses.yaml"
    theses.write_text(theses.read_text().replace("id: thesis.long-horizon", "id: long-horizon"))
    code, out = check(sources, capsys)
    assert code == 1 and "must look like 'thesis.<slug>'" in out and "1 problem(s) found" in out
