"""The Dialoogtafels tab of the procedure dialog: a new table with its announced criteria and maximum, per admitted
provider whether it was chosen and why, and the invitations as PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.database import Database
from beoordelaar.core.procurement.api import (
    Candidate,
    DialogueTableRow,
    create_dialogue_table,
    dialogue_tables,
    make_dialogue_invitations,
    record_dialogue_choice,
)
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.table_model import ROW_ROLE, Column, RowTableModel
from beoordelaar.ui.common.widgets import record_table

TITLE = "Dialoogtafel"


def _state(candidate: Candidate) -> str:
    return "open" if candidate.selected is None else ("gekozen" if candidate.selected else "niet gekozen")


CANDIDATE_COLUMNS = (
    Column[Candidate]("Aanbieder", lambda c: c.name),
    Column[Candidate]("KvK", lambda c: c.kvk),
    Column[Candidate]("Percelen", lambda c: ", ".join(c.lots)),
    Column[Candidate]("Keuze", _state),
    Column[Candidate]("Waarom", lambda c: c.reason, tooltip=lambda c: c.reason or None),
)


class DialogueTab(QWidget):
    def __init__(self, database: Database, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database, self._actor = database, actor
        self._procurement: int | None = None
        self.tables: list[DialogueTableRow] = []

        self.table_choice = QComboBox()
        self.table_choice.setAccessibleName("Dialoogtafel")
        self.table_choice.currentIndexChanged.connect(self._show_table)
        self.criteria_label = QLabel()
        self.criteria_label.setWordWrap(True)
        self.model = RowTableModel(CANDIDATE_COLUMNS, self)
        self.view = record_table(self.model, "Toegelaten aanbieders voor de dialoogtafel", stretch=4)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Waarom")
        self.reason.setPlaceholderText("waarom, met de aangekondigde criteria")
        self.choose_button = QPushButton("&Gekozen")
        self.reject_button = QPushButton("&Niet gekozen")
        self.invite_button = QPushButton("&Uitnodigingen maken…")
        self.choose_button.clicked.connect(lambda: self.record(True))
        self.reject_button.clicked.connect(lambda: self.record(False))
        self.invite_button.clicked.connect(lambda: self.invitations())
        choice = QHBoxLayout()
        choice.addWidget(self.reason, 1)
        for button in (self.choose_button, self.reject_button, self.invite_button):
            choice.addWidget(button)

        self.new_title = QLineEdit()
        self.new_title.setAccessibleName("Titel van de nieuwe dialoogtafel")
        self.new_criteria = QLineEdit()
        self.new_criteria.setAccessibleName("Aangekondigde criteria")
        self.new_maximum = QSpinBox()
        self.new_maximum.setRange(1, 99)
        self.new_maximum.setValue(5)
        self.new_maximum.setAccessibleName("Maximum aantal deelnemers")
        self.new_meeting = QLineEdit()
        self.new_meeting.setAccessibleName("Wanneer en waar")
        self.create_button = QPushButton("Dialoogtafel &aanmaken")
        self.create_button.clicked.connect(self.create)
        form = QFormLayout()
        form.addRow("&Titel:", self.new_title)
        form.addRow("Aangekondigde &criteria:", self.new_criteria)
        form.addRow("&Maximum:", self.new_maximum)
        form.addRow("&Wanneer en waar:", self.new_meeting)
        form.addRow("", self.create_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table_choice)
        layout.addWidget(self.criteria_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(choice)
        layout.addWidget(QLabel("Een nieuwe dialoogtafel kiest uit de toegelaten aanbieders van de procedure:"))
        layout.addLayout(form)

    def set_procurement(self, procurement_id: int, select: int | None = None) -> None:
        self._procurement = procurement_id
        keep = select if select is not None else self.table_choice.currentData()
        self.tables = dialogue_tables(self._database.sessions, procurement_id)
        self.table_choice.blockSignals(True)
        self.table_choice.clear()
        for table in self.tables:
            self.table_choice.addItem(f"{table.title} (ten hoogste {table.maximum})", table.id)
        index = self.table_choice.findData(keep)
        self.table_choice.setCurrentIndex(index if index >= 0 else self.table_choice.count() - 1)
        self.table_choice.blockSignals(False)
        self._show_table()

    def current(self) -> DialogueTableRow | None:
        return next((t for t in self.tables if t.id == self.table_choice.currentData()), None)

    def _show_table(self) -> None:
        table = self.current()
        self.model.set_rows(table.candidates if table else [])
        self.criteria_label.setText(
            f"Criteria: {table.criteria}. Gekozen: {len(table.selected)} van ten hoogste {table.maximum}; "
            f"nog open: {len(table.undecided)}."
            if table
            else "Nog geen dialoogtafel."
        )
        for button in (self.choose_button, self.reject_button, self.invite_button):
            button.setEnabled(table is not None)

    def create(self) -> None:
        procurement, sessions, actor = self._procurement, self._database.sessions, self._actor
        assert procurement is not None
        title, criteria, maximum, meeting = (
            self.new_title.text(), self.new_criteria.text(), self.new_maximum.value(), self.new_meeting.text()
        )  # fmt: skip
        made = runner_for(self, sessions).run(
            self,
            lambda: create_dialogue_table(
                sessions, procurement, title=title, criteria=criteria, maximum=maximum, meeting=meeting, actor=actor
            ),
            title=TITLE,
        )
        if made is not None:
            self.new_title.clear()
            self.new_criteria.clear()
            self.set_procurement(procurement, select=made.id)

    def record(self, selected: bool) -> None:
        table, index = self.current(), self.view.currentIndex()
        if table is None or not index.isValid() or self._procurement is None:
            return
        candidate: Candidate = index.data(ROW_ROLE)
        sessions, actor, reason = self._database.sessions, self._actor, self.reason.text()
        done = runner_for(self, sessions).run(
            self,
            lambda: record_dialogue_choice(
                sessions, table.id, candidate.kvk, selected=selected, reason=reason, actor=actor
            ),
            title=TITLE,
        )
        if done is not None:
            self.reason.clear()
            self.set_procurement(self._procurement)

    def invitations(self, folder: Path | None = None) -> list[Path] | None:
        table = self.current()
        if table is None:
            return None
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, "Map voor de uitnodigingen")
            if not chosen:
                return None
            folder = Path(chosen)
        sessions, actor = self._database.sessions, self._actor
        return runner_for(self, sessions).run(
            self, lambda: make_dialogue_invitations(sessions, table.id, folder, actor=actor), title=TITLE
        )
