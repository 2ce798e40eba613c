"""Start-up shows the story first and builds the rest after it (reader.app): the parts built
late catch up with the article already on screen, and every menu and key works the first
time it is used."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QTimer
from window_helpers import WAIT_MS, press, stored, wait_idle, wait_tasks

from reader.service.highlighting import highlight_quote
from reader.service.reading import Direct, open_source
from reader.store import Library
from reader.ui.shell.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
PAGE = Path(__file__).resolve().parent.parent / "pages" / "highlights" / "source.html"
FIRST = "For a hundred years the lamp on the skerry was kept by one family."
OTHER = """<html><head><title>Tides of the fjord</title></head><body><article>
<h1>Tides of the fjord</h1>{body}</article></body></html>"""


def story_first(qtbot, sources: list[str]) -> tuple[MainWindow, dict[str, object]]:
    """The window as reader.app builds it, with the rest held until the story is on screen
    (the order a quick read-ahead gives). Returns the window and what was true when the
    story first showed."""
    window = MainWindow(build=False)
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    qtbot.waitExposed(window)
    at_story: dict[str, object] = {}

    def story_shown(_document: object) -> None:
        if not at_story:
            at_story["built"] = window.is_built()
            at_story["menus"] = window.menuBar().isEnabled()
            at_story["title"] = window.windowTitle()
            at_story["library"] = window.library_panel is not None
            at_story["icon"] = not window.windowIcon().isNull()

    def ready() -> None:
        window.current.opened.connect(story_shown)
        window.start(sources)

    def rest_when(go: Callable[[], None]) -> None:
        if at_story:
            go()
        else:
            QTimer.singleShot(10, lambda: rest_when(go))

    window.build_in_steps(ready, rest_when)
    qtbot.waitUntil(window.is_built, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    return window, at_story


def finish(qtbot, window: MainWindow) -> None:
    if shiboken6.isValid(window):
        window.opening.cancel_loading(quiet=True)
    wait_tasks(qtbot)


def test_the_story_shows_before_the_rest_and_the_rest_catches_up(qtbot, tmp_path):
    with Library() as library:  # a highlight kept from an earlier reading
        document = open_source(str(PAGE), Direct(library))
        assert document.article_id is not None
        highlight_quote(library, document.article_id, FIRST)
    window, at_story = story_first(qtbot, [str(PAGE)])
    try:
        assert at_story["built"] is False  # the story came first
        assert at_story["menus"] is False  # no menu offered before its handler is in
        assert at_story["title"] == document.article.title
        assert at_story["library"] is False  # a hidden library list is made after the story
        assert at_story["icon"] is False  # the window's icon too
        assert window.menuBar().isEnabled()
        assert not window.windowIcon().isNull()  # the taskbar and the switcher show it
        # Highlights, recent files and the library list were built after the story showed,
        # and still know it.
        qtbot.waitUntil(lambda: len(window.highlighting.layer.drawn) == 1, timeout=WAIT_MS)
        assert window.settings.recent[0] == str(PAGE)
        panel = window.library_panel
        assert panel is not None
        qtbot.waitUntil(lambda: panel.selected_ids() == [document.article_id], timeout=WAIT_MS)
        # The library list made late opens with its key the first time, at its width.
        assert not panel.isVisible()
        press(qtbot, window, "view.library")
        qtbot.waitUntil(panel.isVisible, timeout=WAIT_MS)
        assert window.actions_by_id["view.library"].isChecked()
        assert window.settings.show_library
        # Keys of the groups built late work the first time: star (library actions), and
        # back (navigation remembers the first story).
        press(qtbot, window, "article.star")
        qtbot.waitUntil(lambda: stored(window).row(document.article_id).starred, timeout=WAIT_MS)
        other = tmp_path / "tides.html"
        paragraph = "<p>The tide turned twice a day in the narrow fjord, and the boats waited.</p>"
        other.write_text(OTHER.format(body=paragraph * 30), encoding="utf-8")
        window.opening.open_source(str(other))
        wait_idle(qtbot, window)
        assert window.windowTitle() == "Tides of the fjord"
        press(qtbot, window, "nav.back")
        wait_idle(qtbot, window)
        assert window.windowTitle() == document.article.title
    finally:
        finish(qtbot, window)


def test_a_library_kept_open_is_there_with_the_story(qtbot):
    from reader.ui.shell.settings import Settings

    Settings().show_library = True
    window, at_story = story_first(qtbot, [str(PAGE)])
    try:
        assert at_story["library"] is True
        assert window.library_panel is not None and window.library_panel.isVisible()
    finally:
        finish(qtbot, window)


def test_a_window_closed_before_its_rest_is_built_stops_building(qtbot):
    window = MainWindow(build=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    held: list[Callable[[], None]] = []
    window.build_in_steps(lambda: window.start([str(PAGE)]), held.append)
    qtbot.waitUntil(lambda: bool(held), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.current.document is not None, timeout=WAIT_MS)
    window.close()
    held[0]()  # the rest's modules came in after the close
    qtbot.wait(100)
    assert not window.is_built()
    assert not window.is_busy()
    finish(qtbot, window)


BUILD_IMPORTS = r"""
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from reader.ui.shell.main_window import MainWindow
from reader.ui.shell.startup import WINDOW_MODULES, _import_all
from reader.ui.sidebar.sidebar_parts import PART_MODULES
_import_all(WINDOW_MODULES + PART_MODULES)  # the sidebar warms its parts' after its paint
before = set(sys.modules)
window = MainWindow()
window.show()
app.processEvents()
# reader.resources holds the shipped files (reader.bundled), no code to import.
new = set(sys.modules) - before - {"reader.resources"}
print("NEW", sorted(m for m in new if m.startswith("reader")))
window.close()
"""


def test_the_build_imports_nothing_the_warm_up_left_out(tmp_path):
    """Every build step only makes widgets: an import on the GUI thread would stall it
    (reader.ui.shell.startup lists what a worker imports first)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
        "READER_DATA_DIR": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-c", BUILD_IMPORTS],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "NEW []" in result.stdout, result.stdout + result.stderr


