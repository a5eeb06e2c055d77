"""Rounds for the decision and letter tests: the demo (the demo_round fixture of conftest.py), turned into a tender or
back to unconfirmed proposals; and the PDF tools that read letters back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import delete, select
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
