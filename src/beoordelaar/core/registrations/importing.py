"""Importing registrations from a platform export or a team's spreadsheet: read, map, check, preview, apply.

The preview and the import run the same plan, so what the chair previews (created, updated, unchanged, skipped)
is what the import does. The import is one unit of work: all of it lands, or (with only_valid_rows) every row
without errors; otherwise nothing. A re-import matches registrations by KvK number within the round, changes only
values that really differ (each change audited by the ORM listener), and never touches scores, checks, decisions
or documents already stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from beoordelaar.core.errors import UserError
from beoordelaar.core.files.reference import product_categories
from beoordelaar.core.files.tables import Progress, SheetRow, Table, read_table, unreadable_file
from beoordelaar.core.registrations.answers import parse_decimal
from beoordelaar.core.registrations.column_mapping import ColumnMapping, HeaderIndex, header_signature, restore_mapping
from beoordelaar.core.registrations.column_mapping import suggest_mapping as guess_mapping
from beoordelaar.core.registrations.document_folder import (
    Bidder,
    DocumentFolder,
    DocumentMatch,
    DocumentRequest,
    loose_name,
)
from beoordelaar.core.registrations.import_fields import REQUIRED_FIELDS, Field, criterion_code, is_document, targets
from beoordelaar.core.registrations.import_rows import ParsedRow, RowRules, Severity, fold_duplicates, parse_row
from beoordelaar.core.registrations.long_export import (
    LongShape,
    PivotedExport,
    Sheet,
    detect_shape,
    layout_score,
    pivot,
)
from beoordelaar.core.registrations.mapping_file import MappingFile, read_mapping_file, write_mapping_file
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import AnswerKind, Criterion, Framework, Lot
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import insert_audited, record_action, unit_of_work
from beoordelaar.core.storage.bulk import KeyOf, collection_paused
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.database import Database
from beoordelaar.core.storage.documents import sha256_of
from beoordelaar.core.text import count_text, word

# Registration columns an import writes; everything else (scores, checks, decisions, consensus) it never touches.
_REGISTRATION_FIELDS = (
    Field.NAME, Field.VESTIGINGSNUMMER, Field.AGB, Field.ADDRESS, Field.POSTCODE, Field.CITY, Field.CONTACT_NAME,
    Field.EMAIL, Field.PHONE, Field.SUBMITTED_AT,
)  # fmt: skip
_FIELD_NAMES = frozenset(f.value for f in _REGISTRATION_FIELDS)


class RowOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"

    @property
    def label(self) -> str:
        return word("row_outcome", self.value)


@dataclass(frozen=True)
class Finding:
    row: int | None
    column: str
    value: str
    message: str
    severity: Severity

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}


@dataclass(frozen=True)
class PlannedRow:
    row: int
    kvk: str
    name: str
    outcome: RowOutcome
    changes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    """What an import does (preview) or did (applied): per row, and the findings."""

    source: str
    rows: tuple[PlannedRow, ...]
    findings: tuple[Finding, ...]
    refused: bool
    applied: bool

    def count(self, outcome: RowOutcome) -> int:
        return sum(1 for r in self.rows if r.outcome is outcome)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.count(RowOutcome.CREATED),
            "updated": self.count(RowOutcome.UPDATED),
            "unchanged": self.count(RowOutcome.UNCHANGED),
            "skipped": self.count(RowOutcome.SKIPPED),
            "warnings": [f.as_json() for f in self.warnings],
            "errors": [f.as_json() for f in self.errors],
        }


@dataclass(frozen=True)
class LoadedExport:
    """A read export with the mapping to start from (from a mapping file, remembered for this shape, or guessed).
    A questionnaire-shaped export is held pivoted, one row per bidder (long: where each cell came from)."""

    path: Path
    table: Table
    mapping: ColumnMapping
    remembered: bool
    labels: dict[str, str]
    sha256: str
    long: PivotedExport | None = None
    mapping_file: str | None = None
    notes: tuple[Finding, ...] = ()

    @property
    def signature(self) -> str:
        return header_signature(self.table.headers)

    @property
    def shape_text(self) -> str:
        """How the file was read, for the wizard and the CLI."""
        if self.long is None:
            return "een rij per inschrijving"
        return (
            f"een rij per vraag ({self.long.source_rows} rijen, kolom '{self.long.shape.answer}' als antwoord), "
            f"omgezet naar {count_text(len(self.table.rows), 'inschrijving', 'inschrijvingen')}"
        )


class ImportCancelled(Exception):
    """Raised by a progress callback to stop; nothing is changed."""


# -- reading and mapping ----------------------------------------------------------------------------------------


def load_export(
    sessions: sessionmaker[Session],
    round_id: int,
    path: Path,
    progress: Progress | None = None,
    mapping_file: Path | None = None,
) -> LoadedExport:
    """Read an export and propose its mapping: the mapping file's when given, else the one remembered for this
    shape, else a guess. A file that cannot be read, or a mapping file that does not fit, raises UserError."""
    path = Path(path)
    with sessions() as session:
        rnd = find_round(session, round_id)
        framework = round_framework(rnd)
        index = HeaderIndex(framework)
        labels = targets(framework)
        saved = read_mapping_file(mapping_file, labels) if mapping_file is not None else None
        table = read_table(path, header_score=lambda cells: index.score(cells) + layout_score(cells), progress=progress)
        if not table.rows:
            raise UserError(
                f"{path.name}: onder de kopregel (rij {table.header_row}) staan geen inschrijvingen. "
                "Is dit het goede bestand of tabblad?"
            )
        shape = saved.shape if saved is not None else detect_shape(table.headers)
        long = None
        if shape is not None and not (saved is not None and saved.wide):
            table, long = _pivoted(table, shape, index)
        stored = session.execute(
            select(m.ImportMapping).where(m.ImportMapping.signature == header_signature(table.headers))
        ).scalar_one_or_none()
    if saved is not None:
        return _from_mapping_file(path, table, saved, labels, long)
    mapping = restore_mapping(table.headers, stored.mapping, set(labels)) if stored is not None else None
    remembered = mapping is not None
    if mapping is None:
        mapping = guess_mapping(table.headers, index)
        if long is not None:
            mapping = _questions_by_number(mapping, long, index)
    return LoadedExport(path, table, mapping, remembered, labels, _file_digest(path), long)


def _pivoted(table: Table, shape: LongShape, index: HeaderIndex) -> tuple[Table, PivotedExport]:
    sheet = Sheet(table.source, table.header_row, table.headers, tuple((r.number, r.cells) for r in table.rows))
    wide, long = pivot(sheet, shape, index)
    rows = tuple(SheetRow(number, cells) for number, cells in wide.rows)
    return Table(table.source, table.sheet, table.header_row, wide.headers, rows), long


def _from_mapping_file(
    path: Path, table: Table, saved: MappingFile, labels: dict[str, str], long: PivotedExport | None
) -> LoadedExport:
    mapping, absent = saved.apply(table.headers)
    notes = tuple(
        Finding(None, header, "", f"Deze kolom uit de kolomindeling {saved.path.name} staat niet in de export.",
                Severity.WARNING)
        for header in absent
    )  # fmt: skip
    return LoadedExport(path, table, mapping, False, labels, _file_digest(path), long, saved.path.name, notes)


def _questions_by_number(mapping: ColumnMapping, long: PivotedExport, index: HeaderIndex) -> ColumnMapping:
    """A question whose text is not known, but whose number is a criterion's code ("G5"), means that criterion."""
    for column, code in long.codes.items():
        target = index.exact(code)
        if mapping.targets[column] is None and target is not None and mapping.column_of(target) is None:
            mapping = mapping.with_target(column, target)
    return mapping


