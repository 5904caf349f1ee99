"""Every output format, one module each, behind one registry (:data:`FORMATS`).

A format names the module and function that write it, the keywords that function takes
(``focus``: the selected claim or thesis; ``cruxes``: ranked cruxes of the theses in view;
``standings``: thesis → viewpoint → standing; ``crux`` and ``crux_number``: the crux a brief is
about; ``max_points`` and ``side``: how much of each side a brief writes out; ``name``: a
document title; ``versus``: where the authors part ways, per pair), whether it needs the crux
analysis (a caller computes it only for the formats that show it), whether it is binary, and
which function of :mod:`argmap.export.versus` writes the versus brief in it (``argmap export
--between A B``). Modules are imported when a format is used: writing JSON never loads pyvis or
rdflib.

The brief has three renderings: ``md`` (Markdown), ``brief-html`` (that Markdown as a
print-friendly page; ``html`` stays the offline crux map) and ``pdf`` (that page printed by
headless Chromium).

>>> from argmap.export import FORMATS
>>> FORMATS["md"].needs_analysis, FORMATS["json"].needs_analysis, FORMATS["pdf"].binary
(True, False, True)
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
    takes: tuple[str, ...]  # of the keywords above
    needs_analysis: bool
    description: str
    binary: bool = False  # bytes, not text (a PDF)
    versus: str | None = None  # the function of export.versus writing the versus brief in this format

    def writer(self) -> Callable[..., str | bytes]:
        return getattr(importlib.import_module(f"argmap.export.{self.module}"), self.function)

    def dump(self, argmap: ArgMap, **options: Any) -> str | bytes:
        """``argmap`` in this format; options it does not take are ignored."""
        return self.writer()(argmap, **{k: v for k, v in options.items() if k in self.takes})

    def dump_versus(self, argmap: ArgMap, ways: dict[str, Any]) -> str | bytes:
        """The versus brief of ``ways`` (``argmap.api.between(...).as_dict(argmap)``) in this format."""
        if self.versus is None:
            raise ArgmapError(f"no versus brief in format {self.name!r}")
        return getattr(importlib.import_module("argmap.export.versus"), self.versus)(argmap, ways)


BRIEF = ("focus", "cruxes", "standings", "crux", "crux_number", "max_points", "side")


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("md", "brief", "dump", BRIEF, True,
           "debate brief: who stands where, cruxes, the case for and against, strongest first",
           versus="dump"),
    Format("brief-html", "brief", "dump_html", BRIEF, True,
           "the debate brief as a print-friendly HTML page", versus="dump_html"),
    Format("pdf", "brief", "dump_pdf", BRIEF, True,
           "the debate brief printed to A4 PDF by headless Chromium", binary=True, versus="dump_pdf"),
    Format("html", "cruxmap", "render", ("cruxes", "versus"), True, "the selection as its own offline crux map"),
    Format("argdown", "argdown", "dump", ("name", "focus"), False,
           "Argdown text (Argdown CLI, VS Code, its web component)"),
    Format("aif", "aif", "dump", (), False,
           "AIF JSON with the dialogue layer: L-nodes, locutions, participants (AIFdb, OVA, arguebuf)"),
    Format("xaif", "xaif", "dump", (), False,
           "xAIF: AIF plus the source text with every quoted span marked (ARG-tech's oAMF)"),
    Format("ova", "ova", "dump", ("name",), False,
           "OVA's analysis JSON: the map over the source text with each quote highlighted (OVA, arguebuf)"),
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
