"""Start the window: QApplication, paint the window first, then do everything else.

Only PySide6 and Reader's light UI modules load before the first paint; the worker jobs
import the loaders, the extractor and the store (lxml, readability, httpx, sqlite) after.

Start-up runs three things side by side: the first article's open (a worker: load, extract,
keep, render), the window's shell (shown at once), and the window's modules and build in
steps that each give the event loop back (the shell paints between two of them); the
article is shown as soon as both are done. What
the story does not need (the rest of the window, listening for a later `reader FILE`)
comes after it.

Benchmark hooks: READER_BENCH=paint prints the wall-clock time of the first paint and quits;
READER_BENCH=article prints it when the first article is on screen, with the RSS, and
quits; READER_BENCH=startup prints the longest event-loop stall from the first paint until
a second after the first article is on screen, then quits (tests/benchmarks/startup.py).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.urls import is_url

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import Future

    from PySide6.QtWidgets import QApplication

    from reader.service.read_ahead import ReadAhead
    from reader.service.reading import Document
    from reader.ui.shell.main_window import MainWindow
    from reader.ui.shell.single_instance import SingleInstance

BENCH_ENV = "READER_BENCH"


def run_app(sources: list[str]) -> int:
    # Start-up makes many objects and frees few (modules, classes, Qt's enums, widgets):
    # the collector walked them ~60 times before the first story (~15 ms of the GUI
    # thread, measured). It runs again once the story is on screen (or a while went by):
    # see _collect_from_now_on.
    gc.disable()
    try:
        return _run(sources)
    finally:
        gc.enable()


def _run(sources: list[str]) -> int:
    from reader.urls import absolute_source

    absolute = [absolute_source(s) for s in sources]
    if (reason := _no_display()) is not None:
        # No window here, but a running Reader may take the files (`reader FILE` in a shell
        # over SSH into the desktop). Else one line, before anything is read or kept: Qt
        # would abort with a core dump and a page of plugin advice, after the read-ahead
        # child kept the file.
        if _can_forward_quickly() and _forward_quickly(absolute):
            return 0
        raise ReaderError(reason)
    # The first file is read from now on, while Qt loads and the window paints: before
    # the check for a running Reader too (~25 ms of imports and a socket call the child
    # would otherwise wait for), whose hand-over ends this process and so the child.
    read = _read_first(absolute)
    if _can_forward_quickly() and _forward_quickly(absolute):
        return 0  # a running Reader opens them

    from PySide6.QtWidgets import QApplication

    from reader.ui.shell.pyside_imports import quicken_import_check

    quicken_import_check()  # before the window's modules come in

    from reader import __version__
    from reader.paths import APP_NAME

    # The Qt namespace's first use builds all its enums (93, ~27 ms of this thread): that
    # is the reading style's module, read below for the early open (not the window's
    # later turns). Qt 6 already passes fractional HiDPI scale factors through.
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("reader")

    # One Reader per library: a second `reader FILE` hands FILE over and leaves before it
    # builds anything. Where Unix sockets exist that check was a plain socket call, above;
    # the listening side (QtNetwork, a lock file, ~8 ms of imports) is set up once the
    # first story is in.
    instance = None
    if not _can_forward_quickly():
        from reader.ui.shell.single_instance import claim_or_forward

        instance = claim_or_forward(absolute)
        if instance is None:
            return 0

    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.shell.main_window import FirstPaint, MainWindow
    from reader.ui.shell.quit_signals import QuitOnSignals
    from reader.ui.shell.settings import Settings
    from reader.ui.shell.startup import (
        PREPARE_MODULES,
        REST_MODULES,
        EarlyOpen,
        FrameHold,
        WarmImports,
        modules_before_story,
        story_is_shown,
    )

    # The first article starts loading now, in a worker, while the window paints and
    # builds (its style is the one the window will show it with).
    settings = Settings()
    library = LibraryService()
    style = settings.style.view_style()
    early = EarlyOpen(absolute, library, read)
    window = MainWindow(settings, build=False, library=library)  # paints before the rest
    QuitOnSignals(window, app.closeAllWindows)  # `kill`, logout, Ctrl+C: closed as by hand
    bench = os.environ.get(BENCH_ENV, "")

    watch: list[Callable[[Document], None]] = []  # a benchmark's, from the first paint on

    def after_first_paint() -> None:
        if bench == "paint":
            print(f"paint {time.time():.6f}", flush=True)
            app.quit()
            return
        if (watcher := _bench_watch(bench, window, app)) is not None:
            watch.append(watcher)

    def listen() -> bool:
        """Become the Reader other `reader FILE` calls hand their files to (False: another
        Reader started at the same moment and has them, this one quits)."""
        nonlocal instance
        if instance is None:
            from reader.ui.shell.single_instance import claim_or_forward

            instance = claim_or_forward(absolute)
            if instance is None:
                app.quit()
                return False
        connect_instance(instance, window)
        return True

    def warmed() -> None:
        # The reading part builds, one step per turn; then (the story can be shown) come
        # the imports that preparing an article needs, once the first story is on screen,
        # or sooner when it waits for them (the read-ahead child could not shape it). The
        # rest's modules follow the story.
        def rest_when(build_rest: Callable[[], None]) -> None:
            def prepare_then_rest() -> None:
                prepare = WarmImports(window, PREPARE_MODULES)
                prepare.when_done(prepared_modules_in)
                prepare.when_done(lambda: early.after_story(rest, HOLD_AT_MOST_MS))

            def rest() -> None:
                _collect_from_now_on()
                # The listening side's module first, a turn of its own: in the turn that
                # listens, it made that turn the longest of start-up (~8 ms more, measured).
                WarmImports(window, (LISTENING_MODULE,)).when_done(listen_then_rest)

            def listen_then_rest() -> None:
                if listen():
                    WarmImports(window, REST_MODULES).when_done(build_rest)

            early.when_width_wanted(prepare_then_rest, HOLD_AT_MOST_MS)

        hold = FrameHold(window)  # the shell stays on screen until the story is in it
        window.build_in_steps(lambda: ready(hold), rest_when)

    def prepared_modules_in() -> None:
        from reader.ui.reading.reading_view import image_width

        early.set_image_width(image_width(style, window.devicePixelRatioF()))

    def ready(hold: FrameHold) -> None:
        """The story can be shown: it goes on screen before the rest is built."""
        for watcher in watch:
            window.current.opened.connect(watcher)
        if early.task is None:  # a web address: the window shows its progress now
            hold.release()
            story_is_shown()
        else:
            early.after_delivery(hold.release)
            early.after_delivery(story_is_shown)
            hold.release_after(HOLD_AT_MOST_MS)
        window.start(absolute + window.pending_sources, early)
        window.pending_sources.clear()

    FirstPaint(window, after_first_paint)
    window.show()
    # The window's modules come in from now on, one per turn of the event loop: the shell
    # paints between two of them, once the X server has shown it. (Started after that
    # paint, they left the GUI thread idle while it waited: the story came ~4 ms later and
    # the paint ~8 ms sooner, measured side by side.)
    WarmImports(window, modules_before_story(settings.show_library)).when_done(warmed)
    try:
        return app.exec()
    finally:
        early.cancel.set()  # quitting before the window took the first article
        if instance is not None:
            instance.close()
        _let_workers_finish()


# The single-instance listener's module (reader.ui.shell.single_instance), loaded once the
# first story is on screen.
LISTENING_MODULE = "reader.ui.shell.single_instance"

# How long the window's shell may stay on screen, once the window can show an article,
# before its progress bar shows instead (a first file that is slow to read).
HOLD_AT_MOST_MS = 1000

# Closing the window cancels its work: a cancelled open ends at its next image (a costly
# SVG's helper is killed at once), so this wait is short; it keeps a task from reporting
# to a window Python has already torn down.
QUIT_WAIT_MS = 3000


def _collect_from_now_on() -> None:
    """Garbage collection again, for what is made from now on. What start-up made (~45,000
    objects, nearly all of them kept for the session) is set aside first (gc.freeze): the
    first collection after it would have walked them all in one turn of the event loop
    (25-30 ms, measured on a loaded machine), and later full ones would walk them again.
    The few cycles start-up left behind (~80 KB) stay with them."""
    gc.freeze()
    gc.enable()


def _let_workers_finish() -> None:
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(QUIT_WAIT_MS)


def _read_first(sources: list[str]) -> Future[ReadAhead | None] | None:
    """The first file's article (with none, the last article read or the sample), read
    (loaded and extracted, its story shaped when it shows no pictures) and kept in the
    library from the very start in a child process (reader.service.read_ahead: on another
    core, while Qt loads and the window paints and builds); the window shows it. A web
    address is left to the window (its progress, Esc and login prompt)."""
    if sources and is_url(sources[0]):
        return None
    from reader.service.read_ahead import read_ahead

    return read_ahead(sources[0] if sources else None, keep=True)


def _bench_watch(
    bench: str, window: MainWindow, app: QApplication
) -> Callable[[Document], None] | None:
    """READER_BENCH=startup: the longest stall until a second after the article shows;
    READER_BENCH=article: the time (and the RSS) when the first article is on screen."""
    if bench == "startup":
        from reader.ui.shell.stall_watch import StallWatch

        return StallWatch(window, app.quit).article_shown
    if bench == "article":

        def shown(_document: Document) -> None:
            rss, peak = _memory_kb()
            print(f"article {time.time():.6f} rss_kb {rss} peak_kb {peak}", flush=True)
            app.quit()

        return shown
    return None


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


def _no_display() -> str | None:
    """Why no window can open here (a shell over SSH, a cron job), or None: a display is
    named, or Qt is told which platform to use, or the system has no such variables."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    if os.environ.get("XDG_SESSION_TYPE") == "wayland":  # Wayland's default socket
        return None
    return (
        "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set);"
        " `reader extract FILE` prints an article without one"
    )


def _can_forward_quickly() -> bool:
    return os.name == "posix"


def _forward_quickly(sources: list[str]) -> bool:
    """Hand ``sources`` to a running Reader over its Unix socket, checked to be this
    user's (reader.instance_socket), without loading QtNetwork."""
    # (Qt-free: the first file's read-ahead is forked after this, before Qt loads; importing
    # QtCore here made the fork ~90 ms later.)
    from reader.instance_socket import REPLY_TIMEOUT_MS, forward, server_name

    return forward(server_name(), sources, REPLY_TIMEOUT_MS / 1000).outcome == "delivered"


def connect_instance(instance: SingleInstance, window: MainWindow) -> None:
    """`reader FILE` from another process: open FILE here (once it can show articles) and
    bring the window to the front."""
    from reader.ui.shell.single_instance import raise_window

    def forwarded(requested: list[str]) -> None:
        if requested and window.can_open():
            window.open_sources(requested)
        elif requested:
            window.pending_sources.extend(requested)
        raise_window(window)

    instance.open_requested.connect(forwarded)
