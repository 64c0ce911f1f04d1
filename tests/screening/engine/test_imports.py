"""The engine's imports, read from its source: no Django, nothing foreign, no cycle."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from .conftest import ROOT

ENGINE = ROOT / "screening" / "engine"
PACKAGE = "screening.engine"
# Third-party packages the engine may use (declared in pyproject.toml).
ENGINE_DEPENDENCIES = {"jsonschema_rs", "msgspec", "orjson"}


def engine_modules() -> dict[str, Path]:
    return {path.stem if path.stem != "__init__" else "": path for path in ENGINE.glob("*.py")}


def imports_of(path: Path) -> list[str]:
    """Every module a file imports, anywhere in it (functions too), as absolute names."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names.append(node.module or "")
            else:  # `from .x import y` (the engine is one package, so level 1)
                assert node.level == 1, f"{path.name}: import from above the engine"
                base = f"{PACKAGE}.{node.module}" if node.module else PACKAGE
                # `from . import x` imports the module x.
                names.extend([base] if node.module else [f"{PACKAGE}.{a.name}" for a in node.names])
    return names


def engine_graph() -> dict[str, set[str]]:
    """Module -> the engine modules it imports ("" is the package itself)."""
    modules = engine_modules()
    graph = {}
    for name, path in modules.items():
        edges = set()
        for imported in imports_of(path):
            if imported == PACKAGE:
                edges.add("")
            elif imported.startswith(PACKAGE + "."):
                edges.add(imported.removeprefix(PACKAGE + ".").split(".")[0])
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*trail[trail.index(target) :], target]
            if target not in state:
                found = visit(target, [*trail, target])
                if found:
                    return found
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node, [node])
            if found:
                return found
    return None


def test_the_engine_imports_only_the_standard_library_and_its_declared_dependencies():
    foreign = {}
    for path in engine_modules().values():
        for imported in imports_of(path):
            top = imported.split(".")[0]
            if imported == PACKAGE or imported.startswith(PACKAGE + "."):
                continue
            if top in sys.stdlib_module_names or top == "__future__":
                continue
            if top in ENGINE_DEPENDENCIES:
                continue
            foreign.setdefault(path.name, []).append(imported)
    assert foreign == {}


def test_the_engine_module_graph_has_no_cycle():
    graph = engine_graph()
    assert "profile" in graph and "screener" in graph  # the graph was really read
    assert find_cycle(graph) is None, " → ".join(find_cycle(graph) or [])


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_lazy_imports_inside_functions_are_seen(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from .screener import x\n    import django\n")
    assert imports_of(module) == [f"{PACKAGE}.screener", "django"]


def test_the_package_importing_its_modules_is_no_cycle_but_a_module_importing_it_is():
    graph = engine_graph()
    assert "" not in set().union(*(graph[m] for m in graph if m)), "a module imports the package"
