"""The first article's open, started with the process: it loads and extracts in a worker
while the window paints and builds, and is handed to the window once it is built.

A web address is not started early: the window fetches it itself, with its progress bar,
its Esc and its login prompt.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from reader.urls import is_url

if TYPE_CHECKING:
    from concurrent.futures import Future

    from PySide6.QtWidgets import QWidget

    from reader.service.read_ahead import Kept, ReadAhead
    from reader.service.reading import Document, Writes
    from reader.service.shaping import Rendered
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.presenter.tasks import Task
    from reader.ui.reading.prepare import Prepared

Done = Callable[["Prepared | None"], None]
Failed = Callable[[BaseException], None]
log = logging.getLogger(__name__)
WAIT_STEP_S = 0.05  # how often a waiting worker looks whether the open was cancelled


class EarlyOpen(QObject):
    """Runs the first open now; ``hand_over(done, failed)`` delivers its outcome (at once if
    it is in, else when it comes). ``task`` is None when nothing was started early.

    A story the read-ahead child shaped (it shows no pictures) is ready once kept. Else
    images are decoded for the reading column, whose width is known once the modules that
    preparing needs are in: the worker waits for ``set_image_width`` after reading and
    keeping the article. ``cancel`` stops it (Esc, closing, quitting)."""

    # The worker waits for the reading column's width (sent from the worker thread).
    width_wanted = Signal()

    def __init__(
        self,
        sources: list[str],
        library: LibraryService,
        read: Future[ReadAhead | None] | None = None,
    ) -> None:
        """``read``: the first source's article (with none, what the window opens at
        start), read since the process began."""
        super().__init__(library)
        from reader.ui.presenter.tasks import run_task

        self.source = sources[0] if sources else None
        self.task: Task | None = None
        self.cancel = threading.Event()
        self._width: int | None = None
        self._width_known = threading.Event()
        self._outcome: tuple[Prepared | None, BaseException | None] | None = None
        self._receivers: tuple[Done, Failed] | None = None
        self._after_delivery: list[Callable[[], None]] | None = []
        self._when_width_wanted: list[Callable[[], None]] | None = []
        self._library = library
        self.width_wanted.connect(self._width_is_wanted)
        if self.source is not None and is_url(self.source):
            return
        job = self._job(self.source, library.writes, read)
        self.task = run_task(job, lambda prepared: self._arrived(prepared, None), self._failed)

    def set_image_width(self, width: int) -> None:
        """The device pixels the reading column's images are decoded at. The window's
        reading modules are in then, so the writer's connection opens now, while the article
        is read (opened earlier, its imports took turns with the window's build for the GIL
        and stalled it)."""
        self._width = width
        self._width_known.set()
        if self.task is not None:
            self._library.warm()

    def _job(
        self, source: str | None, writes: Writes, read: Future[ReadAhead | None] | None
    ) -> Callable[[], Prepared | None]:
        def work() -> Prepared | None:
            # All imported while the read-ahead child still works: once its article is in,
            # the story waits only for its header (the child is often the later of the two).
            from reader.service import reading
            from reader.ui.reading.prepare import marks_of, prepare, prepare_shaped
            from reader.ui.reading.render import article_marks

            document: Document | None
            marks: tuple[str, ...] = ()
            ahead = self._wait(read) if read is not None else None
            kept: Kept | None = ahead.kept if ahead is not None else None
            shaped: Rendered | None = ahead.shaped if ahead is not None else None
            if kept is not None:  # the child kept it
                document = kept.document
                marks = article_marks(kept.starred, kept.archived, kept.tags)
            elif ahead is not None and source is not None:  # read, not kept
                document = reading.open_article(ahead.article, source, writes)
            elif source is not None:
                document = reading.open_source(source, writes)
            else:  # what the window shows at start, which the child could not open
                document = reading.open_start(writes)
            if document is None:
                return None
            if kept is None:
                marks = marks_of(document, writes)
            if shaped is not None:
                return prepare_shaped(document, shaped, marks)
            self.width_wanted.emit()
            width = self._wait_for_width()
            _import_all(PREPARE_MODULES)  # in already when the app's warm-up gave the width
            return prepare(document, width, self.cancel.is_set, marks)

        return work

    def _wait(self, read: Future[ReadAhead | None]) -> ReadAhead | None:
        from concurrent.futures import TimeoutError as NotYet

        while True:
            self._stop_if_cancelled()
            try:
                return read.result(timeout=WAIT_STEP_S)
            except NotYet:
                continue

    def _wait_for_width(self) -> int:
        while not self._width_known.wait(WAIT_STEP_S):
            self._stop_if_cancelled()
        assert self._width is not None
        return self._width

    def _stop_if_cancelled(self) -> None:
        from reader.ui.reading.prepare import PrepareCancelled

        if self.cancel.is_set():
            raise PrepareCancelled("stopped")

    def _arrived(self, prepared: Prepared | None, error: BaseException | None) -> None:
        self._outcome = (prepared, error)
        if self._receivers is not None:
            self._deliver()

    def _failed(self, error: BaseException) -> None:
        self._arrived(None, error)

    def hand_over(self, done: Done, failed: Failed) -> None:
        self._receivers = (done, failed)
        if self._outcome is not None:
            self._deliver()

    def _deliver(self) -> None:
        assert self._outcome is not None and self._receivers is not None
        (prepared, error), (done, failed) = self._outcome, self._receivers
        if error is not None:
            failed(error)
        else:
            done(prepared)
        waiting, self._after_delivery = self._after_delivery or [], None
        for callback in waiting:
            callback()

    def after_story(self, callback: Callable[[], None], at_most_ms: int) -> None:
        """``callback``, in a turn of its own, once the outcome went to the window or once
        it waited ``at_most_ms`` for a slow read; next turn when nothing was started early.
        What the story does not need waits for it: the window's process and the read-ahead
        child share the CPU (on a busy machine one share of it), so work done while the
        child reads delays the story by as much."""
        self._once(callback, at_most_ms, when_width_wanted=False)

    def when_width_wanted(self, callback: Callable[[], None], at_most_ms: int) -> None:
        """As ``after_story``, or sooner: once the worker waits for the reading column's
        width (``set_image_width``: the story shows pictures, or it was not read ahead).
        A story the read-ahead child shaped needs no width: what gives it (the modules
        preparing needs, ~35 ms of imports) then waits until that story is on screen,
        where it took turns for the GIL with the thread that keeps the story."""
        self._once(callback, at_most_ms, when_width_wanted=True)

    def _once(
        self, callback: Callable[[], None], at_most_ms: int, *, when_width_wanted: bool
    ) -> None:
        pending = [callback]

        def go() -> None:
            if pending:
                next_turn(self, pending.pop())

        if self.task is None:
            go()
            return
        self.after_delivery(go)
        if when_width_wanted:
            if self._when_width_wanted is None:
                go()
            else:
                self._when_width_wanted.append(go)
        QTimer.singleShot(at_most_ms, self, go)

    def _width_is_wanted(self) -> None:
        waiting, self._when_width_wanted = self._when_width_wanted or [], None
        for callback in waiting:
            callback()

    def after_delivery(self, callback: Callable[[], None]) -> None:
        """``callback`` once the outcome went to the window (the story shown, or its error);
        at once when it went already."""
        if self._after_delivery is None:
            callback()
        else:
            self._after_delivery.append(callback)


class FrameHold(QObject):
    """Keeps the window's last frame (the themed shell of the first paint) on screen while
    its parts are built and the first story comes: in between, an empty reading column,
    greyed menus and a sidebar saying the page recommended nothing looked half-built.
    ``release()`` (the story or its error is in) or ``release_after(ms)`` (a slow read:
    the progress bar then shows) lets the window paint again."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._held = True
        window.setUpdatesEnabled(False)

    def release_after(self, msecs: int) -> None:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(self.release)
        timer.start(msecs)

    def release(self) -> None:
        """The window paints again, in a turn of its own: the story went in this turn (its
        layout, the sidebar's cards), and painting the whole window right after it, in the
        same turn, stalled the event loop ~45 ms."""
        if self._held:
            self._held = False
            next_turn(self, lambda: self._window.setUpdatesEnabled(True))


