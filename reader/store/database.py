"""The one SQLite connection of a library: opening it safely, and transactions.

Shared by the GUI thread and worker threads under a lock. sqlite3 errors never escape:
they become StoreError with a reason a person can act on (read-only folder, full disk,
damaged file, newer schema).
"""

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from reader.errors import StoreError
from reader.paths import make_private_file, make_private_folder
from reader.store import originals, ranking, same_article
from reader.store.migrate import check_not_newer, migrate

WAL_FILES = ("-wal", "-shm")  # beside the library; SQLite gives them the library's mode
BUSY_TIMEOUT_MS = 5000  # a second Reader writing: wait this long before saying "busy"

# SQLite primary result codes -> what to tell the person. {path} is the library file.
ERROR_MESSAGES: dict[int, str] = {
    sqlite3.SQLITE_READONLY: "library {path} is read-only (check the folder's permissions); "
    "nothing was changed",
    sqlite3.SQLITE_PERM: "library {path} is read-only (permission denied); nothing was changed",
    sqlite3.SQLITE_CANTOPEN: "cannot open library {path} (is its folder writable?)",
    sqlite3.SQLITE_FULL: "the disk holding library {path} is full; the last change was not saved",
    sqlite3.SQLITE_NOTADB: "{path} is damaged or is not a Reader library",
    sqlite3.SQLITE_CORRUPT: "library {path} is damaged; restore it from a backup",
    sqlite3.SQLITE_BUSY: "library {path} is busy (another Reader is writing to it)",
    sqlite3.SQLITE_LOCKED: "library {path} is busy (another Reader is writing to it)",
    sqlite3.SQLITE_IOERR: "cannot read or write library {path} (input/output error)",
}


def store_error(error: sqlite3.Error, path: Path | str) -> StoreError:
    code = getattr(error, "sqlite_errorcode", None)
    template = ERROR_MESSAGES.get(code & 0xFF) if isinstance(code, int) else None
    if template is None:
        return StoreError(f"library {path}: {error}")
    return StoreError(template.format(path=path))


class Database:
    """An open, migrated library file; ``read()`` and ``write()`` hold the lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()
        try:
            make_private_folder(path.parent)
        except OSError as error:
            reason = error.strerror or str(error)
            raise StoreError(f"cannot create library folder {path.parent}: {reason}") from None
        try:
            for file in (path, *(path.with_name(path.name + end) for end in WAL_FILES)):
                if file == path or file.exists():
                    make_private_file(file)
        except OSError as error:
            raise StoreError(f"cannot create library {path}: {error.strerror or error}") from None
        try:
            self.conn = sqlite3.connect(
                path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise store_error(error, path) from None
        try:
            self._setup()
        except sqlite3.Error as error:
            self.conn.close()
            raise store_error(error, path) from None
        except BaseException:
            self.conn.close()
            raise

    def _setup(self) -> None:
        conn = self.conn
        conn.create_function("reader_story_score", 2, ranking.story_score, deterministic=True)
        conn.create_function("reader_text_key", 1, same_article.text_key, deterministic=True)
        conn.create_function("reader_repack_original", 2, originals.repacked, deterministic=True)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Touch the file first: a non-database says so here rather than in a later call.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        check_not_newer(int(version), self.path)
        mode = _use_wal(conn)
        if mode != "wal":
            raise StoreError(f"library {self.path}: cannot use write-ahead logging ({mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn, self.path)

    def close(self) -> None:
        with self.lock:
            try:
                self.conn.close()
            except sqlite3.Error as error:
                raise store_error(error, self.path) from None

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            try:
                yield self.conn
            except sqlite3.Error as error:
                raise store_error(error, self.path) from None

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it commits, or none of it (then StoreError)."""
        with self.lock:
            conn = self.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise store_error(error, self.path) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as error:
                if conn.in_transaction:
                    with suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise store_error(error, self.path) from None
                raise


def _use_wal(conn: sqlite3.Connection) -> str:
    """Switch a library to write-ahead logging, waiting as a write would for a busy file.

    SQLite answers "database is locked" at once, without its busy handler, when another
    connection opens the same new file at that moment (the window's reader and writer
    threads do: 16 of 200 three-thread opens of a fresh file failed), and the mode sticks
    to the file once set, so a retry finds it done.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except sqlite3.OperationalError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.01)
