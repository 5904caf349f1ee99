"""Reading and writing the YAML of a sources folder: one reader, one writer for the whole project.

The reader gives mappings as :class:`LineDict` (each key's line, for ``file:line`` errors),
YAML 1.2 booleans (in YAML 1.1 the key ``on:`` of a position and the words yes/no/on/off would
be booleans) and refuses repeated keys. Plain annotation files go through the fast subset
reader (:mod:`argmap.sources.fastyaml`); anything else through PyYAML's safe loader.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from argmap.errors import ArgmapError, display_path
from argmap.sources import fastyaml


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class YamlError(Exception):
    """The text is not valid YAML; ``line`` is 1-based (0 when unknown)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def line_dict(line: int) -> LineDict:
    mapping = LineDict()
    mapping.line = line
    mapping.key_lines = {}
    return mapping


def _construct_line_mapping(loader: yaml.constructor.SafeConstructor, node: yaml.MappingNode,
                            deep: bool = False) -> LineDict:
    """A LineDict of the node's pairs; a repeated key is an error (YAML says keys are unique)."""
    mapping = line_dict(node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if isinstance(key, list | dict):  # "? [a, b]": YAML allows it, no annotation has it
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a word, not a list or mapping", key_node.start_mark
            )
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=deep)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


MAX_BYTES = 64 * 1024 * 1024  # an annotation file this large is a mistake, not a map
MAX_DEPTH = 64  # hand-written annotations nest four levels; deeper is an attack on the parser

# Dates stay text (the loader checks them and says which line is wrong; PyYAML's timestamp
# constructor raises on 2025-13-45 without one) and only YAML 1.2 booleans are booleans.
_RESOLVERS = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _line_loader(base: type) -> type:
    """``base`` (a safe loader) with LineDict mappings and YAML 1.2 booleans."""
    resolvers = {first: list(pairs) for first, pairs in _RESOLVERS.items()}
    loader = type(f"_Line{base.__name__}", (base,), {"yaml_implicit_resolvers": resolvers})
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_line_mapping)
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    return loader


# libyaml's C parser is ~10x faster on a 100k-claim map; the pure one is the fallback.
PyLineLoader = _line_loader(yaml.SafeLoader)
_LineLoader = _line_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _hint(problem: str) -> str:
    """How to fix the two mistakes people make most when writing YAML by hand."""
    if "\\t" in problem or "\t" in problem:  # PyYAML shows a tab as \t
        return " (indent with spaces, not tabs)"
    if "mapping values are not allowed" in problem:
        return " (a value with ': ' in it, such as a quote, needs quotation marks around it)"
    return ""


def parse(text: str) -> Any:
    """The YAML document in ``text``; raises :class:`YamlError` with the line of the problem.

    Aliases (``*name``) are refused: annotations never need them, and a few hundred bytes of
    nested aliases expand to gigabytes (the "billion laughs"). Size and nesting are capped.
    """
    if len(text) > MAX_BYTES:
        raise YamlError(0, f"file too large for an annotation file ({len(text):,} characters; "
                           f"the limit is {MAX_BYTES:,})")
    try:
        fast = fastyaml.load(text, line_dict)
        if fast is not fastyaml.UNSUPPORTED:
            return fast
        _refuse_aliases_and_depth(text)
        try:
            return yaml.load(text, Loader=_LineLoader)
        except yaml.MarkedYAMLError:
            # libyaml words errors tersely; the pure parser says what it expected
            return yaml.load(text, Loader=PyLineLoader)
    except RecursionError:
        raise YamlError(0, f"nested more than {MAX_DEPTH} levels deep") from None
    except ValueError:  # int() refuses a number of more than 4,300 digits (Python's guard)
        digits = re.search(r"\d{4300}", text)
        line = text.count("\n", 0, digits.start()) + 1 if digits else 0
        raise YamlError(line, "a number too long to read (over 4,300 digits)") from None
    except yaml.reader.ReaderError as exc:
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line = text.count("\n", 0, exc.position) + 1
        raise YamlError(line, f"character U+{code:04X} is not allowed in YAML (a control character)") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        context = ""
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            context = f" ({exc.context} started at line {exc.context_mark.line + 1})"
        problem = str(exc.problem or exc)
        raise YamlError(line, f"malformed YAML: {problem}{context}{_hint(problem)}") from None
    except yaml.YAMLError as exc:
        raise YamlError(0, f"malformed YAML: {str(exc).splitlines()[0][:200]}") from None


