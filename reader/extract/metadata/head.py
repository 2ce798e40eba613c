"""What the page's head declares: meta tags by field, the canonical link, <base>, language.

The key tables are rules as data: for each field, the meta keys (name / property / itemprop,
lower-cased) that hold it, most trusted first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement


TITLE_KEYS = (
    "dc:title",
    "dcterms:title",
    "dcterm:title",
    "og:title",
    "twitter:title",
    "parsely-title",
    "title",
)
BYLINE_KEYS = (
    "dc:creator",
    "dcterms:creator",
    "dcterm:creator",
    "author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "byl",
)
# Less trusted than byline markup: often a profile URL, a handle or a section editor.
LATE_BYLINE_KEYS = ("article:author", "twitter:creator")
# Keys holding the publication date, most trusted first. Modified dates are kept apart:
# they are used only when nothing says when the story was published.
DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "parsely-pub-date",
    "datepublished",
    "published_time",
    "publish-date",
    "publish_date",
    "publishdate",
    "publication_date",
    "date_published",
    "pubdate",
    "sailthru.date",
    "dc:date:issued",
    "dcterms:issued",
    "dc:date",
    "dcterms:date",
    "date",
    "article.published",
)
CREATED_KEYS = ("dcterms:created", "dc:date:created", "datecreated")
MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "dcterms:modified")
SITE_KEYS = ("og:site_name", "application-name", "apple-mobile-web-app-title", "al:ios:app_name")
EXCERPT_KEYS = (
    "dc:description",
    "dcterms:description",
    "og:description",
    "description",
    "twitter:description",
)
IMAGE_KEYS = (
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
)


def meta_values(root: HtmlElement) -> dict[str, str]:
    """meta name / property / itemprop / http-equiv -> content; the first one wins."""
    by_name: dict[str, str] = {}
    by_property: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attr, values in (("property", by_property), ("name", by_name)):
            for key in (meta.get(attr) or "").lower().split():
                values.setdefault(_meta_key(key), content.strip())
        for attr in ("itemprop", "http-equiv"):
            for key in (meta.get(attr) or "").lower().split():
                by_name.setdefault(key, content.strip())
    # RDFa "property" is the standard home of OpenGraph and Dublin Core: it wins.
    return by_name | by_property


def _meta_key(key: str) -> str:
    """ "DC.title" and "dc:title" are one key."""
    if key.startswith(("dc.", "dcterms.", "dcterm.")):
        return key.replace(".", ":")
    return key


def canonical_href(root: HtmlElement) -> str | None:
    """The href of the first <link rel="canonical">, as written."""
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return link.get("href")
    return None


def base_href(root: HtmlElement) -> str | None:
    """The first non-empty <base href>: in a browser it decides what links resolve against."""
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return href
    return None


def declared_lang(root: HtmlElement, metas: dict[str, str], ld_lang: str | None) -> str | None:
    """The first well-formed language tag the page declares (<html lang> wins)."""
    for value in (
        root.get("lang"),
        root.get("xml:lang"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        metas.get("content-language"),
        ld_lang,
        metas.get("og:locale"),
    ):
        if value and value.strip():
            tag = value.strip().split(",")[0].strip().replace("_", "-")
            if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag):
                return tag
    return None
