"""The sentences the crux analysis explains itself with, and the scale that says what a swing means.

One sentence each, read aloud by a debater: the numbers, in value-of-information terms ("settling
X true would raise this thesis from 0.31 to 0.52"), the claim's gist once and the thesis not at
all (every sentence is shown under its thesis, or beside its id). Swings are on the 0–1 standing
scale, and :func:`scale` names their size so that 0.004 is not read as a pivot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# |swing| below each bound gets its word; the rest is "large". A standing moves between 0 and 1,
# so 0.01 is a rounding error in what a reader takes away, 0.05 a nudge, 0.15 a shift of view.
SCALE = ((0.01, "negligible"), (0.05, "small"), (0.15, "moderate"))
LARGE = "large"


def scale(swing: float) -> str:
    """The size of a swing in words (negligible < 0.01 ≤ small < 0.05 ≤ moderate < 0.15 ≤ large)."""
    size = abs(swing)
    return next((word for bound, word in SCALE if size < bound), LARGE)


def size(swing: float) -> str:
    """|swing| with the digits that tell its scale word: 0.011 "small" and 0.009 "negligible" would
    both print as 0.01, and 0.00955 "negligible" as 0.010, which reads "small"."""
    value = abs(swing)
    digits = 3 if value < 0.1 else 2
    while digits < 6 and scale(float(f"{value:.{digits}f}")) != scale(value):
        digits += 1
    return f"{value:.{digits}f}"


def gist(text: str) -> str:
    return f"‘{text}’"


def names(who: Sequence[str], limit: int = 3) -> str:
    """"A", "A and B", "A, B and C", "A, B, C and 4 others"."""
    who = list(who)
    if len(who) > limit:
        return ", ".join(who[:limit]) + f" and {len(who) - limit} others"
    return who[0] if len(who) == 1 else ", ".join(who[:-1]) + " and " + who[-1]


def move(now: float, after: float, what: str) -> str:
    """"raise W from 0.31 to 0.52", "lower W from …", or "leave W at 0.31" (same to 2 decimals)."""
    if f"{after:.2f}" == f"{now:.2f}":
        return f"leave {what} at {now:.2f}"
    verb = "raise" if after > now else "lower"
    return f"{verb} {what} from {now:.2f} to {after:.2f}"


def crux(claim: str, now: float, hi: float, lo: float, accept: Sequence[str],
         reject: Sequence[str]) -> str:
    """Why a claim ranks where it does: its swing on the thesis, and who holds what."""
    swing = hi - lo
    if accept and reject:
        who = f"{names(accept)} {_verb(accept, 'accept')} it; {names(reject)} {_verb(reject, 'reject')} it"
    elif accept or reject:
        side, verb = (accept, "accept") if accept else (reject, "reject")
        who = f"only {names(side)} {_verb(side, verb)} it, nobody declares the opposite"
    else:
        who = "nobody declares a stance on it"
    return (f"Settling {gist(claim)} true would {move(now, hi, 'this thesis')} in the pooled view "
            f"(false: {lo:.2f}), a {scale(swing)} swing of {size(swing)}; {who}.")


GROUP_RE = re.compile(r"\b(?:authors|others|people)\b", re.I)  # "AI 2027 authors (…)", "Unnamed others"


def _verb(who: Sequence[str], verb: str) -> str:
    """'accepts' after one author, 'accept' after several or after a group's name."""
    one = len(who) == 1 and not GROUP_RE.search(who[0].split("(")[0])
    return verb + ("s" if one else "")


def settled(claim: str, a: str, b: str, a_true: bool, a_now: float, a_after: float,
            b_now: float, b_after: float) -> str:
    """What settling a claim two authors part ways on does to each one's standing.

    ``a_after`` is A's standing with the claim settled as B holds it, ``b_after`` B's with it
    settled as A holds it.
    """
    a_side, b_side = ("true", "false") if a_true else ("false", "true")
    a_whose, b_whose = a + "'s standing", b + "'s"
    a_moves = f"{move(a_now, a_after, a_whose)} ({scale(a_after - a_now)})"
    b_moves = f"{move(b_now, b_after, b_whose)} ({scale(b_after - b_now)})"
    return (f"Settled as {b} holds it ({b_side}), {gist(claim)} would {a_moves}; settled as {a} "
            f"holds it ({a_side}), it would {b_moves}.")


def unreached(claim: str, a: str, b: str, a_true: bool) -> str:
    """Two authors part ways on a claim that bears on no thesis of the map."""
    holder, doubter = (a, b) if a_true else (b, a)
    return (f"{holder} holds {gist(claim)} true and {doubter} false, but it reaches no thesis, so "
            f"settling it moves neither standing.")


def double_crux(claim: str, a: str, b: str, gap: float, close_a: float, close_b: float) -> str:
    """Why a claim is a double crux: either outcome moves one author toward the other."""
    return (f"{a} and {b} stand {abs(gap):.2f} apart; settled as {a} holds it, {gist(claim)} "
            f"would close {close_a:.0%} of the gap, settled as {b} holds it {close_b:.0%}: either "
            f"way they converge.")


def non_crux(claim: str, unmoved: str, gap: float, against: float, others: Sequence[str]) -> str:
    """Why a claim two authors disagree on is no double crux: one of them would not move."""
    head = (f"Settling {gist(claim)} against {unmoved} would close at most "
            f"{max(against, 0.0):.0%} of their {abs(gap):.2f} gap")
    if others:
        listed = ", ".join(gist(o) for o in others[:2])
        more = f" and {len(others) - 2} more" if len(others) > 2 else ""
        return f"{head}: {unmoved}'s other reasons ({listed}{more}) hold {unmoved} in place."
    return f"{head}, so it is not a double crux."


def underived(author: str, accepts: bool, basis: str) -> str:
    """A declared stance the map holds no reasons for."""
    stance = "acceptance" if accepts else "rejection"
    return (f"The map holds none of {author}'s reasons on this thesis: the {stance} is declared "
            f"({basis}), not derived.")


def contradicted(author: str, accepts: bool, basis: str, standing: float,
                 pulls: Sequence[tuple[str, str | None, str, float]]) -> str:
    """A declared stance the author's own reasons in the map lean against, and what pulls.

    ``pulls`` are (claim text, its author's name or None for the author's own, how the author
    comes to hold it: "" for own claims, "accepts"/"rejects" for a stance, "raised" when the
    author's claims support it, the standing without it), strongest first.
    """
    verb = "accepts" if accepts else "rejects"
    head = (f"{author} {verb} this thesis ({basis}), but in the map {author}'s own reasons put it "
            f"at {standing:.2f}")
    if not pulls:
        return head + "."
    said = []
    for text, owner, how, without in pulls[:2]:
        whose = f"{owner}'s " if owner else ""
        held = {"raised": f", which {author}'s claims support", "accepts": f", which {author} accepts",
                "rejects": f", which {author} rejects"}.get(how, "")
        said.append(f"{whose}{gist(text)}{held} (without it: {without:.2f})")
    return f"{head}, most of all through {' and '.join(said)}."
