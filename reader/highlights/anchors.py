"""A highlight's anchor: the quote, its context and a position hint (W3C selectors).

Stored as a TextQuoteSelector (exact, prefix, suffix) plus a TextPositionSelector (start,
end) and the length of the text it was made against, so the position can be read as a
fraction of the article when the text around it changed size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.json_types import JsonObject

# Characters of context kept on each side (the size annotation tools commonly use:
# enough to tell apart repeated quotes, short enough to survive nearby edits).
CONTEXT_CHARS = 32
# What the view's text holds besides words: Qt's paragraph, line and table-cell marks,
# an image's object character, a no-break space. A quote is written for people.
_SHOWN = str.maketrans(
    {"\u2029": "\n", "\u2028": "\n", "\ufdd0": "\n", "\ufdd1": "\n", "\ufffc": "", "\xa0": " "}
)


@dataclass(frozen=True)
class Anchor:
    """Where a highlight is: ``exact`` between ``prefix`` and ``suffix``, found at
    [start, end) of a text ``length`` characters long when it was made."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int = 0
    end: int = 0
    length: int = 0

    @property
    def fraction(self) -> float | None:
        """Where the quote began, as a share of its text (None: not known)."""
        if self.length <= 0:
            return None
        return min(1.0, max(0.0, self.start / self.length))

    def selectors(self) -> list[JsonObject]:
        """The W3C Web Annotation selectors of this anchor (for JSON export)."""
        return [
            {
                "type": "TextQuoteSelector",
                "exact": self.exact,
                "prefix": self.prefix,
                "suffix": self.suffix,
            },
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]


def shown(text: str) -> str:
    """The view's text as a person reads it: separators as newlines, no object marks."""
    return text.translate(_SHOWN)


def describe(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor | None:
    """The anchor of [start, end) of ``text`` (spaces at either end left out), or None
    when the span holds no visible text."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if end < start:
        start, end = end, start
    while start < end and _blank(text[start]):
        start += 1
    while end > start and _blank(text[end - 1]):
        end -= 1
    if start == end:
        return None
    return Anchor(
        exact=shown(text[start:end]),
        prefix=shown(text[max(0, start - context) : start]),
        suffix=shown(text[end : end + context]),
        start=start,
        end=end,
        length=len(text),
    )


def quote_anchor(exact: str) -> Anchor:
    """An anchor known only by its quote (an imported highlight before it is found)."""
    return Anchor(exact=shown(exact).strip())


def _blank(character: str) -> bool:
    return character.isspace() or character in "\ufdd0\ufdd1\ufffc"
