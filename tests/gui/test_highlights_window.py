"""Highlights in the real window: made from the keyboard and the mouse, noted, removed and
brought back, drawn in every theme and size, listed in the panel, exported; and the whole
path from the keyboard through a restart to the Markdown a notes app gets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from window_helpers import WAIT_MS, open_and_wait, stored, wait_idle

from reader.highlights.colors import COLORS
from reader.service.highlighting import highlight_quote
from reader.ui.highlights.colors import highlight_color
from reader.ui.reading import overlays
from reader.ui.shell.main_window import MainWindow

PAGE = Path(__file__).resolve().parent.parent / "pages" / "highlights"
FIRST = "For a hundred years the lamp on the skerry was kept by one family."
SECOND = (
    "Each keeper wrote the weather into a logbook before dawn, and the books still sit on "
    "a shelf in the tower."
)


def key(qtbot, window: MainWindow, name: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view, timeout=2000)
    QTest.keyClick(window.view, name, modifiers)


def selected(window: MainWindow) -> str:
    return window.view.textCursor().selectedText().replace("\u2029", "\n")


def select_sentence(qtbot, window: MainWindow, sentence: str) -> None:
    """v until the sentence is selected (the header's lines come first)."""
    for _ in range(8):
        key(qtbot, window, Qt.Key.Key_V)
        if selected(window) == sentence:
            return
    raise AssertionError(f"v never selected {sentence!r} (last: {selected(window)!r})")


def saved_count(qtbot, window: MainWindow, count: int) -> None:
    """Until ``count`` highlights are saved (drawn with their library ids)."""
    qtbot.waitUntil(
        lambda: len([d for d in window.highlighting.layer.drawn if d.id > 0]) == count,
        timeout=WAIT_MS,
    )


def painted(window: MainWindow) -> list[tuple[int, int, str]]:
    """What the highlights layer paints: spans and background colours."""
    return [
        (
            mark.cursor.selectionStart(),
            mark.cursor.selectionEnd(),
            mark.format.background().color().name(),
        )
        for mark in overlays.layer(window.view, "highlights")
    ]


def text_at(window: MainWindow, start: int, end: int) -> str:
    return window.view.document().toPlainText()[start:end]


@pytest.fixture
def opened(qtbot, window: MainWindow) -> MainWindow:
    open_and_wait(qtbot, window, PAGE / "source.html")
    return window


def test_keyboard_path_through_a_restart_to_markdown(qtbot, window, tmp_path) -> None:
    """v selects, h highlights, Shift+H notes, Ctrl+2 another colour; the app starts again
    with them drawn; Ctrl+Shift+C and the Export dialog give the expected Markdown."""
    open_and_wait(qtbot, window, PAGE / "source.html")
    select_sentence(qtbot, window, FIRST)
    key(qtbot, window, Qt.Key.Key_H)
    saved_count(qtbot, window, 1)
    key(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    note = window.dialogs.shown["highlight_note"]
    qtbot.waitUntil(note.isVisible, timeout=5000)
    QTest.keyClicks(note.editor, "Ask the council when the *logbooks* go online.")
    QTest.keyClick(note.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not note.isVisible(), timeout=5000)
    key(qtbot, window, Qt.Key.Key_V)  # goes on after the highlight
    assert selected(window) == SECOND
    key(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, window, Qt.Key.Key_H)
    saved_count(qtbot, window, 2)
    window.library.wait_idle()
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    again.resize(1100, 760)
    again.show()
    qtbot.waitExposed(again)
    again.start([])
    qtbot.waitUntil(lambda: len(again.highlighting.layer.drawn) == 2, timeout=WAIT_MS)
    spans = [(d.start, d.end, d.color) for d in again.highlighting.layer.drawn]
    assert [text_at(again, s, e) for s, e, _c in spans] == [FIRST, SECOND]
    assert [c for _s, _e, c in spans] == ["yellow", "green"]
    expected = (PAGE / "expected.md").read_text(encoding="utf-8")
    expected = expected.replace("{today}", date.today().isoformat())
    QGuiApplication.clipboard().clear()
    key(
        qtbot,
        again,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() != "", timeout=WAIT_MS)
    assert QGuiApplication.clipboard().text() == expected
    again.actions_by_id["highlight.export"].trigger()
    dialog = again.dialogs.shown["file"]
    target = tmp_path / "notes" / "keepers.md"
    target.parent.mkdir()
    dialog.selectFile(str(target))
    dialog.accept()
    qtbot.waitUntil(target.is_file, timeout=WAIT_MS)
    assert target.read_text(encoding="utf-8") == expected
    again.close()


def test_a_mouse_selection_is_highlighted_and_a_click_opens_its_note(qtbot, opened) -> None:
    window = opened
    view = window.view
    text = view.document().toPlainText()
    start = text.index("The last keeper")
    end = text.index("automatic.") + len("automatic.")
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    begin = view.cursorRect(cursor).center()
    cursor.setPosition(end)
    finish = view.cursorRect(cursor).center()
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, begin)
    QTest.mouseMove(viewport, finish)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, finish)
    assert selected(window).startswith("The last keeper")
    key(qtbot, window, Qt.Key.Key_H)
    saved_count(qtbot, window, 1)
    (drawn,) = window.highlighting.layer.drawn
    assert text_at(window, drawn.start, drawn.end).startswith("The last keeper, Ingrid")
    probe = QTextCursor(view.document())
    probe.setPosition(drawn.start + 5)
    inside = view.cursorRect(probe).center()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, inside)
    qtbot.waitUntil(lambda: "highlight_note" in window.dialogs.shown, timeout=5000)
    note = window.dialogs.shown["highlight_note"]
    qtbot.waitUntil(note.isVisible, timeout=5000)
    assert "The last keeper" in note.quote.text()
    note.reject()


