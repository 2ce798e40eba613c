"""The text highlights are anchored to, computed without Qt.

The reading view's QTextDocument text (``toPlainText()``) is what a selection is made
in; reader.listen.doctext predicts that text from HTML by Qt's own layout rules. Outside
the window (the command line, imports, re-extraction) the article's title and story are
laid out the same way, so a quote found here is found in the view and the position hint
is close (the view adds the header's site and byline lines above).
"""

import html
import re

from reader.model import Article


def anchor_text(article: Article) -> str:
    """The article's title and story as the reading view lays them out."""
    return view_text(article.title, article.content_html, article.text)


def view_text(title: str, content_html: str, text: str = "") -> str:
    from reader.listen.doctext import document_text
    from reader.listen.script import article_html

    if not content_html.strip():
        # as the view shows an article without HTML: its blank-line-separated paragraphs
        paragraphs = (part.strip() for part in re.split(r"\n\s*\n", text))
        content_html = "".join(f"<p>{html.escape(part)}</p>" for part in paragraphs if part)
    return document_text(article_html(title, content_html)).text
