"""readability-lxml's own steps that cost most, done as it does them for less (stage 4).

Each decides exactly as readability's code (tests/unit/test_extract_readability_alike.py
compares them on the cases a shortcut could get wrong); together they took about a tenth
of extraction (py-spy over half the development pages):
- score_paragraphs: a paragraph's cleaned length is measured only up to where its score
  stops growing (readability ran three regex passes over every paragraph, table cells
  holding whole pages among them), and no debug line is formatted for each candidate;
- remove_unlikely_candidates and class_weight: the class regexes run without re.I on ASCII
  classes lowered (~7 us a search with it), the XPath tests are compiled once.
reader.extract.story's StoryDocument calls them in place of readability's methods.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.etree import XPath
    from lxml.html import HtmlElement

    from reader.extract.widen import Candidate

# readability scores a paragraph min(length / 100, 3) for its length: any longer than 300
# characters scores 3 (301 keeps that 3 an int, as readability's own sum is).
FULL_PARAGRAPH_CHARS = 301
# readability's clean-up cuts whitespace runs this long first; a shorter text without
# newlines, tabs or double spaces gives it nothing to change.
CLEAN_RUN_CHARS = 255


class Scoring(Protocol):
    """What readability's paragraph scoring reads of its document."""

    min_text_length: int

    def _html(self) -> HtmlElement: ...

    def tags(self, node: HtmlElement, *tag_names: str) -> Iterator[HtmlElement]: ...

    def score_node(self, elem: HtmlElement) -> Candidate: ...

    def get_link_density(self, elem: HtmlElement) -> float: ...


def paragraph_scores(document: Scoring) -> dict[HtmlElement, Candidate]:
    """readability's score_paragraphs on ``document``, candidates in its order."""
    candidates: dict[HtmlElement, Candidate] = {}
    ordered = []
    for elem in document.tags(document._html(), "p", "pre", "td", "blockquote"):
        parent = elem.getparent()
        if parent is None:
            continue
        grandparent = parent.getparent()
        text = elem.text_content() or ""
        length = scored_length(text)
        if length < document.min_text_length:
            continue
        for holder in (parent, grandparent):
            if holder is not None and holder not in candidates:
                candidates[holder] = document.score_node(holder)
                ordered.append(holder)
        # readability splits its cleaned text at commas: its clean-up keeps them all
        score = 1 + text.count(",") + 1 + min(length / 100, 3)
        candidates[parent]["content_score"] += score
        if grandparent is not None:
            candidates[grandparent]["content_score"] += score / 2.0
    for elem in ordered:
        candidates[elem]["content_score"] *= 1 - document.get_link_density(elem)
    return candidates


def scored_length(text: str) -> int:
    """The length of readability's cleaned ``text`` (readability.readability.clean), or
    FULL_PARAGRAPH_CHARS when it is at least that long. The clean-up only changes
    whitespace, so when the start of the text holds that many other characters the rest
    is not cleaned."""
    from readability.readability import clean

    if sum(map(len, text[: 2 * FULL_PARAGRAPH_CHARS].split())) >= FULL_PARAGRAPH_CHARS:
        return FULL_PARAGRAPH_CHARS
    untouched = "\n" not in text and "\t" not in text and "  " not in text
    if untouched and len(text) < CLEAN_RUN_CHARS:
        return len(text.strip())  # nothing for its three passes to change
    return min(len(clean(text)), FULL_PARAGRAPH_CHARS)


def drop_unlikely(doc: HtmlElement) -> None:
    """readability's remove_unlikely_candidates."""
    in_code, holds_story = _unlikely_tests()
    for elem in doc.findall(".//*"):
        klass, ident = elem.get("class"), elem.get("id")
        if not klass and not ident:
            continue  # never dropped: readability's "class id" is then under 2 characters
        features = f"{klass or ''} {ident or ''}"
        if (
            class_match("unlikelyCandidatesRe", features)
            and not class_match("okMaybeItsACandidateRe", features)
            and elem.tag not in ("html", "body")
            and not in_code(elem)
            and not holds_story(elem)
        ):
            elem.drop_tree()


def class_weight(elem: HtmlElement) -> int:
    """readability's class_weight for a document without keywords of its own."""
    weight = 0
    for feature in (elem.get("class"), elem.get("id")):
        if feature:
            if class_match("negativeRe", feature):
                weight -= 25
            if class_match("positiveRe", feature):
                weight += 25
    return weight


def class_match(name: str, features: str) -> bool:
    """Whether readability's regex ``name`` (re.I) finds a match in a class or id. ASCII
    text is lowered and searched without re.I: the same matches, as the patterns are
    written in lower case."""
    if features.isascii():
        return _for_lowered(name).search(features.lower()) is not None
    from readability.readability import REGEXES

    return REGEXES[name].search(features) is not None


@cache
def _for_lowered(name: str) -> re.Pattern[str]:
    """readability's regex ``name`` for lowered text: without re.I when written in lower
    case (a pattern with capitals keeps its flags)."""
    from readability.readability import REGEXES

    pattern = REGEXES[name]
    lower = pattern.pattern == pattern.pattern.lower()
    return re.compile(pattern.pattern, pattern.flags & ~re.I if lower else pattern.flags)


@cache
def _unlikely_tests() -> tuple[XPath, XPath]:
    from lxml.etree import XPath

    return (
        XPath("ancestor-or-self::pre | ancestor-or-self::code"),
        XPath("descendant-or-self::main | descendant-or-self::article | descendant-or-self::math"),
    )
