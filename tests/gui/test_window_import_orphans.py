"""No orphans from the window either: a `kill -9` of the window while it imports a folder
(extraction in a pool of fresh worker processes), or while it fetches its queue (in a
spawned child process), leaves none of those processes behind."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from import_processes import seconds_left_after_kill
from test_import_kill import write_pages

GONE_WITHIN_S = 2.0

# The window, importing FOLDER (`import FOLDER`) or fetching the queue of the library it
# opens (`fetch`); prints "workers N" once its pool's workers run, or "fetcher" once the
# child process it runs the queue in has fetched a page.
DRIVER = r"""
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from reader.ui.shell.main_window import MainWindow
window = MainWindow()
window.show()
if sys.argv[1] == "import":
    window.library_actions.import_folder(sys.argv[2])

def read(path):
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError:  # that process ended meanwhile
        return b""

def parent_of(pid):
    fields = read(f"/proc/{pid}/stat").rsplit(b")", 1)[-1].split()
    return fields[1].decode() if len(fields) > 1 else ""

def fetched():
    # a page came: the fetcher is bound to the window (it binds before it fetches)
    from reader.store import Library
    with Library() as library:
        return library.fetch_counts().fetched > 0

def report():
    children = [p for p in os.listdir("/proc") if p.isdigit() and parent_of(p) == str(os.getpid())]
    commands = [read(f"/proc/{p}/cmdline").split(b"\0") for p in children]
    workers = [c for c in commands if any(b"multiprocessing" in part for part in c)]
    fetchers = [c for c in commands if any(b"spawn_main" in part for part in c)]
    if sys.argv[1] == "import" and len(workers) >= 2:
        print(f"workers {len(workers)}", flush=True)
    elif sys.argv[1] == "fetch" and fetchers and fetched():
        print("fetcher", flush=True)
    else:
        QTimer.singleShot(50, report)

QTimer.singleShot(50, report)
app.exec()
"""


def window_outlived_by(data: Path, args: list[str], said: str, members: int) -> float | None:
    """The window on library folder ``data`` doing ``args``, killed once it says ``said``
    with ``members`` processes in its group: how long its helpers outlive it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "READER_DATA_DIR": str(data)}
    return seconds_left_after_kill(DRIVER, args, env, said, members)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_the_window_mid_import_leaves_no_worker(tmp_path):
    folder = tmp_path / "pages"
    write_pages(folder, 200)
    gone = window_outlived_by(tmp_path / "data", ["import", str(folder)], "workers ", 3)
    assert gone is not None and gone < GONE_WITHIN_S, "the import's workers outlived the window"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_the_window_mid_fetch_leaves_no_fetcher(tmp_path):
    from queue_server import pocket_csv, serving

    from reader.service.importing import import_sources
    from reader.store import Library

    data = tmp_path / "data"
    with serving() as server:
        server.slow_seconds = 0.5
        export = tmp_path / "pocket.csv"
        export.write_text(pocket_csv([server.url(f"/slow/{n}") for n in range(50)]), "utf-8")
        with Library(data / "library.sqlite3") as library:
            assert import_sources([str(export)], library, workers=1).queued == 50
        gone = window_outlived_by(data, ["fetch"], "fetcher", 2)
    assert gone is not None and gone < GONE_WITHIN_S, "the queue's fetcher outlived the window"
    with Library(data / "library.sqlite3") as library:
        counts = library.fetch_counts()
    assert counts.fetched + counts.queued + counts.fetching == 50  # nothing lost
