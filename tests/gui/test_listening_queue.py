"""The listening queue from every list that offers stories: the library (test_window_actions),
the sidebar's "This article" and "For you" (a story not saved yet is fetched from a real
HTTP server on 127.0.0.1 first); and the end of an article with Mark Read When Finished
off: the article stays unread, the queue still goes on."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest
from test_listening import PAGES, listen_to_the_end
from window_helpers import WAIT_MS, open_and_wait, press, stored

from reader.model import Article, Story
from reader.store import Library
from reader.ui.shell.main_window import MainWindow


class Pages(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        name = self.path.strip("/").replace("-", " ").capitalize()
        body = (
            f"<!DOCTYPE html><html lang='en'><head><title>{name}</title></head><body>"
            f"<article><h1>{name}</h1>"
            + "<p>The boats came back before the storm, and the harbour was full.</p>" * 8
            + "</article></body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def saved_with_stories(server: str) -> tuple[int, int]:
    """An article recommending two stories on the server (not saved) and a saved one."""
    with Library() as library:
        kept = library.save(_article("Tides", f"{server}/tides", ()))
        stories = (
            Story("Storm warning", f"{server}/storm-warning", "Boats stay in."),
            Story("New ferry", f"{server}/new-ferry", "Faster crossings."),
            Story("Tides", f"{server}/tides", "Saved already."),
        )
        first = library.save(_article("Harbour", f"{server}/harbour", stories))
    return first, kept


def _article(title: str, url: str, stories: tuple[Story, ...]) -> Article:
    text = f"{title}: the harbour was quiet that morning."
    return Article(
        source=url, title=title, content_html=f"<p>{text}</p>", text=text, url=url,
        recommended=stories,
    )  # fmt: skip


def queue_from_sidebar(qtbot, window: MainWindow, title: str) -> None:
    sidebar = window.sidebar
    qtbot.waitUntil(lambda: title in [i.story.title for i in sidebar.items()], timeout=WAIT_MS)
    row = [item.story.title for item in sidebar.items()].index(title)
    sidebar.list.setCurrentIndex(sidebar.model.index(row, 0))
    sidebar.list.setFocus()
    press(qtbot, window, "listen.queue_next", sidebar.list)


def queued_titles(window: MainWindow) -> list[str]:
    return [row.title for row in stored(window).listen_queue()]


def test_listen_next_from_this_article_and_for_you(qtbot, window: MainWindow, server) -> None:
    first, kept = saved_with_stories(server)
    window.opening.open_article(first)
    qtbot.waitUntil(lambda: window.current.article_id == first, timeout=WAIT_MS)
    queue_from_sidebar(qtbot, window, "Storm warning")  # not saved: fetched, then queued
    qtbot.waitUntil(lambda: queued_titles(window) == ["Storm warning"], timeout=WAIT_MS * 2)
    queue_from_sidebar(qtbot, window, "Tides")  # saved: queued at once, next up
    qtbot.waitUntil(lambda: queued_titles(window)[0] == "Tides", timeout=WAIT_MS)
    window.sidebar.show_for_you()
    queue_from_sidebar(qtbot, window, "New ferry")
    qtbot.waitUntil(
        lambda: queued_titles(window) == ["New ferry", "Tides", "Storm warning"],
        timeout=WAIT_MS * 2,
    )
    assert stored(window).listen_queue()[1].id == kept


@pytest.mark.usefixtures("speech_dispatcher")
def test_mark_read_off_leaves_it_unread_and_the_queue_goes_on(qtbot, window: MainWindow) -> None:
    open_and_wait(qtbot, window, PAGES / "news-jsonld" / "source.html")
    queued = window.current.article_id
    open_and_wait(qtbot, window, PAGES / "blog-code-comments" / "source.html")
    first = window.current.article_id
    assert queued is not None and first is not None
    window.view.setFocus()
    press(qtbot, window, "listen.mark_read")  # Listen > Mark Read When Finished: off
    assert not window.listening.mark_read_at_end
    window.library.write(lambda library: library.queue_to_listen(queued))
    recorder = listen_to_the_end(qtbot, window)
    qtbot.waitUntil(lambda: len(recorder.finished) == 2, timeout=WAIT_MS * 4)
    assert window.current.article_id == queued
    assert not stored(window).article(first).read
    assert not stored(window).article(queued).read
    assert stored(window).listen_queue() == []
