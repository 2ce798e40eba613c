"""Highlights out of Reader: Markdown for notes apps (Obsidian first), JSON for scripts.

Markdown, one article per file: YAML properties (title, source, author, site, dates,
tags), a title line, the source address, then each highlight as a quote block followed
by its note; highlights that can no longer be found in the article come last, under their
own heading. The quotes are the article's words, escaped so that Markdown and Obsidian
show them as written; a note is the reader's own text and is written as typed.

JSON keeps everything, the anchors as W3C Web Annotation selectors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.json_types import JsonObject
    from reader.store.highlights import Highlight

# Characters Markdown or Obsidian would read as markup inside a quote: emphasis, code,
# links and wikilinks, HTML, tables, #tags, ==marks==, ~~strikes~~, %%comments%%.
_MARKUP = re.compile(r"([\\`*_\[\]<>|#=~%$^])")
# A line that would become a list item once quoted ("- ", "+ ", "12. ", "3) ").
_LIST_MARK = re.compile(r"^(\s*\d*)([-+.)])(?=\s)")
# Control characters a page may hold: nothing a notes app should be handed.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What a file name may not hold on common systems, or what Obsidian gives meaning to.
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]+')
MAX_NAME_CHARS = 120
DETACHED_HEADING = "Detached highlights"
DETACHED_NOTE = "These could not be found in the article's current text."


@dataclass(frozen=True)
class ArticleHighlights:
    """One article's highlights with what an export says about the article.
    ``article_id`` None: the article was deleted and its highlights kept."""

    title: str
    url: str | None
    highlights: tuple[Highlight, ...]
    article_id: int | None = None
    byline: str | None = None
    site_name: str | None = None
    published: str | None = None
    tags: tuple[str, ...] = ()


def to_markdown(item: ArticleHighlights) -> str:
    """One article's highlights as a Markdown note."""
    title = item.title or "Untitled"
    lines = ["---", f"title: {yaml_scalar(title)}"]
    if item.url:
        lines.append(f"source: {yaml_scalar(item.url)}")
    if item.byline:
        lines.append(f"author: {yaml_scalar(item.byline)}")
    if item.site_name:
        lines.append(f"site: {yaml_scalar(item.site_name)}")
    if item.published:
        lines.append(f"published: {item.published[:10]}")
    if item.highlights:
        newest = max(highlight.created_at for highlight in item.highlights)
        lines.append(f"highlighted: {_local_date(newest)}")
    tags = [tag_name(tag) for tag in item.tags if tag_name(tag)]
    lines += [
        f"tags: [{', '.join(yaml_scalar(tag) for tag in tags)}]",
        "---",
        "",
        f"# {_escape(title)}",
    ]
    if item.url:
        lines += ["", f"<{item.url}>"]
    attached = [highlight for highlight in item.highlights if not highlight.detached]
    detached = [highlight for highlight in item.highlights if highlight.detached]
    for highlight in attached:
        lines += ["", *highlight_lines(highlight.text, highlight.note)]
    if detached:
        lines += ["", f"## {DETACHED_HEADING}", "", DETACHED_NOTE]
        for highlight in detached:
            lines += ["", *highlight_lines(highlight.text, highlight.note)]
    return "\n".join(lines) + "\n"


def highlight_lines(text: str, note: str) -> list[str]:
    """A highlight as a quote block (a blank quoted line between paragraphs), then its
    note as written."""
    quote: list[str] = []
    for paragraph in _paragraphs(text):
        if quote:
            quote.append(">")
        quote.append(f"> {_escape_line(paragraph)}")
    note = note.strip()
    return [*quote, "", note] if note else quote


def _paragraphs(text: str) -> list[str]:
    lines = _CONTROLS.sub("", text).splitlines()
    return [" ".join(line.split()) for line in lines if line.strip()]


def _escape(text: str) -> str:
    return _MARKUP.sub(r"\\\1", text)


def _escape_line(line: str) -> str:
    return _LIST_MARK.sub(r"\1\\\2", _escape(line), count=1)


def yaml_scalar(text: str) -> str:
    """A YAML scalar that cannot be misread: a JSON string is valid YAML."""
    return json.dumps(text, ensure_ascii=False)


def tag_name(tag: str) -> str:
    """A tag as Obsidian accepts it: no spaces, no '#'."""
    return "-".join(tag.replace("#", " ").split())


def _local_date(moment: datetime) -> str:
    return moment.astimezone().date().isoformat()


def to_json(items: Sequence[ArticleHighlights]) -> str:
    """Every article's highlights as one JSON document."""
    document = {"articles": [_article_json(item) for item in items]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _article_json(item: ArticleHighlights) -> JsonObject:
    return {
        "id": item.article_id,
        "title": item.title,
        "url": item.url,
        "byline": item.byline,
        "site_name": item.site_name,
        "published": item.published,
        "tags": list(item.tags),
        "highlights": [_highlight_json(highlight, item.url) for highlight in item.highlights],
    }


def _highlight_json(highlight: Highlight, url: str | None) -> JsonObject:
    return {
        "id": highlight.id,
        "text": highlight.text,
        "note": highlight.note,
        "color": highlight.color,
        "created": highlight.created_at.isoformat(timespec="seconds"),
        "updated": highlight.updated_at.isoformat(timespec="seconds"),
        "detached": highlight.detached,
        "target": {"source": url, "selector": highlight.anchor.selectors()},
    }


def file_names(items: Sequence[ArticleHighlights]) -> list[str]:
    """A Markdown file name per article, from its title: safe on every common system,
    and different from each other (a repeated title gets the article's number)."""
    names: list[str] = []
    taken: set[str] = set()
    for number, item in enumerate(items, start=1):
        base = safe_name(item.title)
        name = f"{base}.md"
        if name.casefold() in taken:
            name = f"{base} ({item.article_id or f'kept {number}'}).md"
        while name.casefold() in taken:
            name = f"{base} ({number}).md"
            number += len(items)
        taken.add(name.casefold())
        names.append(name)
    return names


def safe_name(title: str) -> str:
    name = " ".join(_UNSAFE_NAME.sub(" ", title).split())[:MAX_NAME_CHARS]
    name = name.strip(" .")
    return name or "Untitled"
