"""What the library's queries return, and how a result row becomes one.

The column lists and the converters live together because each converter reads its row
by position: change one, change the other.
"""

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, TypeAlias

from reader.model import Article, Story
from reader.store.story_rows import StoredStory

SaveStatus = Literal["added", "updated", "unchanged"]
# A value SQLite is given (a column value or a parameter). What it gives back is read as
# Any below (sqlite3's own type): each column is converted where a row becomes a record.
SqlValue: TypeAlias = int | float | str | bytes | None

ROW_COLUMNS = (
    "a.id, a.title, a.site_name, a.published, a.saved_at, a.reading_minutes, a.starred,"
    " a.archived, a.read, a.url, a.tags, a.opened_at, a.highlight_count"
)
ROW_WIDTH = 13  # columns in ROW_COLUMNS; queries append their own after them
STORY_COLUMNS = (
    "s.id, s.title, s.url, s.summary, s.source, s.image, s.sponsored, s.times_recommended,"
    " s.first_seen, s.last_seen, s.read,"
    " (SELECT a.id FROM articles a WHERE a.url_key = s.url_key AND a.deleted_at IS NULL"
    "  ORDER BY a.id LIMIT 1)"
)
ARTICLE_COLUMNS = (
    "a.id, a.source, a.title, b.content_html, b.text, a.url, a.byline,"
    " a.published, a.site_name, a.lang, a.excerpt, a.lead_image, a.word_count,"
    " a.reading_minutes, a.readerable, a.saved_at, a.opened_at, a.starred,"
    " a.archived, a.read, a.tags, a.position, a.updated_at, a.origin"
)


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
    """One line of the library list: enough to show it without loading the body."""

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
    highlights: int = 0  # how many highlights it has (deleting it asks about them)


# A search snippet as (text, is a match) parts, in order.
Snippet = tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class SearchHit:
    """A search result; ``parts`` is its snippet (see ``marked``)."""

    id: int
    title: str
    site_name: str | None
    published: str | None
    saved_at: datetime
    parts: Snippet
    rank: float
    starred: bool = False
    archived: bool = False
    read: bool = False
    url: str | None = None
    highlights: int = 0

    def marked(self, start: str, end: str, escape: Callable[[str], str] = str) -> str:
        """The snippet with each match between ``start`` and ``end`` (``escape`` for text)."""
        return "".join(
            f"{start}{escape(text)}{end}" if match else escape(text) for text, match in self.parts
        )

    @property
    def snippet(self) -> str:
        """The snippet as HTML-safe text with the matches in <b>…</b>."""
        return self.marked("<b>", "</b>", lambda text: html.escape(text, quote=False))


@dataclass(frozen=True)
class SaveResult:
    """The id, and whether the import added, updated or skipped it (for its progress line)."""

    id: int
    status: SaveStatus


def when(value: float | None) -> datetime | None:
    """A stored Unix time as an aware datetime (None stays None)."""
    return None if value is None else datetime.fromtimestamp(value, UTC)


def tags_text(tags: Sequence[str]) -> str:
    """Tags kept on the articles row too, so listing them needs no join."""
    return "\n".join(tags)


def tags_tuple(text: str | None) -> tuple[str, ...]:
    return tuple(tag for tag in (text or "").split("\n") if tag)


def article_row(row: Sequence[Any]) -> ArticleRow:
    return ArticleRow(
        id=row[0],
        title=row[1],
        site_name=row[2],
        published=row[3],
        saved_at=when(row[4]) or datetime.fromtimestamp(0, UTC),
        reading_minutes=row[5],
        starred=bool(row[6]),
        archived=bool(row[7]),
        read=bool(row[8]),
        url=row[9],
        tags=tags_tuple(row[10]),
        opened_at=when(row[11]),
        highlights=int(row[12] or 0),
    )


def search_hit(row: Sequence[Any], parts: Snippet, rank: float) -> SearchHit:
    item = article_row(row)
    return SearchHit(
        id=item.id,
        title=item.title,
        site_name=item.site_name,
        published=item.published,
        saved_at=item.saved_at,
        parts=parts,
        rank=rank,
        starred=item.starred,
        archived=item.archived,
        read=item.read,
        url=item.url,
        highlights=item.highlights,
    )


def stored_story(row: Sequence[Any]) -> StoredStory:
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
        first_seen=when(row[8]),
        last_seen=when(row[9]),
        read=bool(row[10]),
        article_id=None if row[11] is None else int(row[11]),
    )


def stored_article(row: Sequence[Any], stories: tuple[Story, ...]) -> StoredArticle:
    """A row of ARTICLE_COLUMNS with the article's stories."""
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
        saved_at=when(row[15]) or datetime.fromtimestamp(0, UTC),
        opened_at=when(row[16]),
        starred=bool(row[17]),
        archived=bool(row[18]),
        read=bool(row[19]),
        tags=tags_tuple(row[20]),
        position=row[21],
        updated_at=when(row[22]),
        origin=row[23],
    )
