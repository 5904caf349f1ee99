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


ID_MAX = 64  # characters: a slug of a script without spaces (Thai, kana) has no word to stop at


def _ascii(c: str) -> str:
    """``c`` in ASCII letters (anyascii's tables); symbols (™, ©, °, emoji) give nothing. A Chinese
    character starts a word: Chinese writes no spaces, yet each character is a syllable."""
    from anyascii import anyascii

    if unicodedata.category(c).startswith("S"):
        return " "
    out = anyascii(c)
    return " " + out if unicodedata.name(c, "").startswith("CJK UNIFIED IDEOGRAPH") else out


def slugify(text: str, max_words: int = 6) -> str:
    """A ``[a-z0-9-]`` slug of the first words of ``text``, transliterated, so a name stays
    recognisable in its id: accented Latin letters keep their base letter and other scripts are
    spelt in Latin letters ("x" when nothing is left); at most ``ID_MAX`` characters.

    >>> slugify("State of play: AI progress (2025)")
    'state-of-play-ai-progress-2025'
    >>> slugify("Zoë Ångström, Łukasz Żółć")
    'zoe-angstrom-lukasz-zolc'
    >>> slugify("王小明"), slugify("ИВАНОВ Пётр"), slugify("Κώστας"), slugify("Acme™ 2024 🚀")
    ('wang-xiao-ming', 'ivanov-petr', 'kostas', 'acme-2024')
    """
    words = re.findall(r"[a-z0-9]+", "".join(_ascii(c) for c in text).lower())
    return "-".join(words[:max_words])[:ID_MAX].rstrip("-") or "x"


def source_folders(root: Path) -> list[Path]:
    """Every source folder of a sources folder, in id order (hidden folders are not sources)."""
    if not root.is_dir():
        raise ArgmapError(f"{display_path(root)}: no such sources folder")
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
