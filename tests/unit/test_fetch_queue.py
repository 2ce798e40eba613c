"""The fetch queue: an export's addresses are in the library at once, their pages come
in the background from a real server on 127.0.0.1, politely (at most 2 requests per
host, a delay between two), tried again after failures that may pass, each with a clear
status, and nothing is fetched twice across a stop and a resume."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from queue_server import QueueServer, pocket_csv, serving

from reader.service.fetching import FetchBusy, FetchEvent, FetchPolicy, QueueRunner
from reader.service.importing import import_sources
from reader.store import Library

FAST = FetchPolicy(delay=0.0, retry_delays=(0.05, 0.05), timeout=1.0)


@pytest.fixture
def server() -> Iterator[QueueServer]:
    with serving() as state:
        yield state


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "library.sqlite3") as opened:
        yield opened


def imported(library: Library, tmp_path: Path, urls: list[str], **csv: str) -> None:
    export = tmp_path / "part_000000.csv"
    export.write_text(pocket_csv(urls, **csv), encoding="utf-8")
    summary = import_sources([str(export)], library, workers=1)
    assert summary.queued == len(set(urls)) and summary.failed == 0


def run(library: Library, policy: FetchPolicy = FAST, **kwargs: object) -> list[FetchEvent]:
    events: list[FetchEvent] = []
    QueueRunner(library, policy, progress=events.append, **kwargs).run()  # type: ignore[arg-type]
    return events


def test_addresses_are_listed_at_once_and_their_text_arrives(
    library: Library, server: QueueServer, tmp_path: Path
) -> None:
    urls = [server.url(f"/a/{n}") for n in range(6)]
    imported(library, tmp_path, urls, tags="travel|rail", status="archive")
    rows = library.articles(sort="title")
    assert [row.title for row in rows] == [f"Saved {n}" for n in range(6)]
    assert all(row.archived and row.read and row.tags == ("travel", "rail") for row in rows)
    assert library.fetch_counts().queued == 6 and server.requests == []

    events = run(library)
    assert sorted(event.state for event in events) == ["fetched"] * 6
    assert library.fetch_counts().fetched == 6
    for number, url in enumerate(urls):
        article_id = library.find_by_url(url)
        assert article_id is not None
        stored = library.article(article_id)
        assert stored.article.title == f"Article {number}"
        assert f"Entry {number} part 0" in stored.article.text
        # the person's state and the export's saved date survive the text's arrival
        assert stored.archived and stored.read and stored.tags == ("travel", "rail")
        assert stored.saved_at.timestamp() == 1_600_000_000 + number
    assert sorted(server.asked.values()) == [1] * 6


def test_failures_that_pass_are_tried_again_and_others_say_why(
    library: Library, server: QueueServer, tmp_path: Path
) -> None:
    urls = [
        server.url("/flaky/1"),  # 503 twice, then the page
        server.url("/hang/2"),  # never in time
        server.url("/login/3"),
        server.url("/gone/4"),
    ]
    server.hang_seconds = 2.5
    imported(library, tmp_path, urls)
    run(library)
    by_url = {item.url: item for item in library.fetch_listed(("fetched", "failed", "login"))}
    assert by_url[urls[0]].state == "fetched" and server.asked["/flaky/1"] == 3
    hang = by_url[urls[1]]
    assert hang.state == "failed" and server.asked["/hang/2"] == 3
    assert "did not answer within 1 s (tried 3 times)" in hang.reason
    assert by_url[urls[2]].state == "login"
    assert by_url[urls[2]].reason == "127.0.0.1 asks for a login (401)"
    assert (by_url[urls[3]].state, by_url[urls[3]].reason) == ("failed", "HTTP 404 Not Found")
    # the placeholders stay listed with their titles; --retry queues them again
    assert library.fetch_requeue() == 3
    assert library.fetch_counts().queued == 3


def test_at_most_two_requests_per_host_and_a_polite_delay(
    library: Library, server: QueueServer, tmp_path: Path
) -> None:
    server.slow_seconds = 0.4
    urls = [server.url(f"/slow/{n}") for n in range(6)]
    urls += [server.url(f"/slow/{n}", host="localhost") for n in range(6, 12)]
    imported(library, tmp_path, urls)
    run(library, FetchPolicy(delay=0.0, timeout=5.0))
    assert server.most_open["127.0.0.1"] == 2 and server.most_open["localhost"] == 2
    assert library.fetch_counts().fetched == 12

    polite = [server.url(f"/a/{n}") for n in range(20, 24)]
    imported(library, tmp_path, polite)
    before = len(server.requests)
    run(library, FetchPolicy(delay=0.3, timeout=5.0))
    starts = sorted(request.started for request in server.requests[before:])
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert len(starts) == 4 and min(gaps) >= 0.28


def test_a_stopped_runner_resumes_and_fetches_nothing_twice(
    library: Library, server: QueueServer, tmp_path: Path
) -> None:
    server.slow_seconds = 0.05
    urls = [server.url(f"/slow/{n}") for n in range(40)]
    imported(library, tmp_path, urls)
    cancel = threading.Event()

    def stop_after_ten(event: FetchEvent) -> None:
        if event.counts.fetched >= 10:
            cancel.set()

    QueueRunner(library, FAST, progress=stop_after_ten, cancel=cancel).run()
    counts = library.fetch_counts()
    assert 10 <= counts.fetched < 40 and counts.fetching == 0  # nothing left "taken"
    fetched_first = {item.url for item in library.fetch_listed(("fetched",))}
    run(library)
    assert library.fetch_counts().fetched == 40
    for url in fetched_first:
        assert server.count(url.split(str(server.port), 1)[1]) == 1


def test_one_runner_per_library(library: Library, server: QueueServer, tmp_path: Path) -> None:
    imported(library, tmp_path, [server.url("/slow/1")])
    started = threading.Event()
    first = QueueRunner(library, FAST, progress=lambda _event: started.set())
    thread = threading.Thread(target=first.run)
    thread.start()
    try:
        time.sleep(0.1)
        with Library(library.path) as other, pytest.raises(FetchBusy):
            QueueRunner(other, FAST).run()
    finally:
        thread.join(10)
    assert started.is_set()


def test_two_addresses_of_one_article_become_one(
    library: Library, server: QueueServer, tmp_path: Path
) -> None:
    export = tmp_path / "part_000000.csv"
    export.write_text(
        "title,url,time_added,tags,status\n"
        f"First,{server.url('/a/7')},1700000000,kept,unread\n"
        f"Second,{server.url('/moved/7')},1600000000,also,archive\n",
        encoding="utf-8",
    )
    import_sources([str(export)], library, workers=1)
    assert library.count() == 2
    run(library)
    rows = library.articles()
    assert len(rows) == 1  # the redirect led to the same page: merged, not doubled
    row = rows[0]
    assert row.title == "Article 7"
    assert set(row.tags) == {"kept", "also"}  # tags united
    assert row.saved_at.timestamp() == 1600000000  # the earliest saved date
    assert row.archived


def test_imported_highlights_find_their_place_when_the_text_arrives(
    library: Library, server: QueueServer, tmp_path: Path
) -> None:
    import json
    import zipfile

    url = server.url("/a/3")
    export = tmp_path / "pocket.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("part_000000.csv", pocket_csv([url]))
        archive.writestr(
            "annotations/part_000000.json",
            json.dumps(
                [
                    {
                        "url": url,
                        "title": "Saved 0",
                        "highlights": [
                            {"quote": "Entry 3 part 2 speaks of", "created_at": 1700000000}
                        ],
                    }
                ]
            ),
        )
    import_sources([str(export)], library, workers=1)
    (article_id,) = [row.id for row in library.articles()]
    (before,) = library.article_highlights(article_id)
    assert before.detached  # no text yet to find it in
    run(library)
    (after,) = library.article_highlights(article_id)
    assert not after.detached and after.text == "Entry 3 part 2 speaks of"
    assert after.created_at.timestamp() == 1700000000


def test_a_deleted_placeholder_is_not_fetched(
    library: Library, server: QueueServer, tmp_path: Path
) -> None:
    imported(library, tmp_path, [server.url("/a/1"), server.url("/a/2")])
    library.delete(library.find_by_url(server.url("/a/1")) or 0)
    run(library)
    assert server.asked["/a/1"] == 0 and server.asked["/a/2"] == 1
