"""One Reader per user and library: `reader FILE` while Reader runs opens FILE there.

The first process listens on a local socket named after the user and the data folder; a
later one connects, sends its sources (made absolute against ITS working directory, which
the running process does not share) and exits 0. A lock file serializes the "is anybody
there? then I listen" step so two Readers started at once cannot both become the server.
Two libraries (``--data-dir``) are two independent Readers.

On Unix the socket and its lock live in a folder only this user can enter, and the
forwarding side checks who listens before it sends (reader.instance_socket); the listening
side also drops connections from other users. Elsewhere Qt's named pipe is used, open to
this user only.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QDir, QLockFile, QObject, Signal

if TYPE_CHECKING:  # QtNetwork loads when a socket is made (app.py forwards before that)
    from PySide6.QtNetwork import QLocalServer, QLocalSocket
    from PySide6.QtWidgets import QWidget

from reader import instance_socket
from reader.instance_socket import (
    MAX_MESSAGE_BYTES,
    REPLY_TIMEOUT_MS,
    UnsafeFolder,
    parse_message,
    server_name,
)

CONNECT_TIMEOUT_MS = 1000
LOCK_TIMEOUT_MS = 3000
UNIX_SOCKETS = os.name == "posix"


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
        self.refused = ""  # why this Reader runs alone (a socket it must not trust)
        self._server: QLocalServer | None = None
        self._buffers: dict[QObject, QByteArray] = {}

    def address(self) -> str:
        """The full socket path in the private folder (Unix), or the pipe name (raises
        UnsafeFolder on Unix when no private folder is available)."""
        return instance_socket.socket_path(self.name) if UNIX_SOCKETS else self.name

    # -- forwarding side --------------------------------------------------------------

    def send(self, sources: Iterable[str], timeout_ms: int = REPLY_TIMEOUT_MS) -> bool:
        """Hand ``sources`` to a running Reader; True when it acknowledged them. A listener
        that is not this user's gets nothing: ``refused`` then says why."""
        absolute = absolute_sources(sources)
        if UNIX_SOCKETS:
            result = instance_socket.forward(self.name, absolute, timeout_ms / 1000)
            self.refused = result.reason if result.outcome == "refused" else ""
            return result.outcome == "delivered"
        return self._send_over_pipe(absolute, timeout_ms)

    def _send_over_pipe(self, sources: list[str], timeout_ms: int) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(QByteArray(instance_socket.encode_message(sources)))
        if not socket.waitForBytesWritten(timeout_ms):
            socket.abort()
            return False
        reply = b""
        while b"\n" not in reply and len(reply) < 64 and socket.waitForReadyRead(timeout_ms):
            reply += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        return reply.strip() == b"ok"

    # -- listening side ---------------------------------------------------------------

    def listen(self) -> bool:
        """Start serving; a socket file left by a crashed Reader is removed first."""
        from PySide6.QtNetwork import QLocalServer

        try:
            address = self.address()
        except UnsafeFolder as error:
            self.refused = str(error)
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(address):
            QLocalServer.removeServer(address)
            if not server.listen(address):
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
            if not _same_user(socket):
                socket.abort()
                socket.deleteLater()
                continue
            self._buffers[socket] = QByteArray()
            # slots find their socket through sender(): a lambda holding the socket would
            # keep a wrapper that outlives it (and crashes PySide when Qt reuses its address)
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)

    def _on_disconnected(self) -> None:
        socket = self.sender()
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _on_ready_read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        buffer = self._buffers.get(socket)
        if buffer is None or not isinstance(socket, QLocalSocket):
            return
        buffer.append(socket.readAll())
        if buffer.size() > MAX_MESSAGE_BYTES:
            socket.abort()
            return
        data = bytes(buffer.data())
        if b"\n" not in data:
            return
        self._buffers[socket] = QByteArray()
        sources = parse_message(data.split(b"\n", 1)[0])
        socket.write(QByteArray(b"error\n" if sources is None else b"ok\n"))
        socket.flush()
        if sources is None:
            socket.disconnectFromServer()
            return
        self.open_requested.emit(sources)


def _same_user(socket: QLocalSocket) -> bool:
    """Only this user's processes may ask for a file to be opened (the folder already keeps
    others out; this also holds if someone loosened it)."""
    if not UNIX_SOCKETS:
        return True
    owner = instance_socket.peer_uid_of_descriptor(int(socket.socketDescriptor()))
    return owner is None or owner == os.getuid()


def claim_or_forward(sources: Iterable[str], name: str | None = None) -> SingleInstance | None:
    """Become the Reader (listening; returned) or forward to the running one (None).

    Call it before building the window; when it returns None the process should exit 0.
    When the socket cannot be trusted (another user's folder or listener), the instance
    comes back not listening, with ``refused`` saying why (also printed on stderr): this
    Reader then runs a window of its own.
    """
    instance = SingleInstance(name)
    try:
        lock_path = instance.address() + ".lock" if UNIX_SOCKETS else None
    except UnsafeFolder as error:
        return _alone(instance, str(error))
    lock = QLockFile(lock_path or QDir(QDir.tempPath()).filePath(instance.name + ".lock"))
    locked = lock.tryLock(LOCK_TIMEOUT_MS)
    try:
        if instance.send(list(sources)):
            instance.deleteLater()
            return None
        if instance.refused:
            return _alone(instance, instance.refused)
        instance.listen()
        return instance
    finally:
        if locked:
            lock.unlock()


def _alone(instance: SingleInstance, reason: str) -> SingleInstance:
    instance.refused = reason
    print(f"reader: opening a separate window: {reason}", file=sys.stderr)
    return instance
