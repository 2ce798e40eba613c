"""Article rows: saving with dedupe, reading back, listing, state flags, soft delete.

Every function takes an open connection: the caller (Library) holds the lock and decides
the transaction, so one save writes the article, its assets and its stories together.
"""

import hashlib
import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from reader.errors import StoreError
from reader.model import Article
from reader.store import assets, originals, same_article, stories
from reader.store.rows import (
    ARTICLE_COLUMNS,
    ROW_COLUMNS,
    ArticleRow,
    SaveResult,
    SaveStatus,
    SqlValue,
    StoredArticle,
    article_row,
    stored_article,
    tags_text,
)
from reader.tags import clean_tags
from reader.urls import normalize_url, source_origin, without_login

# Saved articles claiming one canonical address that are weighed for a merge: a page that
# many others impersonated costs no more than this.
MAX_CLAIM_CANDIDATES = 20

FILTERS: dict[str, str] = {
    "all": "1",
    "unread": "a.read = 0",
    "starred": "a.starred = 1",
    "archived": "a.archived = 1",
}
SORTS: dict[str, str] = {
    "saved": "a.saved_at DESC, a.id DESC",
    "published": "a.published DESC, a.id DESC",
    "title": "a.title COLLATE NOCASE, a.id",
}


def content_hash(article: Article) -> str:
    """What makes a re-import "unchanged": everything but the source spelling."""
    data = article.to_json()
    data.pop("source", None)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode())
    for asset in article.assets:
        digest.update(f"\0{asset.url}\0{asset.media_type}\0{asset.sha256}".encode())
    return digest.hexdigest()


def origin_for(article: Article, origin: str | None) -> str | None:
    """The origin the caller gave, else the one the article's source spells."""
    return origin or source_origin(article.source.strip())


def save(
    conn: sqlite3.Connection,
    article: Article,
    origin: str | None,
    now: float,
    *,
    bundled: bool = False,
) -> SaveResult:
    """Insert, or update the same article in place (see Library.save_result)."""
    url_key = normalize_url(article.url) if article.url else None
    origin = origin_for(article, origin)
    digest = content_hash(article)
    values = {**_article_values(article, url_key, origin, digest), "bundled": int(bundled)}
    existing = _find_existing(conn, article, url_key, origin)
    if existing is None:
        article_id = _insert_article(conn, values, now)
        conn.execute(
            "INSERT INTO article_bodies (article_id, content_html, text) VALUES (?, ?, ?)",
            (article_id, article.content_html, article.text),
        )
        old_active = False
        status: SaveStatus = "added"
    else:
        article_id, old_hash, deleted_at, was_bundled = existing
        if old_hash == digest and deleted_at is None and was_bundled == bundled:
            if article.original is not None and not originals.has_original(conn, article_id):
                originals.keep(conn, article_id, article.original, now)  # saved before 8
            return SaveResult(article_id, "unchanged")
        _update_article(conn, article_id, values, now)
        conn.execute(
            "UPDATE article_bodies SET content_html = ?, text = ? WHERE article_id = ?",
            (article.content_html, article.text, article_id),
        )
        old_active = deleted_at is None and not was_bundled
        status = "updated"
    assets.write_assets(conn, article_id, article.assets)
    if article.original is not None:
        originals.keep(conn, article_id, article.original, now)
    stories.write_stories(
        conn, article_id, article.recommended, now, old_active=old_active, counted=not bundled
    )
    return SaveResult(article_id, status)


def add_bare(
    conn: sqlite3.Connection,
    article: Article,
    origin: str | None,
    saved_at: float,
    state: Mapping[str, SqlValue],
    tags: Sequence[str],
) -> int:
    """Insert a new article that has no assets, stories or kept original (an imported
    address waiting for its page) with the person's ``state`` columns (starred, read,
    position...) and ``tags``: ``save`` followed by a state update wrote it with three
    times the statements and indexed it for search three times (an import of ten
    thousand addresses is mostly these: tests/benchmarks/moving_in.py). The caller
    knows ``find_existing`` found nothing."""
    url_key = normalize_url(article.url) if article.url else None
    origin = origin_for(article, origin)
    values = _article_values(article, url_key, origin, content_hash(article))
    tags = clean_tags(tags)
    article_id = _insert_article(
        conn, {**values, **state, "tags": tags_text(tags), "bundled": 0}, saved_at
    )
    conn.execute(
        "INSERT INTO article_bodies (article_id, content_html, text) VALUES (?, ?, ?)",
        (article_id, article.content_html, article.text),
    )
    _insert_tags(conn, article_id, tags)
    return article_id


