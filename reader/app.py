"""Start the window: QApplication, paint the window first, then do everything else.

Only PySide6 and Reader's light UI modules load before the first paint; the worker jobs
import the loaders, the extractor and the store (lxml, readability, httpx, sqlite) after.

Benchmark hook: READER_BENCH=paint prints the wall-clock time of the first paint and quits;
READER_BENCH=built prints it when the full window (menus, view, sidebar) has painted;
READER_BENCH=article prints it when the first article is on screen, with the RSS, and quits.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from reader.ui.shell.main_window import MainWindow
    from reader.ui.shell.single_instance import SingleInstance

BENCH_ENV = "READER_BENCH"


def run_app(sources: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from reader import __version__
    from reader.paths import APP_NAME

    # Nothing from the Qt namespace before the first paint: its first use builds every
    # Qt.* enum (~17 ms). Qt 6 already passes fractional HiDPI scale factors through.
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("reader")

    from reader.ui.shell.single_instance import claim_or_forward

    # One Reader per library: a second `reader FILE` hands FILE over and leaves before it
    # builds anything. Where Unix sockets exist that check is a plain socket call; the
    # listening side (QtNetwork, a lock file) is set up right after the first paint.
    from reader.urls import absolute_source

    absolute = [absolute_source(s) for s in sources]
    instance = None
    if not _can_forward_quickly():
        instance = claim_or_forward(absolute)
        if instance is None:
            return 0
    elif _forward_quickly(absolute):
        return 0

    from reader.ui.shell.main_window import FirstPaint, MainWindow

    window = MainWindow(build=False)  # a themed shell: paints before anything heavy loads
    bench = os.environ.get(BENCH_ENV, "")

    def after_first_paint() -> None:
        nonlocal instance
        if bench == "paint":
            print(f"paint {time.time():.6f}", flush=True)
            app.quit()
            return
        if instance is None:
            instance = claim_or_forward(absolute)
            if instance is None:  # another Reader started at the same moment: it has them
                app.quit()
                return
        connect_instance(instance, window)
        window.build()
        if bench == "built":
            FirstPaint(window, lambda: _print_and_quit("built", app))
            window.update()
            return
        if bench == "article":
            _quit_when_article_shown(window, app)
        window.start(absolute + window.pending_sources)

    FirstPaint(window, after_first_paint)
    window.show()
    try:
        return app.exec()
    finally:
        if instance is not None:
            instance.close()
        _let_workers_finish()


# Closing the window cancels its work: a cancelled open ends at its next image (a costly
# SVG's helper is killed at once), so this wait is short; it keeps a task from reporting
# to a window Python has already torn down.
QUIT_WAIT_MS = 3000


def _let_workers_finish() -> None:
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(QUIT_WAIT_MS)


def _can_forward_quickly() -> bool:
    return os.name == "posix"


def _forward_quickly(sources: list[str]) -> bool:
    """Hand ``sources`` to a running Reader over its Unix socket, checked to be this
    user's (reader.instance_socket), without loading QtNetwork."""
    from reader.instance_socket import forward, server_name
    from reader.ui.shell.single_instance import REPLY_TIMEOUT_MS

    return forward(server_name(), sources, REPLY_TIMEOUT_MS / 1000).outcome == "delivered"


def connect_instance(instance: SingleInstance, window: MainWindow) -> None:
    """`reader FILE` from another process: open FILE here (once the window is built) and
    bring the window to the front."""
    from reader.ui.shell.single_instance import raise_window

    def forwarded(requested: list[str]) -> None:
        if requested and window.is_built():
            window.open_sources(requested)
        elif requested:
            window.pending_sources.extend(requested)
        raise_window(window)

    instance.open_requested.connect(forwarded)


def _print_and_quit(stage: str, app: QApplication) -> None:
    print(f"{stage} {time.time():.6f}", flush=True)
    app.quit()


def _quit_when_article_shown(window: MainWindow, app: QApplication) -> None:
    from PySide6.QtCore import QTimer

    started = time.time()

    def check() -> None:
        if window.current.article is not None and not window.is_busy():
            rss, peak = _memory_kb()
            print(f"article {time.time():.6f} rss_kb {rss} peak_kb {peak}", flush=True)
            app.quit()
        elif time.time() - started > 30:
            print("article timeout", flush=True)
            app.quit()
        else:
            QTimer.singleShot(5, check)

    QTimer.singleShot(0, check)


def _memory_kb() -> tuple[int, int]:
    """The resident set now and at its highest (VmHWM), from /proc (0 where there is none)."""
    values = {"VmRSS:": 0, "VmHWM:": 0}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.split(":")[0] + ":" in values:
                    values[line.split()[0]] = int(line.split()[1])
    except OSError:
        pass
    return values["VmRSS:"], values["VmHWM:"]
