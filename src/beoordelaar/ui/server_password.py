"""The window's way onto a team server that asks for a password: the URL, PGPASSWORD and the password file gave none,
so the person types it (never echoed, kept in memory only, never remembered). A refused password asks again with the
server's answer above the field; Annuleren opens nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from beoordelaar.core.errors import UserError
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
    """The database where names; a server that asks for a password gets it typed (after before_asking), and asked
    again (TRIES times in all) with the server's refusal shown while it refuses; None when the person cancelled. Any
    other refusal is the UserError it was."""
    from beoordelaar.core.database import database_location, open_database, password_needed, with_password

    try:
        return open_database(where)
    except UserError as exc:
        if not password_needed(exc):
            raise
    before_asking()
    url = database_location(where).url
    refusal: UserError | None = None
    for _ in range(TRIES):
        typed = ask_server_password(url.username or "", url.host or "", None if refusal is None else str(refusal))
        if typed is None:
            return None
        try:
            return open_database(with_password(where, typed))
        except UserError as exc:
            refusal = exc
    assert refusal is not None
    raise refusal