def overwrite(
    conn: sqlite3.Connection, article_id: int, article: Article, origin: str | None, now: float
) -> None:
    """Put ``article`` in the place of live article ``article_id`` (a placeholder whose
    page was fetched): id, saved date and the person's state stay, as in an update."""
    url_key = normalize_url(article.url) if article.url else None
    origin = origin_for(article, origin)
    values = _article_values(article, url_key, origin, content_hash(article))
    (bundled,) = require(conn, article_id, "bundled")
    _update_article(conn, article_id, {**values, "bundled": bundled}, now)
    conn.execute(
        "UPDATE article_bodies SET content_html = ?, text = ? WHERE article_id = ?",
        (article.content_html, article.text, article_id),
    )
    assets.write_assets(conn, article_id, article.assets)
    if article.original is not None:
        originals.keep(conn, article_id, article.original, now)
    stories.write_stories(
        conn, article_id, article.recommended, now, old_active=not bundled, counted=not bundled
    )


def reextracted(conn: sqlite3.Connection, article_id: int, article: Article, now: float) -> bool:
    """Put a new extraction of live article ``article_id``'s own original in its place:
    state, tags, position and saved date stay. False (nothing written) when it came out
    the same as the text kept."""
    (old_hash,) = require(conn, article_id, "content_hash")
    if content_hash(article) == old_hash:
        return False
    overwrite(conn, article_id, replace(article, original=None), None, now)
    return True


def find_existing(conn: sqlite3.Connection, article: Article, origin: str | None) -> int | None:
    """The live or deleted article ``save`` would update with ``article``, if any."""
    url_key = normalize_url(article.url) if article.url else None
    found = _find_existing(conn, article, url_key, origin_for(article, origin))
    return None if found is None else found[0]


def _find_existing(
    conn: sqlite3.Connection, article: Article, url_key: str | None, origin: str | None
) -> tuple[int, str | None, float | None, bool] | None:
    """(id, content hash, deleted_at, bundled) of the same article already kept, if any.

    The same source (file or address) is the same article. Another source that claims
    the same canonical address is only when its origin backs the claim and its text is
    plausibly the same (reader.store.same_article); else the page is a new article."""
    if url_key is not None:
        rows = conn.execute(
            "SELECT id, content_hash, deleted_at, bundled, origin, title FROM articles"
            " WHERE url_key = ? ORDER BY origin IS ? DESC, deleted_at IS NOT NULL, id"
            f" LIMIT {MAX_CLAIM_CANDIDATES:d}",
            (url_key, origin),
        ).fetchall()
        for row in rows:
            if row[4] == origin or _claim_holds(conn, article, origin, row):
                return int(row[0]), row[1], row[2], bool(row[3])
    if origin is not None:
        # The same file, unless it now holds a page with another known address.
        row = conn.execute(
            "SELECT id, content_hash, deleted_at, bundled FROM articles WHERE origin = ?"
            " AND (url_key IS NULL OR ? IS NULL) ORDER BY deleted_at IS NOT NULL, id LIMIT 1",
            (origin, url_key),
        ).fetchone()
        if row is not None:
            return int(row[0]), row[1], row[2], bool(row[3])
    return None


def _claim_holds(
    conn: sqlite3.Connection, article: Article, origin: str | None, row: Sequence[Any]
) -> bool:
    if not same_article.origin_backs_claim(article.url, origin, row[4]):
        return False
    (text,) = conn.execute(
        "SELECT text FROM article_bodies WHERE article_id = ?", (row[0],)
    ).fetchone() or ("",)
    return same_article.plausibly_same(row[5] or "", text or "", article.title, article.text)


