"""Getting texts in and read as a person would: the README's example, many files, web pages,
PDFs, declared encodings, and a layout that tells paragraphs, headings and boilerplate apart."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest
import yaml

from argmap import cli
from argmap.api import draft
from argmap.draft.blocks import blocks, passages, speakers
from argmap.draft.drafter import analyse, draft_text
from argmap.draft.nlp import load_nlp
from argmap.errors import ArgmapError
from argmap.sources.add import add_source, add_sources
from argmap.sources.loader import load_map
from tests.conftest import Terminal

ROOT = Path(__file__).resolve().parents[1]

PAGE = """<!doctype html><html><head><meta charset="windows-1252"><title>Why compute is the bottleneck</title>
</head><body><nav><a href="/">Home</a> | <a href="/about">About</a> | <a href="/s">Subscribe</a></nav>
<header><p class="byline">By Jane Doe, January 2, 2026</p></header>
<article><h1>Why compute is the bottleneck</h1>
<p>Automating AI research will not produce an explosion soon, since every experiment still needs
compute. Labs already spend most of their budgets on training runs, and that share keeps growing.</p>
<p>Some argue that algorithms improve fast. However, compute remains the bottleneck, because better
algorithms must be tested at scale before anyone trusts them. Caf\xe9 owners know the feeling.</p>
<p>We should therefore expect steady progress rather than a sudden jump in capabilities.</p>
</article><aside class="ad">Buy our course now! 50% off for subscribers</aside>
<footer>\xa9 2026 Example Media. All rights reserved. Privacy policy.</footer></body></html>
"""


def _pdf(text: str) -> bytes:
    """A minimal one-page PDF with a text layer (written by hand: no PDF writer needed)."""
    lines = [f"({line}) Tj T*" for line in text.split("\n")]
    stream = ("BT /F1 11 Tf 14 TL 72 720 Td " + " ".join(lines) + " ET").encode("latin-1")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    root = tmp_path / "sources"
    root.mkdir()
    (root / "authors.yaml").write_text("authors:\n  - id: jane\n    name: Jane Doe\n")
    return root


def test_the_readme_drafting_example_runs_as_written(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Drafting a new source", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    commands = [line.split("  #", 1)[0] for line in block.group(1).splitlines() if line.strip()]
    assert [c.split()[1] for c in commands] == ["add", "draft", "accept"]
    (tmp_path / "essay.html").write_text(PAGE, encoding="cp1252")
    (tmp_path / "sources").mkdir()
    monkeypatch.chdir(tmp_path)
    for command in commands:
        argv = shlex.split(command)
        assert argv[0] == ".venv/bin/argmap"
        assert cli.main(argv[1:]) == 0, command
    load_map(tmp_path / "sources")  # what `argmap check` loads: the map is still valid


def test_the_progress_bar_on_a_terminal_redraws_its_line(tmp_path: Path, sources: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_text("Progress will slow down because data runs out.\n")
    add_sources([essay], sources, title="Essay", authors="jane")
    monkeypatch.setattr("sys.stderr", Terminal())
    assert cli.main(["draft", "--sources", str(sources), "jane-doe-essay"]) == 0
    shown = sys.stderr.getvalue()
    assert "\r" in shown and "char" in shown and "\\x0d" not in shown  # not the escape of its return


def test_add_takes_many_files_and_folders_in_one_run(tmp_path: Path, sources: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.md").write_text("# First essay\n\nProgress will slow down because data runs out.\n")
    (folder / "sub" / "two.txt").write_text("Compute is the bottleneck of research progress.\n")
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # not a text suffix: not picked up
    (tmp_path / "three.txt").write_text("")  # refused, the others still added
    added, errors = add_sources([folder, tmp_path / "three.txt"], sources, authors="jane")
    assert sorted(p.name for p in added) == ["jane-doe-first-essay", "jane-doe-two"]
    assert len(errors) == 1 and "three.txt" in errors[0] and "empty" in errors[0]
    with pytest.raises(ArgmapError, match="--title names one source"):
        add_sources([folder], sources, title="Same", authors="jane")


def test_a_source_id_keeps_the_base_letters_of_an_accented_name(tmp_path: Path, sources: Path) -> None:
    (sources / "authors.yaml").write_text("authors:\n  - id: zoe\n    name: Zoë Ångström\n", encoding="utf-8")
    essay = tmp_path / "essay.txt"
    essay.write_text("Progress will slow down because data runs out.\n")
    added, errors = add_sources([essay], sources, title="Über die Größe", authors="zoe")
    assert not errors and [p.name for p in added] == ["zoe-angstrom-uber-die-grosse"]


def test_a_name_in_another_script_is_spelt_in_latin_letters_in_its_id(tmp_path: Path, sources: Path) -> None:
    """Before, every name without a Latin letter or digit had the id 'x'."""
    essay = tmp_path / "essay.txt"
    essay.write_text("Progress will slow down because data runs out.\n")
    added, errors = add_sources([essay], sources, title="人工智能的未来", authors=["王小明", "Алексей Иванов"])
    assert not errors and [p.name for p in added] == ["wang-xiao-ming-ren-gong-zhi-neng-de-wei-lai"]
    authors = yaml.safe_load((added[0] / "source.yaml").read_text())["authors"]
    assert authors == ["wang-xiao-ming", "aleksey-ivanov"]


def test_a_new_author_whose_name_gives_another_author_s_id_is_refused_not_merged_with_them(
        tmp_path: Path, sources: Path) -> None:
    """Two names can give one id ('Zoe Angstrom', 'Zoë Ångström'): the second was silently
    recorded as the first, and its source credited to them."""
    essay = tmp_path / "essay.txt"
    essay.write_text("Progress will slow down because data runs out.\n")
    first = add_source(essay, sources, title="One", authors="Zoë Ångström", source_id="one")
    with pytest.raises(ArgmapError, match="get the id 'zoe-angstrom', which is Zoë Ångström's"):
        add_source(essay, sources, title="Two", authors="Zoe Angstrom", source_id="two")
    assert not (sources / "two").exists()
    assert "Zoe Angstrom" not in (sources / "authors.yaml").read_text()
    add_source(essay, sources, title="Four", authors="Zoë Ångström", source_id="four")  # the same name
    assert yaml.safe_load((sources / "four" / "source.yaml").read_text())["authors"] == \
        yaml.safe_load((first / "source.yaml").read_text())["authors"] == ["zoe-angstrom"]


def test_a_markdown_export_s_front_matter_is_metadata_not_text(tmp_path: Path, sources: Path) -> None:
    export = tmp_path / "export.txt"
    export.write_text("---\ntitle: 'The future of intelligence'\nsource_url: https://example.org/ep\n"
                      "published: 2025-12-17\ntags:\n- transcript\n---\nProgress will not slow down.\n")
    folder = add_source(export, sources, authors="jane", kind="transcript")
    assert (folder / "text.txt").read_text() == "Progress will not slow down.\n"
    meta = yaml.safe_load((folder / "source.yaml").read_text())
    assert (folder.name, meta["title"], meta["url"]) == (
        "jane-doe-the-future-of-intelligence", "The future of intelligence", "https://example.org/ep")
    assert str(meta["date"]) == "2025-12-17" and "front matter (4 keys) dropped" in meta["derivation"]
    broken = tmp_path / "broken.txt"
    broken.write_text("---\ntitle: [unclosed\n---\nBody text stays.\n")
    kept = add_source(broken, sources, authors="jane", title="Broken")
    assert (kept / "text.txt").read_text().startswith("---\ntitle: [unclosed")


@pytest.mark.parametrize(("front", "date", "body"), [
    ("date: 2025-02-30", None, "Body.\n"),  # PyYAML's date reader raised ValueError
    ("date: '2025-02-30'", None, "Body.\n"),  # date.fromisoformat raised ValueError
    ("date: 2025-12-17", "2025-12-17", "Body.\n"),
    ("date: 1" + "0" * 5000, None, None),  # int() raised ValueError: kept as text, as broken YAML is
    ("tags: " + "[" * 5000, None, None)])  # RecursionError: kept as text
def test_odd_front_matter_is_no_traceback(tmp_path: Path, sources: Path, front: str, date: str | None,
                                          body: str | None) -> None:
    export = tmp_path / "export.md"
    export.write_text(f"---\ntitle: Odd\n{front}\n---\nBody.\n")
    folder = add_source(export, sources, authors="jane", title="Odd front matter")
    meta = yaml.safe_load((folder / "source.yaml").read_text())
    assert (str(meta["date"]) if meta["date"] else None) == date
    assert (folder / "text.txt").read_text() == (body or export.read_text())


@pytest.mark.parametrize("date", ["2026-02-10", "2026-02", "2026"])
def test_add_takes_every_date_source_yaml_takes_a_month_or_a_year_will_do(
        tmp_path: Path, sources: Path, date: str) -> None:
    # annotation-format.md: source.yaml's date is YYYY-MM-DD, YYYY-MM or YYYY; `add --date 2026-02`
    # (a podcast known by its month) was refused as "not an ISO date (YYYY-MM-DD)".
    essay = tmp_path / "essay.txt"
    essay.write_text("Progress will slow down because data runs out.\n")
    folder = add_source(essay, sources, authors="jane", title="Dated", date=date)
    assert f"\ndate: {date}\n" in (folder / "source.yaml").read_text()
    assert load_map(sources).sources[0].date == date  # what `argmap check` reads back


@pytest.mark.parametrize("date", ["2026-13", "2026-02-30", "26-02", "Feb 2026"])
def test_add_refuses_a_date_that_is_no_iso_date_naming_the_forms_it_takes(
        tmp_path: Path, sources: Path, date: str) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_text("Progress will slow down because data runs out.\n")
    with pytest.raises(ArgmapError, match=r"not an ISO date \(YYYY-MM-DD, YYYY-MM or YYYY\)"):
        add_source(essay, sources, authors="jane", title="Dated", date=date)
    assert not (sources / "jane-doe-dated").exists()


def test_front_matter_after_a_byte_order_mark_is_metadata_whatever_the_encoding_given(
        tmp_path: Path, sources: Path) -> None:
    export = tmp_path / "export.md"
    export.write_bytes(b"\xef\xbb\xbf---\r\ntitle: Bommed\r\ndate: 2025-01-02\r\n---\r\nBody.\r\n")
    for sid, encoding in (("bom-found", None), ("bom-named", "utf-8")):  # utf-8 named keeps the BOM
        folder = add_source(export, sources, authors="jane", encoding=encoding, source_id=sid)
        meta = yaml.safe_load((folder / "source.yaml").read_text())
        assert (meta["title"], str(meta["date"]), (folder / "text.txt").read_text()) == (
            "Bommed", "2025-01-02", "Body.\n")


def test_a_web_page_keeps_its_main_content_in_its_declared_encoding(tmp_path: Path, sources: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.encode("cp1252"))
    folder = add_source(page, sources, authors="jane", kind="essay")
    assert folder.name == "jane-doe-why-compute-is-the-bottleneck"  # the page's own title
    text = (folder / "text.txt").read_text(encoding="utf-8")
    assert "Café owners" in text and "compute remains the bottleneck" in text
    for junk in ("Home", "Subscribe", "By Jane Doe", "Buy our course", "All rights reserved"):
        assert junk not in text
    meta = yaml.safe_load((folder / "source.yaml").read_text())
    assert meta["encoding"] == "windows-1252"
    load_map(sources)  # the new metadata field is accepted by the checker


def test_a_pdf_is_read_through_its_text_layer(tmp_path: Path, sources: Path) -> None:
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(_pdf("Compute is the bottleneck of AI research.\nWe should invest in evaluation."))
    folder = add_source(pdf, sources, title="A paper", authors="jane")
    text = (folder / "text.txt").read_text()
    assert "Compute is the bottleneck of AI research." in text and "invest in evaluation" in text
    assert yaml.safe_load((folder / "source.yaml").read_text())["encoding"] == "pdf"
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really\n")
    with pytest.raises(ArgmapError, match=r"broken\.pdf"):
        add_source(bad, sources, title="Broken", authors="jane")


# ----------------------------------------------------------------------------- layout

ESSAY_SINGLE_NEWLINES = """Why takeoff will be slow
AI progress will slow down by 2027. Data for training is running out.
But synthetic data could fill the gap, because models can now check their own outputs.
4. Over-optimism of RL training
RL works in narrow domains. It does not make models general.
Comments on this post are open to everyone, please discuss!
Thanks to Steve and Florian for early feedback on this post.
"""


def test_single_newlines_separate_paragraphs_and_headings_start_sections() -> None:
    found = blocks(ESSAY_SINGLE_NEWLINES)
    kinds = [(b.kind, ESSAY_SINGLE_NEWLINES[b.start : b.end][:20]) for b in found]
    assert kinds == [
        ("heading", "Why takeoff will be s"[:20]), ("paragraph", "AI progress will slo"),
        ("paragraph", "But synthetic data c"), ("heading", "4. Over-optimism of "),
        ("paragraph", "RL works in narrow d"), ("boilerplate", "Comments on this pos"),
        ("boilerplate", "Thanks to Steve and "),
    ]
    assert [b.section for b in found if b.kind == "paragraph"] == [1, 1, 2]


def test_hard_wrapped_lines_stay_one_paragraph() -> None:
    text = "AI progress will slow down by 2027, since the data needed\nfor training is running out.\n"
    assert [b.kind for b in blocks(text)] == ["paragraph"]


def test_a_transcript_of_one_sentence_per_line_is_grouped_into_turns() -> None:
    lines = [f"Statement number {i} says that progress continues." for i in range(6)]
    text = "\n".join([*lines[:3], "Why do you think so?", *lines[3:]]) + "\n"
    groups = passages(text)
    assert len(groups) == 2 and text[groups[1].start :].startswith("Why do you think so?")


INTERVIEW = """Dwarkesh Patel 00:00:11

