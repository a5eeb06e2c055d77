"""The consolidation as a spreadsheet: every individual score with its motivation, the consensus, the totals and
the requirement verdicts. Texts stay texts (formula-injection safe)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.consolidation.agreement import ALPHA_DECIMALS
from beoordelaar.core.consolidation.consolidation import consolidate_round
from beoordelaar.core.consolidation.settlement import round_requirement_sheets
from beoordelaar.core.files.safe_xlsx import add_sheet, new_workbook, save_workbook
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.text import local_moment_text, word


def _number(value: object) -> object:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _shown_as_on_screen(sheet: Any, column: int) -> None:
    """A score or total that is not whole keeps its unrounded value in the cell and shows two decimals, as the
    screens, letters and the proces-verbaal show it (20/3 as 6,67; the sum of the column stays exact)."""
    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        if isinstance(cell.value, float) and not cell.value.is_integer():
            cell.number_format = "0.00"


def export_consolidation(sessions: sessionmaker[Session], round_id: int, path: Path) -> Path:
    book = new_workbook()
    round_name = add_consolidation_sheets(book, sessions, round_id)
    save_workbook(book, path, f"Het overzicht van ronde '{round_name}'")
    return path


def add_consolidation_sheets(book: Any, sessions: sessionmaker[Session], round_id: int) -> str:
    """Add the consolidation's sheets to a workbook; return the round's name."""
    result = consolidate_round(sessions, round_id)
    names = {r.id: (r.number, r.name) for r in result.registrations}
    with sessions() as session:
        rnd = find_round(session, round_id)
        round_name = rnd.name
        individual = session.execute(
            select(
                m.Registration.id, m.Criterion.code, m.Assessor.name, m.ScoreRevision.revision,
                m.ScoreRevision.value, m.ScoreRevision.motivation, m.ScoreRevision.scored_at, m.ScoreRevision.source,
            )
            .join(m.Registration, m.Registration.id == m.ScoreRevision.registration_id)
            .join(m.Criterion, m.Criterion.id == m.ScoreRevision.criterion_id)
            .join(m.Assessor, m.Assessor.id == m.ScoreRevision.assessor_id)
            .where(m.Registration.round_id == rnd.id)
            .order_by(m.Registration.sequence, m.Criterion.position, m.Assessor.name, m.ScoreRevision.revision)
        ).all()  # fmt: skip
        consensus = session.execute(
            select(
                m.Registration.id, m.Criterion.code, m.ConsensusScore.revision, m.ConsensusScore.value,
                m.ConsensusScore.motivation, m.ConsensusScore.source, m.ConsensusScore.set_by, m.ConsensusScore.set_at,
                m.ConsensusScore.mean,
            )
            .join(m.Registration, m.Registration.id == m.ConsensusScore.registration_id)
            .join(m.Criterion, m.Criterion.id == m.ConsensusScore.criterion_id)
            .where(m.Registration.round_id == rnd.id)
            .order_by(m.Registration.sequence, m.Criterion.position, m.ConsensusScore.revision)
        ).all()  # fmt: skip
    requirements = round_requirement_sheets(sessions, result.round_id)

    add_sheet(
        book,
        "Individuele scores",
        ("Inschrijving", "Aanbieder", "Criterium", "Beoordelaar", "Revisie", "Score", "Motivering", "Gescoord", "Bron"),
        (
            (
                *names[r],
                code,
                assessor,
                revision,
                _number(value),
                motivation,
                local_moment_text(at),
                word("source", source),
            )
            for r, code, assessor, revision, value, motivation, at, source in individual
        ),
        widths=(16, 32, 10, 24, 8, 7, 90, 17, 12),
    )
    consensus_sheet = add_sheet(
        book,
        "Consensus",
        ("Inschrijving", "Aanbieder", "Criterium", "Revisie", "Score", "Motivering", "Bron", "Vastgesteld door", "Op",
         "Onafgerond gemiddelde"),
        (
            (*names[r], code, revision, _number(value), motivation, word("source", source), by, local_moment_text(at),
             _number(mean))
            for r, code, revision, value, motivation, source, by, at, mean in consensus
        ),
        widths=(16, 32, 10, 8, 7, 90, 12, 24, 17, 12),
    )  # fmt: skip
    _shown_as_on_screen(consensus_sheet, 5)
    _shown_as_on_screen(consensus_sheet, 10)
    spread = {(c.registration, c.criterion): c for c in result.cells}
    add_sheet(
        book,
        "Spreiding",
        ("Inschrijving", "Aanbieder", "Criterium", "Gemiddelde", "Mediaan", "Spreiding (stappen)", "Markeringen"),
        (
            (
                *names[reg],
                code,
                _number(cell.mean),
                _number(cell.median),
                cell.spread_steps,
                ", ".join(f.label for f in cell.flags),
            )
            for (reg, code), cell in spread.items()
        ),
        widths=(16, 32, 10, 11, 9, 18, 50),
    )
    totals_sheet = add_sheet(
        book,
        "Totalen",
        ("Inschrijving", "Aanbieder", "Percelen", "Gewogen totaal", "Consensus", "Plan voldoet", "Toelichting", "Rang"),
        (
            (
                r.number,
                r.name,
                ", ".join(r.lots),
                _number(r.total),
                word("consensus", r.consensus),
                {True: "ja", False: "nee", None: ""}[r.plan_passed],
                r.why,
                ", ".join(f"perceel {lot}: {rank}" for lot, rank in r.ranks),
            )
            for r in result.registrations
        ),
        widths=(16, 32, 12, 14, 11, 12, 50, 24),
    )
    _shown_as_on_screen(totals_sheet, 4)
    add_sheet(
        book,
        "Eisen",
        (
            "Inschrijving",
            "Aanbieder",
            "Code",
            "Eis",
            "Opgave",
            "Oordelen leden",
            "Vastgesteld",
            "Motivering",
            "Geverifieerd door de commissie",
            "Bron van de verificatie",
        ),
        (
            (
                *names[reg],
                row.code,
                row.title,
                row.declared or "",
                "; ".join(f"{v.assessor}: {v.verdict.label}{' – ' + v.note if v.note else ''}" for v in row.members),
                row.settled.verdict.label if row.settled else "",
                row.settled.motivation if row.settled else "",
                (row.settled.verified or "") if row.settled else "",
                (row.settled.verified_source or "") if row.settled else "",
            )
            for reg, sheet in requirements.items()
            for row in sheet
        ),
        widths=(16, 32, 6, 40, 20, 50, 16, 60, 20, 40),
    )
    agreement = [(a.code, a.alpha_ordinal, a.alpha_interval) for a in (*result.agreement, result.overall)]
    sheet = add_sheet(
        book,
        "Overeenstemming",
        ("Criterium", "Krippendorff alfa (ordinaal)", "Krippendorff alfa (interval)"),
        ((("Alle criteria" if code == "*" else code), o, i) for code, o, i in agreement),
        widths=(16, 28, 28),
    )
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = f"0.{'0' * ALPHA_DECIMALS}"  # the value unrounded, shown as on screen
    return round_name