def _article_values(
    article: Article, url_key: str | None, origin: str | None, digest: str
) -> dict[str, SqlValue]:
    host = None
    if article.url:
        try:
            host = (urlsplit(article.url).hostname or "").lower() or None
        except ValueError:
            host = None
    return {  # a login written into an address is never kept (reader.urls.without_login)
        "source": without_login(article.source)[0],
        "origin": origin,
        "url": without_login(article.url)[0] if article.url else None,
        "url_key": url_key,
        "host": host,
        "title": article.title,
        "byline": article.byline,
        "published": article.published,
        "site_name": article.site_name,
        "lang": article.lang,
        "excerpt": article.excerpt,
        "lead_image": article.lead_image,
        "word_count": article.word_count,
        "reading_minutes": article.reading_minutes,
        "readerable": int(article.readerable),
        "content_hash": digest,
        "text_key": same_article.text_key(article.text),
    }


def _insert_article(conn: sqlite3.Connection, values: Mapping[str, SqlValue], now: float) -> int:
    values = {**values, "saved_at": now}
    columns = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    cursor = conn.execute(f"INSERT INTO articles ({columns}) VALUES ({marks})", values)
    return int(cursor.lastrowid or 0)


def _update_article(
    conn: sqlite3.Connection, article_id: int, values: Mapping[str, SqlValue], now: float
) -> None:
    """Overwrite in place: id, saved_at and the person's state (flags, tags) stay."""
    values = {**values}
    if values["origin"] is None:
        del values["origin"]  # an update that does not know its origin keeps the old one
    sets = ", ".join(f"{name} = :{name}" for name in values)
    values.update(id=article_id, now=now)
    conn.execute(
        f"UPDATE articles SET {sets}, updated_at = :now, deleted_at = NULL WHERE id = :id",
        values,
    )


def load(conn: sqlite3.Connection, article_id: int) -> StoredArticle:
    """The whole article with its stories; deleted ones are gone as far as readers know."""
    row = conn.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles a JOIN article_bodies b ON b.article_id = a.id"
        " WHERE a.id = ? AND a.deleted_at IS NULL",
        (article_id,),
    ).fetchone()
    if row is None:
        raise StoreError(f"no article {article_id} in the library")
    recommended = tuple(stored.story for stored in stories.article_stories(conn, article_id))
    return stored_article(row, recommended)


def one_row(conn: sqlite3.Connection, article_id: int) -> ArticleRow:
    row = conn.execute(
        f"SELECT {ROW_COLUMNS} FROM articles a WHERE a.id = ? AND a.deleted_at IS NULL",
        (article_id,),
    ).fetchone()
    if row is None:
        raise StoreError(f"no article {article_id} in the library")
    return article_row(row)


def list_page(
    conn: sqlite3.Connection, limit: int, offset: int, filter: str, tag: str | None, sort: str
) -> list[ArticleRow]:
    where, params = _list_where(filter, tag)
    order = SORTS.get(sort)
    if order is None:
        raise StoreError(f"unknown sort {sort!r} (choose from {', '.join(SORTS)})")
    rows = conn.execute(
        f"SELECT {ROW_COLUMNS} FROM articles a WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [article_row(row) for row in rows]


def count(conn: sqlite3.Connection, filter: str, tag: str | None) -> int:
    where, params = _list_where(filter, tag)
    return int(conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0])


def _list_where(filter: str, tag: str | None) -> tuple[str, list[SqlValue]]:
    condition = FILTERS.get(filter)
    if condition is None:
        raise StoreError(f"unknown filter {filter!r} (choose from {', '.join(FILTERS)})")
    where = f"a.deleted_at IS NULL AND {condition}"
    params: list[SqlValue] = []
    if tag:
        where += " AND a.id IN (SELECT t.article_id FROM article_tags t WHERE t.tag = ?)"
        params.append(tag)
    return where, params


