"""Text helpers every extraction stage compares with: whitespace folded, case folded."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.html import HtmlElement

# Separators between a page title and the site name in <title> (metadata and leftovers
# both split titles with it).
TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—\\/>»·•:~]|::)\s+")


def squash(text: str | None) -> str:
    """Runs of any whitespace as one space, trimmed: how a reader sees the text."""
    return " ".join((text or "").split())


def fold(text: str) -> str:
    """Case, punctuation and spacing removed, so "Story | Site" and "story site" compare equal."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def squash_within(text: str, longest: int) -> str | None:
    """``squash(text)`` when it is at most ``longest`` characters, else None: "is this a
    short box" without squashing every paragraph (see ``_within``)."""
    return _within(squash, text, longest)


def fold_within(text: str, longest: int) -> str | None:
    """``fold(text)`` when it is at most ``longest`` characters, else None: the test for
    "is this one of these short phrases" without folding every long paragraph (that was
    2% of extraction; see ``_within``)."""
    return _within(fold, text, longest)


def _within(normalize: Callable[[str], str], text: str, longest: int) -> str | None:
    """``normalize(text)`` when it is at most ``longest`` characters, else None. Squashing
    and folding go character by character, so the result for a text's start is the start
    of the result for the whole: a start that comes out too long tells for the whole."""
    head = text[: 2 * longest + 2]
    if len(head) < len(text) and len(normalize(head)) > longest:
        return None
    done = normalize(text)
    return done if len(done) <= longest else None


def first_text(*values: object) -> str | None:
    """The first value that is a string with some text in it, squashed."""
    for value in values:
        if isinstance(value, str):
            value = squash(value)
            if value:
                return value
    return None


def text_chars(elem: HtmlElement) -> int:
    """The element's text without any whitespace: its length as the story rules weigh it."""
    return len("".join(elem.text_content().split()))
