"""The library store: one SQLite file with articles, assets, stories, highlights and search.

Knows nothing about Qt. ``Library`` is the one entry point; the dataclasses are what its
queries return.
"""

from reader.store.highlights import Highlight
from reader.store.library import Library
from reader.store.migrate import SCHEMA_VERSION
from reader.store.rows import (
    ArticleRow,
    SaveResult,
    SearchHit,
    StoredArticle,
    StoredStory,
)

__all__ = [
    "SCHEMA_VERSION",
    "ArticleRow",
    "Highlight",
    "Library",
    "SaveResult",
    "SearchHit",
    "StoredArticle",
    "StoredStory",
]
