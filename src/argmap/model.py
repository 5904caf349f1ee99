"""The data model of an argument map, in one place.

Everything else (loaders, RDF, analysis, views, exports) reads or produces these types, so they
import nothing of ours. The classes are frozen: a loaded map is a value, and two loads of the
same files compare equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ClaimKind = Literal["position", "premise", "evidence", "prediction", "concession"]
RelationType = Literal["support", "attack"]
Stance = Literal["accept", "reject"]
Basis = Literal["stated", "inferred"]
Provenance = Literal["stated", "inferred"]
SourceKind = Literal["thread", "essay", "transcript", "forum-posts", "book-excerpt", "other"]

CLAIM_KINDS: tuple[str, ...] = ("position", "premise", "evidence", "prediction", "concession")
RELATION_TYPES: tuple[str, ...] = ("support", "attack")
STANCES: tuple[str, ...] = ("accept", "reject")
BASES: tuple[str, ...] = ("stated", "inferred")
PROVENANCES: tuple[str, ...] = ("stated", "inferred")
#: A relation's provenance in the words every brief and export prints beside it.
PROVENANCE_WORDS = {"stated": "stated by the author", "inferred": "our reading"}
SOURCE_KINDS: tuple[str, ...] = (
    "thread", "essay", "transcript", "forum-posts", "book-excerpt", "other",
)
THESIS_PREFIX = "thesis."


@dataclass(frozen=True)
class Author:
    """A person or group a claim can be attributed to."""

    id: str
    name: str
    url: str | None = None

    @property
    def short_name(self) -> str:
        """The name without its parenthesised gloss: "AI 2027 authors (Kokotajlo, …)" → "AI 2027 authors"."""
        return self.name.split(" (")[0].strip() or self.name

    def matches(self, key: str) -> bool:
        """True when ``key`` is this author's id or full name (case and outer spaces ignored)."""
        key = key.strip().casefold()
        return key in (self.id.casefold(), self.name.strip().casefold())


@dataclass(frozen=True)
class Source:
    """One text (essay, transcript, thread) that claims are quoted from."""

    id: str
    title: str
    authors: tuple[str, ...]
    kind: str
    text: str
    date: str | None = None
    url: str | None = None
    derived_from: str | None = None
    derivation: str | None = None


@dataclass(frozen=True)
class Thesis:
    """A top-level contested question; claims support or attack it."""

    id: str
    text: str
    tags: tuple[str, ...] = ()
    notes: str | None = None


@dataclass(frozen=True)
class Anchor:
    """Where a claim's quote stands in its source: ``source.text[start:end] == exact``.

    ``paragraph``, ``line`` and ``section`` locate it the way a person finds it in the original:
    the paragraph's number from the top (1-based; 0 when unknown), the line of text.txt the
    quote starts on, and the heading of the section it is in (None when the text has none).
    """

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    paragraph: int = 0
    line: int = 0
    section: str | None = None
    section_line: int = 0

    def locator(self, kind: str) -> str:
        """Where a reader finds the quote in the original: ``¶ 12, in “Over-optimism of RL
        training”``; in a transcript, whose turns and times are not marked, the section and the
        sentence within it: ``“Introduction”, sentence 17``."""
        if kind == "transcript" and self.section:
            return f"“{self.section}”, sentence {self.section_line}"
        if not self.paragraph:
            return ""
        return f"¶ {self.paragraph}, in “{self.section}”" if self.section else f"¶ {self.paragraph}"


@dataclass(frozen=True)
class Claim:
    """A statement an author makes, anchored to its exact words in a source."""

    id: str
    gist: str
    source: str
    author: str
    kind: str
    anchor: Anchor
    tags: tuple[str, ...] = ()
    reported_by: str | None = None
    notes: str | None = None

    @property
    def quote(self) -> str:
        return self.anchor.exact


@dataclass(frozen=True)
class Relation:
    """A support or attack edge from a claim to a claim or thesis."""

    source: str  # id of the claim the edge starts at
    target: str  # id of a claim or thesis
    type: str
    rationale: str
    declared_in: str  # source id whose claims.yaml states the relation
    provenance: str = "inferred"  # stated: the source text draws the link; inferred: the annotator's reading
    recorded_by: str | None = None  # annotator id (authors.yaml 'annotators')
    recorded_on: str | None = None  # ISO date the link was recorded

    @property
    def id(self) -> str:
        return f"{self.source}--{self.type}--{self.target}"


BASIS_WORDS = {"stated": "stated", "inferred": "our reading", "override": "overridden"}


