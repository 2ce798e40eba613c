"""What the library keeps of a recommended story (``StoredStory``), and why "For you" offers
one (``Reason``).

Apart from the other records (reader.store.rows) because a kept article carries its
stories: the window's first article comes kept by the read-ahead child, and unpickling it
in the window's process then loads these two records only, not the library list's and
search's ones (~3 ms of that process's work before the story, measured).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from reader.model import Story


@dataclass(frozen=True)
class Reason:
    """Why "For you" offers a story: the recent article it is close to, or else the saved
    article(s) that recommended it."""

    kind: Literal["read", "recommended"]
    article_id: int | None
    title: str
    count: int = 1  # how many saved articles recommend the story

    @property
    def text(self) -> str:
        if self.kind == "read":
            return f"Because you read “{self.title}”"
        if self.count > 1:
            return f"Recommended by {self.count} of your articles"
        return f"Recommended by “{self.title}”" if self.title else "Recommended once"


@dataclass(frozen=True)
class StoredStory:
    id: int
    story: Story
    times_recommended: int
    first_seen: datetime | None
    last_seen: datetime | None
    read: bool
    article_id: int | None  # the library article with that URL, if saved
    reason: Reason | None = None  # set by "For you"
