"""Titles as a reader wants them: without the site's or the author's name tacked on.

"Mozilla - Wikipedia", "Story | Eleanor Ainge Roy", "Weekly Edition [LWN.net]", "Friday
Facts #282 | Factorio": a part of the title separated by " | ", " - ", " – " ... is dropped
from either end when it names the site (``og:site_name``, or the address's own name), the
author (the byline), or is a bracketed host name. What is left is never empty.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from reader.extract.text import TITLE_SEPARATOR, fold, squash
from reader.urls import site_label

if TYPE_CHECKING:
    from lxml.html import HtmlElement

BRACKETED_END = re.compile(r"\s*\[([^\[\]]{2,60})\]\s*$")
HOST_LIKE = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
PARENTHESES = re.compile(r"\([^()]*\)")


def own_names(site_name: str | None, byline: str | None, url: str | None) -> frozenset[str]:
    """The folded names a title may carry besides the story's own: site, author, host."""
    names: set[str] = set()
    for value in (site_name, byline):
        if value:
            names.add(fold(value))
            names.add(fold(PARENTHESES.sub(" ", value)))
    if site_name and HOST_LIKE.match(site_name.strip()):  # "Factorio.com"
        names.add(fold(site_label(site_name.strip())))
    host = _host(url)
    if host:
        names.add(fold(host))
        names.add(fold(site_label(host)))
    names.discard("")
    return frozenset(names)


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def tidy_title(title: str, names: frozenset[str]) -> str:
    """``title`` without the parts at its ends that only name the site or the author."""
    title = squash(title)
    bracket = BRACKETED_END.search(title)
    if bracket and bracket.start() > 0:
        inside = bracket.group(1).strip()
        if HOST_LIKE.match(inside) or _names_one(inside, names):
            title = title[: bracket.start()]
    pieces = _pieces(title)
    while len(pieces) > 1 and _names_one(pieces[-1][0], names):
        pieces.pop()
    while len(pieces) > 1 and _names_one(pieces[0][0], names):
        pieces.pop(0)
    return title[pieces[0][1] : pieces[-1][2]]


def _pieces(title: str) -> list[tuple[str, int, int]]:
    """The separator-delimited parts of a title with their start and end offsets."""
    pieces = []
    start = 0
    for separator in TITLE_SEPARATOR.finditer(title):
        pieces.append((title[start : separator.start()], start, separator.start()))
        start = separator.end()
    pieces.append((title[start:], start, len(title)))
    return pieces


def _names_one(part: str, names: frozenset[str]) -> bool:
    folded = fold(part)
    return bool(folded) and (folded in names or fold(PARENTHESES.sub(" ", part)) in names)


def leading_part(title: str) -> str | None:
    """The first separator-delimited part of a title of several ("Evolve: Shared Mutable
    History — evolve extension for Mercurial" -> "Evolve: Shared Mutable History")."""
    pieces = _pieces(squash(title))
    return pieces[0][0] if len(pieces) > 1 else None


def title_from_source(source: str, url: str | None) -> str:
    """A title for a page that states none: its file name, or the last part of its address
    (a list of "Untitled" rows tells a reader nothing)."""
    address = url or (source if "://" in source else "")
    if address:
        try:
            parts = urlsplit(address)
        except ValueError:
            parts = None
        if parts is not None:
            segment = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
            name = PurePath(segment).stem if segment else ""
            return squash(name) or parts.hostname or address
    name = PurePath(source.rstrip("/\\")).stem if source and source != "-" else ""
    return squash(name) or "Untitled"


OPENING_BLOCKS = 6  # a heading repeating the title sits among the first few blocks
HEADINGS = ("h1", "h2", "h3")


def opening_heading(story: HtmlElement) -> HtmlElement | None:
    """The story's first heading when no text comes before it, else None."""
    for count, elem in enumerate(story.iter(*HEADINGS, "p", "li", "blockquote", "pre")):
        if count >= OPENING_BLOCKS:
            return None
        if elem.tag in HEADINGS and squash(elem.text_content()):
            return elem
        if squash(elem.text_content()):
            return None
    return None


def repeats_title(heading: HtmlElement, title: str) -> bool:
    """Whether ``heading`` says the title again (case, spacing and punctuation aside)."""
    return bool(title) and fold(heading.text_content()) == fold(title)


SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")
LEADING_ARTICLE = re.compile(r"^(?:the|a|an) ")


def title_repeat(story: HtmlElement, title: str) -> list[HtmlElement]:
    """The opening heading when it says the title again, with the subheading right after it
    when the two say it together (Medium: "Open Journalism Project:" over "Better Student
    Journalism", titled "The Open Journalism Project: Better Student Journalism"); a
    leading "The" or "A" aside. Empty when the story does not repeat its title."""
    heading = opening_heading(story)
    if heading is None or not title:
        return []
    wanted = LEADING_ARTICLE.sub("", fold(title))
    said = LEADING_ARTICLE.sub("", fold(heading.text_content()))
    if said == wanted:
        return [heading]
    below = heading.getnext()
    if below is None or below.tag not in SUBHEADINGS or not wanted.startswith(said):
        return []
    return [heading, below] if f"{said} {fold(below.text_content())}" == wanted else []
