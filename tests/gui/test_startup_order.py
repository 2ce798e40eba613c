"""Start-up shows the story first and builds the rest after it (reader.app): the parts built
late catch up with the article already on screen, and every menu and key works the first
time it is used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QTimer
from window_helpers import WAIT_MS, press, stored, wait_idle

from reader.service.highlighting import highlight_quote
from reader.service.reading import Direct, open_source
from reader.store import Library
from reader.ui.presenter import tasks
from reader.ui.shell.main_window import MainWindow

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
    qtbot.waitUntil(lambda: tasks.pending() == 0, timeout=WAIT_MS)


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
        assert window.menuBar().isEnabled()
        # Highlights, recent files and the library list were built after the story showed,
        # and still know it.
        qtbot.waitUntil(lambda: len(window.highlighting.layer.drawn) == 1, timeout=WAIT_MS)
        assert window.settings.recent[0] == str(PAGE)
        panel = window.library_panel
        assert panel is not None
        qtbot.waitUntil(lambda: panel.selected_ids() == [document.article_id], timeout=WAIT_MS)
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
