"""Highlights where an article's text is needed: from a quote, after re-extraction, out.

The store keeps anchors and knows no article text; reader.highlights finds quotes in a
text and knows no library. These functions join them, each run with a Library on the
caller's connection and thread (inside the window's ``writes``, or the CLI's own).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.highlights.anchors import Anchor, describe, quote_anchor
from reader.highlights.attach import Matcher
from reader.highlights.colors import DEFAULT_COLOR
from reader.highlights.export import ArticleHighlights
from reader.highlights.text import anchor_text

if TYPE_CHECKING:
    from reader.model import Article
    from reader.store import Highlight, Library, SaveResult


class QuoteNotFound(ReaderError):
    """The quote is not in the article's text (and the caller wanted no detached one)."""


@dataclass(frozen=True)
class Reattachment:
    """What re-anchoring an article's highlights did."""

    attached: int
    detached: int


def highlight_quote(
    library: Library,
    article_id: int,
    quote: str,
    *,
    note: str = "",
    color: str = DEFAULT_COLOR,
    created_at: float | None = None,
    prefix: str = "",
    suffix: str = "",
    keep_unmatched: bool = True,
) -> Highlight:
    """Highlight ``quote`` in article ``article_id`` (an import, a script, the CLI).

    The quote is looked up in the article's text as the reading view lays it out (exact,
    then tolerant of spacing and punctuation, then a bounded fuzzy match; ``prefix`` and
    ``suffix`` tell repeated quotes apart) and anchored where it was found. A quote that
    is not there is kept, listed as detached, unless ``keep_unmatched`` is False: then
    QuoteNotFound and nothing is written. ``created_at``: Unix seconds (None: now)."""
    wanted = quote_anchor(quote)
    if not wanted.exact:
        raise ReaderError("an empty quote cannot be highlighted")
    wanted = Anchor(wanted.exact, prefix, suffix)
    text = anchor_text(library.article(article_id).article)
    found = Matcher(text).attach(wanted)
    anchor = None if found is None else describe(text, found.start, found.end)
    if anchor is None and not keep_unmatched:
        raise QuoteNotFound(f"article {article_id} does not contain that text")
    return library.add_highlight(
        article_id,
        anchor or wanted,
        color=color,
        note=note,
        created_at=created_at,
        detached=anchor is None,
    )


def save_article(
    library: Library, article: Article, *, origin: str | None, bundled: bool = False
) -> SaveResult:
    """Library.save_result, then, when an article already kept got a new text (opened or
    imported again, extracted anew), its highlights found again in it."""
    result = library.save_result(article, origin=origin, bundled=bundled)
    if result.status == "updated":
        reattach_article(library, result.id)
    return result


def reattach_article(library: Library, article_id: int) -> Reattachment:
    """Find the article's highlights again in its current text (after it was extracted
    again): each moves with its words; those not found are listed as detached."""
    highlights = library.article_highlights(article_id)
    if not highlights:
        return Reattachment(0, 0)
    text = anchor_text(library.article(article_id).article)
    matcher = Matcher(text)
    changes: list[tuple[int, Anchor | None]] = []
    for highlight in highlights:
        found = matcher.attach(highlight.anchor)
        changes.append(
            (highlight.id, None if found is None else describe(text, found.start, found.end))
        )
    library.set_highlight_anchors(changes)
    detached = sum(1 for _, anchor in changes if anchor is None)
    return Reattachment(len(changes) - detached, detached)


def exported(library: Library, article_id: int | None = None) -> list[ArticleHighlights]:
    """What an export holds: one article's highlights, or (``article_id`` None) every
    article's, most recently highlighted first, then those kept from deleted articles."""
    if article_id is not None:
        return [_article_highlights(library, article_id)]
    items: list[ArticleHighlights] = []
    for owner in library.highlighted_articles():
        if owner is not None:
            items.append(_article_highlights(library, owner))
    items.extend(_kept(library.kept_highlights()))
    return items


def _article_highlights(library: Library, article_id: int) -> ArticleHighlights:
    stored = library.article(article_id)
    article = stored.article
    return ArticleHighlights(
        title=article.title,
        url=article.url,
        highlights=tuple(library.article_highlights(article_id)),
        article_id=article_id,
        byline=article.byline,
        site_name=article.site_name,
        published=article.published,
        tags=stored.tags,
    )


def _kept(highlights: list[Highlight]) -> list[ArticleHighlights]:
    """Highlights of deleted articles, grouped by the title and address they kept."""
    groups: dict[tuple[str, str | None], list[Highlight]] = {}
    for highlight in highlights:
        groups.setdefault((highlight.article_title, highlight.article_url), []).append(highlight)
    return [
        ArticleHighlights(title=title, url=url, highlights=tuple(group))
        for (title, url), group in groups.items()
    ]
