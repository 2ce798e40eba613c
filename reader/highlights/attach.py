"""Finding a highlight's quote in an article's current text, strict to loose.

1. ``exact``: the quote as written, or else with its spacing folded, found once;
   ``context``: found several times, the one whose prefix, suffix and position agree
   best with the anchor's.
2. ``loose``: letters and digits only (punctuation, quotes and case may have changed),
   on word boundaries, chosen the same way.
3. ``fuzzy``: a bounded approximate match (reader.highlights.fuzzy): a few words changed.

What cannot be found is None: the caller keeps the highlight and lists it as detached.
``reattach(old_text, new_text, anchors)`` is the whole re-extraction step: each anchor
is placed in the old text first (so its position and context are the old text's own),
then found in the new one and described afresh there.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reader.highlights import folding, fuzzy
from reader.highlights.anchors import Anchor, describe
from reader.highlights.folding import Folded

How = Literal["exact", "context", "loose", "fuzzy"]
# Weights of the evidence that picks one of several places (the quote matched at all of
# them): the text just before, the text just after, the position hint as a tie-breaker.
PREFIX_WEIGHT = 20.0
SUFFIX_WEIGHT = 20.0
POSITION_WEIGHT = 2.0
# A position this far off (share of the text) counts as no agreement at all.
POSITION_REACH = 0.25
# A one-letter quote can occur thousands of times: the places weighed are capped.
MAX_PLACES = 2000
# A loose (letters-only) quote shorter than this matches too much by chance.
LOOSE_MIN_CHARS = 4


@dataclass(frozen=True)
class Attached:
    """Where an anchor's quote is in a text: [start, end), and how it was found."""

    start: int
    end: int
    how: How


@dataclass(frozen=True)
class Reattached:
    """An anchor found again in a new text: where, how, and its new description there."""

    attached: Attached
    anchor: Anchor


class Matcher:
    """One text, folded once, to attach many anchors to it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._spaced: Folded | None = None
        self._skeleton: Folded | None = None

    @property
    def spaced(self) -> Folded:
        if self._spaced is None:
            self._spaced = folding.spaced(self.text)
        return self._spaced

    @property
    def skeleton(self) -> Folded:
        if self._skeleton is None:
            self._skeleton = folding.skeleton(self.text)
        return self._skeleton

    def attach(self, anchor: Anchor, fraction: float | None = None) -> Attached | None:
        """Where ``anchor``'s quote is (``fraction``: a better position hint than the
        anchor's own, as a share of the text), or None."""
        if fraction is None:
            fraction = anchor.fraction
        quote = folding.spaced_text(anchor.exact)
        if not quote:
            return None
        # The quote as written, in the text as it is: the common case, and no folding.
        size = len(anchor.exact)
        places = [(s, s + size) for s in _find_all(self.text, anchor.exact)]
        if not places:
            folded = self.spaced
            places = [folded.span(s, s + len(quote)) for s in _find_all(folded.text, quote)]
        if places:
            return self._pick(places, anchor, fraction, "exact" if len(places) == 1 else "context")
        loose = folding.skeleton_text(anchor.exact)
        if len(loose) >= LOOSE_MIN_CHARS:
            places = self._loose_places(loose, anchor)
            if places:
                found = self._pick(places, anchor, fraction, "loose")
                return Attached(*self._with_marks(found.start, found.end, anchor), "loose")
        span = fuzzy.search(
            self.skeleton, anchor, lambda place: self.agreement(place, anchor, fraction)
        )
        return None if span is None else Attached(*self._with_marks(*span, anchor), "fuzzy")

    def _with_marks(self, start: int, end: int, anchor: Anchor) -> tuple[int, int]:
        """A letters-only match widened over the punctuation the quote began or ended
        with (its closing period, an opening quotation mark), when the text has some."""
        text = self.text
        lead = _marks(anchor.exact)
        trail = _marks(anchor.exact[::-1])
        # one more than the quote had: "said." may now read "said.”"
        for _ in range(lead + 1 if lead else 0):
            if start > 0 and _is_mark(text[start - 1]):
                start -= 1
        for _ in range(trail + 1 if trail else 0):
            if end < len(text) and _is_mark(text[end]):
                end += 1
        return start, end

    def _loose_places(self, loose: str, anchor: Anchor) -> list[tuple[int, int]]:
        """Letters-only matches that begin and end where words do (unless the quote itself
        began or ended inside a word)."""
        skeleton = self.skeleton
        inside_start = _word_char(anchor.prefix[-1:]) and _word_char(anchor.exact[:1])
        inside_end = _word_char(anchor.suffix[:1]) and _word_char(anchor.exact[-1:])
        return [
            skeleton.span(start, start + len(loose))
            for start in _find_all(skeleton.text, loose)
            if (inside_start or skeleton.token_start(start))
            and (inside_end or skeleton.token_end(start + len(loose)))
        ]

    def _pick(
        self, places: list[tuple[int, int]], anchor: Anchor, fraction: float | None, how: How
    ) -> Attached:
        if len(places) == 1:
            return Attached(*places[0], how)
        best = max(places, key=lambda place: self.agreement(place, anchor, fraction))
        return Attached(*best, how)

    def agreement(self, place: tuple[int, int], anchor: Anchor, fraction: float | None) -> float:
        """How well the text around ``place`` and its position agree with the anchor."""
        start, end = place
        score = 0.0
        if anchor.prefix:
            wanted = folding.skeleton_text(anchor.prefix)
            window = max(0, start - 2 * len(anchor.prefix) - 8)
            found = folding.skeleton_text(self.text[window:start])
            score += PREFIX_WEIGHT * _common_tail(wanted, found) / max(1, len(wanted))
        if anchor.suffix:
            wanted = folding.skeleton_text(anchor.suffix)
            found = folding.skeleton_text(self.text[end : end + 2 * len(anchor.suffix) + 8])
            score += SUFFIX_WEIGHT * _common_head(wanted, found) / max(1, len(wanted))
        if fraction is not None and self.text:
            off = abs(start / len(self.text) - fraction)
            score += POSITION_WEIGHT * max(0.0, 1.0 - off / POSITION_REACH)
        return score


