"""Read a Markdown brief back the way a debater does: which claim each #n is, and every link it states.

The brief refers to claims by number: ``**#n gist**`` where a claim is written out, ``#n *gist*
(Author)`` where it is first named, ``#n (Author)`` after that. A link is stated in one of four
ways: a link line under an entry ("Supports the thesis: …", "Attacks #3 (…): …"), an "Also
attacked by: …" / "Also backed by: …" line under an entry, a further-links line ("#t (…):
attacked by …; backed by …"), or a chain line ("#a (…) supports #b (…): …").
"""

from __future__ import annotations

import re
from collections import Counter

from argmap.export.mdtext import inline
from argmap.model import ArgMap

GIST = r"\*(?:\\.|[^*\\])*\*"  # an emphasised gist: escaped characters inside, no bare asterisk
REF = re.compile(rf"(?<!\\)#(\d+)(?: ({GIST}))? \((?:[^()]|\([^()]*\))*\)|(?<![\w#])[Tt]he thesis\b"
                 r"|[Tt]hesis “.*?” \(`(thesis\.[^`]+)`\)")
WRITTEN = re.compile(r"^(?:Rebuttal: |Counter: )?\*\*#(\d+) (.*)\*\*\\$")
SLOT = re.compile(r"^- (?:Rebuttal: |Counter: )?#(\d+) .*\\$")
LINK = re.compile(r"^(Supports|Attacks) ")
ALSO = re.compile(r"^- Also (attacked|backed) by: ")
CHAIN = re.compile(r"^- #(\d+) .*? (supports|attacks) ")


def numbers(text: str, argmap: ArgMap) -> dict[int, str]:
    """#n → claim id, from the gist given where each number first appears."""
    by_gist = {inline(c.gist): c.id for c in argmap.claims}
    found: dict[int, str] = {}
    for m in re.finditer(rf"\*\*#(\d+) (.*?)\*\*\\$|(?<!\\)#(\d+) ({GIST})", text, re.M):
        n, gist = (int(m[1]), m[2]) if m[1] else (int(m[3]), m[4][1:-1])
        claim = by_gist[gist]
        assert found.setdefault(n, claim) == claim, f"#{n} names two claims"
    return found


def links(text: str, argmap: ArgMap) -> Counter[tuple[str, str, str]]:
    """Every (source, type, target) the brief states; "the thesis" is the one of the current "# Brief:"."""
    ids = numbers(text, argmap)
    theses = {f"# Brief: {inline(t.text)}": t.id for t in argmap.theses}
    thesis = None
    kinds = {"supports": "support", "attacks": "attack", "backed": "support", "attacked": "attack"}

    def refs(fragment: str) -> list[str]:
        return [ids[int(m[1])] if m[1] else m[3] or str(thesis) for m in REF.finditer(fragment)]

    found: Counter[tuple[str, str, str]] = Counter()
    owners: list[tuple[int, str]] = []  # (indent, claim) of the entries above the current line
    section = ""
    focus_claim = None
    for line in text.splitlines():
        thesis = theses.get(line, thesis)
        if line.startswith("## "):
            section, owners = line[3:], []
            continue
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        while owners and owners[-1][0] >= indent and stripped:
            owners.pop()
        head = WRITTEN.match(stripped.removeprefix("- "))
        if head and (stripped.startswith("- ") or indent == 0):
            owners.append((indent, ids[int(head[1])]))
            if indent == 0 and not stripped.startswith("- "):
                focus_claim = ids[int(head[1])]
            continue
        if SLOT.match(stripped):
            owners.append((indent, ids[int(SLOT.match(stripped)[1])]))
            continue
        if section == "Further links" and stripped.startswith("- "):
            target = REF.match(stripped, 2)
            kind = None
            for m in re.finditer(rf"(attacked|backed) by |{REF.pattern}", stripped[target.end():]):
                if m[1]:
                    kind = kinds[m[1]]
                else:
                    found[(refs(m[0])[0], str(kind), refs(target[0])[0])] += 1
            continue
        if section == "How it reaches the thesis" and (m := CHAIN.match(stripped)):
            source, target = refs(stripped)[:2]
            found[(source, kinds[m[2]], target)] += 1
            continue
        if (m := ALSO.match(stripped)) and owners:
            found.update((s, kinds[m[1]], owners[-1][1]) for s in refs(stripped[m.end():]))
            continue
        body = stripped.removeprefix("- ")
        if verb := LINK.match(body):
            target = refs(body[verb.end():])[0]
            source = focus_claim if section == "What it bears on" else owners[-1][1]
            found[(str(source), kinds[verb[1].lower()], target)] += 1
    return found
