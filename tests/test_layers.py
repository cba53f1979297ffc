"""The package's stage layout: no module imports a later stage, no import cycle, no big module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ntm_analysis import paths

# Stage order, lowest first. A module may import its own stage and the ones before it.
STAGES = ["paths", "lexicon", "model", "places", "sources", "analysis", "present", "top"]
TOP = {"build", "pipeline", "cli", "__main__", "__init__"}
MAX_LINES = 700


def _modules() -> dict[str, Path]:
    out = {}
    for p in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        rel = p.relative_to(paths.PACKAGE_DIR.parent).with_suffix("")
        name = ".".join(rel.parts)
        out[name.removesuffix(".__init__")] = p
    return out


def _stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "top"
    head = parts[1]
    if head in STAGES:
        return head
    if head in TOP:
        return "top"
    raise AssertionError(f"{module} is in no stage folder ({', '.join(STAGES)})")


def _imports(module: str, module_level_only: bool) -> set[str]:
    """Package modules ``module`` imports (a package it lives in is already importing)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    nodes = tree.body if module_level_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("ntm_analysis"):
                if not module.startswith(node.module + "."):
                    found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("ntm_analysis"))
    return found


MODULES = _modules()


def _known(names: set[str]) -> set[str]:
    return {n for n in names if n in MODULES}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_later_stage(module):
    mine = STAGES.index(_stage(module))
    later = [
        m
        for m in _known(_imports(module, module_level_only=False))
        if STAGES.index(_stage(m)) > mine
    ]
    assert not later, f"{module} ({_stage(module)}) imports later stages: {later}"


def test_no_import_cycle():
    graph = {m: _known(_imports(m, module_level_only=True)) - {m} for m in MODULES}
    state: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        state[m] = 1
        for n in graph[m]:
            if state.get(n) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*trail, m, n]))
            if n not in state:
                visit(n, [*trail, m])
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [])


def test_at_least_four_stage_subpackages():
    subpackages = {p.parent.name for p in paths.PACKAGE_DIR.glob("*/__init__.py")}
    assert len(subpackages & set(STAGES)) >= 4


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_over_the_size_limit(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines (limit {MAX_LINES}): split it"
