"""Colours and shapes the visual formats share, so a claim looks the same in the crux map and in
a GraphML file opened in yEd or Gephi: an author's colour, a relation's colour, a kind's shape.

Okabe–Ito colours first (colour-blind safe), then Paul Tol's "light" scheme; blue #0072B2 and
vermillion #D55E00 are kept for support and attack edges. Authors are coloured in order of how
many claims they have (most first), so the main voices get the most distinct colours.
"""

from __future__ import annotations

from argmap.model import ArgMap, Author

AUTHOR_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#F0E442", "#BBCC33", "#FFAABB",
                  "#44BB99", "#EE8866", "#AAAA00", "#99DDFF", "#DDDDDD")
RELATION_COLOURS = {"support": "#0072B2", "attack": "#D55E00"}
THESIS_COLOUR = "#333333"
# the crux map's shapes (vis-network) by claim kind, and the nearest yEd shape
KIND_SHAPES = {"position": ("star", "hexagon"), "premise": ("dot", "ellipse"),
               "evidence": ("square", "rectangle"), "prediction": ("triangle", "triangle"),
               "concession": ("diamond", "diamond"), "thesis": ("box", "roundrectangle")}

__all__ = ["AUTHOR_COLOURS", "KIND_SHAPES", "RELATION_COLOURS", "THESIS_COLOUR", "author_colours",
           "authors_by_claims", "rgb"]


def authors_by_claims(argmap: ArgMap) -> list[tuple[Author, int]]:
    """Authors with their claim counts, most claims first (ties by id)."""
    counts: dict[str, int] = {}
    for c in argmap.claims:
        counts[c.author] = counts.get(c.author, 0) + 1
    return [(a, counts.get(a.id, 0)) for a in sorted(argmap.authors, key=lambda a: (-counts.get(a.id, 0), a.id))]


def author_colours(argmap: ArgMap) -> dict[str, str]:
    """Author id → colour (``#RRGGBB``)."""
    return {a.id: AUTHOR_COLOURS[i % len(AUTHOR_COLOURS)] for i, (a, _) in enumerate(authors_by_claims(argmap))}


def rgb(colour: str) -> tuple[int, int, int]:
    """``#RRGGBB`` as (r, g, b)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
