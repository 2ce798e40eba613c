"""The library store: one SQLite file with articles, assets, stories, highlights and search.

Knows nothing about Qt. ``Library`` is the one entry point; the dataclasses are what its
queries return.

The names below load with the first use of each (PEP 562): the window's first story comes
kept by the read-ahead child, and unpickling its stories' rows then needs
``reader.store.story_rows`` only, not the whole store (~35 ms of imports before the story).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.store.highlights import Highlight
    from reader.store.library import Library
    from reader.store.migrate import SCHEMA_VERSION
    from reader.store.rows import ArticleRow, SaveResult, SearchHit, StoredArticle
    from reader.store.story_rows import StoredStory

_HOMES = {
    "SCHEMA_VERSION": "reader.store.migrate",
    "ArticleRow": "reader.store.rows",
    "Highlight": "reader.store.highlights",
    "Library": "reader.store.library",
    "SaveResult": "reader.store.rows",
    "SearchHit": "reader.store.rows",
    "StoredArticle": "reader.store.rows",
    "StoredStory": "reader.store.story_rows",
}

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


def __getattr__(name: str) -> object:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
