"""The library: every article Reader opened, in one SQLite file that survives crashes.

One connection per Library, shared by the GUI thread and worker threads under a lock.
Each write is one transaction (an article with its assets and stories commits or not at
all); sqlite3 errors never escape: they become StoreError with a reason a person can act
on (read-only folder, full disk, damaged file, newer schema).
"""

import hashlib
import json
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from reader.errors import StoreError
from reader.model import Article, Asset, Story
from reader.store import ranking, search
from reader.store.migrate import check_not_newer, migrate
from reader.urls import normalize_url

BUSY_TIMEOUT_MS = 5000  # a second Reader writing: wait this long before saying "busy"
UNDO_SECONDS = 24 * 3600  # soft-deleted articles are purged for good after this
PURGE_BATCH = 200  # purge at most this many per open so that start-up stays quick
SNIPPET_TOKENS = 24
# Private-use characters mark snippet highlights so escaping cannot confuse them with text.
HIT_START, HIT_END = "\ue000", "\ue001"

SaveStatus = Literal["added", "updated", "unchanged"]

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
ROW_COLUMNS = (
    "a.id, a.title, a.site_name, a.published, a.saved_at, a.reading_minutes, a.starred,"
    " a.archived, a.read, a.url, a.tags, a.opened_at"
)
STORY_COLUMNS = (
    "s.id, s.title, s.url, s.summary, s.source, s.image, s.sponsored, s.times_recommended,"
    " s.first_seen, s.last_seen, s.read,"
    " (SELECT a.id FROM articles a WHERE a.url_key = s.url_key AND a.deleted_at IS NULL"
    "  ORDER BY a.id LIMIT 1)"
)

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


@dataclass(frozen=True)
class StoredArticle:
    """An article as kept: ``article.assets`` is empty; images come from Library.asset()."""

    id: int
    article: Article
    saved_at: datetime
    opened_at: datetime | None
    starred: bool
    archived: bool
    read: bool
    tags: tuple[str, ...]
    position: str | None
    updated_at: datetime | None = None
    origin: str | None = None


@dataclass(frozen=True)
class ArticleRow:
    id: int
    title: str
    site_name: str | None
    published: str | None
    saved_at: datetime
    reading_minutes: int
    starred: bool
    archived: bool
    read: bool
    url: str | None = None
    tags: tuple[str, ...] = ()
    opened_at: datetime | None = None


@dataclass(frozen=True)
class StoredStory:
    id: int
    story: Story
    times_recommended: int
    first_seen: datetime | None
    last_seen: datetime | None
    read: bool
    article_id: int | None  # the library article with that URL, if saved


@dataclass(frozen=True)
class SearchHit:
    """A search result; ``snippet`` is HTML-safe text with matches in <b>…</b>."""

    id: int
    title: str
    site_name: str | None
    published: str | None
    saved_at: datetime
    snippet: str
    rank: float
    starred: bool = False
    archived: bool = False
    read: bool = False
    url: str | None = None


@dataclass(frozen=True)
class SaveResult:
    id: int
    status: SaveStatus


@dataclass
class _ProfileCache:
    key: tuple[Any, ...] | None = None
    profile: Counter[str] = field(default_factory=Counter)


def _when(value: float | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


def _tags_text(tags: Sequence[str]) -> str:
    return "\n".join(tags)


def _tags_tuple(text: str | None) -> tuple[str, ...]:
    return tuple(tag for tag in (text or "").split("\n") if tag)


def story_key(story: Story) -> str | None:
    """Dedupe key: the normalized URL, else the normalized title (text dumps have no URLs)."""
    if story.url and story.url.strip():
        return "u:" + normalize_url(story.url)
    title = " ".join(story.title.casefold().split()).strip(" .,:;!?-–—\"'“”‘’")
    return "t:" + title if title else None


def content_hash(article: Article) -> str:
    """What makes a re-import "unchanged": everything but the source spelling."""
    data = article.to_json()
    data.pop("source", None)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode())
    for asset in article.assets:
        digest.update(f"\0{asset.url}\0{asset.media_type}\0{asset.sha256}".encode())
    return digest.hexdigest()


def _origin_for(article: Article, origin: str | None) -> str | None:
    if origin:
        return origin
    source = article.source.strip()
    if not source or source == "-":
        return None
    if source.lower().startswith(("http://", "https://")):
        return normalize_url(source)
    try:
        return str(Path(source).expanduser().resolve())
    except (OSError, RuntimeError, ValueError):
        return source


