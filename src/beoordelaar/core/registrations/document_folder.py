"""Finding the documents an export names in a folder the chair points to, and whose they are.

Platforms download submissions flat (every file in one folder) or one folder per bidder, and the same file name
("Plan van aanpak.pdf") is often handed in by every bidder. So a file belongs to a registration by its name and by
where it is: a folder or file name that carries the bidder's KvK number, inschrijvingsnummer or name. Names match
exactly first, then ignoring case, spaces, underscores and dashes; a file named after the bidder ("INS-0001 Plan van
aanpak.pdf") matches too. A file that could belong to more than one registration, or more files that could be the
one asked for, are never guessed between: the reason names them, and the document is recorded as missing.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.text import and_list

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # the detail goes to the app's log when one runs, never to the terminal


def loose_name(name: str) -> str:
    return re.sub(r"[\s_\-\u00a0]+", "", name.casefold())


@dataclass(frozen=True)
class Bidder:
    """Who a registration is, as the export says: its row, and the words a folder or file name may carry."""

    row: int
    kvk: str
    name: str
    number: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} (rij {self.row})"


@dataclass(frozen=True)
class DocumentRequest:
    bidder: Bidder
    code: str
    file_name: str


@dataclass(frozen=True)
class DocumentMatch:
    """The file found for a request, or None with a Dutch reason."""

    path: Path | None
    reason: str | None = None


_LEGAL_FORMS = ({"bv"}, {"nv"}, {"vof"}, {"cv"})


def _tokens(text: str) -> tuple[str, ...]:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return tuple(re.findall(r"[0-9a-z]+", plain))


def _name_tokens(name: str) -> tuple[str, ...]:
    """A bidder's name without its legal form: "Zorg A B.V." -> ("zorg", "a")."""
    tokens = list(_tokens(name))
    while len(tokens) > 1 and ({tokens[-1]} in _LEGAL_FORMS or {"".join(tokens[-2:])} in _LEGAL_FORMS):
        tokens = tokens[:-2] if {"".join(tokens[-2:])} in _LEGAL_FORMS else tokens[:-1]
    if tokens and tokens[0] == "stichting" and len(tokens) > 1:
        tokens = tokens[1:]
    return tuple(tokens)