Why won't we have explosive economic growth because of AI?

Tyler Cowen 00:00:17

It's very hard to get explosive economic growth for any reason. Cost disease limits the rest of the economy.

Dwarkesh Patel 00:01:04

With AI, every barbershop can have a thousand times the workers.

Tyler Cowen 00:01:25

Cost disease is more general than that.
"""


@pytest.mark.parametrize(("label", "name"), [
    ("Tyler Cowen 00:01:25", "Tyler Cowen"), ("[00:01:25] Tyler Cowen", "Tyler Cowen"),
    ("TYLER COWEN:", "TYLER COWEN"), ("Tyler Cowen (01:25):", "Tyler Cowen")])
def test_a_transcript_s_speaker_labels_are_found_on_their_own_line(label: str, name: str) -> None:
    text = INTERVIEW.replace("Tyler Cowen 00:01:25", label)
    found = [(b.kind, b.speaker, text[b.start : b.end]) for b in blocks(text)]
    assert found[-2:] == [("speaker", name, label),
                          ("paragraph", name, "Cost disease is more general than that.")]
    assert found[:2] == [("speaker", "Dwarkesh Patel", "Dwarkesh Patel 00:00:11"),
                         ("paragraph", "Dwarkesh Patel",
                          "Why won't we have explosive economic growth because of AI?")]


def test_a_guest_labelled_once_inside_the_dialogue_is_a_speaker_but_a_note_after_it_is_not() -> None:
    text = ("KELLY: Intelligence has no single ordering.\nLEX: Why not?\n"
            "KELLY: Because minds differ in kind.\nCAROL: Compute still sets the pace of research.\n"
            "LEX: Then compute is not enough.\nTAKEAWAY: minds differ.\n")
    said = {text[b.start : b.end]: b.speaker for b in blocks(text) if b.kind == "paragraph"}
    assert said["Compute still sets the pace of research."] == "CAROL"  # it was KELLY's
    assert said["Then compute is not enough."] == "LEX"
    assert "TAKEAWAY: minds differ." in [text[b.start : b.end] for b in blocks(text)]  # after it: no label


def test_speaker_labels_opening_a_line_are_not_part_of_the_turn() -> None:
    text = ("KELLY: Intelligence has no single ordering.\nLEX: Why not?\n"
            "KELLY: Because minds differ in kind.\nLEX: Then compute is not enough.\n")
    found = [(b.kind, b.speaker, text[b.start : b.end]) for b in blocks(text)]
    assert found[:2] == [("speaker", "KELLY", "KELLY:"),
                         ("paragraph", "KELLY", "Intelligence has no single ordering.")]
    assert [s for k, s, _ in found if k == "paragraph"] == ["KELLY", "LEX", "KELLY", "LEX"]


def test_a_speaker_whose_name_starts_with_a_capital_beyond_a_to_z_is_a_speaker() -> None:
    # "ÅNGSTRÖM" was no name word: the labels did not recur, and her words went to Jane
    text = ("ZOË ÅNGSTRÖM: Compute is the bottleneck.\nJANE DOE: Algorithms improve faster.\n"
            "ZOË ÅNGSTRÖM: Ideas must be tested at scale.\nJANE DOE: Labs will automate research.\n"
            "Łukasz Kaiser: Both matter.\nŁukasz Kaiser: Really.\n")
    said = [(b.speaker, text[b.start : b.end]) for b in blocks(text) if b.kind == "paragraph"]
    assert said[0] == ("ZOË ÅNGSTRÖM", "Compute is the bottleneck.")
    assert said[2] == ("ZOË ÅNGSTRÖM", "Ideas must be tested at scale.")
    assert said[-1] == ("Łukasz Kaiser", "Really.")


STAMPED = """05:14 Jagged intelligence
07:32 Scaling

