"""Articles out of the library, in the formats other readers and tools take.

``export`` writes the chosen articles (the whole library, a search, or the window's
selection) as Markdown (a folder), EPUB 3, one self-contained HTML page, wallabag JSON,
Netscape bookmarks, or Reader's own JSON Lines, from which `reader import` restores
everything. Each file is written whole or not at all (reader.exchange.files).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.exchange.entries import Entry, HighlightIn
from reader.exchange.native import story_id

if TYPE_CHECKING:
    from reader.store import Library

SEARCH_PAGE = 500


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str  # as a person picks it
    suffix: str  # "" for a folder
    write: Callable[[Iterator[Entry], Path], int]


def _markdown(entries: Iterator[Entry], path: Path) -> int:
    from reader.exchange.markdown_out import write_markdown

    return write_markdown(entries, path)


def _epub(entries: Iterator[Entry], path: Path) -> int:
    from reader.exchange.epub import write_epub

    return write_epub(entries, path)


def _html(entries: Iterator[Entry], path: Path) -> int:
    from reader.exchange.html_out import write_html

    return write_html(entries, path)


def _wallabag(entries: Iterator[Entry], path: Path) -> int:
    from reader.exchange import wallabag
    from reader.exchange.files import text_file

    with text_file(path) as out:
        return wallabag.write(entries, out)


def _bookmarks(entries: Iterator[Entry], path: Path) -> int:
    from reader.exchange import bookmarks
    from reader.exchange.files import text_file

    with text_file(path) as out:
        return bookmarks.write(entries, out)


def _native(entries: Iterator[Entry], path: Path) -> int:
    from reader.exchange import native
    from reader.exchange.files import text_file

    now = datetime.now(UTC).isoformat(timespec="seconds")
    with text_file(path) as out:
        return native.write(entries, out, exported_at=now)


FORMATS: dict[str, ExportFormat] = {
    item.name: item
    for item in (
        ExportFormat("markdown", "Markdown files (a folder)", "", _markdown),
        ExportFormat("epub", "EPUB book", ".epub", _epub),
        ExportFormat("html", "Web page (one self-contained file)", ".html", _html),
        ExportFormat("wallabag", "wallabag JSON", ".json", _wallabag),
        ExportFormat("bookmarks", "Bookmarks (Netscape HTML)", ".html", _bookmarks),
        ExportFormat("reader", "Reader library (everything, to import again)", ".jsonl", _native),
    )
}
# A file name's ending -> the format it most likely asks for.
BY_SUFFIX = {
    ".epub": "epub",
    ".html": "html",
    ".htm": "html",
    ".json": "wallabag",
    ".jsonl": "reader",
}


def format_for(path: Path) -> str:
    """The format ``path``'s ending asks for; a name with none is a Markdown folder."""
    suffix = path.suffix.lower()
    if not suffix or path.is_dir():
        return "markdown"
    found = BY_SUFFIX.get(suffix)
    if found is None:
        raise ReaderError(
            f"which format is {path.name}? say it with --format ({', '.join(FORMATS)})"
        )
    return found


def chosen_ids(library: Library, query: str | None) -> list[int]:
    """The whole library (newest saved first), or what the search ``query`` finds."""
    if not query:
        return library.article_ids()
    ids: list[int] = []
    while page := library.search(query, limit=SEARCH_PAGE, offset=len(ids)):
        ids += [hit.id for hit in page]
        if len(page) < SEARCH_PAGE:
            break
    return ids


def entries_of(library: Library, ids: Sequence[int]) -> Iterator[Entry]:
    """Each article with all the library knows about it, read as it is written out."""
    for article_id in ids:
        yield entry_of(library, article_id)


def entry_of(library: Library, article_id: int) -> Entry:
    stored = library.article(article_id)
    article = replace(
        stored.article,
        assets=tuple(library.article_assets(article_id)),
        original=library.original(article_id),  # so that a restored library can re-extract
    )
    read_stories = tuple(story_id(item.story) for item in library.stories(article_id) if item.read)
    return Entry(
        where=f"article {article_id}",
        url=article.url,
        title=article.title,
        article=article,
        origin=stored.origin,
        byline=article.byline,
        published=article.published,
        excerpt=article.excerpt,
        lang=article.lang,
        lead_image=article.lead_image,
        starred=stored.starred,
        archived=stored.archived,
        read=stored.read,
        tags=stored.tags,
        saved_at=stored.saved_at.timestamp(),
        opened_at=None if stored.opened_at is None else stored.opened_at.timestamp(),
        updated_at=None if stored.updated_at is None else stored.updated_at.timestamp(),
        position=stored.position,
        listen_position=library.listen_position(article_id),
        listen_rank=library.listen_rank(article_id),
        highlights=tuple(
            HighlightIn(
                quote=mark.anchor.exact,
                note=mark.note,
                created_at=mark.created_at.timestamp(),
                updated_at=mark.updated_at.timestamp(),
                color=mark.color,
                prefix=mark.anchor.prefix,
                suffix=mark.anchor.suffix,
                start=mark.anchor.start,
                end=mark.anchor.end,
                length=mark.anchor.length,
                detached=mark.detached,
            )
            for mark in library.article_highlights(article_id)
        ),
        read_stories=read_stories,
    )


def export(
    library: Library,
    ids: Sequence[int],
    format_name: str,
    path: Path,
    progress: Callable[[int, int, str], None] | None = None,
) -> int:
    """Write the articles ``ids`` to ``path`` as ``format_name``; how many were written.
    ``progress(done, total, title)`` hears of each article as it is read."""
    chosen = FORMATS.get(format_name)
    if chosen is None:
        raise ReaderError(
            f"unknown export format {format_name!r} (choose from {', '.join(FORMATS)})"
        )
    if not ids:
        raise ReaderError("nothing to export: no article matches")

    def reported() -> Iterator[Entry]:
        for done, entry in enumerate(entries_of(library, ids), 1):
            if progress is not None:
                progress(done, len(ids), entry.title)
            yield entry

    return chosen.write(reported(), path)