# What preparing an article imports (lxml, the shaping rules, the renderer): the first one
# is read in a child process (reader.service.read_ahead), so this process has none of them
# yet. The GUI thread imports them after the window's build, one per turn; the first
# story does not wait for them when the child shaped it (it shows no pictures), else the
# early open's worker goes on once they are in (imported by the worker, they stalled the
# GUI thread).
PREPARE_MODULES = (
    "lxml.html",
    "reader.extract.leftovers",
    "reader.ui.reading.render",
    "reader.ui.reading.reading_view",
    "reader.ui.reading.svg_raster",
    "reader.ui.reading.chunks",
    "reader.service.highlighting",  # keeping an article finds its highlights again
)


# What the window's build imports, ahead of the build: its steps on the GUI thread then only
# make widgets. The reading part first (right after the first paint); the rest while the
# first article is being shown. Each list names a heavy module's own heavy imports before
# it, so that every import is one short turn of the event loop (WarmImports: an import
# holds the GIL, mostly in PySide's C++ class set-up, so in a worker thread it stalled the
# GUI thread anyway, by up to ~100 ms at a time, measured).
READING_MODULES = (
    # Each Qt class a module imports makes its Python enums then (the reading view's
    # QtGui classes: 18 enums, ~5 ms); this one's (QPainter, QImage) come in a turn of
    # their own, before the reading view's.
    "reader.ui.reading.frames",
    "reader.ui.reading.reading_view",
    "reader.ui.sidebar.sidebar",  # its parts' modules come after its first paint
    "reader.ui.shell.window_layout",
    "reader.ui.presenter.document",
    "reader.ui.shell.dialog_host",
    "reader.ui.actions.keymap",
    "reader.ui.actions.registry",
    "reader.ui.shell.opening",
    "reader.ui.shell.view_actions",
    "reader.ui.reading.style_prefs",
    "reader.ui.sidebar.story_model",
)
LIBRARY_MODULE = "reader.ui.library.library_view"  # before the story only if kept open
REST_MODULES = (
    "reader.ui.library.library_model",
    LIBRARY_MODULE,
    "reader.ui.shell.open_actions",
    "reader.ui.shell.library_actions",
    "reader.ui.shell.moving",
    "reader.ui.shell.queue_fetch",
    "reader.ui.shell.queue_view",
    "reader.ui.shell.navigation",
    "reader.ui.shell.recent",
    "reader.ui.presenter.library_watch",
    "reader.ui.shell.pictures",
    "reader.service.images",
    "reader.ui.shell.removed_blocks",
    "reader.ui.shell.reextracting",
    "reader.store.articles",
    "reader.store.highlights",
    "reader.store.library",
    "reader.store",
    "reader.ui.listening.controller",
    "reader.ui.listening.player_bar",
    "reader.ui.listening.speech",
    "reader.listen.voices",
    "reader.ui.highlights.controller",
    "reader.ui.highlights.exports",
    "reader.ui.highlights.panel",
    "reader.ui.highlights.selecting",
)
WINDOW_MODULES = READING_MODULES + PREPARE_MODULES + REST_MODULES


