"""Highlights re-attached after re-extraction, over a corpus: shared by the test
(tests/unit/test_highlights_corpus.py) and the benchmark (tests/benchmarks/reattach.py).

Each page is extracted as Reader does today; five random sentences of its text (seeded
per page) are highlighted; the page is extracted again by a changed pipeline (VARIANTS)
and the anchors are re-attached to the new text. A highlight counts as re-attached to
the same text when the span found holds the same letters as the quote and, for a quote
the text holds several times, the same occurrence of it (by rank, when the count of
occurrences did not change).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock

from reader.errors import ReaderError
from reader.extract import extract
from reader.highlights.anchors import Anchor, describe
from reader.highlights.attach import reattach
from reader.highlights.folding import skeleton_text
from reader.highlights.text import anchor_text
from reader.listen.doctext import document_text
from reader.listen.script import article_html
from reader.listen.sentences import sentence_spans
from reader.load import load
from reader.model import Article

if TYPE_CHECKING:
    from lxml.html import HtmlElement

SENTENCES_PER_PAGE = 5
SEED = 15
MIN_SENTENCE_WORDS = 4  # shorter "sentences" are labels and captions, not what one marks
SENTENCE_KINDS = ("paragraph", "item", "quote")


@contextmanager
def _whitespace_collapsed() -> Iterator[None]:
    """Whitespace normalisation changed: every run collapsed, not only long ones, and
    inside <pre> too (code loses its indentation and blank lines)."""
    from reader.extract import normalize

    with (
        mock.patch.object(normalize, "_LONG_NEWLINE_RUN", re.compile(r"\n[ \t\r\n\f]+")),
        mock.patch.object(normalize, "_LONG_BLANK_RUN", re.compile(r" [ \t\r\f]+")),
        mock.patch.object(normalize, "_VERBATIM_OPEN", re.compile(r"(?!)")),
    ):
        yield


# Typography a sanitizer might straighten: curly quotes, dashes, no-break spaces.
_TYPOGRAPHY = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "\xa0": " ", "…": "..."}
)


@contextmanager
def _typography_straightened() -> Iterator[None]:
    """The sanitize stage changed: it now straightens quotes and dashes in the text."""
    from reader.extract import pipeline

    original = pipeline.sanitize.sanitize

    def straightened(story: HtmlElement, base: str | None) -> None:
        original(story, base)
        for element in story.iter():
            if isinstance(element.text, str):
                element.text = element.text.translate(_TYPOGRAPHY)
            if isinstance(element.tail, str):
                element.tail = element.tail.translate(_TYPOGRAPHY)

    with mock.patch.object(pipeline.sanitize, "sanitize", straightened):
        yield


def _junk_rule_off() -> AbstractContextManager[object]:
    """A clean rule toggled: widget boxes, share bars, author boxes are kept."""
    from reader.extract import clean

    return mock.patch.object(clean, "_drop_junk_blocks", lambda *_parts: None)


def _leftovers_off() -> AbstractContextManager[object]:
    """The leftover rules (issue 12: hatnotes, credits, moved link lists) toggled off."""
    from reader.extract import leftovers

    return mock.patch.object(leftovers, "tidy_story", lambda main, meta, hidden: meta)


# Every EDIT_EVERY-th paragraph of at least EDIT_MIN_WORDS words has its middle word replaced.
EDIT_EVERY = 3
EDIT_MIN_WORDS = 12


@contextmanager
def _words_edited() -> Iterator[None]:
    """The page was edited when fetched again: a word changed in every third paragraph
    (not one of the issue's pipeline changes; it exercises the fuzzy match)."""
    from reader.extract import pipeline

    original = pipeline.sanitize.sanitize

    def edited(story: HtmlElement, base: str | None) -> None:
        original(story, base)
        for number, paragraph in enumerate(story.iter("p")):
            words = (paragraph.text or "").split(" ")
            if number % EDIT_EVERY == 0 and len(words) >= EDIT_MIN_WORDS:
                words[len(words) // 2] = "edited"
                paragraph.text = " ".join(words)

    with mock.patch.object(pipeline.sanitize, "sanitize", edited):
        yield


VARIANTS: dict[str, Callable[[], AbstractContextManager[object]]] = {
    "whitespace": _whitespace_collapsed,
    "junk-rule-off": _junk_rule_off,
    "leftovers-off": _leftovers_off,
    "typography": _typography_straightened,
}
# Variants beyond the target (reported by the benchmark, not held by the test).
STRESS_VARIANTS: dict[str, Callable[[], AbstractContextManager[object]]] = {
    "words-edited": _words_edited,
}


@dataclass
class Tally:
    """Outcomes over many highlights. ``present``: its letters are still in the new text
    (a highlight whose words the new pipeline dropped can only be detached)."""

    total: int = 0
    present: int = 0
    same: int = 0
    elsewhere: int = 0
    detached: int = 0
    detached_present: int = 0
    how: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("total", "present", "same", "elsewhere", "detached", "detached_present"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key, count in other.how.items():
            self.how[key] = self.how.get(key, 0) + count
        self.misses += other.misses

    @property
    def share_of_present(self) -> float:
        return self.same / self.present if self.present else 1.0

    @property
    def share_of_all(self) -> float:
        return self.same / self.total if self.total else 1.0


def pages(corpus: Path) -> list[Path]:
    return sorted(path for path in corpus.iterdir() if (path / "source.html").is_file())


def read(page: Path) -> Article | None:
    try:
        return extract(load(str(page / "source.html")))
    except ReaderError:
        return None


def pick_sentences(article: Article, name: str) -> tuple[str, list[Anchor]]:
    """The article's anchoring text and SENTENCES_PER_PAGE random sentences of it."""
    text = anchor_text(article)
    layout = document_text(article_html(article.title, article.content_html))
    assert layout.text == text
    spans = [
        (block.start + start, block.start + end)
        for block in layout.blocks
        if block.kind in SENTENCE_KINDS
        for start, end in sentence_spans(block.text)
        if len(block.text[start:end].split()) >= MIN_SENTENCE_WORDS
    ]
    chosen = random.Random(f"{SEED}:{name}").sample(spans, min(SENTENCES_PER_PAGE, len(spans)))
    anchors = [describe(text, start, end) for start, end in sorted(chosen)]
    return text, [anchor for anchor in anchors if anchor is not None]


def score(name: str, old_text: str, new_text: str, anchors: list[Anchor]) -> Tally:
    tally = Tally()
    new_letters = skeleton_text(new_text)
    for anchor, result in zip(anchors, reattach(old_text, new_text, anchors), strict=True):
        tally.total += 1
        quote = skeleton_text(anchor.exact)
        present = quote in new_letters
        tally.present += present
        if result is None:
            tally.detached += 1
            tally.detached_present += present
            if present:
                tally.misses.append(f"{name}: detached, still there: {anchor.exact[:70]!r}")
            continue
        how = result.attached.how
        tally.how[how] = tally.how.get(how, 0) + 1
        start, end = result.attached.start, result.attached.end
        found = skeleton_text(new_text[start:end])
        same_words = found == quote and _same_occurrence(old_text, new_text, anchor, start, end)
        if same_words or (
            how == "fuzzy" and _edited_in_place(old_text, new_text, anchor, start, end)
        ):
            tally.same += 1
        else:
            tally.elsewhere += 1
            tally.misses.append(f"{name}: {how} to other text: {anchor.exact[:70]!r}")
    return tally


def _edited_in_place(old_text: str, new_text: str, anchor: Anchor, start: int, end: int) -> bool:
    """A fuzzy match is the same text edited when the words around it are the same."""
    return _around(old_text, anchor.start, anchor.end) == _around(new_text, start, end)


def _same_occurrence(
    old_text: str, new_text: str, anchor: Anchor, new_start: int, new_end: int
) -> bool:
    """For a quote the texts hold several times: the same words around it (the rules may
    have moved blocks about), or else the same rank among its occurrences."""
    quote = skeleton_text(anchor.exact)
    old_places = _letter_places(old_text, quote)
    new_places = _letter_places(new_text, quote)
    if len(new_places) < 2:
        return True
    around_old = _around(old_text, anchor.start, anchor.end)
    if around_old == _around(new_text, new_start, new_end):
        return True
    if len(old_places) != len(new_places):
        return True  # the text changed too much around it to tell
    old_rank = sum(1 for start in old_places if start < anchor.start)
    new_rank = sum(1 for start in new_places if start < new_start)
    return old_rank == new_rank


def _around(text: str, start: int, end: int, letters: int = 24) -> tuple[str, str]:
    """The letters just before and just after a span."""
    before = skeleton_text(text[max(0, start - 4 * letters) : start])[-letters:]
    after = skeleton_text(text[end : end + 4 * letters])[:letters]
    return before, after


def _letter_places(text: str, quote: str) -> list[int]:
    """Original start positions of the quote's letters in ``text``."""
    from reader.highlights.folding import skeleton

    folded = skeleton(text)
    places = []
    at = folded.text.find(quote)
    while at >= 0:
        places.append(folded.to_original(at))
        at = folded.text.find(quote, at + 1)
    return places


def run_variant(corpus: Path, variant: str, originals: dict[str, Article]) -> Tally:
    """Re-extract every page with ``variant`` and score its highlights."""
    tally = Tally()
    with {**VARIANTS, **STRESS_VARIANTS}[variant]():
        for page in pages(corpus):
            old = originals.get(page.name)
            if old is None:
                continue
            new = read(page)
            old_text, anchors = pick_sentences(old, page.name)
            new_text = anchor_text(new) if new is not None else ""
            tally.add(score(f"{page.name}/{variant}", old_text, new_text, anchors))
    return tally


def originals(corpus: Path) -> dict[str, Article]:
    found = {}
    for page in pages(corpus):
        article = read(page)
        if article is not None:
            found[page.name] = article
    return found
