"""Article -> Markdown for `reader extract --format markdown`.

Walks the sanitized content (so it only meets allow-listed tags) and writes CommonMark:
headings, paragraphs, emphasis, links, images, lists (nested), quotes, code, tables as
pipe tables, figures as image plus italic caption.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.extract.leftovers import drop_title_repeat
from reader.extract.tags import CELL_TAGS, HEADING_TAGS
from reader.extract.text import squash
from reader.model import Article

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_ESCAPE = re.compile(r"([\\`*_\[\]<>|])")
_BLANK_LINES = re.compile(r"\n{3,}")
_BLANK_LINES_IN_ITEM = re.compile(r"\n\s*\n")
BLOCKS = HEADING_TAGS | frozenset(
    [
        "p",
        "div",
        "figure",
        "figcaption",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "table",
        "hr",
        "dl",
        "dt",
        "dd",
        "details",
        "summary",
    ]
)


def to_markdown(article: Article) -> str:
    import lxml.html

    lines = [f"# {_escape(article.title)}", ""]
    facts = [value for value in (article.byline, article.published, article.site_name) if value]
    if facts:
        lines += [" · ".join(_escape(fact) for fact in facts), ""]
    if article.url:
        lines += [f"<{article.url}>", ""]
    body = ""
    if article.content_html.strip():
        root = lxml.html.fragment_fromstring(article.content_html, create_parent="div")
        drop_title_repeat(root, article.title)
        body = _blocks(root, "")
    text = "\n".join(lines) + "\n" + body
    return _BLANK_LINES.sub("\n\n", text).strip() + "\n"


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def _blocks(elem: HtmlElement, indent: str) -> str:
    """Markdown for the children of a block container."""
    out: list[str] = []
    inline: list[str] = [_escape(elem.text or "")]

    def flush() -> None:
        text = squash("".join(inline))
        if text:
            out.append(indent + text + "\n\n")
        inline.clear()

    for child in elem:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in BLOCKS:
            flush()
            out.append(_block(child, tag, indent))
        else:
            inline.append(_inline(child))
        inline.append(_escape(child.tail or ""))
    flush()
    return "".join(out)


def _block(elem: HtmlElement, tag: str, indent: str) -> str:
    if tag in HEADING_TAGS:
        return f"{indent}{'#' * int(tag[1])} {_inline_children(elem)}\n\n"
    if tag == "hr":
        return f"{indent}---\n\n"
    if tag == "pre":
        code = _pre_text(elem).rstrip("\n")
        fence = "~~~" if "```" in code else "```"
        body = "\n".join(indent + line for line in code.split("\n"))
        return f"{indent}{fence}\n{body}\n{indent}{fence}\n\n"
    if tag == "blockquote":
        inner = _blocks(elem, "").strip()
        quoted = "\n".join(f"{indent}> {line}".rstrip() for line in inner.split("\n"))
        return quoted + "\n\n"
    if tag in ("ul", "ol"):
        return _list(elem, tag, indent)
    if tag == "table":
        return _table(elem, indent)
    if tag == "figcaption":
        caption = _inline_children(elem)
        return f"{indent}*{caption}*\n\n" if caption else ""
    return _blocks(elem, indent)


def _pre_text(elem: HtmlElement) -> str:
    """The text of preformatted code, a ``<br>`` as the line break it shows (highlighters
    such as Prism write their lines that way)."""
    parts = [elem.text or ""]
    for child in elem:
        parts.append("\n" if child.tag == "br" else _pre_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _list(elem: HtmlElement, tag: str, indent: str) -> str:
    out = []
    number = int(elem.get("start") or 1) if (elem.get("start") or "1").isdigit() else 1
    for item in elem.iterchildren("li"):
        marker = f"{number}." if tag == "ol" else "-"
        number += 1
        inner = _blocks(item, indent + " " * (len(marker) + 1)).strip("\n").lstrip()
        inner = _BLANK_LINES_IN_ITEM.sub("\n", inner)  # a tight list: no blank lines inside
        out.append(f"{indent}{marker} {inner}\n")
    return "".join(out) + "\n"


def _table(elem: HtmlElement, indent: str) -> str:
    rows = []
    for tr in elem.iter("tr"):
        cells = [_inline_children(cell).replace("|", "\\|") for cell in tr if cell.tag in CELL_TAGS]
        if cells:
            rows.append(cells)
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = [f"{indent}| " + " | ".join(rows[0]) + " |", f"{indent}|" + " --- |" * width]
    lines += [f"{indent}| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines) + "\n\n"


def _inline_children(elem: HtmlElement) -> str:
    parts = [_escape(elem.text or "")]
    for child in elem:
        parts.append(_inline(child))
        parts.append(_escape(child.tail or ""))
    return squash("".join(parts))


def _inline(elem: HtmlElement) -> str:
    tag = elem.tag if isinstance(elem.tag, str) else ""
    if tag == "br":
        return "  \n"
    if tag == "img":
        alt = _escape(elem.get("alt") or "")
        src = elem.get("src") or ""
        return f"![{alt}]({src})" if src else ""
    inner = _inline_children(elem)
    if not inner:
        return ""
    if tag in ("strong", "b"):
        return f"**{inner}**"
    if tag in ("em", "i", "cite"):
        return f"*{inner}*"
    if tag in ("code", "kbd", "samp"):
        code = elem.text_content()
        tick = "``" if "`" in code else "`"
        return f"{tick}{code}{tick}"
    if tag in ("del", "s"):
        return f"~~{inner}~~"
    if tag == "a" and elem.get("href"):
        return f"[{inner}]({elem.get('href')})"
    if tag in BLOCKS:
        return " " + _blocks(elem, "").strip() + " "
    return inner
