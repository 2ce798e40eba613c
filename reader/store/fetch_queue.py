"""The fetch queue (schema 7): addresses imported without their text, fetched in turn.

Kept in the library so that it survives quitting and crashes. Each row is one article
(a placeholder until its page arrives) and says where it stands: ``queued`` (waiting, or
waiting until ``not_before`` after a failure that may pass), ``fetching`` (taken by the
runner: a runner that starts finds the ones a crash left and queues them again),
``fetched``, ``failed`` (for good, with the reason) or ``login`` (the site wants a login:
queued again once one is stored). Every function takes an open connection; Library
holds the lock and the transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

QueueState = Literal["queued", "fetching", "fetched", "failed", "login"]
STATES: tuple[QueueState, ...] = ("queued", "fetching", "fetched", "failed", "login")


@dataclass(frozen=True)
class QueuedFetch:
    """One article waiting for (or done with) its page."""

    article_id: int
    url: str
    host: str
    state: QueueState
    attempts: int
    not_before: float
    reason: str
    title: str = ""


@dataclass(frozen=True)
class QueueCounts:
    queued: int = 0
    fetching: int = 0
    fetched: int = 0
    failed: int = 0
    login: int = 0

    @property
    def waiting(self) -> int:
        """Still to be fetched (queued, or being fetched now)."""
        return self.queued + self.fetching

    @property
    def total(self) -> int:
        return self.queued + self.fetching + self.fetched + self.failed + self.login


COLUMNS = "q.article_id, q.url, q.host, q.state, q.attempts, q.not_before, q.reason, a.title"
FROM = "fetch_queue q JOIN articles a ON a.id = q.article_id"


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def add(conn: sqlite3.Connection, article_id: int, url: str, now: float) -> bool:
    """Queue the article's page; False when it was queued (or fetched) already. The
    queue is fetched in the order of article ids (the order the export listed them)."""
    cursor = conn.execute(
        "INSERT INTO fetch_queue (article_id, url, host, added_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(article_id) DO NOTHING",
        (article_id, url, host_of(url), now),
    )
    return cursor.rowcount > 0


def _queued(row: Sequence[Any]) -> QueuedFetch:
    return QueuedFetch(
        article_id=int(row[0]),
        url=str(row[1]),
        host=str(row[2]),
        state=row[3],
        attempts=int(row[4]),
        not_before=float(row[5]),
        reason=str(row[6]),
        title=str(row[7] or ""),
    )


def due(
    conn: sqlite3.Connection, now: float, limit: int, skip_hosts: Sequence[str] = ()
) -> list[QueuedFetch]:
    """The next page of each host whose time has come (the earliest queued), hosts in
    ``skip_hosts`` left out: a runner spreads its requests over hosts rather than wait on
    one. Deleted articles' pages are left out."""
    skip = ", ".join("?" for _ in skip_hosts)
    rows = conn.execute(
        f"SELECT {COLUMNS}, min(q.article_id) FROM {FROM} WHERE q.state = 'queued'"
        " AND q.not_before <= ? AND a.deleted_at IS NULL"
        + (f" AND q.host NOT IN ({skip})" if skip_hosts else "")
        + " GROUP BY q.host ORDER BY min(q.article_id) LIMIT ?",
        (now, *skip_hosts, limit),
    ).fetchall()
    return [_queued(row) for row in rows]


def next_due(conn: sqlite3.Connection) -> float | None:
    """When the next queued page may be fetched (None: nothing is queued)."""
    row = conn.execute(
        f"SELECT min(q.not_before) FROM {FROM} WHERE q.state = 'queued' AND a.deleted_at IS NULL"
    ).fetchone()
    return None if row is None or row[0] is None else float(row[0])


def take(conn: sqlite3.Connection, article_id: int) -> bool:
    """Mark one queued page as being fetched; False when it is no longer queued."""
    cursor = conn.execute(
        "UPDATE fetch_queue SET state = 'fetching' WHERE article_id = ? AND state = 'queued'",
        (article_id,),
    )
    return cursor.rowcount > 0