In this episode, Hannah Fry sits down with Demis Hassabis to look beyond the launches.

**0:00** · DEMIS HASSABIS: Half of our effort is on scaling.

**0:05** · My betting is you need both to get to AGI.

**0:39** · HANNAH FRY: So nothing is beyond these computers-- DEMIS HASSABIS: Well, nobody has found anything.

**0:49** · HANNAH FRY: So far.

**0:52** · DEMIS HASSABIS: So far.
"""


def test_time_stamps_and_labels_inside_a_line_open_turns_and_the_preamble_is_no_one_s() -> None:
    found = [(b.kind, b.speaker, STAMPED[b.start : b.end]) for b in blocks(STAMPED)]
    words = [(who, said) for kind, who, said in found if kind == "paragraph"]
    assert words == [
        ("DEMIS HASSABIS", "Half of our effort is on scaling."),
        ("DEMIS HASSABIS", "My betting is you need both to get to AGI."),
        ("HANNAH FRY", "So nothing is beyond these computers--"),
        ("DEMIS HASSABIS", "Well, nobody has found anything."),
        ("HANNAH FRY", "So far."), ("DEMIS HASSABIS", "So far.")]
    assert ("stamp", "DEMIS HASSABIS", "**0:05** ·") in found
    assert found[0][:2] == ("heading", "")  # a chapter list's "05:14 Jagged intelligence" is no stamp
    assert found[2][0] == "boilerplate" and found[2][2].startswith("In this episode")  # a description
    first = passages(STAMPED)[0]  # a time stamp inside a turn does not cut the passage
    assert STAMPED[first.start : first.end].endswith("you need both to get to AGI.")


def test_speaker_labels_are_found_in_one_pass_over_a_line_of_hostile_white_space() -> None:
    # A name, a long run of spaces or tabs, then a time stamp: the white space before and after
    # the optional stamp and colon was tried in every split (25 s for a line of 60,000 spaces;
    # hours for a megabyte). The alarm is a hang check, far above linear.
    import signal

    def hang(*_: object) -> None:
        raise TimeoutError("finding speaker labels did not finish in 10 s")

    run = 60_000
    lines = ["Ab" + " " * run + "0:00 x", "Ab" + "\t" * run + "x:",
             "0:00" + " " * run + "Ab" + " " * run + "0:00 x", "0:00" + " " * run]
    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(10)
    try:
        assert speakers("\n".join(lines * 2)) == {}
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert speakers("Ab   0:00\nyes.\nCd:\t\tno.\nAb 0:00\nyes.\nCd:  no.\n")  # spaced labels still count


def test_every_passage_of_a_transcript_is_one_speaker_s_turn() -> None:
    for p in passages(INTERVIEW):
        assert len({b.speaker for b in p.blocks}) == 1
        assert all(b.kind != "speaker" for b in p.blocks)


def test_notes_after_the_dialogue_are_no_speaker_s_words() -> None:
    text = INTERVIEW + "\n---\n\nTranscript Notes\n\nThis transcript preserves the conversation as it was.\n"
    last = blocks(text)[-1]
    assert (last.kind, text[last.start : last.end]) == (
        "boilerplate", "This transcript preserves the conversation as it was.")
    assert last.why.startswith("after the dialogue")
    said = [text[b.start : b.end] for b in blocks(text) if b.kind == "paragraph"]
    assert said[-1] == "Cost disease is more general than that."
    thanks = INTERVIEW + "\nThank you so much\n\nAnd the binding inputs are people.\n"
    assert blocks(thanks)[-1].kind == "paragraph"  # a short spoken line is no end of the dialogue


def test_hosting_talk_is_not_proposed() -> None:
    said = ["Let's talk about this new forecast.", "Today I have the great pleasure of chatting with Scott.",
            "Welcome to the podcast, everyone.",
            "Start with what an AI researcher actually does.",  # an essay's signpost, drafted as a position
            "Research will be automated by late 2026.", "Labs start with small models and scale up."]
    skipped = [c.skip for c in analyse("\n\n".join(said) + "\n", load_nlp())]
    assert skipped == ["talk about the conversation or the text, not the topic"] * 4 + ["", ""]


def test_a_podcast_s_sponsor_read_is_not_proposed_but_a_sponsored_study_is() -> None:
    # The ad read of a transcript was drafted as the host's claims ("This episode is brought to you
    # by CloudNest, ...", "Spin up GPU instances ... twenty percent off ...", "Visit ...").
    host, guest = "PRIYA SHAH", "HELEN ADEYEMI"
    transcript = (
        f"{host}: Welcome back to the show about machine learning research.\n\n"
        f"{guest}: Catastrophic forgetting keeps continual learning unsolved for years.\n\n"
        f"{host}: This episode is brought to you by CloudNest, the hosting platform built for AI teams. "
        "Spin up GPU instances in seconds and get twenty percent off your first three months. "
        "Visit cloudnest dot example to get started.\n\n"
        f"{guest}: A study sponsored by the NSF found that fine-tuning overwrites old skills.\n\n"
        f"{host}: Labs retrain their models every few months on what users did with the previous version, "
        "which is continual learning with a slow clock. Shorten that clock to a week and most of it is there. "
        "Our listeners get twenty percent off at cloudnest dot example.\n")  # a turn past 200 characters
    drafted = {transcript[c.start:c.end]: c.skip for c in analyse(transcript, load_nlp())}
    for ad in ("This episode is brought to you by CloudNest", "Spin up GPU instances",
               "Visit cloudnest dot example", "Our listeners get twenty percent off"):
        assert all(skip for text, skip in drafted.items() if text.startswith(ad)), ad  # left out, or skipped
    for claim in ("Catastrophic forgetting keeps", "A study sponsored by the NSF", "Labs retrain their models"):
        assert next(skip for text, skip in drafted.items() if text.startswith(claim)) == "", claim
    for source in ("aschenbrenner", "bayeslord", "hunterjay", "karpathy-podcast", "lambert"):
        text = (ROOT / "sources" / source / "text.txt").read_text(encoding="utf-8")
        assert not any(b.why == "a sponsor read" for b in blocks(text)), source  # the map's drafts stay


def test_an_essay_with_a_note_or_one_quoted_speaker_has_no_speakers() -> None:
    essay = ("Note: this post is long.\n\nKelly: intelligence has no ordering.\n\n"
             "I disagree: compute orders it.\n\nUpdate: see the reply below.\n")
    assert speakers(essay) == {}
    assert all(b.speaker == "" for b in blocks(essay))
    for source in ("aschenbrenner", "bayeslord", "hunterjay", "karpathy-podcast", "lambert"):
        assert speakers((ROOT / "sources" / source / "text.txt").read_text(encoding="utf-8")) == {}


def test_headings_boilerplate_questions_and_fragments_are_not_proposed() -> None:
    d = draft_text(ESSAY_SINGLE_NEWLINES + "What does it mean?\nSee figure 2.\n", load_nlp())
    quotes = [u.text for u in d.units]
    assert quotes, "the argument itself is drafted"
    for junk in ("Why takeoff", "Over-optimism", "Comments on", "Thanks to", "What does it mean",
                 "See figure"):
        assert not any(q.startswith(junk) for q in quotes), junk
    skipped = {c.skip for c in analyse(ESSAY_SINGLE_NEWLINES + "What does it mean?\n", load_nlp())}
    assert "a question that asserts nothing" in skipped


def test_a_text_s_first_line_standing_alone_without_a_sentence_end_is_its_title() -> None:
    # what `add` leaves of a Markdown export's "# Why the intelligence explosion is not around
    # the corner": a clause with a verb, too long for a heading anywhere else in the text
    body = "Many forecasters claim that AI will soon automate research. I think they are wrong.\n"
    text = "Why the intelligence explosion is not around the corner\n\n" + body
    assert [b.kind for b in blocks(text)][:2] == ["heading", "paragraph"]
    quotes = [u.text for u in draft_text(text, load_nlp()).units]
    assert quotes and not any(q.startswith("Why the") for q in quotes)
    # a transcript that opens mid-speech without punctuation, or a one-line sentence, is no title
    for first in ("so today we are talking about compute and the labs", "Compute is the bottleneck."):
        assert blocks(first + "\n\n" + body)[0].kind == "paragraph"


def test_a_long_text_is_drafted_in_whole_sentences_never_across_a_line() -> None:
    text = ("We should ban cars in the city centre because they pollute the air.\n\n"
            "Although the tax is unpopular, it raises a lot of money for schools.\n"
            "I think compute is growing every single year for the big labs\n\n"
            "and the labs will automate most of their research within five years.\n")
    quotes = [text[c.start : c.end] for c in analyse(text, load_nlp())]
    assert quotes == [
        "We should ban cars in the city centre because they pollute the air.",
        "Although the tax is unpopular, it raises a lot of money for schools.",
        "I think compute is growing every single year for the big labs",
        "and the labs will automate most of their research within five years."]


def test_spoken_replies_and_fillers_are_not_proposed_but_short_claims_are() -> None:
    said = {"Yeah, I think so.": "a reply or filler, no claim of its own",
            "I mean, I hope not.": "a reply or filler, no claim of its own",
            "I agree with him.": "a reply or filler, no claim of its own",
            "I disagree: compute is the bottleneck of progress.": "",
            "No, compute will not be the bottleneck of progress.": "",
            "Well, 40% of firms use it.": "", "We are in early takeoff.": "",
            "Right now, AI is slow.": "", "No model can do it.": "",
            "Which is not something chimpanzees can do with our games.":
                "a fragment (a relative clause, 'Which …', cut from its sentence)",
            "Which labs will automate their research first?": "a question that asserts nothing"}
    found = {c.start: c.skip for c in analyse("\n\n".join(said) + "\n", load_nlp())}
    assert list(found.values()) == list(said.values())


def test_the_words_after_a_time_stamp_are_drafted_without_it() -> None:
    text = STAMPED + ("\n**16:48** · HANNAH FRY: Behind the scenes there is some measure of probability.\n\n"
                      "**16:54** · DEMIS HASSABIS: There is a measure of the next token.\n\n"
                      "**16:56** · That's how it all works.\n")
    quotes = [u.text for u in draft_text(text, load_nlp()).units]
    assert not any("**" in q or "HASSABIS" in q or "FRY" in q for q in quotes), quotes
    assert {"My betting is you need both to get to AGI.", "That's how it all works."} <= set(quotes)


BLOG_WITH_COMMENTS = """# Takeoff will be slow

