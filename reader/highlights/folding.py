"""Texts folded for matching, each index mapped back to the text it came from.

Two foldings, from strict to loose:

- ``spaced``: every run of spacing (spaces, newlines, Qt's paragraph and cell marks, an
  image's object character) is one space. A quote still matches when a re-extraction
  joined two paragraphs or split one.
- ``skeleton``: letters and digits only, lower-cased. A quote still matches when
  punctuation or quotes changed ("e-mail" / "email", straight / curly quotes).

A folded text is a list of tokens joined (by a space, or by nothing): a token's place in
the folded text and in the original are kept, so a match maps back with a bisection and
no per-character table.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

# Characters Qt's text holds that are not words: spacing for matching's sake.
_MARKS = str.maketrans({"\ufdd0": " ", "\ufdd1": " ", "\ufffc": " "})
_SPACED_TOKEN = re.compile(r"\S+")
_SKELETON_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Folded:
    """``text`` folded; token k starts at ``folded[k]`` here and ``original[k]`` there."""

    text: str
    folded: tuple[int, ...]
    original: tuple[int, ...]
    lengths: tuple[int, ...]

    def to_original(self, index: int) -> int:
        """The original index of folded character ``index`` (a joining space maps to the
        end of the token before it)."""
        k = max(0, bisect_right(self.folded, index) - 1)
        if not self.folded:
            return 0
        offset = index - self.folded[k]
        return self.original[k] + min(offset, self.lengths[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Folded [start, end) as an original [start, end)."""
        if end <= start:
            at = self.to_original(start)
            return at, at
        return self.to_original(start), self.to_original(end - 1) + 1

    def token_start(self, index: int) -> bool:
        """Is folded ``index`` the first character of a token?"""
        k = bisect_right(self.folded, index) - 1
        return k >= 0 and self.folded[k] == index

    def token_end(self, index: int) -> bool:
        """Is folded ``index`` just past the last character of a token?"""
        k = bisect_right(self.folded, index - 1) - 1
        return k >= 0 and self.folded[k] + self.lengths[k] == index


def _fold(text: str, token: re.Pattern[str], joiner: str, lower: bool) -> Folded:
    pieces: list[str] = []
    folded: list[int] = []
    original: list[int] = []
    lengths: list[int] = []
    at = 0
    for match in token.finditer(text.translate(_MARKS)):
        word = match.group()
        if lower:
            low = word.lower()
            word = low if len(low) == len(word) else word  # keep offsets one to one
        if pieces and joiner:
            pieces.append(joiner)
            at += len(joiner)
        pieces.append(word)
        folded.append(at)
        original.append(match.start())
        lengths.append(len(word))
        at += len(word)
    return Folded("".join(pieces), tuple(folded), tuple(original), tuple(lengths))


def spaced(text: str) -> Folded:
    return _fold(text, _SPACED_TOKEN, " ", lower=False)


def skeleton(text: str) -> Folded:
    return _fold(text, _SKELETON_TOKEN, "", lower=True)


def spaced_text(text: str) -> str:
    """Only the folded string (for a quote or its context)."""
    return " ".join(_SPACED_TOKEN.findall(text.translate(_MARKS)))


def skeleton_text(text: str) -> str:
    return "".join(
        low if len(low := word.lower()) == len(word) else word
        for word in _SKELETON_TOKEN.findall(text.translate(_MARKS))
    )