def test_the_warm_up_imports_one_module_per_turn_and_due_timers_run_between(
    qtbot, tmp_path, monkeypatch
):
    """An import holds the GUI thread: the window's modules come in one per turn of the
    event loop, with a timer that fell due meanwhile (a repaint, a key) served in between,
    not after all of them."""
    import importlib
    import itertools
    from types import SimpleNamespace

    from PySide6.QtCore import Qt

    from reader.ui.shell import startup

    names = [f"i11_slow_module_{n}" for n in range(4)]
    busy_s = startup.SHORT_TURN_S + 0.005  # longer than steps that may share a turn
    for name in names:  # each import keeps the thread busy that long
        (tmp_path / f"{name}.py").write_text(
            "import time\nstart = time.perf_counter()\n"
            f"while time.perf_counter() - start < {busy_s}:\n    pass\n",
            encoding="utf-8",
        )
    monkeypatch.syspath_prepend(str(tmp_path))
    events: list[str] = []
    beat = QTimer()
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.setInterval(5)
    beat.timeout.connect(lambda: events.append("beat"))

    def import_module(name: str) -> object:
        events.append(name)
        return importlib.import_module(name)

    monkeypatch.setattr(startup, "importlib", SimpleNamespace(import_module=import_module))
    done: list[bool] = []
    beat.start()
    try:
        warm = startup.WarmImports(beat, tuple(names))
        warm.when_done(lambda: done.append(True))
        qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    finally:
        beat.stop()
        for name in names:
            sys.modules.pop(name, None)
    imports = [event for event in events if event != "beat"]
    assert imports == names
    between = [events.index(b) - events.index(a) for a, b in itertools.pairwise(names)]
    assert all(gap > 1 for gap in between), events  # a beat after every import
    warm.when_done(lambda: done.append(True))  # called at once once all are in
    assert done == [True, True]


