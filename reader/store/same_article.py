"""When a page that names an already-saved canonical address is that same article.

Saving used to merge on the canonical URL a page declares: any file or any server that
claimed another article's address replaced its text. Now a claimed address merges two
saves only when where the page came from backs the claim and the text is plausibly the
same article; otherwise the page becomes an article of its own and nothing is erased.

- Backed: the new page was fetched from the canonical's host, or from the same host as
  the saved one; a page read from a file only ever merges with one also read from a file
  (a file proves nothing about a web address, and must not overwrite what was fetched).
- Same text: the same title, or most of the shorter text's three-word runs found in the
  other (an edited or updated story keeps most of them; another page shares few).

Imports also merge on the text alone (``text_key``): the same words under two addresses
(a link shortener, a tracking parameter an export kept) are one article.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from reader.urls import is_url

SHARED_RUNS = 0.5  # of the shorter text's three-word runs, found in the other
MAX_WORDS = 20_000  # enough to judge; a book-length page costs no more than this
_WORD = re.compile(r"\w+")
# Fewer words than this say too little to call two texts one ("Subscribe to read", "Page
# not found" are the same words on a thousand pages).
TEXT_KEY_MIN_WORDS = 40


def origin_backs_claim(
    canonical: str | None, new_origin: str | None, saved_origin: str | None
) -> bool:
    """Does where the new page came from support its claim to ``canonical``?"""
    new_host = _host(new_origin)
    saved_host = _host(saved_origin)
    if new_host is None:
        return saved_host is None and _is_file(new_origin) and _is_file(saved_origin)
    return _same_site(new_host, _host(canonical)) or _same_site(new_host, saved_host)


def plausibly_same(title_a: str, text_a: str, title_b: str, text_b: str) -> bool:
    if _words(title_a) and _words(title_a) == _words(title_b):
        return True
    runs_a, runs_b = _runs(text_a), _runs(text_b)
    if not runs_a or not runs_b:
        return False
    shared = len(runs_a & runs_b)
    return shared >= SHARED_RUNS * min(len(runs_a), len(runs_b))


def _host(address: str | None) -> str | None:
    if not address or not is_url(address):
        return None
    try:
        host = (urlsplit(address).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def _same_site(one: str | None, other: str | None) -> bool:
    """The same host, or one a subdomain of the other (m.news.example, news.example)."""
    if not one or not other:
        return False
    return one == other or one.endswith("." + other) or other.endswith("." + one)


def _is_file(origin: str | None) -> bool:
    return bool(origin) and not is_url(origin or "")


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text or "")[:MAX_WORDS]]


def _runs(text: str) -> set[tuple[str, str, str]]:
    words = _words(text)
    return set(zip(words, words[1:], words[2:], strict=False))


def text_key(text: str | None) -> str | None:
    """A key of the text's words alone (case and spacing ignored), or None when the text
    is too short to tell apart. SQL function reader_text_key (migration 7 fills it)."""
    words = _WORD.findall(text or "")
    if len(words) < TEXT_KEY_MIN_WORDS:
        return None
    joined = " ".join(word.casefold() for word in words)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]
