"""One Reader per user and library: `reader FILE` while Reader runs opens FILE there.

The first process listens on a local socket named after the user and the data folder; a
later one connects, sends its sources (made absolute against ITS working directory, which
the running process does not share) and exits 0. A lock file serializes the "is anybody
there? then I listen" step so two Readers started at once cannot both become the server.
Two libraries (``--data-dir``) are two independent Readers.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QDir, QLockFile, QObject, Signal

if TYPE_CHECKING:  # QtNetwork loads when a socket is made (app.py forwards before that)
    from PySide6.QtNetwork import QLocalServer, QLocalSocket
    from PySide6.QtWidgets import QWidget

from reader.paths import data_dir

PROTOCOL_VERSION = 1
CONNECT_TIMEOUT_MS = 1000
REPLY_TIMEOUT_MS = 3000
LOCK_TIMEOUT_MS = 3000
MAX_MESSAGE_BYTES = 1 << 20  # a megabyte of paths is already absurd


def server_name(folder: Path | None = None) -> str:
    """Socket name for this user and this library folder."""
    folder = folder if folder is not None else data_dir()
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    safe_user = "".join(c for c in user if c.isalnum() or c in "-_")[:32] or "user"
    digest = hashlib.sha256(os.path.abspath(os.fspath(folder)).encode()).hexdigest()[:16]
    return f"reader-{safe_user}-{digest}"


def absolute_sources(sources: Iterable[str], cwd: str | None = None) -> list[str]:
    """URLs as given; paths made absolute here, since the running Reader has another cwd."""
    from reader.urls import absolute_source

    return [absolute_source(source, cwd) for source in sources]


def raise_window(window: QWidget) -> None:
    """Bring the window to the front (un-minimized) for a forwarded `reader FILE`."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


class SingleInstance(QObject):
    """The listening side (``listen``) and the forwarding side (``send``)."""

    # list[str]: absolute paths and URLs to open (may be empty: just raise the window)
    open_requested = Signal(list)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, QByteArray] = {}

    # -- forwarding side --------------------------------------------------------------

    def send(self, sources: Iterable[str], timeout_ms: int = REPLY_TIMEOUT_MS) -> bool:
        """Hand ``sources`` to a running Reader; True when it acknowledged them."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        message = {"version": PROTOCOL_VERSION, "sources": absolute_sources(sources)}
        socket.write(QByteArray((json.dumps(message) + "\n").encode()))
        if not socket.waitForBytesWritten(timeout_ms):
            socket.abort()
            return False
        reply = b""
        while b"\n" not in reply and socket.waitForReadyRead(timeout_ms):
            reply += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        return reply.strip() == b"ok"

    # -- listening side ---------------------------------------------------------------

    def listen(self) -> bool:
        """Start serving; a socket file left by a crashed Reader is removed first."""
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                server.deleteLater()
                return False
        server.newConnection.connect(self._on_new_connection)
        self._server = server
        return True

    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _on_new_connection(self) -> None:
        server = self._server
        if server is None:
            return
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
            self._buffers[socket] = QByteArray()
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer.append(socket.readAll())
        if buffer.size() > MAX_MESSAGE_BYTES:
            socket.abort()
            return
        if b"\n" not in bytes(buffer.data()):
            return
        line = bytes(buffer.data()).split(b"\n", 1)[0]
        self._buffers[socket] = QByteArray()
        sources = _parse_message(line)
        if sources is None:
            socket.write(QByteArray(b"error\n"))
            socket.flush()
            socket.disconnectFromServer()
            return
        socket.write(QByteArray(b"ok\n"))
        socket.flush()
        self.open_requested.emit(sources)


def _parse_message(line: bytes) -> list[str] | None:
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(message, dict):
        return None
    sources = message.get("sources")
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        return None
    return sources


def claim_or_forward(sources: Iterable[str], name: str | None = None) -> SingleInstance | None:
    """Become the Reader (listening; returned) or forward to the running one (None).

    Call it before building the window; when it returns None the process should exit 0.
    """
    instance = SingleInstance(name)
    lock = QLockFile(QDir(QDir.tempPath()).filePath(instance.name + ".lock"))
    locked = lock.tryLock(LOCK_TIMEOUT_MS)
    try:
        if instance.send(list(sources)):
            instance.deleteLater()
            return None
        instance.listen()
        return instance
    finally:
        if locked:
            lock.unlock()
