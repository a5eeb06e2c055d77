"""Who may look up a round or a registration: the core's session-level lookups stay in the core, and only the command
line resolves what a user typed (a round's id or name, a registration's number or KvK)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "beoordelaar"
SESSION_LOOKUPS = {"find_round", "find_registration", "match_registration"}
TEXT_RESOLVERS = {"resolve_round", "resolve_registration"}


def _imported_names(layer: str) -> dict[str, set[str]]:
    """Per module of the layer, the names it imports from our package."""
    found: dict[str, set[str]] = {}
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("beoordelaar")
            for alias in node.names
        }
        found[path.relative_to(PACKAGE).as_posix()] = names
    return found


def test_the_faces_never_use_the_cores_session_lookups() -> None:
    for layer in ("ui", "cli"):
        for module, names in _imported_names(layer).items():
            assert not names & SESSION_LOOKUPS, f"{module} imports {names & SESSION_LOOKUPS}: pass an id instead"


def test_only_the_command_line_resolves_what_a_user_typed() -> None:
    users = {
        module
        for layer in ("ui", "core")
        for module, names in _imported_names(layer).items()
        if names & TEXT_RESOLVERS and not module.endswith("/api.py")  # an api re-exports them for the CLI
    }
    assert users == set(), f"{sorted(users)} resolve a user's text; the windows and the core take ids"
    assert any(names & TEXT_RESOLVERS for names in _imported_names("cli").values())
