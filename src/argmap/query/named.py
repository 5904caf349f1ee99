"""The shipped SPARQL queries (``queries/*.rq``) and the prefixes every query may use."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from argmap.errors import ArgmapError
from argmap.rdf.vocab import sparql_prefixes


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    text: str


def named_queries() -> dict[str, NamedQuery]:
    """The shipped queries (``src/argmap/queries/*.rq``); the first comment line is the title."""
    out = {}
    for entry in sorted(resources.files("argmap.query.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            first = text.splitlines()[0] if text else ""
            title = first.lstrip("# ").strip() if first.startswith("#") else entry.name
            out[entry.name[:-3]] = NamedQuery(entry.name[:-3], title, text)
    return out


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise ArgmapError(f"no shipped query named {name!r} (argmap query --list shows "
                          f"{', '.join(queries)})")
    return queries[name]


def with_prefixes(query: str) -> str:
    """Prepend the standard PREFIX lines so users can write ``argmap:Claim`` directly."""
    return sparql_prefixes() + query


