"""The single-instance socket is private: another local user can neither receive what a
person opens nor stop Reader from starting, and nothing a peer sends can raise."""

import contextlib
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import instance_socket
from reader.instance_socket import forward, parse_message, server_name, socket_path
from reader.ui.shell.single_instance import SingleInstance, claim_or_forward

REPO = Path(__file__).resolve().parents[2]
OTHER_UID = 65534  # nobody
needs_root = pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0 or shutil.which("setpriv") is None,
    reason="running a process as another user needs root and setpriv",
)

# Runs as another user: listens on every path given, records every connection and byte.
SQUATTER = r"""
import os, socket, sys, threading
log, paths = sys.argv[1], sys.argv[2:]
def serve(server):
    while True:
        connection, _ = server.accept()
        with open(log, "ab") as out:
            out.write(b"connection\n")
            connection.settimeout(2)
            try:
                out.write(connection.recv(65536) + b"\n")
            except OSError:
                pass
        connection.sendall(b"ok\n")
        connection.close()
for path in paths:
    if not os.path.isdir(os.path.dirname(path)):
        os.makedirs(os.path.dirname(path))
        os.chmod(os.path.dirname(path), 0o777)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    os.chmod(path, 0o777)
    server.listen(8)
    threading.Thread(target=serve, args=(server,), daemon=True).start()
print("ready", flush=True)
sys.stdin.read()
"""


