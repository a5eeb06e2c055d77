"""Toetsingen wijzigen: the chair withdraws a member's checks of exclusion grounds and requirements, or hands them to
another member (all of them, or those of the ticked registrations). Checks with work on them stay and are named;
a refusal (the other member has a conflict, or handed in) keeps the dialog open with the reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.commission.api import CheckChange, change_checks
from beoordelaar.core.database import Database
from beoordelaar.core.exchange.api import MemberProgress
from beoordelaar.core.registrations.api import list_registrations
from beoordelaar.core.rounds.api import Role
from beoordelaar.core.text import count_text
from beoordelaar.ui.commission.member_dialogs import ERROR_TEXT
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.status_colours import text_style

TITLE = "Toetsingen wijzigen"
NOTE = (
    "Trek de toetsingen van de uitsluitingsgronden en geschiktheidseisen van een lid in, of draag ze over aan een "
    "ander lid. Waarop het lid al werk deed (een oordeel of een concept), blijft staan. Zet geen vinkje om alle "
    "inschrijvingen te wijzigen. De geschiedenis houdt elke wijziging bij."
)


class ChangeChecksDialog(QDialog):
    def __init__(
        self, database: Database, round_id: int, actor: str, members: list[MemberProgress], member: str | None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._database, self._round_id, self._actor = database, round_id, actor
        self.change: CheckChange | None = None
        self._members = members
        self.member = QComboBox()
        self.receiver = QComboBox()
        for row in members:
            self.member.addItem(row.name)
            self.receiver.addItem(row.name)
        if member is not None:
            self.member.setCurrentText(member)
        self.registrations = QListWidget()
        self.registrations.setAccessibleName("Alleen deze inschrijvingen (geen vinkje: alle)")
        for registration in list_registrations(database.sessions, round_id):
            item = QListWidgetItem(f"{registration.number} {registration.name}")
            item.setData(Qt.ItemDataRole.UserRole, registration.number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.registrations.addItem(item)
        self.registrations.setCurrentRow(0)
        self.withdraw = QRadioButton("&Intrekken")
        self.hand_over = QRadioButton("&Overdragen aan:")
        self.withdraw.setChecked(True)
        self.receiver.setEnabled(False)
        self.hand_over.toggled.connect(self.receiver.setEnabled)
        self.member.currentTextChanged.connect(self._pick_other_receiver)
        self._pick_other_receiver()

        note = QLabel(NOTE)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Lid:", self.member)
        registrations_label = QLabel("Alleen deze in&schrijvingen (spatie: aan/uit):")
        registrations_label.setBuddy(self.registrations)
        form.addRow(self.withdraw)
        form.addRow(self.hand_over, self.receiver)
        self.error_label = QLabel()
        self.error_label.setObjectName("change-checks-error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(text_style(ERROR_TEXT))
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Wijzigen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self._change)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(registrations_label)
        layout.addWidget(self.registrations)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.member.setFocus()

    def chosen_registrations(self) -> list[str]:
        items = (self.registrations.item(i) for i in range(self.registrations.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def _pick_other_receiver(self) -> None:
        """The next assessor after the chosen member (the chair only when there is no other)."""
        start = self.member.currentIndex()
        order = [(start + step) % len(self._members) for step in range(1, len(self._members))]
        others = [i for i in order if self._members[i].role is Role.ASSESSOR] or order
        if others:
            self.receiver.setCurrentIndex(others[0])

    def _change(self) -> None:
        name, numbers = self.member.currentText(), self.chosen_registrations()
        to = self.receiver.currentText() if self.hand_over.isChecked() else None
        self.change = runner_for(self, self._database.sessions).run(
            self,
            lambda: change_checks(
                self._database.sessions, self._round_id, name, registrations=numbers, to=to, actor=self._actor
            ),
            title=TITLE,
            refused=self._refused,
        )
        if self.change is not None:
            self.accept()

    def _refused(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()


def change_text(name: str, change: CheckChange) -> str:
    """What the commission page says after a change (plain text)."""
    done = f"overgedragen aan {change.to}" if change.to else "ingetrokken"
    count = count_text(change.changed, "toetsing", "toetsingen")
    kept = f" Er blijven er {len(change.kept)} staan waarop al werk is gedaan." if change.kept else ""
    return f"{count} van {name} {done}.{kept}"
