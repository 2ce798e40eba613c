"""Highlights and their notes (schema 6): kept by quote, listed, searched, removed.

Every function takes an open connection; Library holds the lock and the transaction.
A highlight belongs to an article until that article is deleted: then it is removed with
it (undo brings both back) or kept, listed as detached under the article's title and
address. The words of an article's highlights reach its search index by triggers
(m006_highlights.sql).
"""

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reader.errors import StoreError
from reader.highlights.anchors import Anchor
from reader.highlights.colors import COLORS
from reader.store import search
from reader.store.articles import require
from reader.store.rows import when

COLUMNS = (
    "h.id, h.article_id, h.exact, h.prefix, h.suffix, h.position_start, h.position_end,"
    " h.text_length, h.color, h.note, h.created_at, h.updated_at, h.detached,"
    " coalesce(a.title, h.article_title, ''), coalesce(a.url, h.article_url),"
    " a.id IS NOT NULL AND a.deleted_at IS NULL"
)
FROM = "highlights h LEFT JOIN articles a ON a.id = h.article_id"


@dataclass(frozen=True)
class Highlight:
    """A highlight as kept. ``article_id`` is None once its article is deleted (the
    highlight was kept); ``detached``: its quote is not in the article's current text, or
    the article is gone. ``article_title``/``article_url``: the article's, or the ones
    kept when it was deleted."""

    id: int
    article_id: int | None
    anchor: Anchor
    color: str
    note: str
    created_at: datetime
    updated_at: datetime
    detached: bool
    article_title: str
    article_url: str | None

    @property
    def text(self) -> str:
        return self.anchor.exact


def _highlight(row: Sequence[Any]) -> Highlight:
    live = bool(row[15])
    return Highlight(
        id=int(row[0]),
        article_id=int(row[1]) if live else None,
        anchor=Anchor(row[2], row[3], row[4], int(row[5]), int(row[6]), int(row[7])),
        color=row[8],
        note=row[9],
        created_at=when(row[10]) or datetime.fromtimestamp(0, UTC),
        updated_at=when(row[11]) or datetime.fromtimestamp(0, UTC),
        detached=bool(row[12]) or not live,
        article_title=row[13],
        article_url=row[14],
    )


def _anchor_values(anchor: Anchor) -> tuple[str, str, str, int, int, int]:
    """The anchor as the columns exact, prefix, suffix, position_start, position_end and
    text_length hold it."""
    return anchor.exact, anchor.prefix, anchor.suffix, anchor.start, anchor.end, anchor.length


def check_color(color: str) -> str:
    if color not in COLORS:
        raise StoreError(f"unknown highlight colour {color!r} (choose from {', '.join(COLORS)})")
    return color


def add(
    conn: sqlite3.Connection,
    article_id: int,
    anchor: Anchor,
    *,
    color: str,
    note: str,
    created_at: float,
    detached: bool = False,
    updated_at: float | None = None,
) -> int:
    """A new highlight of a live article; returns its id. ``updated_at``: when its note
    or colour last changed (an import keeps it; else it is ``created_at``)."""
    if not anchor.exact.strip():
        raise StoreError("a highlight needs some text")
    require(conn, article_id)
    cursor = conn.execute(
        "INSERT INTO highlights (article_id, exact, prefix, suffix, position_start,"
        " position_end, text_length, color, note, created_at, updated_at, detached)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            int(article_id),
            *_anchor_values(anchor),
            check_color(color),
            note,
            created_at,
            created_at if updated_at is None else updated_at,
            int(detached),
        ),
    )
    return int(cursor.lastrowid or 0)


def get(conn: sqlite3.Connection, highlight_id: int) -> Highlight:
    row = conn.execute(
        f"SELECT {COLUMNS} FROM {FROM} WHERE h.id = ? AND h.deleted_at IS NULL",
        (int(highlight_id),),
    ).fetchone()
    if row is None:
        raise StoreError(f"no highlight {highlight_id} in the library")
    return _highlight(row)


def for_article(conn: sqlite3.Connection, article_id: int) -> list[Highlight]:
    """The article's highlights in reading order (the detached ones last)."""
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM {FROM} WHERE h.article_id = ? AND h.deleted_at IS NULL"
        " ORDER BY h.detached, h.position_start, h.id",
        (int(article_id),),
    ).fetchall()
    return [_highlight(row) for row in rows]


def newest(conn: sqlite3.Connection, query: str, limit: int, offset: int) -> list[Highlight]:
    """Every highlight, newest first; ``query`` in the search syntax (reader.store.search):
    its words are looked up in the quotes and notes, its filters apply to the article."""
    parsed = search.parse(query)
    conditions, params = parsed.filters("h.deleted_at IS NULL", "h.id", "highlights_fts")
    if parsed.match is not None:
        conditions.append("h.id IN (SELECT rowid FROM highlights_fts WHERE highlights_fts MATCH ?)")
        params.append(parsed.match)
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM {FROM} WHERE {' AND '.join(conditions)}"
        " ORDER BY h.created_at DESC, h.id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [_highlight(row) for row in rows]


