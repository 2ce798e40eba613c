"""The reading window, driven like a person would: open, read, switch theme, restart."""

import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextDocument
from PySide6.QtWidgets import QApplication
from window_helpers import WAIT_MS, open_and_wait, stored, wait_tasks

from reader.ui.presenter import tasks
from reader.ui.reading import themes
from reader.ui.shell.main_window import MainWindow
from reader.ui.shell.window_layout import SIDEBAR_MIN_WIDTH

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


def _png(width: int, height: int) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#4477aa"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    """Serves a real picture for *.png; counts every request."""

    requests: ClassVar[list[str]] = []
    picture = b""

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        if self.path.endswith(".png"):
            body = type(self).picture
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_the_view_never_fetches_and_missing_pictures_arrive_later(qtbot, window, tmp_path):
    """The view asks nothing of the network (a stylesheet a page links is never fetched);
    the pictures a saved page left on the web are fetched in the background, kept in the
    library, and shown where the frames were."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    _CountingHandler.requests = []
    _CountingHandler.picture = _png(640, 400)
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
        window.pictures.enabled = lambda: False
        open_and_wait(qtbot, window, path)
        window.view.viewport().repaint()
        window.grab()
        qtbot.wait(100)
        assert _CountingHandler.requests == []
        text = window.view.toPlainText()
        assert PARAGRAPHS[0] in text
        # a quiet frame for each picture, and the alt text only where no caption says it
        assert text.count("\ufffc") == 2 and text.count("The harbour at dawn") == 1
        assert set(window.view._images) == set()

        window.pictures.enabled = lambda: True
        window.pictures.fetch_for(window.current.document)
        qtbot.waitUntil(lambda: len(window.view._images) == 2, timeout=WAIT_MS)
        assert sorted(_CountingHandler.requests) == ["/icon.png", "/photo.png"]
        library = stored(window)
        urls = {asset.url for asset in library.article_assets(window.current.article_id)}
        assert urls == {f"{base}/photo.png", f"{base}/icon.png"}
        window.pictures.fetch_for(window.current.document)  # once per article
        assert sorted(_CountingHandler.requests) == ["/icon.png", "/photo.png"]
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


def test_geometry_panel_widths_and_recent_files_are_remembered(qtbot, page):
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(760, 560)  # inside the offscreen screen (800x600)
    first.show()
    qtbot.waitExposed(first)
    handle = first.splitter.handle(first.splitter.indexOf(first.sidebar))
    middle = QPoint(handle.width() // 2, handle.height() // 2)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(handle, middle + QPoint(-40, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle + QPoint(-40, 0))
    width = first.sidebar.width()
    assert width > SIDEBAR_MIN_WIDTH  # dragged wider than the narrow window had it
    open_and_wait(qtbot, first, page)
    first.close()

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.size().width(), second.size().height()) == (760, 560)
    # the reader's width is kept; this narrow window lends the text what it needs
    assert second.placement.width_of(second.sidebar) == width
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


def test_a_task_not_yet_reported_is_named(qtbot):
    """A test that waits for the background work in vain says what it waited for."""
    release = threading.Event()

    def fetch_the_slow_page() -> None:
        release.wait(WAIT_MS / 1000)

    tasks.run_task(fetch_the_slow_page, lambda _: None, lambda _: None)
    assert any(name.endswith("fetch_the_slow_page") for name in tasks.pending_work())
    release.set()
    wait_tasks(qtbot)
    assert tasks.pending_work() == []


HEAVY_WATCH = """
import sys, threading
HEAVY = ('lxml', 'readability', 'httpx', 'keyring', 'reader.store', 'reader.extract',
         'reader.ui.shell.library_actions', 'reader.ui.shell.navigation',
         'reader.ui.shell.recent')
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
    """Until the first paint the GUI thread loads no lxml, readability, store or the parts
    built after the story (the first article may already be loading, in a worker); the
    reading part's modules come in from the moment the window is shown, between paints."""
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


