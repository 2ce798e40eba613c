"""The library in the window: the panel, search, import, reading position, read at the end,
preferences reaching the reading view, and `reader FILE` forwarded to a running Reader."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from window_helpers import WAIT_MS, open_and_wait, stored, wait_idle

from reader.ui.shell.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
WORDS = ("quiet", "harbour", "boats", "nets", "salt", "rope", "gulls", "market", "crates")


def page(title: str, word: str, paragraphs: int = 60) -> str:
    body = "\n".join(
        f"<p>Paragraph {index}: {' '.join(WORDS)} {word}. " + "The sea was calm. " * 12 + "</p>"
        for index in range(paragraphs)
    )
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


@pytest.fixture
def pages(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "saved"
    folder.mkdir()
    result = []
    for title, word in (("Herring season", "herring"), ("Oak boats", "oakwood"), ("Fog", "fog")):
        path = folder / f"{word}.html"
        path.write_text(page(title, word), encoding="utf-8")
        result.append(path)
    return result


def test_panel_lists_saved_articles_and_search_filters_them(qtbot, window, pages):
    for path in pages:
        open_and_wait(qtbot, window, path)
    window.navigation.go_library()
    panel = window.library_panel
    assert panel.isVisible()
    titles = {panel.model.row_at(row).title for row in range(panel.model.rowCount())}
    assert titles == {"Herring season", "Oak boats", "Fog"}
    window.navigation.search_library()
    QTest.keyClicks(panel.search_field, "oakwood")
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.results, timeout=WAIT_MS)
    assert panel.search_model.rowCount() == 1
    assert panel.search_model.hit_at(0).title == "Oak boats"
    panel.results.setFocus()
    QTest.keyClick(panel.results, "\r")
    qtbot.waitUntil(lambda: window.windowTitle() == "Oak boats", timeout=WAIT_MS)


def test_import_folder_shows_progress_and_fills_the_library(qtbot, window, pages):
    window.library_actions.import_folder(str(pages[0].parent))
    dialog = window.dialogs.shown["import"]
    assert dialog.isVisible()
    wait_idle(qtbot, window)
    assert not dialog.isVisible()
    assert window.library_actions.last_import.added == 3
    assert stored(window).count("all") == 3
    assert window.library_panel.model.rowCount() == 3
    assert "imported 3" in window.statusBar().currentMessage().lower()


def test_import_can_be_cancelled(qtbot, window, pages):
    window.library_actions.import_folder(str(pages[0].parent))
    window.dialogs.shown["import"].cancel()
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=WAIT_MS)
    assert (
        window.library_actions.last_import.added + window.library_actions.last_import.unchanged <= 3
    )


def first_visible_block(window: MainWindow) -> int:
    from reader.ui.reading.reading_view import parse_anchor

    parsed = parse_anchor(window.view.anchor())
    assert parsed is not None
    return parsed[0]


def scroll_to_block(window: MainWindow, number: int) -> None:
    document = window.view.document()
    block = document.findBlockByNumber(number)
    top = document.documentLayout().blockBoundingRect(block).top()
    window.view.verticalScrollBar().setValue(round(top))


def test_position_survives_font_size_and_width_changes(qtbot, window, pages):
    open_and_wait(qtbot, window, pages[0])
    scroll_to_block(window, 30)
    block = first_visible_block(window)
    assert block == 30
    window.view_actions.zoom_in()
    window.view_actions.zoom_in()
    assert first_visible_block(window) == block
    window.resize(700, 700)
    qtbot.wait(20)
    assert first_visible_block(window) == block
    window.view_actions.zoom_reset()
    window.resize(1300, 700)
    qtbot.wait(20)
    assert first_visible_block(window) == block


def test_position_is_restored_on_reopen_after_a_font_change(qtbot, window, pages):
    open_and_wait(qtbot, window, pages[0])
    first_id = window.current.article_id
    scroll_to_block(window, 40)
    open_and_wait(qtbot, window, pages[1])  # leaving saves the position
    assert stored(window).article(first_id).position.startswith("40:")
    window.view_actions.zoom_in()
    window.view_actions.zoom_in()
    window.opening.open_article(first_id)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=WAIT_MS)
    assert first_visible_block(window) == 40


def test_reaching_the_end_marks_the_article_read(qtbot, window, pages):
    open_and_wait(qtbot, window, pages[0])
    article_id = window.current.article_id
    assert not stored(window).article(article_id).read
    assert "min left" in window.reading_progress.text()
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert stored(window).article(article_id).read
    assert window.reading_progress.text() == "Finished"


def test_preferences_reach_the_reading_view_live_and_cancel_goes_back(qtbot, window, pages):
    open_and_wait(qtbot, window, pages[0])
    window.view_actions.show_preferences()
    dialog = window.dialogs.shown["preferences"]
    width = window.view.column_width()
    dialog.line_width.setValue(50)
    assert window.view.column_width() < width
    dialog.justify.setChecked(True)
    assert "text-align: justify" in window.view.document().defaultStyleSheet()
    dialog.line_spacing.setValue(2.0)
    assert "line-height: 207%" in window.view.document().defaultStyleSheet()
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert window.view.theme == "dark"
    dialog.reject()
    assert window.view.theme == "light"
    assert window.view.column_width() == width
    assert "justify" not in window.view.document().defaultStyleSheet()
    window.view_actions.show_preferences()
    window.dialogs.shown["preferences"].theme.setCurrentIndex(
        window.dialogs.shown["preferences"].theme.findData("sepia")
    )
    window.dialogs.shown["preferences"].accept()
    assert window.settings.theme == "sepia"


def test_reader_file_is_forwarded_to_the_running_window(qtbot, window, pages, data_dir):
    from reader.app import connect_instance
    from reader.ui.shell.single_instance import SingleInstance

    instance = SingleInstance()  # the name is derived from READER_DATA_DIR, as in run_app
    assert instance.listen()
    connect_instance(instance, window)
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    second = subprocess.Popen(
        [sys.executable, "-m", "reader", pages[2].name],
        cwd=pages[2].parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=WAIT_MS)
        assert second.returncode == 0, second.stderr.read() if second.stderr else ""
        qtbot.waitUntil(lambda: window.windowTitle() == "Fog", timeout=WAIT_MS)
    finally:
        if second.poll() is None:
            second.kill()
        instance.close()
