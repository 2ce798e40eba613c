"""Tags as a person types them: one rule for the window, the command line and the library.

Trimmed, inner spaces collapsed, blanks dropped, and repeats dropped without regard to
case ("Travel" and "travel" are one tag); the first spelling is kept.
"""

from collections.abc import Iterable


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    clean: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        text = " ".join(str(tag).split())
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            clean.append(text)
    return tuple(clean)


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed as one line, separated by commas."""
    return clean_tags(text.split(","))
