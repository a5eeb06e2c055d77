"""Bestand › Inkoopprocedure…: the procedure of the current round, its entry moments (a new one in one step), its
municipalities with the product groups they take part in or closed for this entry moment, the register of
admitted providers per lot and municipality (saved as a spreadsheet), and its dialogue tables."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.database import Database
from beoordelaar.core.procurement.api import RegisterRow, admitted_register, export_register
from beoordelaar.core.rounds.api import (
    Closure,
    EntryMoment,
    ProcurementSummary,
    add_entry_moment,
    close_product_group,
    list_closures,
    procurement_of_round,
)
from beoordelaar.core.text import date_text
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.table_model import Column, RowTableModel
from beoordelaar.ui.common.widgets import record_table
from beoordelaar.ui.procurement.dialogue_tab import DialogueTab

TITLE = "Inkoopprocedure"

ENTRY_COLUMNS = (
    Column[EntryMoment]("Ronde", lambda e: str(e.round_id), sort=lambda e: e.round_id),
    Column[EntryMoment]("Toetredingsmoment", lambda e: e.name),
    Column[EntryMoment]("Aanmelden tot en met", lambda e: date_text(e.deadline), sort=lambda e: e.deadline or 0),
    Column[EntryMoment]("Kaderversie", lambda e: e.framework_version),
)
REGISTER_COLUMNS = (
    Column[RegisterRow]("Perceel", lambda r: f"{r.lot} {r.lot_name}".strip()),
    Column[RegisterRow]("Gemeente", lambda r: r.municipality),
    Column[RegisterRow]("KvK", lambda r: r.kvk),
    Column[RegisterRow]("Aanbieder", lambda r: r.provider),
    Column[RegisterRow]("Toetredingsmoment", lambda r: r.entry_moment),
    Column[RegisterRow]("Besluit", lambda r: f"{r.outcome.label}, {r.registration}"),
)


def group_rows(summary: ProcurementSummary, closures: list[Closure]) -> list[tuple[str, str, str]]:
    """Per municipality and lot of the procedure: whether it takes part, and a closure for this entry moment."""
    closed = {(c.municipality, c.lot): c.reason for c in closures}
    rows = []
    for municipality in summary.municipalities:
        for code, name in summary.lots:
            if code not in municipality.lots:
                state = "neemt niet deel"
            elif (municipality.name, code) in closed:
                state = f"gesloten voor dit toetredingsmoment: {closed[(municipality.name, code)]}"
            else:
                state = "open"
            rows.append((municipality.name, f"{code} {name}", state))
    return rows


GROUP_COLUMNS = (
    Column[tuple[str, str, str]]("Gemeente", lambda r: r[0]),
    Column[tuple[str, str, str]]("Productgroep (perceel)", lambda r: r[1]),
    Column[tuple[str, str, str]]("Bij dit toetredingsmoment", lambda r: r[2], tooltip=lambda r: r[2]),
)


class ProcurementDialog(QDialog):
    """The procedure of one round (an entry moment of it)."""

    def __init__(self, database: Database, round_id: int, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("procurement-dialog")
        self.setWindowTitle(TITLE)
        self.resize(900, 560)
        self._database, self._round_id, self._actor = database, round_id, actor
        self.made_round: int | None = None  # the entry moment made here, for the window to select

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._entry_tab(), "&Toetredingsmomenten")
        self.tabs.addTab(self._groups_tab(), "&Gemeenten en productgroepen")
        self.tabs.addTab(self._register_tab(), "&Register")
        self.dialogue_tab = DialogueTab(database, actor, self)
        self.tabs.addTab(self.dialogue_tab, "&Dialoogtafels")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.refresh()

    def _entry_tab(self) -> QWidget:
        self.entry_model = RowTableModel(ENTRY_COLUMNS, self)
        self.entry_view = record_table(self.entry_model, "Toetredingsmomenten", stretch=1)
        self.entry_name = QLineEdit()
        self.entry_name.setAccessibleName("Naam van het nieuwe toetredingsmoment")
        self.entry_name.setPlaceholderText("bijvoorbeeld: Toetreding juli 2027")
        self.entry_deadline = QDateEdit(QDate.currentDate().addMonths(6))
        self.entry_deadline.setCalendarPopup(True)
        self.entry_deadline.setDisplayFormat("dd-MM-yyyy")
        self.entry_deadline.setAccessibleName("Aanmelden tot en met")
        self.entry_button = QPushButton("Toetredingsmoment &aanmaken")
        self.entry_button.clicked.connect(self.make_entry_moment)
        form = QFormLayout()
        form.addRow("&Naam:", self.entry_name)
        form.addRow("Aanmelden tot en &met:", self.entry_deadline)
        form.addRow("", self.entry_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.entry_view, 1)
        layout.addWidget(QLabel("Een nieuw toetredingsmoment krijgt het kader en de percelen van de procedure."))
        layout.addLayout(form)
        return tab

    def _groups_tab(self) -> QWidget:
        self.group_model = RowTableModel(GROUP_COLUMNS, self)
        self.group_view = record_table(self.group_model, "Gemeenten en productgroepen", stretch=2)
        self.close_municipality = QComboBox()
        self.close_municipality.setAccessibleName("Gemeente")
        self.close_lot = QComboBox()
        self.close_lot.setAccessibleName("Productgroep")
        self.close_reason = QLineEdit()
        self.close_reason.setAccessibleName("Reden")
        self.close_reason.setPlaceholderText("waarom de gemeente sluit; de brieven noemen deze reden")
        self.close_button = QPushButton("Productgroep &sluiten")
        self.close_button.clicked.connect(self.close_group)
        row = QHBoxLayout()
        for widget in (self.close_municipality, self.close_lot):
            row.addWidget(widget)
        row.addWidget(self.close_reason, 1)
        row.addWidget(self.close_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.group_view, 1)
        layout.addWidget(QLabel("Een gemeente sluit een productgroep voor dit toetredingsmoment, vóór de besluiten:"))
        layout.addLayout(row)
        return tab

    def _register_tab(self) -> QWidget:
        self.register_model = RowTableModel(REGISTER_COLUMNS, self)
        self.register_view = record_table(self.register_model, "Register van toegelaten aanbieders", stretch=3)
        self.register_count = QLabel()
        self.save_button = QPushButton("Opslaan als &spreadsheet…")
        self.save_button.clicked.connect(lambda: self.save_register())
        row = QHBoxLayout()
        row.addWidget(self.register_count, 1)
        row.addWidget(self.save_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.register_view, 1)
        layout.addLayout(row)
        return tab

    def refresh(self) -> None:
        summary = procurement_of_round(self._database.sessions, self._round_id)
        self.summary = summary
        if summary is None:
            self.heading.setText("Deze ronde hoort niet bij een inkoopprocedure (een kopie op de laptop).")
            self.tabs.setEnabled(False)
            return
        self.heading.setText(
            f"<b>{html.escape(summary.name)}</b> – {html.escape(summary.procedure.label)}; kader "
            f"{html.escape(summary.framework)}, versie {html.escape(summary.framework_version)}"
            + "".join(f"<br>Wijziging: {html.escape(a)}" for a in summary.amendments)
        )
        self.entry_model.set_rows(summary.entry_moments)
        closures = list_closures(self._database.sessions, self._round_id)
        self.group_model.set_rows(group_rows(summary, closures))
        current = (self.close_municipality.currentText(), self.close_lot.currentText())
        self.close_municipality.clear()
        self.close_municipality.addItems([mun.name for mun in summary.municipalities])
        self.close_lot.clear()
        for code, name in summary.lots:
            self.close_lot.addItem(f"{code} {name}", code)
        self.close_municipality.setCurrentText(current[0])
        self.close_button.setEnabled(bool(summary.municipalities))
        rows = admitted_register(self._database.sessions, summary.id)
        self.register_model.set_rows(rows)
        self.dialogue_tab.set_procurement(summary.id)
        self.register_count.setText(
            f"{len(rows)} toelating(en) per perceel en gemeente, uit alle toetredingsmomenten (bevestigde besluiten)."
        )

    def make_entry_moment(self) -> None:
        assert self.summary is not None
        procurement, name, deadline = self.summary.id, self.entry_name.text(), self.entry_deadline.date().toPython()
        sessions, actor = self._database.sessions, self._actor
        made = runner_for(self, sessions).run(
            self,
            lambda: add_entry_moment(sessions, procurement, name=name, deadline=deadline, actor=actor),
            title=TITLE,
        )
        if made is not None:
            self.made_round = made.id
            self.entry_name.clear()
            self.refresh()

    def close_group(self) -> None:
        municipality, lot, reason = (
            self.close_municipality.currentText(), self.close_lot.currentData(), self.close_reason.text()
        )  # fmt: skip
        done = runner_for(self, self._database.sessions).run(
            self,
            lambda: close_product_group(
                self._database.sessions, self._round_id, municipality, lot, reason, actor=self._actor
            ),
            title=TITLE,
        )
        if done is not None:
            self.close_reason.clear()
            self.refresh()

    def save_register(self, path: Path | None = None) -> None:
        assert self.summary is not None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, "Register opslaan", "register.xlsx", "Excel (*.xlsx)")
            if not chosen:
                return
            path = Path(chosen)
        procurement = self.summary.id
        runner_for(self, self._database.sessions).run(
            self, lambda: export_register(self._database.sessions, procurement, path), title=TITLE
        )
