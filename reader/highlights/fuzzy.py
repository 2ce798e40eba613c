"""The last resort of attaching: a bounded approximate match of a quote's letters.

A re-extraction that fixed a typo, dropped a footnote mark inside a sentence or swapped a
word leaves a quote nowhere exactly. Places where it may now be are seeded by exact
pieces (the quote's first and last letters, the end of its prefix, the start of its
suffix); each candidate span is compared letter by letter (difflib's ratio) and kept only
when it is close (MIN_RATIO) and about as long as the quote (LENGTH_SLACK). Short quotes
are never matched approximately: too many places would look alike.
"""

from collections.abc import Callable
from difflib import SequenceMatcher

from reader.highlights.anchors import Anchor
from reader.highlights.folding import Folded, skeleton_text

FUZZY_MIN_CHARS = 16  # letters and digits in the quote
MIN_RATIO = 0.85  # difflib similarity of the letters: about one letter in seven changed
LENGTH_SLACK = 0.25  # the span found may be this much shorter or longer than the quote
SEED_CHARS = 24  # letters of each exact piece that seeds a place
MIN_SEED_CHARS = 8  # a shorter piece of context seeds nothing
MAX_SEED_PLACES = 40  # a piece found more often than this says nothing about where
Agreement = Callable[[tuple[int, int]], float]


def search(skeleton: Folded, anchor: Anchor, agreement: Agreement) -> tuple[int, int] | None:
    """The original span where ``anchor``'s quote most likely is now, or None.

    ``skeleton`` is the text folded to letters; ``agreement`` scores an original span by
    its context and position (see attach.Matcher.agreement), to choose between spans
    that are equally close to the quote."""
    quote = skeleton_text(anchor.exact)
    size = len(quote)
    if size < FUZZY_MIN_CHARS:
        return None
    seed = min(SEED_CHARS, size // 3)
    text = skeleton.text
    starts = set(_places(text, quote[:seed]))
    ends = {at + seed for at in _places(text, quote[-seed:])}
    before = skeleton_text(anchor.prefix)[-seed:]
    if len(before) >= MIN_SEED_CHARS:
        starts.update(at + len(before) for at in _places(text, before))
    after = skeleton_text(anchor.suffix)[:seed]
    if len(after) >= MIN_SEED_CHARS:
        ends.update(_places(text, after))
    best: tuple[float, tuple[int, int]] | None = None
    for start, end in _spans(starts, ends, size, len(text)):
        start, end = _snap(skeleton, start, end)
        ratio = _ratio(quote, text[start:end])
        if ratio < MIN_RATIO:
            continue
        place = skeleton.span(start, end)
        score = 100.0 * ratio + agreement(place)
        if best is None or score > best[0]:
            best = (score, place)
    return None if best is None else best[1]


def _places(text: str, piece: str) -> list[int]:
    places: list[int] = []
    at = text.find(piece)
    while at >= 0:
        places.append(at)
        if len(places) > MAX_SEED_PLACES:
            return []
        at = text.find(piece, at + 1)
    return places


def _spans(starts: set[int], ends: set[int], size: int, total: int) -> set[tuple[int, int]]:
    """Start and end seeds paired when the span between is about the quote's length; a
    seed with no partner stands for a span of exactly that length."""
    low, high = size * (1 - LENGTH_SLACK), size * (1 + LENGTH_SLACK)
    spans: set[tuple[int, int]] = set()
    paired_ends: set[int] = set()
    for start in starts:
        partners = [end for end in ends if low <= end - start <= high]
        spans.update((start, end) for end in partners)
        paired_ends.update(partners)
        if not partners:
            spans.add((start, min(total, start + size)))
    spans.update((max(0, end - size), end) for end in ends - paired_ends)
    return spans


def _snap(skeleton: Folded, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole words (a seeded edge can fall inside one)."""
    text_end = len(skeleton.text)
    while start > 0 and not skeleton.token_start(start):
        start -= 1
    while end < text_end and not skeleton.token_end(end):
        end += 1
    return start, end


def _ratio(quote: str, found: str) -> float:
    matcher = SequenceMatcher(None, quote, found, autojunk=False)
    if matcher.real_quick_ratio() < MIN_RATIO or matcher.quick_ratio() < MIN_RATIO:
        return 0.0
    return matcher.ratio()
