"""The layers of docs/ARCHITECTURE.md, read from the imports of every module (function-level imports included)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "beoordelaar"

# The workflow phases in the order they build on each other: a phase's actions may use the actions of the phases
# before it, never of those after it. Rules may be used from every phase.
PHASES = (
    "rounds",
    "registrations",
    "commission",
    "scoring",
    "exchange",
    "consolidation",
    "verification",
    "decisions",
    "procurement",
    "record",
    "demo",
)
# Core modules outside the phases that the faces (ui/, cli/) may import beside each phase's api.
FACE_SHARED = {
    "beoordelaar",
    "beoordelaar.core.text",
    "beoordelaar.core.errors",
    "beoordelaar.core.paths",
    "beoordelaar.core.actor",
    "beoordelaar.core.changes",
    "beoordelaar.core.database",
    "beoordelaar.core.first_look",
    "beoordelaar.core.app_log",
}
# A module that imports any of these reads or writes files, a database or the system: it is not a rule.
NOT_RULES = {
    "sqlalchemy",
    "alembic",
    "sqlite3",
    "PySide6",
    "reportlab",
    "openpyxl",
    "xlrd",
    "pypdf",
    "cryptography",
    "filelock",
    "platformdirs",
    "pathlib",
    "os",
    "shutil",
    "io",
    "csv",
    "zipfile",
    "tempfile",
    "subprocess",
    "getpass",
    "importlib",
}


@dataclass(frozen=True)
class Import:
    name: str
    line: int


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, Path]:
    return {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@cache
def _imports(module: str) -> tuple[Import, ...]:
    """Every import of a module, at any depth; `from a import b` counts as a.b where a.b is one of our modules."""
    found: list[Import] = []
    for node in ast.walk(ast.parse(_modules()[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{module}:{node.lineno}: relative import"
            assert node.module is not None
            submodules = [f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in _modules()]
            found.extend(Import(name, node.lineno) for name in submodules or [node.module])
    return tuple(found)


def _ours(module: str) -> Iterator[Import]:
    return (i for i in _imports(module) if i.name.split(".")[0] == "beoordelaar")


def _phase(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[1] == "core" and parts[2] in PHASES else None


@cache
def is_rule(module: str) -> bool:
    """A rule is a core module in a phase that touches no file, database or system: pure decisions on plain values."""
    if _phase(module) is None or module.endswith(".api"):
        return False
    return not any(
        i.name.split(".")[0] in NOT_RULES or i.name.startswith(("beoordelaar.core.storage", "beoordelaar.core.paths"))
        for i in _imports(module)
    )


def _where(module: str, found: Import) -> str:
    return f"{_modules()[module].relative_to(PACKAGE)}:{found.line} imports {found.name}"


MODULES = sorted(_modules())


@pytest.mark.parametrize("module", MODULES)
def test_module_respects_the_layers(module: str) -> None:
    top = module.split(".")[1] if "." in module else ""
    for found in _imports(module):
        where = _where(module, found)
        if found.name.split(".")[0] == "PySide6":
            assert top == "ui", f"{where}: only ui/ imports Qt"
        if found.name.split(".")[0] != "beoordelaar":
            continue
        target = found.name
        if top in ("ui", "cli"):
            if target.startswith("beoordelaar.core"):
                is_api = _phase(target) is not None and target.endswith(".api")
                assert is_api or target in FACE_SHARED, f"{where}: the faces use a phase's api, never its modules"
            if top == "ui":
                assert not target.startswith("beoordelaar.cli"), f"{where}: the GUI does not use the command line"
            elif target.startswith("beoordelaar.ui"):
                assert module == "beoordelaar.cli", f"{where}: only the entry point starts the window"
            continue
        if top != "core":
            continue
        assert not target.startswith(("beoordelaar.ui", "beoordelaar.cli")), f"{where}: the core knows no face"
        assert not target.endswith(".api"), f"{where}: inside the core, import the module itself; api is for the faces"


@pytest.mark.parametrize("module", [m for m in MODULES if _phase(m) is not None])
def test_phases_build_on_earlier_phases_only(module: str) -> None:
    own = PHASES.index(_phase(module))  # type: ignore[arg-type]
    for found in _ours(module):
        target_phase = _phase(found.name)
        if target_phase is None or is_rule(found.name):
            continue
        assert PHASES.index(target_phase) <= own, (
            f"{_where(module, found)}: {_phase(module)} may use the rules of {target_phase}, not its actions"
        )


@pytest.mark.parametrize("module", [m for m in MODULES if is_rule(m)])
def test_rules_import_only_rules(module: str) -> None:
    for found in _ours(module):
        assert is_rule(found.name) or found.name in {"beoordelaar.core.text", "beoordelaar.core.errors"}, (
            f"{_where(module, found)}: a rule uses only rules and the Dutch text helpers"
        )


@pytest.mark.parametrize(
    "module", [m for m in MODULES if m.startswith(("beoordelaar.core.storage", "beoordelaar.core.files"))]
)
def test_storage_and_file_formats_stay_below_the_actions(module: str) -> None:
    for found in _ours(module):
        below = found.name.startswith(("beoordelaar.core.storage", "beoordelaar.core.files")) or is_rule(found.name)
        shared = found.name in {"beoordelaar.core.text", "beoordelaar.core.errors", "beoordelaar.core.paths"}
        assert below or shared, f"{_where(module, found)}: storage and file formats know no actions"


def test_text_helpers_import_nothing_of_ours() -> None:
    if "beoordelaar.core.text" in _modules():
        assert list(_ours("beoordelaar.core.text")) == []


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), over every import of ours."""
    graph = {m: sorted({i.name for i in _ours(m) if i.name in _modules() and i.name != m}) for m in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    for module in MODULES:
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles() -> None:
    assert _cycles() == []


def test_the_walker_sees_the_phases_and_knows_rules_from_actions() -> None:
    assert {_phase(m) for m in MODULES} >= set(PHASES)
    assert is_rule("beoordelaar.core.consolidation.agreement")
    assert not is_rule("beoordelaar.core.consolidation.consolidation")
    assert not is_rule("beoordelaar.core.scoring.api")
