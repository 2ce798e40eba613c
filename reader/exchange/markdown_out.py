"""Markdown export: one file per article, with YAML front matter (title, url, author,
published, saved, tags, state) and its pictures in a folder next to it; its highlights
and notes close the file, as the highlights export writes them.

A folder of these reads as a vault in Obsidian, a site in a static-site generator, or
plain text anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from reader.exchange.content import inner_html, parse, point_images
from reader.exchange.dates import iso_from_seconds
from reader.exchange.entries import Entry
from reader.exchange.files import write_bytes, write_text
from reader.exchange.pictures import file_suffix
from reader.highlights.export import highlight_lines, safe_name, yaml_scalar
from reader.model import Asset

FILES_SUFFIX = " files"  # the pictures of "Title.md" go in "Title files/"


def write_markdown(entries: Iterable[Entry], folder: Path) -> int:
    """Every entry (with its article) as a Markdown file in ``folder``; how many."""
    taken: set[str] = set()
    count = 0
    for entry in entries:
        name = _unique(safe_name(entry.title), taken)
        text, pictures = note(entry, name + FILES_SUFFIX)
        for file_name, data in pictures:
            write_bytes(folder / (name + FILES_SUFFIX) / file_name, data)
        write_text(folder / f"{name}.md", text)
        count += 1
    return count


def note(entry: Entry, pictures_folder: str) -> tuple[str, list[tuple[str, bytes]]]:
    """(the Markdown text, the pictures it shows as (file name, bytes))."""
    from reader.extract.markdown import to_markdown

    article = entry.article
    assert article is not None, "an export needs the article itself"
    pictures: dict[str, tuple[str, bytes]] = {}

    def local(asset: Asset) -> str:
        if asset.sha256 not in pictures:
            name = f"image-{len(pictures) + 1}{file_suffix(asset)}"
            pictures[asset.sha256] = (name, asset.data)
        return quote(f"{pictures_folder}/{pictures[asset.sha256][0]}")

    root = parse(article.content_html)
    point_images(root, article.assets, local, keep_remote=True)
    body = to_markdown(replace(article, content_html=inner_html(root)))
    lines = [*front_matter(entry), "", body.rstrip()]
    if entry.highlights:
        lines += ["", "## Highlights"]
        for mark in entry.highlights:
            lines += ["", *highlight_lines(mark.quote, mark.note)]
    return "\n".join(lines) + "\n", list(pictures.values())


def front_matter(entry: Entry) -> list[str]:
    state = [
        word
        for word, on in (
            ("starred", entry.starred),
            ("archived", entry.archived),
            ("read", entry.read),
        )
        if on
    ]
    fields = (
        ("title", entry.title or "Untitled"),
        ("url", entry.url),
        ("author", entry.byline),
        ("published", entry.published),
        ("saved", iso_from_seconds(entry.saved_at)),
    )
    lines = ["---", *(f"{name}: {yaml_scalar(value)}" for name, value in fields if value)]
    lines.append(f"tags: [{', '.join(yaml_scalar(tag) for tag in entry.tags)}]")
    lines.append(f"state: [{', '.join(state) if state else 'unread'}]")
    return [*lines, "---"]


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{name} ({number})"
    taken.add(candidate.casefold())
    return candidate