def save_mapping(path: Path, export: LoadedExport, mapping: ColumnMapping | None = None) -> None:
    """Save the mapping (and, for a questionnaire-shaped export, which columns are question and answer) to reuse
    with `import --mapping` or the wizard."""
    write_mapping_file(path, mapping or export.mapping, export.long.shape if export.long is not None else None)


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise unreadable_file(path, exc) from exc
    return digest.hexdigest()


# -- preview and apply ------------------------------------------------------------------------------------------


def preview_import(
    sessions: sessionmaker[Session],
    round_id: int,
    export: LoadedExport,
    mapping: ColumnMapping | None = None,
    documents_dir: Path | None = None,
    only_valid_rows: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """What the import would do, without changing anything (the session is only read)."""
    folder = DocumentFolder.scan(documents_dir) if documents_dir else None
    with sessions() as session:
        rnd = find_round(session, round_id)
        plan = _Planner(session, rnd, export, mapping or export.mapping, folder, progress).plan(only_valid_rows)
        session.rollback()
    return plan.result(applied=False)


@collection_paused()
def apply_import(
    database: Database,
    round_id: int,
    export: LoadedExport,
    *,
    actor: str,
    mapping: ColumnMapping | None = None,
    documents_dir: Path | None = None,
    only_valid_rows: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import in one transaction. Refused (nothing changed, result.refused) when a row has an error and
    only_valid_rows is not set. The confirmed mapping is remembered for the next export of this shape."""
    mapping = mapping or export.mapping
    folder = DocumentFolder.scan(documents_dir) if documents_dir else None
    with unit_of_work(database.sessions, actor, source="import") as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.IMPORT_REGISTRATIONS)
        plan = _Planner(session, rnd, export, mapping, folder, progress).plan(only_valid_rows)
        if plan.refused:
            return plan.result(applied=False)
        plan.apply(database)
        _remember_mapping(session, export, mapping)
        if plan.changed:
            result = plan.result(applied=True)
            record_action(
                session,
                "registrations-imported",
                "rounds",
                str(rnd.id),
                {
                    "file": export.path.name,
                    "sha256": export.sha256,
                    "created": result.count(RowOutcome.CREATED),
                    "updated": result.count(RowOutcome.UPDATED),
                    "skipped": result.count(RowOutcome.SKIPPED),
                },
            )
        return plan.result(applied=True)


def _remember_mapping(session: Session, export: LoadedExport, mapping: ColumnMapping) -> None:
    data = mapping.as_json()
    stored = session.execute(
        select(m.ImportMapping).where(m.ImportMapping.signature == export.signature)
    ).scalar_one_or_none()
    if stored is None:
        session.add(m.ImportMapping(signature=export.signature, mapping=data))
    elif stored.mapping != data:
        stored.mapping = data


# -- the plan ---------------------------------------------------------------------------------------------------


@dataclass
class _DocumentPlan:
    criterion_code: str
    file_name: str
    source: Path | None
    sha256: str | None
    size: int | None
    existing: m.Document | None = None  # a missing document now found


@dataclass
class _RowPlan:
    parsed: ParsedRow
    outcome: RowOutcome
    existing: m.Registration | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    lots: tuple[str, ...] | None = None
    answers: dict[str, str] = field(default_factory=dict)
    documents: list[_DocumentPlan] = field(default_factory=list)
    number: str | None = None


class _Plan:
    def __init__(self, source: str, rows: list[_RowPlan], findings: list[Finding], refused: bool) -> None:
        self.source = source
        self.rows = rows
        self.findings = findings
        self.refused = refused
        self.apply_fn: Callable[[Database], None] | None = None

    @property
    def changed(self) -> bool:
        return any(r.outcome in (RowOutcome.CREATED, RowOutcome.UPDATED) for r in self.rows)

    def apply(self, database: Database) -> None:
        assert self.apply_fn is not None
        self.apply_fn(database)

    def result(self, applied: bool) -> ImportResult:
        planned = tuple(
            PlannedRow(
                row=r.parsed.row,
                kvk=r.parsed.kvk or "",
                name=str(r.parsed.fields.get(Field.NAME, "")),
                outcome=RowOutcome.SKIPPED if self.refused else r.outcome,
                changes=tuple(r.changes),
            )
            for r in self.rows
        )
        return ImportResult(self.source, planned, tuple(self.findings), self.refused, applied)


class _Planner:
    def __init__(
        self,
        session: Session,
        rnd: m.Round,
        export: LoadedExport,
        mapping: ColumnMapping,
        folder: DocumentFolder | None,
        progress: Progress | None,
    ) -> None:
        self.session = session
        self.round = rnd
        self.export = export
        self.mapping = mapping
        self.folder = folder
        self.progress = progress
        self.framework: Framework = round_framework(rnd)
        self.findings: list[Finding] = []
        self.criteria = {c.code: c for c in self.framework.criteria}
        codes = select(m.Criterion.id, m.Criterion.code).where(m.Criterion.framework_id == rnd.framework_id)
        self.criterion_codes: dict[int, str] = {id_: code for id_, code in session.execute(codes)}
        self.invited = _invitations(session, rnd)
        self.document_matches: dict[tuple[int, str], DocumentMatch] = {}

    def header(self, target: str | None) -> str:
        target = target if target is not None else Field.KVK.value
        header = self.mapping.header_of(target)
        long = self.export.long
        return header if long is None else long.column_label(self.mapping.column_of(target), header)

    def add(self, row: int | None, target: str | None, value: str, message: str, severity: Severity) -> None:
        self.findings.append(Finding(row, self.header(target), value, message, severity))

    def plan(self, only_valid_rows: bool) -> _Plan:
        self.findings.extend(self.export.notes)
        missing = [f for f in REQUIRED_FIELDS if self.mapping.column_of(f.value) is None]
        if missing:
            for f in missing:
                message = f"Geen kolom gekoppeld aan '{f.label}' (verplicht). Kies de kolom bij het koppelen."
                self.findings.append(Finding(None, "", "", message, Severity.ERROR))
            rows = [_RowPlan(ParsedRow(r.number), RowOutcome.SKIPPED) for r in self.export.table.rows]
            return _Plan(self.export.path.name, rows, self.findings, refused=True)
        parsed = self._parse_rows()
        kept = fold_duplicates(parsed)
        kept_ids = {id(p) for p in kept}
        existing = self._existing()
        row_plans: list[_RowPlan] = []
        for p in parsed:
            if id(p) not in kept_ids:
                row_plans.append(_RowPlan(p, RowOutcome.SKIPPED))
        numbers_taken = self._numbers(existing)
        self.document_matches = self._match_documents(kept, existing)
        for p in kept:
            row_plans.append(self._plan_row(p, existing, numbers_taken))
        row_plans.sort(key=lambda r: r.parsed.row)
        for p in parsed:
            for issue in p.issues:
                self.add(issue.row, issue.target, issue.value, issue.message, issue.severity)
        self._note_documents_without_folder(row_plans)
        self.findings.sort(key=lambda f: (f.row or 0, f.severity is not Severity.ERROR))
        has_errors = any(f.severity is Severity.ERROR for f in self.findings)
        plan = _Plan(self.export.path.name, row_plans, self.findings, refused=has_errors and not only_valid_rows)
        source = self.export.path.name
        plan.apply_fn = lambda database: _Applier(self.session, self.round, database, source).run(row_plans)
        return plan

    def _parse_rows(self) -> list[ParsedRow]:
        categories = product_categories()
        rules = RowRules(
            lots=self.framework.lots if not self.round.lots else _round_lots(self.round),
            categories=categories.current,
            historic_categories=categories.historic,
            criteria={c.code: c for c in self.framework.criteria},
        )
        columns = [(i, t) for i, t in enumerate(self.mapping.targets) if t is not None]
        rows = self.export.table.rows
        parsed = []
        for n, row in enumerate(rows, start=1):
            cells = {target: row.cells[i] for i, target in columns}
            if self.export.long is None:
                parsed.append(parse_row(row.number, cells, rules))
            else:
                parsed.append(self._parse_pivoted(row.number, cells, columns, rules))
            if self.progress is not None and n % 200 == 0:
                self.progress(n, len(rows))
        return parsed

    def _parse_pivoted(
        self, number: int, cells: dict[str, str], columns: list[tuple[int, str]], rules: RowRules
    ) -> ParsedRow:
        """A bidder of a questionnaire-shaped export: each cell with its own row; a list (lots, categories) given
        over several rows is joined; two different answers to one question are an error naming both rows."""
        long = self.export.long
        assert long is not None
        cell_rows: dict[str, int] = {}
        conflicts: list[tuple[str, str]] = []
        for i, target in columns:
            cell = long.cells.get((number, i))
            if cell is None:
                continue
            cell_rows[target] = cell.row
            if not cell.others:
                continue
            if target in (Field.LOTS.value, Field.PRODUCT_CATEGORIES.value):
                cells[target] = "; ".join([cells[target], *(value for _, value in cell.others)])
            else:
                given = "; ".join(f"rij {r}: '{v[:60]}'" for r, v in ((cell.row, cells[target]), *cell.others))
                conflicts.append((target, given))
        parsed = parse_row(number, cells, rules, cell_rows)
        for target, given in conflicts:
            parsed.note(
                target,
                cells[target],
                f"Dezelfde inschrijver geeft hier verschillende antwoorden ({given}). Herstel de export: welk "
                "antwoord geldt?",
                Severity.ERROR,
            )
        return parsed

    def _existing(self) -> dict[str, m.Registration]:
        registrations = self.session.execute(
            select(m.Registration)
            .where(m.Registration.round_id == self.round.id)
            .options(
                selectinload(m.Registration.provider),
                selectinload(m.Registration.lots),
                selectinload(m.Registration.answers).selectinload(m.DeclaredAnswer.criterion),
                selectinload(m.Registration.documents),
            )
        ).scalars()
        return {r.provider.kvk: r for r in registrations}

    def _numbers(self, existing: dict[str, m.Registration]) -> dict[str, str]:
        return {r.number: kvk for kvk, r in existing.items()}

    def _plan_row(self, p: ParsedRow, existing: dict[str, m.Registration], numbers: dict[str, str]) -> _RowPlan:
        if p.has_errors:
            return _RowPlan(p, RowOutcome.SKIPPED)
        kvk = p.kvk
        assert kvk is not None
        current = existing.get(kvk)
        number = p.fields.get(Field.NUMBER)
        if number and numbers.get(number, kvk) != kvk:
            p.note(
                Field.NUMBER,
                number,
                f"Inschrijvingsnummer {number} hoort in deze ronde al bij KvK {numbers[number]}.",
                Severity.ERROR,
            )
            return _RowPlan(p, RowOutcome.SKIPPED)
        if self.invited is not None and not self._invited(p, kvk):
            return _RowPlan(p, RowOutcome.SKIPPED)
        if number:
            numbers[number] = kvk
        plan = _RowPlan(p, RowOutcome.CREATED if current is None else RowOutcome.UNCHANGED, existing=current)
        plan.number = number
        for f in _REGISTRATION_FIELDS:
            value = p.fields.get(f)
            if value is not None and (current is None or getattr(current, f.value) != value):
                plan.changes[f.value] = value
        categories = p.fields.get(Field.PRODUCT_CATEGORIES)
        if categories is not None and (current is None or list(current.product_categories or []) != list(categories)):
            plan.changes[Field.PRODUCT_CATEGORIES.value] = list(categories)
        if current is not None and number and current.number != number:
            plan.changes[Field.NUMBER.value] = number
        lots = p.fields.get(Field.LOTS)
        if lots is not None and (current is None or tuple(lot.code for lot in current.lots) != tuple(lots)):
            plan.lots = tuple(lots)
            plan.changes[Field.LOTS.value] = list(lots)
        have = {a.criterion.code: a.value for a in current.answers} if current is not None else {}
        for code, value in p.answers.items():
            if not _same_answer(self.criteria[code], have.get(code), value):
                plan.answers[code] = value
                plan.changes[f"criterion:{code}"] = value
        self._plan_documents(plan, current)
        if current is not None and plan.changes:
            plan.outcome = RowOutcome.UPDATED
        return plan

    def _invited(self, p: ParsedRow, kvk: str) -> bool:
        """In an award stage only the candidates selected in its selection round may register, each only for the
        lots it was selected for."""
        assert self.invited is not None
        selection_round = self.session.get(m.Round, self.round.selection_round_id)
        selection = selection_round.name if selection_round is not None else ""
        if kvk not in self.invited:
            p.note(Field.KVK, kvk, f"KvK {kvk} is in de selectie '{selection}' niet geselecteerd: alleen "
                   "geselecteerde gegadigden mogen inschrijven in de gunningsfase.", Severity.ERROR)  # fmt: skip
            return False
        lots = p.fields.get(Field.LOTS) or ()
        outside = [lot for lot in lots if lot not in self.invited[kvk]]
        if outside:
            p.note(Field.LOTS, ", ".join(lots), f"KvK {kvk} is in de selectie '{selection}' niet geselecteerd "
                   f"voor perceel {', '.join(outside)}.", Severity.ERROR)  # fmt: skip
            return False
        return True

    def _match_documents(
        self, rows: list[ParsedRow], existing: dict[str, m.Registration]
    ) -> dict[tuple[int, str], DocumentMatch]:
        if self.folder is None:
            return {}
        requests = []
        for p in rows:
            if p.has_errors or not p.documents:
                continue
            assert p.kvk is not None
            current = existing.get(p.kvk)
            number = p.fields.get(Field.NUMBER) or (current.number if current is not None else None)
            bidder = Bidder(p.row, p.kvk, str(p.fields.get(Field.NAME, "")), number)
            requests.extend(DocumentRequest(bidder, code, name) for code, name in p.documents.items())
        return self.folder.match(requests)

    def _plan_documents(self, plan: _RowPlan, current: m.Registration | None) -> None:
        p = plan.parsed
        for code, file_name in p.documents.items():
            target = f"criterion:{code}"
            match = self.document_matches.get((p.row, code), DocumentMatch(None))
            source, reason = match.path, match.reason
            if reason is not None:
                p.note(target, file_name, reason, Severity.WARNING)
            sha = size = None
            if source is not None:
                sha, size = sha256_of(source), source.stat().st_size
            known = [
                d
                for d in (current.documents if current is not None else [])
                if loose_name(d.file_name) == loose_name(file_name) and self.criterion_codes.get(d.criterion_id) == code
            ]
            if any(d.sha256 is not None and (sha is None or d.sha256 == sha) for d in known):
                continue  # already stored; a later export without the folder does not make it missing
            if known and sha is None:
                continue  # still missing, already listed as missing
            missing = next((d for d in known if d.sha256 is None), None)
            plan.documents.append(_DocumentPlan(code, file_name, source, sha, size, existing=missing))
            plan.changes[target] = file_name

    def _note_documents_without_folder(self, rows: list[_RowPlan]) -> None:
        if self.folder is not None:
            return
        count = sum(1 for r in rows for d in r.documents if d.source is None and d.existing is None)
        if count:
            documents = {c.code for c in self.framework.criteria if is_document(c)}
            column = next(
                (
                    self.mapping.headers[i]
                    for i, t in enumerate(self.mapping.targets)
                    if criterion_code(t or "") in documents
                ),
                "",
            )
            self.findings.append(
                Finding(
                    None,
                    column,
                    "",
                    f"Geen documentenmap gekozen: {count_text(count, 'document', 'documenten')} uit de export "
                    f"{'is' if count == 1 else 'zijn'} als ontbrekend "
                    "geregistreerd. Importeer opnieuw met de map om ze toe te voegen.",
                    Severity.WARNING,
                )
            )


def _invitations(session: Session, rnd: m.Round) -> dict[str, set[str]] | None:
    """Per KvK number the lots it is invited to, in an award stage; None in any other round."""
    if rnd.selection_round_id is None:
        return None
    invited: dict[str, set[str]] = {}
    rows = select(m.Provider.kvk, m.Invitation.lot_code).join(m.Invitation).where(m.Invitation.round_id == rnd.id)
    for kvk, lot in session.execute(rows):
        invited.setdefault(kvk, set()).add(lot)
    return invited


def _same_answer(criterion: Criterion, old: str | None, new: str) -> bool:
    """Equal as declared; for a number, equal in value ("1" from xlsx, "1.0" or "1,0" from csv)."""
    if old is None:
        return False
    if old == new:
        return True
    if criterion.answer is AnswerKind.NUMBER:
        before, after = parse_decimal(old), parse_decimal(new)
        return before is not None and before == after
    return False


def _round_lots(rnd: m.Round) -> tuple[Lot, ...]:
    return tuple(Lot(lot.code, lot.name, tuple(lot.product_categories or ())) for lot in rnd.lots)


class _Applier:
    """Turns a plan into rows and changes; only values that differ are assigned, so the audit trail holds real changes.

    New rows (providers, registrations, and every registration's lot links, answers and documents) are inserted with
    one statement per table and their history in one append (insert_audited); changed values are assigned to the
    loaded objects and flushed. Both in the order of the two flushes of adding them as objects (the new registrations
    with every change to existing ones, then the children of the new), so the history is the very one of that path.
    """

    def __init__(self, session: Session, rnd: m.Round, database: Database, source: str) -> None:
        self.session = session
        self.round = rnd
        self.source = source[:500]
        self.store = database.documents
        criteria = select(m.Criterion).where(m.Criterion.framework_id == rnd.framework_id)
        self.criteria = {c.code: c for c in session.execute(criteria).scalars()}
        self.lot_ids = {lot.code: lot.id for lot in rnd.lots}

    def run(self, rows: Iterable[_RowPlan]) -> None:
        rows = [r for r in rows if r.outcome in (RowOutcome.CREATED, RowOutcome.UPDATED)]
        kvks = [r.parsed.kvk for r in rows if r.outcome is RowOutcome.CREATED]
        providers = self._providers([k for k in kvks if k])
        in_round = m.Registration.round_id == self.round.id
        sequence = self.session.execute(select(func.max(m.Registration.sequence)).where(in_round)).scalar() or 0
        taken = set(self.session.execute(select(m.Registration.number).where(in_round)).scalars())
        taken.update(r.number for r in rows if r.number)
        new_providers: dict[str, dict[str, Any]] = {}
        created: list[tuple[_RowPlan, dict[str, Any]]] = []
        for plan in rows:
            if plan.outcome is RowOutcome.CREATED:
                sequence += 1
                created.append((plan, self._create(plan, providers, new_providers, sequence, taken)))
        updated = [plan for plan in rows if plan.outcome is RowOutcome.UPDATED]
        # The first flush: its inserts (new providers before the registrations that need their ids), then its changes.
        first = [(m.Provider, row) for row in new_providers.values()]
        first += [row for plan in updated for row in self._new_children(plan)]
        first += [(m.Registration, row) for _plan, row in created]
        insert_audited(self.session, first, one_flush=True)
        for plan in updated:
            self._update(plan)
        self.session.flush()
        # The second flush: the children of the new registrations.
        second = [
            row for plan, row in created for row in self._children(plan, row["id"], plan.lots or (), plan.answers)
        ]
        insert_audited(self.session, second, one_flush=True)
        for plan, _row in created:
            self._store_missing(plan)
        self.session.flush()

    def _providers(self, kvks: list[str]) -> dict[str, m.Provider]:
        found: dict[str, m.Provider] = {}
        for start in range(0, len(kvks), 500):
            chunk = kvks[start : start + 500]
            for provider in self.session.execute(select(m.Provider).where(m.Provider.kvk.in_(chunk))).scalars():
                found[provider.kvk] = provider
        return found

    def _create(
        self, plan: _RowPlan, providers: dict[str, m.Provider], new_providers: dict[str, dict[str, Any]],
        sequence: int, taken: set[str],
    ) -> dict[str, Any]:  # fmt: skip
        """The new registration's row, its provider's id taken from the provider's row when that is new too."""
        p = plan.parsed
        kvk = p.kvk
        assert kvk is not None
        provider = providers.get(kvk)
        if provider is None and kvk not in new_providers:
            new_providers[kvk] = {"kvk": kvk, "name": str(p.fields[Field.NAME])}
        provider_id = provider.id if provider is not None else KeyOf(new_providers[kvk])
        number = plan.number
        if not number:
            n = sequence
            while (number := f"IMP-{n:04d}") in taken:
                n += 1
            taken.add(number)
        values = {k: v for k, v in plan.changes.items() if k in _FIELD_NAMES}
        return {
            **_EMPTY_REGISTRATION, "round_id": self.round.id, "provider_id": provider_id, "number": number,
            "sequence": sequence, "product_categories": list(p.fields.get(Field.PRODUCT_CATEGORIES, ())),
            "source": self.source, **values,
        }  # fmt: skip

    def _children(
        self, plan: _RowPlan, registration_id: int, lots: Iterable[str], answers: dict[str, str]
    ) -> list[tuple[type[Any], dict[str, Any]]]:
        """The new lot links, answers and documents of a registration as rows."""
        rows: list[tuple[type[Any], dict[str, Any]]] = [
            (m.RegistrationLot, {"registration_id": registration_id, "lot_id": self.lot_ids[code]}) for code in lots
        ]
        rows += [
            (m.DeclaredAnswer, {"registration_id": registration_id, "criterion_id": self.criteria[code].id,
                                "value": value})
            for code, value in answers.items()
        ]  # fmt: skip
        rows += [(m.Document, self._document(d, registration_id)) for d in plan.documents if d.existing is None]
        return rows

    def _new_children(self, plan: _RowPlan) -> list[tuple[type[Any], dict[str, Any]]]:
        """The rows an update adds: lot links it did not have, answers to questions it had not answered, documents."""
        registration = plan.existing
        assert registration is not None
        new_lots: tuple[str, ...] = ()
        if plan.lots is not None:
            have = {lot.id for lot in registration.lots}
            new_lots = tuple(code for code in plan.lots if self.lot_ids[code] not in have)
        answered = {a.criterion.code for a in registration.answers}
        answers = {code: value for code, value in plan.answers.items() if code not in answered}
        return self._children(plan, registration.id, new_lots, answers)

    def _update(self, plan: _RowPlan) -> None:
        """The changed values of an existing registration, its lot links no longer wanted, its answers changed."""
        registration = plan.existing
        assert registration is not None
        for key, value in plan.changes.items():
            if key in _FIELD_NAMES or key == Field.NUMBER.value:
                setattr(registration, key, value)
            elif key == Field.PRODUCT_CATEGORIES.value:
                registration.product_categories = list(value)
        if plan.lots is not None:
            wanted = {self.lot_ids[code] for code in plan.lots}
            links = select(m.RegistrationLot).where(m.RegistrationLot.registration_id == registration.id)
            for link in self.session.execute(links).scalars():
                if link.lot_id not in wanted:
                    self.session.delete(link)
        by_code = {a.criterion.code: a for a in registration.answers}
        for code, value in plan.answers.items():
            if code in by_code:
                by_code[code].value = value
        self._store_missing(plan)

    def _store_missing(self, plan: _RowPlan) -> None:
        """A document listed as missing that the folder now holds: stored, and its row given the file."""
        for document in plan.documents:
            if document.existing is not None and document.source is not None:
                sha, size = self.store.add_file(document.source)
                document.existing.sha256 = sha
                document.existing.size = size

    def _document(self, plan: _DocumentPlan, registration_id: int) -> dict[str, Any]:
        sha = size = None
        if plan.source is not None:
            sha, size = self.store.add_file(plan.source)
        criterion = self.criteria[plan.criterion_code]
        return {
            "registration_id": registration_id, "criterion_id": criterion.id, "interview_id": None,
            "kind": "plan" if criterion.part == "plan" else "evidence", "file_name": plan.file_name, "sha256": sha,
            "size": size, "added_at": utcnow(),
        }  # fmt: skip


# The columns of a new registration an import leaves empty (insert_audited takes rows that name every column).
_EMPTY_REGISTRATION: dict[str, Any] = {
    **dict.fromkeys(_FIELD_NAMES), "name": None, "submitted_at": None, "consensus_opened_at": None,
}  # fmt: skip
