"""No module-level mutable state: state belongs to an owner (the open Database, a window, a widget), never to a module,
so two databases, two windows or two threads in one process never share it. Read over the package's source (AST):
no `global` statement, and no module-level dict, list or set (literal, comprehension or constructor call) that the
module then changes (item assignment, del, augmented assignment or a mutating method call)."""

from __future__ import annotations

import ast
from pathlib import Path

import beoordelaar

PACKAGE = Path(beoordelaar.__file__).parent
CONTAINERS = {"dict", "list", "set", "OrderedDict", "defaultdict", "Counter", "deque"}
MUTATORS = {
    "append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "popleft", "remove", "discard",
    "clear", "move_to_end", "sort", "reverse", "appendleft", "difference_update", "intersection_update",
}  # fmt: skip


def _is_container(value: ast.expr | None) -> bool:
    if isinstance(value, ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp | ast.SetComp):
        return True
    if isinstance(value, ast.Call):
        called = value.func
        name = called.id if isinstance(called, ast.Name) else called.attr if isinstance(called, ast.Attribute) else ""
        return name in CONTAINERS
    return False


def _module_containers(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for statement in tree.body:
        if isinstance(statement, ast.Assign | ast.AnnAssign) and _is_container(statement.value):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _changed_names(node: ast.AST) -> list[str]:
    """The plain names a statement or call changes in place: x[k] = v, del x[k], x[k] += v, x += v, x.add(v)."""
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign | ast.Delete):
        targets = [t.value for t in node.targets if isinstance(t, ast.Subscript)]
    elif isinstance(node, ast.AugAssign):
        targets = [node.target.value if isinstance(node.target, ast.Subscript) else node.target]
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
        targets = [node.func.value]
    return [t.id for t in targets if isinstance(t, ast.Name)]


def module_state_findings(source: str, where: str) -> list[str]:
    tree = ast.parse(source)
    containers = _module_containers(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found.append((node.lineno, f"global {', '.join(node.names)}"))
        for name in _changed_names(node):
            if name in containers:
                found.append((node.lineno, f"module-level {name} is changed"))
    return [f"{where}:{line}: {what}" for line, what in sorted(found)]


def test_the_package_keeps_no_module_level_mutable_state() -> None:
    findings = [
        finding
        for path in sorted(PACKAGE.rglob("*.py"))
        for finding in module_state_findings(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
    ]
    assert findings == []


def test_the_check_finds_what_it_looks_for() -> None:
    source = """
_CACHE: dict[str, int] = {}
_SEEN = set()
_ITEMS = [1, 2]
_TOTALS = {k: 0 for k in "ab"}
CONSTANT = {"a": 1}
_flag = False

def f(key):
    global _flag
    _CACHE[key] = 1
    _SEEN.add(key)
    del _ITEMS[0]
    _TOTALS["a"] += 1
    local = {}
    local[key] = CONSTANT[key]
"""
    found = module_state_findings(source, "m.py")
    assert found == [
        "m.py:10: global _flag",
        "m.py:11: module-level _CACHE is changed",
        "m.py:12: module-level _SEEN is changed",
        "m.py:13: module-level _ITEMS is changed",
        "m.py:14: module-level _TOTALS is changed",
    ]
