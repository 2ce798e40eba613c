"""The tests' one real HTTP server on 127.0.0.1: a quiet request handler with a ``send``,
and ``serving`` that runs a server in a thread for the length of a ``with`` block.

Each test server (hostile_server, queue_server, test_multipage's site) keeps only its
routes and its state: the state object a handler reads as ``self.server.state``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Generic, TypeVar

State = TypeVar("State")


class LocalServer(ThreadingHTTPServer, Generic[State]):
    """A threading server whose handlers find the test's state at ``server.state``."""

    daemon_threads = True
    block_on_close = False
    state: State

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up (or refuse a certificate) are what many tests do


class QuietHandler(BaseHTTPRequestHandler):
    """A handler that logs nothing and answers with one call."""

    server: LocalServer[Any]
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet test output

    def send(
        self,
        status: int,
        body: bytes,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serving(
    handler: type[BaseHTTPRequestHandler],
    state_for_port: Callable[[int], State],
    wrap: Callable[[LocalServer[State]], None] | None = None,
) -> Iterator[State]:
    """Serve on a free port of 127.0.0.1 with ``handler``, in a thread, for the ``with``
    block; yields the server's state (made by ``state_for_port`` from the port it got).
    ``wrap`` may change the server's socket first (TLS)."""
    httpd: LocalServer[State] = LocalServer(("127.0.0.1", 0), handler)
    if wrap is not None:
        wrap(httpd)
    httpd.state = state_for_port(httpd.server_address[1])
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield httpd.state
    finally:
        httpd.shutdown()
        httpd.server_close()
