"""The one dialog for what a person types and the app never shows again: a package code, a passphrase (typed as
dots, and twice when it is chosen), a fingerprint read out on the phone. Checked before it closes, in Dutch."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from beoordelaar.ui.common.status_colours import text_style


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    hidden: bool = False  # typed as dots: a passphrase
    minimum: int = 1
    repeat_of: str | None = None  # must be the same as that field (a new passphrase, typed twice)
    placeholder: str = ""


class SecretsDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, intro: str, fields: list[Field], ok_text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._fields = fields
        layout = QVBoxLayout(self)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for field in fields:
            edit = QLineEdit()
            edit.setObjectName(field.key)
            edit.setPlaceholderText(field.placeholder)
            if field.hidden:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            label = QLabel(field.label)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.edits[field.key] = edit
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(text_style("#aa1e1e"))
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        if fields:
            self.edits[fields[0].key].setFocus()

    def values(self) -> dict[str, str]:
        return {key: edit.text() if self._hidden(key) else edit.text().strip() for key, edit in self.edits.items()}

    def _hidden(self, key: str) -> bool:
        return next(f.hidden for f in self._fields if f.key == key)

    def problem_text(self) -> str | None:
        values = self.values()
        for field in self._fields:
            value = values[field.key]
            name = field.label.rstrip(":").replace("&", "").lower()
            if not value:
                return f"Vul {name} in."
            if len(value) < field.minimum:
                return f"{field.label.rstrip(':').replace('&', '')} moet minstens {field.minimum} tekens hebben."
            if field.repeat_of is not None and value != values[field.repeat_of]:
                return "De twee keer ingevoerde wachtwoorden zijn niet gelijk."
        return None

    def accept(self) -> None:
        problem = self.problem_text()
        if problem is not None:
            self.problem.setText(problem)
            self.problem.show()
            return
        super().accept()


def ask_secrets(
    parent: QWidget | None, title: str, intro: str, fields: list[Field], ok_text: str
) -> dict[str, str] | None:
    """The values typed, or None when the person cancelled."""
    dialog = SecretsDialog(parent, title, intro, fields, ok_text)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    values = dialog.values()
    dialog.deleteLater()
    if parent is not None:  # the window the person was working in takes the keyboard back
        parent.window().activateWindow()
    return values if accepted else None
