"""Adapter for ../shared/tools/extract_score.py: Reader's pipeline as text and metadata.

    python ../shared/tools/extract_score.py --corpus mozilla ../shared/corpus/mozilla \
        --extractor tests/benchmarks/adapter.py:extract_text
    python ../shared/tools/extract_score.py --metadata --corpus mozilla ../shared/corpus/mozilla \
        --extractor tests/benchmarks/adapter.py:extract_metadata
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.extract import extract
from reader.model import Article, Page


def _article(html: str, url: str | None) -> Article:
    return extract(Page(source="corpus", html=html, url=url))


def extract_text(html: str, url: str | None = None) -> str:
    return _article(html, url).text


def extract_metadata(html: str, url: str | None = None) -> dict[str, str | None]:
    article = _article(html, url)
    return {
        "title": article.title,
        "byline": article.byline,
        "excerpt": article.excerpt,
        "siteName": article.site_name,
        "publishedTime": article.published,
    }
