"""Building ``graph/``: every output rendered from one load and one analysis, then written.

The built folder holds the map (``argmap.ttl``), the crux analysis (``analysis.ttl``), the crux
report (``cruxes.md``), the crux map (``cruxmap.html``) and ``manifest.json``: a digest of each
output and of every sources file the build read. Commands that read ``graph/`` instead of the
sources (``query``, ``push``) compare that digest with the sources folder as it is now and warn
when the map was built from other sources. They warn rather than rebuild: a query is read-only
and should not write ``graph/`` behind the user's back (a build takes seconds here, minutes at
100k claims).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.errors import ArgmapError
from argmap.files import locked, write_generation
from argmap.model import ArgMap
from argmap.sources.layout import (
    AUTHORS_FILE,
    CLAIMS_FILE,
    SOURCE_FILE,
    TEXT_FILE,
    THESES_FILE,
    source_folders,
)

if TYPE_CHECKING:
    from argmap.analyze import MapAnalysis

TURTLE = "argmap.ttl"
ANALYSIS = "analysis.ttl"
CRUX_REPORT = "cruxes.md"
CRUXMAP = "cruxmap.html"
MANIFEST = "manifest.json"
OUTPUTS = (TURTLE, ANALYSIS, CRUX_REPORT, CRUXMAP)


def render(argmap: ArgMap, analysis: MapAnalysis) -> dict[str, str]:
    """File name → text of every output, rendered before anything is written."""
    from argmap.analyze import Partner, matrix
    from argmap.export import cruxmap, report
    from argmap.rdf import assessment
    from argmap.rdf.turtle import to_turtle

    partner = Partner(argmap, analysis=analysis)
    partings = partner.between_many(partner.pairs(report.PAIRS))
    matrices = [matrix(argmap, analysis, t, report.MATRIX_TOP, partner) for t in analysis.reports]
    return {
        TURTLE: to_turtle(argmap),
        ANALYSIS: assessment.to_turtle(analysis),
        CRUX_REPORT: report.render(argmap, analysis, partings=partings, matrices=matrices),
        CRUXMAP: cruxmap.render(argmap, analysis.ranked(), versus=[p.as_dict(argmap) for p in partings]),
    }


def sources_digest(sources_dir: Path) -> dict[str, str]:
    """sha256 of every file the loader reads, by path relative to the sources folder."""
    root = Path(sources_dir)
    if not root.is_dir():
        return {}
    files = [root / AUTHORS_FILE, root / THESES_FILE]
    for folder in source_folders(root):
        files += [folder / SOURCE_FILE, folder / TEXT_FILE, folder / CLAIMS_FILE]
    return {f.relative_to(root).as_posix(): _sha256(f.read_bytes()) for f in files if f.is_file()}


def manifest(outputs: dict[str, str], sources: dict[str, str]) -> str:
    """The manifest's text: deterministic (no time stamps), so equal builds give equal bytes."""
    files = {name: _sha256(text.encode("utf-8")) for name, text in sorted(outputs.items())}
    generation = _sha256(json.dumps(files, sort_keys=True).encode("utf-8"))
    return json.dumps({"generation": generation, "files": files, "sources": sources},
                      indent=1, sort_keys=True) + "\n"


def write(out: Path, outputs: dict[str, str], sources: dict[str, str]) -> list[Path]:
    """Replace the build in ``out`` by ``outputs`` and their manifest, as one generation.

    A second build of the same folder waits for the first; a reader sees the old build or the
    new one, never a mix; a failure (a full disk, a kill) leaves the old build whole. A folder
    that holds files argmap did not write is refused, never replaced.
    """
    out = Path(out)
    files = {**outputs, MANIFEST: manifest(outputs, sources)}
    with locked(out):
        refuse_foreign(out)
        write_generation(out, files)
    return [out / name for name in files]


def refuse_foreign(out: Path) -> None:
    """Refuse ``out`` unless it is missing, empty, or a build (hidden entries, caches, are kept)."""
    if out.exists() and not out.is_dir():
        raise ArgmapError(f"{out} is a file, not a folder: choose another --out")
    if not out.is_dir():
        return
    foreign = sorted(p.name for p in out.iterdir()
                     if not p.name.startswith(".") and p.name not in (*OUTPUTS, MANIFEST))
    if foreign:
        shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
        raise ArgmapError(f"{out} holds files argmap did not write ({shown}): not replacing it; "
                          "choose another --out or move them away")


@dataclass(frozen=True)
class Staleness:
    """How the sources differ from those a built map was made from."""

    changed: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed)

    def message(self, out: Path, sources: Path) -> str:
        parts = [f"{label} {', '.join(names[:3])}{' …' if len(names) > 3 else ''}"
                 for label, names in (("changed:", self.changed), ("new:", self.added),
                                      ("gone:", self.removed)) if names]
        return (f"{out} was built from other sources than {sources} holds now ({'; '.join(parts)}): "
                f"answers come from the last build; run `argmap build` to bring it up to date")


def staleness(out: Path, sources_dir: Path) -> Staleness | None:
    """What changed in ``sources_dir`` since ``out`` was built (None: no manifest to compare)."""
    path = Path(out) / MANIFEST
    if not path.is_file() or not Path(sources_dir).is_dir():
        return None
    try:
        built = json.loads(path.read_text(encoding="utf-8"))["sources"]
    except (ValueError, KeyError, TypeError):
        return None
    now = sources_digest(Path(sources_dir))
    folders = {k.split("/", 1)[0] for k in now if "/" in k}
    if folders and not folders & {k.split("/", 1)[0] for k in built if "/" in k}:
        return None  # not one source in common: a map built from another sources folder, not an old build
    return Staleness(
        changed=tuple(sorted(k for k in now.keys() & built.keys() if now[k] != built[k])),
        added=tuple(sorted(now.keys() - built.keys())),
        removed=tuple(sorted(built.keys() - now.keys())),
    )


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