I think a slow takeoff is more likely than a fast one.
The basic argument goes like this:
- Before we have an incredibly capable AI, we will probably have a slightly worse AI.
- Lots of people will be trying to build powerful AI, so the worse version comes first.

## Comments

Great post! I disagree, because recursive self-improvement will surely be abrupt.

Response:

Abrupt improvement would still need experiments that take months of compute.
"""


def test_a_comment_thread_is_not_drafted_as_the_author_s_claims(tmp_path: Path, sources: Path) -> None:
    found = blocks(BLOG_WITH_COMMENTS)
    after = [b for b in found if b.start > BLOG_WITH_COMMENTS.index("## Comments")]
    assert after and all(b.kind == "boilerplate" and "comment thread" in b.why for b in after)
    quotes = [u.text for u in draft_text(BLOG_WITH_COMMENTS, load_nlp()).units]
    assert any(q.startswith("I think a slow takeoff") for q in quotes)
    assert not any("recursive self-improvement" in q or "months of compute" in q for q in quotes)

    (tmp_path / "blog.md").write_text(BLOG_WITH_COMMENTS)
    [folder], _ = add_sources([tmp_path / "blog.md"], sources, authors="jane")
    [report] = draft(sources, [folder.name])
    text = (folder / "text.txt").read_text()
    line = text[: text.index("Comments\n")].count("\n") + 1
    assert any(f"text.txt:{line}: a comments heading" in w and "other people's words" in w
               for w in report.warnings)


ESSAY_QUOTING_A_CHAT = """Why chatbots still fail at arithmetic

