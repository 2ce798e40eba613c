"""The window's way of fetching the queue: the queue runner in a child process, heard
page by page (reader.service.fetch_child), against a real server on 127.0.0.1 and
a real library file: every page heard with the queue's counts, the summary at the end,
a stop that keeps what was fetched and leaves the rest queued, and one runner at a time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from queue_server import QueueServer, pocket_csv, serving

from reader.errors import ReaderError
from reader.service.fetch_child import fetch_in_child
from reader.service.fetching import FetchBusy, FetchEvent, queue_lock
from reader.service.importing import import_sources
from reader.store import Library


@pytest.fixture
def server() -> Iterator[QueueServer]:
    with serving() as state:
        yield state


def queued_library(path: Path, urls: list[str], tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(pocket_csv(urls), encoding="utf-8")
    with Library(path) as library:
        assert import_sources([str(export)], library, workers=1).queued == len(urls)


def test_the_child_fetches_the_queue_and_says_each_page(
    server: QueueServer, tmp_path: Path, data_dir: Path
) -> None:
    path = tmp_path / "elsewhere" / "my-library.sqlite3"  # not the default library
    urls = [server.url("/a/1"), server.url("/a/2"), server.url("/gone/3")]
    queued_library(path, urls, tmp_path)
    heard: list[FetchEvent] = []

    summary = fetch_in_child(path, heard.append, threading.Event())

    assert (summary.fetched, summary.failed, summary.cancelled) == (2, 1, False)
    assert summary.failures == [(urls[2], "HTTP 404 Not Found")]
    assert sorted((event.url, event.state) for event in heard) == [
        (urls[0], "fetched"),
        (urls[1], "fetched"),
        (urls[2], "failed"),
    ]
    last = heard[-1].counts
    assert (last.fetched, last.failed, last.waiting) == (2, 1, 0)
    assert next(event for event in heard if event.url == urls[0]).title == "Article 1"
    with Library(path) as library:
        texts = [library.article(row.id).article.text for row in library.articles()]
    assert sum("speaks of" in text for text in texts) == 2
    assert not (data_dir / "library.sqlite3").exists()  # the default library was not used


def test_a_stop_keeps_what_was_fetched_and_the_rest_waits(
    server: QueueServer, tmp_path: Path, data_dir: Path
) -> None:
    server.slow_seconds = 0.3
    urls = [server.url(f"/slow/{n}") for n in range(30)]
    path = data_dir / "library.sqlite3"
    queued_library(path, urls, tmp_path)
    cancel = threading.Event()

    def heard(event: FetchEvent) -> None:
        cancel.set()  # stop after the first page

    summary = fetch_in_child(None, heard, cancel)

    assert summary.cancelled and 1 <= summary.fetched < 30
    with Library(path) as library:
        counts = library.fetch_counts()
    assert counts.fetching == 0  # nothing left taken: the next run fetches the rest
    assert counts.fetched == summary.fetched and counts.queued == 30 - summary.fetched


def test_another_runner_holds_the_queue(server: QueueServer, tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    queued_library(path, [server.url("/a/1")], tmp_path)
    with queue_lock(path), pytest.raises(FetchBusy, match="another Reader is fetching"):
        fetch_in_child(path, lambda _event: None, threading.Event())
    assert server.requests == []


def test_a_library_that_cannot_be_opened_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"this is no database, and it is long enough to say so" * 100)
    with pytest.raises(ReaderError, match=r"^the fetch stopped: ") as raised:
        fetch_in_child(path, lambda _event: None, threading.Event())
    assert "Traceback" not in str(raised.value) and "\n" not in str(raised.value)


def test_a_login_kept_for_this_session_only_reaches_the_child(
    server: QueueServer, tmp_path: Path
) -> None:
    from queue_server import LOGIN

    from reader import logins

    path = tmp_path / "library.sqlite3"
    queued_library(path, [server.url("/login/1")], tmp_path)
    site = logins.SiteLogin(host=f"127.0.0.1:{server.port}", username=LOGIN[0], allow_http=True)
    logins.keep_for_session(logins.Credentials(site, LOGIN[1]))  # as with no keyring
    try:
        summary = fetch_in_child(path, lambda _event: None, threading.Event())
    finally:
        logins.forget_session()
    assert (summary.fetched, summary.login) == (1, 0)
    with Library(path) as library:
        assert "Entry 1 part" in library.article(library.articles()[0].id).article.text
