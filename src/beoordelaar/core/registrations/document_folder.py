"""Finding the plan files an export names in a folder the chair points to.

Exports and folders disagree on details: "PvA normaliseren 0001.PDF" in the sheet, "pva_normaliseren_0001.pdf" on
disk. A name matches exactly first, then ignoring case, spaces, underscores and dashes. Two files that both match
loosely are not guessed between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from beoordelaar.core.errors import UserError


def loose_name(name: str) -> str:
    return re.sub(r"[\s_\-\u00a0]+", "", name.casefold())


@dataclass
class DocumentFolder:
    root: Path
    exact: dict[str, Path] = field(default_factory=dict)
    loose: dict[str, list[Path]] = field(default_factory=dict)

    @classmethod
    def scan(cls, root: Path) -> DocumentFolder:
        root = Path(root).expanduser()
        if not root.is_dir():
            raise UserError(f"De documentenmap {root} bestaat niet of is geen map.")
        folder = cls(root)
        try:
            files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith((".", "~$")))
        except OSError as exc:
            raise UserError(f"De documentenmap {root} kan niet worden gelezen: {exc.strerror}.") from exc
        for path in files:
            folder.exact.setdefault(path.name, path)
            folder.loose.setdefault(loose_name(path.name), []).append(path)
        return folder

    def find(self, name: str) -> tuple[Path | None, str | None]:
        """The file for a name from the export, or None with a Dutch reason."""
        if name in self.exact:
            return self.exact[name], None
        candidates = self.loose.get(loose_name(name), [])
        if len(candidates) == 1:
            return candidates[0], None
        if len(candidates) > 1:
            names = ", ".join(str(p.relative_to(self.root)) for p in candidates[:5])
            return None, f"Meer bestanden passen bij '{name}' ({names}); kies er één door de andere te hernoemen."
        return None, f"Document '{name}' niet gevonden in {self.root}; het staat als ontbrekend geregistreerd."