Language models are getting better every month. Yet they still fail at simple arithmetic.

I asked a model a simple question:

User: What is 17 times 23?
Assistant: It is 391.
User: Are you sure?
Assistant: Sorry, it is 401.

This shows that the model does not track its own reasoning. Scaling alone will not fix this.

So we should not expect an intelligence explosion soon.
"""


def test_an_essay_quoting_a_chat_is_drafted_as_its_author_s_words(tmp_path: Path, sources: Path) -> None:
    # Read as a transcript, the essay's opening was "before the first speaker label" and its
    # conclusion the last label's ("Assistant"), a speaker who is no author: nothing was drafted.
    (tmp_path / "essay.md").write_text(ESSAY_QUOTING_A_CHAT)
    [folder], _ = add_sources([tmp_path / "essay.md"], sources, authors="jane", kind="essay")
    [report] = draft(sources, [folder.name])
    quotes = [c["quote"] for c in yaml.safe_load((folder / "draft.yaml").read_text())["claims"]]
    assert any(q.startswith("So we should not expect an intelligence explosion") for q in quotes)
    assert any(q.startswith("Yet they still fail at simple arithmetic") for q in quotes)
    assert not any("speaks here" in w for w in report.warnings)
    assert {b.speaker for b in blocks(ESSAY_QUOTING_A_CHAT, turns=False)} == {""}


def test_a_list_item_is_quoted_without_its_bullet() -> None:
    quotes = [u.text for u in draft_text(BLOG_WITH_COMMENTS, load_nlp()).units]
    assert any(q.startswith("Before we have an incredibly capable AI") for q in quotes)
    assert not any(q.lstrip().startswith(("-", "•")) for q in quotes)
    numbered = "Three reasons:\n1. Data is running out for pretraining.\n(b) Compute gets dearer every year.\n"
    quotes = [u.text for u in draft_text(numbered, load_nlp()).units]
    assert "Data is running out for pretraining." in quotes and "Compute gets dearer every year." in quotes


def test_a_quoted_block_is_quoted_without_its_marks_and_flagged_as_someone_else_s_words() -> None:
    text = ("Kelly writes:\n\n> Many proponents of an intelligence explosion expect an explosion of progress.\n\n"
            "That is wrong, because a superintelligence can run experiments of its own.\n")
    units = draft_text(text, load_nlp()).units
    quoted = [u for u in units if u.text.startswith("Many proponents")]
    assert quoted and not any(u.text.startswith(">") for u in units)
    assert any("someone else's words" in e for e in quoted[0].evidence)
    assert not any("someone else's words" in e for u in units if u not in quoted for e in u.evidence)


def test_the_shipped_weights_were_fitted_on_the_sources_of_this_map() -> None:
    from argmap.draft.linear import shipped

    here = sorted(p.name for p in (ROOT / "sources").iterdir() if (p / "claims.yaml").exists())
    for name in ("claim", "claim-semantic", "link"):
        claim = shipped(name)
        assert claim is not None
        assert claim.info is not None and claim.info["trained_on"] == here  # rerun loso_sources.py --write
        xs, ys = claim.calibration
        assert list(xs) == sorted(xs) and list(ys) == sorted(ys) and all(0 < y < 1 for y in ys)
