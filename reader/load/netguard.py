"""The socket layer under httpx, so an overall deadline and a cancel hook hold during every wait.

httpx's timeouts are per read: a server that trickles one byte a second resets them
forever, even while it is still sending the headers. This backend slices every blocking
read into short waits and looks at the deadline and the cancel hook between them, so a
fetch ends on time and the window's Esc stops it promptly, wherever the fetch is blocked.

httpx and httpcore are imported here; import this module only from inside a fetch.
"""

from __future__ import annotations

import errno
import os
import select
import socket
import ssl
import time
import typing
from collections.abc import Callable, Iterable

import httpcore

# How often a blocked read wakes up to look at the cancel hook and the deadline: short
# enough that Esc feels immediate, long enough to cost nothing.
WAKE_INTERVAL = 0.2


class Interrupted(Exception):
    """The fetch was stopped by its guard (``reason`` is "cancelled" or "deadline")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Guard:
    """The limits shared by every socket of one fetch: an overall deadline and a cancel hook."""

    def __init__(
        self, deadline: float | None = None, cancel: Callable[[], bool] | None = None
    ) -> None:
        self.deadline = deadline  # time.monotonic() value, or None for no overall limit
        self._cancel = cancel
        self._cancelled = False

    def cancelled(self) -> bool:
        if not self._cancelled and self._cancel is not None and self._cancel():
            self._cancelled = True
        return self._cancelled

    def expired(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def check(self) -> None:
        """Raise Interrupted when the fetch was cancelled or ran out of time."""
        if self.cancelled():
            raise Interrupted("cancelled")
        if self.expired():
            raise Interrupted("deadline")

    def clamp(self, timeout: float | None) -> float | None:
        """A timeout no longer than the time left before the deadline."""
        if self.deadline is None:
            return timeout
        left = max(self.deadline - time.monotonic(), 0.001)
        return left if timeout is None else min(timeout, left)


class GuardedStream(httpcore.NetworkStream):
    """A network stream whose reads wait in short slices, checking the guard between them."""

    def __init__(self, inner: httpcore.NetworkStream, guard: Guard) -> None:
        self._inner = inner
        self._guard = guard

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        limit = None if timeout is None else time.monotonic() + timeout
        while True:
            self._guard.check()
            wait = WAKE_INTERVAL if limit is None else min(WAKE_INTERVAL, limit - time.monotonic())
            try:
                return self._inner.read(max_bytes, self._guard.clamp(max(wait, 0.001)))
            except httpcore.ReadTimeout:
                if limit is not None and time.monotonic() >= limit:
                    raise
                # A slice ended without data: an empty recv leaves the socket (and a TLS
                # session) exactly as it was, so waiting again is safe.

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._guard.check()
        self._inner.write(buffer, self._guard.clamp(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        self._guard.check()
        inner = self._inner.start_tls(ssl_context, server_hostname, self._guard.clamp(timeout))
        return GuardedStream(inner, self._guard)

    def get_extra_info(self, info: str) -> typing.Any:  # httpcore's own signature
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's own socket backend, with every stream it opens guarded."""

    def __init__(self, guard: Guard) -> None:
        self._inner = httpcore.SyncBackend()
        self._guard = guard

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        self._guard.check()
        timeout = self._guard.clamp(timeout)
        try:
            from httpcore._backends.sync import SyncStream
        except ImportError:  # httpcore's layout changed: connect without the wake-ups
            stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
            return GuardedStream(stream, self._guard)
        sock = self._connect(host, port, timeout, local_address, socket_options)
        return GuardedStream(SyncStream(sock), self._guard)

    def _connect(
        self,
        host: str,
        port: int,
        timeout: float | None,
        local_address: str | None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None,
    ) -> socket.socket:
        """Connect like socket.create_connection, waking up to look at the guard, so Esc
        does not wait out a connect timeout against an unreachable host."""
        limit = None if timeout is None else time.monotonic() + timeout
        try:
            addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as error:
            raise httpcore.ConnectError(str(error)) from error
        last: OSError | None = None
        for family, kind, proto, _, address in addresses:
            sock = socket.socket(family, kind, proto)
            try:
                for option in socket_options or ():
                    sock.setsockopt(*option)
                if local_address:
                    sock.bind((local_address, 0))
                sock.setblocking(False)
                code = sock.connect_ex(address)
                if code not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY):
                    raise OSError(code, os.strerror(code))
                while not select.select([], [sock], [], self._wait(limit))[1]:
                    if limit is not None and time.monotonic() >= limit:
                        sock.close()
                        raise httpcore.ConnectTimeout("timed out")
                code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if code:
                    raise OSError(code, os.strerror(code))  # e.g. ConnectionRefusedError
                sock.setblocking(True)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                return sock
            except OSError as error:
                sock.close()
                last = error
            except BaseException:
                sock.close()
                raise
        failure = httpcore.ConnectError(str(last or "no address"))
        # httpcore re-raises "from None", which keeps only __context__: the reason
        # (refused, unreachable...) must survive there for the message.
        failure.__context__ = last
        raise failure

    def _wait(self, limit: float | None) -> float:
        self._guard.check()
        wait = WAKE_INTERVAL if limit is None else min(WAKE_INTERVAL, limit - time.monotonic())
        return max(wait, 0.0)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        self._guard.check()
        stream = self._inner.connect_unix_socket(path, self._guard.clamp(timeout), socket_options)
        return GuardedStream(stream, self._guard)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def install(transport: object, guard: Guard) -> bool:
    """Put the guarded backend under an httpx transport; False if its layout is unknown.

    httpx does not take a network backend as a parameter, so this sets the pool's
    backend after construction. When that is impossible the fetch still checks the
    guard between body chunks; only waits inside the headers lose the guard.
    """
    pool = getattr(transport, "_pool", None)
    if pool is None or not hasattr(pool, "_network_backend"):
        return False
    pool._network_backend = GuardedBackend(guard)
    return True