def _refuse_aliases_and_depth(text: str) -> None:
    """Scan the events (libyaml, fast) for aliases and for collections nested too deep."""
    depth = 0
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        events = list(yaml.parse(text, Loader=loader))
    except yaml.MarkedYAMLError:
        return  # malformed: the load that follows says where, in the pure parser's words
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(event.start_mark.line + 1,
                            f"YAML alias *{event.anchor} is not allowed in annotation files "
                            "(write the value out)")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(event.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def read(path: Path) -> Any:
    """The YAML document in the file at ``path``; a bad file is an ``ArgmapError`` naming it."""
    shown = display_path(path)
    try:
        return parse(path.read_text(encoding="utf-8"))
    except YamlError as exc:
        where = f"{shown}:{exc.line}" if exc.line else shown
        raise ArgmapError(f"{where}: {exc.message}") from None
    except UnicodeDecodeError as exc:
        raise ArgmapError(f"{shown}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ArgmapError(f"{shown}: cannot read: {exc.strerror}") from None


# --- writing ---------------------------------------------------------------------------------

# libyaml when present: a 1 MB source drafts into ~10 MB of YAML
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):
    """Block style for multi-line strings, so derivations read like the hand-made ones."""


def _str_representer(dumper: Any, data: str) -> yaml.Node:
    style = "|" if "\n" in data.strip("\n") and data == data.rstrip(" ") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


class Flow(list):
    """A short list written on one line (``offsets: [12, 80]``)."""


def _flow_representer(dumper: Any, data: Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _dict_representer(dumper: Any, data: dict) -> yaml.Node:
    return dumper.represent_dict(data.items())  # insertion order, LineDicts as plain mappings


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(Flow, _flow_representer)
_Dumper.add_representer(LineDict, _dict_representer)


def dump(data: Any) -> str:
    """YAML text of ``data`` in the style of the hand-written files (keys in the order given)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


# --- appending to a hand-written file ---------------------------------------------------------


def _section_bounds(lines: list[str], key: str) -> tuple[int, int] | None:
    """(index of the ``key:`` line, index after its block) in a top-level YAML mapping."""
    start = None
    for i, line in enumerate(lines):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            start = i
            continue
        if start is not None and re.match(r"^[^\s#-]", line):
            end = i
            while end > start + 1 and (not lines[end - 1].strip() or
                                       (lines[end - 1].lstrip().startswith("#") and
                                       not lines[end - 1].startswith(" "))):
                end -= 1
            return start, end
    return (start, len(lines)) if start is not None else None


def append_items(old: str, key: str, items_yaml: str, path: Path) -> tuple[str, list[tuple[int, int]]]:
    """``old`` with ``items_yaml`` (a YAML list) appended to its top-level ``key`` list.

    Done on text so that what the user wrote (comments, order, quoting, line endings) stays as
    it is; the result is parsed back and compared, so a layout we cannot append to fails
    loudly. A list written in flow style (``relations: [...]``) is rewritten in block style, the
    only section that changes. Returns the new text and the 1-based line range of each
    appended item (how ``accept`` tells which item a problem belongs to).
    """
    shown = display_path(path)
    newline = "\r\n" if "\r\n" in old else "\n"
    try:
        before = (parse(old) if old.strip() else None) or {}
        added = parse(items_yaml) or []
    except YamlError as exc:
        raise ArgmapError(f"{shown}:{exc.line}: {exc.message}") from None
    if not isinstance(before, dict):
        raise ArgmapError(f"{shown}: expected a mapping at the top level")
    lines = old.replace("\r\n", "\n").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    bounds = _section_bounds(lines, key)
    flow = bounds is not None and re.match(rf"^{re.escape(key)}\s*:\s*[\[{{]", lines[bounds[0]])
    if bounds is None or (flow and not before.get(key)):
        head = lines if bounds is None else lines[:bounds[0]]
        tail = [] if bounds is None else lines[bounds[1]:]
        body = _indent(items_yaml, "  ")
        new_lines = [*head, f"{key}:\n", *body, *tail]
        first = len(head) + 2
    elif flow:  # a flow list with items: that section is rewritten in block style
        start, end = bounds
        body = _indent(dump(list(before[key]) + list(added)), "  ")
        new_lines = [*lines[:start], f"{key}:\n", *body, *lines[end:]]
        first = start + 2 + len(body) - len(_indent(items_yaml, "  "))
        body = body[len(body) - len(_indent(items_yaml, "  ")):]
    else:
        start, end = bounds
        indent = next((m.group(1) for ln in lines[start + 1:end] if (m := re.match(r"^(\s*)-", ln))), "  ")
        if re.match(rf"^{re.escape(key)}\s*:\s*(null|~)?\s*(#.*)?$", lines[start]):
            lines[start] = f"{key}:\n"
        body = _indent(items_yaml, indent)
        new_lines = [*lines[:end], *body, *lines[end:]]
        first = end + 1
    new = "".join(new_lines)
    try:
        after = parse(new) or {}
    except YamlError:
        after = None
    expected = dict(before)
    expected[key] = list(before.get(key) or []) + list(added)
    if after != expected:
        raise ArgmapError(f"{shown}: cannot append to its '{key}' list safely (unusual layout); "
                          "nothing was written")
    return new.replace("\n", newline), _item_ranges(body, first)


def _item_ranges(body: list[str], first: int) -> list[tuple[int, int]]:
    """1-based (first, last) line of each top-level list item in ``body`` (which starts at ``first``)."""
    starts = [first + i for i, ln in enumerate(body) if re.match(r"^\s*- ", ln)
              and len(ln) - len(ln.lstrip(" ")) == len(body[0]) - len(body[0].lstrip(" "))]
    return [(a, (starts[k + 1] - 1) if k + 1 < len(starts) else first + len(body) - 1)
            for k, a in enumerate(starts)]


def _indent(items_yaml: str, indent: str) -> list[str]:
    return [indent + ln if ln.strip() else ln for ln in items_yaml.splitlines(keepends=True)]
