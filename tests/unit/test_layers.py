"""The layer rules of DESIGN.md, read from the imports of every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "beoordelaar"

# Which of our layers each layer may import (besides itself and the shared top-level modules).
ALLOWED = {
    "domain": set(),
    "storage": {"domain"},
    "io": {"domain"},
    "services": {"storage", "domain", "io"},
    "cli": {"services", "domain", "io", "storage"},
    "ui": {"services", "domain", "io", "storage"},
}
SHARED = {"beoordelaar", "beoordelaar.core.errors", "beoordelaar.core.paths"}
DOMAIN_FORBIDDEN = {
    "sqlalchemy",
    "PySide6",
    "pathlib",
    "os",
    "shutil",
    "io",
    "sqlite3",
    "alembic",
    "reportlab",
    "pandas",
}


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def _layer(path: Path) -> str | None:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else None


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_respects_layers(path: Path) -> None:
    layer = _layer(path)
    for name, line in _imports(path):
        where = f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        top = name.split(".")[0]
        if top == "PySide6":
            gui_entry = path.relative_to(PACKAGE).as_posix() == "cli/__init__.py"
            assert layer == "ui" or gui_entry, f"{where}: only ui/ may import Qt"
        if layer == "domain":
            assert top not in DOMAIN_FORBIDDEN, f"{where}: domain code stays free of Qt, SQL and files"
        if top != "beoordelaar" or name in SHARED or layer is None:
            continue
        target = name.split(".")[1]
        if target == layer:
            continue
        if layer == "cli" and target == "ui" and path.name == "__init__.py":
            continue  # the GUI entry point starts the window
        assert target in ALLOWED[layer], f"{where}: {layer}/ may not import {target}/"


def test_walker_sees_the_whole_package() -> None:
    layers = {_layer(p) for p in _modules()}
    assert {"domain", "storage", "io", "services", "cli"} <= layers
