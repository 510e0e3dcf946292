"""No module of ocr/ imports one that imports it back, not even inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO_ROOT

PACKAGE = "ocr"
Graph = dict[str, set[str]]


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted((REPO_ROOT / PACKAGE).rglob("*.py"))}


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool,
              known: set[str]) -> set[str]:
    """The modules of `known` an import statement of `module` loads."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names} & known
    if node.level:
        # A relative import counts from the package: the module's own for __init__, else its parent.
        base = module.split(".")
        base = base[: len(base) - node.level + (1 if is_package else 0)]
        source = ".".join([*base, node.module] if node.module else base)
    else:
        source = node.module or ""
    # `from ocr.readers import tiff` loads the module ocr.readers.tiff; `from ocr import Box`
    # loads the package ocr itself.
    names = {f"{source}.{alias.name}" for alias in node.names} & known
    return names | ({source} & known)


def import_graph(modules: dict[str, Path]) -> Graph:
    """module -> the modules of `modules` it imports anywhere in its file, functions included."""
    known = set(modules)
    graph: Graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges |= _imported(node, name, path.name == "__init__.py", known)
        graph[name] = edges - {name}
    return graph


def find_cycle(graph: Graph) -> list[str] | None:
    """One cycle as [a, b, ..., a], or None when the graph has none."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        # Depth-first, iteratively: each frame is a module and the imports still to visit.
        stack: list[tuple[str, list[str]]] = [(start, sorted(graph[start]))]
        path.append(start)
        on_path.add(start)
        while stack:
            module, pending = stack[-1]
            if not pending:
                stack.pop()
                path.pop()
                on_path.discard(module)
                done.add(module)
                continue
            target = pending.pop(0)
            if target in on_path:
                return [*path[path.index(target):], target]
            if target in done:
                continue
            stack.append((target, sorted(graph.get(target, ()))))
            path.append(target)
            on_path.add(target)
    return None


def test_ocr_modules_import_each_other_without_a_cycle() -> None:
    cycle = find_cycle(import_graph(_modules()))
    assert cycle is None, "import cycle in ocr/: " + " -> ".join(cycle or [])


def test_the_check_sees_imports_inside_functions() -> None:
    """Guard against a check that passes because it reads nothing: the engine factory imports
    the engines only when asked for one."""
    graph = import_graph(_modules())
    assert {"ocr.tesserocr_engine", "ocr.pytesseract_engine"} <= graph["ocr.engine"]
    assert "ocr.engine_protocol" in graph["ocr.recognize"]
    assert "ocr.errors" in graph["ocr"]


def test_the_check_names_a_cycle() -> None:
    graph = {"ocr.a": {"ocr.b"}, "ocr.b": {"ocr.c"}, "ocr.c": {"ocr.a"}, "ocr.d": {"ocr.a"}}
    assert find_cycle(graph) == ["ocr.a", "ocr.b", "ocr.c", "ocr.a"]
    assert find_cycle({"ocr.a": {"ocr.b"}, "ocr.b": set()}) is None
