"""The window and the web: Ctrl+L, pasted and clicked links, Esc, logins (issue 6).

A real HTTP server on 127.0.0.1 serves an article with an image, a page that trickles
slowly, and a page behind Basic auth.
"""

from __future__ import annotations

import base64
import http.server
import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from window_helpers import WAIT_MS, stored

from reader.ui.dialogs.login_dialog import LoginPrompt
from reader.ui.presenter import tasks
from reader.ui.shell.main_window import MainWindow

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8DwnwEKmBgQAFMBAOT3Aw"
    "H1jf0eAAAAAElFTkSuQmCC"
)
PARAGRAPH = "The tide came in slowly over the flats, and the birds rose all at once. " * 4


def article(title: str) -> bytes:
    body = "".join(f"<p>{PARAGRAPH} ({index})</p>" for index in range(12))
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1><figure>"
        "<img src='/bird.png' width='600' height='400' alt='A bird'>"
        f"<figcaption>A bird</figcaption></figure>{body}"
        f"<p><a href='/second'>Read the second story</a></p></article></body></html>"
    ).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 - shared by design: the test reads it

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        Handler.requests.append(self.path)
        if self.path == "/bird.png":
            self._send(200, "image/png", PNG)
        elif self.path == "/article":
            self._send(200, "text/html; charset=utf-8", article("Birds over the flats"))
        elif self.path == "/second":
            self._send(200, "text/html; charset=utf-8", article("The second story"))
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(300):  # 30 s of trickle unless the client goes away
                    self.wfile.write(b"<p>" + b"slow " * 20 + b"</p>\n")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif self.path == "/private":
            if self.headers.get("Authorization") == "Basic " + base64.b64encode(
                b"ada:s3cret"
            ).decode("ascii"):
                self._send(200, "text/html; charset=utf-8", article("Members only"))
            else:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="Harbour members"')
                self.send_header("Content-Length", "0")
                self.end_headers()
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.requests = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def wait_idle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=WAIT_MS)


def test_ctrl_l_opens_a_url_from_a_real_server(qtbot, window, server):
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = window.dialogs.shown["url"]
    qtbot.waitUntil(dialog.isVisible)
    dialog.field.setText(f"{server}/article")
    dialog.accept()
    wait_idle(qtbot, window)
    assert window.windowTitle() == "Birds over the flats"
    assert "the birds rose all at once" in window.view.toPlainText()
    assert "/bird.png" in Handler.requests  # the image came with the fetch...
    assert stored(window).asset(window.current.article_id, f"{server}/bird.png") is not None
    assert not window.view.blocked_requests  # ...so the view found it in the library
    assert not window.message_bar.isVisible()


def test_clicking_a_link_fetches_it_in_reader_and_shift_click_goes_to_the_browser(
    qtbot, window, server
):
    from PySide6.QtCore import QUrl

    window.opening.open_source(f"{server}/article")
    wait_idle(qtbot, window)
    browser: list[str] = []
    window.open_actions.open_external = lambda url: browser.append(url.toString())
    window.view.anchorClicked.emit(QUrl(f"{server}/second"))
    wait_idle(qtbot, window)
    assert window.windowTitle() == "The second story"
    assert browser == []


def test_a_dropped_or_pasted_url_is_fetched(qtbot, window, server):
    from PySide6.QtCore import QMimeData, QPointF
    from PySide6.QtGui import QDropEvent, QGuiApplication

    mime = QMimeData()
    mime.setText(f"{server}/article")
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    wait_idle(qtbot, window)
    assert window.windowTitle() == "Birds over the flats"
    QGuiApplication.clipboard().setText(f"{server}/second")
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    assert window.windowTitle() == "The second story"


def test_esc_cancels_a_slow_fetch_and_keeps_the_article(qtbot, window, server):
    window.opening.open_source(f"{server}/article")
    wait_idle(qtbot, window)
    window.opening.open_source(f"{server}/slow")
    qtbot.waitUntil(lambda: "/slow" in Handler.requests, timeout=WAIT_MS)
    assert window.is_busy() and window.progress.isVisible()
    started = time.monotonic()
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.is_busy()
    assert time.monotonic() - started < 1
    assert window.windowTitle() == "Birds over the flats"
    assert "Stopped" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: tasks.pending() == 0, timeout=10_000)  # the worker let go
    assert window.windowTitle() == "Birds over the flats"


def answer_login(qtbot, fill: bool) -> list[str]:
    """Answer the 401 prompt when it shows (it is modal): fill it in, or cancel."""
    seen: list[str] = []

    def respond() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginPrompt):
            later(respond)
            return
        seen.append(dialog.windowTitle())
        if fill:
            fields = [f for f in dialog.findChildren(QLineEdit) if f.isVisible()]
            fields[0].setText("ada")
            fields[1].setText("s3cret")
            dialog.accept()
        else:
            dialog.reject()

    later(respond)
    return seen


def later(callback) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, callback)


def test_401_prompt_cancel_keeps_the_previous_article(qtbot, window, server):
    window.opening.open_source(f"{server}/article")
    wait_idle(qtbot, window)
    seen = answer_login(qtbot, fill=False)
    window.opening.open_source(f"{server}/private")
    qtbot.waitUntil(lambda: bool(seen) and not window.is_busy(), timeout=WAIT_MS)
    assert window.windowTitle() == "Birds over the flats"
    assert not window.message_bar.isVisible() or "Traceback" not in window.message_bar.text()


def test_401_prompt_with_a_login_fetches_again(qtbot, window, server):
    seen = answer_login(qtbot, fill=True)
    window.opening.open_source(f"{server}/private")
    qtbot.waitUntil(lambda: window.windowTitle() == "Members only", timeout=WAIT_MS)
    assert seen
    wait_idle(qtbot, window)


def test_a_failed_fetch_is_one_line_in_the_window(qtbot, window, server):
    window.opening.open_source(f"{server}/missing")
    wait_idle(qtbot, window)
    text = window.message_bar.text()
    assert "404" in text and "Traceback" not in text
    assert isinstance(QApplication.activeModalWidget(), (type(None), QDialog))