def release_taken(conn: sqlite3.Connection) -> int:
    """Queue again what a runner took and never finished (it crashed, or was killed)."""
    return conn.execute("UPDATE fetch_queue SET state = 'queued' WHERE state = 'fetching'").rowcount


def done(conn: sqlite3.Connection, article_id: int, now: float) -> None:
    conn.execute(
        "UPDATE fetch_queue SET state = 'fetched', reason = '', done_at = ? WHERE article_id = ?",
        (now, article_id),
    )


def failed(
    conn: sqlite3.Connection, article_id: int, reason: str, now: float, *, login: bool = False
) -> None:
    """Failed for good (or until a login is stored, with ``login``)."""
    conn.execute(
        "UPDATE fetch_queue SET state = ?, reason = ?, done_at = ? WHERE article_id = ?",
        ("login" if login else "failed", reason, now, article_id),
    )


def later(conn: sqlite3.Connection, article_id: int, reason: str, not_before: float) -> None:
    """A failure that may pass: tried again from ``not_before``."""
    conn.execute(
        "UPDATE fetch_queue SET state = 'queued', attempts = attempts + 1, reason = ?,"
        " not_before = ? WHERE article_id = ?",
        (reason, not_before, article_id),
    )


def requeue(
    conn: sqlite3.Connection, states: tuple[QueueState, ...], host: str | None = None
) -> int:
    """Queue again the pages in ``states`` (of ``host`` only, if given), from now, with
    their tries counted afresh; returns how many."""
    marks = ", ".join("?" for _ in states)
    condition = f"state IN ({marks})" + (" AND host = ?" if host is not None else "")
    params: list[object] = list(states) + ([host.lower()] if host is not None else [])
    return conn.execute(
        "UPDATE fetch_queue SET state = 'queued', attempts = 0, not_before = 0, reason = '',"
        f" done_at = NULL WHERE {condition}",
        params,
    ).rowcount


def requeue_articles(conn: sqlite3.Connection, article_ids: Sequence[int]) -> int:
    """Queue again these articles' pages if they failed or wanted a login (a retry the
    person asked for), tries counted afresh; returns how many."""
    again = 0
    for article_id in article_ids:
        again += conn.execute(
            "UPDATE fetch_queue SET state = 'queued', attempts = 0, not_before = 0, reason = '',"
            " done_at = NULL WHERE article_id = ? AND state IN ('failed', 'login')",
            (int(article_id),),
        ).rowcount
    return again


def remove(conn: sqlite3.Connection, article_id: int) -> None:
    conn.execute("DELETE FROM fetch_queue WHERE article_id = ?", (article_id,))


def state(conn: sqlite3.Connection, article_id: int) -> QueuedFetch | None:
    row = conn.execute(
        f"SELECT {COLUMNS} FROM {FROM} WHERE q.article_id = ?", (article_id,)
    ).fetchone()
    return None if row is None else _queued(row)


def counts(conn: sqlite3.Connection) -> QueueCounts:
    """How many pages stand where (deleted articles' rows left out)."""
    found = dict(
        conn.execute(
            f"SELECT q.state, count(*) FROM {FROM} WHERE a.deleted_at IS NULL GROUP BY q.state"
        ).fetchall()
    )
    return QueueCounts(**{name: int(found.get(name, 0)) for name in STATES})


def listed(
    conn: sqlite3.Connection, states: tuple[QueueState, ...], limit: int
) -> list[QueuedFetch]:
    """The pages in ``states``, most recently finished first, then oldest queued."""
    marks = ", ".join("?" for _ in states)
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM {FROM} WHERE q.state IN ({marks}) AND a.deleted_at IS NULL"
        " ORDER BY q.done_at DESC, q.added_at, q.article_id LIMIT ?",
        (*states, limit),
    ).fetchall()
    return [_queued(row) for row in rows]
