"""Cue each unit: connective class, modality, hedges, and a claim kind.

The connective lexicon is ours (written from PDTB sense names and argumentation-mining
indicator categories, which are facts, not corpus data). Each class says what a unit that
*begins* with the marker usually does: a reason supports what it explains, a contrast attacks
what precedes it, a concession voices the opponent, a conclusion is the claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span

CONNECTIVES: dict[str, tuple[str, ...]] = {
    "reason": (
        "because", "since", "as", "for", "after all", "given that", "the reason is",
        "the reason being", "due to the fact that", "owing to the fact that", "seeing that",
    ),
    "conclusion": (
        "therefore", "thus", "hence", "consequently", "so", "that is why", "which is why",
        "this is why", "that's why", "in conclusion", "all in all", "ultimately", "to sum up",
        "overall",
        "as a result", "accordingly", "for this reason", "for these reasons", "this shows that",
        "in short", "in sum", "all things considered",
    ),
    "addition": (
        "furthermore", "moreover", "besides", "also", "in addition", "additionally",
        "what is more", "what's more", "on top of that", "not only", "apart from that",
        "another", "secondly", "thirdly", "finally", "lastly", "firstly", "first of all",
    ),
    "example": ("for example", "for instance", "e.g.", "such as", "to illustrate"),
    "contrast": (
        "but", "however", "yet", "nevertheless", "nonetheless", "still", "on the other hand",
        "then again", "whereas", "instead", "rather", "in fact", "on the contrary",
        "even so", "that said", "having said that", "all the same", "despite this",
        "in spite of this",
    ),
    "concession": (
        "although", "though", "even though", "even if", "admittedly", "of course", "granted",
        "sure", "certainly", "indeed", "it is true that", "it's true that", "true,", "yes,",
        "some may", "some might", "some people", "some say", "some argue", "some claim",
        "critics", "opponents", "one might", "one could", "many people", "it could be argued",
        "it may be", "while", "whilst", "no doubt", "at first glance", "at first sight",
        "on the face of it", "it may seem", "it might seem",
    ),
    "condition": ("if", "unless", "as long as", "provided that", "only if", "in case"),
}

THESIS_PHRASES = (
    "i think", "i believe", "in my opinion", "in my view", "i am convinced", "i'm convinced",
    "i argue", "it is clear that", "i am of the opinion", "i find", "i feel", "my view",
    "i would argue", "i'd argue", "i am sure", "i'm sure", "we need", "we must", "we should",
)
DEONTIC = ("should", "must", "ought", "shall")
DEONTIC_PHRASES = ("need to", "needs to", "have to", "has to", "had better")
HEDGES = (
    "may", "might", "could", "perhaps", "possibly", "probably", "likely", "seem", "seems",
    "appear", "appears", "suggest", "suggests", "tend to", "tends to", "arguably", "somewhat",
    "i think", "maybe",
)
BOOSTERS = (
    "clearly", "certainly", "undoubtedly", "obviously", "definitely", "of course", "in fact",
    "surely", "without doubt",
)
EVIDENCE_PHRASES = (
    "according to", "study", "studies", "survey", "report", "data show", "data shows",
    "found that", "find that", "et al", "for example", "for instance", "e.g.", "statistics",
    "research shows", "evidence", "measured", "benchmark", "percent", "%",
)
# Not "probably" or "likely": hedges, as often on the present ("a third of you probably would
# qualify"); not the noun "forecast" ("this new forecast"): the verb is found by its tag in cue()
PREDICTION_PHRASES = (
    "is going to", "are going to", "is set to", "are set to", "on track to", "will", "won't",
    "'ll", "by 20", "next decade", "next year", "soon", "predict", "expect",
    "anticipate", "in the future",
)
# "within" / "in" are future cues only before a span of time ("within five years", "in less than
# three years"; not "within labs")
WITHIN_TIME_RE = re.compile(
    r"\b(?:within|in(?: less than| under| about)?|over) (?:the next |the coming |a few |the |a |an )?(?:[\w-]+ )?"
    r"(?:years?|decades?|months?|weeks?|days?|generations?)\b")
INFERENCE_ADVERBS = (
    "therefore", "thus", "hence", "consequently", "that is why", "that's why", "this is why",
    "which is why", "for this reason", "for these reasons",
)
SUBORDINATING = frozenset(
    {"because", "since", "as", "although", "though", "even though", "even if", "whereas",
     "while", "whilst", "unless", "if", "given that", "seeing that", "due to the fact that",
     "owing to the fact that"}
)
LEADING_FILLERS = ("and", "but", "yes,", "so")
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "this", "that", "i", "you", "there"})


def _norm(text: str) -> str:
    return " " + " ".join(text.lower().replace("’", "'").split()) + " "


def _starts(text: str, marker: str) -> bool:
    """``text`` (normalised, leading space) begins with ``marker`` as whole words."""
    m = " " + marker
    if not text.startswith(m):
        return False
    rest = text[len(m) :]
    return marker.endswith((",", ".")) or rest[:1] in (" ", ",", ":", ";")


def lead_marker(text: str, _depth: int = 0) -> tuple[str, str] | None:
    """(class, marker) of the connective the unit begins with, allowing a leading 'and'
    (looking past at most three leading fillers: "so so so …" is not a connective)."""
    t = _norm(text)
    best: tuple[str, str] | None = None
    for cls, markers in CONNECTIVES.items():
        for marker in markers:
            if _starts(t, marker) and (best is None or len(marker) > len(best[1])):
                best = (cls, marker)
    if best == ("reason", "for") and t.split()[1:2] and t.split()[1] not in PRONOUNS:
        best = None  # "for" is a conjunction only before a pronoun subject ("for it is ...")
    if _depth >= 3:
        return best
    if best and best[1] in LEADING_FILLERS:
        # "and therefore", "but because", "so although": the second marker is the real lead
        rest = t[len(best[1]) + 1 :].lstrip(" ,")
        inner = lead_marker(rest, _depth + 1)
        if inner and inner[1] not in LEADING_FILLERS:
            return inner
    if best is None and _starts(t, "and"):
        inner = lead_marker(t[4:], _depth + 1)
        if inner:
            return inner
    return best


def contains_any(text: str, phrases: tuple[str, ...], normalised: bool = False) -> list[str]:
    """Phrases found in the unit as whole words (``normalised`` = text is from ``_norm``)."""
    t = text if normalised else _norm(text)
    found = []
    for p in phrases:
        if p.endswith(("%", ".")) or p.startswith("'"):
            hit = p in t
        else:
            hit = f" {p} " in t or f" {p}," in t or f" {p}." in t or f" {p}?" in t
        if hit:
            found.append(p)
    return found


@dataclass
class Cues:
    """What the unit's words say about its argumentative job."""

    lead: tuple[str, str] | None
    markers: list[tuple[str, str]] = field(default_factory=list)
    deontic: list[str] = field(default_factory=list)
    thesis: list[str] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    boosters: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    prediction: list[str] = field(default_factory=list)
    number: bool = False
    negation: bool = False
    first_person: bool = False
    question: bool = False
    imperative: bool = False
    subordinate_lead: bool = False
    inference: list[str] = field(default_factory=list)  # "therefore" etc. anywhere in the unit
    rejects: str = ""  # "I think this story is wrong": the unit rejects what it follows
    words: int = 0

    @property
    def lead_class(self) -> str | None:
        return self.lead[0] if self.lead else None


