"""One running app per user and database: a second start (a double-clicked .bwp) hands its file to the running
window over a local socket (a named pipe on Windows) and exits, instead of being refused by the database lock.

The protocol is one line of JSON each way: {"open": PATH or null} from the new start, "ok" from the running app.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from beoordelaar.core.app_log import log

HAND_OVER_TIMEOUT_MS = 3000
ACCEPTED = b"ok\n"


def server_name(db_path: Path | str) -> str:
    """The socket's name: one per operating-system user and database file (or server URL), so that another user's
    app on a shared computer or a test database (--db) is a separate app."""
    where = db_path if isinstance(db_path, str) else os.path.normcase(db_path.expanduser().resolve())  # C:\ and c:\
    key = f"{getpass.getuser()}\n{where}"
    return "beoordelaar-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def hand_over(name: str, open_file: Path | None, timeout_ms: int = HAND_OVER_TIMEOUT_MS) -> bool:
    """True when an app listening on name took the start (and the file, if any); False when none runs."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    request = {"open": str(open_file.expanduser().resolve()) if open_file is not None else None}
    socket.write(json.dumps(request).encode("utf-8") + b"\n")
    socket.flush()
    while not socket.canReadLine() and socket.waitForReadyRead(timeout_ms):
        pass  # the answer may come in parts
    taken = socket.canReadLine() and bytes(socket.readLine().data()) == ACCEPTED
    socket.abort()
    return taken


class InstanceServer(QObject):
    """Listens for later starts; each one arrives as started(path or None) once it is read."""

    started = Signal(object)  # Path | None: the file the later start was given

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)

    def listen(self) -> bool:
        """Start listening; a socket left by an app that crashed is removed first (Unix keeps it as a file)."""
        if self._server.listen(self.name):
            return True
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(HAND_OVER_TIMEOUT_MS // 3):  # an app started just now listens: leave it be
            probe.abort()
            return False
        QLocalServer.removeServer(self.name)
        listening = self._server.listen(self.name)
        if not listening:
            log.warning("Geen tweede start mogelijk via %s: %s", self.name, self._server.errorString())
        return listening

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.disconnected.connect(socket.deleteLater)
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return  # the rest of the line is still on its way
        line = bytes(socket.readLine().data())
        try:
            request = json.loads(line)
            given = request.get("open") if isinstance(request, dict) else None
        except ValueError:
            log.warning("Onleesbaar verzoek van een tweede start: %r", line[:200])
            socket.disconnectFromServer()
            return
        socket.write(ACCEPTED)
        socket.flush()
        socket.disconnectFromServer()
        path = Path(given) if isinstance(given, str) and given else None
        log.info("Tweede start doorgegeven aan het open venster%s", f": {path}" if path else "")
        self.started.emit(path)
