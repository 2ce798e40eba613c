"""Omnivore's export (the service closed in November 2024): a zip, or the folder it was
unpacked into.

``metadata_<from>_to_<to>.json`` lists the articles: ``id, slug, title, description,
author, url, state (Active | Archived), readingProgress (percent), thumbnail, labels,
savedAt, updatedAt, publishedAt``. ``content/<slug>.html`` holds an article's readable
text, ``highlights/<slug>.md`` its highlights: blocks separated by a blank line, a quote
block (``> ``) per highlight, then its labels (``#name``) and its note; a note that is no
quote's (an article note) comes alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

# Any below: what json.loads gives; each field is checked where it is read
from typing import Any

from reader.errors import LoadError
from reader.exchange.archive import Files, base_name
from reader.exchange.dates import iso_date, timestamp
from reader.exchange.entries import Entry, HighlightIn, Parsed
from reader.tags import clean_tags

METADATA = re.compile(r"metadata_\d+_to_\d+\.json|metadata\.json", re.IGNORECASE)
READ_FROM = 95  # reading progress (percent) from which an article counts as read
_LABEL_LINE = re.compile(r"(#\S+\s*)+")


def is_omnivore(names: list[str]) -> bool:
    return any(METADATA.fullmatch(base_name(name)) for name in names)


def read(files: Files, label: str, only: str | None = None) -> Parsed:
    """The export in ``files``; ``only``: the one metadata file to read (a person pointed
    at it in an unpacked export), else every one."""
    names = files.names()
    by_base = {_relative(name): name for name in names}
    items: list[tuple[str, dict[str, Any]]] = []
    for name in sorted(names, key=_metadata_order):
        if not METADATA.fullmatch(base_name(name)) or (only is not None and name != only):
            continue
        try:
            data = json.loads(files.text(name))
        except ValueError:
            files.close()
            raise LoadError(f"{label}: {name} is not valid JSON") from None
        items.extend((name, item) for item in data if isinstance(item, dict))
    parsed = Parsed("omnivore", iter(()), len(items))
    parsed.entries = _entries(files, items, by_base, parsed.skipped)
    return parsed


def _entries(
    files: Files,
    items: list[tuple[str, dict[str, Any]]],
    by_base: dict[str, str],
    skipped: list[tuple[str, str]],
) -> Iterator[Entry]:
    try:
        for number, (name, item) in enumerate(items, 1):
            where = f"{base_name(name)} item {number}"
            if str(item.get("state") or "").strip().lower() == "deleted":
                skipped.append((where, "deleted in Omnivore"))
                continue
            slug = str(item.get("slug") or "")
            content = _optional(files, by_base.get(f"content/{slug}.html")) if slug else None
            notes = _optional(files, by_base.get(f"highlights/{slug}.md")) if slug else None
            highlights, article_notes = parse_highlights(notes or "")
            if article_notes:
                skipped.append((where, "an article note (Reader keeps notes on highlights)"))
            yield _entry(item, where, content, highlights)
    finally:
        files.close()


def _entry(
    item: dict[str, Any], where: str, content: str | None, highlights: tuple[HighlightIn, ...]
) -> Entry:
    archived = str(item.get("state") or "").strip().lower() == "archived"
    progress = _percent(item.get("readingProgress"))
    labels = [
        label.get("name", "") if isinstance(label, dict) else str(label)
        for label in item.get("labels") or ()
    ]
    return Entry(
        where=where,
        url=_text(item.get("url")),
        title=_text(item.get("title")) or "",
        content_html=content if content and content.strip() else None,
        byline=_text(item.get("author")),
        excerpt=_text(item.get("description")),
        lead_image=_text(item.get("thumbnail")),
        published=iso_date(item.get("publishedAt")),
        saved_at=timestamp(item.get("savedAt")),
        tags=clean_tags(labels),
        archived=archived,
        read=archived or (progress is not None and progress * 100 >= READ_FROM),
        progress=progress,
        highlights=highlights,
    )


def parse_highlights(markdown: str) -> tuple[tuple[HighlightIn, ...], list[str]]:
    """(highlights, article notes) of one ``highlights/<slug>.md``."""
    highlights: list[HighlightIn] = []
    article_notes: list[str] = []
    quote: str | None = None
    note: list[str] = []

    def close() -> None:
        if quote is not None:
            highlights.append(HighlightIn(quote=quote, note="\n\n".join(note)))

    for block in re.split(r"\n[ \t]*\n", markdown.replace("\r\n", "\n")):
        block = block.strip("\n")
        if not block.strip():
            continue
        if block.startswith(">"):
            close()
            quote, note = _quote(block), []
        elif _LABEL_LINE.fullmatch(block.strip()):
            continue  # the highlight's labels: Reader's highlights have none
        elif quote is None:
            article_notes.append(block.strip())
        else:
            note.append(block.strip())
    close()
    return tuple(mark for mark in highlights if mark.quote), article_notes


def _quote(block: str) -> str:
    """The quote of a ``> `` block: Omnivore marks its first line and the blank lines
    between paragraphs (``> `` alone); other lines come as they were."""
    lines = []
    for number, line in enumerate(block.split("\n")):
        if line.strip() == ">":
            lines.append("")
        elif number == 0 or line.startswith("> "):
            lines.append(line[2:] if line.startswith("> ") else line.removeprefix(">"))
        else:
            lines.append(line)
    return "\n".join(lines).strip()


def _optional(files: Files, name: str | None) -> str | None:
    if name is None:
        return None
    try:
        return files.text(name)
    except LoadError:
        return None


def _relative(name: str) -> str:
    """ "export/content/a.html" -> "content/a.html": the export may sit in a folder."""
    parts = name.split("/")
    return "/".join(parts[-2:]) if len(parts) >= 2 else name


def _metadata_order(name: str) -> tuple[int, str]:
    numbers = re.findall(r"\d+", base_name(name))
    return (int(numbers[0]) if numbers else 0, name)


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _percent(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if number != number or number <= 0:
        return None
    return min(number / 100, 1.0)
