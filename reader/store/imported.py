"""Articles that come from another reader: found again, their state kept, merged.

An import brings the person's state with each article (starred, archived, read, tags,
the date it was saved, where they were in it). A new article takes that state as it is;
one already in the library is merged with it: tags united, the earliest saved date kept,
a flag set on either side stays set. An address imported without its text is a
placeholder until the fetch queue (reader.store.fetch_queue) brings the page; when the
page turns out to be an article the library already has, the two become one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from reader.highlights.anchors import Anchor
from reader.highlights.colors import COLORS, DEFAULT_COLOR
from reader.model import Article
from reader.store import articles, fetch_queue, highlights, originals, same_article, stories
from reader.store.rows import tags_tuple
from reader.tags import clean_tags
from reader.urls import normalize_url


@dataclass(frozen=True)
class KeptState:
    """What the other reader knew about an article, to keep with it."""

    starred: bool = False
    archived: bool = False
    read: bool = False
    tags: tuple[str, ...] = ()
    saved_at: float | None = None
    opened_at: float | None = None
    updated_at: float | None = None
    position: str | None = None
    listen_position: int | None = None
    listen_rank: float | None = None


@dataclass(frozen=True)
class KeptHighlight:
    """A highlight that comes with an imported article, its anchor found already (or
    only its quote: then ``detached`` until the article's text has it)."""

    anchor: Anchor
    color: str = DEFAULT_COLOR
    note: str = ""
    created_at: float | None = None
    updated_at: float | None = None
    detached: bool = False


@dataclass(frozen=True)
class Keep:
    """One imported article to keep: the article (a placeholder with no text when only
    its address came: then ``fetch`` is the address its page is fetched from), the
    person's state, highlights, and its stories marked read."""

    article: Article
    state: KeptState
    origin: str | None = None
    fetch: str | None = None
    highlights: tuple[KeptHighlight, ...] = ()
    read_stories: frozenset[str] = frozenset()


KeepStatus = Literal["added", "merged", "queued"]


@dataclass(frozen=True)
class Kept:
    """Where an imported article went: ``added`` (new, with its text), ``queued`` (new,
    its page to fetch) or ``merged`` (into the same article already kept);
    ``new_highlights``: how many of its highlights were new to that article."""

    article_id: int
    status: KeepStatus
    new_highlights: int = 0


def keep(conn: sqlite3.Connection, item: Keep, now: float) -> Kept:
    """Keep one imported article, merged with the same one when the library has it."""
    same = find_same(conn, item.article.url, item.article.text)
    if same is not None:
        keep_state(conn, same, item.state, merge=True)
        original = item.article.original
        if original is not None and not originals.has_original(conn, same):
            originals.keep(conn, same, original, now)  # it can be extracted again now
        added = _add_highlights(conn, same, item.highlights, now)
        if item.read_stories:
            mark_stories_read(conn, same, set(item.read_stories))
        return Kept(same, "merged", added)
    saved_at = item.state.saved_at if item.state.saved_at is not None else now
    if _bare(item) and articles.find_existing(conn, item.article, item.origin) is None:
        return _add_placeholder(conn, item, saved_at, now)
    result = articles.save(conn, item.article, item.origin, saved_at)
    keep_state(conn, result.id, item.state, merge=result.status != "added")
    added = _add_highlights(conn, result.id, item.highlights, now)
    if item.read_stories:
        mark_stories_read(conn, result.id, set(item.read_stories))
    if item.fetch is not None and result.status != "unchanged":  # its body is empty now
        fetch_queue.add(conn, result.id, item.fetch, now)
        return Kept(result.id, "queued", added)
    return Kept(result.id, "added" if result.status == "added" else "merged", added)


def _bare(item: Keep) -> bool:
    """An address to fetch, with nothing but its state: articles.add_bare keeps it."""
    article = item.article
    return (
        item.fetch is not None
        and not item.read_stories
        and not article.assets
        and not article.recommended
        and article.original is None
    )


def _add_placeholder(conn: sqlite3.Connection, item: Keep, saved_at: float, now: float) -> Kept:
    """A new address: its row with the imported state as it is, its page queued."""
    assert item.fetch is not None
    state = item.state
    article_id = articles.add_bare(
        conn,
        item.article,
        item.origin,
        saved_at,
        {
            "starred": int(state.starred),
            "archived": int(state.archived),
            "read": int(state.read),
            "opened_at": state.opened_at,
            "position": state.position,
            "listen_position": state.listen_position,
            "updated_at": state.updated_at,
        },
        state.tags,
    )
    _queue_for_listening(conn, article_id, state.listen_rank, saved_at)
    added = _add_highlights(conn, article_id, item.highlights, now)
    fetch_queue.add(conn, article_id, item.fetch, now)
    return Kept(article_id, "queued", added)


def _add_highlights(
    conn: sqlite3.Connection, article_id: int, marks: Sequence[KeptHighlight], now: float
) -> int:
    """Add the highlights the article does not have yet (the same quote and note is the
    same highlight: importing twice adds nothing)."""
    if not marks:
        return 0
    have = {
        (row[0], row[1])
        for row in conn.execute(
            "SELECT exact, note FROM highlights WHERE article_id = ? AND deleted_at IS NULL",
            (article_id,),
        )
    }
    added = 0
    for mark in marks:
        if (mark.anchor.exact, mark.note) in have:
            continue
        have.add((mark.anchor.exact, mark.note))
        highlights.add(
            conn,
            article_id,
            mark.anchor,
            color=mark.color if mark.color in COLORS else DEFAULT_COLOR,
            note=mark.note,
            created_at=now if mark.created_at is None else mark.created_at,
            detached=mark.detached,
            updated_at=mark.updated_at,
        )
        added += 1
    return added


def find_same(conn: sqlite3.Connection, url: str | None, text: str | None) -> int | None:
    """The live article with the same address (normalized), else the same text."""
    if url:
        found = articles.first_id_where(conn, "url_key = ?", normalize_url(url))
        if found is not None:
            return found
    key = same_article.text_key(text)
    if key is not None:
        return articles.first_id_where(conn, "text_key = ?", key)
    return None


def keep_state(conn: sqlite3.Connection, article_id: int, state: KeptState, *, merge: bool) -> None:
    """Give the article the imported state: as it is (``merge`` False: the article is
    new), or merged with what the library already knew."""
    row = articles.require(
        conn,
        article_id,
        "starred, archived, read, tags, saved_at, opened_at, position, listen_position",
    )
    if merge:
        starred = bool(row[0]) or state.starred
        archived = bool(row[1]) or state.archived
        read = bool(row[2]) or state.read
        tags = clean_tags([*tags_tuple(row[3]), *state.tags])
        saved_at = min(row[4], state.saved_at) if state.saved_at is not None else row[4]
        opened_at = _latest(row[5], state.opened_at)
        position = row[6] or state.position
        listen_position = row[7] if row[7] is not None else state.listen_position
    else:
        starred, archived, read = state.starred, state.archived, state.read
        tags = clean_tags(state.tags)
        saved_at = state.saved_at if state.saved_at is not None else row[4]
        opened_at, position, listen_position = (
            state.opened_at,
            state.position,
            state.listen_position,
        )
    conn.execute(
        "UPDATE articles SET starred = ?, archived = ?, read = ?, saved_at = ?, opened_at = ?,"
        " position = ?, listen_position = ?, updated_at = coalesce(?, updated_at)"
        " WHERE id = ?",
        (
            int(starred),
            int(archived),
            int(read),
            saved_at,
            opened_at,
            position,
            listen_position,
            state.updated_at,
            article_id,
        ),
    )
    if tags != tags_tuple(row[3]):
        articles.set_tags(conn, article_id, tags)
    _queue_for_listening(conn, article_id, state.listen_rank, saved_at)


def _queue_for_listening(
    conn: sqlite3.Connection, article_id: int, rank: float | None, added_at: float
) -> None:
    if rank is not None:
        conn.execute(
            "INSERT INTO listen_queue (article_id, rank, added_at) VALUES (?, ?, ?)"
            " ON CONFLICT(article_id) DO NOTHING",
            (article_id, rank, added_at),
        )


def state_of(conn: sqlite3.Connection, article_id: int) -> KeptState:
    """An article's own state, to merge it into another."""
    row = articles.require(
        conn,
        article_id,
        "starred, archived, read, tags, saved_at, opened_at, position, listen_position",
    )
    return KeptState(
        starred=bool(row[0]),
        archived=bool(row[1]),
        read=bool(row[2]),
        tags=tags_tuple(row[3]),
        saved_at=row[4],
        opened_at=row[5],
        position=row[6],
        listen_position=row[7],
    )


def mark_stories_read(conn: sqlite3.Connection, article_id: int, names: set[str]) -> None:
    """Mark read the article's stories named (by address, else "title:" + title)."""
    for stored in stories.article_stories(conn, article_id):
        story = stored.story
        if (story.url or f"title:{story.title}") in names and not stored.read:
            conn.execute("UPDATE stories SET read = 1 WHERE id = ?", (stored.id,))


def fill(
    conn: sqlite3.Connection, article_id: int, article: Article, origin: str | None, now: float
) -> int:
    """The fetched page of placeholder ``article_id``: it takes the placeholder's place,
    or, when the library already has that article (the same address, or the same text),
    the placeholder's state and highlights join that one and the placeholder goes.
    Returns the id of the article that holds the page now."""
    published = articles.require(conn, article_id, "published")[0]
    if article.published is None and published:
        article = replace(article, published=published)  # the export's date beats none
    by_address = articles.find_existing(conn, article, origin)
    other = by_address if by_address is not None and _live(conn, by_address) else None
    if other is None or other == article_id:
        key = same_article.text_key(article.text)
        other = (
            articles.first_id_where(conn, "text_key = ? AND id <> ?", key, article_id)
            if key
            else None
        )
    if other is None or other == article_id:
        articles.overwrite(conn, article_id, article, origin, now)
        return article_id
    if other == by_address or not _has_text(conn, other):
        articles.overwrite(conn, other, article, origin, now)
        fetch_queue.done(conn, other, now)
    keep_state(conn, other, state_of(conn, article_id), merge=True)
    highlights.move(conn, article_id, other)
    articles.purge(conn, article_id)
    return other


def _live(conn: sqlite3.Connection, article_id: int) -> bool:
    return articles.first_id_where(conn, "id = ?", article_id) is not None


def _has_text(conn: sqlite3.Connection, article_id: int) -> bool:
    row = conn.execute(
        "SELECT length(text) FROM article_bodies WHERE article_id = ?", (article_id,)
    ).fetchone()
    return bool(row and row[0])


def _latest(one: float | None, other: float | None) -> float | None:
    if one is None:
        return other
    if other is None:
        return one
    return max(one, other)
