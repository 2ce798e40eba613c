"""Text helpers every extraction stage compares with: whitespace folded, case folded."""

import re

# Separators between a page title and the site name in <title> (metadata and leftovers
# both split titles with it).
TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—\\/>»·•:~]|::)\s+")


def squash(text: str | None) -> str:
    """Runs of any whitespace as one space, trimmed: how a reader sees the text."""
    return " ".join((text or "").split())


def fold(text: str) -> str:
    """Case, punctuation and spacing removed, so "Story | Site" and "story site" compare equal."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def first_text(*values: object) -> str | None:
    """The first value that is a string with some text in it, squashed."""
    for value in values:
        if isinstance(value, str):
            value = squash(value)
            if value:
                return value
    return None
