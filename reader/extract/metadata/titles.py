"""The story's title: JSON-LD or meta titles, else the <title> without its site name."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader.extract.text import TITLE_SEPARATOR, fold, squash

if TYPE_CHECKING:
    from lxml.html import HtmlElement

TITLE_MIN_WORDS = 3  # a title part shorter than this is more likely a site or section name
TITLE_SHORT_WORDS = 4  # a split-off title this short is kept whole: the split was doubtful


def ld_title(
    headline: str | None, name: str | None, title_tag: str, site_name: str | None
) -> str | None:
    """JSON-LD headline, unless its name is the one the <title> agrees with."""
    if name and site_name and fold(name) == fold(site_name):
        name = None
    if headline and name and fold(headline) != fold(name):
        folded = fold(title_tag)
        if fold(name) in folded and fold(headline) not in folded:
            return name
    return headline or name


def title_text(root: HtmlElement) -> str:
    for title in root.iter("title"):
        return squash(title.text_content())
    return ""


def first_h1(root: HtmlElement) -> str:
    for h1 in root.iter("h1"):
        text = squash(h1.text_content())
        if text:
            return text
    return ""


def banner_name(root: HtmlElement) -> str:
    """The site's name as its banner prints it: a first <h1> that is nothing but a link to
    the site's front page (a blog's "<h1><a href="http://blog.example/">Everything Yoga</a>")."""
    h1 = next(root.iter("h1"), None)
    link = next(h1.iter("a"), None) if h1 is not None else None
    if h1 is None or link is None:
        return ""
    href = (link.get("href") or "").strip()
    front = bool(href) and not href.startswith("#") and urlsplit(href).path in ("", "/")
    text = squash(h1.text_content())
    return text if front and text == squash(link.text_content()) else ""


def clean_title(title: str, site_name: str | None, h1: str) -> str | None:
    """A <title> without its site-name part ("Story | Site" -> "Story")."""
    title = squash(title)
    if not title:
        return h1 or None
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) == 1:
        return title
    folded_site = fold(site_name or "")
    if folded_site:
        kept = [part for part in parts if fold(part) != folded_site]
        if kept and len(kept) < len(parts):
            return _rejoin(title, kept)
    shorter = _drop_title_end(title, parts, h1)
    # A few words left over are more likely a section or site name than the title.
    return shorter if len(shorter.split()) > TITLE_SHORT_WORDS else title


def without_site_prefix(title: str, site_name: str | None) -> str:
    """ "Everything Yoga: Permission To Be Bad" on a blog named "Everything Yoga": the
    story's title after the name's colon. A colon is no separator otherwise ("Coinbase vs.
    Coinbase Pro: How do they compare?" is one title, its <h1> the part before the colon)."""
    name, colon, rest = title.partition(": ")
    if not colon or not site_name or len(rest.split()) < TITLE_MIN_WORDS:
        return title
    return rest if fold(name) == fold(site_name) else title


def _drop_title_end(title: str, parts: list[str], h1: str) -> str:
    if h1 and len(h1.split()) > TITLE_SHORT_WORDS and fold(h1) in {fold(p) for p in parts}:
        return h1
    separators = list(TITLE_SEPARATOR.finditer(title))
    before_last = title[: separators[-1].start()]
    if len(before_last.split()) >= TITLE_MIN_WORDS:
        return before_last
    after_first = title[separators[0].end() :]
    return after_first


def _rejoin(title: str, kept: list[str]) -> str:
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end] if 0 <= start < end else kept[0]
