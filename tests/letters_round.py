"""Rounds for the decision and letter tests: the demo (the demo_round fixture of conftest.py), turned into a tender or
back to unconfirmed proposals; and the PDF tools that read letters back."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from beoordelaar.core.decisions.decision_inputs import current_decisions
from beoordelaar.core.decisions.relative_advantages import list_relative_advantages, set_relative_advantages
from beoordelaar.core.rounds.procedure import Outcome, Procedure
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database


def without_decisions(db: Database, round_id: int) -> None:
    """Back to before the rules proposed anything."""
    with unit_of_work(db.sessions, "test") as session:
        ids = select(m.Registration.id).where(m.Registration.round_id == round_id)
        session.execute(delete(m.Decision).where(m.Decision.registration_id.in_(ids)))


def make_tender(db: Database, round_id: int, *, described: bool = True) -> None:
    """The demo round as a tender: every admission becomes a confirmed award (and, unless told otherwise, the
    commission has described the relative advantages of the chosen bids of every lot)."""
    with unit_of_work(db.sessions, "test") as session:
        rnd = session.get(m.Round, round_id)
        assert rnd is not None
        rnd.procedure = Procedure.TENDER.value
        for decision in current_decisions(session, round_id).values():
            if decision.outcome == Outcome.ADMIT.value:
                session.add(
                    m.Decision(
                        registration_id=decision.registration_id, revision=decision.revision + 1,
                        proposed_outcome=Outcome.AWARD.value, outcome=Outcome.AWARD.value,
                        reasons=decision.reasons, status="confirmed", decided_by="test",
                    )
                )  # fmt: skip
    if described:
        describe_advantages(db, round_id)


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (poppler-utils / qpdf)")
    return path


def pdf_text(path: Path, *, layout: bool = False) -> str:
    args = [need("pdftotext"), *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run([need("pdfinfo"), str(path)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_fonts(path: Path) -> list[list[str]]:
    out = subprocess.run([need("pdffonts"), str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def qpdf_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([need("qpdf"), "--check", str(path)], capture_output=True, text=True)


def registration_by_number(session: Session, number: str) -> m.Registration:
    return session.execute(select(m.Registration).where(m.Registration.number == number)).scalar_one()


def make_selection(db: Database, round_id: int, *, maximum: int, tie_break: str = '["loting"]') -> None:
    """The demo round as the selection stage of a tender: its framework announces a maximum per lot and a
    tie-break (the stored framework text is changed in place, so every score keeps its criterion), no decisions."""
    without_decisions(db, round_id)
    with unit_of_work(db.sessions, "test") as session:
        rnd = session.get(m.Round, round_id)
        assert rnd is not None
        text = (
            f"{rnd.framework.source_text}\n[selection]\nmaximum = {maximum}\ntie_break = {tie_break}\n"
            'next_stage = "de gunningsfase: u ontvangt de uitnodiging tot inschrijving met het beschrijvend document"\n'
        )
        rnd.framework.source_text = text
        rnd.framework.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
        rnd.procedure = Procedure.TENDER.value


def set_scores(db: Database, number: str, scores: dict[str, int]) -> None:
    """A new consensus revision for each criterion named."""
    with unit_of_work(db.sessions, "test") as session:
        registration = registration_by_number(session, number)
        criteria = {c.code: c.id for c in registration.round.framework.criteria}
        for code, value in scores.items():
            revision = session.execute(
                select(func.max(m.ConsensusScore.revision)).where(
                    m.ConsensusScore.registration_id == registration.id,
                    m.ConsensusScore.criterion_id == criteria[code],
                )
            ).scalar_one()
            session.add(
                m.ConsensusScore(
                    registration_id=registration.id, criterion_id=criteria[code], revision=(revision or 0) + 1,
                    value=Decimal(value), motivation="Herzien in de consensusbespreking, met de bevindingen.",
                    source="consensus", set_by="test",
                )
            )  # fmt: skip


# Two lots for the demo round: who bids where (0003, 0005, 0006 and 0007 are rejected; the others pass).
TWO_LOTS = {
    "DEMO-2026-0001": ("1",), "DEMO-2026-0002": ("2",), "DEMO-2026-0003": ("1", "2"), "DEMO-2026-0004": ("2",),
    "DEMO-2026-0005": ("1", "2"), "DEMO-2026-0006": ("2",), "DEMO-2026-0007": ("1",), "DEMO-2026-0008": ("1", "2"),
}  # fmt: skip


def with_two_lots(db: Database, round_id: int) -> None:
    """The demo round with only lots 1 and 2, each registration bidding as TWO_LOTS says."""
    with unit_of_work(db.sessions, "test") as session:
        rnd = session.get(m.Round, round_id)
        assert rnd is not None
        by_code = {lot.code: lot for lot in rnd.lots}
        registrations = select(m.Registration).where(m.Registration.round_id == round_id)
        for registration in session.execute(registrations).scalars():
            registration.lots = [by_code[code] for code in TWO_LOTS[registration.number]]
        session.flush()
        rnd.lots = [by_code["1"], by_code["2"]]


ADVANTAGES = (
    "De gekozen inschrijving onderscheidt zich op normaliseren door concrete voorbeelden uit de eigen praktijk en op "
    "samenwerking door vaste afspraken met de lokale teams."
)


def describe_advantages(db: Database, round_id: int, text: str = ADVANTAGES) -> list[str]:
    """The commission's summary of the relative advantages for every lot that has a chosen bid (tender, SAS)."""
    written = []
    for row in list_relative_advantages(db.sessions, round_id):
        if row.chosen and (row.stale or not row.text):
            set_relative_advantages(db.sessions, round_id, row.lot, text, actor="test")
            written.append(row.lot or "")
    return written
