""" "For you": which unread recommended story to read next, as pure functions.

Two signals, added in one number (reader.store.for_you gathers the candidates):

1. popularity and recency, folded into one maintained number per story,
   ``score = log2(1 + times_recommended) + last_seen / HALF_LIFE``. Ordering by it is the
   same as ordering by "recommendations, halved every HALF_LIFE since last seen", but the
   number never has to be recomputed as time passes, so an index can serve the top;
2. closeness to what was actually read: the words a story shares with the articles opened
   most recently, each weighed by how much the article is about it (in its title, and
   mentioned again and again in its text: "whale", not "telling") and by how rare it is
   among all stories. Closeness is absolute, 0..1, never scaled to the best candidate: when
   nothing is close, nothing gets the bonus; one shared word counts half (a chance match
   in another language or sense is common, two are not).

``final = score + RELEVANCE_WEIGHT * closeness``: a story that shares a rare word with a
title just read (closeness about 0.6) counts as if recommended 2^1.8 ≈ 3.5 times as often;
one more recommendation is worth only log2(3/2) ≈ 0.6 of the score.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

HALF_LIFE_SECONDS = 14 * 24 * 3600  # a story seen two weeks ago counts half as much
RECENT_OPENED = 20  # the reading profile: the last articles actually opened
RELEVANCE_WEIGHT = 3.0  # log2 units of "recommended as often" for a perfect match
CLOSENESS_SCALE = 0.8  # closeness = 1 - exp(-shared / scale)
TITLE_SHARE = 0.6  # a word of a recent article's title...
TEXT_SHARE = 0.4  # ...and how often its text mentions it, up to
TEXT_MENTIONS = 4  # this many times (a subject is mentioned again and again)
MIN_AFFINITY = 0.25  # weaker words say little about the article: left out of the profile
CANDIDATE_TERMS = 15  # per recent article, the words it is most about
SINGLE_WORD_FACTOR = 0.75  # a story sharing one word only counts three quarters of it
OLDEST_READ_FACTOR = 0.5  # the 20th most recent article counts half as much as the latest
MAX_AFFINITY = 1.5  # a word of many recent articles: a theme, but not without bound
REASON_MIN_CLOSENESS = 0.3  # below this, "because you read …" would overstate it

WORD = re.compile(r"\w+", re.UNICODE)
SOFT_HYPHEN = "\u00ad"  # a place a word may break: "Wissen\u00adschaft" is one word
MIN_WORD = 3
# Words too common to say anything about a topic (English; other languages rely on rarity).
STOPWORDS_TEXT = """
    about after again also among an and any are because been before being between both
    but can could did does doing down during each even every few for from further had has
    have having her here hers him his how into its just like more most much must new not
    now off once only other our out over own said same says she should since some such
    than that the their them then there these they this those through too under until upon
    very was way were what when where which while who whom why will with would you your
    yours one two first last year years make made get got see how's it's don't"""
STOPWORDS = frozenset(STOPWORDS_TEXT.split())


def story_score(times_recommended: int | None, last_seen: float | None) -> float:
    """The maintained part of the rank (SQL function reader_story_score)."""
    times = max(int(times_recommended or 0), 0)
    return math.log2(1 + times) + (last_seen or 0.0) / HALF_LIFE_SECONDS


def stem(word: str) -> str:
    """A word without its English plural ending: "whales" and "whale" are one subject."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def spellings(term: str) -> tuple[str, ...]:
    """The ways a stemmed term is written in a story: itself and its plurals."""
    forms = [term, term + "s", term + "es"]
    if term.endswith("y"):
        forms.append(term[:-1] + "ies")
    return tuple(forms)


def term_list(text: str | None) -> list[str]:
    """The stemmed words of ``text`` that can say what it is about, repeats kept."""
    if not text:
        return []
    return [
        stem(word)
        for word in _words(text)
        if len(word) >= MIN_WORD and word not in STOPWORDS and not word.isdigit()
    ]


def _words(text: str) -> list[str]:
    """The words of ``text``, folded, as the search indexes see them (no soft hyphens)."""
    return WORD.findall(text.replace(SOFT_HYPHEN, "").casefold())


def terms(text: str | None) -> set[str]:
    return set(term_list(text))


@dataclass(frozen=True)
class RecentRead:
    """An article opened recently: what "because you read …" names."""

    article_id: int
    title: str
    terms: frozenset[str]


@dataclass(frozen=True)
class Profile:
    """Recent reading: how strongly each word belongs to it, and who used it.

    ``forms`` maps every spelling of a profile word to it, so a story's words are matched
    with one dictionary lookup each (no stemming of every word of every candidate)."""

    affinity: dict[str, float]
    reads: tuple[RecentRead, ...]
    forms: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for term in self.affinity:
            for form in spellings(term):
                self.forms.setdefault(form, term)

    def __bool__(self) -> bool:
        return bool(self.affinity)

    def words_in(self, text: str) -> set[str]:
        """The profile's words that ``text`` uses (in any spelling)."""
        forms = self.forms
        return {forms[word] for word in _words(text) if word in forms}


