"""Page -> Article: the main story of a page, cleaned, with its metadata and story lists.

Pure functions, no I/O. Heavy libraries (lxml, readability) load on the first call.
See reader.extract.pipeline for the stages.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reader.model import Article, Page

if TYPE_CHECKING:
    from reader.extract.pipeline import RulesLookup


def extract(page: Page, rules_for: RulesLookup | None = None) -> Article:
    """The article of ``page``; raises ExtractError (only) when none can be made.

    ``rules_for``: a page address -> that site's rules (reader.service.site_rules.rules_for
    reads the data folder's; None: no site rules). The article carries ``page`` as its
    original: the library keeps it, so that the article can be extracted again later
    (reader.service.reextract). A page fetched with its later pages (``page.following``)
    gives one article of all their stories (reader.extract.pages). The original carries
    only what extraction reads (reader.extract.unread: no script code, no CSS that hides
    nothing, ...)."""
    from reader.extract.pipeline import extract as run
    from reader.extract.unread import without_unread

    page = replace(
        page,
        html=without_unread(page.html),
        following=tuple(replace(p, html=without_unread(p.html)) for p in page.following),
    )

    article = run(page, rules_for, unread_left_out=True)
    if page.following:
        from reader.errors import ExtractError
        from reader.extract.pages import join_pages

        later = []
        for following in page.following:
            try:
                later.append(run(following, rules_for, unread_left_out=True))
            except ExtractError:
                continue  # a page without a story of its own: left out
        article = join_pages(article, later)
    return replace(article, original=page)


__all__ = ["extract"]
