"""Stage 2: what the page says about itself, read from the raw tree before readability.

Sources in the order they are trusted: JSON-LD (Article and kin, inside @graph or lists),
then OpenGraph / Twitter / Dublin Core / plain meta tags, then markup (``<time>``,
``rel=author``, byline classes, "By X" lines), then the ``<title>`` and the first ``h1``.
Bylines are tidied to the names ("By", job titles, "| Updated ...", "Follow" go); a user
name ("jdoe42") is used only when nothing names the author better. The publication date
never comes from a modified date while anything (a published field, ``<time>``, a date
shown as text, the date in the address) tells when the story was published.
Reads only; never mutates the tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from reader.extract.metadata import bylines, dates, head, jsonld, titles
from reader.extract.metadata.bylines import tidy_byline
from reader.extract.metadata.dates import date_in_text, iso_date
from reader.extract.metadata.titles import clean_title
from reader.extract.sanitize import link_base
from reader.extract.text import first_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = [
    "Metadata",
    "clean_title",
    "date_in_text",
    "iso_date",
    "read_metadata",
    "tidy_byline",
]


@dataclass(frozen=True)
class Metadata:
    """What the page says about itself; the pipeline prefers it over guesses from the text."""

    title: str | None = None
    byline: str | None = None
    published: str | None = None
    site_name: str | None = None
    lang: str | None = None
    url: str | None = None  # canonical / og:url, absolute
    excerpt: str | None = None
    image: str | None = None
    base_href: str | None = None


def read_metadata(root: HtmlElement, page_url: str | None) -> Metadata:
    metas = head.meta_values(root)
    ld = jsonld.article_fields(root)
    site_name = first_text(
        ld.get("site_name"),
        metas.get(head.SITE_KEYS[0]),
        ld.get("website_name"),
        *(metas.get(k) for k in head.SITE_KEYS[1:]),
    )
    title_tag = titles.title_text(root)
    title = first_text(
        titles.ld_title(ld.get("headline"), ld.get("name"), title_tag, site_name),
        *(metas.get(k) for k in head.TITLE_KEYS),
    )
    site = site_name or titles.banner_name(root)
    if not title:
        title = clean_title(title_tag, site, titles.first_h1(root))
    if title:
        title = titles.without_site_prefix(title, site)
    byline = bylines.read_byline(root, metas, ld)
    published = dates.read_published(root, metas, ld, page_url)
    base_href = head.base_href(root)
    canonical = head.canonical_href(root)
    url = _absolute(canonical or metas.get("og:url"), link_base(base_href, page_url, None))
    base = link_base(base_href, page_url, url)
    image = first_text(ld.get("image"), *(metas.get(k) for k in head.IMAGE_KEYS))
    return Metadata(
        title=title,
        byline=byline,
        published=published,
        site_name=site_name,
        lang=head.declared_lang(root, metas, ld.get("lang")),
        url=url,
        excerpt=first_text(ld.get("description"), *(metas.get(k) for k in head.EXCERPT_KEYS)),
        image=_absolute(image, base) if image else None,
        base_href=base_href,
    )


def _absolute(url: str | None, base: str | None) -> str | None:
    """``url`` resolved against ``base``, kept only when it is a web address."""
    if not url:
        return None
    url = url.strip()
    try:
        absolute = urljoin(base, url) if base else url
    except ValueError:
        return None
    return absolute if absolute.lower().startswith(("http://", "https://")) else None
