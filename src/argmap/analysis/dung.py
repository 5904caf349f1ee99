"""Dung semantics over the attack relation: a discrete cross-check of the gradual ranking.

Supports become attacks under the *necessary* reading (Nouioua & Risch 2010; docs/crux-method.md
§d.2): "a supports b" means b needs a. With D*(x) the claims reachable from x along supports
(x included), every attack x→a yields x'→a' for all x' ∈ D*(x), a' ∈ D*(a): the *secondary*
attacks (attacking a premise attacks what needs it) and the *extended* attacks (what needs an
attacker inherits its attacks). That set is closed under both rules. Derived self-attacks are
kept (C&LS 2005; formal-argumentation drops them). ``support="deductive"`` reverses supports;
``support="ignore"`` uses attacks only.

Grounded: linear labelling queue. Complete/preferred/stable: backtracking over the arguments the
grounded labelling leaves undecided, with conflict pruning; exact, but exponential in that
residual, so it refuses residuals above ``max_undecided`` (default 24) instead of hanging.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from argmap.analysis.qbaf import QBAF

IN, OUT, UNDEC = "in", "out", "undec"


@dataclass(frozen=True)
class AF:
    """An abstract argumentation framework: arguments and attacks (src attacks dst)."""

    arguments: frozenset[str]
    attacks: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, arguments: Iterable[str], attacks: Iterable[tuple[str, str]]) -> AF:
        attacks = frozenset(attacks)
        return cls(frozenset(arguments) | {x for e in attacks for x in e}, attacks)

    @cached_property
    def attackers(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {a: set() for a in self.arguments}
        for src, dst in self.attacks:
            out[dst].add(src)
        return out

    @cached_property
    def targets(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {a: set() for a in self.arguments}
        for src, dst in self.attacks:
            out[src].add(dst)
        return out


def from_qbaf(q: QBAF, support: str = "necessary") -> AF:
    """The attack-only AF of a QBAF under the chosen support reading."""
    if support == "ignore":
        return AF.of(q.arguments, q.attacks)
    edges = q.supports if support == "necessary" else [(b, a) for a, b in q.supports]
    if support not in ("necessary", "deductive"):
        raise ValueError(f"unknown support reading {support!r}")
    succ: dict[str, list[str]] = {}
    for a, b in edges:
        succ.setdefault(a, []).append(b)
    closure: dict[str, set[str]] = {}

    def reach(x: str) -> set[str]:
        if x not in closure:
            seen, stack = {x}, [x]
            while stack:
                for y in succ.get(stack.pop(), ()):
                    if y not in seen:
                        seen.add(y)
                        stack.append(y)
            closure[x] = seen
        return closure[x]

    derived = {(x2, a2) for x, a in q.attacks for x2 in reach(x) for a2 in reach(a)}
    return AF.of(q.arguments, derived)


def grounded(af: AF) -> dict[str, str]:
    """Grounded labelling by the linear queue: IN when all attackers are OUT."""
    label = {a: UNDEC for a in af.arguments}
    missing = {a: len(af.attackers[a]) for a in af.arguments}
    queue = deque(a for a, k in missing.items() if k == 0)
    while queue:
        a = queue.popleft()
        label[a] = IN
        for b in af.targets[a]:
            if label[b] == UNDEC:
                label[b] = OUT
                for c in af.targets[b]:
                    missing[c] -= 1
                    if missing[c] == 0 and label[c] == UNDEC:
                        queue.append(c)
    return label


def grounded_extension(af: AF) -> frozenset[str]:
    return frozenset(a for a, lab in grounded(af).items() if lab == IN)


def complete_extensions(af: AF, max_undecided: int = 24) -> list[frozenset[str]]:
    """All complete extensions: grounded IN plus each admissible, complete choice of the rest."""
    label = grounded(af)
    base = frozenset(a for a, lab in label.items() if lab == IN)
    rest = sorted(a for a, lab in label.items() if lab == UNDEC)
    if len(rest) > max_undecided:
        raise ValueError(f"{len(rest)} undecided arguments exceed max_undecided={max_undecided}")
    found: list[frozenset[str]] = []
    _search(af, rest, 0, set(base), set(), found)
    return found


def _search(af: AF, rest: list[str], i: int, chosen: set[str], banned: set[str],
            found: list[frozenset[str]]) -> None:
    """Enumerate conflict-free choices over ``rest``; keep the complete ones."""
    if i == len(rest):
        if _is_complete(af, chosen):
            found.append(frozenset(chosen))
        return
    a = rest[i]
    if a not in banned and a not in af.attackers[a]:
        clash = (af.attackers[a] | af.targets[a]) - banned
        chosen.add(a)
        banned |= clash
        _search(af, rest, i + 1, chosen, banned, found)
        banned -= clash
        chosen.discard(a)
    _search(af, rest, i + 1, chosen, banned, found)


def _is_complete(af: AF, s: set[str]) -> bool:
    attacked = {b for a in s for b in af.targets[a]}
    defended = {a for a in af.arguments if af.attackers[a] <= attacked}
    return defended == s  # admissible (s ⊆ defended) and complete (defended ⊆ s)


def preferred_extensions(af: AF, max_undecided: int = 24) -> list[frozenset[str]]:
    """Maximal complete extensions (equivalently maximal admissible sets)."""
    complete = complete_extensions(af, max_undecided)
    return [e for e in complete if not any(e < f for f in complete)]


def stable_extensions(af: AF, max_undecided: int = 24) -> list[frozenset[str]]:
    """Complete extensions that attack every argument outside them."""
    out = []
    for e in complete_extensions(af, max_undecided):
        attacked = {b for a in e for b in af.targets[a]}
        if e | attacked == af.arguments:
            out.append(e)
    return out


def acceptance(af: AF, argument: str, semantics: str = "preferred") -> tuple[bool, bool]:
    """(credulously, sceptically) accepted under preferred or stable semantics.

    With no stable extension, sceptical acceptance is vacuously true and credulous false.
    """
    exts = preferred_extensions(af) if semantics == "preferred" else stable_extensions(af)
    return any(argument in e for e in exts), all(argument in e for e in exts)


def discrete_swing(af: AF, thesis: str, claim: str) -> tuple[str, str]:
    """Grounded label of the thesis under do(claim=IN) and do(claim=OUT) (§a.10).

    IN deletes the claim's attackers' attacks on it; OUT deletes the claim. A pair of different
    labels means settling the claim flips the thesis in the discrete semantics too.
    """
    as_in = AF.of(af.arguments, {(s, d) for s, d in af.attacks if d != claim})
    as_out = AF.of(af.arguments - {claim}, {(s, d) for s, d in af.attacks if claim not in (s, d)})
    return grounded(as_in)[thesis], grounded(as_out).get(thesis, OUT)
