"""A library with everything a person leaves in one, for the export tests: pictures
(PNG, JPEG and a WebP no book may hold), recommended stories some of them read, tags,
every state, reading and listening positions, the listening queue, highlights with notes
and colours (one detached), saved/opened/updated times, and Reader's own sample."""

from __future__ import annotations

import base64
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from reader.highlights.anchors import Anchor
from reader.model import Article, Asset, Page, Story
from reader.store import Library


def png(width: int = 3, height: int = 2, shade: int = 90) -> bytes:
    """A real PNG (any viewer opens it), made without an image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + bytes([shade, 120, 200]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# Real pictures (made with Qt once, 2x2 pixels), as epubcheck opens what a book holds.
JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEAZABkAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERX"
    "RTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj"
    "Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAA"
    "AAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAk"
    "M2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKT"
    "lJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QA"
    "HwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdh"
    "cRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hp"
    "anN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk"
    "5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwCtRRRXoHCf/9k="
)
WEBP = base64.b64decode(
    "UklGRjIAAABXRUJQVlA4ICYAAACQAQCdASoCAAIAAsBMJaACdLoAA5gA/t+APigFI4nd9fAFPuAAAA=="
)

LIGHTHOUSE_HTML = (
    "<h2>Life on the rock</h2>"
    "<p>The keepers of the Wolf Rock light lived in shifts of eight weeks, three men to a"
    " tower, with the Atlantic breaking against the granite below them.</p>"
    '<figure><img src="https://sea.example/img/tower.png" alt="The tower in a storm">'
    "<figcaption>The tower in 1910 &amp; after</figcaption></figure>"
    '<p>They wound the clockwork <img src="lens.jpg" alt="the lens"> that turned the lens'
    ' <a href="https://sea.example/log">and kept the log</a>.</p>'
    '<p><img src="https://sea.example/img/new.webp" alt="A modern photo"></p>'
    '<p><img src="https://elsewhere.example/never-kept.png" alt="Not kept"></p>'
    "<ul><li>Supplies by boat</li><li>Relief weeks late</li></ul>"
    "<pre>log 1910-01-01: gale, lamp lit 16:02</pre>"
)
LIGHTHOUSE_TEXT = (
    "Life on the rock\n\nThe keepers of the Wolf Rock light lived in shifts of eight weeks,"
    " three men to a tower, with the Atlantic breaking against the granite below them."
)


# The page the lighthouse article was read from (issue 18 keeps it): a lone surrogate
# (a page's broken character) and a picture of its own, which the article does not use.
LIGHTHOUSE_ORIGINAL = Page(
    source="https://sea.example/keepers",
    html=(
        "<html><head><title>Keepers</title></head><body><nav>Menu</nav><article>"
        f"{LIGHTHOUSE_HTML}<p>Broken \udc9a byte.</p></article>"
        '<img src="/img/banner.png"></body></html>'
    ),
    url="https://sea.example/keepers",
    assets=(Asset("https://sea.example/img/banner.png", "image/png", png(9, 1, 200)),),
    format="complete",
)


@dataclass(frozen=True)
class Built:
    lighthouse: int
    trains: int
    plain: int


def article(number: int, **changes: Any) -> Article:
    """A plain article (the many of a large library)."""
    base = Article(
        source=f"https://many.example/{number}",
        title=f"Article {number}: on tides",
        content_html=f"<p>Paragraph {number} about tides and the moon.</p>",
        text=f"Paragraph {number} about tides and the moon.",
        url=f"https://many.example/{number}",
        site_name="Many",
        lang="en",
        word_count=7,
    )
    return base if not changes else Article(**{**base.__dict__, **changes})


def build(library: Library) -> Built:
    """Three articles that between them use every field an export must carry."""
    lighthouse = library.save(
        Article(
            source="https://sea.example/keepers",
            title="The lighthouse keepers <of> Wolf Rock",
            content_html=LIGHTHOUSE_HTML,
            text=LIGHTHOUSE_TEXT,
            url="https://sea.example/keepers",
            byline="Morwenna Pascoe",
            published="2023-12-24T00:00:00+00:00",
            site_name="Sea Stories",
            lang="en-GB",
            excerpt="Life on a rock in the Atlantic.",
            lead_image="https://sea.example/img/tower.png",
            word_count=240,
            reading_minutes=2,
            recommended=(
                Story("Fog signals", "https://sea.example/fog", "Horns", "Sea", group="More"),
                Story("Buy a lamp", "https://shop.example/lamp", sponsored=True),
                Story("Bell rocks", "https://sea.example/bell", group="Most read"),
            ),
            assets=(
                Asset("https://sea.example/img/tower.png", "image/png", png()),
                Asset("lens.jpg", "application/octet-stream", JPEG),  # a server's wrong claim
                Asset("https://sea.example/img/new.webp", "image/webp", WEBP),
            ),
            original=LIGHTHOUSE_ORIGINAL,
        ),
        origin="https://sea.example/keepers",
    )
    library.set_tags(lighthouse, ["sea", "History", "long reads"])
    library.set_starred(lighthouse, True)
    library.set_read(lighthouse, True)
    library.save_position(lighthouse, "42.0%")
    library.save_listen_position(lighthouse, 1234)
    library.queue_to_listen(lighthouse)
    for story in library.stories(lighthouse):
        if story.story.title == "Fog signals":
            library.mark_story_read(story.id, True)
    library.add_highlight(
        lighthouse,
        Anchor("lived in shifts of eight weeks", "Wolf Rock light ", ", three men", 43, 73, 160),
        color="blue",
        note="Eight weeks at a time!",
        created_at=1_700_000_000.5,
        updated_at=1_700_000_100.0,
    )
    library.add_highlight(
        lighthouse,
        Anchor("a quote the text no longer holds"),
        note="kept aside",
        created_at=1_700_000_200.0,
        detached=True,
    )
    trains = library.save(
        Article(
            source="https://rail.example/night-trains",
            title="Night trains are back",
            content_html="<p>Sleepers from Vienna to Paris.</p><p>Bunks; coffee at six.</p>",
            text="Sleepers from Vienna to Paris.\n\nBunks; coffee at six.",
            url="https://rail.example/night-trains",
            lang="de",
        )
    )
    library.set_archived(trains, True)
    library.set_tags(trains, ["rail"])
    library.mark_opened(trains)
    library.queue_to_listen(trains, next_up=True)
    plain = library.save(article(0, url=None, source="/home/someone/saved/tides.html"))
    return Built(lighthouse, trains, plain)
