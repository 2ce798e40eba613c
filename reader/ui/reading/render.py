"""The article as the reading view shows it: the header (site, title, byline, the date as the
reader's locale writes it, the reader's marks) above the shaped story (reader.service.shaping).
Runs in a worker thread: shaping imports lxml, which the window must not load before its
first paint.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt

from reader.model import Article
from reader.service.shaping import ImageSize, Rendered, shape_content, text_to_html


def format_date(published: str | None, locale: QLocale | None = None) -> str:
    """An ISO 8601 date or datetime as the user's locale writes a long date, no weekday."""
    if not published:
        return ""
    locale = locale or QLocale()
    value = published.strip()
    date = QDate.fromString(value[:10], Qt.DateFormat.ISODate)
    if not date.isValid():
        moment = QDateTime.fromString(value, Qt.DateFormat.ISODate)
        if not moment.isValid():
            return ""
        date = moment.date()
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    pattern = re.sub(r"d{4}[,.\s\u060c]*", "", pattern).strip(" ,\u060c")
    return locale.toString(date, pattern)


def article_marks(starred: bool, archived: bool, tags: Sequence[str]) -> tuple[str, ...]:
    """What the reader did to an article, as the header shows it: starred, archived, tags."""
    marks = ["★ Starred"] if starred else []
    if archived:
        marks.append("Archived")
    return (*marks, *(f"#{tag}" for tag in tags))


def header_html(article: Article, locale: QLocale | None = None, marks: Sequence[str] = ()) -> str:
    """Site name, title, then byline · date · reading time · the reader's marks."""
    parts: list[str] = []
    if article.site_name:
        parts.append(f'<p class="site">{html.escape(article.site_name)}</p>')
    title = article.title or "Untitled"
    parts.append(f'<h1 class="title">{html.escape(title)}</h1>')
    meta = []
    if article.byline:
        meta.append(html.escape(article.byline))
    date = format_date(article.published, locale)
    if date:
        meta.append(html.escape(date))
    if article.word_count:
        meta.append(f"{max(1, article.reading_minutes)} min read")
    meta += [f'<span class="mark">&nbsp;{html.escape(mark)}&nbsp;</span>' for mark in marks]
    if meta:
        parts.append(f'<p class="meta">{" &nbsp;·&nbsp; ".join(meta)}</p>')
    parts.append('<hr class="rule"/>')
    return "\n".join(parts)


def render_article(
    article: Article,
    image_size: ImageSize,
    locale: QLocale | None = None,
    marks: Sequence[str] = (),
) -> Rendered:
    """The whole document: header, then the shaped story (or its text when HTML is empty)."""
    shaped = shape_content(article.content_html, article.title, image_size)
    return Rendered(page_html(article, shaped.html, locale, marks), shaped.images)


def page_html(
    article: Article, story_html: str, locale: QLocale | None = None, marks: Sequence[str] = ()
) -> str:
    """The header above the shaped story (``story_html``; its text when that is empty)."""
    body = story_html or text_to_html(article.text)
    return f"<html><body>{header_html(article, locale, marks)}\n{body}</body></html>"


def notice_html(message: str) -> str:
    """A one-line page (the "preparing…" state, an empty window)."""
    return f'<html><body><p class="notice">{html.escape(message)}</p></body></html>'
