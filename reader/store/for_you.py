""" "For you": unread stories close to recent reading or widely recommended, with a reason.

Candidates come from two places, so closeness can reach stories popularity never would:
the CANDIDATES best stories by the maintained score (an index), and the newest stories
holding each of the TERMS strongest words of recent reading (the story word index,
``stories_fts``). Both sets are ranked by one number (reader.store.ranking); each pick
says why it was chosen.

The reading profile and the rarity of its words are kept between requests and rebuilt
only when the recently opened articles change or stories were added.
"""

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from reader.store import ranking
from reader.store.ranking import Profile
from reader.store.rows import STORY_COLUMNS, stored_story
from reader.store.story_rows import Reason, StoredStory

CANDIDATES = 200  # best by popularity and recency: four times the 50 cards shown
TERMS = 12  # words of recent reading looked up per request, strongest and rarest first
PER_TERM = 100  # the newest stories holding each word
CLOSE_CANDIDATES = 200  # stories sharing the most of those words, ranked with the others
ELIGIBLE = "s.read = 0 AND s.times_recommended > 0"
PROFILE_TEXT_CHARS = 6000  # the start of each recent article: what it is mostly about
RARITY_REFRESH = 1.1  # rarities are taken again once the stories grew by a tenth
COUNT_CAP_SHARE = 20  # a word in more than a twentieth of the documents is common
COUNT_CAP_MIN = 50


@dataclass
class ProfileCache:
    """Recent reading, and the rarity of its words among stories, kept between requests.

    The profile is rebuilt when the recently opened articles change; the rarities also
    when the number of stories grew by a tenth (an import adds stories all the time, and a
    word's rarity hardly moves with a few more).
    """

    key: tuple[Any, ...] | None = None
    profile: Profile = field(default_factory=lambda: Profile({}, ()))
    stories: int = 0  # the story count the rarities were taken at
    rarities: dict[str, float] = field(default_factory=dict)  # of words some story holds

    def refresh(self, conn: sqlite3.Connection) -> None:
        recent = conn.execute(
            "SELECT id, opened_at FROM articles"
            " WHERE opened_at IS NOT NULL AND deleted_at IS NULL AND bundled = 0"
            " ORDER BY opened_at DESC LIMIT ?",
            (ranking.RECENT_OPENED,),
        ).fetchall()
        stories = int(conn.execute("SELECT coalesce(max(id), 0) FROM stories").fetchone()[0])
        key = tuple((row[0], row[1]) for row in recent)
        if key != self.key:
            self.key = key
            self.profile = _profile(conn, [row[0] for row in recent])
        elif stories <= self.stories * RARITY_REFRESH:
            return
        self.stories = stories
        self.rarities = _rarities(conn, "stories_fts", self.profile.affinity, stories)


def _profile(conn: sqlite3.Connection, article_ids: list[int]) -> Profile:
    """The profile of these articles (most recent first): title, excerpt, tags and the
    start of the text, each word weighed by how few of the library's articles use it."""
    texts = {
        row[0]: (row[1] or "", f"{row[2] or ''} {row[3] or ''} {row[4]}")
        for row in conn.execute(
            "SELECT a.id, a.title, a.excerpt, a.tags, substr(b.text, 1, ?) FROM articles a"
            " JOIN article_bodies b ON b.article_id = a.id"
            " WHERE a.id IN (SELECT value FROM json_each(?))",
            (PROFILE_TEXT_CHARS, json.dumps(article_ids)),
        )
    }
    reading = [
        (article_id, *texts[article_id]) for article_id in article_ids if article_id in texts
    ]
    articles = int(conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])
    words = ranking.candidate_terms(reading)
    return ranking.reading_profile(reading, _rarities(conn, "articles_fts", words, articles))


def _rarities(
    conn: sqlite3.Connection, index: str, words: Iterable[str], documents: int
) -> dict[str, float]:
    """Each word's rarity among the documents of a full-text index (its spellings
    together); words no document holds are left out.

    A word is counted up to a twentieth of the documents only: past that it is common
    (rarity near 0), and counting the rest of a long posting list would cost a hundred
    times more (fts5vocab reads all of it)."""
    cap = max(COUNT_CAP_MIN, documents // COUNT_CAP_SHARE)
    rarities: dict[str, float] = {}
    for term in words:
        (frequency,) = conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {index} WHERE {index} MATCH ? LIMIT ?)",
            (_any_spelling(term), cap),
        ).fetchone()
        if frequency:
            rarities[term] = ranking.rarity(int(frequency), documents)
    return rarities


def _any_spelling(term: str) -> str:
    """An FTS5 query for the word in any of its spellings ("whale" OR "whales" ...)."""
    return " OR ".join(f'"{form}"' for form in ranking.spellings(term))


