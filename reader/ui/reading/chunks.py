"""Long articles cut into pieces for the reading view's QTextDocument (see document.py).

Cut at top-level block boundaries of the rendered HTML, never inside a paragraph, table,
figure or quote; each piece is a self-contained document.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Long articles are parsed into their QTextDocument piece by piece, one piece per turn of
# the GUI thread's event loop (see document.py): one setHtml of a whole long article would
# freeze the window's timers and paints for its whole parse (~250 ms for 1 MB of links).
# Pieces of about this many characters parse in ~5-10 ms here (a link-dense page; twice as
# long ones took 13-22 ms a turn, for the same time in all).
CHUNK_CHARS = 15_000
# Below this much HTML a document is parsed in one call (~30 ms at worst): the chunked build
# only pays off, and only needs its care, for long articles.
ONE_SHOT_CHARS = 100_000
# Wrappers the splitter may open to find smaller pieces: they carry no formatting of their own.
_SPLIT_WRAPPERS = ("div",)
_SPLIT_LISTS = ("ol", "ul")


@dataclass(frozen=True)
class Chunk:
    """A self-contained HTML document holding consecutive top-level blocks of an article.

    ``continues_list``: it starts with more items of the list the previous chunk ended with
    (a list too long for one chunk); the builder moves them back into that list."""

    html: str
    continues_list: bool = False


def chunks_for_view(document_html: str) -> tuple[Chunk, ...]:
    """The pieces the reading view parses one per event-loop turn; none for an article
    short enough to parse at once. Plain data: made in a worker, parsed on the GUI thread."""
    if len(document_html) <= ONE_SHOT_CHARS:
        return ()
    chunks = split_html(document_html, CHUNK_CHARS)
    return tuple(chunks) if len(chunks) > 1 else ()


def split_html(document_html: str, chunk_chars: int = CHUNK_CHARS) -> list[Chunk]:
    """Cut rendered article HTML at top-level block boundaries into ~chunk_chars pieces.

    Never inside a paragraph, table, figure or quote; a plain wrapper <div> is opened, and
    a very long list is cut between its items. Each piece is wrapped in its own
    <html><body> so the stylesheet applies to it exactly as to the whole."""
    import lxml.html
    from lxml import etree

    start = document_html.find("<body>")
    end = document_html.rfind("</body>")
    body = document_html[start + len("<body>") : end] if start >= 0 and end > start else ""
    if len(body) <= chunk_chars:
        return [Chunk(document_html)]
    try:
        root = lxml.html.fragment_fromstring(body, create_parent="div")
    except (etree.ParserError, ValueError):
        return [Chunk(document_html)]
    pieces: list[tuple[str, bool]] = []  # (html, continues a list)

    def loose(text: str | None) -> None:
        if text and text.strip():
            pieces.append((html.escape(text), False))

    def walk(parent: HtmlElement) -> None:
        loose(parent.text)
        for child in parent:
            if not isinstance(child.tag, str):
                loose(child.tail)
                continue
            markup = lxml.html.tostring(child, encoding="unicode")  # with its tail
            big = len(markup) > chunk_chars
            if big and child.tag in _SPLIT_WRAPPERS and not child.attrib:
                tail, child.tail = child.tail, None
                walk(child)
                loose(tail)
            elif big and child.tag in _SPLIT_LISTS and len(child) > 1 and not _has_text(child):
                tail, child.tail = child.tail, None
                pieces.extend(_split_list(child, chunk_chars))
                loose(tail)
            else:
                pieces.append((markup, False))

    walk(root)
    chunks: list[Chunk] = []
    current: list[str] = []
    size = 0
    continues = False
    for markup, continuation in pieces:
        if current and (continuation or size + len(markup) > chunk_chars):
            chunks.append(Chunk(f"<html><body>{''.join(current)}</body></html>", continues))
            current, size = [], 0
        if not current:
            continues = continuation
        current.append(markup)
        size += len(markup)
    if current:
        chunks.append(Chunk(f"<html><body>{''.join(current)}</body></html>", continues))
    return chunks


def _split_list(element: HtmlElement, chunk_chars: int) -> list[tuple[str, bool]]:
    """A long list as several lists of whole items. All but the last lose their bottom
    margin (Qt gives it to a list's last item) so the joined list spaces like the original."""
    import lxml.html

    attributes = "".join(f' {k}="{html.escape(v)}"' for k, v in element.attrib.items())
    items = [lxml.html.tostring(item, encoding="unicode") for item in element]
    groups: list[list[str]] = [[]]
    size = 0
    for item in items:
        if size >= chunk_chars:
            groups.append([])
            size = 0
        groups[-1].append(item)
        size += len(item)
    pieces = []
    for number, group in enumerate(groups):
        style = "" if number == len(groups) - 1 else ' style="margin-bottom: 0"'
        tag = str(element.tag)
        pieces.append((f"<{tag}{attributes}{style}>{''.join(group)}</{tag}>", number > 0))
    return pieces


def _has_text(element: HtmlElement) -> bool:
    """Loose text directly inside a list (not in an item) would be lost by cutting it."""
    if element.text and element.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in element)
