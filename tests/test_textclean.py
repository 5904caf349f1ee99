"""Specification of the reusable text clean-up (argmap.sources.textclean)."""

from __future__ import annotations

from argmap.sources.textclean import (
    clean_text,
    count_suspicious,
    detect_lossy_marker,
    em_dashes_from_triple_hyphens,
    html_to_text,
    join_pdf_hyphens,
    normalize_whitespace,
    repair_encoding,
    repair_lossy_mojibake,
    split_front_matter,
    strip_attribute_spans,
    strip_fenced_divs,
    strip_markdown_emphasis,
    strip_markdown_escapes,
    strip_markdown_headings,
    strip_markdown_html,
    strip_markdown_links,
    unwrap_hard_wraps,
)

# --- encoding -------------------------------------------------------------------------


def test_repair_encoding_fixes_complete_mojibake_and_keeps_curly_quotes() -> None:
    text, n = repair_encoding("Full transcript \u00e2\u20ac\u201d “it’s” here")
    assert text == "Full transcript \u2014 “it’s” here"
    assert n >= 1


def test_repair_encoding_leaves_clean_text_alone() -> None:
    clean = "He said “don’t” — and left."
    assert repair_encoding(clean) == (clean, 0)


def test_lossy_mojibake_contractions_become_apostrophes() -> None:
    text, n = repair_lossy_mojibake("We\u00e2re sure it\u00e2s fine and they don\u00e2t care.")
    assert text == "We’re sure it’s fine and they don’t care."
    assert n == 3


def test_lossy_mojibake_quotes_dashes_and_ranges() -> None:
    raw = (
        "the \u00e2unhobbling\u00e2 gains, obstacles\u00e2but it\u00e2s 3\u00e26 OOMs "
        "(compute)\u00e2with 1000x\u00e2\u015a and the labs\u00e2 edge. That\u00e2s it."
    )
    text, _ = repair_lossy_mojibake(raw)
    assert text == (
        "the “unhobbling” gains, obstacles—but it’s 3–6 OOMs (compute)—with 1000x… and the labs’ edge. That’s it."
    )


def test_lossy_mojibake_closes_an_open_quote_inside_a_word() -> None:
    raw = "the purportedly \u0101RSI\u0101pilled labs don\u0101t and it\u0101s"
    assert repair_lossy_mojibake(raw)[0] == "the purportedly “RSI”pilled labs don’t and it’s"


def test_lossy_mojibake_unclosable_opening_marker_is_a_dash() -> None:
    raw = "\u00e2none of that matters, and it\u00e2s true that we\u00e2re late"
    assert repair_lossy_mojibake(raw)[0].startswith("—none of that matters")


def test_lossy_mojibake_needs_its_signature_and_spares_real_french() -> None:
    french = "Le château et l’âge d’or, à côté du théâtre."
    assert detect_lossy_marker(french) is None
    assert repair_lossy_mojibake(french) == (french, 0)


def test_lossy_mojibake_turns_braille_bullet_into_bullet() -> None:
    raw = "it\u00e2s so. \u28a0 Rather, we don\u00e2t"
    assert "\u2022 Rather" in repair_lossy_mojibake(raw)[0]


def test_count_suspicious_counts_markers_and_replacement_chars() -> None:
    assert count_suspicious("don\u00e2t \u0101 \ufffd \u0085 ok") == 4
    assert count_suspicious("don’t — “fine”") == 0


# --- PDF hyphens and wrapping ---------------------------------------------------------


def test_pdf_hyphen_joins_split_words() -> None:
    text, joined, kept = join_pdf_hyphens("the training com- pute and hu- mans")
    assert text == "the training compute and humans"
    assert (joined, kept) == (2, [])


def test_pdf_hyphen_keeps_real_compounds() -> None:
    raw = "a drop- in worker, AGI- level security, chip-on-wafer- on-substrate, long-horizon agents"
    text, joined, kept = join_pdf_hyphens(raw)
    assert text == "a drop-in worker, AGI-level security, chip-on-wafer-on-substrate, long-horizon agents"
    assert joined == 0
    assert kept == ["drop-in", "AGI-level", "wafer-on"]