def as_other_user(*command: str) -> list[str]:
    return ["setpriv", f"--reuid={OTHER_UID}", f"--regid={OTHER_UID}", "--clear-groups", *command]


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temp folder every user may write to, like /tmp (pytest's own is root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="reader-squat-", dir="/tmp"))
    folder.chmod(0o1777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def squatter(log: Path, *paths: str) -> Iterator[None]:
    process = subprocess.Popen(
        as_other_user(sys.executable, "-c", SQUATTER, str(log), *paths),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
        yield
    finally:
        process.kill()
        process.wait()


def start_reader(data: Path, page: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`reader PAGE`: prints "stall_ms …" a second after the article is on screen, then
    quits (it claims the socket once the story is in, so it must live on a little)."""
    full = {**os.environ, **env, "READER_BENCH": "startup", "QT_QPA_PLATFORM": "offscreen"}
    full["PYTHONPATH"] = str(REPO)
    if "XDG_RUNTIME_DIR" not in env:
        full.pop("XDG_RUNTIME_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data), str(page)],
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


def a_page(folder: Path) -> Path:
    page = folder / "secret-plans.html"
    page.write_text(
        "<html><head><title>Secret plans</title></head><body><article><h1>Secret plans</h1>"
        + "<p>Only for the person who saved this page, nobody else on the machine.</p>" * 8
        + "</article></body></html>",
        encoding="utf-8",
    )
    return page


@needs_root
def test_squatter_without_runtime_folder_gets_nothing_and_reader_starts(tmp_path, shared_tmp):
    data = tmp_path / "library"
    name = server_name(data)
    log = shared_tmp / "squatter.log"
    # the name the old Reader used (in the temp folder) and the folder the new one falls
    # back to, both taken first by another user
    old = str(shared_tmp / name)
    fallback = str(shared_tmp / f"reader-{os.getuid()}" / name)
    with squatter(log, old, fallback):
        result = start_reader(data, a_page(tmp_path), {"TMPDIR": str(shared_tmp)})
    assert result.returncode == 0, result.stderr
    assert "stall_ms " in result.stdout, result.stderr  # the window showed the page
    assert "separate window" in result.stderr and "another user" in result.stderr
    assert not log.exists() or log.read_bytes() == b""  # not even a connection


@needs_root
def test_squatter_on_old_name_is_ignored_with_a_runtime_folder(tmp_path, shared_tmp):
    data = tmp_path / "library"
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    log = shared_tmp / "squatter.log"
    with squatter(log, str(shared_tmp / server_name(data))):
        env = {"TMPDIR": str(shared_tmp), "XDG_RUNTIME_DIR": str(runtime)}
        result = start_reader(data, a_page(tmp_path), env)
    assert result.returncode == 0, result.stderr
    assert "stall_ms " in result.stdout, result.stderr
    assert "separate window" not in result.stderr
    assert not log.exists() or log.read_bytes() == b""
    folder = runtime / "reader"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@needs_root
def test_a_listener_run_by_another_user_is_never_sent_anything(tmp_path, shared_tmp, monkeypatch):
    """Even a socket file that looks like ours (moved into our folder, owned by us) gets
    nothing when the process listening on it is another user's (peer credentials)."""
    if not hasattr(socket, "SO_PEERCRED"):
        pytest.skip("no peer credentials here")
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    name = "reader-test-peer"
    outside = str(shared_tmp / "bait")
    log = shared_tmp / "squatter.log"
    with squatter(log, outside):
        target = socket_path(name)
        os.rename(outside, target)  # a bound socket keeps working when its file moves
        os.chown(target, os.getuid(), os.getgid())
        result = forward(name, ["/home/victim/secret.txt"], timeout=5)
        time.sleep(0.2)
    assert result.outcome == "refused" and f"uid {OTHER_UID}" in result.reason
    assert b"secret" not in log.read_bytes()


@needs_root
def test_another_user_cannot_reach_the_listening_socket(qtbot, tmp_path, monkeypatch):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    runtime.chmod(0o711)  # even with the runtime folder passable, ours stays closed
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    server = SingleInstance("reader-test-reach")
    received: list[list[str]] = []
    server.open_requested.connect(received.append)
    try:
        assert server.listen()
        code = (
            "import socket, sys\n"
            "s = socket.socket(socket.AF_UNIX)\n"
            "try:\n    s.connect(sys.argv[1])\nexcept OSError as e:\n"
            "    print(type(e).__name__); sys.exit(0)\n"
            "s.sendall(b'{\"sources\": [\"/tmp/x\"]}\\n'); print('sent')\n"
        )
        done = subprocess.run(
            as_other_user(sys.executable, "-c", code, server.address()),
            capture_output=True,
            text=True,
            timeout=60,
        )
        qtbot.wait(200)
    finally:
        server.close()
    assert done.stdout.strip() == "PermissionError", done.stderr
    assert received == []


def test_socket_folder_is_private_and_an_open_one_is_closed(tmp_path, monkeypatch):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    folder = instance_socket.private_folder()
    assert folder == runtime / "reader"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    folder.chmod(0o755)
    assert instance_socket.private_folder() == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_an_open_runtime_folder_is_not_trusted(tmp_path, monkeypatch):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o777)
    runtime.chmod(0o777)
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    assert instance_socket.private_folder() == private_tmp / f"reader-{os.getuid()}"


def test_a_link_in_place_of_the_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / f"reader-{os.getuid()}").symlink_to(elsewhere)
    with pytest.raises(instance_socket.UnsafeFolder, match="not a folder"):
        instance_socket.private_folder()
    instance = claim_or_forward([], name="reader-test-link")
    assert instance is not None and not instance.is_listening()
    assert "not a folder" in instance.refused


@pytest.mark.parametrize(
    "message",
    [
        b"[" * 100_000,
        b'{"sources": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"sources": ["a", {"b": [[[[["c"]]]]]}]}',
        b'{"sources": ["' + b"x" * 100_000 + b'"]}',
        b'{"sources": [' + b",".join([b'"/a"'] * 5000) + b"]}",
        b'{"sources": [""]}',
        b"\xff\xfe not utf-8",
        b'{"sources": ["\\ud800"]}',
        b"1e999999",
        b"",
    ],
)
def test_hostile_messages_are_refused_without_raising(message):
    assert parse_message(message) is None


def test_a_good_message_still_parses():
    assert parse_message(b'{"version": 1, "sources": ["/a b", "https://x.example/?q=[1]"]}') == [
        "/a b",
        "https://x.example/?q=[1]",
    ]


def read_reply(qtbot, client: socket.socket) -> bytes:
    """The server's one-line reply, read while Qt's event loop serves the connection."""
    reply = bytearray()

    def answered() -> bool:
        with contextlib.suppress(BlockingIOError):
            reply.extend(client.recv(64, socket.MSG_DONTWAIT))
        return b"\n" in reply

    qtbot.waitUntil(answered, timeout=10000)
    return bytes(reply).strip()


def test_deeply_nested_message_on_the_socket_gets_an_error_reply(qtbot, tmp_path, monkeypatch):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    server = SingleInstance("reader-test-deep")
    received: list[list[str]] = []
    server.open_requested.connect(received.append)
    assert server.listen()
    replies: list[bytes] = []
    try:
        for message in (b"[" * 200_000 + b"\n", b'{"sources": ["/ok"]}\n'):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
                client.connect(server.address())
                client.sendall(message)
                replies.append(read_reply(qtbot, client))
    finally:
        server.close()
    assert replies == [b"error", b"ok"]
    assert received == [["/ok"]]
