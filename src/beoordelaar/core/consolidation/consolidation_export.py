"""The consolidation as a spreadsheet: every individual score with its motivation, the consensus, the totals and
the requirement verdicts. Texts stay texts (formula-injection safe); scores, means and totals are numbers with their
exact value (shown with two decimals where not whole, as on screen), moments Excel dates, the rank a number per lot."""

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
from beoordelaar.core.text import local_from_utc, word


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
        round_lots = [lot.code for lot in rnd.lots]
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
                value,
                motivation,
                local_from_utc(at),
                word("source", source),
            )
            for r, code, assessor, revision, value, motivation, at, source in individual
        ),
        widths=(16, 32, 10, 24, 8, 7, 90, 17, 12),
    )
    add_sheet(
        book,
        "Consensus",
        ("Inschrijving", "Aanbieder", "Criterium", "Revisie", "Score", "Motivering", "Bron", "Vastgesteld door", "Op",
         "Onafgerond gemiddelde"),
        (
            (*names[r], code, revision, value, motivation, word("source", source), by, local_from_utc(at), mean)
            for r, code, revision, value, motivation, source, by, at, mean in consensus
        ),
        widths=(16, 32, 10, 8, 7, 90, 12, 24, 17, 12),
    )  # fmt: skip
    spread = {(c.registration, c.criterion): c for c in result.cells}
    add_sheet(
        book,
        "Spreiding",
        ("Inschrijving", "Aanbieder", "Criterium", "Gemiddelde", "Mediaan", "Spreiding (stappen)", "Markeringen"),
        (
            (
                *names[reg],
                code,
                cell.mean,
                cell.median,
                cell.spread_steps,
                ", ".join(f.label for f in cell.flags),
            )
            for (reg, code), cell in spread.items()
        ),
        widths=(16, 32, 10, 11, 9, 18, 50),
    )
    ranked = {lot for r in result.registrations for lot, _ in r.ranks}
    ranked_lots = [lot for lot in round_lots if lot in ranked] + sorted(ranked - set(round_lots))
    add_sheet(
        book,
        "Totalen",
        ("Inschrijving", "Aanbieder", "Percelen", "Gewogen totaal", "Consensus", "Plan voldoet", "Toelichting",
         *(f"Rang perceel {lot}" for lot in ranked_lots)),
        (
            (r.number, r.name, ", ".join(r.lots), r.total, word("consensus", r.consensus),
             r.plan_passed, r.why, *(dict(r.ranks).get(lot) for lot in ranked_lots))
            for r in result.registrations
        ),
        widths=(16, 32, 12, 14, 11, 12, 50, *(12 for _ in ranked_lots)),
    )  # fmt: skip
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
    alpha = f"0.{'0' * ALPHA_DECIMALS}"  # the value unrounded, shown as on screen
    add_sheet(
        book,
        "Overeenstemming",
        ("Criterium", "Krippendorff alfa (ordinaal)", "Krippendorff alfa (interval)"),
        ((("Alle criteria" if code == "*" else code), o, i) for code, o, i in agreement),
        widths=(16, 28, 28),
        formats={1: alpha, 2: alpha},
    )
    return round_name
