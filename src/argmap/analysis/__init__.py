"""Crux analysis engine: gradual strengths, crux ranking, double cruxes, Dung cross-check.

Pure: inputs are plain ids, edge lists and stance dicts, so the engine knows nothing of
argmap's data model (the model, CLI and RDF layers adapt to it).
"""

from argmap.analysis.cruxes import (
    Crux,
    CruxReport,
    DoubleCrux,
    NonCrux,
    PairAnalysis,
    Params,
    Verdict,
    crux_report,
    double_cruxes,
    rank_cruxes,
)
from argmap.analysis.gradual import Solution, solve
from argmap.analysis.qbaf import QBAF

__all__ = [
    "QBAF",
    "Crux",
    "CruxReport",
    "DoubleCrux",
    "NonCrux",
    "PairAnalysis",
    "Params",
    "Solution",
    "Verdict",
    "crux_report",
    "double_cruxes",
    "rank_cruxes",
    "solve",
]
