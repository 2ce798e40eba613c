"""Adapter for ../shared/tools/extract_score.py: Reader's pipeline as text and metadata.

    python ../shared/tools/extract_score.py --corpus mozilla ../shared/corpus/mozilla \
        --extractor tests/benchmarks/adapter.py:extract_text
    python ../shared/tools/extract_score.py --metadata --corpus mozilla ../shared/corpus/mozilla \
        --extractor tests/benchmarks/adapter.py:extract_metadata
"""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def leftovers_off() -> Iterator[None]:
    """The pipeline with the leftover rules (reader.extract.leftovers) switched off, to
    score them side by side with the rules on in one run (tests/benchmarks/leftovers.py)."""
    from reader.extract import leftovers

    saved = leftovers.tidy_metadata, leftovers.tidy_story
    leftovers.tidy_metadata = lambda meta, page_url: meta  # type: ignore[assignment]
    leftovers.tidy_story = lambda story, meta, hidden: meta  # type: ignore[assignment]
    try:
        yield
    finally:
        leftovers.tidy_metadata, leftovers.tidy_story = saved


def extract_text_without_leftovers(html: str, url: str | None = None) -> str:
    with leftovers_off():
        return extract_text(html, url)