def for_you(
    conn: sqlite3.Connection, cache: ProfileCache, limit: int, include_sponsored: bool
) -> list[StoredStory]:
    """Unread stories across the library, best first, each with its reason."""
    cache.refresh(conn)
    sponsored = "" if include_sponsored else " AND s.sponsored = 0"
    # Candidates are ranked on id, words and score; whole rows are read for the picks only.
    rows = conn.execute(
        "SELECT s.id, s.title, s.summary, s.score FROM stories s INDEXED BY stories_rank"
        f" WHERE {ELIGIBLE}{sponsored} ORDER BY s.score DESC LIMIT ?",
        (max(limit, CANDIDATES),),
    ).fetchall()
    close = _close_story_ids(conn, cache)
    if close:
        rows += conn.execute(
            "SELECT s.id, s.title, s.summary, s.score FROM stories s"
            f" WHERE s.id IN (SELECT value FROM json_each(?)) AND {ELIGIBLE}{sponsored}",
            (json.dumps(close),),
        ).fetchall()
    ranked: dict[int, tuple[float, float, set[str]]] = {}
    for story_id, title, summary, score in rows:
        if story_id not in ranked:
            words = cache.profile.words_in(f"{title} {summary}")
            weight = ranking.shared_weight(words, cache.profile, cache.rarities)
            near = ranking.closeness(weight)
            ranked[story_id] = (ranking.final_score(score, near), near, words)
    best = sorted(ranked, key=lambda story_id: ranked[story_id][0], reverse=True)[:limit]
    by_id = {
        row[0]: stored_story(row)
        for row in conn.execute(
            f"SELECT {STORY_COLUMNS} FROM stories s WHERE s.id IN (SELECT value FROM json_each(?))",
            (json.dumps(best),),
        )
    }
    picks = [by_id[story_id] for story_id in best]
    return _with_reasons(conn, cache, picks, [ranked[story_id][1:] for story_id in best])


def _close_story_ids(conn: sqlite3.Connection, cache: ProfileCache) -> list[int]:
    """Stories holding the strongest words of recent reading, most shared weight first."""
    profile, rarities = cache.profile, cache.rarities
    strongest = sorted(
        rarities, key=lambda term: profile.affinity[term] * rarities[term], reverse=True
    )[:TERMS]
    weights: dict[int, float] = {}
    for term in strongest:
        weight = profile.affinity[term] * rarities[term]
        for (story_id,) in conn.execute(
            "SELECT rowid FROM stories_fts WHERE stories_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            (_any_spelling(term), PER_TERM),
        ):
            weights[story_id] = weights.get(story_id, 0.0) + weight
    return sorted(weights, key=weights.__getitem__, reverse=True)[:CLOSE_CANDIDATES]


def _with_reasons(
    conn: sqlite3.Connection,
    cache: ProfileCache,
    picks: list[StoredStory],
    scores: list[tuple[float, set[str]]],  # (closeness, profile words) of each pick
) -> list[StoredStory]:
    """Each pick with why: the recent article it is close to, or who recommended it."""
    profile = cache.profile
    close = [near >= ranking.REASON_MIN_CLOSENESS and bool(profile.reads) for near, _ in scores]
    # Only a story recommended once is named after its article ("Recommended by “…”"): a
    # popular story's links run into the thousands, and its count says enough.
    once = [
        pick.id
        for pick, near in zip(picks, close, strict=True)
        if not near and pick.times_recommended == 1
    ]
    recommenders = _recommenders(conn, once)
    result = []
    for pick, near, (_, words) in zip(picks, close, scores, strict=True):
        if near:
            read = profile.reads[ranking.closest_read(words, profile, cache.rarities)]
            reason = Reason("read", read.article_id, read.title)
        else:
            article_id, title = recommenders.get(pick.id, (None, ""))
            reason = Reason("recommended", article_id, title, pick.times_recommended)
        result.append(replace(pick, reason=reason))
    return result


def _recommenders(conn: sqlite3.Connection, story_ids: list[int]) -> dict[int, tuple[int, str]]:
    """The saved article recommending each story (stories recommended once): (id, title)."""
    found: dict[int, tuple[int, str]] = {}
    if not story_ids:
        return found
    for story_id, article_id, title in conn.execute(
        "SELECT l.story_id, a.id, a.title FROM article_stories l"
        " JOIN articles a ON a.id = l.article_id"
        " WHERE l.story_id IN (SELECT value FROM json_each(?))"
        " AND a.deleted_at IS NULL AND a.bundled = 0 ORDER BY a.saved_at DESC",
        (json.dumps(story_ids),),
    ):
        found.setdefault(story_id, (article_id, title))
    return found


def count_unread(conn: sqlite3.Connection, include_sponsored: bool) -> int:
    """How many stories "For you" could offer (not only the cards it shows): the counts
    the schema maintains (m005_for_you.sql)."""
    wanted = (0, 1) if include_sponsored else (0,)
    (count,) = conn.execute(
        "SELECT coalesce(sum(unread), 0) FROM story_counts"
        " WHERE sponsored IN (SELECT value FROM json_each(?))",
        (json.dumps(wanted),),
    ).fetchone()
    return int(count)
