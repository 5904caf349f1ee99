"""Errors that name the file, the line and what was expected, so a user can fix their input.

Every error a user can cause is an :class:`ArgmapError`: the CLI prints ``error: …`` and exits 1
(2 for a :class:`UsageError`), never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at one line (1-based; 0 when the whole file is meant)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ArgmapError(Exception):
    """A user-facing error: the CLI prints it and exits non-zero, without a traceback."""


class UsageError(ArgmapError):
    """A wrong combination of arguments (the CLI exits 2, like argparse's own usage errors)."""


class AnnotationError(ArgmapError):
    """The sources or annotations are invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)  # in the order given: the loader puts causes first
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path) -> str:
    """A path as the user typed it relative to the working directory, when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
