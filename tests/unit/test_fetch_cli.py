"""`reader import` of an export and `reader fetch`, run as a person runs them: the list
first (one line per entry), the pages after (one line per page), the status with
reasons, and a kill -9 in the middle of the fetch that loses and repeats nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from queue_server import QueueServer, pocket_csv, serving
from reader_cli import run_reader

from reader.store import Library


@pytest.fixture
def server() -> Iterator[QueueServer]:
    with serving() as state:
        yield state


def test_import_lists_at_once_then_fetch_brings_the_pages(
    server: QueueServer, tmp_path: Path, data_dir: Path
) -> None:
    urls = [server.url(f"/a/{n}") for n in range(3)] + [server.url("/gone/9")]
    export = tmp_path / "export.csv"
    export.write_text(pocket_csv(urls, tags="later"), encoding="utf-8")

    listed = run_reader("import", "--no-fetch", str(export))
    assert listed.returncode == 0, listed.stderr
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["queued"] * 4
    assert "imported 0, updated 0, unchanged 0, failed 0, 4 to fetch" in listed.stderr
    titles = json.loads(run_reader("list", "--format", "json", "--sort", "title").stdout)
    assert [item["title"] for item in titles] == ["Saved 0", "Saved 1", "Saved 2", "Saved 3"]
    assert server.requests == []

    fetched = run_reader("fetch", "--delay", "0")
    assert fetched.returncode == 1  # one page could not be fetched
    states = sorted(line.split("\t")[0] for line in fetched.stdout.splitlines())
    assert states == ["failed", "fetched", "fetched", "fetched"]
    assert "fetched 3, failed 1, login needed 0" in fetched.stderr
    assert f"reader: {urls[3]}: HTTP 404 Not Found" in fetched.stderr

    status = run_reader("fetch", "--status")
    assert status.stdout.splitlines()[0] == (
        "0 to fetch, 3 fetched, 1 failed, 0 waiting for a login"
    )
    assert "failed: HTTP 404 Not Found" in status.stdout
    report = json.loads(run_reader("fetch", "--status", "--format", "json").stdout)
    assert [(page["state"], page["reason"]) for page in report["pages"]] == [
        ("failed", "HTTP 404 Not Found")
    ]
    again = run_reader("fetch", "--retry", "--delay", "0")
    assert "queued 1 page again" in again.stderr and server.asked["/gone/9"] == 2


def test_a_stored_login_queues_its_sites_pages_again(server: QueueServer, tmp_path: Path) -> None:
    from queue_server import LOGIN

    from reader import secrets

    if not secrets.keyring_available():
        pytest.skip("no system keyring (tests/run starts one)")
    export = tmp_path / "export.csv"
    export.write_text(pocket_csv([server.url("/login/1"), server.url("/gone/2")]), "utf-8")
    run_reader("import", "--no-fetch", str(export))
    assert run_reader("fetch", "--delay", "0").returncode == 1
    host = f"127.0.0.1:{server.port}"
    stored = run_reader("login", host, "-u", LOGIN[0], "--allow-http", stdin=LOGIN[1] + "\n")
    try:
        assert stored.returncode == 0, stored.stderr
        assert "queued 1 page that wanted this login again" in stored.stdout
        fetched = run_reader("fetch", "--delay", "0")
        assert "fetched 1, failed 0, login needed 0" in fetched.stderr
        assert server.asked["/gone/2"] == 1  # another page, not the login's: left alone
    finally:
        run_reader("logout", host)


def test_import_fetches_right_after_unless_told_not_to(server: QueueServer, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(pocket_csv([server.url("/a/1")]), encoding="utf-8")
    done = run_reader("import", "--delay", "0", str(export))
    assert done.returncode == 0, done.stderr
    assert "fetched 1, failed 0, login needed 0" in done.stderr
    assert done.stdout.splitlines() == [
        f"queued\t1\t{server.url('/a/1')}",
        f"fetched\t1\t{server.url('/a/1')}",
    ]


@pytest.mark.slow
def test_kill_9_during_a_fetch_resumes_and_fetches_nothing_twice(
    server: QueueServer, tmp_path: Path, data_dir: Path
) -> None:
    server.slow_seconds = 0.02
    count = 300
    urls = [server.url(f"/slow/{n}") for n in range(count)]
    export = tmp_path / "export.csv"
    export.write_text(pocket_csv(urls), encoding="utf-8")
    assert run_reader("import", "--no-fetch", str(export)).returncode == 0

    child = subprocess.Popen(
        [sys.executable, "-m", "reader", "fetch", "--delay", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=os.environ.copy(),
    )
    assert child.stdout is not None
    fetched_lines = 0
    deadline = time.monotonic() + 120
    while fetched_lines < count // 3 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        fetched_lines += line.startswith("fetched\t")
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    requested_before = dict(server.asked)
    with Library() as library:
        counts = library.fetch_counts()
        committed = {item.url for item in library.fetch_listed(("fetched",), count)}
    assert counts.fetched >= fetched_lines and counts.fetched < count
    assert counts.fetching <= 6  # what was in flight at the kill: taken, not lost

    resumed = run_reader("fetch", "--delay", "0")
    assert resumed.returncode == 0, resumed.stderr
    with Library() as library:
        assert library.fetch_counts().fetched == count
        assert library.count() == count  # nothing doubled
        assert all(row.reading_minutes >= 1 for row in library.articles(limit=count))
    path_of = {url: url.split(str(server.port), 1)[1] for url in urls}
    for url in committed:  # what was kept before the kill is never asked for again
        assert server.asked[path_of[url]] == 1, url
    repeated = [url for url in urls if server.asked[path_of[url]] > 1]
    in_flight = [url for url in urls if url not in committed and requested_before.get(path_of[url])]
    assert set(repeated) <= set(in_flight) and len(repeated) <= 6
