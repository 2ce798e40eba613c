"""No orphans from the window either: a `kill -9` of the window while it imports a folder
(extraction in a pool of fresh worker processes) leaves none of those workers behind."""

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from import_processes import group_members, seconds_until_gone
from test_import_kill import write_pages

REPO = Path(__file__).resolve().parents[2]
GONE_WITHIN_S = 2.0

# The window, importing FOLDER; prints "workers N" once its pool's workers run.
DRIVER = r"""
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from reader.ui.shell.main_window import MainWindow
window = MainWindow()
window.show()
window.library_actions.import_folder(sys.argv[1])

def read(path):
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError:  # that process ended meanwhile
        return b""

def parent_of(pid):
    fields = read(f"/proc/{pid}/stat").rsplit(b")", 1)[-1].split()
    return fields[1].decode() if len(fields) > 1 else ""

def report():
    children = [p for p in os.listdir("/proc") if p.isdigit() and parent_of(p) == str(os.getpid())]
    workers = [p for p in children if b"multiprocessing" in read(f"/proc/{p}/cmdline")]
    if len(workers) >= 2:
        print(f"workers {len(workers)}", flush=True)
    else:
        QTimer.singleShot(50, report)

QTimer.singleShot(50, report)
app.exec()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_the_window_mid_import_leaves_no_worker(tmp_path):
    folder = tmp_path / "pages"
    write_pages(folder, 200)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
        "READER_DATA_DIR": str(tmp_path / "data"),
    }
    window = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
        start_new_session=True,
    )
    try:
        assert window.stdout is not None
        assert window.stdout.readline().startswith("workers ")
        assert len(group_members(window.pid)) >= 3
        os.kill(window.pid, signal.SIGKILL)
        window.wait(timeout=60)
        gone = seconds_until_gone(window.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(window.pid, signal.SIGKILL)
    assert gone is not None and gone < GONE_WITHIN_S, "the import's workers outlived the window"
