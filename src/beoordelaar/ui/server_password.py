"""The window's way onto a team server that asks for a password: the URL, PGPASSWORD and the password file gave none,
so the person types it (never echoed, kept in memory only, never remembered). A refused password asks again with the
server's answer above the field; Annuleren opens nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from beoordelaar.ui.common.plain_text import plain_label

if TYPE_CHECKING:
    from beoordelaar.core.database import Database

TRIES = 3


class ServerPasswordDialog(QDialog):
    def __init__(self, login: str, host: str, problem: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Wachtwoord voor de server")
        intro = plain_label(f"Beoordelaar opent de gezamenlijke database op {host} als {login}. De server vraagt uw "
                            "wachtwoord; Beoordelaar onthoudt het niet.")  # fmt: skip
        intro.setWordWrap(True)
        self.problem_label = plain_label(problem or "")
        self.problem_label.setObjectName("server-password-problem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setVisible(bool(problem))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("server-password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(f"Wachtwoord van {login}")
        self.password_edit.setMinimumWidth(320)
        form = QFormLayout()
        form.addRow("&Wachtwoord:", self.password_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Openen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Annuleren")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.password_edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.problem_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.password_edit.text()))

    def password(self) -> str:
        return self.password_edit.text()


def ask_server_password(login: str, host: str, problem: str | None = None) -> str | None:
    """The password typed, or None when the dialog was cancelled."""
    dialog = ServerPasswordDialog(login, host, problem)
    return dialog.password() if dialog.exec() == QDialog.DialogCode.Accepted else None


def open_asking_password(where: str | Path, before_asking: Callable[[], object] = lambda: None) -> Database | None:
    """The database where names; a server that asks for a password gets it typed in the dialog (after before_asking),
    TRIES times at most, with the server's refusal shown while it refuses; None when the person cancelled."""
    from beoordelaar.core.database import open_with_password

    def ask(login: str, host: str, refusal: str | None) -> str | None:
        if refusal is None:
            before_asking()
        return ask_server_password(login, host, refusal)

    return open_with_password(where, ask, tries=TRIES)