SHOW_IMPORTS = r"""
import sys
from reader.ui.shell.startup import PREPARE_MODULES, READING_MODULES, _import_all
_import_all(READING_MODULES + PREPARE_MODULES)
from reader.ui.sidebar.story_model import host
host("https://traffic.outbrain.com/story")
print("HEAVY", sorted(m for m in ("reader.extract.metadata", "reader.extract.recommended")
                      if m in sys.modules))
"""


def test_what_the_first_story_needs_loads_no_extraction_stage(tmp_path):
    """The window renders the story and lists its stories without the metadata stage or
    the recommended-story finder (~30 ms each of regexes on the GUI thread): the article
    was extracted in the read-ahead child."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SHOW_IMPORTS], env=env, capture_output=True, text=True, timeout=120
    )
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


def test_the_shell_stays_on_screen_until_the_first_story_is_delivered(qtbot):
    """The parts built before the story (an empty column, greyed menus, a sidebar saying
    the page recommended nothing) are never painted: the window paints again once the
    early open handed its outcome over, or after a while of waiting."""
    from reader.ui.shell.startup import EarlyOpen, FrameHold

    window = MainWindow(build=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    early = EarlyOpen([str(PAGE)], window.library)
    hold = FrameHold(window)
    assert not window.updatesEnabled()
    delivered: list[object] = []
    early.after_delivery(hold.release)
    early.set_image_width(800)
    early.hand_over(lambda prepared: delivered.append(window.updatesEnabled()), delivered.append)
    qtbot.waitUntil(window.updatesEnabled, timeout=WAIT_MS)
    assert delivered == [False]  # the story went in while held; the window paints it now
    slow = FrameHold(window)
    slow.release_after(20)
    assert not window.updatesEnabled()
    qtbot.waitUntil(window.updatesEnabled, timeout=WAIT_MS)
    wait_tasks(qtbot)


def test_a_story_the_child_shaped_is_ready_without_the_columns_width(qtbot):
    """A story with no pictures comes shaped from the read-ahead child: the early open has
    it ready once kept, without the modules preparing needs or the reading column's width,
    and it is the page the window would have prepared itself."""
    from concurrent.futures import Future

    from reader.service.read_ahead import ReadAhead
    from reader.service.reading import read_article
    from reader.service.shaping import shape_without_pictures
    from reader.ui.reading.prepare import Prepared, prepare
    from reader.ui.shell.startup import EarlyOpen

    window = MainWindow(build=False)
    qtbot.addWidget(window)
    article = read_article(str(PAGE))
    shaped = shape_without_pictures(article.content_html, article.title)
    assert shaped is not None
    read: Future[ReadAhead] = Future()
    read.set_result(ReadAhead(article, shaped))
    early = EarlyOpen([str(PAGE)], window.library, read)
    got: list[Prepared | BaseException | None] = []
    early.hand_over(got.append, got.append)  # and never a width
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    (prepared,) = got
    assert isinstance(prepared, Prepared) and prepared.document.article_id is not None
    assert FIRST in prepared.html
    assert prepared.html == prepare(prepared.document, marks=prepared.marks).html
    wait_tasks(qtbot)


def test_a_story_the_child_kept_shows_as_the_library_keeps_it(qtbot):
    """The read-ahead child kept the first file in the library: the window shows that
    article, its header with the reader's marks the child found, and keeps nothing again."""
    from concurrent.futures import Future

    from reader.service.read_ahead import Kept, ReadAhead
    from reader.service.reading import open_article, read_article
    from reader.service.shaping import shape_without_pictures
    from reader.ui.reading.prepare import Prepared
    from reader.ui.shell.startup import EarlyOpen

    window = MainWindow(build=False)
    qtbot.addWidget(window)
    article = read_article(str(PAGE))
    shaped = shape_without_pictures(article.content_html, article.title)
    library = Library()
    try:
        document = open_article(article, str(PAGE), Direct(library))
    finally:
        library.close()
    read: Future[ReadAhead] = Future()
    read.set_result(ReadAhead(article, shaped, Kept(document, True, False, ("skerry",))))
    writes: list[object] = []
    window.library.writes = writes.append  # type: ignore[method-assign]
    early = EarlyOpen([str(PAGE)], window.library, read)
    got: list[Prepared | BaseException | None] = []
    early.hand_over(got.append, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    (prepared,) = got
    assert isinstance(prepared, Prepared) and prepared.document == document
    assert prepared.marks == ("★ Starred", "#skerry")
    assert "#skerry" in prepared.html and FIRST in prepared.html
    assert writes == []
    wait_tasks(qtbot)


def test_what_the_story_does_not_need_waits_for_it_or_for_a_while(qtbot):
    """The rest of the window (and the single-instance listener) starts once the first
    story went to the window, in a turn of its own; a slow read holds it back only for a
    while; a web address (nothing read early) holds nothing back."""
    from reader.ui.shell.startup import EarlyOpen

    window = MainWindow(build=False)
    qtbot.addWidget(window)
    early = EarlyOpen([str(PAGE)], window.library)
    events: list[str] = []
    early.after_story(lambda: events.append("rest"), 60_000)
    early.set_image_width(800)
    wait_tasks(qtbot)  # read and prepared
    qtbot.wait(20)
    assert events == []  # but not yet handed to the window
    early.hand_over(lambda prepared: events.append("story"), events.append)
    assert events == ["story"]  # the rest comes in a later turn
    qtbot.waitUntil(lambda: events == ["story", "rest"], timeout=WAIT_MS)
    early.after_story(lambda: events.append("late"), 60_000)  # asked after: at once
    qtbot.waitUntil(lambda: events[-1] == "late", timeout=WAIT_MS)

    slow = EarlyOpen([str(PAGE)], window.library)  # never handed over
    waited: list[str] = []
    slow.after_story(lambda: waited.append("rest"), 30)
    qtbot.waitUntil(lambda: waited == ["rest"], timeout=WAIT_MS)
    slow.set_image_width(800)
    slow.hand_over(lambda prepared: waited.append("story"), waited.append)
    qtbot.waitUntil(lambda: "story" in waited, timeout=WAIT_MS)
    qtbot.wait(50)
    assert waited == ["rest", "story"]  # not a second time

    web = EarlyOpen(["https://example.org/story"], window.library)
    assert web.task is None
    started: list[str] = []
    web.after_story(lambda: started.append("rest"), 60_000)
    assert started == []
    qtbot.waitUntil(lambda: started == ["rest"], timeout=WAIT_MS)
    wait_tasks(qtbot)


def test_before_the_story_short_steps_share_a_turn(qtbot):
    """Start-up's ~15 turns before the first story each waited a millisecond for a timer:
    until the story is on screen, steps share a turn while it is short (then what fell due
    meanwhile runs: here a call queued by the first step); after it, each has its own."""
    import time

    from reader.ui.shell import startup

    def order(story_waits: bool) -> list[str]:
        turns = startup._Turns()
        turns.story_waits = story_waits
        ran: list[str] = []

        def first() -> None:
            ran.append("first")
            QTimer.singleShot(0, lambda: ran.append("due"))

        def long_step() -> None:
            time.sleep(startup.SHORT_TURN_S * 2)
            ran.append("long")

        owner = QTimer()
        for step in (first, lambda: ran.append("second"), long_step, lambda: ran.append("last")):
            turns.add(owner, step)
        qtbot.waitUntil(lambda: len(ran) == 5, timeout=WAIT_MS)
        return ran

    assert order(story_waits=True) == ["first", "second", "long", "due", "last"]
    assert order(story_waits=False) == ["first", "due", "second", "long", "last"]
