"""Reader's own export: everything the library knows of each article, for `reader import`
to restore as it was.

JSON Lines, so that a library of any size is written and read one article at a time: a
header line ``{"format": "reader-library", "version": 1, ...}``, then one line per
article with the article as extracted (its HTML, text, metadata and recommended stories,
each with its list heading and whether it was read), its images (base64), the person's
state (starred, archived, read, tags, saved, opened and updated times, reading and
listening positions, place in the listening queue), its highlights with their anchors,
and the original page it was read from with that page's own assets (issue 18 keeps it), so
that a restored library can extract its articles again. The original's markup is base64
of its UTF-8 bytes: a page may hold lone surrogates that JSON text in UTF-8 cannot carry.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Iterator

# Any below: what json.loads gives; each field is checked where it is read
from typing import IO, TYPE_CHECKING, Any

from reader.errors import LoadError
from reader.exchange.entries import Entry, HighlightIn, Parsed
from reader.model import Article, Asset, Page, Story

if TYPE_CHECKING:
    from reader.json_types import JsonObject

FORMAT = "reader-library"
VERSION = 1


def is_native(first_line: str) -> bool:
    try:
        header = json.loads(first_line)
    except ValueError:
        return False
    return isinstance(header, dict) and header.get("format") == FORMAT


def write(entries: Iterable[Entry], out: IO[str], *, exported_at: str) -> int:
    out.write(json.dumps({"format": FORMAT, "version": VERSION, "exported_at": exported_at}))
    out.write("\n")
    count = 0
    for entry in entries:
        out.write(json.dumps(_record(entry), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def _record(entry: Entry) -> JsonObject:
    article = entry.article
    if article is None:
        raise ValueError("Reader's export needs the article itself")
    read_stories = set(entry.read_stories)
    data = {
        **{name: value for name, value in article.to_json().items() if name != "recommended"},
        "recommended": [
            _story(story, story_id(story) in read_stories) for story in article.recommended
        ],
    }
    return {
        "article": data,
        "assets": [_asset(asset) for asset in article.assets],
        "original": None if article.original is None else _original(article.original),
        "state": {
            "origin": entry.origin,
            "starred": entry.starred,
            "archived": entry.archived,
            "read": entry.read,
            "tags": list(entry.tags),
            "saved_at": entry.saved_at,
            "opened_at": entry.opened_at,
            "updated_at": entry.updated_at,
            "position": entry.position,
            "listen_position": entry.listen_position,
            "listen_rank": entry.listen_rank,
        },
        "highlights": [_highlight(mark) for mark in entry.highlights],
    }


def _asset(asset: Asset) -> dict[str, str]:
    return {
        "url": asset.url,
        "media_type": asset.media_type,
        "data": base64.b64encode(asset.data).decode("ascii"),
    }


def _original(page: Page) -> JsonObject:
    markup = page.html.encode("utf-8", "surrogatepass")
    return {
        "source": page.source,
        "url": page.url,
        "format": page.format,
        "markup": base64.b64encode(markup).decode("ascii"),
        "assets": [_asset(asset) for asset in page.assets],
    }


def story_id(story: Story) -> str:
    """How a story is named in ``Entry.read_stories``: its address, else its title."""
    return story.url or f"title:{story.title}"


def _story(story: Story, read: bool) -> JsonObject:
    return {
        "title": story.title,
        "url": story.url,
        "summary": story.summary,
        "source": story.source,
        "image": story.image,
        "sponsored": story.sponsored,
        "group": story.group,
        "read": read,
    }


def _highlight(mark: HighlightIn) -> JsonObject:
    return {
        "exact": mark.quote,
        "prefix": mark.prefix,
        "suffix": mark.suffix,
        "start": mark.start,
        "end": mark.end,
        "length": mark.length,
        "color": mark.color,
        "note": mark.note,
        "created_at": mark.created_at,
        "updated_at": mark.updated_at,
        "detached": mark.detached,
    }


def read(lines: Iterator[str], label: str) -> Parsed:
    """``lines``: the file's lines after the header."""
    return Parsed("reader", _entries(lines, label), 0)