def candidate_terms(articles: Sequence[tuple[int, str, str]]) -> set[str]:
    """The words that may enter the profile: per article, its title's and those its text
    mentions most (at most CANDIDATE_TERMS of them, looked up for their rarity)."""
    found: set[str] = set()
    for _, title, text in articles:
        in_title = terms(title)
        mentions = Counter(term_list(text))
        ranked = sorted(
            in_title | {term for term, count in mentions.items() if count >= 2},
            key=lambda term: (_raw_share(term, in_title, mentions), mentions[term], term),
            reverse=True,
        )
        found.update(ranked[:CANDIDATE_TERMS])
    return found


def _raw_share(term: str, in_title: set[str], mentions: Counter[str]) -> float:
    """How much an article is about a word, before the word's rarity is known."""
    share = TITLE_SHARE * (term in in_title)
    return share + TEXT_SHARE * min(1.0, mentions[term] / TEXT_MENTIONS)


def reading_profile(
    articles: Sequence[tuple[int, str, str]], specificity: dict[str, float]
) -> Profile:
    """(id, title, text) of recently opened articles, most recent first (the text: excerpt,
    tags and the start of the article). ``specificity``: 0..1, how few of the library's
    articles use a word ("whale" near 1, "people" near 0)."""
    affinity: dict[str, float] = {}
    reads = []
    for index, (article_id, title, text) in enumerate(articles):
        recency = 1.0 - (1.0 - OLDEST_READ_FACTOR) * index / (RECENT_OPENED - 1)
        in_title = terms(title)
        mentions = Counter(term_list(text))
        about = set()
        for term in in_title | {term for term, count in mentions.items() if count >= 2}:
            if term not in specificity:
                continue  # not among the words looked up (candidate_terms)
            share = _raw_share(term, in_title, mentions) * specificity[term]
            if share >= MIN_AFFINITY:
                affinity[term] = affinity.get(term, 0.0) + share * recency
                about.add(term)
        reads.append(RecentRead(article_id, title, frozenset(about)))
    capped = {term: min(value, MAX_AFFINITY) for term, value in affinity.items()}
    return Profile(capped, tuple(reads))


def rarity(document_frequency: int, stories: int) -> float:
    """0..1: 1 for a word in one story, near 0 for a word in every story."""
    stories = max(stories, document_frequency, 1)
    return math.log1p(stories / max(document_frequency, 1)) / math.log1p(stories)


def shared_weight(words: Iterable[str], profile: Profile, rarities: dict[str, float]) -> float:
    """How much of recent reading a story's (stemmed) words hold."""
    shared = [term for term in set(words) if term in profile.affinity]
    weight = sum(profile.affinity[term] * rarities.get(term, 1.0) for term in shared)
    return weight * SINGLE_WORD_FACTOR if len(shared) == 1 else weight


def closeness(weight: float) -> float:
    """0..1 from the shared weight: saturating, so many weak words never beat a few strong."""
    return 1.0 - math.exp(-weight / CLOSENESS_SCALE)


def final_score(score: float, near: float) -> float:
    return score + RELEVANCE_WEIGHT * near


def closest_read(words: Iterable[str], profile: Profile, rarities: dict[str, float]) -> int:
    """Index of the recent article that shares the most with a story (for its reason)."""
    story_terms = set(words)
    best, best_weight = 0, -1.0
    for index, read in enumerate(profile.reads):
        weight = sum(rarities.get(term, 1.0) for term in story_terms & read.terms)
        if weight > best_weight:
            best, best_weight = index, weight
    return best
