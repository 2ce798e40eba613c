"""What extraction removed, and which stage and rule removed it (only when asked).

`reader extract --explain` and the window's "Show what was removed" pass one Recorder
along the pipeline's stages; a plain extraction passes None and every hook is one
``is None`` test (tests/benchmarks/explain.py: speed unchanged within noise).

How it follows elements across the pipeline's several trees: every element of each
freshly parsed tree is numbered in document order (a ``data-reader-block`` attribute).
The pipeline parses the same markup the same way each time, so an element has the same
number in the first tree, in readability's retry tree and in the guard's fresh trees;
deep copies keep it. A stage that removes things runs inside ``watching``: the numbers
present before and missing after are that stage's and rule's removals (the first removal
of a number wins). Stage 6 keeps the attribute so the kept numbers are read after it,
then the recorder takes it off again: the article comes out exactly as without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MARK = "data-reader-block"


@dataclass(frozen=True)
class Removal:
    stage: str  # "1 normalize", "site rules", "4 story", "5 clean", "5 leftovers", "6 sanitize"
    rule: str  # the rule as a person reads it


class Recorder:
    """Removals by element number, and the numbers the finished story kept."""

    def __init__(self) -> None:
        self.removals: dict[int, Removal] = {}
        self.kept: frozenset[int] = frozenset()
        self.chooser = "readability"  # who chose the story (stage 4): see choose()
        # copies of the first numbered tree (before any removal) and of the finished story
        # (numbers still on)
        self.pristine: HtmlElement | None = None
        self.story: HtmlElement | None = None

    def number(self, tree: HtmlElement) -> None:
        from copy import deepcopy

        for index, elem in enumerate(tree.iter()):
            if isinstance(elem.tag, str):
                elem.set(MARK, str(index))
        if self.pristine is None:
            self.pristine = deepcopy(tree)

    @contextmanager
    def watch(self, tree: HtmlElement, stage: str, rule: str) -> Iterator[None]:
        before = _numbers(tree)
        yield
        for number in before - _numbers(tree):
            self.removals.setdefault(number, Removal(stage, rule))

    def note(self, elem: HtmlElement, stage: str, rule: str) -> None:
        """``elem`` (and all it holds) is about to be removed by ``rule``."""
        for number in _numbers(elem):
            self.removals.setdefault(number, Removal(stage, rule))

    def choose(self, chooser: str) -> None:
        self.chooser = chooser

    def finish(self, story: HtmlElement) -> None:
        """The story after stage 6: remember what it kept, then take the numbers off."""
        from copy import deepcopy

        self.kept = frozenset(_numbers(story))
        self.story = deepcopy(story)
        for elem in story.iter():
            if isinstance(elem.tag, str):
                elem.attrib.pop(MARK, None)


def watching(
    recorder: Recorder | None, tree: HtmlElement, stage: str, rule: str
) -> AbstractContextManager[None]:
    """``recorder.watch(...)``, or nothing at all when no one asked."""
    if recorder is None:
        return nullcontext()
    return recorder.watch(tree, stage, rule)


def number_of(elem: HtmlElement) -> int | None:
    value = elem.get(MARK)
    return int(value) if value is not None else None


def _numbers(tree: HtmlElement) -> set[int]:
    found = set()
    for elem in tree.iter():
        if isinstance(elem.tag, str):
            value = elem.get(MARK)
            if value is not None:
                found.add(int(value))
    return found
