"""What an export file says about one saved article, in Reader's terms.

Every reader keeps a different subset (Pocket: address, title, date, tags, archived;
Omnivore: the text, labels, progress, highlights...). An ``Entry`` holds whatever Reader
has a place for; what a format lacks stays at its default.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from reader.model import Article


@dataclass(frozen=True)
class HighlightIn:
    """A highlight the other reader kept. ``start``/``end``/``length`` are Reader's own
    position hints (its export only); others give the quote alone."""

    quote: str
    note: str = ""
    created_at: float | None = None
    updated_at: float | None = None
    color: str = "yellow"
    prefix: str = ""
    suffix: str = ""
    start: int = 0
    end: int = 0
    length: int = 0
    detached: bool = False


@dataclass(frozen=True)
class Entry:
    """One saved article of an export. ``where`` names it in a report ("part_000000.csv
    line 12"). Either ``article`` (Reader's own export: kept exactly), or
    ``content_html`` (the body another reader kept, read again here), or neither (only
    an address: fetched in the background)."""

    where: str
    url: str | None
    title: str = ""
    content_html: str | None = None
    article: Article | None = None
    byline: str | None = None
    published: str | None = None  # ISO 8601
    excerpt: str | None = None
    lang: str | None = None
    lead_image: str | None = None
    starred: bool = False
    archived: bool = False
    read: bool = False
    tags: tuple[str, ...] = ()
    saved_at: float | None = None  # Unix seconds: the library's date
    opened_at: float | None = None
    updated_at: float | None = None
    progress: float | None = None  # share read, 0..1
    position: str | None = None  # Reader's own reading position
    listen_position: int | None = None
    listen_rank: float | None = None
    highlights: tuple[HighlightIn, ...] = ()
    read_stories: tuple[str, ...] = ()  # addresses of its stories marked read (Reader's own)


@dataclass
class Parsed:
    """An export file read: its entries (in file order, read as they are asked for) and
    ``total``, their number as far as known before reading them; ``skipped`` gathers
    (where, why) of what has no place in a library (a feed subscription, a row without
    an address) while the entries are read."""

    format: str
    entries: Iterator[Entry]
    total: int
    skipped: list[tuple[str, str]] = field(default_factory=list)
