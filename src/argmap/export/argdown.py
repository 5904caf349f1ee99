"""The map (or a selection) as Argdown that keeps who said what: for Argdown's editor, HTML and maps.

Every claim and thesis becomes a statement ``[title]: text #tags {data}``:

- the title is the claim's gist (a thesis's text), cut to a readable label, unique in the file;
- a claim's text is its verbatim quote and its author: ``“…” — Andrej Karpathy`` (a reported view
  adds "as reported by …"). Argdown's HTML and map views never show ``{data}``, so whatever a
  reader must see is in the title, the text or a tag;
- tags: the author first (Argdown colours a statement by its first tag, so a map is coloured by
  author and ``selection.selectedTags`` cuts out one author), then each declared stance on the
  statement (``#(accepted by Leopold Aschenbrenner)``, ``#(rejected by …, our reading)``), then
  the topic tags; a thesis's first tag is ``#thesis``;
- the data block keeps what Argdown has no syntax for: our id, the full gist, the author, the
  kind, the source, the quote and its character offsets.

Under each statement its incoming relations, ``+ [other]`` (other supports it) and ``- [other]``
(other attacks it), each followed by an Argdown line comment with the relation's rationale and
whether the text states the link or it is our reading. These are statement-to-statement
relations, so the relations Argdown builds (``argdown json``: from, relationType, to) are
exactly ours.

Text is escaped so Argdown reads it back unchanged: its markup characters get a backslash,
and ``//``, ``/*``, ``===``, ``.name.`` and ``:name:`` (comments, front matter and shortcodes) are
broken up.
"""

from __future__ import annotations

import json
import re

from argmap.model import PROVENANCE_WORDS, THESIS_PREFIX, ArgMap, Claim, Relation, Thesis

__all__ = ["TITLE_LENGTH", "dump", "escape", "tag", "text", "titles"]

TITLE_LENGTH = 64  # characters of a gist kept in a title (whole words)
_ALWAYS = set("\\@#*_[]<>{}")
_TAG_SAFE = re.compile(r"[A-Za-z0-9-]+")
_SHORTCODE = {ch: re.compile(rf"\{ch}\S+?\{ch}") for ch in ".:"}  # .name. and :name:, matched in place
# titles keep words and prose punctuation; no brackets, tags, links, emphasis or comment openers
_NOT_IN_TITLE = re.compile(r"[^\w\s'’\"“”,.:;%()!?–—-]|_")


def dump(argmap: ArgMap, *, name: str = "argmap", focus: str | None = None) -> str:
    """The map as an ``.argdown`` document: the focus first, then theses, then claims by source."""
    names = titles(argmap)
    lines = ["===", f"title: {json.dumps(name, ensure_ascii=False)}", "===", ""]
    if focus is not None:
        node = argmap.thesis(focus) if focus.startswith(THESIS_PREFIX) else argmap.claim(focus)
        lines += ["# Focus", "", *_statement(argmap, names, node)]
    theses = [t for t in argmap.theses if t.id != focus]
    if theses:
        lines += ["# Theses", ""]
    for thesis in theses:
        lines += _statement(argmap, names, thesis)
    by_source: dict[str, list[Claim]] = {}
    for claim in argmap.claims:
        by_source.setdefault(claim.source, []).append(claim)
    for source in argmap.sources:
        if source.id not in by_source:
            continue
        lines += [f"# {escape(source.title)}", ""]
        for claim in (c for c in by_source[source.id] if c.id != focus):
            lines += _statement(argmap, names, claim)
    return "\n".join(lines).rstrip("\n") + "\n"


def titles(argmap: ArgMap) -> dict[str, str]:
    """Claim/thesis id → a unique, readable Argdown title made from its gist (a thesis's text)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for node_id, words in [(t.id, t.text) for t in argmap.theses] + [(c.id, c.gist) for c in argmap.claims]:
        base = _label(words) or node_id.replace(".", " ")
        title, n = base, 1
        while title.casefold() in used:  # Argdown titles are compared as written; casefold to be safe
            n += 1
            title = f"{base} ({n})"
        used.add(title.casefold())
        out[node_id] = title
    return out


def text(argmap: ArgMap, claim: Claim) -> str:
    """A claim's statement text before escaping: its quote, then who said it."""
    who = argmap.author(claim.author).name
    if claim.reported_by:
        who += f", as reported by {argmap.author(claim.reported_by).name}"
    return f"“{claim.quote}” — {who}"


