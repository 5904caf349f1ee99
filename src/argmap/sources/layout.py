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


# Latin letters that Unicode does not decompose into a base letter and a mark.
_LATIN = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
                        "þ": "th", "ı": "i"})


def slugify(text: str, max_words: int = 6) -> str:
    """A ``[a-z0-9-]`` slug of the first words of ``text``; accented Latin letters keep their
    base letter, so a name stays recognisable in its id.

    >>> slugify("State of play: AI progress (2025)")
    'state-of-play-ai-progress-2025'
    >>> slugify("Zoë Ångström, Łukasz Żółć")
    'zoe-angstrom-lukasz-zolc'
    """
    folded = unicodedata.normalize("NFKD", text.lower().translate(_LATIN))
    words = re.findall(r"[a-z0-9]+", "".join(c for c in folded if not unicodedata.combining(c)))
    return "-".join(words[:max_words]) or "x"


def source_folders(root: Path) -> list[Path]:
    """Every source folder of a sources folder, in id order (hidden folders are not sources)."""
    if not root.is_dir():
        raise ArgmapError(f"{display_path(root)}: no such sources folder")
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