def test_remove_with_delete_and_bring_back_with_ctrl_z(qtbot, opened) -> None:
    window = opened
    select_sentence(qtbot, window, FIRST)
    key(qtbot, window, Qt.Key.Key_H)
    saved_count(qtbot, window, 1)
    (drawn,) = window.highlighting.layer.drawn
    key(qtbot, window, Qt.Key.Key_Delete)
    assert window.highlighting.layer.drawn == [] and painted(window) == []
    qtbot.waitUntil(lambda: stored(window).highlights() == [], timeout=WAIT_MS)
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.highlighting.layer.drawn == [drawn]
    qtbot.waitUntil(lambda: len(stored(window).highlights()) == 1, timeout=WAIT_MS)


def test_highlights_stay_through_theme_size_and_width_changes(qtbot, opened) -> None:
    window = opened
    select_sentence(qtbot, window, FIRST)
    key(qtbot, window, Qt.Key.Key_H)
    saved_count(qtbot, window, 1)
    for theme in ("dark", "sepia", "light"):
        window.view_actions.set_theme(theme)
        wait_idle(qtbot, window)
        ((start, end, shade),) = painted(window)
        assert text_at(window, start, end) == FIRST
        assert shade == highlight_color(theme, "yellow").name()
    key(qtbot, window, Qt.Key.Key_Plus)
    window.resize(760, 700)
    wait_idle(qtbot, window)
    ((start, end, _shade),) = painted(window)
    assert text_at(window, start, end) == FIRST


def test_the_panel_lists_jumps_and_searches_the_library(qtbot, opened, tmp_path) -> None:
    window = opened
    article_id = window.current.article_id
    with stored(window) as library:
        highlight_quote(library, article_id, "the slow arrival of warmer water", note="climate")
        highlight_quote(library, article_id, "a sentence this page never had", note="lost")
    window.opening.open_article(article_id)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.highlighting.items) == 2, timeout=WAIT_MS)
    key(
        qtbot,
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    panel = window.highlighting.panel
    qtbot.waitUntil(panel.isVisible, timeout=5000)
    assert panel.list.count() == 2
    lines = [panel.list.item(row).text() for row in range(2)]
    assert "warmer water" in lines[0] and "✎ climate" in lines[0]
    assert "Not found in the article's current text" in lines[1]  # detached, listed last
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    QTest.keyClick(panel.list, Qt.Key.Key_Return)
    cursor = window.view.textCursor()
    drawn = window.highlighting.layer.find(panel.list.item(0).data(Qt.ItemDataRole.UserRole))
    assert drawn is not None and cursor.position() == drawn.start
    window.highlighting.show_all()
    qtbot.waitUntil(lambda: panel.mode == "all" and panel.list.count() == 2, timeout=WAIT_MS)
    QTest.keyClicks(panel.search, "climate")
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT_MS)
    assert "warmer water" in panel.list.item(0).text()
    assert "The keepers of the northern light" in panel.list.item(0).text()


