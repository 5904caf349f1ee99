"""The layout is a contract: layers, one name per module, a thin CLI, cheap start-up, links that resolve."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import REPO, SOURCES

PACKAGE = REPO / "src" / "argmap"
HEAVY = ("spacy", "scipy", "pyvis", "rdflib", "pyoxigraph")


def test_the_import_layers_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        lint = shutil.which("lint-imports")
    assert lint, "import-linter is a test extra: pip install -e '.[test]'"
    run = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "0 broken" in run.stdout


def test_no_two_modules_share_a_name():
    names = Counter(p.stem for p in PACKAGE.rglob("*.py") if p.stem != "__init__")
    names.update(p.name for p in PACKAGE.rglob("*") if p.is_dir() and (p / "__init__.py").exists())
    assert [n for n, k in names.items() if k > 1] == []


def test_the_cli_imports_only_the_api_and_the_errors():
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    ours = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("argmap"):
            ours |= {f"{node.module}.{a.name}" if node.module == "argmap" else node.module for a in node.names}
        elif isinstance(node, ast.Import):
            ours |= {a.name for a in node.names if a.name.startswith("argmap")}
    assert ours == {"argmap.api", "argmap.errors"}


def loaded_after(code: str) -> set[str]:
    """Top-level packages imported by running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    run = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    return set(run.stdout.split()[-1000:])


def test_importing_the_cli_loads_no_heavy_library():
    assert loaded_after("import argmap.cli") & set(HEAVY) == set()


def test_help_and_check_load_no_heavy_library():
    help_run = "from argmap.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    assert loaded_after(help_run) & set(HEAVY) == set()
    check_run = f"from argmap.cli import main\nassert main(['check', '--sources', {str(SOURCES)!r}]) == 0"
    assert loaded_after(check_run) & set(HEAVY) == set()


def test_query_loads_no_spacy_scipy_or_pyvis(tmp_path):
    from argmap import api

    api.build(SOURCES, tmp_path / "g")
    run = (f"from argmap.cli import main\n"
           f"assert main(['query', '--out', {str(tmp_path / 'g')!r}, '--sources', {str(SOURCES)!r}, "
           f"'SELECT ?c WHERE {{ ?c a argmap:Claim }} LIMIT 1']) == 0")
    assert loaded_after(run) & {"spacy", "scipy", "pyvis"} == set()


# a path of this repository: docs/…, src/…; not a path quoted from another repository (after `owner/repo` `)
DOC_LINK = re.compile(r"(?<![\w/.])(?<!` `)((?:docs|src|tests|benchmarks|scripts|graph|sources)/[\w./-]+\.\w+)")


def referenced_paths(text: str) -> set[str]:
    return {m.rstrip(".") for m in DOC_LINK.findall(text)}


@pytest.mark.parametrize("command", ["", "check", "build", "query", "push", "synth", "cruxes", "add",
                                     "draft", "accept", "export"])
def test_every_path_a_help_text_names_exists(command, capsys):
    from argmap.cli import main

    with pytest.raises(SystemExit):
        main([command, "--help"] if command else ["--help"])
    missing = [p for p in referenced_paths(capsys.readouterr().out) if not (REPO / p).exists()]
    assert missing == []


def test_every_path_the_docs_and_docstrings_name_exists():
    texts = {p: p.read_text(encoding="utf-8") for p in [REPO / "README.md", *(REPO / "docs").glob("*.md"),
                                                        *PACKAGE.rglob("*.py")]}
    missing = {f"{p.relative_to(REPO)} → {ref}" for p, text in texts.items() for ref in referenced_paths(text)
               if not (REPO / ref).exists() and "<" not in ref and "*" not in ref}
    assert sorted(missing) == []
