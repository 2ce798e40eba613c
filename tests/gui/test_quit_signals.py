"""Stopped from outside (logout's SIGTERM, `kill`, Ctrl+C or a closed terminal), a running
Reader closes as if its window were closed: what it keeps on closing is kept, its
single-instance socket is gone, and it exits 0 with nothing on stderr but Qt's own notes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
START_S = 60  # a loaded CI machine starts Reader in well under this
PAGE = (
    "<html><head><title>The lamp on the skerry</title></head><body><article>"
    "<h1>The lamp on the skerry</h1>"
    + "<p>For a hundred years the lamp on the skerry was kept by one family.</p>" * 20
    + "</article></body></html>"
)


def socket_files(runtime: Path) -> list[Path]:
    folder = runtime / "reader"
    return sorted(folder.glob("reader-*")) if folder.is_dir() else []


@pytest.fixture
def runtime() -> Iterator[Path]:
    """A runtime folder short enough for a socket path (pytest's own folders are not)."""
    with tempfile.TemporaryDirectory(prefix="rq") as folder:
        os.chmod(folder, 0o700)
        yield Path(folder)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stop_signal_closes_the_window_as_by_hand(tmp_path, runtime, number):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
        "READER_DATA_DIR": str(tmp_path / "data"),
        "XDG_RUNTIME_DIR": str(runtime),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", str(page)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + START_S
        while not socket_files(runtime) and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()
            time.sleep(0.05)
        assert socket_files(runtime), "Reader never started listening"
        process.send_signal(number)
        _, stderr = process.communicate(timeout=START_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert socket_files(runtime) == []  # the next start finds no dead socket to try
    settings = (tmp_path / "data" / "settings.ini").read_text(encoding="utf-8")
    assert "geometry=" in settings  # kept on closing, as when the window is closed
