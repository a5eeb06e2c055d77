"""The window on a team server that asks for a password (its own rule in pg_hba.conf for one login, on the run's real
server): the person types it in a dialog that never shows it; a wrong one is asked again with the server's refusal;
Annuleren opens nothing; the right one opens the window as that login."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from beoordelaar.core.storage.database import Database
from beoordelaar.ui import app as app_module
from beoordelaar.ui import server_password
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.server_password import ServerPasswordDialog
from password_login import PASSWORD, login_asking_password

postgres = pytest.mark.postgres


@pytest.fixture
def password_login(pg_db: Database, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with login_asking_password(pg_db, postgres_url, monkeypatch) as url:
        yield url


def _answering(qtbot: QtBot, answers: list[str | None], seen: list[str]) -> Callable[[ServerPasswordDialog], int]:
    """A dialog's exec as a person answers it: reads what it says above the field, types the next answer and presses
    Enter (None: clicks Annuleren)."""

    def answer(dialog: ServerPasswordDialog) -> int:
        dialog.show()
        seen.append(dialog.problem_label.text() if dialog.problem_label.isVisible() else "")
        assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
        typed = answers.pop(0)
        if typed is None:
            qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClicks(dialog.password_edit, typed)
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        return dialog.result()

    return answer


def test_the_dialog_hides_the_password_and_needs_one(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ServerPasswordDialog("avries", "server.gemeente.nl", "De server weigert het wachtwoord.")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and ok.text() == "&Openen"
    qtbot.keyClicks(dialog.password_edit, "geheim")
    assert ok.isEnabled() and dialog.password() == "geheim"
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.problem_label.isVisible() and "weigert" in dialog.problem_label.text()
    dialog.grab().save(str(tmp_path / "wachtwoord.png"))


@postgres
def test_a_wrong_password_is_asked_again_and_the_right_one_opens_the_window_as_the_login(
    qapp: QApplication, qtbot: QtBot, password_login: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[str | None] = ["niet-dit", PASSWORD]
    seen: list[str] = []
    monkeypatch.setattr(ServerPasswordDialog, "exec", _answering(qtbot, answers, seen))
    shown: list[str] = []
    earlier = set(QApplication.topLevelWidgets())

    def fake_exec() -> int:
        [window] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, MainWindow) and w.isVisible() and w not in earlier]  # fmt: skip
        shown.append(window.actor_label.text())
        window.close()
        return 0

    monkeypatch.setattr(app_module.QApplication, "exec", staticmethod(fake_exec))
    assert app_module.run_gui(password_login) == 0
    login = make_url(password_login).username
    assert answers == [] and seen[0] == ""
    assert "kan niet worden geopend" in seen[1] and "wachtwoord" in seen[1]  # the refusal, in Dutch, above the field
    assert PASSWORD not in " ".join(seen)
    assert shown == [f"Werkt als {login}"]


@postgres
def test_cancelling_the_password_opens_nothing(
    qapp: QApplication, qtbot: QtBot, password_login: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[str | None] = [None, None]
    monkeypatch.setattr(ServerPasswordDialog, "exec", _answering(qtbot, answers, []))
    monkeypatch.setattr(app_module.QApplication, "exec", staticmethod(lambda: pytest.fail("a window was opened")))
    assert server_password.open_asking_password(password_login) is None
    assert app_module.run_gui(password_login) == 0
    assert answers == []
