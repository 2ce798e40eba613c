"""wallabag's JSON export, read and written (so another reader can import Reader's).

A JSON array of entries: ``title, url, is_archived, is_starred, content, tags,
created_at, updated_at, published_at, published_by, annotations [{quote, text,
created_at, updated_at, ranges}], language, preview_picture, reading_time, domain_name``.
wallabag's "archived" is its "read".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

# Any below: what json.loads gives; each field is checked where it is read
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

from reader.exchange.dates import iso_date, iso_from_seconds, timestamp
from reader.exchange.entries import Entry, HighlightIn, Parsed
from reader.tags import clean_tags

if TYPE_CHECKING:
    from reader.json_types import JsonObject


def looks_like_wallabag(data: object) -> bool:
    """A list whose first entry has wallabag's own flags."""
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        return False
    return "url" in data[0] and ("is_archived" in data[0] or "is_starred" in data[0])


def read(data: list[Any], label: str) -> Parsed:
    items = [item for item in data if isinstance(item, dict)]
    return Parsed("wallabag", _entries(items, label), len(items))


def _entries(items: list[dict[str, Any]], label: str) -> Iterator[Entry]:
    for number, item in enumerate(items, 1):
        archived = _flag(item.get("is_archived"))
        authors = item.get("published_by") or ()
        byline = ", ".join(str(name) for name in authors) if isinstance(authors, list) else None
        content = item.get("content")
        yield Entry(
            where=f"{label} entry {number}",
            url=_text(item.get("url")) or _text(item.get("given_url")),
            title=_text(item.get("title")) or "",
            content_html=content if isinstance(content, str) and content.strip() else None,
            byline=byline or None,
            published=iso_date(item.get("published_at")),
            lang=_text(item.get("language")),
            lead_image=_text(item.get("preview_picture")),
            starred=_flag(item.get("is_starred")),
            archived=archived,
            read=archived,
            tags=clean_tags(_tag_names(item.get("tags"))),
            saved_at=timestamp(item.get("created_at")),
            highlights=tuple(_highlights(item.get("annotations"))),
        )


def _tag_names(tags: object) -> list[str]:
    if isinstance(tags, str):
        return tags.split(",")
    if not isinstance(tags, list):
        return []
    return [str(tag.get("label", "")) if isinstance(tag, dict) else str(tag) for tag in tags]


def _highlights(annotations: object) -> Iterator[HighlightIn]:
    for note in annotations if isinstance(annotations, list) else ():
        if isinstance(note, dict) and str(note.get("quote") or "").strip():
            yield HighlightIn(
                quote=str(note["quote"]),
                note=str(note.get("text") or ""),
                created_at=timestamp(note.get("created_at")),
                updated_at=timestamp(note.get("updated_at")),
            )


def write(entries: Iterable[Entry], out: IO[str]) -> int:
    """The entries (each with its ``article``) as a wallabag import file; returns how many."""
    out.write("[")
    count = 0
    for count, entry in enumerate(entries, 1):
        out.write("\n" if count == 1 else ",\n")
        json.dump(_wallabag_entry(entry, count), out, ensure_ascii=False)
    out.write("\n]\n")
    return count


def _wallabag_entry(entry: Entry, number: int) -> JsonObject:
    article = entry.article
    content = article.content_html if article is not None else entry.content_html or ""
    url = entry.url or (article.url if article is not None else None) or ""
    return {
        "id": number,
        "title": entry.title,
        "url": url,
        "given_url": url,
        "is_archived": int(entry.archived or entry.read),
        "is_starred": int(entry.starred),
        "is_public": False,
        "tags": list(entry.tags),
        "content": content,
        "created_at": iso_from_seconds(entry.saved_at),
        "updated_at": iso_from_seconds(entry.updated_at or entry.saved_at),
        "published_at": entry.published,
        "published_by": [entry.byline] if entry.byline else [],
        "annotations": [
            {
                "text": mark.note,
                "quote": mark.quote,
                "ranges": [],
                "created_at": iso_from_seconds(mark.created_at),
                "updated_at": iso_from_seconds(mark.updated_at or mark.created_at),
            }
            for mark in entry.highlights
        ],
        "mimetype": "text/html",
        "language": entry.lang,
        "reading_time": article.reading_minutes if article is not None else 0,
        "domain_name": _host(url),
        "preview_picture": entry.lead_image,
    }


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname or None
    except ValueError:
        return None


def _flag(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
