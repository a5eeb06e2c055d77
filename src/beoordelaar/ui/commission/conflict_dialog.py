"""Recording a declared conflict of interest (belangenverstrengeling): which member, which registration, why; and a
member's conflict statement (none, or these registrations)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.commission.api import declare_conflict, declare_conflict_statement, registration_warnings
from beoordelaar.core.database import Database
from beoordelaar.core.registrations.api import RegistrationRow
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.status_colours import text_style

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
        self.warnings: tuple[str, ...] = ()  # the registration left below the framework's minimum of assessors
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
        warnings = runner_for(self, sessions).run(
            self,
            lambda: declare_conflict(
                sessions, self._round_id, self.member_combo.currentText(),
                self._registrations[index].number, reason=self.reason_edit.text().strip(), actor=self._actor,
            ),
            title=TITLE,
        )  # fmt: skip
        if warnings is not None:
            self.warnings = warnings
            self.accept()


STATEMENT_TITLE = "Belangen verklaren"


class ConflictStatementDialog(QDialog):
    """The member's conflict statement, once: no conflict of interest, or the registrations where there is one."""

    def __init__(
        self,
        database: Database,
        round_id: int,
        actor: str,
        member: str,
        registrations: list[RegistrationRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(STATEMENT_TITLE)
        self.warnings: tuple[str, ...] = ()  # a registration the statement leaves below the minimum
        self._database, self._round_id, self._actor, self.member = database, round_id, actor, member
        self._registrations = registrations
        intro = QLabel(
            f"Wat verklaart <b>{html.escape(member)}</b> over belangenverstrengeling? Zonder deze verklaring (ook "
            "als die 'geen' is) en de getekende geheimhoudingsverklaring worden geen scores of toetsingen van dit lid "
            "aangenomen. De verklaring wordt één keer vastgelegd, met tijd en wie haar vastlegde."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.none_radio = QRadioButton("&Geen belangenverstrengeling")
        self.some_radio = QRadioButton("&Wel, bij deze inschrijvingen:")
        self.none_radio.setChecked(True)
        self.list = QListWidget()
        self.list.setObjectName("statement-registrations")
        for row in registrations:
            item = QListWidgetItem(f"{row.number} – {row.name}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText("Bijvoorbeeld: was tot 2025 werkzaam bij deze aanbieder")
        self.some_radio.toggled.connect(self._update)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(text_style("#a01e1e"))
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Vastleggen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self._record)
        self.buttons.rejected.connect(self.reject)
        reason = QFormLayout()
        reason.addRow("&Reden:", self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.none_radio)
        layout.addWidget(self.some_radio)
        layout.addWidget(self.list, 1)
        layout.addLayout(reason)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._update()

    def _update(self) -> None:
        listed = self.some_radio.isChecked()
        self.list.setEnabled(listed)
        self.reason_edit.setEnabled(listed)

    def chosen(self) -> list[str]:
        """The registration numbers ticked (none when 'Geen belangenverstrengeling' is chosen)."""
        if not self.some_radio.isChecked():
            return []
        return [
            row.number
            for index, row in enumerate(self._registrations)
            if self.list.item(index).checkState() == Qt.CheckState.Checked
        ]

    def _record(self) -> None:
        numbers = self.chosen()
        if self.some_radio.isChecked() and not numbers:
            self.show_error("Vink de inschrijvingen aan, of kies 'Geen belangenverstrengeling'.")
            return
        sessions = self._database.sessions
        if runner_for(self, sessions).perform(
            self,
            lambda: declare_conflict_statement(
                sessions, self._round_id, self.member, numbers, reason=self.reason_edit.text(), actor=self._actor
            ),
            title=STATEMENT_TITLE,
            refused=self.show_error,
        ):
            self.warnings = registration_warnings(sessions, self._round_id, numbers)
            self.accept()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