def test_restyling_a_long_article_is_parsed_in_turns_while_reading_goes_on(qtbot, window):
    from reader.ui.reading.chunks import ONE_SHOT_CHARS

    paragraph = "<p>" + " ".join(["words"] * 60) + "</p>"
    html = "<html><body>" + paragraph * (ONE_SHOT_CHARS // len(paragraph) + 10)
    window.view.show_html(html + "<p>The end.</p></body></html>")
    document = window.view.document()
    window.view_actions.set_theme("sepia")
    assert window.view.document() is document  # nothing re-parsed in one long stall
    qtbot.waitUntil(lambda: window.view.document() is not document, timeout=WAIT_MS)
    assert themes.load_theme("sepia").colors["text"] in window.view.document().defaultStyleSheet()
    assert "The end." in window.view.toPlainText()


def test_an_error_is_said_once_and_esc_dismisses_it(qtbot, window, page, tmp_path):
    open_and_wait(qtbot, window, page)
    open_and_wait(qtbot, window, tmp_path / "nowhere.html")
    assert window.message_bar.isVisible()
    assert "nowhere.html" in window.message_bar.text()
    assert "nowhere.html" not in window.statusBar().currentMessage()  # not said twice
    assert window.status_text.text().endswith("min read")  # the length line is left alone
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.message_bar.isVisible()
    open_and_wait(qtbot, window, tmp_path / "nowhere.html")
    open_and_wait(qtbot, window, page)  # a later article: the old message is gone
    assert not window.message_bar.isVisible()


def test_no_text_cursor_warnings_while_articles_change_and_the_window_resizes(
    qtbot, qtlog, window, page
):
    """Image positions of the article before must never be used on the next one."""
    from reader.service.reading import sample_path

    for width in (900, 700, 1100):
        open_and_wait(qtbot, window, sample_path())
        window.resize(width, 700)
        open_and_wait(qtbot, window, page)
        window.resize(width + 50, 700)
        qtbot.wait(20)
    assert not [record for record in qtlog.records if "QTextCursor" in record.message]


def test_open_recent_is_ready_as_soon_as_a_file_opened(qtbot, window, page):
    """A file opened from the command line (or any other way) makes Open Recent usable
    at once, not only after a restart."""
    window.settings.clear_recent()
    window.recent.rebuild()
    assert not window.recent_menu.isEnabled()
    window.start([str(page)])
    # (the listeners hear of it in the turn after it shows: the window is busy till then)
    qtbot.waitUntil(
        lambda: window.current.article is not None and not window.is_busy(), timeout=WAIT_MS
    )
    assert window.recent_menu.isEnabled()
    assert any(page.name in action.text() for action in window.recent_menu.actions())


def test_o_without_a_browser_says_so_and_copies_the_address(qtbot, window, page):
    from PySide6.QtGui import QGuiApplication

    open_and_wait(qtbot, window, page)
    window.open_actions.open_external = lambda url: False  # no browser on this system
    window.open_actions.open_in_browser(QUrl("https://news.example.org/harbour"))
    message = window.statusBar().currentMessage()
    assert message == "No web browser could be started: the address is on the clipboard"
    assert QGuiApplication.clipboard().text() == "https://news.example.org/harbour"


def test_a_story_card_closes_with_esc_and_when_another_article_opens(qtbot, window, page):
    from reader.model import Story
    from reader.ui.sidebar.story_model import StoryItem

    open_and_wait(qtbot, window, page)
    sidebar = window.sidebar
    card = StoryItem(Story("Fishermen count a record catch", None, "Cod came back."))
    for closing in ("esc", "next article"):
        sidebar.set_stories([card])
        sidebar.focus_list()
        sidebar.activate_current()
        assert sidebar.showing_detail()
        if closing == "esc":
            qtbot.keyClick(sidebar.detail, Qt.Key.Key_Escape)
        else:
            open_and_wait(qtbot, window, page)
        assert not sidebar.showing_detail(), closing


def test_focus_mode_leaves_the_story_cards_as_they_were(qtbot, window):
    """Cards evenly spaced and the same one selected after focus mode (issue 12, 7)."""
    from reader.service.reading import sample_path

    open_and_wait(qtbot, window, sample_path())
    sidebar = window.sidebar
    sidebar.focus_list()
    sidebar.list.step(1)
    sidebar.list.step(1)
    row = sidebar.list.currentIndex().row()

    def tops() -> list[int]:
        rows = range(sidebar.model.rowCount())
        return [sidebar.list.visualRect(sidebar.model.index(i)).top() for i in rows]

    before = tops()
    window.view_actions.enter_focus_mode()
    qtbot.wait(20)
    window.view_actions.leave_focus_mode()
    qtbot.wait(20)
    assert tops() == before
    assert sidebar.list.currentIndex().row() == row


def test_closing_while_the_header_is_laid_out_again_leaves_no_traceback(qtbot, tmp_path):
    """Star, then close at once: the header's new marks (read from the library, laid out in
    a worker) arrive for a window that is gone, and are dropped quietly."""
    page = tmp_path / "page.html"
    page.write_text(article_page(), encoding="utf-8")
    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    open_and_wait(qtbot, window, page)
    for _ in range(3):  # three chances to catch the re-layout in flight
        window.library_actions.toggle_star()
        qtbot.wait(5)
    window.close()  # its library finishes its writes and closes
    window.deleteLater()
    qtbot.wait(50)
    wait_tasks(qtbot)
    qtbot.wait(50)  # pytest-qt fails the test on an exception in the event loop
