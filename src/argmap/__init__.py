"""argmap: written arguments → anchored claims → RDF knowledge graph → cruxes and views."""

__version__ = "0.1.0"
