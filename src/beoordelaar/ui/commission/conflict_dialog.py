"""Recording a declared conflict of interest (belangenverstrengeling): which member, which registration, why."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.commission.api import declare_conflict
from beoordelaar.core.database import Database
from beoordelaar.core.registrations.api import RegistrationRow
from beoordelaar.ui.common.background import runner_for

TITLE = "Belangenverstrengeling melden"


class ConflictDialog(QDialog):
    def __init__(
        self,
        database: Database,
        round_id: int,
        actor: str,
        members: list[str],
        registrations: list[RegistrationRow],
        member: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._database = database
        self._round_id = round_id
        self._actor = actor
        self._registrations = registrations
        self.member_combo = QComboBox()
        self.member_combo.addItems(members)
        if member in members:
            self.member_combo.setCurrentIndex(members.index(member))
        self.registration_combo = QComboBox()
        for row in registrations:
            self.registration_combo.addItem(f"{row.number} – {row.name}")
        self.registration_combo.setMaxVisibleItems(20)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText("Bijvoorbeeld: was tot 2025 werkzaam bij deze aanbieder")
        form = QFormLayout()
        form.addRow("&Lid:", self.member_combo)
        form.addRow("&Inschrijving:", self.registration_combo)
        form.addRow("&Reden:", self.reason_edit)
        note = QLabel(
            "Het lid beoordeelt deze inschrijving dan niet: de toewijzing vervalt en scores ervan worden niet meer "
            "aangenomen. Werkt het lid offline, maak dan een nieuw werkpakket."
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Vastleggen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self._record)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _record(self) -> None:
        index = self.registration_combo.currentIndex()
        if index < 0 or self.member_combo.currentIndex() < 0:
            return
        sessions = self._database.sessions
        if runner_for(self, sessions).perform(
            self,
            lambda: declare_conflict(
                sessions, self._round_id, self.member_combo.currentText(),
                self._registrations[index].number, reason=self.reason_edit.text().strip(), actor=self._actor,
            ),
            title=TITLE,
        ):  # fmt: skip
            self.accept()
