"""Find the resources a page refers to and match them with the ones saved beside it.

Assets are keyed by the reference exactly as the parsed HTML carries it (entities decoded),
so extraction finds an image by the same string it reads from ``src``. Matching an archive
part is by Content-Location / resource URL (as written, or resolved against the page's
address) and by ``cid:`` for Content-ID. A scan with simple linear regexes is enough: the
loader must not parse the page (extraction parses it once).
"""

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urldefrag, urljoin

from reader.load.sniff import image_type
from reader.model import Asset

# Attributes whose values are resource URLs (lazy-loading ones included), and the ones
# holding candidate lists.
URL_ATTRS = frozenset(
    {"src", "href", "poster", "background", "data-src", "data-original", "data-lazy-src"}
    | {"data-url", "data-hi-res-src", "data-full-src", "data-lazyload", "data-orig-file"}
    | {"data-large-file", "data-medium-file"}
)
SRCSET_ATTRS = frozenset({"srcset", "data-srcset", "data-lazy-srcset"})
# An attribute value after "=": the scan looks for "=" (a fast literal) and then reads the
# name just before it; a regex with the names in front is ten times slower on big pages.
ATTR_VALUE = re.compile(r"""=[ \t\r\n]*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>"'=`]+))""")
# Longest attribute name worth looking back for (plus the spaces before "=").
NAME_LOOKBACK = 40
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s"']+))\s*\)""", re.I)

# References longer than this are not file names or URLs worth matching (data: excepted,
# and those are skipped anyway): bounds the work on pages with huge attributes.
MAX_REF_CHARS = 2048
# Media types kept as assets from archives: images, which the reading view shows.
ASSET_TYPES = ("image/",)


@dataclass(frozen=True)
class Resource:
    """One saved resource of an archive (an MHTML part, a webarchive subresource)."""

    url: str | None
    media_type: str
    data: bytes
    content_id: str | None = None


def _srcset_urls(value: str) -> Iterator[str]:
    for candidate in value.split(","):
        parts = candidate.split()
        if parts:
            yield parts[0]


def references(markup: str) -> list[str]:
    """Every resource reference in the page, as the parsed HTML carries it, in order."""
    seen: dict[str, None] = {}

    def add(value: str) -> None:
        value = value.strip()
        if "&" in value:
            value = html.unescape(value)
        if value and len(value) <= MAX_REF_CHARS and not value.lower().startswith("data:"):
            seen.setdefault(value, None)

    for match in ATTR_VALUE.finditer(markup):
        at = match.start()
        words = markup[max(0, at - NAME_LOOKBACK) : at].split()
        if not words:
            continue
        name = words[-1]
        for stop in "\"'/":  # alt="x"src=... : the name starts after the last quote
            name = name.rpartition(stop)[2]
        name = name.lower()
        if name not in URL_ATTRS and name not in SRCSET_ATTRS:
            continue
        value = match["dq"] if match["dq"] is not None else match["sq"] or match["bare"] or ""
        if name in SRCSET_ATTRS:
            for url in _srcset_urls(value):
                add(url)
        else:
            add(value)
    if "url(" in markup:
        for match in CSS_URL.finditer(markup):
            add(match.group(1) or match.group(2) or match.group(3) or "")
    return list(seen)


def _asset_type(resource: Resource) -> str | None:
    media_type = resource.media_type.split(";")[0].strip().lower()
    if media_type.startswith(ASSET_TYPES):
        return media_type
    return image_type(resource.data)


def _strip_cid(value: str) -> str:
    return unquote(value.strip().strip("<>"))


def match_resources(
    markup: str, page_url: str | None, resources: Iterable[Resource]
) -> tuple[Asset, ...]:
    """Assets for the page's references found among ``resources``; unreferenced images are
    kept under their own URL (a stylesheet or script may still name them)."""
    by_url: dict[str, Resource] = {}
    by_cid: dict[str, Resource] = {}
    for resource in resources:
        if _asset_type(resource) is None:
            continue
        if resource.url:
            by_url.setdefault(resource.url, resource)
            by_url.setdefault(urldefrag(resource.url)[0], resource)
        if resource.content_id:
            by_cid.setdefault(_strip_cid(resource.content_id), resource)

    assets: dict[str, Asset] = {}
    used: set[int] = set()
    for ref in references(markup):
        found: Resource | None = None
        if ref.lower().startswith("cid:"):
            found = by_cid.get(_strip_cid(ref[4:]))
        else:
            found = by_url.get(ref)
            if found is None and page_url:
                try:
                    absolute = urljoin(page_url, ref)
                except ValueError:
                    absolute = ""
                found = by_url.get(absolute) or by_url.get(urldefrag(absolute)[0])
        if found is not None:
            assets[ref] = Asset(ref, _asset_type(found) or "application/octet-stream", found.data)
            used.add(id(found))
    for resource in {id(r): r for r in (*by_url.values(), *by_cid.values())}.values():
        if id(resource) in used:
            continue
        key = resource.url or (f"cid:{_strip_cid(resource.content_id or '')}")
        if key not in assets:
            media_type = _asset_type(resource) or "application/octet-stream"
            assets[key] = Asset(key, media_type, resource.data)
    return tuple(assets.values())
