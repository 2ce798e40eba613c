""" "For you": which unread recommended story to read next.

Three signals, cheapest first:

1. popularity and recency, folded into one maintained number per story,
   ``score = log2(1 + times_recommended) + last_seen / HALF_LIFE``. Ordering by it is the
   same as ordering by "recommendations, halved every HALF_LIFE since last seen", but the
   number never has to be recomputed as time passes, so an index can serve the top;
2. closeness to what was actually read: BM25 of each candidate's title and summary against
   the words of the articles opened most recently (title, excerpt, tags);
3. the closeness is computed only for the CANDIDATES best stories by (1), which bounds
   the cost whatever the size of the library.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

HALF_LIFE_SECONDS = 14 * 24 * 3600  # a story seen two weeks ago counts half as much
CANDIDATES = 250  # re-ranked per request: ~1 ms of Python, five times the 50 cards shown
CLOSENESS_WEIGHT = 1.5  # the closest match counts as if recommended 2^1.5 ≈ 2.8x as often
RECENT_OPENED = 20  # the reading profile: the last articles actually opened
BM25_K1 = 1.2
BM25_B = 0.75

WORD = re.compile(r"\w+", re.UNICODE)
MIN_WORD = 3
# Words too common to say anything about a topic (English; other languages rely on IDF).
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


def words(text: str | None) -> list[str]:
    if not text:
        return []
    return [
        word
        for word in WORD.findall(text.casefold())
        if len(word) >= MIN_WORD and word not in STOPWORDS and not word.isdigit()
    ]


def reading_profile(texts: Iterable[str | None]) -> Counter[str]:
    """Term weights of recent reading: how many recent articles use each word."""
    profile: Counter[str] = Counter()
    for text in texts:
        profile.update(set(words(text)))
    return profile


def closeness(documents: Sequence[str], profile: Counter[str]) -> list[float]:
    """BM25 of each document against the profile, with IDF taken over the documents.

    Returned scaled to 0..1 (best candidate = 1) so it can be weighed against the score.
    Only profile words are counted (the profile already lacks stopwords and short words),
    which keeps this to one regex pass per document.
    """
    if not documents or not profile:
        return [0.0] * len(documents)
    tokenized = [WORD.findall(doc.casefold()) for doc in documents]
    count = len(tokenized)
    lengths = [len(tokens) for tokens in tokenized]
    average = sum(lengths) / count or 1.0
    hits = [[token for token in tokens if token in profile] for tokens in tokenized]
    frequency: Counter[str] = Counter()
    for terms in hits:
        frequency.update(set(terms))
    idf = {term: math.log(1 + (count - n + 0.5) / (n + 0.5)) for term, n in frequency.items()}
    raw: list[float] = []
    for terms, length in zip(hits, lengths, strict=True):
        total = 0.0
        if terms:
            norm = BM25_K1 * (1 - BM25_B + BM25_B * length / average)
            for term, tf in Counter(terms).items():
                total += idf[term] * profile[term] * tf * (BM25_K1 + 1) / (tf + norm)
        raw.append(total)
    best = max(raw)
    return [value / best if best > 0 else 0.0 for value in raw]


def rerank(scores: Sequence[float], close: Sequence[float]) -> list[int]:
    """Indexes of the candidates, best first: maintained score plus weighted closeness."""
    final = [score + CLOSENESS_WEIGHT * near for score, near in zip(scores, close, strict=True)]
    return sorted(range(len(final)), key=lambda index: final[index], reverse=True)