def articles_with_highlights(conn: sqlite3.Connection) -> list[int | None]:
    """The ids of live articles with highlights, newest highlight first; None stands for
    the highlights whose article is gone (kept when it was deleted)."""
    rows = conn.execute(
        f"SELECT CASE WHEN a.id IS NOT NULL AND a.deleted_at IS NULL THEN a.id END AS owner"
        f" FROM {FROM} WHERE h.deleted_at IS NULL"
        " GROUP BY owner ORDER BY max(h.created_at) DESC"
    ).fetchall()
    return [None if row[0] is None else int(row[0]) for row in rows]


def kept_without_article(conn: sqlite3.Connection) -> list[Highlight]:
    """Highlights kept when their article was deleted, by article then reading order."""
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM {FROM} WHERE h.deleted_at IS NULL"
        " AND (a.id IS NULL OR a.deleted_at IS NOT NULL)"
        " ORDER BY coalesce(a.title, h.article_title), h.article_id, h.position_start, h.id"
    ).fetchall()
    return [_highlight(row) for row in rows]


def set_note(conn: sqlite3.Connection, highlight_id: int, note: str, now: float) -> None:
    get(conn, highlight_id)
    conn.execute(
        "UPDATE highlights SET note = ?, updated_at = ? WHERE id = ?", (note, now, highlight_id)
    )


def set_color(conn: sqlite3.Connection, highlight_id: int, color: str, now: float) -> None:
    get(conn, highlight_id)
    conn.execute(
        "UPDATE highlights SET color = ?, updated_at = ? WHERE id = ?",
        (check_color(color), now, highlight_id),
    )


def remove(conn: sqlite3.Connection, highlight_id: int, now: float) -> None:
    """Take the highlight away; restore() undoes it, a start after the undo window purges."""
    get(conn, highlight_id)
    conn.execute("UPDATE highlights SET deleted_at = ? WHERE id = ?", (now, highlight_id))


def restore(conn: sqlite3.Connection, highlight_id: int) -> None:
    found = conn.execute(
        "SELECT deleted_at FROM highlights WHERE id = ?", (int(highlight_id),)
    ).fetchone()
    if found is None:
        raise StoreError(f"highlight {highlight_id} cannot be restored any more")
    conn.execute("UPDATE highlights SET deleted_at = NULL WHERE id = ?", (highlight_id,))


def set_anchors(
    conn: sqlite3.Connection, changes: Sequence[tuple[int, Anchor | None]], now: float
) -> None:
    """Highlights found again in a new text (their new anchor), or not (None: detached)."""
    for highlight_id, anchor in changes:
        if anchor is None:
            conn.execute(
                "UPDATE highlights SET detached = 1 WHERE id = ? AND detached = 0",
                (highlight_id,),
            )
            continue
        conn.execute(
            "UPDATE highlights SET exact = ?, prefix = ?, suffix = ?, position_start = ?,"
            " position_end = ?, text_length = ?, detached = 0, updated_at = CASE"
            " WHEN exact IS NOT ? THEN ? ELSE updated_at END WHERE id = ?",
            (*_anchor_values(anchor), anchor.exact, now, highlight_id),
        )


def article_deleted(conn: sqlite3.Connection, article_id: int, now: float, *, keep: bool) -> None:
    """The article goes: its highlights are kept (with its title and address, listed as
    detached) or removed with it (at the same moment, so restoring it brings them back)."""
    if keep:
        conn.execute(
            "UPDATE highlights SET article_title = (SELECT title FROM articles WHERE id = ?),"
            " article_url = (SELECT url FROM articles WHERE id = ?) WHERE article_id = ?",
            (article_id, article_id, article_id),
        )
    else:
        conn.execute(
            "UPDATE highlights SET deleted_at = ? WHERE article_id = ? AND deleted_at IS NULL",
            (now, article_id),
        )


def article_restored(conn: sqlite3.Connection, article_id: int) -> None:
    """Undo article_deleted() (before the article's own restore clears its deletion
    time): the highlights removed at that moment come back."""
    conn.execute(
        "UPDATE highlights SET deleted_at = NULL WHERE article_id = ?"
        " AND deleted_at = (SELECT deleted_at FROM articles WHERE id = ?)",
        (article_id, article_id),
    )


def removed_before(conn: sqlite3.Connection, cutoff: float) -> bool:
    """Are there highlights removed before ``cutoff`` (due to be purged)?"""
    found = conn.execute(
        "SELECT 1 FROM highlights WHERE deleted_at IS NOT NULL AND deleted_at < ? LIMIT 1",
        (cutoff,),
    ).fetchone()
    return found is not None


def purge_removed(conn: sqlite3.Connection, cutoff: float) -> None:
    """Highlights removed before ``cutoff`` go for good."""
    conn.execute(
        "DELETE FROM highlights WHERE deleted_at IS NOT NULL AND deleted_at < ?", (cutoff,)
    )


def move(conn: sqlite3.Connection, from_article: int, to_article: int) -> None:
    """Give one article's highlights to another (two copies of an article became one);
    the caller finds them again in the other's text."""
    conn.execute(
        "UPDATE highlights SET article_id = ? WHERE article_id = ?", (to_article, from_article)
    )
