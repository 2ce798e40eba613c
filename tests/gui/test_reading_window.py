"""The reading window, driven like a person would: open, read, switch theme, restart."""

import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextDocument
from PySide6.QtWidgets import QApplication
from window_helpers import WAIT_MS, open_and_wait

from reader.ui.presenter import tasks
from reader.ui.reading import themes
from reader.ui.shell.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]

PARAGRAPHS = [
    "The harbour was quiet before dawn, and the boats lay still on water like dark glass.",
    "Fishermen arrived one by one, carrying nets that smelled of salt and old rope.",
    "By six the market was loud with prices, gulls and the scrape of crates on stone.",
    "Nobody there had heard of the storm that was forming three hundred miles to the west.",
    "It would arrive two days later and change the shape of the harbour for a generation.",
]
STORIES = [
    ("How the old lighthouse was saved by volunteers", "A village raised the money in a year."),
    ("Ten winters on the northern ferry route", "A captain looks back on the hardest crossings."),
    ("The last boatyard that still builds in oak", "Three brothers keep an old craft alive."),
    ("Why the herring came back to the bay", "Scientists credit a quiet change in the rules."),
]


def article_page(title: str = "Morning at the harbour", extra: str = "") -> str:
    paragraphs = "\n".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    items = "\n".join(
        f'<li><a href="https://news.example.org/2024/05/{slug(t)}"><h3>{t}</h3></a><p>{s}</p></li>'
        for t, s in STORIES
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title><meta property="og:site_name" content="Coastal Times">
<meta name="author" content="Ada Lindqvist">
<meta property="article:published_time" content="2024-05-03"></head>
<body><article><h1>{title}</h1>{paragraphs}{extra}</article>
<aside class="recommended"><h2>Recommended Stories</h2><ul>{items}</ul></aside>
</body></html>"""


def slug(title: str) -> str:
    return "-".join(title.lower().split())


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.html"
    path.write_text(article_page(), encoding="utf-8")
    return path


def test_open_file_shows_title_paragraphs_and_stories(qtbot, window, page):
    open_and_wait(qtbot, window, page)
    assert window.windowTitle() == "Morning at the harbour"
    text = window.view.toPlainText()
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    assert "Coastal Times".upper() in text.upper()
    assert "Ada Lindqvist" in text
    titles = [item.story.title for item in window.sidebar.items()]
    assert titles == [title for title, _ in STORIES]
    assert window.sidebar.model.rowCount() == len(STORIES)
    assert not window.message_bar.isVisible()
    assert window.settings.recent[0] == str(page.resolve())


def test_theme_switch_and_zoom_change_the_document(qtbot, window, page):
    open_and_wait(qtbot, window, page)
    document = window.view.document()
    light_css = document.defaultStyleSheet()
    light_base = window.view.palette().color(window.view.palette().ColorRole.Base)
    window.actions_by_id["view.theme_dark"].trigger()
    assert document.defaultStyleSheet() != light_css
    assert themes.load_theme("dark").colors["text"] in document.defaultStyleSheet()
    dark_base = window.view.palette().color(window.view.palette().ColorRole.Base)
    assert dark_base != light_base and dark_base.lightness() < 80
    assert window.settings.theme == "dark"

    size = window.view.font_px
    width = window.view.column_width()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font_px > size
    assert f"font-size: {window.view.font_px}px" in document.defaultStyleSheet()
    assert window.view.column_width() > width  # the column grows with the text
    qtbot.keyClick(window.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font_px == themes.DEFAULT_FONT_PX
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font_px < themes.DEFAULT_FONT_PX
    assert PARAGRAPHS[0] in window.view.toPlainText()  # same article after every change


def test_bad_file_shows_message_and_keeps_previous_article(qtbot, window, page, tmp_path):
    open_and_wait(qtbot, window, page)
    bad = tmp_path / "broken.html"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    open_and_wait(qtbot, window, bad)
    assert window.message_bar.isVisible()
    message = window.message_bar.text()
    assert message.startswith("Could not open broken.html: ")
    assert "Traceback" not in message
    assert window.windowTitle() == "Morning at the harbour"
    assert PARAGRAPHS[2] in window.view.toPlainText()
    missing = tmp_path / "nowhere.html"
    open_and_wait(qtbot, window, missing)
    assert "nowhere.html" in window.message_bar.text()
    assert PARAGRAPHS[2] in window.view.toPlainText()


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_remote_images_never_touch_the_network(qtbot, window, tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    _CountingHandler.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        extra = (
            f'<figure><img src="{base}/photo.png" alt="The harbour at dawn">'
            "<figcaption>The harbour at dawn.</figcaption></figure>"
            f'<p>More text with an inline <img src="{base}/icon.png"> image.</p>'
            f'<link rel="stylesheet" href="{base}/style.css">'
        )
        path = tmp_path / "remote.html"
        path.write_text(article_page(extra=extra), encoding="utf-8")
        open_and_wait(qtbot, window, path)
        window.view.viewport().repaint()
        window.grab()
        qtbot.wait(100)
        assert _CountingHandler.requests == []
        assert PARAGRAPHS[0] in window.view.toPlainText()
        assert "image not saved" in window.view.toPlainText()
    finally:
        server.shutdown()
        server.server_close()


def test_last_article_comes_back_after_restart(qtbot, page):
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    open_and_wait(qtbot, first, page)
    first.close()

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    second.start([])
    qtbot.waitUntil(lambda: second.current.article is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not second.is_busy(), timeout=WAIT_MS)
    assert second.windowTitle() == "Morning at the harbour"
    assert PARAGRAPHS[4] in second.view.toPlainText()
    assert len(second.sidebar.items()) == len(STORIES)


def test_first_run_opens_the_bundled_sample(qtbot, window):
    window.start([])
    qtbot.waitUntil(lambda: window.current.article is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=WAIT_MS)
    assert window.windowTitle() == "Welcome to Reader"
    assert window.view._images, "the sample's figure comes from the library"
    assert window.view.blocked_requests == []
    assert len(window.sidebar.items()) >= 4
    assert not any(item.story.sponsored for item in window.sidebar.items())
    window.sidebar.ads_toggle.setChecked(True)
    assert any(item.story.sponsored for item in window.sidebar.items())
    assert window.settings.show_ads


def test_sidebar_keys_move_and_enter_opens(qtbot, window, page):
    opened: list[str] = []
    open_and_wait(qtbot, window, page)
    window.sidebar.open_url_requested.disconnect(window.opening.open_source)  # no fetch from here
    window.sidebar.open_url_requested.connect(opened.append)
    view = window.sidebar.list
    view.setFocus()
    assert view.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT_MS)
    assert opened == [f"https://news.example.org/2024/05/{slug(STORIES[1][0])}"]


def test_links_open_http_in_reader_and_ignore_other_schemes(qtbot, window, page):
    opened: list[str] = []
    browser: list[str] = []
    open_and_wait(qtbot, window, page)
    window.opening.open_source = lambda source, login=None: opened.append(source)
    window.open_actions.open_external = lambda url: browser.append(url.toString())
    for url in ("https://example.org/a", "file:///etc/passwd", "javascript:alert(1)", "mailto:x@y"):
        window.view.anchorClicked.emit(QUrl(url))
    assert opened == ["https://example.org/a"]  # issue 6: fetched inside Reader
    assert browser == []


def test_column_holds_a_comfortable_measure(qtbot, window, tmp_path):
    long_paragraph = "<p>" + " ".join(PARAGRAPHS * 4) + "</p>"
    path = tmp_path / "long.html"
    path.write_text(article_page(extra=long_paragraph), encoding="utf-8")
    open_and_wait(qtbot, window, path)
    for width in (1300, 1700, 2400):
        window.resize(width, 800)
        qtbot.wait(20)
        frame = window.view.document().rootFrame().frameFormat()
        assert abs(frame.leftMargin() - frame.rightMargin()) <= 1  # centred
        lengths = _line_lengths(window.view.document(), PARAGRAPHS[0][:40])
        average = sum(lengths) / len(lengths)
        assert 65 <= average <= 75, (width, lengths)


def _line_lengths(document: QTextDocument, start: str) -> list[int]:
    """Characters per full line of the longest block that starts with ``start``."""
    best: list[int] = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        if block.text().startswith(start) and layout.lineCount() > len(best):
            best = [layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1)]
        block = block.next()
    return best


def test_geometry_splitter_and_recent_files_are_remembered(qtbot, page):
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(760, 560)  # inside the offscreen screen (800x600)
    first.show()
    qtbot.waitExposed(first)
    first.splitter.setSizes([470, 290])
    sizes = first.splitter.sizes()
    open_and_wait(qtbot, first, page)
    first.close()

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.size().width(), second.size().height()) == (760, 560)
    assert second.splitter.sizes() == sizes
    second.recent.rebuild()
    labels = [action.text() for action in second.recent_menu.actions()]
    assert any("harbour.html" in label for label in labels)


def test_dropping_a_file_opens_it(qtbot, window, page):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page))])
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=WAIT_MS)
    assert window.windowTitle() == "Morning at the harbour"


def test_very_long_article_shows_preparing_state(qtbot, window):
    from reader.model import Article
    from reader.service.reading import Document
    from reader.ui.reading.prepare import Prepared

    body = "<p>" + " ".join(["word"] * 40) + "</p>"
    article = Article(source="long", title="A very long read", content_html="", text="",
                      word_count=150_000)  # fmt: skip
    html = f"<html><body><h1>A very long read</h1>{body * 50}</body></html>"
    window.opening.show_opened(Prepared(Document(article), html))
    assert "Preparing" in window.view.toPlainText()
    qtbot.waitUntil(lambda: "Preparing" not in window.view.toPlainText(), timeout=WAIT_MS)
    assert window.windowTitle() == "A very long read"


def test_a_story_that_is_a_saved_article_opens_it_from_the_sidebar(qtbot, window, tmp_path):
    """Page A recommends page B's address; once B is saved, Enter on that card opens B."""
    first_url = f"https://news.example.org/2024/05/{slug(STORIES[0][0])}"
    saved = tmp_path / "lighthouse.html"
    saved.write_text(
        article_page("The lighthouse volunteers").replace(
            "<head>", f'<head><link rel="canonical" href="{first_url}">'
        ),
        encoding="utf-8",
    )
    page = tmp_path / "harbour.html"
    page.write_text(article_page(), encoding="utf-8")
    open_and_wait(qtbot, window, saved)
    open_and_wait(qtbot, window, page)
    assert window.windowTitle() == "Morning at the harbour"

    window.sidebar.focus_list()
    window.sidebar.activate_current()
    qtbot.waitUntil(lambda: window.windowTitle() == "The lighthouse volunteers", timeout=WAIT_MS)


def test_tasks_report_on_the_gui_thread(qtbot):
    main = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    tasks.run_task(work, lambda value: seen.update(done=value, thread=threading.get_ident()),
                   lambda error: seen.update(error=error))  # fmt: skip
    qtbot.waitUntil(lambda: "done" in seen, timeout=WAIT_MS)
    assert seen["done"] == 42 and seen["thread"] == main and seen["worker"] != main

    def boom() -> None:
        raise ValueError("nope")

    tasks.run_task(boom, lambda value: None, lambda error: seen.update(error=error))
    qtbot.waitUntil(lambda: "error" in seen, timeout=WAIT_MS)
    assert isinstance(seen["error"], ValueError)


HEAVY_WATCH = """
import sys, threading
HEAVY = ('lxml', 'readability', 'httpx', 'keyring', 'reader.store', 'reader.extract',
         'reader.ui.shell.window_layout', 'reader.ui.shell.opening',
         'reader.ui.shell.library_actions', 'reader.ui.shell.navigation',
         'reader.ui.shell.view_actions', 'reader.ui.shell.recent')
on_gui_thread = []

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name in HEAVY and threading.current_thread() is threading.main_thread():
            on_gui_thread.append(name)
        return None

sys.meta_path.insert(0, Watch())
from reader.app import run_app
run_app(sys.argv[1:])
print('GUI-THREAD HEAVY', sorted(set(on_gui_thread)))
"""


@pytest.mark.parametrize("with_file", [False, True])
def test_heavy_modules_load_only_after_the_first_paint(tmp_path, with_file):
    """Until the first paint the GUI thread loads only the shell: no lxml, readability, store
    or window parts (the first article may already be loading, in a worker)."""
    env = {**os.environ, "READER_BENCH": "paint", "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = str(REPO)
    env["READER_DATA_DIR"] = str(tmp_path / "data")
    page = tmp_path / "page.html"
    page.write_text(article_page(), encoding="utf-8")
    args = [str(page)] if with_file else []
    result = subprocess.run(
        [sys.executable, "-c", HEAVY_WATCH, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "paint " in result.stdout, result.stderr
    assert "GUI-THREAD HEAVY []" in result.stdout, result.stdout


def test_app_palette_is_untouched_by_themes(qtbot, window):
    before = QApplication.palette().color(QApplication.palette().ColorRole.Window)
    window.view_actions.set_theme("dark")
    after = QApplication.palette().color(QApplication.palette().ColorRole.Window)
    assert before == after  # dialogs keep the desktop's look


def test_qt_calls_keep_none_and_true_alive(window):
    """PySide6 6.12.0 drops a reference to None/True on such calls and Python 3.11 then
    aborts ("deallocating None"); pyproject pins PySide6 below it. Guard that pin."""
    from PySide6.QtCore import QStringListModel

    model = QStringListModel(["a"])
    index = model.index(0)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(1000):
        index.data(Qt.ItemDataRole.DecorationRole)
        window.view.setReadOnly(True)
    assert sys.getrefcount(None) >= none_before - 10
    assert sys.getrefcount(True) >= true_before - 10


def test_restyling_a_long_article_happens_off_the_gui_thread(qtbot, window):
    from reader.ui.reading.reading_view import REPARSE_IN_WORKER_CHARS

    paragraph = "<p>" + " ".join(["words"] * 60) + "</p>"
    html = "<html><body>" + paragraph * (REPARSE_IN_WORKER_CHARS // len(paragraph) + 10)
    window.view.show_html(html + "<p>The end.</p></body></html>")
    document = window.view.document()
    window.view_actions.set_theme("sepia")
    assert window.view.document() is document  # nothing re-parsed on the GUI thread yet
    qtbot.waitUntil(lambda: window.view.document() is not document, timeout=WAIT_MS)
    assert themes.load_theme("sepia").colors["text"] in window.view.document().defaultStyleSheet()
    assert "The end." in window.view.toPlainText()
