"""The import contract (#21): imports point down the layers and no module imports itself back.

Layers, top to bottom; a module may import from its own layer or any layer below, never above:

- app: the package entry (``workbench/__init__``), ``corpus``, ``store``, ``cli``, ``report``,
  ``corrections``, ``distributed``, ``evaluate/``
- display: ``charts``, ``views``, ``widgets``, ``export``, ``render``, ``theme``
- compare: ``compare/``
- annotate and ingest (siblings): ``annotate/``, ``ingest/``
- clean: ``clean/``
- leaves: ``schema``, ``records``, ``settings``, ``progress``, ``processes``, ``provenance``,
  ``version``, ``parquet_io``, ``edit_keys``

Every ``import`` counts, at module level or inside a function (a deferred import is still a
dependency), except under ``if TYPE_CHECKING:``. The graph of modules must have no cycle.

No import breaks the rule: ``EXCEPTIONS`` is empty. (The last five went in #21: the Parquet
writer, the version string and the edits' row keys moved down to leaves, and provenance takes
the model name and the store's fingerprint from its callers.) The test fails on a break that
is not listed and on a listed one that no longer happens, so an exception can only be added on
purpose, with its reason, and must be removed when its import is gone.
Run by ``make lint`` (and ``make unit``).
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "workbench"

#: Layers, top first: (name, module prefixes).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("app", ("workbench", "workbench.corpus", "workbench.store", "workbench.cli",
             "workbench.report", "workbench.corrections", "workbench.distributed",
             "workbench.evaluate")),
    ("display", ("workbench.charts", "workbench.views", "workbench.widgets", "workbench.export",
                 "workbench.render", "workbench.theme")),
    ("compare", ("workbench.compare",)),
    ("annotate|ingest", ("workbench.annotate", "workbench.ingest")),
    ("clean", ("workbench.clean",)),
    ("leaves", ("workbench.schema", "workbench.records", "workbench.settings",
                "workbench.progress", "workbench.processes", "workbench.provenance",
                "workbench.version", "workbench.parquet_io", "workbench.edit_keys")),
]

#: Upward imports allowed for now: (importer, imported) -> why. Only ever remove entries.
EXCEPTIONS: dict[tuple[str, str], str] = {}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imported(module: str, is_package: bool, node: ast.Import | ast.ImportFrom,
              modules: dict[str, Path]) -> set[str]:
    """The workbench modules one import statement names (a submodule when it is one)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base = module.split(".") if is_package else module.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            origin = ".".join(base + ([node.module] if node.module else []))
        else:
            origin = node.module or ""
        names = [f"{origin}.{a.name}" if f"{origin}.{a.name}" in modules else origin
                 for a in node.names]
    out = set()
    for name in names:
        while name not in modules and "." in name:
            name = name.rsplit(".", 1)[0]
        if name in modules and name != module:
            out.add(name)
    return out


def import_graph() -> dict[str, set[str]]:
    """Module -> the workbench modules it imports (anywhere in it but TYPE_CHECKING blocks)."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        stack = [ast.parse(path.read_text(encoding="utf-8"), filename=str(path))]
        while stack:
            node = stack.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.If) and _is_type_checking(child):
                    stack.extend(child.orelse)
                    continue
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    targets |= _imported(module, is_package, child, modules)
                stack.append(child)
        graph[module] = targets
    return graph


def layer_of(module: str) -> int:
    """Index of the module's layer in :data:`LAYERS` (0 is the top); the longest prefix wins."""
    best, best_len = None, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = i, len(prefix)
    if best is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS in {__file__}")
    return best


def upward_imports(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {(a, b) for a, targets in graph.items() for b in targets
            if layer_of(b) < layer_of(a)}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle (``[a, b, ..., a]``), or ``[]`` when there is none."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        return list(exc.args[1])
    return []


def test_every_module_has_a_layer():
    for module in _modules():
        layer_of(module)


def test_imports_point_down_the_layers():
    found = upward_imports(import_graph())
    new = sorted(found - EXCEPTIONS.keys())
    gone = sorted(EXCEPTIONS.keys() - found)
    assert not new, ("imports from a higher layer (move the code down, or pass the value in): "
                     + "; ".join(f"{a} -> {b}" for a, b in new))
    assert not gone, ("listed exceptions no longer happen, remove them from EXCEPTIONS: "
                      + "; ".join(f"{a} -> {b}" for a, b in gone))


def test_no_import_cycle():
    graph = import_graph()
    allowed = {a: {b for b in targets if (a, b) not in EXCEPTIONS} for a, targets in graph.items()}
    assert find_cycle(allowed) == []


def test_the_checks_catch_a_cycle_and_an_upward_import():
    graph = {"workbench.schema": {"workbench.corpus"}, "workbench.corpus": {"workbench.schema"}}
    assert upward_imports(graph) == {("workbench.schema", "workbench.corpus")}
    assert set(find_cycle(graph)) == {"workbench.corpus", "workbench.schema"}