def test_pdf_hyphen_uses_the_document_as_lexicon() -> None:
    raw = "a state- of art model; state-of art models; feed- back and feedback"
    text, _, _ = join_pdf_hyphens(raw)
    assert text == "a state-of art model; state-of art models; feedback and feedback"


def test_pdf_hyphen_leaves_suspended_hyphens_and_skipped_breaks() -> None:
    raw = "pre- and post-training; issue of align- work, these"
    assert join_pdf_hyphens(raw, skip=["align- work"])[0] == raw


def test_unwrap_joins_mid_sentence_breaks_only() -> None:
    raw = "everything that we had before\nis much worse.\nI'm optimistic.\n\n## Heading\nNext line"
    text, n = unwrap_hard_wraps(raw)
    assert text == "everything that we had before is much worse.\nI'm optimistic.\n\n## Heading\nNext line"
    assert n == 1


def test_normalize_whitespace() -> None:
    raw = "\n\nline one  with\u00a0spaces   \r\n\r\n\r\n\n  line two\t\n\n"
    text, n = normalize_whitespace(raw)
    assert text == "line one with spaces\n\nline two\n"
    assert n >= 2


# --- HTML and markdown ----------------------------------------------------------------


def test_html_to_text_keeps_the_words_of_inline_tags() -> None:
    raw = '<i>Based on a </i><a target="_blank" href="https://x.com/a">thread</a> <i>I posted.</i>'
    text, n = html_to_text(raw)
    assert text == "Based on a thread I posted."
    assert n == 6


def test_html_to_text_breaks_blocks_and_drops_scripts() -> None:
    text, _ = html_to_text("<p>One &amp; two</p><script>x()</script><p>Three</p>")
    assert normalize_whitespace(text)[0] == "One & two\n\nThree\n"


def test_html_to_text_ignores_plain_text_with_angle_brackets() -> None:
    raw = "<1 year off | rated >1 year"
    assert html_to_text(raw) == (raw, 0)


def test_markdown_links_keep_text_and_images_go() -> None:
    raw = (
        "From [Wikipedia](https://en.wikipedia.org/wiki/X_(y)) and [AI 2027](https://ai-2027.com/).\n"
        "![Image](images/a.png)\n![](https://s.com/b.png){.logo}"
    )
    text, links, images = strip_markdown_links(raw)
    assert text == "From Wikipedia and AI 2027.\n\n"
    assert (links, images) == (2, 2)


def test_attribute_spans() -> None:
    text, n = strip_attribute_spans('[Epoch AI]{.name} and a link{.embedded-post native="true"}')
    assert text == "Epoch AI and a link"
    assert n == 2


def test_fenced_divs_drop_listed_classes_whole_and_unwrap_others() -> None:
    raw = (
        "before\n"
        '::::: {.embedded-post-wrap attrs="{\\"id\\":1}"}\n'
        "::: embedded-post-title\nEmbedded title\n:::\n"
        ":::::\n"
        "::: {.footnote}\nFootnote text\n:::\n"
        "after"
    )
    text, fences, dropped = strip_fenced_divs(raw, drop_classes=["embedded-post-wrap"])
    assert text == "before\nFootnote text\nafter"
    assert fences == 6
    assert dropped == ["embedded-post-wrap (5 lines)"]


