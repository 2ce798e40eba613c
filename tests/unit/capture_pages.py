"""What the recommended-story tests share: a story's body, a story page around the markup
under test, and the addresses capture finds on a page (in page order)."""

from __future__ import annotations

import lxml.html

from reader.extract.recommended import find_recommended


def paragraphs(template: str, count: int = 5) -> str:
    """A story's body: ``count`` paragraphs of ``template``, whose ``{n}`` numbers each."""
    return "".join(f"<p>{template.format(n=n)}</p>" for n in range(count))


def article_page(title: str, prose: str, after_story: str) -> str:
    """A page whose <main><article> holds the story ``title`` and its ``prose``, followed
    by ``after_story`` (a sidebar, a list of stories)."""
    return f"""<html><head><title>{title}</title></head><body>
<main><article><h1>{title}</h1>{prose}</article></main>
{after_story}</body></html>"""


def found_urls(html: str, url: str | None) -> list[str | None]:
    """The addresses of the stories capture finds on ``html`` served from ``url``."""
    tree = lxml.html.document_fromstring(html)
    return [story.url for story in find_recommended(tree, url, url)]
