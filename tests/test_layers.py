"""The layering rules of DESIGN.md, checked on every file so a violation fails the build."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

QT_PACKAGES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")
# package -> packages of ours it must not import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "ocr": ("casework", "desktop", "cli", "main"),
    "casework": ("desktop", "cli", "main"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _python_files(package: str) -> list[Path]:
    return sorted((REPO_ROOT / package).rglob("*.py"))


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


def test_the_check_sees_imports() -> None:
    """Guard against a checker that passes because it parses nothing."""
    sample = REPO_ROOT / "cli" / "app.py"
    assert "casework" in _imports(sample)