def attach(text: str, anchor: Anchor) -> Attached | None:
    """Where ``anchor``'s quote is in ``text`` (None: detached)."""
    return Matcher(text).attach(anchor)


def attach_all(text: str, anchors: Sequence[Anchor]) -> list[Attached | None]:
    """Every anchor attached to one text (folded once)."""
    matcher = Matcher(text)
    return [matcher.attach(anchor) for anchor in anchors]


def reattach(old_text: str, new_text: str, anchors: Sequence[Anchor]) -> list[Reattached | None]:
    """The anchors, made against ``old_text``, found in ``new_text`` (re-extraction).

    Each anchor is first placed in the old text, so its context and position hint are
    exact there even if it was made against a slightly different rendering of it; the
    result describes it afresh in the new text. None: detached."""
    old, new = Matcher(old_text), Matcher(new_text)
    results: list[Reattached | None] = []
    for anchor in anchors:
        fraction = anchor.fraction
        before = old.attach(anchor)
        if before is not None:
            anchor = describe(old_text, before.start, before.end) or anchor
            fraction = anchor.fraction
        found = new.attach(anchor, fraction)
        described = None if found is None else describe(new_text, found.start, found.end)
        results.append(None if found is None or described is None else Reattached(found, described))
    return results


def _find_all(text: str, quote: str) -> list[int]:
    places: list[int] = []
    at = text.find(quote)
    while at >= 0 and len(places) < MAX_PLACES:
        places.append(at)
        at = text.find(quote, at + 1)
    return places


def _is_mark(character: str) -> bool:
    """Punctuation or a symbol: neither a letter or digit, nor spacing or Qt's marks."""
    return not (character.isalnum() or character.isspace() or character in "\ufdd0\ufdd1\ufffc")


def _marks(text: str) -> int:
    """How many punctuation marks ``text`` begins with."""
    count = 0
    while count < len(text) and _is_mark(text[count]):
        count += 1
    return count


def _word_char(text: str) -> bool:
    return bool(text) and text.isalnum()


def _common_tail(a: str, b: str) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_head(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count
