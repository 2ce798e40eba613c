"""When the story was published, as an ISO 8601 date or datetime.

Never a modified date while anything (a published field, ``<time>``, a date shown as text,
the date in the address) tells when the story was published: a story updated today was
not published today.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from lxml import etree

from reader.extract.metadata.head import CREATED_KEYS, DATE_KEYS, MODIFIED_KEYS, canonical_href
from reader.extract.text import squash

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_ISO = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*"
    r"(Z|[+-]\d{2}:?\d{2})?)?"
)
DATE_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y/%m/%d",
    "%m/%d/%Y",
    "%d.%m.%Y",  # European day-first with dots: never ambiguous with the US slash form
    "%B %d %Y",
    "%b %d %Y",
)
# A date written in words inside a longer text ("Published March 4, 2020 at 9:00").
_DATE_IN_TEXT = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?"
    r"\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
    r"\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
# Markup that shows the publication date as text, when nothing machine-readable does
# (never inside a table: an infobox's "founded" or a schedule is not the story's date).
# Matched in one pass over the tree: the same test as one XPath took 3.5 ms a Dragnet page.
DATE_CLASS_PARTS = (
    "publish",
    "post-date",
    "posted-on",
    "entry-meta",
    "post-meta",
    "article-meta",
    "entry-date",
    "article-date",
    "dateline",
    " date",
)
DATE_CLASS_WHOLE = "date"  # class="date", or a first class "date" among others
DATE_NOT_INSIDE = frozenset(("table", "aside", "nav"))
# <time> elements, skipping those of comments and side rails (other stories' dates).
TIME_XPATH = (
    "//time[@datetime][not(ancestor::aside or ancestor::nav or "
    "ancestor::footer[not(ancestor::article)] or "
    "ancestor::*[contains(@class,'comment') or contains(@id,'comment')])] | "
    "//*[@itemprop='datePublished']"
)
DATE_MARKUP_MAX_CHARS = 80  # a date label, not a paragraph that mentions a date
UPDATED_WORDS = re.compile(
    r"\b(?:updated|modified|edited|mis à jour|aktualisiert)\b|datemodified", re.I
)
# /2021/05/19/ or /2021-05-19- in a story's address: its publication day (last resort).
URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/-]|\.html?|$)"
)


def read_published(
    root: HtmlElement, metas: dict[str, str], ld: dict[str, str], page_url: str | None
) -> str | None:
    """The publication date: published fields, then markup, the address, and only then
    a creation or modification date (a story updated today was not published today)."""
    sources = (
        lambda: ld.get("published"),
        *(lambda key=key: metas.get(key) for key in DATE_KEYS),
        lambda: _time_tag(root),
        lambda: ld.get("created"),
        *(lambda key=key: metas.get(key) for key in CREATED_KEYS),
        lambda: _date_markup(root),
        lambda: _url_date(page_url, root, metas),
        lambda: ld.get("modified"),
        *(lambda key=key: metas.get(key) for key in MODIFIED_KEYS),
        lambda: _time_tag(root, updated=True),
    )
    for source in sources:
        published = iso_date(source())
        if published:
            return published
    return None


def _date_markup(root: HtmlElement) -> str | None:
    """A date shown as text in a date-classed element (not an "Updated ..." one)."""
    for node in _date_elements(root):
        if node.tag in ("html", "body", "meta", "script", "style"):
            continue
        text = squash(node.text_content())
        if not text or len(text) > DATE_MARKUP_MAX_CHARS or UPDATED_WORDS.search(text):
            continue
        found = date_in_text(text)
        if found:
            return found
    return None


def _date_elements(root: HtmlElement) -> Iterator[HtmlElement]:
    """Date-classed elements in document order, not inside a comment, table, aside or nav."""
    for elem in root.getroottree().getroot().iter(etree.Element):
        classes = elem.get("class")
        if classes is None or not (
            classes == DATE_CLASS_WHOLE
            or classes.startswith(DATE_CLASS_WHOLE + " ")
            or any(part in classes for part in DATE_CLASS_PARTS)
        ):
            continue
        if not any(
            above.tag in DATE_NOT_INSIDE or "comment" in above.get("class", "")
            for above in elem.iterancestors(etree.Element)
        ):
            yield elem


def _url_date(page_url: str | None, root: HtmlElement, metas: dict[str, str]) -> str | None:
    for url in (canonical_href(root), metas.get("og:url"), page_url):
        match = URL_DATE.search(url or "")
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return datetime(year, month, day).date().isoformat()
            except ValueError:
                continue
    return None


def date_in_text(text: str) -> str | None:
    """The first date written inside a short text ("Posted on March 4th, 2020 by ...")."""
    whole = iso_date(text)
    if whole:
        return whole
    match = _DATE_IN_TEXT.search(text)
    if not match:
        return None
    words = _ORDINAL.sub("", match.group(0)).replace(".", " ").replace(",", " ").split()
    words = [word[:3] if word.lower().startswith("sept") else word for word in words]
    return iso_date(" ".join(words))


def _time_tag(root: HtmlElement, updated: bool = False) -> str | None:
    """The story's <time>: a pubdate / datePublished one, else the first one that is not
    marked as an update (``updated=True``: the first update time, as a last resort)."""
    best = None
    for node in root.xpath(TIME_XPATH):
        value = node.get("datetime") or node.get("content") or node.text_content()
        if node.get("pubdate") is not None or node.get("itemprop") == "datePublished":
            return None if updated else str(value)
        marks = f"{node.get('class', '')} {node.get('itemprop', '')}"
        # WordPress marks an unedited post's one date "entry-date published updated".
        is_update = bool(UPDATED_WORDS.search(marks)) and "publish" not in marks.lower()
        if best is None and is_update == updated:
            best = str(value)
    return best


def iso_date(value: str | None) -> str | None:
    """ISO 8601 date or datetime for a date as pages write it; None if it is no date."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    match = _ISO.match(value)
    if match:
        day, clock, zone = match.groups()
        try:  # not strptime: its first call builds the locale's patterns (~4 ms, measured)
            date.fromisoformat(day)
        except ValueError:
            return None
        if not clock:
            return day
        if len(clock) == 5:
            clock += ":00"
        if zone and zone != "Z" and ":" not in zone:
            zone = f"{zone[:3]}:{zone[3:]}"
        return f"{day}T{clock}{zone or ''}"
    if re.fullmatch(r"\d{10}(\d{3})?", value):  # epoch seconds or milliseconds
        try:
            stamp = int(value[:10])
            return datetime.fromtimestamp(stamp).astimezone().date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None
