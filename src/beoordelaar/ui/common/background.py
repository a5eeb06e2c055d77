"""Long work off the UI thread: run_with_progress runs a job on a worker thread behind a progress dialog with a
cancel button, and hands its result (or the Dutch refusal, or our own bug) back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.api import ImportCancelled

DEFAULT_TITLE = "Beoordelaar"

Progress = Callable[[int, int], None]


class JobCancelled(ImportCancelled):
    """Raised inside the job by its progress callback once the user pressed Annuleren."""


class _Worker(QThread):
    progressed = Signal(int, int)

    def __init__(self, job: Callable[[Progress], Any], parent: QWidget | None = None) -> None:
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


def run_with_progress(
    parent: QWidget, label: str, job: Callable[[Progress], Any], *, title: str = DEFAULT_TITLE
) -> Any:
    """Run job(progress) off the UI thread behind a progress dialog. Returns its result, or None when it was
    cancelled or refused (the Dutch message is shown). Our own bugs are raised again here, on the UI thread."""
    worker = _Worker(job, parent)
    dialog = QProgressDialog(label, "Annuleren", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoReset(False)
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
    error = worker.error
    if isinstance(error, ImportCancelled):
        return None
    if isinstance(error, UserError):
        QMessageBox.warning(parent, title, str(error))
        return None
    if error is not None:
        raise error
    return worker.result
