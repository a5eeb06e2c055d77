"""The equal-treatment panel warns, with the registrations, when comparable doubts were not treated alike."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from beoordelaar.core.consolidation.settlement import settle_requirement
from beoordelaar.core.rounds.procedure import SettledVerdict
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.phases import PHASES
from beoordelaar.ui.verification.verification_page import VerificationPage
from helpers import phase_page, show_main_window
from templates import DemoCopies

ACTOR = "tester"
PHASE = [p.title for p in PHASES].index("Verificatie")


def _open(qtbot: QtBot, db: Database) -> VerificationPage:
    window = show_main_window(qtbot, db, ACTOR)
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + PHASE), Qt.KeyboardModifier.ControlModifier)
    page = phase_page(window, "Verificatie", VerificationPage)
    qtbot.waitUntil(page.isVisible)
    return page


def test_no_warning_while_like_doubts_are_treated_alike(qtbot: QtBot, db: Database, cached_demo: DemoCopies) -> None:
    cached_demo(db, providers=6, actor=ACTOR)
    panel = _open(qtbot, db).equal
    assert not panel.unequal.isVisible() and panel.unequal.text() == ""


def test_the_same_deels_settled_without_an_interview_is_named(
    qtbot: QtBot, db: Database, cached_demo: DemoCopies
) -> None:
    round_id = cached_demo(db, providers=6, actor=ACTOR).id
    with unit_of_work(db.sessions, "test") as session:
        answer = session.execute(
            select(m.DeclaredAnswer)
            .join(m.Registration)
            .join(m.Criterion, m.Criterion.id == m.DeclaredAnswer.criterion_id)
            .where(m.Registration.number == "DEMO-2026-0004", m.Criterion.code == "G3")
        ).scalar_one()
        answer.value = "Deels"
    settle_requirement(db.sessions, round_id, "DEMO-2026-0004", "G3", SettledVerdict.PASS, "Zo goed als ja.",
                       actor=ACTOR)  # fmt: skip
    page = _open(qtbot, db)
    panel = page.equal
    assert panel.unequal.isVisible()
    text = panel.unequal.text()
    assert "Let op: vergelijkbare twijfels verschillend behandeld." in text
    assert "opgave &#x27;Deels&#x27;: de ene met, de andere zonder verificatiegesprek vastgesteld." in text
    assert "DEMO-2026-0002 (" in text and "): Akkoord, met verificatiegesprek" in text
    assert "DEMO-2026-0004 (" in text and "): Akkoord, zonder verificatiegesprek" in text
