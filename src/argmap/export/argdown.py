"""The map (or a selection) as Argdown text, for Argdown's editor, VS Code preview and CLI maps.

Every claim and thesis becomes a statement ``[title]: text #tags {data}``; its incoming
relations are listed under it as ``+ [other]`` (other supports it) and ``- [other]`` (other
attacks it). These are statement-to-statement relations, so the relations Argdown builds
(``argdown json``: from, relationType, to) are exactly ours. Titles are readable and unique
(``source: slug words``); the data block keeps what Argdown has no syntax for: our id, the
author, the verbatim quote, the source and its character offsets.

Text is escaped so Argdown reads it back unchanged: its markup characters get a backslash,
and ``//``, ``/*``, ``.name.`` and ``:name:`` (comments and shortcodes) are broken up.
"""

from __future__ import annotations

import json
import re

from argmap.model import THESIS_PREFIX, ArgMap, Claim, Thesis

__all__ = ["dump", "escape", "tag", "titles"]

_ALWAYS = set("\\@#*_[]<>{}")
_TAG_SAFE = re.compile(r"[A-Za-z0-9-]+")


def dump(argmap: ArgMap, *, name: str = "argmap", focus: str | None = None) -> str:
    """The map as an ``.argdown`` document: the focus first, then theses, then claims by source."""
    names = titles(argmap)
    def incoming(node: str) -> list[tuple[str, str]]:
        return [(r.type, r.source) for r in argmap.relations_to(node)]

    lines = ["===", f"title: {json.dumps(name, ensure_ascii=False)}", "===", ""]
    if focus is not None:
        node = argmap.thesis(focus) if focus.startswith(THESIS_PREFIX) else argmap.claim(focus)
        lines += ["# Focus", "", *_statement(names, node, incoming(focus), argmap)]
    theses = [t for t in argmap.theses if t.id != focus]
    if theses:
        lines += ["# Theses", ""]
    for thesis in theses:
        lines += _statement(names, thesis, incoming(thesis.id))
    by_source: dict[str, list[Claim]] = {}
    for claim in argmap.claims:
        by_source.setdefault(claim.source, []).append(claim)
    for source in argmap.sources:
        if source.id not in by_source:
            continue
        lines += [f"# {escape(source.title)}", ""]
        for claim in (c for c in by_source[source.id] if c.id != focus):
            lines += _statement(names, claim, incoming(claim.id), argmap)
    return "\n".join(lines).rstrip("\n") + "\n"


def titles(argmap: ArgMap) -> dict[str, str]:
    """Claim/thesis id → a unique, readable Argdown title (``lambert: no ai 2027``)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for node_id in [t.id for t in argmap.theses] + [c.id for c in argmap.claims]:
        if node_id.startswith(THESIS_PREFIX):
            base = "thesis: " + _words(node_id[len(THESIS_PREFIX):])
        else:
            prefix, _, slug = node_id.partition(".")
            base = f"{_words(prefix)}: {_words(slug)}" if slug else _words(prefix)
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base} ({n})"
        used.add(name)
        out[node_id] = name
    return out


def escape(text: str) -> str:
    """Text that Argdown's lexer reads back as exactly ``text`` (on one line)."""
    text = " ".join(text.split())
    out: list[str] = []
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if (ch in _ALWAYS
                or (ch == "/" and nxt in "/*")
                or (ch in ".:" and re.match(rf"\{ch}\S+?\{ch}", text[i:]))
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


def _statement(names: dict[str, str], node: Claim | Thesis, incoming: list[tuple[str, str]],
               argmap: ArgMap | None = None) -> list[str]:
    if isinstance(node, Thesis):
        text, data = node.text, {"id": node.id}
    else:
        text = node.gist
        assert argmap is not None
        data = {"id": node.id, "author": argmap.author(node.author).name, "kind": node.kind,
                "source": node.source, "quote": node.quote,
                "start": node.anchor.start, "end": node.anchor.end}
        if node.reported_by:
            data["reported_by"] = argmap.author(node.reported_by).name
    tags = "".join(f" {tag(t)}" for t in node.tags if tag(t) != "#()")
    line = f"[{names[node.id]}]: {escape(text)}{tags} {_data(data)}"
    lines = [line]
    for kind, other in incoming:
        lines.append(f"  {'+' if kind == 'support' else '-'} [{names[other]}]")
    return [*lines, ""]


def _data(data: dict[str, object]) -> str:
    """A YAML flow mapping (JSON syntax) whose braces cannot end Argdown's data token early."""
    text = json.dumps(data, ensure_ascii=False)
    inner = text[1:-1].replace("{", "\\u007b").replace("}", "\\u007d")
    return "{" + inner + "}"


def _words(slug: str) -> str:
    return " ".join(slug.replace("-", " ").split())
