"""A fast reader for the plain subset of YAML that annotation files are written in.

PyYAML (even on libyaml) reads a 100k-claim map at ~2 MB/s, slower than everything else in a
build put together. Annotation files use a small part of YAML: block mappings and sequences,
``key: value`` lines, single-line quoted or plain scalars, flow lists of words, full-line
comments. This reader handles exactly that part, line by line, and gives up (returns
:data:`UNSUPPORTED`) on anything else, so that the caller falls back to PyYAML; the result is
then always what the project's PyYAML loader would give (YAML 1.2 booleans, LineDicts with the
line of every mapping and key), which tests check on every committed file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

UNSUPPORTED = object()

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$")
_DQ = re.compile(r'"((?:[^"\\]|\\.)*)" *$')
_SQ = re.compile(r"'((?:[^']|'')*)' *$")
_FLOW = re.compile(r"\[([^\[\]{}\"'#:]*)\] *$")
_INT = re.compile(r"(?:0|[1-9][0-9]*)$")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")
_SHARED_ESCAPES = set('"\\bfnrt')  # the same in YAML and JSON
_SPECIAL = {"null": None, "Null": None, "NULL": None, "~": None,
            "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_RESOLVED_FIRST = set("+.0123456789<=")  # first characters of ints, floats, dates, merge keys


class _Unsupported(Exception):
    pass


def _plain(text: str) -> Any:
    """A plain scalar as the project's loader resolves it, or raise when unsure."""
    if not text or ": " in text or " #" in text or text.endswith(":"):
        raise _Unsupported
    if text in _SPECIAL:
        return _SPECIAL[text]
    first = text[0]
    if first in _INDICATORS:
        raise _Unsupported
    if first in _RESOLVED_FIRST:
        if _INT.match(text):
            return int(text)
        if _DATE.match(text):
            return text  # the project's loader keeps dates as text (it checks them itself)
        raise _Unsupported
    return text


def _scalar(text: str) -> Any:
    first = text[0]
    if first == '"' and text[-1] == '"' and "\\" not in text and text.count('"') == 2:
        return text[1:-1]  # the common case: a double-quoted string without escapes
    if first == '"':
        m = _DQ.match(text)
        if not m:
            raise _Unsupported
        body = m.group(1)
        if "\\" not in body:
            return body
        if any(len(e) == 1 and e not in _SHARED_ESCAPES for e in _ESCAPE.findall(body)):
            raise _Unsupported  # an escape only YAML has
        try:
            return json.loads(f'"{body}"')
        except ValueError:
            raise _Unsupported from None
    if first == "'":
        m = _SQ.match(text)
        if not m:
            raise _Unsupported
        return m.group(1).replace("''", "'")
    if first == "[":
        m = _FLOW.match(text)
        if not m:
            raise _Unsupported
        inner = m.group(1).strip()
        if not inner:
            return []
        items = [item.strip() for item in inner.split(",")]
        out = []
        for item in items:
            value = _plain(item)
            if not isinstance(value, str) or " " in value:
                raise _Unsupported
            out.append(value)
        return out
    return _plain(text.rstrip(" "))


# What PyYAML's reader refuses or reads as a line break (NEL, LS, PS): its verdict decides.
_PYYAML_DECIDES = re.compile("[^\x0a\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")


def load(text: str, mapping: Callable[[int], Any]) -> Any:
    """The document in ``text``, or UNSUPPORTED; ``mapping(line)`` makes an empty LineDict."""
    if "\n---" in text or text.startswith(("---", "\ufeff")) or "\n..." in text \
            or _PYYAML_DECIDES.search(text):
        return UNSUPPORTED
    lines: list[tuple[int, int, str]] = []
    for number, raw in enumerate(text.split("\n"), 1):
        content = raw.lstrip(" ")
        if not content or content.startswith("#"):
            continue
        lines.append((number, len(raw) - len(content), content.rstrip(" ")))
    if not lines or lines[0][1] != 0:
        return UNSUPPORTED
    try:
        value, end = _block(lines, 0, 0, mapping)
    except _Unsupported:
        return UNSUPPORTED
    return value if end == len(lines) else UNSUPPORTED


def _block(lines: list[tuple[int, int, str]], i: int, indent: int,
           mapping: Callable[[int], Any]) -> tuple[Any, int]:
    content = lines[i][2]
    if content == "-" or content.startswith("- "):
        return _sequence(lines, i, indent, mapping)
    if _KEY.match(content):
        return _mapping(lines, i, indent, mapping)
    raise _Unsupported


def _sequence(lines: list[tuple[int, int, str]], i: int, indent: int,
              mapping: Callable[[int], Any]) -> tuple[list[Any], int]:
    out = []
    while i < len(lines) and lines[i][1] == indent and lines[i][2].startswith("- "):
        number, _, content = lines[i]
        rest = content[2:]
        col = indent + 2 + len(rest) - len(rest.lstrip(" "))
        rest = rest.lstrip(" ")
        if _KEY.match(rest):
            lines[i] = (number, col, rest)  # the item's first key, at its own column
            value, i = _mapping(lines, i, col, mapping)
        else:
            value, i = _scalar(rest), i + 1
        out.append(value)
    if i < len(lines) and lines[i][1] > indent:
        raise _Unsupported
    return out, i


def _mapping(lines: list[tuple[int, int, str]], i: int, indent: int,
             mapping: Callable[[int], Any]) -> tuple[Any, int]:
    out = mapping(lines[i][0])
    while i < len(lines) and lines[i][1] == indent:
        number, _, content = lines[i]
        m = _KEY.match(content)
        if not m:
            raise _Unsupported
        key, rest = m.groups()
        if key in out or key in _SPECIAL:
            raise _Unsupported  # a duplicate or special key: PyYAML says what is wrong
        i += 1
        if rest:
            value = _scalar(rest)
        elif i < len(lines) and (lines[i][1] > indent or (
                lines[i][1] == indent and lines[i][2].startswith("- "))):
            value, i = _block(lines, i, lines[i][1], mapping)
        else:
            value = None
        out[key] = value
        out.key_lines[key] = number
    if i < len(lines) and lines[i][1] > indent:
        raise _Unsupported
    return out, i
