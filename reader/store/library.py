"""The library: every article Reader opened, in one SQLite file that survives crashes.

``Library`` is the facade the CLI and the UI use: each method takes the lock, opens one
read or one write transaction (an article with its assets and stories commits or not at
all) and hands the work to the module that owns it: articles, stories, assets, fulltext.
"""

import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.highlights.anchors import Anchor
from reader.highlights.colors import DEFAULT_COLOR
from reader.model import Article, Asset, Page
from reader.store import (
    articles,
    assets,
    fetch_queue,
    for_you,
    fulltext,
    highlights,
    imported,
    listening,
    originals,
    stories,
)
from reader.store.database import Database
from reader.store.fetch_queue import QueueCounts, QueuedFetch, QueueState
from reader.store.highlights import Highlight
from reader.store.imported import Keep, Kept
from reader.store.rows import ArticleRow, SaveResult, SearchHit, StoredArticle
from reader.store.story_rows import StoredStory
from reader.urls import normalize_url

# Given the article as it was, as it is now and its highlights: each highlight's new
# anchor (None: not found, listed as detached). reader.service.reextract lays text out.
MoveHighlights = Callable[[Article, Article, list[Highlight]], list[tuple[int, Anchor | None]]]

UNDO_SECONDS = 24 * 3600  # soft-deleted articles are purged for good after this
PURGE_BATCH = 200  # purge at most this many per open so that start-up stays quick