def test_emphasis_escapes_headings_and_dashes() -> None:
    assert strip_markdown_emphasis("the **complexity brake:** and *not* 2*3")[0] == (
        "the complexity brake: and not 2*3"
    )
    assert strip_markdown_emphasis("_Kelly's straw man_: __no limit.__ snake_case and x_1 stay")[0] == (
        "Kelly's straw man: no limit. snake_case and x_1 stay"
    )
    assert strip_markdown_html('<center><img src="a.png"></center>\nText <!-- note --> 3 < 5.') == (
        "\nText  3 < 5.", 4)
    assert strip_markdown_escapes('I. J. Good\\\'s \\"explosion\\"') == ('I. J. Good\'s "explosion"', 3)
    assert strip_markdown_headings("## 1. Labs\ntext #hash") == ("1. Labs\ntext #hash", 1)
    assert em_dashes_from_triple_hyphens("singularity**---or x --- i.e.\n------")[0] == (
        "singularity**—or x — i.e.\n------"
    )


def test_front_matter_is_split_off() -> None:
    meta, body = split_front_matter('---\ntitle: "T"\ndate: 2025-04-30\n---\nBody\n')
    assert meta["title"] == "T"
    assert str(meta["date"]) == "2025-04-30"
    assert body == "Body\n"


def test_a_sentence_between_two_rules_at_the_top_is_text_not_front_matter() -> None:
    # YAML reads "The point is this: compute matters." as a mapping; front matter keys are words
    text = "---\nThe main point is this: compute matters more than algorithms.\n---\nBody.\n"
    assert split_front_matter(text) == ({}, text)
    assert split_front_matter("---\nsource_url: https://x.org\nupdated-at: 2025\n---\nBody.\n")[1] == "Body.\n"


# --- pipeline ----------------------------------------------------------------------------


def test_clean_text_records_steps_and_mojibake_counts() -> None:
    raw = "# Title\n\nWe\u00e2re [here](http://x) and it\u00e2s *fine*.   \n\n\n\nEnd"
    res = clean_text(raw, markdown=True)
    assert res.text == "Title\n\nWe’re here and it’s fine.\n\nEnd\n"
    assert res.suspicious_before == 2
    assert res.suspicious_after == 0
    assert res.steps["lossy_mojibake"] == 2
    assert res.steps["md_links"] == 1
    assert res.steps["md_headings"] == 1


def test_clean_text_without_options_keeps_markup() -> None:
    raw = "A [link](http://x) with *stars* and <b>tags</b>.\n"
    assert clean_text(raw).text == raw


def test_hostile_text_is_cleaned_in_one_pass_over_it() -> None:
    # A line of unmatched openers ("**", "<!--", "[") once made each opener scan to the end (16 s
    # for 80,000 characters; hours for a megabyte). The alarm is a hang check, far above linear.
    import signal

    def hang(*_: object) -> None:
        raise TimeoutError("the clean-up did not finish in 20 s")

    line = "**a *b __c _d <!--e [f " * 100_000  # 2.2 MB on one line
    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(20)
    try:
        text, n = strip_markdown_emphasis(line)
        assert strip_markdown_html(line) == (line, 0)
        assert strip_markdown_links(line) == (line, 0, 0)
        assert strip_attribute_spans(line) == (line, 0)
        # mojibake on one long line: aligning its characters was cubic (133 s for 8 KB)
        assert repair_encoding("caf\u00c3\u00a9 " * 100_000) == ("caf\u00e9 " * 100_000, 100_000)
        lossy = "don\u00e2t won\u00e2t " + " \u00e2a" * 200_000  # was quadratic (31 s for 120 KB)
        assert repair_lossy_mojibake(lossy)[1] == 200_002
        assert unwrap_hard_wraps("word\n" * 200_000)[1] == 199_999  # a PDF's lines; was quadratic
        assert html_to_text("<p>x " + "</" * 300_000)[0].count("</") == 300_000  # the stdlib parser
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert text == line and n == 0
    assert strip_markdown_emphasis("**bold *and* nested** and *a **b** c*")[0] == "bold and nested and a b c"


def test_page_breaks_and_controls_do_not_survive_the_clean_up() -> None:
    text = normalize_whitespace("Page one.\fPage two\x00 we\x1b act\vnow.")[0]
    assert text == "Page one.\nPage two we act\nnow.\n"