def _runs(tokens: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    for start in range(len(tokens)):
        for end in range(start + 1, min(len(tokens), start + 12) + 1):  # a name of up to 12 words
            yield tokens[start:end]


class _Owners:
    """Which bidders a path names, by KvK number, inschrijvingsnummer or name (indexed, so a folder of thousands
    of files against thousands of rows stays quick)."""

    def __init__(self, bidders: Iterable[Bidder]) -> None:
        self.strong: dict[tuple[str, ...], set[Bidder]] = {}
        self.by_name: dict[tuple[str, ...], set[Bidder]] = {}
        for bidder in bidders:
            self.strong.setdefault((bidder.kvk,), set()).add(bidder)
            # Short numbers ("7") and names ("Ab") would be found in any file name.
            if bidder.number and len("".join(_tokens(bidder.number))) >= 4:
                self.strong.setdefault(_tokens(bidder.number), set()).add(bidder)
            if len("".join(_name_tokens(bidder.name))) >= 3:
                self.by_name.setdefault(_name_tokens(bidder.name), set()).add(bidder)

    def of(self, parts: Sequence[str]) -> frozenset[Bidder]:
        found: set[Bidder] = set()
        for part in parts:
            tokens = _tokens(part)
            named: dict[tuple[str, ...], set[Bidder]] = {}
            for run in _runs(tokens):
                found.update(self.strong.get(run, ()))
                if run in self.by_name:
                    named[run] = self.by_name[run]
            if named:  # "Zorg" and "Zorg A" both in "Zorg A BV": the longer name is the one meant
                longest = max(len(run) for run in named)
                found.update(b for run, group in named.items() if len(run) == longest for b in group)
        return frozenset(found)


@dataclass
class DocumentFolder:
    root: Path
    files: list[Path] = field(default_factory=list)
    exact: dict[str, list[Path]] = field(default_factory=dict)
    loose: dict[str, list[Path]] = field(default_factory=dict)

    @classmethod
    def scan(cls, root: Path) -> DocumentFolder:
        root = Path(root).expanduser()
        if not root.is_dir():
            raise UserError(f"De documentenmap {root} bestaat niet of is geen map.")
        folder = cls(root)
        try:
            folder.files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith((".", "~$")))
        except OSError as exc:
            log.warning("lezen van de documentenmap %s: %s", root, exc)
            raise UserError(f"De documentenmap {root} kan niet worden gelezen: {os_reason(exc)}.") from exc
        for path in folder.files:
            folder.exact.setdefault(path.name, []).append(path)
            folder.loose.setdefault(loose_name(path.name), []).append(path)
        return folder

    def shown(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _shown_list(self, paths: Sequence[Path]) -> str:
        listed = [f"'{self.shown(p)}'" for p in paths[:5]]
        return and_list(listed) + (f" en nog {len(paths) - 5}" if len(paths) > 5 else "")

    def _candidates(self, file_name: str) -> list[Path]:
        return self.exact.get(file_name) or self.loose.get(loose_name(file_name), [])

    def match(self, requests: Sequence[DocumentRequest]) -> dict[tuple[int, str], DocumentMatch]:
        """For every (row, criterion code) its file, or a reason; judged over all requests at once, since whether
        a file is a registration's own depends on who else could claim it."""
        owners_of = _Owners(r.bidder for r in requests)
        owners = {p: owners_of.of((*p.relative_to(self.root).parts[:-1], p.stem)) for p in self.files}
        named: dict[Bidder, list[Path]] = {}
        for path, who in owners.items():
            for bidder in who:
                named.setdefault(bidder, []).append(path)
        own: dict[DocumentRequest, list[Path]] = {}
        unclaimed: dict[DocumentRequest, list[Path]] = {}
        for request in requests:
            candidates = self._candidates(request.file_name)
            mine = [p for p in candidates if request.bidder in owners[p]]
            if not mine:  # "INS-0001 Plan van aanpak.pdf" for "Plan van aanpak.pdf"
                wanted = loose_name(Path(request.file_name).stem)
                suffix = Path(request.file_name).suffix.casefold()
                mine = [
                    p
                    for p in named.get(request.bidder, ())
                    if wanted and wanted in loose_name(p.stem) and p.suffix.casefold() == suffix
                ]
            own[request] = mine
            unclaimed[request] = [p for p in candidates if not owners[p]]
        claimants: dict[Path, list[Bidder]] = {}
        for request, free in unclaimed.items():
            if not own[request] and len(free) == 1:
                claimants.setdefault(free[0], []).append(request.bidder)
        return {(r.bidder.row, r.code): self._judge(r, own[r], unclaimed[r], owners, claimants) for r in requests}

    def _judge(
        self,
        request: DocumentRequest,
        mine: list[Path],
        free: list[Path],
        owners: dict[Path, frozenset[Bidder]],
        claimants: dict[Path, list[Bidder]],
    ) -> DocumentMatch:
        name = request.file_name
        if len(mine) == 1:
            others = sorted((b for b in owners[mine[0]] if b != request.bidder), key=lambda b: b.row)
            if not others:
                return DocumentMatch(mine[0])
            return DocumentMatch(None, self._shared(mine[0], [request.bidder, *others]))
        if mine:
            return DocumentMatch(
                None,
                f"Meer bestanden passen bij '{name}' van {request.bidder.name}: {self._shown_list(mine)}. "
                "Er is er geen gekozen; hernoem of verwijder de andere en importeer opnieuw.",
            )
        if len(free) == 1:
            who = claimants.get(free[0], [])
            if len(who) > 1:
                return DocumentMatch(None, self._shared(free[0], who))
            return DocumentMatch(free[0])
        if free:
            return DocumentMatch(
                None,
                f"Meer bestanden passen bij '{name}': {self._shown_list(free)}, en geen ervan staat in een map of "
                f"heeft een naam met het KvK-nummer, het inschrijvingsnummer of de naam van {request.bidder.name}. "
                "Er is er geen gekozen; zet elk bestand in een map met de naam van de inschrijver.",
            )
        candidates = self._candidates(name)
        if candidates:
            return DocumentMatch(
                None,
                f"Document '{name}' van {request.bidder.name} niet gevonden: {self._shown_list(candidates)} staat "
                "bij een andere inschrijver. Het staat als ontbrekend geregistreerd.",
            )
        return DocumentMatch(
            None, f"Document '{name}' niet gevonden in {self.root}; het staat als ontbrekend geregistreerd."
        )

    def _shared(self, path: Path, bidders: Sequence[Bidder]) -> str:
        return (
            f"Het bestand '{self.shown(path)}' kan bij meer inschrijvingen horen: "
            f"{and_list([b.label for b in sorted(bidders, key=lambda b: b.row)])}. Er is niet gegokt: het document "
            "staat als ontbrekend geregistreerd. Zet elk bestand in een map met de naam, het KvK-nummer of het "
            "inschrijvingsnummer van de inschrijver, en importeer opnieuw."
        )
