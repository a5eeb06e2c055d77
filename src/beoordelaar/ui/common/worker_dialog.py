"""Wie werkt er?: the name of who works at this computer, asked once at the first start and changed later via
Bestand › Wie werkt er…. The history, the proces-verbaal and the decisions show this name, not the computer's login."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

MAX_NAME = 200


class WorkerDialog(QDialog):
    def __init__(self, current: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Wie werkt er?")
        intro = QLabel(
            "Onder deze naam legt Beoordelaar vast wat u doet: in de geschiedenis, het proces-verbaal en de "
            "besluiten. Deze computer onthoudt de naam; u wijzigt hem later in het menu Bestand (Wie werkt er…)."
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(current or "")
        self.name_edit.setObjectName("worker-name")
        self.name_edit.setPlaceholderText("bijv. Marieke Jansen")
        self.name_edit.setMaxLength(MAX_NAME)
        self.name_edit.setMinimumWidth(320)
        form = QFormLayout()
        form.addRow("Uw &naam:", self.name_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Verder")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name()))

    def name(self) -> str:
        return " ".join(self.name_edit.text().split())


def ask_worker(parent: QWidget | None, current: str | None = None) -> str | None:
    """The name typed, or None when the dialog was cancelled."""
    dialog = WorkerDialog(current, parent)
    return dialog.name() if dialog.exec() == QDialog.DialogCode.Accepted and dialog.name() else None
