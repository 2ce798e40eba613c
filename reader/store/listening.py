"""The listening queue and each article's listening position (schema 3).

Every function takes an open connection; Library holds the lock and the transaction. A
soft-deleted article stays in the queue (undo brings it back in place) but is never
listed or played.
"""

import sqlite3

from reader.store.articles import require
from reader.store.rows import ROW_COLUMNS, ArticleRow, article_row


def add(conn: sqlite3.Connection, article_id: int, now: float, *, next_up: bool) -> None:
    """Queue the article last (or first with ``next_up``); one already queued moves."""
    require(conn, article_id)
    low, high = conn.execute("SELECT min(rank), max(rank) FROM listen_queue").fetchone()
    if low is None:
        rank = 0.0
    elif next_up:
        rank = float(low) - 1.0
    else:
        rank = float(high) + 1.0
    conn.execute(
        "INSERT INTO listen_queue (article_id, rank, added_at) VALUES (?, ?, ?)"
        " ON CONFLICT(article_id) DO UPDATE SET rank = excluded.rank",
        (article_id, rank, now),
    )


def remove(conn: sqlite3.Connection, article_id: int) -> None:
    conn.execute("DELETE FROM listen_queue WHERE article_id = ?", (int(article_id),))


def clear(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM listen_queue")


def queue(conn: sqlite3.Connection, limit: int) -> list[ArticleRow]:
    """The live articles in the queue, first to play first."""
    rows = conn.execute(
        f"SELECT {ROW_COLUMNS} FROM listen_queue q JOIN articles a ON a.id = q.article_id"
        " WHERE a.deleted_at IS NULL ORDER BY q.rank, q.added_at LIMIT ?",
        (limit,),
    ).fetchall()
    return [article_row(row) for row in rows]


def take_next(conn: sqlite3.Connection) -> int | None:
    """The first live article of the queue, removed from it; None when the queue is empty."""
    row = conn.execute(
        "SELECT q.article_id FROM listen_queue q JOIN articles a ON a.id = q.article_id"
        " WHERE a.deleted_at IS NULL ORDER BY q.rank, q.added_at LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    remove(conn, int(row[0]))
    return int(row[0])


def position(conn: sqlite3.Connection, article_id: int) -> int | None:
    (value,) = require(conn, article_id, "listen_position")
    return None if value is None else int(value)


def set_position(conn: sqlite3.Connection, article_id: int, value: int | None) -> None:
    require(conn, article_id)
    conn.execute(
        "UPDATE articles SET listen_position = ? WHERE id = ?",
        (None if value is None else max(0, int(value)), article_id),
    )


def rank(conn: sqlite3.Connection, article_id: int) -> float | None:
    """The article's place in the queue (lowest plays first), None when not queued."""
    row = conn.execute(
        "SELECT rank FROM listen_queue WHERE article_id = ?", (int(article_id),)
    ).fetchone()
    return None if row is None else float(row[0])
