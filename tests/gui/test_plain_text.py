"""Text from a page, a server or a file name is shown as written, never as markup: a
title like ``<img src="file:///…">`` must neither draw an image nor read a file."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from window_helpers import WAIT_MS, open_and_wait

from reader.ui.dialogs.open_url_dialog import OpenUrlDialog
from reader.ui.library.library_model import TITLE
from reader.ui.plain_text import plain_tooltip
from reader.ui.sidebar.sidebar import StoryItem, StoryRole

MARKUP_TITLE = '<img src="file:///etc/hostname"><h1>Session expired</h1>'
MARKUP_SITE = "<u>Fake Bank</u>"
MARKUP_STORY = "<b>Log in again</b> <a href='x'>here</a> to read the harbour story"
STORY_URL = "https://news.example/world/2024/04/30/log-in-again-0998.html"


def hostile_page(folder: Path) -> Path:
    page = folder / "<i>page<i>.html"
    story = "".join(
        f"<p>Paragraph {n}: the harbour was quiet, the boats came in and people talked "
        "about the weather and the long winter ahead of them all.</p>"
        for n in range(12)
    )
    page.write_text(
        f"<html><head><title>{MARKUP_TITLE.replace('<', '&lt;')}</title>"
        '<link rel="canonical" href="https://news.example/story">'
        f'<meta property="og:site_name" content="{MARKUP_SITE.replace("<", "&lt;")}">'
        f"</head><body><article><h1>{MARKUP_TITLE.replace('<', '&lt;')}</h1>{story}</article>"
        '<aside class="related"><h2>Related stories</h2><ul>'
        f'<li><a href="{STORY_URL}">{MARKUP_STORY.replace("<", "&lt;")}</a></li>'
        + "".join(
            f'<li><a href="https://news.example/world/2024/04/2{n}/ferry-{n}.html">The ferry '
            f"timetable changes again in spring, part {n}</a></li>"
            for n in range(4)
        )
        + "</ul></aside></body></html>",
        encoding="utf-8",
    )
    return page


def as_shown(tooltip: str) -> str:
    """What Qt draws for a tooltip (it interprets markup-looking text as rich text)."""
    if not QtGui.mightBeRichText(tooltip):
        return tooltip
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def test_every_label_of_the_window_is_plain_text(qtbot, window, tmp_path):
    open_and_wait(qtbot, window, hostile_page(tmp_path))
    assert window.windowTitle() == MARKUP_TITLE
    window.opening.open_source(str(tmp_path / "<h1>gone<h1>.html"))  # an error naming the file
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=WAIT_MS)
    assert "<h1>gone<h1>" in window.message_bar.label.text()
    labels = window.findChildren(QLabel)
    assert len(labels) > 8
    rich = [label.objectName() or label.text() for label in labels if not _plain(label)]
    assert rich == []


def _plain(label: QLabel) -> bool:
    return label.textFormat() == Qt.TextFormat.PlainText


def test_library_tooltips_show_page_text_as_written(qtbot, window, tmp_path):
    open_and_wait(qtbot, window, hostile_page(tmp_path))
    if window.library_panel is None or not window.library_panel.isVisible():
        window.view_actions.toggle_library()
    panel = window.library_panel
    assert panel is not None
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT_MS)
    tooltip = panel.model.index(0, TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert as_shown(tooltip) == MARKUP_TITLE
    assert "<img" not in tooltip and "<h1>" not in tooltip


def test_story_card_tooltip_and_detail_show_text_as_written(qtbot, window, tmp_path):
    open_and_wait(qtbot, window, hostile_page(tmp_path))
    sidebar = window.sidebar
    qtbot.waitUntil(lambda: sidebar.model.rowCount() >= 1, timeout=WAIT_MS)
    row = [item.story.title for item in sidebar.items()].index(MARKUP_STORY)
    index = sidebar.model.index(row)
    assert as_shown(index.data(Qt.ItemDataRole.ToolTipRole)).startswith(STORY_URL + "\n")
    item: StoryItem = index.data(StoryRole)
    sidebar.detail.show_item(item)
    assert sidebar.detail.title.text() == MARKUP_STORY
    assert _plain(sidebar.detail.title) and _plain(sidebar.detail.meta)


def test_plain_tooltip_escapes_markup_and_keeps_lines():
    text = "first <b>line</b> & more\nsecond line"
    assert as_shown(plain_tooltip(text)) == text
    assert plain_tooltip("") == ""


def test_open_address_dialog_shows_the_typed_text_as_text(qtbot):
    dialog = OpenUrlDialog()
    qtbot.addWidget(dialog)
    dialog.field.setText("ftp://<img src='file:///etc/hostname'>")
    assert dialog.hint.text() and dialog.hint.textFormat() == Qt.TextFormat.PlainText