@dataclass(frozen=True)
class Position:
    """An author's stance on a thesis or claim, stated in their text or inferred from it."""

    author: str
    target: str
    stance: str
    basis: str
    declared_in: str
    evidence: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ArgMap:
    """A whole map: the sources, who wrote what, and how the claims bear on each other."""

    authors: tuple[Author, ...] = ()
    sources: tuple[Source, ...] = ()
    theses: tuple[Thesis, ...] = ()
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()
    positions: tuple[Position, ...] = ()
    annotators: tuple[Author, ...] = ()  # who recorded relations the texts do not state themselves
    # init=False: dataclasses.replace() must build a new index, not share (and overwrite) this one
    _index: dict[str, object] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        for kind in (self.authors, self.sources, self.theses, self.claims):
            for item in kind:
                self._index[f"{type(item).__name__}:{item.id}"] = item

    def author(self, author_id: str) -> Author:
        return self._get("Author", author_id)  # type: ignore[return-value]

    def source(self, source_id: str) -> Source:
        return self._get("Source", source_id)  # type: ignore[return-value]

    def thesis(self, thesis_id: str) -> Thesis:
        return self._get("Thesis", thesis_id)  # type: ignore[return-value]

    def claim(self, claim_id: str) -> Claim:
        return self._get("Claim", claim_id)  # type: ignore[return-value]

    def has(self, node_id: str) -> bool:
        """True when ``node_id`` names a claim or a thesis of this map."""
        return f"Claim:{node_id}" in self._index or f"Thesis:{node_id}" in self._index

    def text_of(self, node_id: str) -> str:
        """The readable text of a claim (its gist) or thesis."""
        if node_id.startswith(THESIS_PREFIX):
            return self.thesis(node_id).text
        return self.claim(node_id).gist

    def relations_to(self, node_id: str) -> tuple[Relation, ...]:
        """The relations whose target is ``node_id`` (its supporters and attackers), in map order."""
        return self._relation_index()[0].get(node_id, ())

    def relations_from(self, node_id: str) -> tuple[Relation, ...]:
        """The relations that start at claim ``node_id`` (what it supports or attacks), in map order."""
        return self._relation_index()[1].get(node_id, ())

    def link(self, source: str, target: str) -> Relation | None:
        """The first relation from ``source`` to ``target`` in map order: how one claim bears on
        another, or None."""
        return next((r for r in self.relations_from(source) if r.target == target), None)

    def _relation_index(self) -> tuple[dict[str, tuple[Relation, ...]], dict[str, tuple[Relation, ...]]]:
        index = self._index.get("relations")
        if index is None:
            to: dict[str, list[Relation]] = {}
            of: dict[str, list[Relation]] = {}
            for r in self.relations:
                to.setdefault(r.target, []).append(r)
                of.setdefault(r.source, []).append(r)
            index = ({k: tuple(v) for k, v in to.items()}, {k: tuple(v) for k, v in of.items()})
            self._index["relations"] = index
        return index  # type: ignore[return-value]

    def stances(self) -> list[Position]:
        """Every author's stance: their own claims (stated) plus the declared positions.

        A declared position on a claim wins over the implicit one (an author may reject a view
        they report).
        """
        declared = {(p.author, p.target): p for p in self.positions}
        implicit = [
            Position(c.author, c.id, "accept", "stated", c.source, evidence=c.id)
            for c in self.claims
            if (c.author, c.id) not in declared
        ]
        return implicit + list(self.positions)

    def how_declared(self, author: str, target: str) -> str:
        """How an author's declared side on a claim or thesis is known, in words a debater can
        repeat: "stated" (in their text), "our reading" (the annotator's inference),
        "overridden", or "their own claim" (the claim is theirs, with no position on it).

        >>> m = ArgMap(claims=(Claim("s.c", "Gist", "s", "ann", "premise", Anchor(0, 1, "x", "", "")),))
        >>> m.how_declared("ann", "s.c"), m.how_declared("bob", "s.c")
        ('their own claim', 'declared')
        """
        p = self._positions_by_key().get((author, target))
        if p is not None:
            return BASIS_WORDS.get(p.basis, p.basis)
        if f"Claim:{target}" in self._index and self.claim(target).author == author:
            return "their own claim"
        return "declared"

    def _positions_by_key(self) -> dict[tuple[str, str], Position]:
        index = self._index.get("positions")
        if index is None:
            index = {(p.author, p.target): p for p in self.positions}
            self._index["positions"] = index
        return index  # type: ignore[return-value]

    def _get(self, kind: str, key: str) -> object:
        try:
            return self._index[f"{kind}:{key}"]
        except KeyError:
            raise KeyError(f"no {kind.lower()} with id {key!r}") from None
