"""The window follows a library another process changes: `reader import` in a terminal while
Reader is open shows in the library list and in "For you" within two seconds."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from window_helpers import WAIT_MS, open_and_wait

from reader.ui.presenter.library_watch import LibraryWatch

REPO = Path(__file__).resolve().parents[2]
REFRESH_TARGET_S = 2.0


def write_page(folder: Path, number: int) -> Path:
    stories = "".join(
        f'<li><a href="https://news.example/2024/05/ferry-story-{number}-{index}">'
        f"Ferry story {number} {index} about the harbour crossing</a></li>"
        for index in range(3)
    )
    body = "<p>" + "The ferry crossed the harbour before the storm arrived. " * 12 + "</p>"
    path = folder / f"page{number}.html"
    path.write_text(
        f"<!doctype html><html><head><title>Ferry log {number}</title>"
        f'<link rel="canonical" href="https://site.example/log-{number}"></head><body>'
        f"<article><h1>Ferry log {number}</h1>{body * 4}</article>"
        f'<aside class="related"><h2>Related stories</h2><ul>{stories}</ul></aside>'
        "</body></html>",
        encoding="utf-8",
    )
    return path


def test_an_import_in_another_process_shows_within_two_seconds(qtbot, window, tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    first = write_page(folder, 0)
    open_and_wait(qtbot, window, first)
    window.view_actions.reveal_library()
    window.navigation.go_for_you()
    panel = window.library_panel
    qtbot.waitUntil(lambda: panel.count_label.text() == "1 article", timeout=WAIT_MS)
    for number in range(1, 6):
        write_page(folder, number)

    result = subprocess.run(
        [sys.executable, "-m", "reader", "import", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert "imported 5" in result.stderr, result.stderr
    imported = time.monotonic()
    qtbot.waitUntil(lambda: panel.count_label.text() == "6 articles", timeout=WAIT_MS)
    seen = time.monotonic() - imported
    assert seen <= REFRESH_TARGET_S, seen
    qtbot.waitUntil(
        lambda: any("Ferry story 5" in item.story.title for item in window.sidebar.items()),
        timeout=WAIT_MS,
    )
    assert time.monotonic() - imported <= REFRESH_TARGET_S + 1.0


def test_the_windows_own_saves_are_not_taken_for_outside_changes(qtbot, window, tmp_path):
    watch = LibraryWatch(window.library)
    changes: list[bool] = []
    watch.changed.connect(lambda: changes.append(True))
    watch.check()
    qtbot.waitUntil(lambda: watch._version is not None, timeout=WAIT_MS)
    open_and_wait(qtbot, window, write_page(tmp_path, 1))  # saved by the window itself
    watch.check()
    qtbot.wait(300)
    watch.check()
    qtbot.wait(300)
    assert changes == []


def test_the_library_threads_keep_one_connection_each(qtbot, tmp_path):
    """A watch needs the writer's own connection to last (PySide gives a pool thread a new
    Python thread state per task: a thread-local would open a connection per task)."""
    from reader.ui.presenter.library_service import READERS, LibraryService

    service = LibraryService(tmp_path / "library.sqlite3")
    answers: list[int] = []
    for _ in range(6):
        service.read(lambda library: id(library), answers.append)
        service.write(lambda library: id(library), answers.append)
    qtbot.waitUntil(lambda: len(answers) == 12, timeout=WAIT_MS)
    assert len(set(answers)) <= READERS + 1
    assert len(service._open) <= READERS + 1
    service.close()