def test_deleting_an_article_asks_about_its_highlights(qtbot, opened) -> None:
    window = opened
    article_id = window.current.article_id
    with stored(window) as library:
        highlight_quote(library, article_id, FIRST)
    window.library_actions.reload_library()
    window.navigation.go_library()
    panel = window.library_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=WAIT_MS)
    panel.select_article(article_id)
    qtbot.waitUntil(lambda: panel.selected_ids() == [article_id], timeout=WAIT_MS)
    panel.table.setFocus()
    QTest.keyClick(panel.table, Qt.Key.Key_Delete)
    question = panel.delete_question
    assert question is not None and question.isVisible()
    assert "1 highlight" in question.text()
    drop = next(b for b in question.buttons() if b.text() == "Delete Them Too")
    drop.click()
    qtbot.waitUntil(lambda: stored(window).count() == 0, timeout=WAIT_MS)
    assert stored(window).highlights() == []
    panel.undo()
    qtbot.waitUntil(lambda: len(stored(window).highlights()) == 1, timeout=WAIT_MS)
    QTest.keyClick(panel.table, Qt.Key.Key_Delete)
    keep = next(b for b in panel.delete_question.buttons() if b.text() == "Keep Highlights")
    keep.click()
    qtbot.waitUntil(lambda: stored(window).count() == 0, timeout=WAIT_MS)
    (kept,) = stored(window).highlights()
    assert kept.detached and kept.article_title == "The keepers of the northern light"


def test_every_colour_has_its_key(qtbot, opened) -> None:
    window = opened
    for number, color in enumerate(COLORS, start=1):
        key(qtbot, window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.highlighting.color == color
        assert window.actions_by_id[f"highlight.{color}"].isChecked()


def test_find_matches_and_highlights_share_the_text(qtbot, opened) -> None:
    """The find bar's marks go over the highlights, and neither wipes the other."""
    window = opened
    select_sentence(qtbot, window, FIRST)
    key(qtbot, window, Qt.Key.Key_H)
    saved_count(qtbot, window, 1)
    window.find_bar.open()
    QTest.keyClicks(window.find_bar.field, "keeper")
    qtbot.waitUntil(lambda: len(overlays.layer(window.view, "find")) > 0, timeout=WAIT_MS)
    assert len(painted(window)) == 1
    assert len(window.view.extraSelections()) == 1 + len(overlays.layer(window.view, "find"))
    window.find_bar.close_bar()
    qtbot.waitUntil(lambda: overlays.layer(window.view, "find") == [], timeout=WAIT_MS)
    assert len(painted(window)) == 1


def test_notes_are_edited_from_the_panel_too(qtbot, opened) -> None:
    window = opened
    article_id = window.current.article_id
    with stored(window) as library:
        highlight_quote(library, article_id, FIRST, note="first thought")
    window.opening.open_article(article_id)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.highlighting.items) == 1, timeout=WAIT_MS)
    window.highlighting.show_all()
    panel = window.highlighting.panel
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT_MS)
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    QTest.keyClick(panel.list, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    note = window.dialogs.shown["highlight_note"]
    qtbot.waitUntil(note.isVisible, timeout=5000)
    assert note.editor.toPlainText() == "first thought"
    note.editor.setPlainText("second thought")
    note.accept()
    qtbot.waitUntil(lambda: "✎ second thought" in panel.list.item(0).text(), timeout=WAIT_MS)
    assert stored(window).highlights()[0].note == "second thought"


def long_read(folder: Path) -> Path:
    """A page of ~130k characters: longer than what the view lays out at once when shown
    (reading_view.LAID_OUT_AT_ONCE_CHARS), so Qt lays most of it out in later steps."""
    words = [
        "harbour",
        "storm",
        "boat",
        "morning",
        "light",
        "council",
        "river",
        "winter",
        "people",
        "city",
        "market",
    ]
    sentences = [
        f"Line {n} " + " ".join(words[(n + i) % len(words)] for i in range(14)) + "."
        for n in range(1200)
    ]
    paragraphs = "".join(f"<p>{' '.join(sentences[n : n + 3])}</p>" for n in range(0, 1200, 3))
    page = folder / "long-read.html"
    page.write_text(
        "<html><head><title>A long read</title></head><body><article>"
        f"<h1>A long read</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    return page


def test_v_right_as_a_long_article_shows_selects_the_sentence_at_the_top(qtbot, window, tmp_path):
    """`v` pressed the moment a long article is on screen, before Qt has laid it all
    out, selects what it selects once the layout is done (it used to select nothing)."""
    at_show: list[str] = []

    def shown(_document: object) -> None:
        if not at_show:
            QTest.keyClick(window.view, Qt.Key.Key_V)  # in the very turn the story shows
            at_show.append(selected(window))

    window.current.opened.connect(shown)
    window.opening.open_source(str(long_read(tmp_path)))
    qtbot.waitUntil(lambda: bool(at_show), timeout=WAIT_MS)
    layout = window.view.document().lastBlock().layout()
    qtbot.waitUntil(lambda: layout.lineCount() > 0, timeout=WAIT_MS)  # all laid out now
    wait_idle(qtbot, window)
    window.actions_by_id["highlight.caret"].setChecked(False)
    window.view.setTextCursor(QTextCursor(window.view.document()))
    window.view.verticalScrollBar().setValue(0)
    key(qtbot, window, Qt.Key.Key_V)
    assert at_show[0] == selected(window) != ""
