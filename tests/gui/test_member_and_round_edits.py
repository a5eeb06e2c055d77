"""The chair corrects a member and removes one without work on the commission page, and renames and removes a round
from the Bestand menu (with a question first, a backup, and the screens following)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from beoordelaar.core.exchange.commission_work import commission_progress
from beoordelaar.core.rounds.rounds import list_rounds
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.commission.commission_page import CommissionPage
from beoordelaar.ui.commission.member_dialogs import EditMemberDialog
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.phases import PHASES
from beoordelaar.ui.scoring.scoring_page import ScoringPage
from engines import FILE_BACKUP
from exchange_round import ANNA, BRAM, CHANTAL, ROUND, round_id_of
from helpers import MessageBoxes, WindowOpener, phase_page
from templates import DemoCopies


def commission(window: MainWindow) -> CommissionPage:
    window.show_phase([p.title for p in PHASES].index("Beoordelen"))
    return phase_page(window, "Beoordelen", ScoringPage).commission


def test_the_chair_corrects_a_mistyped_email(
    chair: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path
) -> None:
    page = commission(open_window(chair, actor="Marieke Jansen"))
    page.select_member(ANNA)
    page.edit_button.click()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, EditMemberDialog) and w.isVisible())
    assert dialog.name_edit.text() == ANNA
    dialog.email_edit.setText("anna@zwolle")
    dialog.ok_button.click()
    assert dialog.isVisible() and "geen geldig e-mailadres" in dialog.error_label.text()
    dialog.email_edit.setText("anna@zwolle.nl")
    dialog.organisation_edit.setText("Gemeente Zwolle")
    dialog.grab().save(str(tmp_path / "lid-wijzigen.png"))
    dialog.ok_button.click()
    assert not dialog.isVisible()
    anna = next(p for p in commission_progress(chair.sessions, round_id_of(chair)) if p.name == ANNA)
    assert (anna.email, anna.organisation) == ("anna@zwolle.nl", "Gemeente Zwolle")
    assert page.feedback.text() == f"De gegevens van {ANNA} zijn bijgewerkt."


def test_a_member_without_work_is_removed_after_the_question(
    chair: Database, open_window: WindowOpener, messages: MessageBoxes
) -> None:
    page = commission(open_window(chair))
    page.select_member(CHANTAL)
    page.remove_button.click()
    assert "Chantal Smit uit de commissie" in messages["question"][0]
    assert CHANTAL not in [m.name for m in page.members()]
    assert page.feedback.text() == f"{CHANTAL} is uit de commissie verwijderd."
    messages.answer = messages.answer.No
    page.select_member(BRAM)
    page.remove_button.click()
    assert BRAM in [m.name for m in page.members()]


def test_a_member_with_scores_stays_and_the_refusal_says_why(
    db: Database, cached_demo: DemoCopies, open_window: WindowOpener, messages: MessageBoxes
) -> None:
    cached_demo(db, providers=4, assessors=2, actor="t")
    page = commission(open_window(db))
    member = next(m for m in page.members() if m.role.value == "assessor")
    page.select_member(member.name)
    page.remove_button.click()
    [refusal] = messages["warning"]
    assert f"{member.name} heeft al" in refusal and "scores gegeven" in refusal
    assert member.name in [m.name for m in page.members()]


@pytest.mark.sqlite_only(reason=FILE_BACKUP)
def test_rename_and_remove_the_round_from_the_bestand_menu(
    chair: Database, open_window: WindowOpener, messages: MessageBoxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(chair)
    menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in menu.actions()]
    assert "Ronde &hernoemen…" in texts and "Ronde ver&wijderen…" in texts
    monkeypatch.setattr(
        "beoordelaar.ui.rounds.round_actions.QInputDialog.getText",
        lambda *args, **kwargs: ("Jeugdhulp 2027-2030", True),
    )
    window.rename_round_action.trigger()
    assert window.round_combo.currentText() == "Jeugdhulp 2027-2030"
    assert [r.name for r in list_rounds(chair.sessions)] == ["Jeugdhulp 2027-2030"]

    messages.answer = messages.answer.No
    window.remove_round_action.trigger()
    assert "3 inschrijvingen" in messages["question"][-1]
    assert len(list_rounds(chair.sessions)) == 1
    messages.answer = messages.answer.Yes
    window.remove_round_action.trigger()
    assert list_rounds(chair.sessions) == []
    assert window.current_round is None and window.round_combo.count() == 0
    [done] = messages["information"]
    assert "Jeugdhulp 2027-2030" in done and "reservekopie" in done
    assert list((chair.path.parent / "backups").glob("*voor-verwijderen-ronde-*.sqlite"))
    assert not window.remove_round_action.isEnabled()
    assert ROUND not in [r.name for r in list_rounds(chair.sessions)]
