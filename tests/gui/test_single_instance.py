"""Single instance: a second `reader FILE` hands FILE to the running Reader and exits 0."""

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from reader.instance_socket import server_name, socket_path
from reader.ui.shell.single_instance import (
    SingleInstance,
    absolute_sources,
    claim_or_forward,
    raise_window,
)

REPO = Path(__file__).resolve().parents[2]

SECOND_PROCESS = """
import sys
from reader.ui.shell.single_instance import claim_or_forward
instance = claim_or_forward(sys.argv[2:], name=sys.argv[1])
sys.exit(0 if instance is None else 3)
"""


@pytest.fixture
def name():
    return f"reader-test-{uuid.uuid4().hex[:12]}"


def run_second(name: str, args: list[str], cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-c", SECOND_PROCESS, name, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_process(qtbot, process: subprocess.Popen) -> int:
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=20000)
    return process.returncode


def test_server_name_is_per_user_and_per_library(tmp_path):
    first = server_name(tmp_path / "a")
    assert first == server_name(tmp_path / "a")
    assert first != server_name(tmp_path / "b")
    assert first.startswith("reader-")
    assert len(first) < 80  # socket paths are short on Unix


def test_absolute_sources(tmp_path):
    result = absolute_sources(["page.html", "https://example.com/x", "/abs/f.txt"], str(tmp_path))
    assert result == [str(tmp_path / "page.html"), "https://example.com/x", "/abs/f.txt"]


def test_second_process_forwards_and_exits_zero(qtbot, name, tmp_path):
    first = claim_or_forward([], name=name)
    assert first is not None and first.is_listening()
    try:
        with qtbot.waitSignal(first.open_requested, timeout=20000) as blocker:
            process = run_second(name, ["saved page.html", "https://example.com/a"], tmp_path)
        assert blocker.args == [[str(tmp_path / "saved page.html"), "https://example.com/a"]]
        assert wait_process(qtbot, process) == 0, process.stderr.read() if process.stderr else ""
    finally:
        first.close()


def test_no_running_reader_means_we_listen(qtbot, name, tmp_path):
    process = run_second(name, ["x.html"], tmp_path)
    assert wait_process(qtbot, process) == 3  # it became the Reader itself
    # and after it exited, we can take over
    instance = claim_or_forward([], name=name)
    assert instance is not None and instance.is_listening()
    instance.close()


@pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files")
def test_stale_socket_file_from_a_crash_is_replaced(name):
    path = socket_path(name)
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)
    stale.close()  # the file stays, nobody listens: what a killed Reader leaves
    assert os.path.exists(path)
    instance = claim_or_forward([], name=name)
    try:
        assert instance is not None and instance.is_listening()
    finally:
        if instance is not None:
            instance.close()


def test_garbage_message_is_refused(qtbot, name):
    from PySide6.QtCore import QByteArray
    from PySide6.QtNetwork import QLocalSocket

    server = SingleInstance(name)
    assert server.listen()
    received = []
    server.open_requested.connect(received.append)
    client = QLocalSocket()
    client.connectToServer(server.address())
    assert client.waitForConnected(2000)
    client.write(QByteArray(b'{"sources": "not a list"}\n'))
    client.flush()
    qtbot.waitUntil(lambda: client.bytesAvailable() > 0 or client.waitForReadyRead(10))
    assert bytes(client.readAll().data()).strip() == b"error"
    assert received == []
    server.close()


def test_raise_window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    raise_window(window)
    assert window.isVisible()
    assert not window.isMinimized()


def test_without_a_display_reader_file_still_goes_to_the_running_reader(
    qtbot, tmp_path, monkeypatch
):
    """`reader FILE` from a shell over SSH into the desktop: no display of its own, but the
    Reader running there opens FILE (it said "no display" and stopped)."""
    library = tmp_path / "library"
    monkeypatch.setenv("READER_DATA_DIR", str(library))
    first = claim_or_forward([], name=server_name(library))
    assert first is not None and first.is_listening()
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE")
    env = {key: value for key, value in os.environ.items() if key not in hidden}
    env["PYTHONPATH"] = str(REPO)
    try:
        with qtbot.waitSignal(first.open_requested, timeout=20000) as blocker:
            process = subprocess.Popen(
                [sys.executable, "-m", "reader", "saved page.html"],
                cwd=tmp_path,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        assert blocker.args == [[str(tmp_path / "saved page.html")]]
        assert wait_process(qtbot, process) == 0
        assert process.stderr is not None and process.stderr.read() == b""
    finally:
        first.close()