REPORTING_VERBS = frozenset(  # word forms: drafting parses without the lemmatizer
    f"{v}{end}" for v in ("argue", "assert", "assume", "believe", "claim", "contend", "counter", "expect",
                          "fear", "insist", "maintain", "object", "point", "posit", "predict", "respond",
                          "say", "suggest", "think", "warn")
    for end in ("", "s", "d", "ed")
) | {"said", "thought", "held", "holds", "wrote", "writes", "reply", "replies", "replied"}
THIRD_PARTIES = frozenset({
    "advocates", "analysts", "believers", "boosters", "commentators", "critics", "defenders", "doomers",
    "economists", "experts", "forecasters", "many", "observers", "others", "opponents", "optimists",
    "people", "pessimists", "proponents", "pundits", "researchers", "sceptics", "skeptics", "some",
    "supporters",
})
GROUP_WORDS = frozenset({"many", "some", "most", "several", "few", "other"})  # "many forecasters"
PERCEIVING = frozenset({"see", "seeing", "hear", "hearing", "read", "reading", "keep", "notice", "noticed"})
_OPENING = r"^\W*(?:(?:and|but|so|now|yet),? )?"
_PARTY = "|".join(sorted(THIRD_PARTIES))
_ONE_PARTY = "|".join(sorted(p[:-1] for p in THIRD_PARTIES if p.endswith("s") and p != "others"))
# Frames that say the view is someone else's before the parse gets a say (the small parser reads
# "reply" in "Defenders of fast takeoff reply that …" as a noun). Only frames that name a holder
# or mark the view as received: "The argument (of this essay) is that …" and "The case for X is
# that …" introduce the author's own argument as often as anyone's.
REPORTED_FRAME = re.compile(
    _OPENING + r"(?:(?:the|many|some|most|other|their) )?(?P<who>" + _PARTY + r")"
    r"(?: (?:of|for|from) (?!(?:our|my|us|me|this|these|the data)\b)[^,.;:]{1,60}?)? (?P<verb>"
    + "|".join(sorted({f"{v}{e}" for v in ("argue", "claim", "contend", "insist", "maintain", "predict",
                                           "respond", "say", "suggest", "warn") for e in ("", "s", "d", "ed")}
                      | {"reply", "replied", "said", "note", "noted", "notes"})) + r") that\b"
    + r"|" + _OPENING + r"(?:the|a|one) (?:usual|standard|received|popular|conventional|common|familiar"
    r"|typical|frequent) (?:argument|story|narrative|view|objection|reply|response|claim|line|wisdom"
    r"|worry|complaint)(?: (?:for|of|against|from) [^,.;:]{1,60}?)? (?:goes|runs|is that)\b"
    + r"|" + _OPENING + r"(?:the|a|an) (?:" + _ONE_PARTY + r")(?:['’]s|s['’]) (?:argument|view|claim|case"
    r"|objection|story|reply|position) (?:goes|runs|is that)\b"
    + r"|" + _OPENING + r"it (?:is|has been|was) (?:often |commonly |widely |sometimes |frequently |long )?"
    r"(?:said|argued|claimed|believed|assumed|suggested|held) that\b"
    + r"|" + _OPENING + r"(?:you|we|one) (?:often |sometimes |frequently |keep )?(?:hear|hearing|read)"
    r"(?: (?:people|it) (?:say|said|claim))? that\b"
    + r"|" + _OPENING + r"according to (?:the |many |some |most )*(?:" + _PARTY + r")\b", re.I)


