"""Framework files: the built-in ones shipped in resources/frameworks, and any TOML file a chair writes."""

from __future__ import annotations

from pathlib import Path

from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.paths import resources_dir
from beoordelaar.core.rounds.framework import Framework, FrameworkError, parse_framework


def builtin_dir() -> Path:
    return resources_dir() / "frameworks"


def builtin_names() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.toml"))


def read_framework_text(name_or_path: str) -> tuple[str, str]:
    """The TOML text and a source label for a built-in name or a file path; UserError if neither."""
    builtin = builtin_dir() / f"{name_or_path}.toml"
    path = builtin if builtin.is_file() else Path(name_or_path).expanduser()
    if not path.is_file():
        known = ", ".join(builtin_names())
        raise UserError(f"Kader '{name_or_path}' niet gevonden: geen bestand en geen ingebouwd kader ({known}).")
    try:
        return path.read_text(encoding="utf-8"), path.name
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: het kader is geen UTF-8-tekst (byte {exc.start}).") from exc
    except OSError as exc:
        raise UserError(f"{path}: het kader kan niet worden gelezen ({os_reason(exc)}).") from exc


def load_framework(name_or_path: str) -> tuple[Framework, str]:
    """Parse a built-in or file framework; return it with its source text. Broken files raise UserError."""
    text, source = read_framework_text(name_or_path)
    try:
        return parse_framework(text, source), text
    except FrameworkError as exc:
        raise UserError(f"Het kader is niet bruikbaar. {exc}") from exc


def builtin_frameworks() -> dict[str, Framework]:
    """The built-in frameworks by their short name (the one 'round create --framework' takes)."""
    return {name: load_framework(name)[0] for name in builtin_names()}