def _entries(lines: Iterator[str], label: str) -> Iterator[Entry]:
    for number, line in enumerate(lines, 2):
        if not line.strip():
            continue
        where = f"{label} line {number}"
        try:
            yield _entry(json.loads(line), where)
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as error:
            raise LoadError(f"{where}: not an article of Reader's export ({error})") from None


def _entry(record: dict[str, Any], where: str) -> Entry:
    data = record["article"]
    state = record.get("state") or {}
    stories = [item for item in data.get("recommended") or () if isinstance(item, dict)]
    article = Article(
        source=str(data["source"]),
        title=str(data["title"]),
        content_html=str(data["content_html"]),
        text=str(data["text"]),
        url=data.get("url"),
        byline=data.get("byline"),
        published=data.get("published"),
        site_name=data.get("site_name"),
        lang=data.get("lang"),
        excerpt=data.get("excerpt"),
        lead_image=data.get("lead_image"),
        word_count=int(data.get("word_count") or 0),
        reading_minutes=int(data.get("reading_minutes") or 1),
        readerable=bool(data.get("readerable", True)),
        recommended=tuple(_read_story(item) for item in stories),
        assets=tuple(_read_asset(item) for item in record.get("assets") or ()),
        original=_read_original(record.get("original")),
    )
    return Entry(
        where=where,
        url=article.url,
        title=article.title,
        article=article,
        origin=state.get("origin"),
        byline=article.byline,
        published=article.published,
        excerpt=article.excerpt,
        lang=article.lang,
        lead_image=article.lead_image,
        starred=bool(state.get("starred")),
        archived=bool(state.get("archived")),
        read=bool(state.get("read")),
        tags=tuple(str(tag) for tag in state.get("tags") or ()),
        saved_at=_number(state.get("saved_at")),
        opened_at=_number(state.get("opened_at")),
        updated_at=_number(state.get("updated_at")),
        position=state.get("position"),
        listen_position=_integer(state.get("listen_position")),
        listen_rank=_number(state.get("listen_rank")),
        highlights=tuple(_read_highlight(item) for item in record.get("highlights") or ()),
        read_stories=tuple(
            story_id(story)
            for story, item in zip(article.recommended, stories, strict=True)
            if item.get("read")
        ),
    )


def _read_asset(item: dict[str, Any]) -> Asset:
    return Asset(
        url=str(item["url"]),
        media_type=str(item["media_type"]),
        data=base64.b64decode(item["data"], validate=True),
    )


def _read_original(item: object) -> Page | None:
    """The kept original page; None in exports from before it was carried."""
    if not isinstance(item, dict):
        return None
    markup = base64.b64decode(item["markup"], validate=True)
    return Page(
        source=str(item["source"]),
        html=markup.decode("utf-8", "surrogatepass"),
        url=item.get("url"),
        assets=tuple(_read_asset(asset) for asset in item.get("assets") or ()),
        format=str(item.get("format") or "html"),
    )


def _read_story(item: dict[str, Any]) -> Story:
    return Story(
        title=str(item.get("title") or ""),
        url=item.get("url"),
        summary=str(item.get("summary") or ""),
        source=str(item.get("source") or ""),
        image=item.get("image"),
        sponsored=bool(item.get("sponsored")),
        group=str(item.get("group") or ""),
    )


def _read_highlight(item: dict[str, Any]) -> HighlightIn:
    return HighlightIn(
        quote=str(item["exact"]),
        prefix=str(item.get("prefix") or ""),
        suffix=str(item.get("suffix") or ""),
        start=int(item.get("start") or 0),
        end=int(item.get("end") or 0),
        length=int(item.get("length") or 0),
        color=str(item.get("color") or "yellow"),
        note=str(item.get("note") or ""),
        created_at=_number(item.get("created_at")),
        updated_at=_number(item.get("updated_at")),
        detached=bool(item.get("detached")),
    )


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _integer(value: object) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None
