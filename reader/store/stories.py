"""Recommended stories: one row per story, links in page order, and maintained counts.

``stories.times_recommended`` and ``stories.score`` are kept up to date on every save,
delete and restore (a GROUP BY over every link would take seconds on a big library), so
"For you" reads the best candidates straight from an index.
"""

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from reader.model import Story
from reader.store import ranking
from reader.store.rows import STORY_COLUMNS, StoredStory, stored_story
from reader.urls import normalize_url

TITLE_EDGE_PUNCTUATION = " .,:;!?-–—\"'“”‘’"


def story_key(story: Story) -> str | None:
    """Dedupe key: the normalized URL, else the normalized title (text dumps have no URLs)."""
    if story.url and story.url.strip():
        return "u:" + normalize_url(story.url)
    title = " ".join(story.title.casefold().split()).strip(TITLE_EDGE_PUNCTUATION)
    return "t:" + title if title else None


def linked_story_ids(conn: sqlite3.Connection, article_id: int) -> set[int]:
    return {
        row[0]
        for row in conn.execute(
            "SELECT story_id FROM article_stories WHERE article_id = ?", (article_id,)
        )
    }


def article_stories(conn: sqlite3.Connection, article_id: int) -> list[StoredStory]:
    """The stories the article recommended, in page order (sponsored ones included), each
    with the heading of the list it sat in on that page."""
    rows = conn.execute(
        f"SELECT {STORY_COLUMNS}, l.list_label FROM article_stories l"
        " JOIN stories s ON s.id = l.story_id WHERE l.article_id = ? ORDER BY l.position",
        (article_id,),
    ).fetchall()
    return [_in_list(stored_story(row), row[-1]) for row in rows]


def _in_list(stored: StoredStory, label: str) -> StoredStory:
    return replace(stored, story=replace(stored.story, group=label)) if label else stored


def write_stories(
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
    old = linked_story_ids(conn, article_id) if old_active else set()
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
            "INSERT INTO article_stories (article_id, position, story_id, list_label)"
            " VALUES (?, ?, ?, ?)",
            (article_id, len(new), story_id, story.group),
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
    count_down(conn, old - set(new))


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


def count_down(conn: sqlite3.Connection, story_ids: Iterable[int]) -> None:
    """Take one recommendation off each story (its article went away)."""
    for story_id in story_ids:
        conn.execute(
            "UPDATE stories SET times_recommended = max(times_recommended - 1, 0),"
            " score = reader_story_score(max(times_recommended - 1, 0), last_seen)"
            " WHERE id = ?",
            (story_id,),
        )


def count_up_article(conn: sqlite3.Connection, article_id: int, now: float) -> None:
    """Give back the recommendations a deleted article took away (undo of count_down)."""
    conn.execute(
        "UPDATE stories SET times_recommended = times_recommended + 1,"
        " first_seen = coalesce(first_seen, :now), last_seen = coalesce(last_seen, :now),"
        " score = reader_story_score(times_recommended + 1, coalesce(last_seen, :now))"
        " WHERE id IN (SELECT story_id FROM article_stories WHERE article_id = :id)",
        {"now": now, "id": article_id},
    )


@dataclass
class ProfileCache:
    """The reading profile, rebuilt only when the recently opened articles change."""

    key: tuple[Any, ...] | None = None
    profile: Counter[str] = field(default_factory=Counter)

    def profile_for(self, conn: sqlite3.Connection) -> Counter[str]:
        rows = conn.execute(
            "SELECT id, opened_at, title, excerpt, tags FROM articles"
            " WHERE opened_at IS NOT NULL AND deleted_at IS NULL"
            " ORDER BY opened_at DESC LIMIT ?",
            (ranking.RECENT_OPENED,),
        ).fetchall()
        key = tuple((row[0], row[1]) for row in rows)
        if key != self.key:
            # The title counts twice: it says more about a story's subject than the excerpt.
            texts = [f"{row[2]} {row[2]} {row[3] or ''} {row[4] or ''}" for row in rows]
            self.key, self.profile = key, ranking.reading_profile(texts)
        return self.profile


def for_you(
    conn: sqlite3.Connection, cache: ProfileCache, limit: int, include_sponsored: bool
) -> list[StoredStory]:
    """Unread stories across the library, best first (see reader.store.ranking)."""
    sponsored = "" if include_sponsored else " AND s.sponsored = 0"
    rows = conn.execute(
        f"SELECT {STORY_COLUMNS}, s.score FROM stories s INDEXED BY stories_rank"
        f" WHERE s.read = 0 AND s.times_recommended > 0{sponsored}"
        " ORDER BY s.score DESC LIMIT ?",
        (max(limit, ranking.CANDIDATES),),
    ).fetchall()
    profile = cache.profile_for(conn)
    documents = [f"{row[1]} {row[3]}" for row in rows]
    close = ranking.closeness(documents, profile)
    order = ranking.rerank([row[-1] for row in rows], close)
    return [stored_story(rows[index][:-1]) for index in order[:limit]]
