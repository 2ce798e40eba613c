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

import json
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

# JSON-LD types that describe the article itself.
ARTICLE_TYPES = frozenset(
    (
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "socialmediaposting",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
        "medicalwebpage",
        "report",
        "webpage",
        "creativework",
        "posting",
        "discussionforumposting",
        "review",
        "howto",
        "recipe",
    )
)
# Meta keys (name / property / itemprop, lower-cased) per field, most trusted first.
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
# Markup that holds a byline: matched on class / id / rel / itemprop.
BYLINE_MARKUP = re.compile(r"byline|author|writtenby|p-author", re.I)
BYLINE_NOT = re.compile(
    r"comment|avatar|bio|about|description|image|photo|follow|headshot|twitter|social|authoriz",
    re.I,
)
# A byline inside a menu or a comment thread is not the article's.
BYLINE_AWAY = (
    "ancestor::nav or ancestor::*[contains(@class,'comment') or contains(@id,'comment') "
    "or contains(@class,'Comment') or contains(@id,'Comment')]"
)
# The part of a byline element that holds just the name.
BYLINE_NAME_XPATH = (
    ".//*[@itemprop='name'] | .//*[@rel='author'] | .//a[contains(@href,'/author') or "
    "contains(@href,'/profile') or contains(@href,'/people/') or contains(@href,'/staff/')] | "
    ".//*[contains(translate(@class,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz'),"
    "'author') and contains(translate(@class,'ABCDEFGHIJKLMNOPQRSTUVWXYZ',"
    "'abcdefghijklmnopqrstuvwxyz'),'name')]"
)
BYLINE_BY_INSIDE = re.compile(r"\s(?:by|par|von|por)\s+(?=[A-ZÀ-Ý])")
_BYLINE_WORDS = ("byline", "Byline", "ByLine", "BYLINE", "author", "Author", "AUTHOR")
_BYLINE_TESTS = " or ".join(
    f"contains(@class,'{word}') or contains(@id,'{word}')" for word in _BYLINE_WORDS
)
BYLINE_XPATH = f"//*[@rel='author' or contains(@itemprop,'author') or {_BYLINE_TESTS}]"
AUTHOR_LINK_XPATH = (
    "//a[contains(@href,'/author/') or contains(@href,'/authors/')]"
    "[not(ancestor::nav or ancestor::aside or ancestor::footer or "
    "ancestor::*[contains(@class,'comment') or contains(@id,'comment')])]"
)
BY_WORD_BEFORE = re.compile(r"(?:^|\s)(?:by|par|von|por|door|av|af)\s*:?$", re.I)
BYLINE_MAX_CHARS = 100  # longer than this is a bio or a paragraph, not a name
BYLINE_MAX_WORDS = 12
BY_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|story|words|text|reported|reporting|published|article)\s+)?"
    r"(?:by|par|von|por|di|door|av|af)\s*[:\-–—]?\s+",
    re.I,
)
# What follows the name in a byline line and is not part of it, cut from the first match:
# a separator and whatever follows it, "on <date>", "Updated ...", "Edited by ...", a
# "Follow" button. (A bare date after the name is left: pages and readers' expectations
# both treat "By Ann Lee March 3, 2021" as one byline line.)
BYLINE_TAIL = re.compile(
    r"\s+(?:[|•·]|—|–)\s.*$"
    r"|\s*,?\s+(?:on|at|le|am|el)\s+(?=\S*\s*\d).*$"
    r"|\s*[,|]?\s*\b(?:(?:last\s+)?updated|published|posted|last modified|mis à jour)\b.*$"
    r"|\s+(?:edited|photos?|photographs|illustrations?|translated|additional reporting)\s+by\b.*$"
    r"|\s+follow(?:\s+(?:author|me|us|on \w+))?\s*$",
    re.IGNORECASE,
)
# A job title after a comma ("Ann Lee, Senior Reporter"); names and degrees stay.
ROLE_WORDS = re.compile(
    r",\s*(?:[\w.'-]+\s+){0,3}(?:reporter|writer|correspondent|editor|columnist|contributor|"
    r"producer|journalist|photographer|analyst|critic|intern|staff|bureau chief|"
    r"rédact\w*|journaliste|redakteur\w*|periodista)\b.*$",
    re.IGNORECASE,
)
# A user name rather than a person's name: one token with digits or underscores, or all
# lower case ("jdoe42", "admin"). Used only when nothing better names the author.
HANDLE = re.compile(r"^@?(?=\S*[\d_]|[a-z0-9._-]+$)\S+$")
BY_LINE = re.compile(r"^\s*[Bb][Yy]\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4})\s*$")
# Separators between a page title and the site name in <title>.
TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—\\/>»·•:~]|::)\s+")
TITLE_MIN_WORDS = 3  # a title part shorter than this is more likely a site or section name
TITLE_SHORT_WORDS = 4  # a split-off title this short is kept whole: the split was doubtful
# Wrappers pages put around JSON-LD so old parsers skip it: CDATA, comments, "//".
_LD_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
_SPACES = re.compile(r"\s+")
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
DATE_MARKUP_XPATH = (
    "//*[contains(@class,'publish') or contains(@class,'post-date') or "
    "contains(@class,'posted-on') or contains(@class,'entry-meta') or "
    "contains(@class,'post-meta') or contains(@class,'article-meta') or "
    "contains(@class,'entry-date') or contains(@class,'article-date') or "
    "contains(@class,'dateline') or @class='date' or contains(@class,' date') or "
    "starts-with(@class,'date ')][not(ancestor::*[contains(@class,'comment')] or "
    "ancestor::table or ancestor::aside or ancestor::nav)]"
)
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


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    site_name: str | None = None
    lang: str | None = None
    url: str | None = None  # canonical / og:url, absolute
    excerpt: str | None = None
    image: str | None = None
    base_href: str | None = None


