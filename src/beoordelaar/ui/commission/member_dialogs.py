"""The commission at the chair: adding a member (name, organisation, e-mail, role, confidentiality declaration),
correcting a member's name, organisation and e-mail, and recording later that a member signed the confidentiality
declaration (geheimhoudingsverklaring)."""

from __future__ import annotations

import html

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.commission.api import add_assessor, declare_confidentiality, edit_assessor
from beoordelaar.core.database import Database
from beoordelaar.core.rounds.api import Role
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.status_colours import text_style

ERROR_TEXT = "#a01e1e"  # made readable on the palette in use (text_style)


def _date_edit() -> QDateEdit:
    """A day, today at the latest: a declaration is signed, never planned."""
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setMaximumDate(QDate.currentDate())
    return edit


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class FormDialog(QDialog):
    """A form, an error line that keeps the dialog open, and OK (renamed) / Annuleren."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(text_style(ERROR_TEXT))
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.error_label)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _apply(self) -> None:
        raise NotImplementedError


class AddMemberDialog(FormDialog):
    """Lid toevoegen: accepted once the service added the member; a refusal (name taken, second chair) stays open."""

    def __init__(self, database: Database, round_id: int, actor: str, parent: QWidget | None = None) -> None:
        super().__init__("Lid toevoegen", "&Toevoegen", parent)
        self._database, self._round_id, self._actor = database, round_id, actor
        self.added: str | None = None
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.name_edit.setPlaceholderText("Voornaam en achternaam")
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setMaxLength(200)
        self.organisation_edit.setPlaceholderText("Optioneel, bijv. Gemeente Zwolle")
        self.email_edit = QLineEdit()
        self.email_edit.setMaxLength(254)
        self.email_edit.setPlaceholderText("Optioneel")
        self.role_combo = QComboBox()
        for role in (Role.ASSESSOR, Role.CHAIR):
            self.role_combo.addItem(role.label, role.value)
        self.declared_check = QCheckBox("&Geheimhoudingsverklaring getekend")
        self.declared_date = _date_edit()
        self.declared_date.setEnabled(False)
        self.declared_check.toggled.connect(self.declared_date.setEnabled)
        self.form.addRow(buddy_label("&Naam:", self.name_edit), self.name_edit)
        self.form.addRow(buddy_label("&Organisatie:", self.organisation_edit), self.organisation_edit)
        self.form.addRow(buddy_label("&E-mail:", self.email_edit), self.email_edit)
        self.form.addRow(buddy_label("&Rol:", self.role_combo), self.role_combo)
        self.form.addRow("", self.declared_check)
        self.form.addRow(buddy_label("&Datum getekend:", self.declared_date), self.declared_date)
        note = QLabel(
            "Een lid zonder getekende geheimhoudingsverklaring krijgt geen werkpakket. "
            "Tekent het lid later, leg dat dan vast met <b>Geheimhouding vastleggen…</b>."
        )
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)
        self.name_edit.textChanged.connect(self._update_ok)
        self.name_edit.textChanged.connect(lambda _text: self.error_label.hide())
        self._update_ok()
        self.name_edit.setFocus()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.name_edit.text().strip()))

    def _apply(self) -> None:
        declared = self.declared_check.isChecked()
        sessions = self._database.sessions
        row = runner_for(self, sessions).run(
            self,
            lambda: add_assessor(
                sessions, self._round_id, self.name_edit.text(),
                chair=self.role_combo.currentData() == Role.CHAIR.value, confidentiality_declared=declared,
                declared_on=self.declared_date.date().toPython() if declared else None,
                organisation=self.organisation_edit.text(), email=self.email_edit.text(), actor=self._actor,
            ),
            title=self.windowTitle(), refused=self.show_error,
        )  # fmt: skip
        if row is None:
            return
        self.added = row.name
        self.accept()


class EditMemberDialog(FormDialog):
    """Lid wijzigen: a mistyped name, organisation or e-mail corrected; the history keeps what it was."""

    def __init__(
        self, database: Database, round_id: int, actor: str, name: str, organisation: str | None, email: str | None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__("Lid wijzigen", "&Opslaan", parent)
        self._database, self._round_id, self._actor, self.name = database, round_id, actor, name
        self.edited: str | None = None
        self.name_edit = QLineEdit(name)
        self.name_edit.setMaxLength(200)
        self.organisation_edit = QLineEdit(organisation or "")
        self.organisation_edit.setMaxLength(200)
        self.email_edit = QLineEdit(email or "")
        self.email_edit.setMaxLength(254)
        self.form.addRow(buddy_label("&Naam:", self.name_edit), self.name_edit)
        self.form.addRow(buddy_label("&Organisatie:", self.organisation_edit), self.organisation_edit)
        self.form.addRow(buddy_label("&E-mail:", self.email_edit), self.email_edit)
        for edit in (self.name_edit, self.organisation_edit, self.email_edit):
            edit.textChanged.connect(lambda _text: self.error_label.hide())
        self.name_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        self.name_edit.setFocus()

    def _apply(self) -> None:
        sessions = self._database.sessions
        row = runner_for(self, sessions).run(
            self,
            lambda: edit_assessor(
                sessions, self._round_id, self.name, new_name=self.name_edit.text(),
                organisation=self.organisation_edit.text(), email=self.email_edit.text(), actor=self._actor,
            ),
            title=self.windowTitle(), refused=self.show_error,
        )  # fmt: skip
        if row is None:
            return
        self.edited = row.name
        self.accept()


class DeclarationDialog(FormDialog):
    """Geheimhouding vastleggen: the day the selected member signed the confidentiality declaration."""

    def __init__(self, database: Database, round_id: int, actor: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__("Geheimhouding vastleggen", "&Vastleggen", parent)
        self._database, self._round_id, self._actor, self.name = database, round_id, actor, name
        intro = QLabel(
            f"Vastleggen dat <b>{html.escape(name)}</b> de geheimhoudingsverklaring heeft getekend. "
            "Leg het pas vast als de getekende verklaring er is; het kan niet ongedaan worden gemaakt."
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        self.date_edit = _date_edit()
        self.layout_.insertWidget(0, intro)
        self.form.addRow(buddy_label("Getekend &op:", self.date_edit), self.date_edit)
        self.date_edit.setFocus()

    def _apply(self) -> None:
        sessions = self._database.sessions
        if runner_for(self, sessions).perform(
            self,
            lambda: declare_confidentiality(
                sessions, self._round_id, self.name, declared_on=self.date_edit.date().toPython(), actor=self._actor
            ),
            title=self.windowTitle(), refused=self.show_error,
        ):  # fmt: skip
            self.accept()