class Library:
    """The article library in one SQLite file (see module docstring)."""

    def __init__(self, path: Path | str | None = None) -> None:
        if path is None:
            from reader.paths import library_path

            path = library_path()
        self.path = Path(path)
        self._db = Database(self.path)
        self._profile = for_you.ProfileCache()
        try:
            self._purge_deleted()
        except BaseException:
            self._db.conn.close()
            raise

    @property
    def _conn(self) -> sqlite3.Connection:
        """The raw connection, for tests and benchmarks that look inside the file."""
        return self._db.conn

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- saving ---------------------------------------------------------------------------

    def save(self, article: Article, *, origin: str | None = None, bundled: bool = False) -> int:
        """Save or update; returns the article id (kept when the article was already here)."""
        return self.save_result(article, origin=origin, bundled=bundled).id

    def save_result(
        self, article: Article, *, origin: str | None = None, bundled: bool = False
    ) -> SaveResult:
        """Save or update, saying whether the article was added, updated or unchanged.

        Same normalized URL, or else the same origin (absolute file path or URL loaded
        from) when neither side knows another address, means the same article: it is
        updated in place and keeps its id and state. ``bundled``: Reader's own sample
        article, whose stories never count in "For you".
        """
        with self._db.write() as conn:
            return articles.save(conn, article, origin, time.time(), bundled=bundled)

    def version(self) -> tuple[int, int]:
        """(data_version, total changes): the first moves when another connection committed,
        the second when this one wrote (cheap: compare them to know whether to read the
        library again)."""
        with self._db.read() as conn:
            return int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes

    # -- reading --------------------------------------------------------------------------

    def article(self, article_id: int) -> StoredArticle:
        with self._db.read() as conn:
            return articles.load(conn, int(article_id))

    def row(self, article_id: int) -> ArticleRow:
        """One live article as the list shows it (title and state, no body)."""
        with self._db.read() as conn:
            return articles.one_row(conn, int(article_id))

    def articles(
        self,
        limit: int = 200,
        offset: int = 0,
        filter: str = "all",
        tag: str | None = None,
        sort: str = "saved",
    ) -> list[ArticleRow]:
        """A page of the library list (lazy models fetch more with a growing offset)."""
        with self._db.read() as conn:
            return articles.list_page(conn, int(limit), int(offset), filter, tag, sort)

    def count(self, filter: str = "all", tag: str | None = None) -> int:
        with self._db.read() as conn:
            return articles.count(conn, filter, tag)

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use with its number of articles, alphabetical."""
        with self._db.read() as conn:
            return articles.tag_counts(conn)

    def asset(self, article_id: int, url: str) -> tuple[str, bytes] | None:
        """(media_type, data) of an image the article references, or None."""
        with self._db.read() as conn:
            return assets.find_asset(conn, int(article_id), url)

    def article_assets(self, article_id: int) -> list[Asset]:
        """Every image (and other asset) kept with the article."""
        with self._db.read() as conn:
            return assets.article_assets(conn, int(article_id))

    def add_assets(self, article_id: int, new: Sequence[Asset]) -> None:
        """Keep more images with a saved article (fetched after it was saved)."""
        with self._db.write() as conn:
            articles.require(conn, int(article_id))
            assets.add_assets(conn, int(article_id), new)

    def article_ids(self) -> list[int]:
        """Every live article, newest saved first (Reader's own sample left out)."""
        with self._db.read() as conn:
            return articles.live_ids(conn)

    def find_by_url(self, url: str) -> int | None:
        with self._db.read() as conn:
            return articles.first_id_where(conn, "url_key = ?", normalize_url(url))

    def last_opened(self) -> int | None:
        with self._db.read() as conn:
            return articles.last_opened(conn)

    # -- state ----------------------------------------------------------------------------

    def mark_opened(self, article_id: int) -> None:
        """Remember the article as opened now; the story with its URL counts as read."""
        with self._db.write() as conn:
            articles.mark_opened(conn, article_id, time.time())

    def mark_story_read(self, story_id: int, read: bool = True) -> None:
        with self._db.write() as conn:
            conn.execute("UPDATE stories SET read = ? WHERE id = ?", (int(read), int(story_id)))

    def set_starred(self, article_id: int, starred: bool) -> None:
        self._set_column(article_id, "starred", int(starred))

    def set_archived(self, article_id: int, archived: bool) -> None:
        self._set_column(article_id, "archived", int(archived))

    def set_read(self, article_id: int, read: bool) -> None:
        self._set_column(article_id, "read", int(read))

    def save_position(self, article_id: int, position: str | None) -> None:
        self._set_column(article_id, "position", position)

    def _set_column(self, article_id: int, column: str, value: int | str | None) -> None:
        with self._db.write() as conn:
            articles.set_column(conn, article_id, column, value)

    def set_tags(self, article_id: int, tags: Sequence[str]) -> None:
        """Replace the tags (trimmed, blanks and case-insensitive repeats dropped)."""
        with self._db.write() as conn:
            articles.set_tags(conn, article_id, tags)

    def delete(self, article_id: int, *, keep_highlights: bool = True) -> None:
        """Move the article out of the library; restore(article_id) brings it back.

        Its stories stop counting in "For you" at once; the row is purged for good
        UNDO_SECONDS later (at a later start). Its highlights are kept (listed as
        detached, with its title and address) or, with ``keep_highlights=False``, go
        with it (and come back with it).
        """
        now = time.time()
        with self._db.write() as conn:
            articles.soft_delete(conn, article_id, now)
            highlights.article_deleted(conn, article_id, now, keep=keep_highlights)

    def restore(self, article_id: int) -> None:
        """Undo delete(): the article and its stories' counts come back as they were."""
        with self._db.write() as conn:
            highlights.article_restored(conn, article_id)
            articles.restore(conn, article_id, time.time())

    def _purge_deleted(self, older_than: float = UNDO_SECONDS) -> None:
        """Remove soft-deleted articles (with their orphan assets) and removed highlights
        past the undo window."""
        with self._db.read() as conn:
            ids = articles.deleted_before(conn, time.time() - older_than, PURGE_BATCH)
        for article_id in ids:
            with self._db.write() as conn:
                articles.purge(conn, article_id)
        cutoff = time.time() - older_than
        with self._db.read() as conn:
            due = highlights.removed_before(conn, cutoff)
        if due:  # a write only when there is something to purge (another Reader may write)
            with self._db.write() as conn:
                highlights.purge_removed(conn, cutoff)

    # -- listening ------------------------------------------------------------------------

    def listen_queue(self, limit: int = 200) -> list[ArticleRow]:
        """The articles waiting to be listened to, first to play first."""
        with self._db.read() as conn:
            return listening.queue(conn, int(limit))

    def queue_to_listen(self, article_id: int, *, next_up: bool = False) -> None:
        """Add to the listening queue: last, or first ("listen next") with ``next_up``."""
        with self._db.write() as conn:
            listening.add(conn, int(article_id), time.time(), next_up=next_up)

    def unqueue(self, article_id: int) -> None:
        with self._db.write() as conn:
            listening.remove(conn, article_id)

    def clear_listen_queue(self) -> None:
        with self._db.write() as conn:
            listening.clear(conn)

    def next_to_listen(self) -> int | None:
        """Take the first article off the queue (None when it is empty)."""
        with self._db.write() as conn:
            return listening.take_next(conn)

    def listen_position(self, article_id: int) -> int | None:
        """Where listening stopped (a reading-view text position), None from the start."""
        with self._db.read() as conn:
            return listening.position(conn, int(article_id))

    def listen_rank(self, article_id: int) -> float | None:
        """The article's place in the listening queue (lowest first), None: not queued."""
        with self._db.read() as conn:
            return listening.rank(conn, int(article_id))

    def save_listen_position(self, article_id: int, position: int | None) -> None:
        with self._db.write() as conn:
            listening.set_position(conn, int(article_id), position)

    # -- highlights -----------------------------------------------------------------------

    def add_highlight(
        self,
        article_id: int,
        anchor: Anchor,
        *,
        color: str = DEFAULT_COLOR,
        note: str = "",
        created_at: float | None = None,
        detached: bool = False,
        updated_at: float | None = None,
    ) -> Highlight:
        """Keep a highlight of a live article (``detached``: its quote was not found in
        the article's text, it is kept all the same). Callers that start from a quote use
        reader.service.highlighting.highlight_quote, which finds the anchor."""
        with self._db.write() as conn:
            highlight_id = highlights.add(
                conn,
                article_id,
                anchor,
                color=color,
                note=note,
                created_at=time.time() if created_at is None else float(created_at),
                detached=detached,
                updated_at=updated_at,
            )
            return highlights.get(conn, highlight_id)

    def highlight(self, highlight_id: int) -> Highlight:
        with self._db.read() as conn:
            return highlights.get(conn, highlight_id)

    def article_highlights(self, article_id: int) -> list[Highlight]:
        """The article's highlights in reading order, the detached ones last."""
        with self._db.read() as conn:
            return highlights.for_article(conn, int(article_id))

    def highlights(self, query: str = "", limit: int = 200, offset: int = 0) -> list[Highlight]:
        """Every highlight, newest first, filtered by ``query`` (the search syntax: words of
        quotes and notes, site:, tag:, is:...)."""
        with self._db.read() as conn:
            return highlights.newest(conn, query, int(limit), int(offset))

    def highlighted_articles(self) -> list[int | None]:
        """Live articles with highlights, most recently highlighted first; None stands for
        the highlights kept from deleted articles (``kept_highlights``)."""
        with self._db.read() as conn:
            return highlights.articles_with_highlights(conn)

    def kept_highlights(self) -> list[Highlight]:
        """Highlights kept when their article was deleted."""
        with self._db.read() as conn:
            return highlights.kept_without_article(conn)

    def set_highlight_note(self, highlight_id: int, note: str) -> None:
        with self._db.write() as conn:
            highlights.set_note(conn, highlight_id, note, time.time())

    def set_highlight_color(self, highlight_id: int, color: str) -> None:
        with self._db.write() as conn:
            highlights.set_color(conn, highlight_id, color, time.time())

    def remove_highlight(self, highlight_id: int) -> None:
        """Take a highlight away; restore_highlight() undoes it."""
        with self._db.write() as conn:
            highlights.remove(conn, highlight_id, time.time())

    def restore_highlight(self, highlight_id: int) -> None:
        with self._db.write() as conn:
            highlights.restore(conn, highlight_id)

    def set_highlight_anchors(self, changes: Sequence[tuple[int, Anchor | None]]) -> None:
        """Highlights found again in an article's new text (their new anchors), or not
        (None: listed as detached until a later text has them again)."""
        with self._db.write() as conn:
            highlights.set_anchors(conn, changes, time.time())

    # -- originals and re-extraction (schema 8) -------------------------------------------

    def original(self, article_id: int) -> Page | None:
        """The page the live article was extracted from, or None when it was saved
        before Reader kept originals."""
        with self._db.read() as conn:
            articles.require(conn, int(article_id))
            return originals.load(conn, int(article_id))

    def reextract_candidates(self, host: str | None = None) -> list[tuple[int, bool]]:
        """(id, has an original) of every live article, or of those from ``host``
        (case-insensitive; "news.example" takes in "www.news.example", as its rules file
        does), oldest first."""
        where, params = "a.deleted_at IS NULL", []
        if host is not None:
            bare = host.strip().lower()
            where += " AND a.host IN (?, ?)"
            params += [bare, bare if bare.startswith("www.") else f"www.{bare}"]
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT a.id, o.article_id IS NOT NULL FROM articles a"
                " LEFT JOIN article_originals o ON o.article_id = a.id"
                f" WHERE {where} ORDER BY a.id",
                params,
            ).fetchall()
        return [(int(row[0]), bool(row[1])) for row in rows]

    def originals_size(self) -> tuple[int, int]:
        """(markup bytes as loaded, bytes kept compressed) over every original."""
        with self._db.read() as conn:
            return originals.sizes(conn)

    def replace_extraction(
        self, article_id: int, article: Article, move_highlights: MoveHighlights
    ) -> bool:
        """Put a new extraction of the article's own original in its place, in one
        transaction: its state, tags, reading position and saved date stay, and its
        highlights get the anchors ``move_highlights(old, new, highlights)`` finds in the
        new text (None: detached). False, nothing written, when the text is unchanged."""
        with self._db.write() as conn:
            old = articles.load(conn, int(article_id)).article
            kept = highlights.for_article(conn, int(article_id))
            now = time.time()
            if not articles.reextracted(conn, int(article_id), article, now):
                return False
            if kept:
                new = articles.load(conn, int(article_id)).article
                highlights.set_anchors(conn, move_highlights(old, new, kept), now)
            return True

    # -- moving in: imported articles and the fetch queue -----------------------------------

    def keep_imported(self, items: Sequence[Keep]) -> list[Kept]:
        """Keep imported articles in one transaction (reader.store.imported.keep each):
        new ones added, the same ones merged, addresses without text queued to fetch."""
        now = time.time()
        with self._db.write() as conn:
            return [imported.keep(conn, item, now) for item in items]

    def fill_fetched(self, article_id: int, article: Article, origin: str | None) -> int:
        """A queued address's page arrived: it fills the placeholder (or joins the same
        article already kept) and the queue says fetched. Returns the article's id."""
        now = time.time()
        with self._db.write() as conn:
            kept = imported.fill(conn, article_id, article, origin, now)
            fetch_queue.done(conn, kept, now)
            return kept

    def fetch_due(self, limit: int = 100, skip_hosts: Sequence[str] = ()) -> list[QueuedFetch]:
        """The next due page of each host (reader.store.fetch_queue.due)."""
        with self._db.read() as conn:
            return fetch_queue.due(conn, time.time(), int(limit), skip_hosts)

    def fetch_next_due(self) -> float | None:
        with self._db.read() as conn:
            return fetch_queue.next_due(conn)

    def fetch_take(self, article_id: int) -> bool:
        with self._db.write() as conn:
            return fetch_queue.take(conn, int(article_id))

    def fetch_release_taken(self) -> int:
        """Queue again what a runner that ended without finishing had taken."""
        with self._db.write() as conn:
            return fetch_queue.release_taken(conn)

    def fetch_failed(self, article_id: int, reason: str, *, login: bool = False) -> None:
        with self._db.write() as conn:
            fetch_queue.failed(conn, int(article_id), reason, time.time(), login=login)

    def fetch_later(self, article_id: int, reason: str, not_before: float) -> None:
        with self._db.write() as conn:
            fetch_queue.later(conn, int(article_id), reason, not_before)

    def fetch_requeue(
        self, states: tuple[QueueState, ...] = ("failed", "login"), host: str | None = None
    ) -> int:
        with self._db.write() as conn:
            return fetch_queue.requeue(conn, states, host)

    def fetch_requeue_articles(self, article_ids: Sequence[int]) -> int:
        """Queue again the pages of these articles that failed or wanted a login."""
        with self._db.write() as conn:
            return fetch_queue.requeue_articles(conn, article_ids)

    def fetch_counts(self) -> QueueCounts:
        with self._db.read() as conn:
            return fetch_queue.counts(conn)

    def fetch_listed(self, states: tuple[QueueState, ...], limit: int = 200) -> list[QueuedFetch]:
        with self._db.read() as conn:
            return fetch_queue.listed(conn, states, int(limit))

    def fetch_state(self, article_id: int) -> QueuedFetch | None:
        """Where the article's page stands in the fetch queue (None: never queued)."""
        with self._db.read() as conn:
            return fetch_queue.state(conn, int(article_id))

    # -- stories and search ---------------------------------------------------------------

    def stories(self, article_id: int) -> list[StoredStory]:
        """The stories the article recommended, in page order (sponsored ones included)."""
        with self._db.read() as conn:
            return stories.article_stories(conn, int(article_id))

    def for_you(self, limit: int = 50, include_sponsored: bool = False) -> list[StoredStory]:
        """Unread stories across the library, best first, each with its ``reason`` (see
        reader.store.for_you and reader.store.ranking)."""
        with self._db.read() as conn:
            return for_you.for_you(conn, self._profile, int(limit), include_sponsored)

    def for_you_count(self, include_sponsored: bool = False) -> int:
        """How many unread stories "For you" can offer (a maintained count)."""
        with self._db.read() as conn:
            return for_you.count_unread(conn, include_sponsored)

    def search(self, query: str, limit: int = 50, offset: int = 0) -> list[SearchHit]:
        """Search title, byline, site, text and tags (syntax: reader.store.search)."""
        with self._db.read() as conn:
            return fulltext.search_articles(conn, query, int(limit), int(offset))
