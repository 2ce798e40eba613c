"""Pocket's exports: the 2025 zip and the older HTML page.

The zip holds ``part_NNNNNN.csv`` (title,url,time_added,tags,status; see csv_exports)
and ``annotations/part_NNNNNN.json``: ``[{url, title, highlights: [{quote,
created_at}]}]``. Highlights join their article by address; an annotated address with no
row is an entry of its own.

The HTML export lists ``<h1>Unread</h1>`` and ``<h1>Read Archive</h1>``, each followed by
``<a href time_added tags>title</a>`` items (tags separated by commas).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser

from reader.errors import LoadError
from reader.exchange import archive
from reader.exchange.csv_exports import count_rows, read_rows
from reader.exchange.dates import timestamp
from reader.exchange.entries import Entry, HighlightIn, Parsed
from reader.tags import clean_tags
from reader.urls import normalize_url

PART = re.compile(r"part_\d+\.csv", re.IGNORECASE)
ANNOTATIONS = re.compile(r"(^|/)annotations/[^/]+\.json$", re.IGNORECASE)


def is_pocket_export(names: list[str]) -> bool:
    return any(PART.fullmatch(archive.base_name(name)) for name in names)


def read_files(files: archive.Files) -> Parsed:
    """The zip (or the folder it was unpacked into)."""
    try:
        names = files.names()
        parts = sorted(name for name in names if PART.fullmatch(archive.base_name(name)))
        texts = [(name, files.text(name)) for name in parts]
        notes = _annotations(files, [name for name in names if ANNOTATIONS.search(name)])
    finally:
        files.close()
    total = sum(count_rows(text) for _, text in texts)
    extra = [key for key in notes if key not in _row_keys(texts)]
    return Parsed("pocket", _zip_entries(texts, notes, extra), total + len(extra))


def _zip_entries(
    texts: list[tuple[str, str]],
    notes: dict[str, tuple[str, str, tuple[HighlightIn, ...]]],
    extra: list[str],
) -> Iterator[Entry]:
    for name, text in texts:
        for entry in read_rows(text, "pocket", archive.base_name(name)):
            found = notes.get(normalize_url(entry.url)) if entry.url else None
            yield replace(entry, highlights=found[2]) if found else entry
    for key in extra:
        url, title, highlights = notes[key]
        yield Entry(where=f"annotations: {url}", url=url, title=title, highlights=highlights)


def _row_keys(texts: list[tuple[str, str]]) -> set[str]:
    return {
        normalize_url(entry.url)
        for name, text in texts
        for entry in read_rows(text, "pocket", name)
        if entry.url
    }


def _annotations(
    files: archive.Files, names: list[str]
) -> dict[str, tuple[str, str, tuple[HighlightIn, ...]]]:
    """normalized address -> (address, title, highlights), from every annotations file."""
    found: dict[str, tuple[str, str, tuple[HighlightIn, ...]]] = {}
    for name in sorted(names):
        try:
            items = json.loads(files.text(name))
        except ValueError:
            raise LoadError(f"{name}: not valid JSON") from None
        for item in items if isinstance(items, list) else ():
            if not isinstance(item, dict) or not isinstance(item.get("url"), str):
                continue
            highlights = tuple(
                HighlightIn(quote=str(mark["quote"]), created_at=timestamp(mark.get("created_at")))
                for mark in item.get("highlights") or ()
                if isinstance(mark, dict) and str(mark.get("quote") or "").strip()
            )
            key = normalize_url(item["url"])
            url, title, before = found.get(key, (item["url"], str(item.get("title") or ""), ()))
            found[key] = (url, title, before + highlights)
    return found


# -- the older HTML export --------------------------------------------------------------

SECTIONS = {"unread": False, "read archive": True}


def is_pocket_html(sample: str) -> bool:
    lowered = sample.lower()
    return "<title>pocket export</title>" in lowered and (
        "<h1>unread</h1>" in lowered or "<h1>read archive</h1>" in lowered
    )


def read_html(text: str, label: str) -> Parsed:
    parser = _PocketPage(label)
    parser.feed(text)
    parser.close()
    return Parsed("pocket-html", iter(parser.entries), len(parser.entries))


class _PocketPage(HTMLParser):
    def __init__(self, label: str) -> None:
        super().__init__(convert_charrefs=True)
        self.label = label
        self.entries: list[Entry] = []
        self.archived = False
        self.heading: list[str] | None = None
        self.link: dict[str, str] | None = None
        self.title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self.heading = []
        elif tag == "a":
            self.link = {name: value or "" for name, value in attrs}
            self.title = []

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading.append(data)
        elif self.link is not None:
            self.title.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self.heading is not None:
            name = " ".join("".join(self.heading).split()).lower()
            self.archived = SECTIONS.get(name, self.archived)
            self.heading = None
        elif tag == "a" and self.link is not None:
            link, self.link = self.link, None
            url = link.get("href", "").strip()
            self.entries.append(
                Entry(
                    where=f"{self.label} line {self.getpos()[0]}",
                    url=url or None,
                    title=" ".join("".join(self.title).split()),
                    saved_at=timestamp(link.get("time_added")),
                    tags=clean_tags(link.get("tags", "").split(",")),
                    archived=self.archived,
                    read=self.archived,
                )
            )