def squash(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def read_metadata(root: Any, page_url: str | None) -> Metadata:
    metas = _meta_values(root)
    ld = _json_ld(root)
    site_name = _first(
        ld.get("site_name"),
        metas.get(SITE_KEYS[0]),
        ld.get("website_name"),
        *(metas.get(k) for k in SITE_KEYS[1:]),
    )
    title_tag = _title_tag(root)
    title = _first(
        _ld_title(ld.get("headline"), ld.get("name"), title_tag, site_name),
        *(metas.get(k) for k in TITLE_KEYS),
    )
    if not title:
        title = clean_title(title_tag, site_name, _first_h1(root))
    byline = _byline(root, metas, ld)
    published = _published(root, metas, ld, page_url)
    from reader.extract.sanitize import link_base

    base_href = _base_href(root)
    canonical = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            canonical = link.get("href")
            break
    url = _absolute(canonical or metas.get("og:url"), link_base(base_href, page_url, None))
    base = link_base(base_href, page_url, url)
    image = _first(ld.get("image"), *(metas.get(k) for k in IMAGE_KEYS))
    return Metadata(
        title=title,
        byline=byline,
        published=published,
        site_name=site_name,
        lang=_lang(root, metas, ld.get("lang")),
        url=url,
        excerpt=_first(ld.get("description"), *(metas.get(k) for k in EXCERPT_KEYS)),
        image=_absolute(image, base) if image else None,
        base_href=base_href,
    )


def _ld_title(
    headline: str | None, name: str | None, title_tag: str, site_name: str | None
) -> str | None:
    """JSON-LD headline, unless its name is the one the <title> agrees with."""
    if name and site_name and _fold(name) == _fold(site_name):
        name = None
    if headline and name and _fold(headline) != _fold(name):
        folded = _fold(title_tag)
        if _fold(name) in folded and _fold(headline) not in folded:
            return name
    return headline or name


def _first(*values: Any) -> str | None:
    for value in values:
        if isinstance(value, str):
            value = squash(value)
            if value:
                return value
    return None


def _meta_values(root: Any) -> dict[str, str]:
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


def _json_ld(root: Any) -> dict[str, str]:
    """Fields of the first JSON-LD object whose @type is an article (or the page)."""
    found: dict[str, str] = {}
    items: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        text = _LD_WRAPPER.sub("", script.text or "")
        try:
            data = json.loads(text)
        except ValueError:
            continue
        items.extend(_ld_items(data))
    # "author": {"@id": "#jane"} points at a Person described elsewhere in the graph.
    by_id = {item["@id"]: item for item in items if isinstance(item.get("@id"), str)}
    for item in items:
        types = item.get("@type")
        type_names = [types] if isinstance(types, str) else types or []
        names = {str(t).lower() for t in type_names if isinstance(t, str)}
        if "website" in names or "organization" in names or "newsmediaorganization" in names:
            name = item.get("name")
            if isinstance(name, str) and "website_name" not in found:
                found["website_name"] = name
            continue
        if not names & ARTICLE_TYPES:
            continue
        _ld_article(item, found, by_id)
    return found


def _ld_items(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    if depth > 4:
        return []
    if isinstance(data, list):
        return [item for entry in data for item in _ld_items(entry, depth + 1)]
    if not isinstance(data, dict):
        return []
    items = [data]
    if isinstance(data.get("@graph"), list | dict):
        items.extend(_ld_items(data["@graph"], depth + 1))
    main = data.get("mainEntity")
    if isinstance(main, dict):
        items.extend(_ld_items(main, depth + 1))
    return items


def _ld_article(
    item: dict[str, Any], found: dict[str, str], by_id: dict[str, dict[str, Any]]
) -> None:
    # An Article-typed object beats a WebPage-typed one: it is more specific.
    is_page = str(item.get("@type")).lower() in ("webpage", "['webpage']")
    fields = {
        "headline": item.get("headline"),
        "name": None if is_page else item.get("name"),
        "author": _ld_names(item.get("author") or item.get("creator"), by_id),
        "published": item.get("datePublished"),
        "created": item.get("dateCreated"),
        "modified": item.get("dateModified"),
        "description": item.get("description"),
        "lang": item.get("inLanguage"),
        "image": _ld_url(item.get("image") or item.get("thumbnailUrl")),
    }
    publisher = item.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    if isinstance(publisher, dict):
        fields["site_name"] = publisher.get("name")
    for key, value in fields.items():
        fresh = key not in found or (found.get("_from") == "page" and not is_page)
        if isinstance(value, str) and value.strip() and fresh:
            found[key] = squash(value)
    if not is_page:
        found["_from"] = "article"
    else:
        found.setdefault("_from", "page")


def _ld_names(value: Any, by_id: dict[str, dict[str, Any]]) -> str | None:
    if isinstance(value, str):
        return _name_only(value)
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return None
    names = []
    for entry in value:
        if isinstance(entry, dict) and "name" not in entry and entry.get("@id") in by_id:
            entry = by_id[entry["@id"]]
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, list):  # schema.org allows several values; the first is the name
            name = next((n for n in name if isinstance(n, str)), None)
        if isinstance(name, str) and (name := squash(name)) and name not in names:
            names.append(name)
    return ", ".join(names) or None


def _ld_url(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value if isinstance(value, str) else None


def _name_only(value: str | None) -> str | None:
    """A person's name, not a profile URL or a handle."""
    if not value or value.lower().startswith(("http://", "https://", "www.", "@")):
        return None
    return value


def _byline(root: Any, metas: dict[str, str], ld: dict[str, str]) -> str | None:
    """Declared author names first, then byline markup; a user name only as a last resort."""
    declared = [tidy_byline(v) for v in (ld.get("author"), *(metas.get(k) for k in BYLINE_KEYS))]
    late = [tidy_byline(metas.get(k)) for k in LATE_BYLINE_KEYS]
    names = [name for name in declared if name and not HANDLE.match(name)]
    if names:
        return names[0]
    markup = _markup_byline(root)
    if markup:
        return markup
    return _first(*(n for n in late if n and not HANDLE.match(n)), *declared, *late)


def tidy_byline(value: str | None) -> str | None:
    """Just the name(s) of a byline: no "By", date, job title, separator tail or button."""
    text = _name_only(squash(value))
    if not text:
        return None
    text = BY_PREFIX.sub("", text)
    for pattern in (BYLINE_TAIL, ROLE_WORDS):
        text = pattern.sub("", text).strip(" ,|·•-–—:@")
    # Nothing left once the date or "Updated ..." is cut: the line named nobody.
    return text if any(ch.isalpha() for ch in text) else None


def _markup_byline(root: Any) -> str | None:
    try:
        nodes = root.xpath(BYLINE_XPATH)
    except Exception:
        return None
    for node in nodes:
        if node.tag in ("meta", "link", "html", "body", "script", "style", "input"):
            continue
        features = f"{node.get('class', '')} {node.get('id', '')}"
        if BYLINE_NOT.search(features) and not node.get("rel") and not node.get("itemprop"):
            continue
        if node.xpath(BYLINE_AWAY):
            continue
        text = _byline_text(node)
        if text:
            return text
    for p in root.iter("p", "span", "div"):
        text = p.text or ""
        if len(p) == 0 and len(text) < 60:
            match = BY_LINE.match(text)
            if match:
                return match.group(1)
    return _author_link(root)


def _author_link(root: Any) -> str | None:
    """ "Posted by <a href="/author/ann">Ann Lee</a>": an author-page link after a "by"."""
    for link in root.xpath(AUTHOR_LINK_XPATH):
        parent = link.getparent()
        before = squash((parent.text or "") if parent is not None else "")
        previous = link.getprevious()
        if previous is not None:
            before = squash(previous.tail)
        name = tidy_byline(link.text_content())
        if name and _plausible_name(name) and BY_WORD_BEFORE.search(before):
            return name
    return None


def _byline_text(node: Any) -> str | None:
    """The name in a byline element: its most specific name-holding part, tidied.

    With several names in it ("By Ann Lee and Bob Roe"), the whole line keeps them all."""
    parts = node.xpath(BYLINE_NAME_XPATH)
    distinct = {squash(part.text_content()) for part in parts} - {""}
    targets = (node, *parts) if len(distinct) > 1 else (*parts, node)
    for target in targets:
        text = squash(target.text_content())
        if BYLINE_BY_INSIDE.search(text):
            text = BYLINE_BY_INSIDE.split(text, maxsplit=1)[1]
        text = tidy_byline(text) or ""
        if _plausible_name(text):
            return text
    return None


def _plausible_name(text: str) -> bool:
    return (
        1 < len(text) <= BYLINE_MAX_CHARS
        and len(text.split()) <= BYLINE_MAX_WORDS
        and any(ch.isalpha() for ch in text)
        and not iso_date(text)
    )


def _title_tag(root: Any) -> str:
    for title in root.iter("title"):
        return squash(title.text_content())
    return ""


def _first_h1(root: Any) -> str:
    for h1 in root.iter("h1"):
        text = squash(h1.text_content())
        if text:
            return text
    return ""


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def clean_title(title: str, site_name: str | None, h1: str) -> str | None:
    """A <title> without its site-name part ("Story | Site" -> "Story")."""
    title = squash(title)
    if not title:
        return h1 or None
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) == 1:
        return title
    folded_site = _fold(site_name or "")
    if folded_site:
        kept = [part for part in parts if _fold(part) != folded_site]
        if kept and len(kept) < len(parts):
            return _rejoin(title, kept)
    shorter = _drop_title_end(title, parts, h1)
    # A few words left over are more likely a section or site name than the title.
    return shorter if len(shorter.split()) > TITLE_SHORT_WORDS else title


def _drop_title_end(title: str, parts: list[str], h1: str) -> str:
    if h1 and len(h1.split()) > TITLE_SHORT_WORDS and _fold(h1) in {_fold(p) for p in parts}:
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


def _published(
    root: Any, metas: dict[str, str], ld: dict[str, str], page_url: str | None
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


def _date_markup(root: Any) -> str | None:
    """A date shown as text in a date-classed element (not an "Updated ..." one)."""
    try:
        nodes = root.xpath(DATE_MARKUP_XPATH)
    except Exception:
        return None
    for node in nodes:
        if node.tag in ("html", "body", "meta", "script", "style"):
            continue
        text = squash(node.text_content())
        if not text or len(text) > DATE_MARKUP_MAX_CHARS or UPDATED_WORDS.search(text):
            continue
        found = date_in_text(text)
        if found:
            return found
    return None


def _url_date(page_url: str | None, root: Any, metas: dict[str, str]) -> str | None:
    canonical = next(
        (
            link.get("href")
            for link in root.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split()
        ),
        None,
    )
    for url in (canonical, metas.get("og:url"), page_url):
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


def _time_tag(root: Any, updated: bool = False) -> str | None:
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
        try:
            datetime.strptime(day, "%Y-%m-%d")
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


def _lang(root: Any, metas: dict[str, str], ld_lang: str | None) -> str | None:
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


def _base_href(root: Any) -> str | None:
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return href
    return None


def _absolute(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    try:
        absolute = urljoin(base, url) if base else url
    except ValueError:
        return None
    return absolute if absolute.lower().startswith(("http://", "https://")) else None
