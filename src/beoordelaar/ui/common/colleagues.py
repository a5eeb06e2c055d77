"""Other screens follow what colleagues commit on the server: the window's runner is told, as after its own actions,
and the main window refreshes the pages touched. A notice comes from the server's LISTEN connection (its socket
watched by a QSocketNotifier); polling the history's newest event is the fallback (a feed that was lost, or a
database whose other writers give no notice). What changed is read from the history since the last look
(core/changes.py), so a notice that was missed or merged with another loses nothing."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from beoordelaar.core.changes import ChangeFeed, audit_mark, changes_since, colleague_feed
from beoordelaar.core.database import Database
from beoordelaar.core.errors import UserError
from beoordelaar.ui.common.background import ActionRunner

POLL_MS = 3000


class ColleagueChanges(QObject):
    """Follows the database for commits of other programs and reports them through runner (its changed signal)."""

    def __init__(self, database: Database, runner: ActionRunner, parent: QObject, *, poll: bool = False) -> None:
        super().__init__(parent)
        self._sessions = database.sessions
        self._runner = runner
        self._mark = audit_mark(self._sessions)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.catch_up)
        self._feed: ChangeFeed | None = None
        self._notifier: QSocketNotifier | None = None
        try:
            self._feed = colleague_feed(database.location)
        except UserError:
            poll = True
        if self._feed is not None:
            self._notifier = QSocketNotifier(self._feed.socket(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._on_notice)
            # A window deleted without being closed (a close refused in member mode, a crash in the tests) lets go of
            # the server's connection with it, not whenever the garbage collector finds it.
            self.destroyed.connect(self._feed.close)
        elif poll:
            self._timer.start()

    @property
    def listening(self) -> bool:
        return self._feed is not None

    @property
    def polling(self) -> bool:
        return self._timer.isActive()

    def _on_notice(self) -> None:
        assert self._feed is not None
        try:
            news = self._feed.news()
        except UserError:
            self._stop_listening()
            self._timer.start()
            return
        if news:
            self.catch_up()

    def catch_up(self) -> None:
        """Report what the history gained since the last look; while an action of this window runs, after it."""
        if self._runner.busy:
            QTimer.singleShot(POLL_MS // 10, self, self.catch_up)
            return
        newest = audit_mark(self._sessions)  # before the read: an event committed in between is read next time too
        if newest == self._mark:
            return
        changes = changes_since(self._sessions, self._mark)
        self._mark = newest
        self._runner.report(changes)

    def _stop_listening(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._feed is not None:
            self._feed.close()
            self._feed = None

    def stop(self) -> None:
        self._timer.stop()
        self._stop_listening()
