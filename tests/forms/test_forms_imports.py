"""The forms modules import one another in one direction only: no cycle, not even one hidden
in an import inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import casework.forms

PACKAGE = "casework.forms"
FOLDER = Path(casework.forms.__file__).parent


def _imported(tree: ast.Module, name: str) -> set[str]:
    """The forms modules `tree` (the module `name`) imports anywhere in its body."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package holding `name`
                parent = name.rsplit(".", node.level)[0]
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    modules = _modules()
    return {m for m in found if m in modules and m != name}


def _modules() -> dict[str, Path]:
    return {f"{PACKAGE}.{p.stem}": p for p in FOLDER.glob("*.py") if p.stem != "__init__"}


def import_graph() -> dict[str, set[str]]:
    """Each forms module and the forms modules it imports, module- or function-level."""
    return {name: _imported(ast.parse(path.read_text("utf-8"), str(path)), name)
            for name, path in _modules().items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in `graph` as the modules along it (first repeated last), or None."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module):], module]
        if module in done:
            return None
        for imported in sorted(graph.get(module, ())):
            cycle = visit(imported, [*path, module])
            if cycle is not None:
                return cycle
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module, [])
        if cycle is not None:
            return cycle
    return None


def test_no_forms_module_imports_its_way_back_to_itself() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "forms modules import each other in a cycle: " + " -> ".join(cycle)


def test_a_cycle_hidden_in_a_function_is_found() -> None:
    """The check itself sees an import inside a function (the way cycles used to hide)."""
    hidden = ast.parse("def lexicon():\n    from casework.forms.labels import similarity\n")
    assert _imported(hidden, f"{PACKAGE}.spelling") == {f"{PACKAGE}.labels"}
    graph = {"casework.forms.a": {"casework.forms.b"}, "casework.forms.b": {"casework.forms.a"}}
    assert find_cycle(graph) == ["casework.forms.a", "casework.forms.b", "casework.forms.a"]
    assert find_cycle({"casework.forms.a": {"casework.forms.b"}, "casework.forms.b": set()}) \
        is None
