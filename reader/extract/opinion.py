"""A second opinion on where a page's story is: trafilatura, run on the same parsed tree.

readability-lxml (stage 4) scores paragraphs and keeps the best-scored container; on
pages nobody tuned it for it sometimes keeps the wrong box (a login prompt, one row of a
layout table, a list beside a long essay). trafilatura decides differently (tag and text
rules, block by block), so where the two disagree badly one of them is wrong, and the
guard (reader.extract.guard) takes the story the evidence supports. Agreement of several
extractors beats each of them (Bevendorff et al., SIGIR 2023).

trafilatura runs in its fast mode (no fallback to its own copy of readability and to
jusText: we have readability's answer already) without comments (a reader of the story
does not want them), on a fresh copy of the tree stage 1 parsed, and only on the pages
where the guard is in doubt (reader.extract.guard.in_doubt): it costs about as much as
readability itself. Any failure of it means no opinion: Reader goes by readability alone.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.extract.derive import WORD  # words counted as the article's word count counts them

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.etree import _Element
    from lxml.html import HtmlElement

log = logging.getLogger(__name__)

# trafilatura's output elements that hold one block of text each.
BLOCK_TAGS = frozenset(("p", "head", "item", "cell", "code", "quote", "list", "table", "row"))


def words_of(text: str) -> list[str]:
    return WORD.findall(text.lower())


@dataclass(frozen=True)
class Opinion:
    """The story trafilatura sees: its blocks of text, each as lower-case words."""

    blocks: tuple[tuple[str, ...], ...]
    words: Counter[str] = field(repr=False)

    @property
    def total(self) -> int:
        return self.words.total()


def second_opinion(root: HtmlElement) -> Opinion | None:
    """trafilatura's story of the page under ``root``, or None when it finds none or fails."""
    try:
        from trafilatura.core import bare_extraction
        from trafilatura.settings import Extractor

        document = bare_extraction(root, options=Extractor(fast=True, comments=False))
    except Exception as error:  # an opinion is optional: never worth failing the page
        log.info("no second opinion: %s", error)
        return None
    body = getattr(document, "body", None)
    if body is None:
        return None
    blocks = tuple(block for block in _blocks(body) if block)
    return Opinion(blocks, Counter(word for block in blocks for word in block))


def _blocks(body: _Element) -> Iterator[tuple[str, ...]]:
    """Words of each block of trafilatura's output, in order: a block's own text, without
    the blocks inside it (a cell holding a list, an item holding a sublist), and the text
    between blocks (a tail after a line break)."""
    for elem in body.iter():
        if elem is body or elem.tag in BLOCK_TAGS:
            yield tuple(words_of(" ".join(_own_text(elem))))


def _own_text(elem: _Element) -> Iterator[str]:
    yield elem.text or ""
    for child in elem:
        if child.tag not in BLOCK_TAGS:
            yield from _own_text(child)
        yield child.tail or ""
