"""Safe storage: a read-only folder, a full disk or a damaged file give a clear StoreError
and lose nothing that was committed."""

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.errors import StoreError
from reader.model import Article
from reader.store import Library


def article(n: int, size: int = 100) -> Article:
    text = f"article number {n} " + "word " * size
    return Article(
        source=f"{n}.html",
        title=f"Article {n}",
        content_html=f"<p>{text}</p>",
        text=text,
        url=f"https://e.com/{n}",
    )


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make a folder and its files read-only, even for root (who ignores chmod)."""
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in [folder, *folder.iterdir()]}
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    paths = [str(path) for path in folder.iterdir()] + [str(folder)]
    if chattr is None or subprocess.run([chattr, "+i", *paths], capture_output=True).returncode:
        pytest.skip("running as root and chattr +i is not available")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", *paths], check=True)


def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    path = folder / "library.sqlite3"
    with Library(path) as library:
        library.save(article(1))
    with read_only(folder):
        with pytest.raises(StoreError) as caught, Library(path) as library:
            library.save(article(2))
        message = str(caught.value)
        assert str(path) in message
        assert "read-only" in message or "writable" in message
    with Library(path) as library:
        assert [row.title for row in library.articles()] == ["Article 1"]


def test_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create library folder"):
        Library(blocker / "sub" / "library.sqlite3")


def test_full_disk_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        for n in range(5):
            library.save(article(n))
        conn = library._conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 3}")
        with pytest.raises(StoreError, match="full"):
            library.save(article(99, size=200_000))
        assert library.count() == 5
        assert library.find_by_url("https://e.com/99") is None
        conn.execute("PRAGMA max_page_count = 1073741823")
        library.save(article(99, size=200_000))  # room again: it works
        assert library.count() == 6
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"this is a text file, not a library\n" * 200)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="damaged or is not a Reader library"):
        Library(path)
    assert path.read_bytes() == before


def test_busy_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.store.database as module

    path = tmp_path / "library.sqlite3"
    Library(path).close()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        monkeypatch.setattr(module, "BUSY_TIMEOUT_MS", 50)
        with Library(path) as library, pytest.raises(StoreError, match="busy"):
            library.save(article(1))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_threads_opening_a_new_library_at_once_all_get_it(tmp_path: Path) -> None:
    """The window's reader and writer threads open a fresh library together: none of them
    may be told it is busy (switching a new file to WAL is refused at once, not waited)."""
    import threading

    failures: list[str] = []
    for attempt in range(60):
        path = tmp_path / f"library-{attempt}.sqlite3"

        def open_it(path: Path = path) -> None:
            try:
                Library(path).close()
            except StoreError as error:
                failures.append(str(error))

        threads = [threading.Thread(target=open_it) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []


def test_failed_save_rolls_back_everything(tmp_path: Path) -> None:
    """One transaction per article: an error halfway leaves no row, body, story or asset."""
    from reader.model import Asset, Story

    with Library(tmp_path / "library.sqlite3") as library:
        bad = Article(
            source="x.html",
            title="x",
            content_html="<p>x</p>",
            text="x",
            recommended=(Story("s", "https://n.com/s"),),
            assets=(Asset("a.png", "image/png", b"data"),),
        )
        conn = library._conn
        conn.execute(
            "CREATE TEMP TRIGGER fail AFTER INSERT ON article_assets"
            " BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
        )
        with pytest.raises(StoreError):
            library.save(bad)
        conn.execute("DROP TRIGGER temp.fail")
        for table in ("articles", "article_bodies", "stories", "article_stories", "assets"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
        assert library.search("x") == []