def modules_before_story(library_shown: bool) -> tuple[str, ...]:
    """READING_MODULES, with the library list's when it is kept open (it is made then with
    the window's parts, reader.ui.shell.window_layout)."""
    if library_shown:
        return (*READING_MODULES, "reader.ui.library.library_model", LIBRARY_MODULE)
    return READING_MODULES


class WarmImports(QObject):
    """Imports ``modules`` on the GUI thread, one per turn of the event loop (each a few
    to ~25 ms), so the window paints and answers in between; ``when_done(callback)`` runs
    ``callback`` once they are all in."""

    def __init__(self, parent: QObject, modules: tuple[str, ...] = WINDOW_MODULES) -> None:
        super().__init__(parent)
        self._left = [name for name in modules if name not in sys.modules]
        self._waiting: list[Callable[[], None]] = []
        self._done = False
        next_turn(self, self._next)

    def _next(self) -> None:
        while self._left and self._left[0] in sys.modules:
            self._left.pop(0)
        if self._left:
            name = self._left.pop(0)
            try:
                importlib.import_module(name)
            except ImportError:  # the build imports it again and says what is missing
                log.exception("warming up %s", name)
            next_turn(self, self._next)
            return
        self._done = True
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback()

    def when_done(self, callback: Callable[[], None]) -> None:
        if self._done:
            callback()
        else:
            self._waiting.append(callback)


# Between two steps of start-up work, the event loop handles what is due: a zero-delay
# timer would not do (Qt runs queued zero-delay calls back to back, before due timers and
# input: measured, two 20 ms steps made one 56 ms stall). Until the first story is on
# screen, a turn whose steps took less than SHORT_TURN_S runs the next step too: the
# timer's millisecond on each of the ~15 turns before the story was ~18 ms of idle time
# (measured), and a turn stays under SHORT_TURN_S plus its longest step. Before the story
# the window shows its held shell and greyed menus, so turns that long still answer in
# time (20 ms instead of 3: the story ~4 ms sooner; the longest stall from the first paint
# to a second after the story, median 26-31 ms and worst 29-35 ms, measured under Xvfb).
NEXT_TURN_MS = 1
SHORT_TURN_S = 0.020


class _Turns:
    """Start-up's steps from every source (the build, the imports), one per turn of the
    event loop, in the order asked: two chains of timers of their own ran a step of each
    back to back whenever both were due (an import and a build step: one 35 ms stall).
    Until the first story is on screen, steps that take less than SHORT_TURN_S share a turn
    (see there)."""

    def __init__(self) -> None:
        self._steps: deque[tuple[QObject, Callable[[], None]]] = deque()
        self._scheduled = False
        self.story_waits = True  # until the first story is on screen

    def add(self, owner: QObject, step: Callable[[], None]) -> None:
        self._steps.append((owner, step))
        self._schedule()

    def _schedule(self) -> None:
        if self._steps and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(NEXT_TURN_MS, self._run_one)

    def _run_one(self) -> None:
        started = time.perf_counter()
        try:
            while self._steps:
                owner, step = self._steps.popleft()
                if shiboken6.isValid(owner):  # its window may be gone (closed, quitting)
                    step()
                if not self.story_waits or time.perf_counter() - started >= SHORT_TURN_S:
                    break
        finally:
            self._scheduled = False
            self._schedule()


_TURNS = _Turns()


def story_is_shown() -> None:
    """From now on every start-up step has a turn of its own (see SHORT_TURN_S)."""
    _TURNS.story_waits = False


def next_turn(owner: QObject, step: Callable[[], None]) -> None:
    """Run ``step`` in a later turn of the event loop, after what is due meanwhile and
    after the start-up steps asked for before it; not once ``owner`` is deleted."""
    _TURNS.add(owner, step)


def _import_all(modules: tuple[str, ...] = WINDOW_MODULES) -> None:
    for name in modules:
        importlib.import_module(name)
