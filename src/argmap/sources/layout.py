"""The layout of a sources folder: its file names and id rules, in one place.

```
sources/
  authors.yaml  theses.yaml
  <source-id>/source.yaml  text.txt  claims.yaml  draft.yaml
```
See docs/annotation-format.md.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from argmap.errors import ArgmapError, display_path

AUTHORS_FILE = "authors.yaml"
THESES_FILE = "theses.yaml"
SOURCE_FILE = "source.yaml"
TEXT_FILE = "text.txt"
CLAIMS_FILE = "claims.yaml"
DRAFT_FILE = "draft.yaml"

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG_RE = re.compile(rf"^{SLUG}$")
THESIS_RE = re.compile(rf"^thesis\.{SLUG}$")


def _ascii(c: str) -> str:
    """``c`` in ASCII letters (anyascii's tables). A letter of another script that gives a capital
    starts a word: Chinese writes no spaces, yet each character is a syllable of a name."""
    from anyascii import anyascii

    out = anyascii(c)
    if c.isascii() or not out[:1].isupper() or "LATIN" in unicodedata.name(c, ""):
        return out
    return " " + out


def slugify(text: str, max_words: int = 6) -> str:
    """A ``[a-z0-9-]`` slug of the first words of ``text``, transliterated, so a name stays
    recognisable in its id: accented Latin letters keep their base letter and other scripts are
    spelt in Latin letters ("x" when nothing is left).

    >>> slugify("State of play: AI progress (2025)")
    'state-of-play-ai-progress-2025'
    >>> slugify("Zoë Ångström, Łukasz Żółć")
    'zoe-angstrom-lukasz-zolc'
    >>> slugify("王小明"), slugify("Алексей Иванов"), slugify("Κώστας")
    ('wang-xiao-ming', 'aleksey-ivanov', 'kostas')
    """
    words = re.findall(r"[a-z0-9]+", "".join(_ascii(c) for c in text).lower())
    return "-".join(words[:max_words]) or "x"


def source_folders(root: Path) -> list[Path]:
    """Every source folder of a sources folder, in id order (hidden folders are not sources)."""
    if not root.is_dir():
        raise ArgmapError(f"{display_path(root)}: no such sources folder")
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
