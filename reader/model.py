"""The values that flow through Reader: Page (what was loaded) and Article (what was read).

Frozen dataclasses with no behaviour beyond derived views, so every layer can pass them
around, pickle them to worker processes and compare them in tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING
from urllib.parse import unquote

from reader.urls import reference_name

if TYPE_CHECKING:
    from reader.json_types import JsonObject


@dataclass(frozen=True)
class Asset:
    """A resource saved with a page (an image, mostly), keyed by the URL the page uses."""

    url: str
    media_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        import hashlib  # only the library needs it; loading OpenSSL costs a start ~2.6 ms

        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Page:
    """A loaded page before extraction: decoded markup plus where it came from.

    ``html`` is always markup: plain-text dumps are turned into equivalent HTML by the
    loader so that one extraction pipeline serves every format.
    """

    source: str
    html: str
    url: str | None = None
    assets: tuple[Asset, ...] = ()
    format: str = "html"  # html | xhtml | complete | mhtml | webarchive | singlefile | text
    # The article's later pages (page 2, 3...) when it was fetched over several
    # (reader.service.multipage); extraction joins their stories to this page's.
    following: tuple[Page, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Story:
    """A story the page recommended: kept even though it is not the article."""

    title: str
    url: str | None = None
    summary: str = ""
    source: str = ""
    image: str | None = None
    sponsored: bool = False
    # The page's own heading of the list the story was in ("Most read"), or "".
    group: str = ""

    def to_json(self) -> JsonObject:
        return {
            "title": self.title,
            "url": self.url,
            "summary": self.summary,
            "source": self.source,
            "sponsored": self.sponsored,
            "group": self.group,
        }


@dataclass(frozen=True)
class Article:
    """The main story of a page, cleaned and sanitized, with its metadata and stories."""

    source: str
    title: str
    content_html: str
    text: str
    url: str | None = None
    byline: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    site_name: str | None = None
    lang: str | None = None
    excerpt: str | None = None
    lead_image: str | None = None
    word_count: int = 0
    reading_minutes: int = 1
    readerable: bool = True
    recommended: tuple[Story, ...] = ()
    assets: tuple[Asset, ...] = field(default=(), repr=False)
    # The page it was extracted from, kept with it in the library so that a better
    # extractor or a site rule can extract it again (None: read back from the library).
    original: Page | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> JsonObject:
        """The article JSON contract of DESIGN.md (assets and the original are not)."""
        data = {
            item.name: getattr(self, item.name)
            for item in fields(self)
            if item.name not in ("assets", "original", "recommended")
        }
        data["recommended"] = [story.to_json() for story in self.recommended]
        return data


def find_asset(assets: Sequence[Asset], src: str) -> Asset | None:
    """The asset an article's ``src`` names: as given, percent-decoded, else a unique
    file-name match (the same rule as the store's Library.asset)."""
    by_url = {asset.url: asset for asset in assets}
    for candidate in (src, unquote(src)):
        if candidate in by_url:
            return by_url[candidate]
    name = reference_name(src)
    if not name:
        return None
    matches = {asset.sha256: asset for asset in assets if reference_name(asset.url) == name}
    return next(iter(matches.values())) if len(matches) == 1 else None
