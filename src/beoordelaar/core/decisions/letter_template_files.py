"""The built-in letter templates, shipped in resources/letters/standaard.toml."""

from __future__ import annotations

from functools import cache

from beoordelaar.core.decisions.letter_templates import LetterTemplate, TemplateKey, parse_templates
from beoordelaar.core.paths import resources_dir

DEFAULT_FILE = "standaard.toml"


@cache
def default_templates() -> dict[TemplateKey, LetterTemplate]:
    path = resources_dir() / "letters" / DEFAULT_FILE
    return parse_templates(path.read_text(encoding="utf-8"), path.name)