class Library:
    """The article library in one SQLite file (see module docstring)."""

    def __init__(self, path: Path | str | None = None) -> None:
        if path is None:
            from reader.paths import library_path

            path = library_path()
        self.path = Path(path)
        self._lock = threading.RLock()
        self._profile = _ProfileCache()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or str(error)
            raise StoreError(f"cannot create library folder {self.path.parent}: {reason}") from None
        try:
            self._conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise store_error(error, self.path) from None
        try:
            self._setup()
        except sqlite3.Error as error:
            self._conn.close()
            raise store_error(error, self.path) from None
        except BaseException:
            self._conn.close()
            raise

    def _setup(self) -> None:
        conn = self._conn
        conn.create_function("reader_story_score", 2, ranking.story_score, deterministic=True)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Touch the file first: a non-database says so here rather than in a later call.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        check_not_newer(int(version), self.path)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"library {self.path}: cannot use write-ahead logging ({mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn, self.path)
        self._purge_deleted()

    # -- plumbing -------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except sqlite3.Error as error:
                raise store_error(error, self.path) from None

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as error:
                raise store_error(error, self.path) from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it commits, or none of it (then StoreError)."""
        with self._lock:
            conn = self._conn
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

    # -- saving ---------------------------------------------------------------------------

    def save(self, article: Article, *, origin: str | None = None) -> int:
        """Save or update; returns the article id (kept when the article was already here)."""
        return self.save_result(article, origin=origin).id

    def save_result(self, article: Article, *, origin: str | None = None) -> SaveResult:
        """Save or update, saying whether the article was added, updated or unchanged.

        Same normalized URL, or else the same origin (absolute file path or URL loaded
        from) when neither side knows another address, means the same article: it is
        updated in place and keeps its id and state.
        """
        now = time.time()
        url_key = normalize_url(article.url) if article.url else None
        origin = _origin_for(article, origin)
        digest = content_hash(article)
        with self._write() as conn:
            existing = self._find_existing(conn, url_key, origin)
            if existing is None:
                article_id = self._insert_article(conn, article, url_key, origin, digest, now)
                self._write_body(conn, article_id, article, insert=True)
                self._write_assets(conn, article_id, article.assets)
                self._write_stories(conn, article_id, article.recommended, now, old_active=False)
                return SaveResult(article_id, "added")
            article_id, old_hash, deleted_at = existing
            if old_hash == digest and deleted_at is None:
                return SaveResult(article_id, "unchanged")
            self._update_article(conn, article_id, article, url_key, origin, digest, now)
            self._write_body(conn, article_id, article, insert=False)
            self._write_assets(conn, article_id, article.assets)
            self._write_stories(
                conn, article_id, article.recommended, now, old_active=deleted_at is None
            )
            return SaveResult(article_id, "updated")

    @staticmethod
    def _find_existing(
        conn: sqlite3.Connection, url_key: str | None, origin: str | None
    ) -> tuple[int, str | None, float | None] | None:
        if url_key is not None:
            row = conn.execute(
                "SELECT id, content_hash, deleted_at FROM articles WHERE url_key = ?"
                " ORDER BY deleted_at IS NOT NULL, id LIMIT 1",
                (url_key,),
            ).fetchone()
            if row is not None:
                return int(row[0]), row[1], row[2]
        if origin is not None:
            # The same file, unless it now holds a page with another known address.
            row = conn.execute(
                "SELECT id, content_hash, deleted_at FROM articles WHERE origin = ?"
                " AND (url_key IS NULL OR ? IS NULL) ORDER BY deleted_at IS NOT NULL, id LIMIT 1",
                (origin, url_key),
            ).fetchone()
            if row is not None:
                return int(row[0]), row[1], row[2]
        return None

    @staticmethod
    def _article_values(
        article: Article, url_key: str | None, origin: str | None, digest: str
    ) -> dict[str, Any]:
        host = None
        if article.url:
            try:
                host = (urlsplit(article.url).hostname or "").lower() or None
            except ValueError:
                host = None
        return {
            "source": article.source,
            "origin": origin,
            "url": article.url,
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
        }

    def _insert_article(
        self,
        conn: sqlite3.Connection,
        article: Article,
        url_key: str | None,
        origin: str | None,
        digest: str,
        now: float,
    ) -> int:
        values = self._article_values(article, url_key, origin, digest)
        values["saved_at"] = now
        columns = ", ".join(values)
        marks = ", ".join(f":{name}" for name in values)
        cursor = conn.execute(f"INSERT INTO articles ({columns}) VALUES ({marks})", values)
        return int(cursor.lastrowid or 0)

    def _update_article(
        self,
        conn: sqlite3.Connection,
        article_id: int,
        article: Article,
        url_key: str | None,
        origin: str | None,
        digest: str,
        now: float,
    ) -> None:
        values = self._article_values(article, url_key, origin, digest)
        if values["origin"] is None:
            del values["origin"]
        sets = ", ".join(f"{name} = :{name}" for name in values)
        values.update(id=article_id, now=now)
        conn.execute(
            f"UPDATE articles SET {sets}, updated_at = :now, deleted_at = NULL WHERE id = :id",
            values,
        )

    @staticmethod
    def _write_body(
        conn: sqlite3.Connection, article_id: int, article: Article, *, insert: bool
    ) -> None:
        if insert:
            conn.execute(
                "INSERT INTO article_bodies (article_id, content_html, text) VALUES (?, ?, ?)",
                (article_id, article.content_html, article.text),
            )
        else:
            conn.execute(
                "UPDATE article_bodies SET content_html = ?, text = ? WHERE article_id = ?",
                (article.content_html, article.text, article_id),
            )

    @staticmethod
    def _write_assets(conn: sqlite3.Connection, article_id: int, assets: Sequence[Asset]) -> None:
        old = {
            row[0]
            for row in conn.execute(
                "SELECT sha256 FROM article_assets WHERE article_id = ?", (article_id,)
            )
        }
        conn.execute("DELETE FROM article_assets WHERE article_id = ?", (article_id,))
        for asset in assets:
            digest = asset.sha256
            conn.execute(
                "INSERT OR IGNORE INTO assets (sha256, media_type, data) VALUES (?, ?, ?)",
                (digest, asset.media_type, asset.data),
            )
            conn.execute(
                "INSERT OR REPLACE INTO article_assets (article_id, url, sha256) VALUES (?, ?, ?)",
                (article_id, asset.url, digest),
            )
        _drop_orphan_assets(conn, old)

    @staticmethod
    def _write_stories(
        conn: sqlite3.Connection,
        article_id: int,
        stories: Sequence[Story],
        now: float,
        *,
        old_active: bool,
    ) -> None:
        """Replace the article's story links and move the maintained aggregate by the delta.

        ``old_active`` says whether the old links are counted in the aggregate (they are
        not when the article was soft-deleted: delete() already took them out).
        """
        old = {
            row[0]
            for row in conn.execute(
                "SELECT story_id FROM article_stories WHERE article_id = ?", (article_id,)
            )
        }
        if not old_active:
            old = set()
        conn.execute("DELETE FROM article_stories WHERE article_id = ?", (article_id,))
        new: list[int] = []
        for story in stories:
            key = story_key(story)
            if key is None:
                continue
            story_id = _upsert_story(conn, key, story)
            if story_id in new:
                continue
            conn.execute(
                "INSERT INTO article_stories (article_id, position, story_id) VALUES (?, ?, ?)",
                (article_id, len(new), story_id),
            )
            new.append(story_id)
        for story_id in new:
            added = story_id not in old
            conn.execute(
                "UPDATE stories SET times_recommended = times_recommended + :added,"
                " first_seen = coalesce(first_seen, :now),"
                " last_seen = max(coalesce(last_seen, :now), :now),"
                " score = reader_story_score(times_recommended + :added,"
                "  max(coalesce(last_seen, :now), :now))"
                " WHERE id = :id",
                {"added": int(added), "now": now, "id": story_id},
            )
        _count_down(conn, old - set(new))

    # -- reading --------------------------------------------------------------------------

    def article(self, article_id: int) -> StoredArticle:
        with self._read() as conn:
            row = conn.execute(
                "SELECT a.id, a.source, a.title, b.content_html, b.text, a.url, a.byline,"
                " a.published, a.site_name, a.lang, a.excerpt, a.lead_image, a.word_count,"
                " a.reading_minutes, a.readerable, a.saved_at, a.opened_at, a.starred,"
                " a.archived, a.read, a.tags, a.position, a.updated_at, a.origin"
                " FROM articles a JOIN article_bodies b ON b.article_id = a.id"
                " WHERE a.id = ? AND a.deleted_at IS NULL",
                (int(article_id),),
            ).fetchone()
            if row is None:
                raise StoreError(f"no article {article_id} in the library")
            stories = tuple(stored.story for stored in self._stories(conn, int(article_id)))
        article = Article(
            source=row[1],
            title=row[2],
            content_html=row[3],
            text=row[4],
            url=row[5],
            byline=row[6],
            published=row[7],
            site_name=row[8],
            lang=row[9],
            excerpt=row[10],
            lead_image=row[11],
            word_count=row[12],
            reading_minutes=row[13],
            readerable=bool(row[14]),
            recommended=stories,
        )
        return StoredArticle(
            id=row[0],
            article=article,
            saved_at=_when(row[15]) or datetime.fromtimestamp(0, UTC),
            opened_at=_when(row[16]),
            starred=bool(row[17]),
            archived=bool(row[18]),
            read=bool(row[19]),
            tags=_tags_tuple(row[20]),
            position=row[21],
            updated_at=_when(row[22]),
            origin=row[23],
        )

    def articles(
        self,
        limit: int = 200,
        offset: int = 0,
        filter: str = "all",
        tag: str | None = None,
        sort: str = "saved",
    ) -> list[ArticleRow]:
        """A page of the library list (lazy models fetch more with a growing offset)."""
        where, params = self._list_where(filter, tag)
        order = SORTS.get(sort)
        if order is None:
            raise StoreError(f"unknown sort {sort!r} (choose from {', '.join(SORTS)})")
        sql = (
            f"SELECT {ROW_COLUMNS} FROM articles a WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
        )
        with self._read() as conn:
            rows = conn.execute(sql, [*params, int(limit), int(offset)]).fetchall()
        return [_article_row(row) for row in rows]

    def count(self, filter: str = "all", tag: str | None = None) -> int:
        where, params = self._list_where(filter, tag)
        with self._read() as conn:
            return int(
                conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0]
            )

    @staticmethod
    def _list_where(filter: str, tag: str | None) -> tuple[str, list[Any]]:
        condition = FILTERS.get(filter)
        if condition is None:
            raise StoreError(f"unknown filter {filter!r} (choose from {', '.join(FILTERS)})")
        where = f"a.deleted_at IS NULL AND {condition}"
        params: list[Any] = []
        if tag:
            where += " AND a.id IN (SELECT t.article_id FROM article_tags t WHERE t.tag = ?)"
            params.append(tag)
        return where, params

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use with its number of articles, alphabetical."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT t.tag, count(*) FROM article_tags t JOIN articles a ON a.id = t.article_id"
                " WHERE a.deleted_at IS NULL GROUP BY t.tag COLLATE NOCASE ORDER BY t.tag"
                " COLLATE NOCASE"
            ).fetchall()
        return [(row[0], int(row[1])) for row in rows]

    def asset(self, article_id: int, url: str) -> tuple[str, bytes] | None:
        """(media_type, data) of an image the article references, or None.

        Tries the URL as given, then percent-decoded, then a unique file-name match, since
        the view may hand back the reference resolved or re-encoded.
        """
        with self._read() as conn:
            candidates = [url, unquote(url)]
            for candidate in candidates:
                row = conn.execute(
                    "SELECT s.media_type, s.data FROM article_assets x"
                    " JOIN assets s ON s.sha256 = x.sha256 WHERE x.article_id = ? AND x.url = ?",
                    (int(article_id), candidate),
                ).fetchone()
                if row is not None:
                    return str(row[0]), bytes(row[1])
            name = unquote(url).rstrip("/").rsplit("/", 1)[-1].split("?")[0]
            if not name:
                return None
            rows = conn.execute(
                "SELECT x.url, x.sha256 FROM article_assets x WHERE x.article_id = ?",
                (int(article_id),),
            ).fetchall()
            matches = {
                sha for ref, sha in rows if unquote(ref).split("?")[0].rsplit("/", 1)[-1] == name
            }
            if len(matches) != 1:
                return None
            row = conn.execute(
                "SELECT media_type, data FROM assets WHERE sha256 = ?", (matches.pop(),)
            ).fetchone()
            return None if row is None else (str(row[0]), bytes(row[1]))

    def find_by_url(self, url: str) -> int | None:
        with self._read() as conn:
            row = conn.execute(
                "SELECT id FROM articles WHERE url_key = ? AND deleted_at IS NULL"
                " ORDER BY id LIMIT 1",
                (normalize_url(url),),
            ).fetchone()
        return None if row is None else int(row[0])

    def find_by_origin(self, origin: str) -> int | None:
        with self._read() as conn:
            row = conn.execute(
                "SELECT id FROM articles WHERE origin = ? AND deleted_at IS NULL"
                " ORDER BY id LIMIT 1",
                (origin,),
            ).fetchone()
        return None if row is None else int(row[0])

    def last_opened(self) -> int | None:
        with self._read() as conn:
            row = conn.execute(
                "SELECT id FROM articles WHERE opened_at IS NOT NULL AND deleted_at IS NULL"
                " ORDER BY opened_at DESC LIMIT 1"
            ).fetchone()
        return None if row is None else int(row[0])

    # -- state ----------------------------------------------------------------------------

    def mark_opened(self, article_id: int) -> None:
        """Remember the article as opened now; the story with its URL counts as read."""
        with self._write() as conn:
            row = self._require(conn, article_id, "url_key")
            conn.execute(
                "UPDATE articles SET opened_at = ? WHERE id = ?", (time.time(), article_id)
            )
            if row[0]:
                conn.execute("UPDATE stories SET read = 1 WHERE url_key = ?", (row[0],))

    def mark_story_read(self, story_id: int, read: bool = True) -> None:
        with self._write() as conn:
            conn.execute("UPDATE stories SET read = ? WHERE id = ?", (int(read), int(story_id)))

    def set_starred(self, article_id: int, starred: bool) -> None:
        self._set_flag(article_id, "starred", starred)

    def set_archived(self, article_id: int, archived: bool) -> None:
        self._set_flag(article_id, "archived", archived)

    def set_read(self, article_id: int, read: bool) -> None:
        self._set_flag(article_id, "read", read)

    def _set_flag(self, article_id: int, column: str, value: bool) -> None:
        with self._write() as conn:
            self._require(conn, article_id)
            conn.execute(f"UPDATE articles SET {column} = ? WHERE id = ?", (int(value), article_id))

    def set_tags(self, article_id: int, tags: Sequence[str]) -> None:
        """Replace the tags (trimmed, blanks and case-insensitive repeats dropped)."""
        clean: list[str] = []
        for tag in tags:
            text = " ".join(str(tag).split())
            if text and text.casefold() not in {t.casefold() for t in clean}:
                clean.append(text)
        with self._write() as conn:
            self._require(conn, article_id)
            conn.execute("DELETE FROM article_tags WHERE article_id = ?", (article_id,))
            conn.executemany(
                "INSERT INTO article_tags (article_id, tag) VALUES (?, ?)",
                [(article_id, tag) for tag in clean],
            )
            conn.execute(
                "UPDATE articles SET tags = ? WHERE id = ?", (_tags_text(clean), article_id)
            )

    def save_position(self, article_id: int, position: str | None) -> None:
        with self._write() as conn:
            self._require(conn, article_id)
            conn.execute("UPDATE articles SET position = ? WHERE id = ?", (position, article_id))

    def delete(self, article_id: int) -> None:
        """Move the article out of the library; restore(article_id) brings it back.

        Its stories stop counting in "For you" at once; the row is purged for good
        UNDO_SECONDS later (at a later start).
        """
        with self._write() as conn:
            self._require(conn, article_id)
            conn.execute(
                "UPDATE articles SET deleted_at = ? WHERE id = ?", (time.time(), article_id)
            )
            links = {
                row[0]
                for row in conn.execute(
                    "SELECT story_id FROM article_stories WHERE article_id = ?", (article_id,)
                )
            }
            _count_down(conn, links)

    def restore(self, article_id: int) -> None:
        """Undo delete(): the article and its stories' counts come back as they were."""
        now = time.time()
        with self._write() as conn:
            row = conn.execute(
                "SELECT deleted_at FROM articles WHERE id = ?", (int(article_id),)
            ).fetchone()
            if row is None:
                raise StoreError(f"article {article_id} cannot be restored any more")
            if row[0] is None:
                return
            conn.execute("UPDATE articles SET deleted_at = NULL WHERE id = ?", (article_id,))
            conn.execute(
                "UPDATE stories SET times_recommended = times_recommended + 1,"
                " first_seen = coalesce(first_seen, :now), last_seen = coalesce(last_seen, :now),"
                " score = reader_story_score(times_recommended + 1, coalesce(last_seen, :now))"
                " WHERE id IN (SELECT story_id FROM article_stories WHERE article_id = :id)",
                {"now": now, "id": article_id},
            )

    def _purge_deleted(self, older_than: float = UNDO_SECONDS) -> None:
        """Remove soft-deleted articles past the undo window, with their orphan assets."""
        cutoff = time.time() - older_than
        with self._lock:
            ids = [
                row[0]
                for row in self._conn.execute(
                    "SELECT id FROM articles WHERE deleted_at IS NOT NULL AND deleted_at < ?"
                    " LIMIT ?",
                    (cutoff, PURGE_BATCH),
                )
            ]
        for article_id in ids:
            with self._write() as conn:
                shas = {
                    row[0]
                    for row in conn.execute(
                        "SELECT sha256 FROM article_assets WHERE article_id = ?", (article_id,)
                    )
                }
                conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                _drop_orphan_assets(conn, shas)

    @staticmethod
    def _require(conn: sqlite3.Connection, article_id: int, columns: str = "id") -> tuple[Any, ...]:
        row = conn.execute(
            f"SELECT {columns} FROM articles WHERE id = ? AND deleted_at IS NULL",
            (int(article_id),),
        ).fetchone()
        if row is None:
            raise StoreError(f"no article {article_id} in the library")
        return tuple(row)

    # -- stories --------------------------------------------------------------------------

    def stories(self, article_id: int) -> list[StoredStory]:
        """The stories the article recommended, in page order (sponsored ones included)."""
        with self._read() as conn:
            return self._stories(conn, int(article_id))

    @staticmethod
    def _stories(conn: sqlite3.Connection, article_id: int) -> list[StoredStory]:
        rows = conn.execute(
            f"SELECT {STORY_COLUMNS} FROM article_stories l JOIN stories s ON s.id = l.story_id"
            " WHERE l.article_id = ? ORDER BY l.position",
            (article_id,),
        ).fetchall()
        return [_stored_story(row) for row in rows]

    def for_you(self, limit: int = 50, include_sponsored: bool = False) -> list[StoredStory]:
        """Unread stories across the library, best first (see reader.store.ranking)."""
        sponsored = "" if include_sponsored else " AND s.sponsored = 0"
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {STORY_COLUMNS}, s.score FROM stories s INDEXED BY stories_rank"
                f" WHERE s.read = 0 AND s.times_recommended > 0{sponsored}"
                " ORDER BY s.score DESC LIMIT ?",
                (max(int(limit), ranking.CANDIDATES),),
            ).fetchall()
            profile = self._reading_profile(conn)
        documents = [f"{row[1]} {row[3]}" for row in rows]
        close = ranking.closeness(documents, profile)
        order = ranking.rerank([row[-1] for row in rows], close)
        return [_stored_story(rows[index][:-1]) for index in order[: int(limit)]]

    def _reading_profile(self, conn: sqlite3.Connection) -> Counter[str]:
        rows = conn.execute(
            "SELECT id, opened_at, title, excerpt, tags FROM articles"
            " WHERE opened_at IS NOT NULL AND deleted_at IS NULL"
            " ORDER BY opened_at DESC LIMIT ?",
            (ranking.RECENT_OPENED,),
        ).fetchall()
        key = tuple((row[0], row[1]) for row in rows)
        if key != self._profile.key:
            texts = [f"{row[2]} {row[2]} {row[3] or ''} {row[4] or ''}" for row in rows]
            self._profile = _ProfileCache(key, ranking.reading_profile(texts))
        return self._profile.profile

    # -- search ---------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50, offset: int = 0) -> list[SearchHit]:
        """Search title, byline, site, text and tags (syntax: reader.store.search)."""
        parsed = search.parse(query)
        conditions = ["a.deleted_at IS NULL", *parsed.conditions]
        params: list[Any] = list(parsed.params)
        if parsed.exclude is not None:
            conditions.append(
                "a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            )
            params.append(parsed.exclude)
        where = " AND ".join(conditions)
        with self._read() as conn:
            if parsed.match is None:
                if not parsed.conditions and parsed.exclude is None:
                    return []
                rows = conn.execute(
                    f"SELECT {ROW_COLUMNS}, a.excerpt FROM articles a WHERE {where}"
                    " ORDER BY a.saved_at DESC LIMIT ? OFFSET ?",
                    [*params, int(limit), int(offset)],
                ).fetchall()
                return [_hit(row[:12], _escape_snippet(row[12] or ""), 0.0) for row in rows]
            # CROSS JOIN keeps FTS5 outermost: it sorts by rank itself, so the filters and
            # snippet() run only for the rows actually returned, never for every match.
            rows = conn.execute(
                f"SELECT {ROW_COLUMNS}, f.rank,"
                f" snippet(articles_fts, -1, ?, ?, '…', {SNIPPET_TOKENS:d})"
                " FROM articles_fts f CROSS JOIN articles a ON a.id = f.rowid"
                f" WHERE articles_fts MATCH ? AND {where} ORDER BY f.rank LIMIT ? OFFSET ?",
                [HIT_START, HIT_END, parsed.match, *params, int(limit), int(offset)],
            ).fetchall()
        return [_hit(row[:12], _escape_snippet(row[13] or ""), float(row[12])) for row in rows]


def _escape_snippet(text: str) -> str:
    import html

    escaped = html.escape(" ".join(text.split()), quote=False)
    return escaped.replace(HIT_START, "<b>").replace(HIT_END, "</b>")


def _article_row(row: Sequence[Any]) -> ArticleRow:
    return ArticleRow(
        id=row[0],
        title=row[1],
        site_name=row[2],
        published=row[3],
        saved_at=_when(row[4]) or datetime.fromtimestamp(0, UTC),
        reading_minutes=row[5],
        starred=bool(row[6]),
        archived=bool(row[7]),
        read=bool(row[8]),
        url=row[9],
        tags=_tags_tuple(row[10]),
        opened_at=_when(row[11]),
    )


def _hit(row: Sequence[Any], snippet: str, rank: float) -> SearchHit:
    item = _article_row(row)
    return SearchHit(
        id=item.id,
        title=item.title,
        site_name=item.site_name,
        published=item.published,
        saved_at=item.saved_at,
        snippet=snippet,
        rank=rank,
        starred=item.starred,
        archived=item.archived,
        read=item.read,
        url=item.url,
    )


def _stored_story(row: Sequence[Any]) -> StoredStory:
    story = Story(
        title=row[1],
        url=row[2],
        summary=row[3] or "",
        source=row[4] or "",
        image=row[5],
        sponsored=bool(row[6]),
    )
    return StoredStory(
        id=row[0],
        story=story,
        times_recommended=int(row[7] or 0),
        first_seen=_when(row[8]),
        last_seen=_when(row[9]),
        read=bool(row[10]),
        article_id=None if row[11] is None else int(row[11]),
    )


def _upsert_story(conn: sqlite3.Connection, key: str, story: Story) -> int:
    """One row per story: the first title stays; later sightings fill in what is missing."""
    url_key = key[2:] if key.startswith("u:") else None
    row = conn.execute(
        "INSERT INTO stories (key, title, url, url_key, summary, source, image, sponsored)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET"
        "  title = CASE WHEN title = '' THEN excluded.title ELSE title END,"
        "  summary = CASE WHEN excluded.summary <> '' THEN excluded.summary ELSE summary END,"
        "  source = CASE WHEN excluded.source <> '' THEN excluded.source ELSE source END,"
        "  image = coalesce(excluded.image, image),"
        "  url = coalesce(url, excluded.url),"
        "  sponsored = max(sponsored, excluded.sponsored)"
        " RETURNING id",
        (
            key,
            " ".join(story.title.split()),
            story.url,
            url_key,
            story.summary or "",
            story.source or "",
            story.image,
            int(story.sponsored),
        ),
    ).fetchone()
    return int(row[0])


def _count_down(conn: sqlite3.Connection, story_ids: set[int]) -> None:
    for story_id in story_ids:
        conn.execute(
            "UPDATE stories SET times_recommended = max(times_recommended - 1, 0),"
            " score = reader_story_score(max(times_recommended - 1, 0), last_seen)"
            " WHERE id = ?",
            (story_id,),
        )


def _drop_orphan_assets(conn: sqlite3.Connection, shas: set[str]) -> None:
    for sha in shas:
        conn.execute(
            "DELETE FROM assets WHERE sha256 = ?"
            " AND NOT EXISTS (SELECT 1 FROM article_assets WHERE sha256 = ?)",
            (sha, sha),
        )
