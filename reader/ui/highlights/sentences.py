"""Selecting by sentence in the reading view: the keyboard's way to mark a passage.

Sentences are cut by reader.listen.sentences (the voice's own rules) within each block
of the view's document; positions are the document's.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QTextEdit

from reader.listen.sentences import sentence_spans

Span = tuple[int, int]


def block_sentences(block: QTextBlock) -> list[Span]:
    """The sentences of one block as document spans (a line break counts as a sentence
    end); an image alone, or a rule, is no sentence."""
    text = block.text().replace("\u2028", "\n")
    start = block.position()
    return [
        (start + begin, start + end)
        for begin, end in sentence_spans(text)
        if any(character.isalnum() for character in text[begin:end])
    ]


def sentence_from(document: QTextDocument, position: int, *, whole: bool = False) -> Span | None:
    """The sentence holding ``position``, or else the first one after it; ``whole``: the
    first one that starts there or later (a sentence begun above the screen is skipped)."""
    block = document.findBlock(max(0, position))
    while block.isValid():
        for span in block_sentences(block):
            if (span[0] if whole else span[1]) >= position + (0 if whole else 1):
                return span
        block = block.next()
    return None


def sentence_before(document: QTextDocument, position: int) -> Span | None:
    """The last sentence that starts before ``position``."""
    block = document.findBlock(max(0, position))
    while block.isValid():
        spans = [span for span in block_sentences(block) if span[0] < position]
        if spans:
            return spans[-1]
        block = block.previous()
    return None


def top_position(view: QTextEdit) -> int:
    """The document position at the top of the viewport's text column (where reading is).

    A long article just shown is laid out by Qt in later steps; until its first step, Qt
    answers every point with the document's end (`v` then selected nothing). That answer
    is recognised by the last block having no lines yet, and the layout is then finished
    first (once, ~15 ms for 120k characters; tests/gui/test_highlights_window.py)."""
    viewport = view.viewport()
    point = QPointF(
        viewport.width() / 2 + view.horizontalScrollBar().value(),
        2 + view.verticalScrollBar().value(),
    )
    document = view.document()
    layout = document.documentLayout()
    position = layout.hitTest(point, Qt.HitTestAccuracy.FuzzyHit)
    if position >= document.characterCount() - 1 and document.lastBlock().layout().lineCount() == 0:
        layout.documentSize()  # lays all of it out
        position = layout.hitTest(point, Qt.HitTestAccuracy.FuzzyHit)
    return max(0, position)
