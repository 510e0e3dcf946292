"""The layering rules of DESIGN.md, checked on every file so a violation fails the build.

Between packages: `ocr` ← `casework` ← `desktop`, and only `desktop` and `main` import Qt.
Inside casework: sub-packages and top-level modules import downward only, in the order of
CASEWORK_LAYERS. Everywhere: no import cycle between our modules, counting the imports made
inside functions (a cycle hidden that way is still a cycle).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

QT_PACKAGES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")
# package -> packages of ours it must not import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "ocr": ("casework", "desktop", "cli", "main"),
    "casework": ("desktop", "cli", "main"),
}
OUR_PACKAGES = ("ocr", "casework", "desktop", "cli")

# Lowest first. A unit (a sub-package, or a module directly in casework/) imports only units
# of lower layers: never one of its own layer, never one above.
CASEWORK_LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"errors", "paths", "atomic", "logging_setup", "private_files"}),
    frozenset({"permissions", "plan", "db", "store", "settings", "table_export"}),
    frozenset({"actor", "workspace"}),
    frozenset({"audit"}),
    frozenset({"directory", "users", "store_check", "settings_file", "bootstrap"}),
    frozenset({"forms"}),
    frozenset({"transport"}),
    frozenset({"outreach"}),
    frozenset({"cases"}),
    frozenset({"intake"}),
    frozenset({"documents"}),
    frozenset({"letters"}),
    frozenset({"exports"}),
    frozenset({"members"}),
)


def _import_nodes(path: Path) -> Iterator[ast.Import | ast.ImportFrom]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in _import_nodes(path):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _python_files(package: str) -> list[Path]:
    return sorted((REPO_ROOT / package).rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(path: Path) -> set[str]:
    """Every dotted name `path` imports, with `from a import b` also giving `a.b`."""
    names: set[str] = set()
    for node in _import_nodes(path):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _layer_of(unit: str) -> int:
    for number, layer in enumerate(CASEWORK_LAYERS):
        if unit in layer:
            return number
    raise AssertionError(f"casework/{unit} is in no layer: add it to CASEWORK_LAYERS")


def _unit(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "casework" and len(parts) > 1 else None


@pytest.mark.parametrize("package", ["ocr", "casework", "cli", "resources", "templates"])
def test_only_desktop_and_main_import_qt(package: str) -> None:
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in _python_files(package)
        if _imports(path) & set(QT_PACKAGES)
    ]
    assert offenders == [], f"Qt imported outside desktop/: {offenders}"


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_do_not_import_higher_ones(package: str) -> None:
    offenders = [
        f"{path.relative_to(REPO_ROOT)} imports {sorted(_imports(path) & set(FORBIDDEN[package]))}"
        for path in _python_files(package)
        if _imports(path) & set(FORBIDDEN[package])
    ]
    assert offenders == []


def _goes_up_or_sideways(own: str, module: str) -> bool:
    """Whether unit `own` importing `module` breaks the casework layering."""
    other = _unit(module)
    if other is None or other == own:
        return False
    is_unit = ((REPO_ROOT / "casework" / other).is_dir()
               or (REPO_ROOT / "casework" / f"{other}.py").is_file())
    return is_unit and _layer_of(other) >= _layer_of(own)


def test_casework_imports_downward_only() -> None:
    """GIVEN the casework layers WHEN any file imports a unit of its own layer or above
    THEN the offending import is named."""
    offenders = sorted({
        f"{path.relative_to(REPO_ROOT)} imports {module}"
        for path in _python_files("casework")
        if (own := _unit(_module_name(path))) is not None
        for module in _imported_modules(path)
        if _goes_up_or_sideways(own, module)
    })
    assert offenders == [], "imports that go up or sideways in casework:\n" + "\n".join(offenders)


def test_the_layer_check_refuses_upward_and_sideways_imports() -> None:
    assert _goes_up_or_sideways("forms", "casework.cases.filing")
    assert _goes_up_or_sideways("audit", "casework.audit") is False
    assert _goes_up_or_sideways("users", "casework.directory.matching")  # same layer
    assert not _goes_up_or_sideways("cases", "casework.forms.analysis")
    assert not _goes_up_or_sideways("plan", "sqlalchemy.orm")


def _module_graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for package in OUR_PACKAGES for p in _python_files(package)}
    return {name: {m for m in _imported_modules(path) if m in paths and m != name}
            for name, path in paths.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle_between_our_modules() -> None:
    """Imports inside functions count: they hide a cycle, they do not remove it."""
    assert _cycles(_module_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """Guard against a finder that passes because it never reports anything."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_the_check_sees_imports() -> None:
    """Guard against a checker that passes because it parses nothing."""
    sample = REPO_ROOT / "cli" / "app.py"
    assert "casework" in _imports(sample)
    assert "casework.forms.analysis" in _imported_modules(
        REPO_ROOT / "casework" / "intake" / "understanding.py")
