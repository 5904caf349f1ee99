"""Colours, initials and shapes the visual formats share, so a claim looks the same in the crux map
and in a GraphML file opened in yEd or Gephi: an author's colour and initials, a relation's colour,
a kind's shape. Blue #0072B2 and vermillion #D55E00 are kept for support and attack edges.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence

from argmap.model import ArgMap, Author

RELATION_COLOURS = {"support": "#0072B2", "attack": "#D55E00"}
THESIS_COLOUR = "#333333"
# the crux map's shapes (vis-network) by claim kind, and the nearest yEd shape
KIND_SHAPES = {"position": ("star", "hexagon"), "premise": ("dot", "ellipse"),
               "evidence": ("square", "rectangle"), "prediction": ("triangle", "triangle"),
               "concession": ("diamond", "diamond"), "thesis": ("box", "roundrectangle")}

__all__ = ["AUTHOR_COLOURS", "KIND_SHAPES", "RELATION_COLOURS", "THESIS_COLOUR", "author_colours",
           "author_initials", "authors_by_claims", "claim_counts", "colours_for", "ink", "rgb"]

# Nine colours that stay apart (CIEDE2000 >= 13) for normal vision and under simulated protanopia,
# deuteranopia and tritanopia (Machado et al. 2009), from Paul Tol's and Okabe-Ito's schemes; blue
# #0072B2 and vermillion #D55E00 are left to support and attack edges. Nine colours cannot tell
# fourteen authors apart, so every node and list also carries the author's initials.
AUTHOR_COLOURS = ("#FFAABB", "#AA4499", "#882255", "#999933", "#EE3377", "#EEDD88", "#66CCEE",
                  "#117733", "#009988")

def colours_for(authors: Sequence[Author], claims: Mapping[str, int]) -> dict[str, str]:
    """Each author's colour: the nine most prolific get nine different ones, and nobody is
    re-coloured by an author with fewer claims joining the map.

    Authors pick in order of their number of claims (ties: id), each the colour a hash of their id
    names or, if a more prolific author has it, the next free one; after nine, colours repeat.
    So an author's colour depends only on their id and on the authors with more claims than them:
    unlike colours handed out by rank, a newcomer cannot shift everyone below them.

    >>> two = colours_for([Author("a", "A"), Author("b", "B")], {"a": 5, "b": 3})
    >>> three = colours_for([Author("a", "A"), Author("b", "B"), Author("z", "Z")], {"a": 5, "b": 3})
    >>> two["a"] != two["b"] and {k: three[k] for k in two} == two
    True
    """
    out: dict[str, str] = {}
    taken: set[int] = set()
    for a in sorted(authors, key=lambda a: (-claims.get(a.id, 0), a.id)):
        if len(taken) == len(AUTHOR_COLOURS):
            taken = set()  # a new round: colours repeat, initials tell the authors apart
        digest = hashlib.sha256(a.id.encode("utf-8")).digest()
        slot = int.from_bytes(digest[:8], "big") % len(AUTHOR_COLOURS)
        while slot in taken:
            slot = (slot + 1) % len(AUTHOR_COLOURS)
        taken.add(slot)
        out[a.id] = AUTHOR_COLOURS[slot]
    return out


def ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG contrast).

    >>> ink("#EEDD88"), ink("#882255")
    ('#000000', '#ffffff')
    """
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lum = sum(w * (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
              for w, c in zip((0.2126, 0.7152, 0.0722), channels, strict=True))
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def author_initials(authors: Sequence[Author]) -> dict[str, str]:
    """Two letters per author that tell them apart where colours repeat: first and last name.

    A one-word name gives its first two letters, a CamelCase one its capitals; a parenthesis is
    ignored. Clashes get a digit, in id order.

    >>> author_initials([Author("k", "Andrej Karpathy"), Author("h", "HunterJay"), Author("b", "bayeslord"),
    ...                  Author("a", "Anna Kowal")])
    {'a': 'AK', 'b': 'Ba', 'h': 'HJ', 'k': 'AK2'}
    """
    out: dict[str, str] = {}
    taken: dict[str, int] = {}
    for a in sorted(authors, key=lambda a: a.id):
        name = re.sub(r"\([^)]*\)", " ", a.name)
        words = [w for w in re.split(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])", name) if w and w[0].isalnum()]
        if len(words) >= 2:
            two = (words[0][0] + words[-1][0]).upper()
        elif words:
            two = words[0][:1].upper() + words[0][1:2].lower()
        else:
            two = a.id[:2].upper()
        taken[two] = taken.get(two, 0) + 1
        out[a.id] = two if taken[two] == 1 else f"{two}{taken[two]}"
    return dict(sorted(out.items()))


def claim_counts(argmap: ArgMap) -> dict[str, int]:
    """Author id → how many claims of the map are theirs."""
    counts: dict[str, int] = {}
    for c in argmap.claims:
        counts[c.author] = counts.get(c.author, 0) + 1
    return counts


def authors_by_claims(argmap: ArgMap) -> list[tuple[Author, int]]:
    """Authors with their claim counts, most claims first (ties by id)."""
    counts = claim_counts(argmap)
    return [(a, counts.get(a.id, 0)) for a in sorted(argmap.authors, key=lambda a: (-counts.get(a.id, 0), a.id))]


def author_colours(argmap: ArgMap) -> dict[str, str]:
    """Author id → colour (``#RRGGBB``), as :func:`colours_for` picks them for this map."""
    return colours_for(argmap.authors, claim_counts(argmap))


def rgb(colour: str) -> tuple[int, int, int]:
    """``#RRGGBB`` as (r, g, b)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