def escape(value: str) -> str:
    """Text that Argdown's lexer reads back as exactly ``value`` (on one line)."""
    value = " ".join(value.split())
    out: list[str] = []
    for i, ch in enumerate(value):
        nxt = value[i + 1] if i + 1 < len(value) else ""
        if (ch in _ALWAYS
                or (ch == "/" and nxt in "/*")
                or (ch in ".:" and _SHORTCODE[ch].match(value, i))
                or (ch == "=" and value.startswith("==", i + 1))  # "===" opens front matter anywhere
                or (ch in "+-" and i == 0)):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def tag(name: str) -> str:
    """An Argdown tag for ``name``: ``#name`` when it is a plain word, else ``#(name)``."""
    if _TAG_SAFE.fullmatch(name):
        return f"#{name}"
    return "#(" + " ".join(name.replace(")", " ").replace("(", " ").split()) + ")"


def _statement(argmap: ArgMap, names: dict[str, str], node: Claim | Thesis) -> list[str]:
    stances = [f"{'accepted' if p.stance == 'accept' else 'rejected'} by {argmap.author(p.author).short_name}"
               + ("" if p.basis == "stated" else ", our reading")
               for p in argmap.positions if p.target == node.id]
    if isinstance(node, Thesis):
        body, labels, data = node.text, ["thesis", *stances, *node.tags], {"id": node.id}
    else:
        body = text(argmap, node)
        labels = [argmap.author(node.author).short_name, *stances, *node.tags]
        data = {"id": node.id, "gist": node.gist, "author": argmap.author(node.author).name,
                "kind": node.kind, "source": node.source, "quote": node.quote,
                "start": node.anchor.start, "end": node.anchor.end}
        if node.reported_by:
            data["reported_by"] = argmap.author(node.reported_by).name
    tags = "".join(f" {t}" for t in dict.fromkeys(tag(x) for x in labels) if t != "#()")
    lines = [f"[{names[node.id]}]: {escape(body)}{tags} {_data(data)}"]
    lines += [_relation(names, r) for r in argmap.relations_to(node.id)]
    return [*lines, ""]


def _relation(names: dict[str, str], rel: Relation) -> str:
    """``+ [other]`` or ``- [other]``, and a comment with the rationale (to the end of the line).

    Argdown's lexer tries a statement definition (``[title]:``) before the comment, across the
    whole line: a ``]:`` in the rationale would make ``[other] // … [x]:`` one new statement's title.
    """
    why = " ".join(rel.rationale.split()).replace("]:", "] :")
    origin = PROVENANCE_WORDS.get(rel.provenance, rel.provenance)
    return f"  {'+' if rel.type == 'support' else '-'} [{names[rel.source]}] // {origin}: {why}"


def _data(data: dict[str, object]) -> str:
    """A YAML flow mapping (JSON syntax) whose braces cannot end Argdown's data token early.

    U+2028 and U+2029 (JSON keeps them raw) are escaped too: the data token's ``.`` is
    JavaScript's, which stops at them, so a quote holding one made Argdown refuse the file.
    """
    value = json.dumps(data, ensure_ascii=False)
    inner = value[1:-1].translate({ord("{"): "\\u007b", ord("}"): "\\u007d", 0x2028: "\\u2028",
                                   0x2029: "\\u2029"})
    return "{" + inner + "}"


def _label(words: str) -> str:
    """The first words of ``words`` up to TITLE_LENGTH characters, "…" when cut."""
    kept: list[str] = []
    all_words = _NOT_IN_TITLE.sub(" ", words).split()
    for word in all_words:
        if kept and len(" ".join([*kept, word])) > TITLE_LENGTH:
            break
        kept.append(word)
    label = re.sub(r"^[^\w“\"'(]+", "", " ".join(kept)[: TITLE_LENGTH + 10])  # "[- x]" is not a title
    return label + " …" if len(kept) < len(all_words) else label