# A unit that opens by rejecting what it follows ("I think this story is wrong, …", "I disagree."):
# what it follows is a view the author answers, as "X. But Y" makes X one.
REJECTION_RE = re.compile(
    _OPENING + r"(?:(?:i|we) (?:think|believe|would say),? )?(?:this|that|the|their|such an?|all this) "
    r"(?:story|argument|view|claim|reasoning|idea|picture|prediction|forecast|thesis|case|logic|narrative)"
    r" (?:is|seems|looks|sounds) (?:(?:just|simply|mostly|badly|deeply) )?(?:wrong|mistaken|false|flawed"
    r"|misguided|confused|overstated|naive|too simple)\b"
    r"|" + _OPENING + r"(?:i (?:disagree|don['’]t buy (?:it|this|that)|do not buy (?:it|this|that))"
    r"|(?:this|that) is (?:wrong|false|not true|not so|nonsense|a mistake))\b", re.I)


GRANTS_BUT = re.compile(r",\s+but\s+(.+)", re.I | re.S)


def reported_view(span: Span) -> str:
    """"Kelly claims that …", "many proponents expect …": the unit reports what someone other
    than the author holds (their words, not the author's). The subject and verb, or ""."""
    frame = REPORTED_FRAME.match(span.text)
    if frame:
        words = f"{frame['who']} {frame['verb']}" if frame["who"] else " ".join(frame[0].split()).strip(" .,:;")
        return words.lower().removeprefix("and ").removeprefix("but ").removeprefix("so ")
    root = next((t for t in span if t.dep_ == "ROOT"), None)
    if root is not None and root.lower_ in PERCEIVING:  # "I keep seeing people claim that …"
        root = next((t for t in root.subtree if t.dep_ in ("ccomp", "xcomp") and t.lower_ in REPORTING_VERBS
                     and t.i - span.start < 8), root)
    if root is None or root.lower_ not in REPORTING_VERBS:
        return ""
    if not any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "prt" and c.lower_ == "out") for c in root.children):
        return ""
    for subj in (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")):
        if any(t.lower_ in ("our", "my", "us", "me", "we") for t in subj.subtree):
            continue  # "Some of our results suggest that …": the author's own evidence
        head = subj.lower_
        group = any(c.lower_ in GROUP_WORDS for c in subj.children if c.dep_ in ("amod", "det"))
        if (subj.tag_ in ("NNP", "NNPS") or head in ("he", "she", "they") or head in THIRD_PARTIES
                or (group and subj.tag_ == "NNS")):
            return f"{head} {root.lower_}"
    return ""


def holds_its_main_clause(span: Span, marker: str) -> bool:
    """"Even if X, Y" or "Because X, Y" drafted as one unit (a long text's whole sentence): the
    marker opens a clause that hangs off the sentence's main clause, and the main clause is in
    the unit too, so the marker joins two clauses inside the unit: the unit asserts Y, granting
    or giving X on the way, and the marker says nothing of how it bears on its neighbours. (A
    clause unit "Even if X," of a short text holds no root of its own and keeps its marker.)"""
    root = next((t for t in span if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    word = marker.split()[-1]
    mark = next((t for t in span[:6] if t.lower_ == word and t.dep_ == "mark"), None)
    if mark is not None:
        return mark.head.i != root.i
    comma = next((t for t in span if t.text == ","), None)  # "Given that X, Y": 'that' parsed as a determiner
    return comma is not None and root.i > comma.i


def cue(span: Span) -> Cues:
    """The cues of one unit (a span of a parsed doc)."""
    text = _norm(span.text)
    lead = lead_marker(span.text)
    granted = bool((turn := GRANTS_BUT.search(text)) and len(turn[1].split()) >= 3)
    if lead and lead[1] in SUBORDINATING and holds_its_main_clause(span, lead[1]):
        lead = None
    elif lead and lead[0] == "concession" and turn and granted:
        # "Sure, but X" grants what came before and counters it; "Critics say Y, but X" grants Y
        # inside the unit and asserts X, which says nothing of how it bears on its neighbours
        lead = ("contrast", "but") if len(text[: turn.start()].split()) <= 2 else None
    if lead is None and not granted:
        reported = reported_view(span)
        lead = ("concession", reported) if reported else None
    toks = [t for t in span if not t.is_space]
    words = [t for t in toks if not t.is_punct]
    deontic = [t.lower_ for t in toks if t.tag_ == "MD" and t.lower_ in DEONTIC]
    deontic += contains_any(text, DEONTIC_PHRASES, True)
    root = next((t for t in toks if t.dep_ == "ROOT"), None)
    imperative = bool(
        root is not None
        and root.tag_ == "VB"
        and root.i == span.start
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in root.children)
    )
    markers = [
        (cls, m) for cls, ms in CONNECTIVES.items() for m in ms
        if len(m) > 3 and m in text and contains_any(text, (m,), True)
    ]
    prediction = contains_any(text, PREDICTION_PHRASES, True)
    prediction += [m.group(0) for m in WITHIN_TIME_RE.finditer(text)][:1]
    prediction += [t.lower_ for t in toks if t.tag_ == "MD" and t.lower_ in ("will", "wo")]
    prediction += [t.lower_ for t in toks if t.tag_.startswith("VB") and t.lower_.startswith("forecast")]
    return Cues(
        lead=lead,
        markers=markers,
        deontic=deontic,
        thesis=contains_any(text, THESIS_PHRASES, True),
        hedges=contains_any(text, HEDGES, True),
        boosters=contains_any(text, BOOSTERS, True),
        evidence=contains_any(text, EVIDENCE_PHRASES, True),
        prediction=sorted(set(prediction)),
        number=any(t.like_num and t.lower_ not in ("one",) for t in toks),
        negation=any(t.dep_ == "neg" or t.lower_ in ("no", "never", "without") for t in toks),
        first_person=any(t.lower_ in ("i", "me", "my", "mine", "myself") for t in toks),
        question=text.rstrip().endswith("?"),  # _norm keeps punctuation
        imperative=imperative,
        subordinate_lead=bool(lead and lead[1] in SUBORDINATING),
        inference=contains_any(text, INFERENCE_ADVERBS, True),
        rejects=m.group(0).strip(" ,") if (m := REJECTION_RE.match(span.text)) else "",
        words=len(words),
    )


def claim_kind(c: Cues, *, opponent: bool) -> tuple[str, list[str]]:
    """One kind per unit (concession > evidence > prediction > position > premise) + why.

    A position takes a stance cue (deontic, a thesis phrase, an imperative): being the central
    claim of its passage is not enough, since every paragraph has one (on sources/, typing them
    positions made kinds less often right than calling every unit a premise).
    """
    if opponent or c.lead_class == "concession":
        if c.lead_class == "concession" and c.lead:
            why = [f"concession marker '{c.lead[1]}'" if c.lead[1] in CONNECTIVES["concession"]
                   else f"reports someone else's view ('{c.lead[1]}')"]
        else:
            why = ["voices the view the next unit counters"]
        return "concession", why
    if c.lead_class == "example" or (c.evidence and (c.number or len(c.evidence) > 1)):
        return "evidence", [f"evidence cue '{e}'" for e in c.evidence[:2]] or ["example marker"]
    if c.prediction and not c.deontic:
        return "prediction", [f"future cue '{p}'" for p in c.prediction[:2]]
    if c.deontic or c.thesis or c.imperative:
        why = [f"deontic '{d}'" for d in c.deontic[:1]] + [f"thesis '{t}'" for t in c.thesis[:1]]
        return "position", why + (["imperative"] if c.imperative else [])
    return "premise", []


def is_argumentative(c: Cues) -> bool:
    """Cheap claim detection: drop fragments, bare questions and verbless chatter."""
    if c.words < 3:
        return False
    return not (c.question and not c.deontic and not c.lead)
