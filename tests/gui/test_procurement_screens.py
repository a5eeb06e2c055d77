"""Bestand › Inkoopprocedure…: the entry moments (a new one made from the dialog), the product groups per
municipality (one closed, a short reason refused), the register; and the chair's Eerdere inschrijvingen… on the
registrations page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from beoordelaar.core.demo.demo_entry_moment import add_demo_entry_moment
from beoordelaar.core.rounds.rounds import list_rounds
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.phases import PHASES
from beoordelaar.ui.procurement.procurement_dialog import ProcurementDialog
from beoordelaar.ui.procurement.provider_history_dialog import ProviderHistoryDialog
from beoordelaar.ui.registrations.registrations_page import RegistrationsPage
from helpers import MessageBoxes, WindowOpener, phase_page
from templates import DemoRound


def test_the_procedure_dialog_from_the_bestand_menu(
    db: Database, demo_round: DemoRound, open_window: WindowOpener, messages: MessageBoxes
) -> None:
    first = demo_round(db)
    second = add_demo_entry_moment(db.sessions, first, actor="test").id
    window = open_window(db, actor="Marieke Jansen")
    window.reload_rounds(select_id=second)
    assert window.procurement_action.isVisible() and window.procurement_action.isEnabled()
    dialog = window.open_procurement()
    assert isinstance(dialog, ProcurementDialog) and dialog.isVisible()
    assert "versie 2022.1" in dialog.heading.text()
    assert [e.round_id for e in dialog.entry_model.rows()] == [first, second]

    states = {(mun, lot[:1]): state for mun, lot, state in dialog.group_model.rows()}
    assert states[("Kampen", "2")] == "neemt niet deel" and states[("Zwolle", "1")] == "open"
    assert states[("Kampen", "3")].startswith("gesloten voor dit toetredingsmoment: Kampen heeft")
    dialog.close_municipality.setCurrentText("Zwolle")
    dialog.close_lot.setCurrentIndex(0)
    dialog.close_reason.setText("kort")
    dialog.close_button.click()
    assert "reden" in messages["warning"][-1]
    dialog.close_reason.setText("Zwolle heeft genoeg ambulante aanbieders")
    dialog.close_button.click()
    states = {(mun, lot[:1]): state for mun, lot, state in dialog.group_model.rows()}
    assert states[("Zwolle", "1")] == "gesloten voor dit toetredingsmoment: Zwolle heeft genoeg ambulante aanbieders"

    assert dialog.register_model.rows() and {r.entry_moment for r in dialog.register_model.rows()} == {
        window.round_combo.itemText(0)
    }
    dialog.entry_name.setText("Toetreding januari 2028")
    dialog.entry_deadline.setDate(QDate(2027, 11, 1))
    dialog.entry_button.click()
    assert [e.name for e in dialog.entry_model.rows()][-1] == "Toetreding januari 2028"
    assert dialog.entry_model.rows()[-1].deadline == date(2027, 11, 1)
    dialog.accept()
    assert window.round_combo.currentText() == "Toetreding januari 2028"
    assert len(list_rounds(db.sessions)) == 3


def test_the_chair_opens_a_re_applicants_earlier_registrations(
    db: Database, demo_round: DemoRound, open_window: WindowOpener
) -> None:
    first = demo_round(db)
    second = add_demo_entry_moment(db.sessions, first, actor="test").id
    window = open_window(db, actor="Marieke Jansen")
    window.reload_rounds(select_id=second)
    window.show_phase([p.title for p in PHASES].index("Inschrijvingen"))
    page = phase_page(window, "Inschrijvingen", RegistrationsPage)
    page.table.view.selectRow(0)
    page.earlier_button.click()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ProviderHistoryDialog) and w.isVisible())
    text = dialog.text.toPlainText()
    assert "Alleen de voorzitter ziet dit" in text and "Besluit: Afwijzen" in text


def test_a_dialogue_table_from_the_procedure_dialog(
    db: Database, demo_round: DemoRound, messages: MessageBoxes, tmp_path: Path, qtbot: QtBot
) -> None:
    round_id = demo_round(db)
    dialog = ProcurementDialog(db, round_id, "Marieke Jansen")
    qtbot.addWidget(dialog)
    dialog.show()
    tab = dialog.dialogue_tab
    assert tab.criteria_label.text() == "Nog geen dialoogtafel." and not tab.choose_button.isEnabled()
    tab.new_title.setText("Normaliseren in de praktijk")
    tab.new_criteria.setText("Op volgorde van toelating, één per perceel")
    tab.new_maximum.setValue(1)
    tab.create_button.click()
    candidates = tab.model.rows()
    assert candidates and {c.selected for c in candidates} == {None}
    tab.view.selectRow(0)
    tab.reason.setText("Eerst toegelaten, perceel 1")
    tab.choose_button.click()
    assert tab.model.rows()[0].selected is True and "Gekozen: 1 van ten hoogste 1" in tab.criteria_label.text()
    tab.view.selectRow(1)
    tab.reason.setText("Ook vroeg toegelaten")
    tab.choose_button.click()
    assert "het maximum is 1" in messages["warning"][-1]
    assert tab.invitations(tmp_path) is None and "nog open" in messages["warning"][-1]
    dialog.tabs.setCurrentWidget(tab)
    assert dialog.tabs.currentIndex() == 3
    dialog.grab().save(str(tmp_path / "dialoogtafels.png"))
