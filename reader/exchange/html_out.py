"""A self-contained HTML export: one file that opens anywhere, offline, for good.

The articles one after the other (a table of contents first when there are several),
their pictures inside the file as data: addresses, the style in the page; nothing is
fetched when it is opened (pictures that were not kept become their alt text).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from reader.exchange.content import inner_html, parse, point_images
from reader.exchange.entries import Entry
from reader.exchange.files import text_file
from reader.exchange.pictures import media_type
from reader.model import Asset

STYLE = """body { font: 18px/1.6 Georgia, serif; max-width: 42em; margin: 2em auto;
  padding: 0 1em; color: #222; background: #fdfdfb; }
h1 { font-size: 1.7em; line-height: 1.2; margin-top: 2.5em; }
.meta { color: #666; font-size: 0.9em; }
img { max-width: 100%; height: auto; }
figcaption { color: #666; font-size: 0.9em; }
blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: 1em; }
pre { overflow-x: auto; font-size: 0.85em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 0.2em 0.5em; }
nav ol { line-height: 1.8; }
article + article { border-top: 1px solid #ddd; }
@media (prefers-color-scheme: dark) {
  body { color: #ddd; background: #1e1e1e; } a { color: #8ab4f8; }
}
"""


def write_html(entries: Iterable[Entry], path: Path, *, title: str = "Reader") -> int:
    """The entries as one self-contained page at ``path``; how many."""
    items = list(entries)
    with text_file(path) as out:
        language = next((entry.lang for entry in items if entry.lang), None) or "en"
        out.write(
            f'<!doctype html>\n<html lang="{html.escape(language)}">\n<head>\n'
            '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width">\n'
            f"<title>{html.escape(items[0].title if len(items) == 1 else title)}</title>\n"
            f"<style>\n{STYLE}</style>\n</head>\n<body>\n"
        )
        if len(items) > 1:
            links = "\n".join(
                f'<li><a href="#article-{number}">{html.escape(entry.title or "Untitled")}</a></li>'
                for number, entry in enumerate(items, 1)
            )
            out.write(f"<nav>\n<h1>{html.escape(title)}</h1>\n<ol>\n{links}\n</ol>\n</nav>\n")
        for number, entry in enumerate(items, 1):
            _article(out, entry, number)
        out.write("</body>\n</html>\n")
    return len(items)


def _article(out: TextIO, entry: Entry, number: int) -> None:
    article = entry.article
    assert article is not None, "an export needs the article itself"

    def inline(asset: Asset) -> str:
        encoded = base64.b64encode(asset.data).decode("ascii")
        return f"data:{media_type(asset)};base64,{encoded}"

    root = parse(article.content_html)
    point_images(root, article.assets, inline, keep_remote=False)
    facts = [fact for fact in (entry.byline, entry.published, article.site_name) if fact]
    out.write(f'<article id="article-{number}">\n<h1>{html.escape(entry.title)}</h1>\n')
    if facts:
        out.write(f'<p class="meta">{html.escape(" · ".join(facts))}</p>\n')
    if entry.url:
        link = html.escape(entry.url)
        out.write(f'<p class="meta"><a href="{link}">{link}</a></p>\n')
    out.write(inner_html(root))
    out.write("\n</article>\n")
