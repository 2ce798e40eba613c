"""Recommended stories: one row per story, links in page order, and maintained counts.

``stories.times_recommended`` and ``stories.score`` are kept up to date on every save,
delete and restore (a GROUP BY over every link would take seconds on a big library), so
"For you" (reader.store.for_you) reads the best candidates straight from an index. The
bundled sample's links are kept (its sidebar shows them) but never counted.
"""

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace

from reader.model import Story
from reader.store.rows import STORY_COLUMNS, stored_story
from reader.store.story_rows import StoredStory
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
    counted: bool = True,
) -> None:
    """Replace the article's story links and move the maintained aggregate by the delta.

    ``old_active`` says whether the old links are counted in the aggregate (they are
    not when the article was soft-deleted: delete() already took them out, nor when it is
    the bundled sample); ``counted`` whether the new ones are to be.
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
    for story_id in new if counted else ():
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
    count_down(conn, old - set(new) if counted else old)


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
