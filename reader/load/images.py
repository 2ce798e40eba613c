"""The images an article uses, downloaded in parallel with firm limits, after the page.

Only images the article's content shows (not the whole page's), at most MAX_IMAGES, each
at most MAX_IMAGE_BYTES, all within TOTAL_SECONDS. From a srcset the candidate nearest
TARGET_WIDTH is taken. A failed image is simply left out: the reading view shows a
placeholder, and the article never waits on it or fails because of it.

Works on the article's HTML, not on an Article: adding the images to an article is the
application layer's step (reader.service.images).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Collection
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from reader.errors import FetchError
from reader.model import Asset

if TYPE_CHECKING:
    from reader.load.session import Cancel, Session

MAX_IMAGES = 40  # a long photo essay; beyond that the article is a gallery
MAX_IMAGE_BYTES = 10 * 1024 * 1024  # a large photo; more is a poster or a trap
TOTAL_SECONDS = 60.0  # every image of one article, together
WORKERS = 6  # browsers open about six connections per host
TARGET_WIDTH = 1200  # wide enough for the reading column on a HiDPI screen
IMAGE_ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif,image/svg+xml;q=0.8,*/*;q=0.1"

# A candidate: its address (no whitespace), an optional "100w"/"2x", the rest up to a comma.
# Possessive quantifiers: no backtracking, so a long run of blanks or of one character
# costs linear time (tests/unit/test_linear_patterns.py).
_SRCSET_CANDIDATE = re.compile(r"(\S++)(?:\s++([0-9.]++)([wx]))?[^,]*+,?")


def pick_from_srcset(srcset: str, target_width: int = TARGET_WIDTH) -> str | None:
    """The srcset candidate closest to ``target_width`` pixels wide (2x when only densities
    are given, for a sharp image on HiDPI screens); None when srcset holds no candidate."""
    best: tuple[float, str] | None = None
    for match in _SRCSET_CANDIDATE.finditer(srcset or ""):
        url, number, unit = match.group(1), match.group(2), match.group(3)
        url = url.rstrip(",")
        if not url:
            continue
        try:
            value = float(number) if number else 1.0
        except ValueError:
            continue
        distance = abs(value - target_width) if unit == "w" else abs(value - 2.0) * 1000
        if best is None or distance < best[0]:
            best = (distance, url)
    return best[1] if best else None


def article_images(content_html: str) -> list[tuple[str, str | None]]:
    """(src as written, better srcset candidate or None) for every <img>, in page order.

    Parsed by lxml, which lets go of the GIL while it parses: the window asks this of a
    1 MB article right after showing it, and Python's own HTMLParser held the GIL for ~300 ms
    there (the window stalled on every Python call meanwhile; lxml: ~30 ms, mostly freed)."""
    from lxml import etree

    if not content_html.strip():
        return []
    # As UTF-8 bytes: lxml refuses a str that declares an encoding, and a lone surrogate
    # would lose the whole str (it becomes "?" here, as in any src it sits in).
    data = content_html.encode("utf-8", errors="replace")
    root = etree.fromstring(data, etree.HTMLParser(encoding="utf-8"))
    if root is None:
        return []
    found: list[tuple[str, str | None]] = []
    for image in root.iter("img"):
        src = (image.get("src") or "").strip()
        if src:
            found.append((src, pick_from_srcset(image.get("srcset") or "")))
    return found


def fetch_images(
    urls: list[str],
    *,
    timeout: float | None = None,
    total: float = TOTAL_SECONDS,
    max_images: int = MAX_IMAGES,
    max_bytes: int = MAX_IMAGE_BYTES,
    cancel: Cancel = None,
    progress: Callable[[int, int], None] | None = None,
    alternatives: dict[str, str] | None = None,
) -> dict[str, Asset]:
    """Download images in parallel; returns {url as given: Asset} for those that arrived.

    ``alternatives`` maps a url to a preferred address to try first (a srcset pick); the
    Asset stays keyed by the url as given, the address the article's HTML uses.
    ``progress(done, count)`` is called as images finish. Never raises for a bad image.
    """
    from reader.load.session import Session, cancel_hook

    wanted: list[str] = []
    for url in urls:
        if url not in wanted and urlsplit(url).scheme.lower() in ("http", "https"):
            wanted.append(url)
    wanted = wanted[:max_images]
    if not wanted:
        return {}
    outside = cancel_hook(cancel)
    stop = threading.Event()
    results: dict[str, Asset] = {}
    session = Session(
        timeout=timeout,
        total=total,
        cancel=lambda: stop.is_set() or bool(outside and outside()),
        credentials=None,
        accept=IMAGE_ACCEPT,
    )

    def one(url: str) -> Asset | None:
        for address in dict.fromkeys([(alternatives or {}).get(url, url), url]):
            if session.guard.cancelled() or session.guard.expired():
                return None
            asset = _download(session, url, address, max_bytes)
            if asset is not None:
                return asset
        return None

    pool = ThreadPoolExecutor(max_workers=min(WORKERS, len(wanted)), thread_name_prefix="image")
    futures: dict[Future[Asset | None], str] = {}
    pending: set[Future[Asset | None]] = set()
    try:
        futures = {pool.submit(one, url): url for url in wanted}
        pending = set(futures)
        done_count = 0
        while pending:
            left = session.guard.deadline - time.monotonic() if session.guard.deadline else None
            if left is not None and left <= 0:
                break
            finished, pending = wait(pending, timeout=left, return_when=FIRST_COMPLETED)
            for future in finished:
                done_count += 1
                asset = future.result()
                if asset is not None:
                    results[futures[future]] = asset
                if progress is not None:
                    progress(done_count, len(wanted))
            if session.guard.cancelled():
                break
    finally:
        # Whatever still runs stops at its next wake-up (a fraction of a second), or when
        # its connect attempt times out: the article does not wait for those.
        stop.set()
        pool.shutdown(wait=False, cancel_futures=True)
        if not pending:
            session.close()
    return results


def _download(session: Session, key: str, address: str, max_bytes: int) -> Asset | None:
    """One image, or None when it fails for any reason (the UI shows a placeholder)."""
    from reader.load.session import parse_url, status_error
    from reader.load.sniff import image_type

    try:
        reply = session.open(parse_url(address))
        try:
            if status_error(reply, session) is not None:
                return None
            declared = reply.response.headers.get("content-type", "")
            declared = declared.split(";")[0].strip().lower()
            if declared and not declared.startswith("image/") and declared not in _UNSURE:
                return None
            data = session.read(reply, limit=max_bytes, too_large="image too large")
        finally:
            reply.response.close()
    except FetchError:
        return None
    except Exception:  # one image must never break the article
        return None
    media_type = image_type(data) or (declared if declared.startswith("image/") else None)
    if not data or media_type is None:
        return None
    return Asset(url=key, media_type=media_type, data=data)


_UNSURE = frozenset({"application/octet-stream", "binary/octet-stream", "text/plain"})


def content_images(
    content_html: str,
    base_url: str | None,
    have: Collection[str] = (),
    *,
    timeout: float | None = None,
    cancel: Cancel = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Asset]:
    """Download the images ``content_html`` shows; each Asset is keyed by the src as written.

    Sources in ``have`` (images a saved page brought along) are not fetched again; relative
    sources resolve against ``base_url``; the srcset candidate nearest TARGET_WIDTH wins.
    """
    keys: list[str] = []
    addresses: dict[str, str] = {}
    preferred: dict[str, str] = {}
    for src, better in article_images(content_html):
        if src in have or src in addresses or src.startswith("data:"):
            continue
        absolute = urljoin(base_url or "", src)
        if urlsplit(absolute).scheme.lower() not in ("http", "https"):
            continue
        keys.append(src)
        addresses[src] = absolute
        if better:
            preferred[absolute] = urljoin(absolute, better)
    if not keys:
        return []
    fetched = fetch_images(
        [addresses[key] for key in keys],
        timeout=timeout,
        cancel=cancel,
        progress=progress,
        alternatives=preferred,
    )
    return [replace(fetched[addresses[key]], url=key) for key in keys if addresses[key] in fetched]