def tag_counts(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    rows = conn.execute(
        "SELECT t.tag, count(*) FROM article_tags t JOIN articles a ON a.id = t.article_id"
        " WHERE a.deleted_at IS NULL GROUP BY t.tag COLLATE NOCASE ORDER BY t.tag"
        " COLLATE NOCASE"
    ).fetchall()
    return [(row[0], int(row[1])) for row in rows]


def live_ids(conn: sqlite3.Connection, *, bundled: bool = False) -> list[int]:
    """Every live article, newest saved first (Reader's own sample left out unless
    ``bundled``)."""
    condition = "" if bundled else " AND bundled = 0"
    return [
        int(row[0])
        for row in conn.execute(
            f"SELECT id FROM articles WHERE deleted_at IS NULL{condition}"
            " ORDER BY saved_at DESC, id DESC"
        )
    ]


def first_id_where(conn: sqlite3.Connection, condition: str, *params: SqlValue) -> int | None:
    """The oldest live article matching ``condition`` (SQL on ``articles``), or None."""
    row = conn.execute(
        f"SELECT id FROM articles WHERE {condition} AND deleted_at IS NULL ORDER BY id LIMIT 1",
        params,
    ).fetchone()
    return None if row is None else int(row[0])


def last_opened(conn: sqlite3.Connection) -> int | None:
    row = conn.execute(
        "SELECT id FROM articles WHERE opened_at IS NOT NULL AND deleted_at IS NULL"
        " ORDER BY opened_at DESC LIMIT 1"
    ).fetchone()
    return None if row is None else int(row[0])


def require(conn: sqlite3.Connection, article_id: int, columns: str = "id") -> tuple[Any, ...]:
    """The live article's ``columns``; StoreError when it is missing or deleted."""
    row = conn.execute(
        f"SELECT {columns} FROM articles WHERE id = ? AND deleted_at IS NULL",
        (int(article_id),),
    ).fetchone()
    if row is None:
        raise StoreError(f"no article {article_id} in the library")
    return tuple(row)


def mark_opened(conn: sqlite3.Connection, article_id: int, now: float) -> None:
    """Remember the article as opened now; the story with its URL counts as read."""
    (url_key,) = require(conn, article_id, "url_key")
    conn.execute("UPDATE articles SET opened_at = ? WHERE id = ?", (now, article_id))
    if url_key:
        conn.execute("UPDATE stories SET read = 1 WHERE url_key = ?", (url_key,))


def set_column(conn: sqlite3.Connection, article_id: int, column: str, value: SqlValue) -> None:
    """Set one state column (a flag or the reading position) of a live article."""
    require(conn, article_id)
    conn.execute(f"UPDATE articles SET {column} = ? WHERE id = ?", (value, article_id))


def set_tags(conn: sqlite3.Connection, article_id: int, tags: Sequence[str]) -> None:
    clean = clean_tags(tags)
    require(conn, article_id)
    conn.execute("DELETE FROM article_tags WHERE article_id = ?", (article_id,))
    _insert_tags(conn, article_id, clean)
    conn.execute("UPDATE articles SET tags = ? WHERE id = ?", (tags_text(clean), article_id))


def _insert_tags(conn: sqlite3.Connection, article_id: int, clean: Sequence[str]) -> None:
    conn.executemany(
        "INSERT INTO article_tags (article_id, tag) VALUES (?, ?)",
        [(article_id, tag) for tag in clean],
    )


def soft_delete(conn: sqlite3.Connection, article_id: int, now: float) -> None:
    """Hide the article; its stories stop counting at once (restore() undoes both)."""
    (bundled,) = require(conn, article_id, "bundled")
    conn.execute("UPDATE articles SET deleted_at = ? WHERE id = ?", (now, article_id))
    if not bundled:
        stories.count_down(conn, stories.linked_story_ids(conn, article_id))


def restore(conn: sqlite3.Connection, article_id: int, now: float) -> None:
    """Undo soft_delete(); StoreError once the purge has removed the row for good."""
    row = conn.execute(
        "SELECT deleted_at, bundled FROM articles WHERE id = ?", (int(article_id),)
    ).fetchone()
    if row is None:
        raise StoreError(f"article {article_id} cannot be restored any more")
    if row[0] is None:
        return
    conn.execute("UPDATE articles SET deleted_at = NULL WHERE id = ?", (article_id,))
    if not row[1]:
        stories.count_up_article(conn, article_id, now)


def deleted_before(conn: sqlite3.Connection, cutoff: float, limit: int) -> list[int]:
    """Soft-deleted articles whose undo window ended, at most ``limit`` (start-up stays quick)."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT id FROM articles WHERE deleted_at IS NOT NULL AND deleted_at < ? LIMIT ?",
            (cutoff, limit),
        )
    ]


def purge(conn: sqlite3.Connection, article_id: int) -> None:
    """Remove the article for good (links cascade), with the assets only it used."""
    shas = assets.linked_shas(conn, article_id) | originals.linked_shas(conn, article_id)
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    assets.drop_orphan_assets(conn, shas)
