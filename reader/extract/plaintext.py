"""Article -> plain text for `reader extract --format text`: a page a person reads in a pager.

The title first, then byline, date and site, the address, and the story with a blank line
between paragraphs; list items one a line behind a bullet; code and preformatted text
keep their lines. (``Article.text``, one line per block, stays what search and word
counts read.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.extract.derive import BLOCK_TAGS, story_text
from reader.extract.leftovers import drop_title_repeat
from reader.extract.text import squash
from reader.model import Article

if TYPE_CHECKING:
    from lxml.html import HtmlElement

BULLET = "•"
# Blocks printed as one unit: their inner lines are kept as the story's text gives them.
WHOLE_BLOCKS = frozenset(("pre", "table", "p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"))


def to_text(article: Article) -> str:
    import lxml.html

    head = [article.title]
    facts = [value for value in (article.byline, article.published, article.site_name) if value]
    if facts:
        head.append(" · ".join(facts))
    if article.url:
        head.append(article.url)
    paragraphs = ["\n".join(head)]
    if article.content_html.strip():
        root = lxml.html.fragment_fromstring(article.content_html, create_parent="div")
        drop_title_repeat(root, article.title)
        _paragraphs(root, paragraphs, "")
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph.strip()) + "\n"


def _is_block(elem: HtmlElement) -> bool:
    return isinstance(elem.tag, str) and elem.tag in BLOCK_TAGS


def _paragraphs(elem: HtmlElement, out: list[str], indent: str) -> None:
    """Append the paragraphs of a block container: its blocks, and loose text between them."""
    if elem.tag in ("ul", "ol"):
        out.append(_list(elem, indent))
        return
    if elem.tag in WHOLE_BLOCKS or not any(_is_block(child) for child in elem):
        text = story_text(elem)
        out.append("\n".join(indent + line for line in text.split("\n")) if text else "")
        return
    loose = [elem.text or ""]
    for child in elem:
        if _is_block(child):
            out.append(indent + squash("".join(loose)))
            _paragraphs(child, out, indent)
            loose = [child.tail or ""]
        else:
            loose.append(story_text(child) + (child.tail or ""))
    out.append(indent + squash("".join(loose)))


def _list(elem: HtmlElement, indent: str) -> str:
    """One line per item behind a bullet (or its number)."""
    lines = []
    start = elem.get("start") or ""
    number = int(start) if start.isdigit() else 1
    for item in elem.iterchildren("li"):
        marker = f"{number}." if elem.tag == "ol" else BULLET
        number += 1
        inner: list[str] = []
        _paragraphs(item, inner, "")
        text = "\n".join(part for part in inner if part.strip())
        pad = indent + " " * (len(marker) + 1)
        item_lines = text.split("\n") if text else [""]
        lines.append(f"{indent}{marker} {item_lines[0]}")
        lines += [pad + line for line in item_lines[1:]]  # nested lists sit under the text
    return "\n".join(lines)
