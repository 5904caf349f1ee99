"""Every output format, one module each, behind one registry (:data:`FORMATS`).

A format names the module and function that write it, the keywords that function takes
(``focus``: the selected claim or thesis; ``cruxes``: ranked cruxes of the whole map; ``name``:
a document title) and whether it needs the crux analysis, so a caller computes the analysis only
for the formats that show it. Modules are imported when a format is used: writing JSON never
loads pyvis or rdflib.

>>> from argmap.export import FORMATS
>>> FORMATS["md"].needs_analysis, FORMATS["json"].needs_analysis
(True, False)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from argmap.errors import ArgmapError
from argmap.model import ArgMap


@dataclass(frozen=True)
class Format:
    """One output format: where its writer lives and what it needs."""

    name: str
    module: str  # in argmap.export
    function: str
    takes: tuple[str, ...]  # of focus, cruxes, name
    needs_analysis: bool
    description: str

    def writer(self) -> Callable[..., str]:
        return getattr(importlib.import_module(f"argmap.export.{self.module}"), self.function)

    def dump(self, argmap: ArgMap, **options: Any) -> str:
        """The text of ``argmap`` in this format; options it does not take are ignored."""
        return self.writer()(argmap, **{k: v for k, v in options.items() if k in self.takes})


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("md", "brief", "dump", ("focus", "cruxes"), True,
           "debate brief: the case for and against, quotes, rebuttals, open cruxes"),
    Format("html", "cruxmap", "render", ("cruxes",), True, "the selection as its own offline crux map"),
    Format("argdown", "argdown", "dump", ("name", "focus"), False,
           "Argdown text (Argdown CLI, VS Code, its web component)"),
    Format("aif", "aif", "dump", (), False,
           "AIF JSON with the dialogue layer: L-nodes, locutions, participants (AIFdb, OVA, arguebuf)"),
    Format("xaif", "xaif", "dump", (), False,
           "xAIF: AIF plus the source text with every quoted span marked (ARG-tech's oAMF)"),
    Format("aifdb", "aifdb", "dump", ("name",), False,
           "AIF RDF as AIFdb writes it (arg.tech namespace, links both ways: ArgQL-style SPARQL)"),
    Format("graphml", "graphml", "dump", ("cruxes",), True, "GraphML (yEd, Gephi, Cytoscape)"),
    Format("json", "jsondoc", "dump", (), False, "argmap's own JSON: sources, claims, relations, positions"),
    Format("turtle", "rdfsyntax", "dump_turtle", (), False, "RDF Turtle, as graph/argmap.ttl"),
    Format("trig", "rdfsyntax", "dump_trig", ("name",), False, "RDF TriG: the map as one named graph"),
    Format("jsonld", "rdfsyntax", "dump_jsonld", (), False, "RDF JSON-LD"),
    Format("nt", "rdfsyntax", "dump_nt", (), False, "RDF N-Triples, lines sorted"),
)}


def get(name: str) -> Format:
    """The format called ``name``; an unknown name is an error listing the known ones."""
    if name not in FORMATS:
        raise ArgmapError(f"unknown export format {name!r} (expected one of: {', '.join(sorted(FORMATS))})")
    return FORMATS[name]
