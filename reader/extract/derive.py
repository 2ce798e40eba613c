"""Stage 7: what is computed from the clean story: text, counts, excerpt, lead image, flags."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from reader.extract.tags import CELL_TAGS, HEADING_TAGS

if TYPE_CHECKING:
    from lxml.html import HtmlElement

WORDS_PER_MINUTE = 230  # an adult's silent reading speed for prose
EXCERPT_MAX_CHARS = 300  # about two lines of a list row; cut at a word boundary
# A page holding less than this is an error shell or a stub, not an article.
READERABLE_MIN_WORDS = 50
# An index of teasers: most of its text sits in links.
READERABLE_MAX_LINK_RATIO = 0.5
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
# A CJK character reads as a word; elsewhere a word is a run of letters and digits.
WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
BLOCK_TAGS = HEADING_TAGS | frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "details",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    ]
)
_ANY_SPACE = re.compile(r"\s+")  # outside pre, a line break in the source is a space
_BLANKS = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r" ?\n[\n ]*")


def story_text(story: HtmlElement) -> str:
    """Plain text with one line per block; whitespace inside ``pre`` is kept."""
    parts: list[str] = []
    _walk(story, parts, in_pre=False, tail=False)  # the text after the story is not its own
    text = "".join(parts)
    lines = []
    for chunk in re.split(r"(\x00[^\x00]*\x00)", text):
        if chunk.startswith("\x00"):
            lines.append(chunk.strip("\x00"))
        else:
            lines.append(_NEWLINES.sub("\n", _BLANKS.sub(" ", chunk)))
    # NFC: one spelling per letter ("e" + U+0301 is "é"), as the Web writes and searches
    # text (soft hyphens stay: the snippets gold keeps them on some pages, drops on others)
    return unicodedata.normalize("NFC", "".join(lines).strip())


def _walk(elem: HtmlElement, parts: list[str], in_pre: bool, tail: bool = True) -> None:
    tag = elem.tag if isinstance(elem.tag, str) else ""
    if not tag:
        if elem.tail:
            parts.append(elem.tail if in_pre else _ANY_SPACE.sub(" ", elem.tail))
        return
    pre_here = tag == "pre" and not in_pre
    if tag in BLOCK_TAGS or tag == "br":
        parts.append("\n")
    if pre_here:
        parts.append("\x00")
    inside = in_pre or pre_here
    if elem.text:
        parts.append(elem.text if inside else _ANY_SPACE.sub(" ", elem.text))
    for child in elem:
        _walk(child, parts, inside)
    if pre_here:
        parts.append("\x00")
    if tag in BLOCK_TAGS:
        parts.append("\n")
    elif tag in CELL_TAGS:
        parts.append("\t")
    if elem.tail and tail:
        parts.append(elem.tail if in_pre else _ANY_SPACE.sub(" ", elem.tail))


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def reading_minutes(words: int) -> int:
    return max(1, int(words / WORDS_PER_MINUTE + 0.5))


def excerpt_from(story: HtmlElement) -> str | None:
    for p in story.iter("p"):
        text = " ".join(p.text_content().split())
        if len(text.split()) >= 8:
            return shorten(text)
    return None


def shorten(text: str, limit: int = EXCERPT_MAX_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"


def first_image(story: HtmlElement) -> str | None:
    for img in story.iter("img"):
        src = img.get("src")
        if src:
            return str(src)
    return None


def link_ratio(story: HtmlElement, text: str) -> float:
    total = len("".join(text.split()))
    if not total:
        return 0.0
    linked = sum(len("".join(a.text_content().split())) for a in story.iter("a"))
    return linked / total


def is_readerable(story: HtmlElement, text: str, words: int) -> bool:
    return words >= READERABLE_MIN_WORDS and link_ratio(story, text) < READERABLE_MAX_LINK_RATIO
