"""The docstring examples of src/argmap run as doctests from the repository root, with ``api`` imported."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _doctest_setup(request: pytest.FixtureRequest) -> None:
    if isinstance(request.node, pytest.DoctestItem):
        from argmap import api

        request.getfixturevalue("doctest_namespace")["api"] = api
        request.getfixturevalue("monkeypatch").chdir(Path(__file__).parent)
