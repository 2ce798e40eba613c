"""Netscape bookmark files (browsers, Karakeep, Shiori, Pinboard), read and written.

``<DT><A HREF ADD_DATE LAST_MODIFIED TAGS TOREAD>title</A>`` with an optional ``<DD>``
description, inside ``<DL>`` lists that folders (``<DT><H3>name</H3>``) nest. A folder
becomes a tag (the browsers' own top folders, "Bookmarks bar" and the like, do not);
TAGS are separated by commas; TOREAD="1" is unread, "0" read.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import replace
from html.parser import HTMLParser
from typing import IO

from reader.exchange.dates import timestamp
from reader.exchange.entries import Entry, Parsed
from reader.tags import clean_tags

SIGNATURE = "<!doctype netscape-bookmark-file-1>"
# Folders every browser has: where a bookmark sits, not what it is about.
ROOT_FOLDERS = frozenset(
    name.casefold()
    for name in (
        "Bookmarks",
        "Bookmarks bar",
        "Bookmarks Toolbar",
        "Bookmarks Menu",
        "Other bookmarks",
        "Other Bookmarks",
        "Mobile bookmarks",
        "Favorites",
        "Favorites bar",
        "Imported",
        "Unsorted Bookmarks",
    )
)


def is_bookmarks(sample: str) -> bool:
    return sample.lstrip("\ufeff \t\r\n").lower().startswith(SIGNATURE)


def read(text: str, label: str) -> Parsed:
    parser = _BookmarkFile(label)
    parser.feed(text)
    parser.close()
    parser.finish_link()
    return Parsed("bookmarks", iter(parser.entries), len(parser.entries))


class _BookmarkFile(HTMLParser):
    def __init__(self, label: str) -> None:
        super().__init__(convert_charrefs=True)
        self.label = label
        self.entries: list[Entry] = []
        self.folders: list[str | None] = []
        self.folder_name: list[str] | None = None
        self.pending_folder: str | None = None
        self.link: dict[str, str] | None = None
        self.link_line = 0
        self.text: list[str] = []
        self.description: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("dt", "dl", "h3", "a"):
            self.finish_link()
        if tag == "h3":
            self.folder_name = []
        elif tag == "dl":
            self.folders.append(self.pending_folder)
            self.pending_folder = None
        elif tag == "a":
            self.link = {name: value or "" for name, value in attrs}
            self.link_line = self.getpos()[0]
            self.text = []
        elif tag == "dd" and self.entries:
            self.description = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self.folder_name is not None:
            self.pending_folder = " ".join("".join(self.folder_name).split())
            self.folder_name = None
        elif tag == "dl":
            self.finish_link()
            if self.folders:
                self.folders.pop()
        elif tag == "a" and self.link is not None:
            self._add_link()

    def handle_data(self, data: str) -> None:
        if self.folder_name is not None:
            self.folder_name.append(data)
        elif self.link is not None:
            self.text.append(data)
        elif self.description is not None:
            self.description.append(data)

    def _add_link(self) -> None:
        link, self.link = self.link or {}, None
        url = link.get("href", "").strip()
        folders = [name for name in self.folders if name and name.casefold() not in ROOT_FOLDERS]
        toread = link.get("toread", "").strip()
        self.entries.append(
            Entry(
                where=f"{self.label} line {self.link_line}",
                url=url or None,
                title=" ".join("".join(self.text).split()),
                saved_at=timestamp(link.get("add_date")),
                tags=clean_tags([*folders, *link.get("tags", "").split(",")]),
                read=toread == "0",
            )
        )

    def finish_link(self) -> None:
        """A description ends where the next item, list or folder starts."""
        if self.description is not None and self.entries:
            text = " ".join("".join(self.description).split())
            if text:
                last = self.entries[-1]
                self.entries[-1] = replace(last, excerpt=text)
        self.description = None


def write(entries: Iterable[Entry], out: IO[str]) -> int:
    """The entries as a bookmark file other readers and browsers import."""
    out.write(
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n"
        '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n'
        "<TITLE>Reader</TITLE>\n<H1>Reader</H1>\n<DL><p>\n"
    )
    count = 0
    for entry in entries:
        if not entry.url:
            continue
        count += 1
        attributes = [f'HREF="{_attr(entry.url)}"']
        if entry.saved_at is not None:
            attributes.append(f'ADD_DATE="{int(entry.saved_at)}"')
        if entry.updated_at is not None:
            attributes.append(f'LAST_MODIFIED="{int(entry.updated_at)}"')
        if entry.tags:
            tags = ",".join(tag.replace(",", " ") for tag in entry.tags)
            attributes.append(f'TAGS="{_attr(tags)}"')
        attributes.append(f'TOREAD="{0 if entry.read else 1}"')
        out.write(f"    <DT><A {' '.join(attributes)}>{html.escape(entry.title)}</A>\n")
        if entry.excerpt:
            out.write(f"    <DD>{html.escape(' '.join(entry.excerpt.split()))}\n")
    out.write("</DL><p>\n")
    return count


def _attr(value: str) -> str:
    return html.escape(value, quote=True)
