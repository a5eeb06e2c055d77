"""The one action runner of the GUI (after Anki's CollectionOp).

Every user action that writes runs through the window's ActionRunner: a short one on the UI thread (run), a long one
(import, merge, letters, reports, exports, bulk actions) on a worker thread behind a progress dialog (run_long), with a
cancel button where the job can stop. Either way a refusal of the user's world (UserError) is shown one way
(show_refusal), our own bug goes on to the exception hook of ui/common/error_report, and afterwards one `changed`
signal says which parts of the round changed (read from the audit trail, core/changes.py), so the main window can
refresh every page and its status bar. One action at a time: writes stay serialised (one writer). A conflict (a
colleague saved the same thing first: ConflictError) refreshes every page first, so the message is read beside the
newest state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.changes import Changes, audit_mark, changes_since
from beoordelaar.core.errors import ConflictError, UserError
from beoordelaar.core.registrations.api import ImportCancelled
from beoordelaar.ui.common.plain_text import plain

DEFAULT_TITLE = "Beoordelaar"
RUNNER_NAME = "action-runner"
BUSY_TEXT = "Er loopt nog een handeling. Wacht tot die klaar is en probeer het dan opnieuw."
REFRESHED_TEXT = "Het scherm toont nu de nieuwste stand."

Progress = Callable[[int, int], None]
Refused = Callable[[str], None]
T = TypeVar("T")


class JobCancelled(ImportCancelled):
    """Raised inside the job by its progress callback once the user pressed Annuleren."""


def show_refusal(parent: QWidget | None, error: UserError | str, title: str = DEFAULT_TITLE) -> None:
    """The one way a refusal of the user's world is shown: a Dutch warning box; nothing was changed."""
    QMessageBox.warning(parent, title, plain(str(error)))


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask before an action that changes many rows at once; No is the default."""
    buttons = QMessageBox.StandardButton
    return QMessageBox.question(parent, title, plain(text), buttons.Yes | buttons.No, buttons.No) == buttons.Yes


class _Worker(QThread):
    progressed = Signal(int, int)

    def __init__(self, job: Callable[[Progress], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancel_requested = False

    def run(self) -> None:
        try:
            self.result = self._job(self._progress)
        except BaseException as exc:  # handed to the UI thread, which decides how to show it
            self.error = exc

    def _progress(self, done: int, total: int) -> None:
        if self.cancel_requested:
            raise JobCancelled
        self.progressed.emit(done, total)


class ActionRunner(QObject):
    """Runs user actions, shows their refusals and tells what changed (changed carries a core.changes.Changes)."""

    changed = Signal(object)
    # After a conflict, once every page was refreshed: a window outside the pages (the meeting) reads its data again.
    conflicted = Signal()

    def __init__(self, sessions: sessionmaker[Session], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(RUNNER_NAME)
        self._sessions = sessions
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def run(
        self,
        parent: QWidget | None,
        call: Callable[[], T],
        *,
        title: str = DEFAULT_TITLE,
        refused: Refused | None = None,
    ) -> T | None:
        """A short action on the UI thread. Returns its result, or None when it was refused: the message is shown
        by show_refusal, or by refused(text) for a form that shows it beside its fields (and stays open)."""
        return self._run(parent, title, call, refused)

    def perform(
        self,
        parent: QWidget | None,
        call: Callable[[], object],
        *,
        title: str = DEFAULT_TITLE,
        refused: Refused | None = None,
    ) -> bool:
        """run, for an action whose result is not needed: True when it went through."""

        def call_and_confirm() -> bool:
            call()
            return True

        return self.run(parent, call_and_confirm, title=title, refused=refused) is not None

    def run_long(
        self,
        parent: QWidget | None,
        label: str,
        job: Callable[[Progress], T],
        *,
        title: str = DEFAULT_TITLE,
        cancellable: bool = True,
        refused: Refused | None = None,
    ) -> T | None:
        """A long action off the UI thread behind a progress dialog; job(progress) reports (done, total), and
        stops there once the user cancelled. Returns its result, or None when it was cancelled or refused."""
        return self._run(parent, title, lambda: self._in_worker(parent, label, job, title, cancellable), refused)

    def _run(self, parent: QWidget | None, title: str, call: Callable[[], T], refused: Refused | None) -> T | None:
        show = refused or (lambda text: show_refusal(parent, text, title))
        if self._busy:
            show(BUSY_TEXT)
            return None
        self._busy = True
        mark = audit_mark(self._sessions)
        conflict: ConflictError | None = None
        try:
            return call()
        except ImportCancelled:
            return None
        except ConflictError as exc:
            conflict = exc
            return None
        except UserError as exc:
            show(str(exc))
            return None
        finally:  # our own bugs go on to the exception hook, after the screens were told what did change
            self._busy = False
            # after a conflict every page reads again what colleagues saved, whatever this screen last read
            self.report(changes_since(self._sessions, mark) | (Changes.everything() if conflict else Changes()))
            if conflict is not None:
                self.conflicted.emit()
                show_refusal(parent, f"{conflict} {REFRESHED_TEXT}", title)

    def report(self, changes: Changes) -> None:
        """Tell the screens about changes made outside run (drafts, which are not audited)."""
        if changes.any:
            self.changed.emit(changes)

    def _in_worker(
        self, parent: QWidget | None, label: str, job: Callable[[Progress], T], title: str, cancellable: bool
    ) -> T:
        worker = _Worker(job, self)
        dialog = QProgressDialog(label, "Annuleren", 0, 0, parent)
        dialog.setWindowTitle(title)
        # Application-modal: no other window (the meeting window, a dialog) can start a second writer meanwhile.
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.setValue(0)

        def show_progress(done: int, total: int) -> None:
            dialog.setMaximum(max(total, done) if total else 0)
            dialog.setValue(done if total else 0)

        def cancel() -> None:
            worker.cancel_requested = True

        dialog.canceled.connect(cancel)
        worker.progressed.connect(show_progress)
        loop = QEventLoop()
        worker.finished.connect(loop.quit)
        worker.start()
        loop.exec()  # the finished signal is queued to this thread, so it cannot be missed
        worker.wait()
        dialog.canceled.disconnect(cancel)
        dialog.close()
        dialog.deleteLater()
        worker.deleteLater()
        if worker.error is not None:
            raise worker.error
        return worker.result


def runner_for(widget: QWidget, sessions: sessionmaker[Session]) -> ActionRunner:
    """The runner of the window that widget lives in (the main window's, which refreshes every page). A widget
    shown on its own (a page or dialog in a test, a window without main window) gets one of its own, which
    refreshes that widget itself through its apply_changes, if it has one."""
    holder: QObject | None = widget
    top: QObject = widget
    while holder is not None:
        found = holder.findChild(ActionRunner, RUNNER_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
        if found is not None:
            return found
        top = holder
        holder = holder.parent()
    runner = ActionRunner(sessions, top)
    apply_changes = getattr(top, "apply_changes", None)
    if callable(apply_changes):
        runner.changed.connect(apply_changes)
    return runner
