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
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=deep)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_RESOLVERS = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
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


def parse(text: str) -> Any:
    """The YAML document in ``text``; raises :class:`YamlError` with the line of the problem."""
    fast = fastyaml.load(text, line_dict)
    if fast is not fastyaml.UNSUPPORTED:
        return fast
    try:
        try:
            return yaml.load(text, Loader=_LineLoader)
        except yaml.MarkedYAMLError:
            # libyaml words errors tersely; the pure parser says what it expected
            return yaml.load(text, Loader=PyLineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        context = ""
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            context = f" ({exc.context} started at line {exc.context_mark.line + 1})"
        raise YamlError(line, f"malformed YAML: {exc.problem or exc}{context}") from None
    except yaml.YAMLError as exc:
        raise YamlError(0, f"malformed YAML: {exc}") from None


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


def append_items(old: str, key: str, items_yaml: str, path: Path) -> str:
    """``old`` with ``items_yaml`` (a YAML list) appended to its top-level ``key`` list.

    Done on text so that what the user wrote (comments, order, quoting) stays as it is; the
    result is parsed back and compared, so a layout we cannot append to fails loudly.
    """
    before = parse(old) if old.strip() else None
    before = before or {}
    if not isinstance(before, dict):
        raise ArgmapError(f"{display_path(path)}: expected a mapping at the top level")
    added = parse(items_yaml) or []
    lines = old.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    bounds = _section_bounds(lines, key)
    if bounds is None:
        new_lines = [*lines, f"{key}:\n", *_indent(items_yaml, "  ")]
    else:
        start, end = bounds
        head = lines[start]
        if re.match(rf"^{re.escape(key)}\s*:\s*(\[\s*\]|null|~)?\s*(#.*)?$", head) and (
            before.get(key) in (None, [])
        ):
            lines[start] = f"{key}:\n"
            indent = "  "
        else:
            indent = next((re.match(r"^(\s*)-", ln).group(1) for ln in lines[start + 1:end]
                           if re.match(r"^\s*-", ln)), "  ")
        new_lines = [*lines[:end], *_indent(items_yaml, indent), *lines[end:]]
    new = "".join(new_lines)
    after = parse(new) or {}
    expected = dict(before)
    expected[key] = list(before.get(key) or []) + list(added)
    if after != expected:
        raise ArgmapError(f"{display_path(path)}: cannot append to its '{key}' list safely "
                            "(unusual layout); nothing was written")
    return new


def _indent(items_yaml: str, indent: str) -> list[str]:
    return [indent + ln if ln.strip() else ln for ln in items_yaml.splitlines(keepends=True)]
