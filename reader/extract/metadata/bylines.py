"""Who wrote the story: declared author names, byline markup, "By X" lines, tidied to names.

"By", job titles, "| Updated ..." and "Follow" go; a user name ("jdoe42") is used only
when nothing names the author better.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import etree

from reader.extract.metadata.dates import iso_date
from reader.extract.metadata.head import BYLINE_KEYS, LATE_BYLINE_KEYS
from reader.extract.text import first_text, squash

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Class / id words of elements that mention the author but are not the byline itself.
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
# Byline elements: rel="author", an itemprop naming the author, or these words in the
# class or id (case as written). Matched in one pass over the tree: the same test as an
# XPath of 16 contains() took 4.2 ms a Dragnet page, this 1.3 ms.
BYLINE_WORDS = re.compile("byline|Byline|ByLine|BYLINE|author|Author|AUTHOR")
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


def name_only(value: str | None) -> str | None:
    """A person's name, not a profile URL or a handle."""
    if not value or value.lower().startswith(("http://", "https://", "www.", "@")):
        return None
    return value


def read_byline(root: HtmlElement, metas: dict[str, str], ld: dict[str, str]) -> str | None:
    """Declared author names first, then byline markup; a user name only as a last resort."""
    declared = [tidy_byline(v) for v in (ld.get("author"), *(metas.get(k) for k in BYLINE_KEYS))]
    late = [tidy_byline(metas.get(k)) for k in LATE_BYLINE_KEYS]
    names = [name for name in declared if name and not HANDLE.match(name)]
    if names:
        return names[0]
    markup = _markup_byline(root)
    if markup:
        return markup
    return first_text(*(n for n in late if n and not HANDLE.match(n)), *declared, *late)


def tidy_byline(value: str | None) -> str | None:
    """Just the name(s) of a byline: no "By", date, job title, separator tail or button."""
    text = name_only(squash(value))
    if not text:
        return None
    text = BY_PREFIX.sub("", text)
    for pattern in (BYLINE_TAIL, ROLE_WORDS):
        text = pattern.sub("", text).strip(" ,|·•-–—:@")
    # Nothing left once the date or "Updated ..." is cut: the line named nobody.
    return text if any(ch.isalpha() for ch in text) else None


def _markup_byline(root: HtmlElement) -> str | None:
    """A byline element, else a lone "By Ann Lee" line, else a "by" + author-page link."""
    for node in _byline_elements(root):
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


def _byline_elements(root: HtmlElement) -> Iterator[HtmlElement]:
    """Elements marked as bylines, in document order."""
    for elem in root.getroottree().getroot().iter(etree.Element):
        attrs = elem.attrib
        if attrs and (
            attrs.get("rel") == "author"
            or "author" in attrs.get("itemprop", "")
            or BYLINE_WORDS.search(attrs.get("class", ""))
            or BYLINE_WORDS.search(attrs.get("id", ""))
        ):
            yield elem


def _author_link(root: HtmlElement) -> str | None:
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


def _byline_text(node: HtmlElement) -> str | None:
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
