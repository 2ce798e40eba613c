"""A long article is laid out after it shows in short slices of the event loop (Qt's own
steps double until one lays out half the article in a single turn), and the layout it ends
with is exactly the one Qt gives at once, also when the view is resized meanwhile."""

import itertools

import pytest
from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser

from reader.ui.reading.paced_layout import LayoutPacer, qt_step_timer

WORDS = ("harbour", "storm", "boat", "morning", "light", "council", "river", "winter", "city")


def long_html(paragraphs: int = 900) -> str:
    """About 330,000 characters of prose, with a table and a list among them."""
    body = []
    for n in range(paragraphs):
        text = " ".join(WORDS[(n + i) % len(WORDS)] for i in range(60))
        body.append(f"<p>{n} {text}</p>")
        if n % 300 == 150:
            body.append("<table><tr><td>cell</td><td>another cell</td></tr></table>")
            body.append("<ul><li>one item</li><li>two items</li></ul>")
    return f"<html><body>{''.join(body)}</body></html>"


def shown(qtbot, html: str, paced: bool) -> tuple[QTextBrowser, LayoutPacer, list[float]]:
    """A view showing ``html``; ``heights``: each size Qt announced while laying it out."""
    view = QTextBrowser()
    qtbot.addWidget(view)
    # (a scroll bar appearing half way would narrow the text and start the layout over)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    view.resize(700, 500)
    view.show()
    pacer = LayoutPacer(view.document, view)
    document = QTextDocument()
    document.setHtml(html)
    heights: list[float] = []
    document.documentLayout().documentSizeChanged.connect(
        lambda size: heights.append(QSizeF(size).height())
    )
    if paced:
        pacer.watch(document)
    view.setDocument(document)
    return view, pacer, heights


def positions(document: QTextDocument) -> list[float]:
    layout = document.documentLayout()
    block, tops = document.begin(), []
    while block.isValid():
        tops.append(layout.blockBoundingRect(block).top())
        block = block.next()
    return tops


def settle(qtbot, view: QTextBrowser) -> None:
    """Until Qt's layout timer has stopped: the whole document is placed."""
    qtbot.waitUntil(lambda: qt_step_timer(view.document().documentLayout()) == -1)


@pytest.mark.parametrize("paced", [True, False])
def test_no_single_step_lays_out_a_large_part_only_when_paced(qtbot, paced):
    view, pacer, heights = shown(qtbot, long_html(), paced)
    settle(qtbot, view)
    total = view.document().documentLayout().documentSize().height()
    reached = [0.0, *heights, total]  # (the last announcement may not have come yet)
    growth = [b - a for a, b in itertools.pairwise(reached)]
    biggest = max(growth) / total
    if paced:
        assert pacer.slices > 4
        assert biggest < 0.25, f"one slice laid out {biggest:.0%} of the article"
    else:  # Qt's own doubling steps: the reason for the pacer
        assert pacer.slices == 0
        assert biggest > 0.25


def test_paced_layout_is_qt_layout_at_once_even_after_a_resize(qtbot):
    html = long_html()
    view, pacer, _ = shown(qtbot, html, paced=True)
    qtbot.waitUntil(lambda: pacer.slices >= 2)
    view.resize(560, 500)  # Qt starts over at the new width, half way through
    settle(qtbot, view)
    reference = QTextBrowser()
    qtbot.addWidget(reference)
    reference.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    reference.resize(560, 500)
    reference.show()
    at_once = QTextDocument()
    at_once.setHtml(html)
    reference.setDocument(at_once)
    at_once.documentLayout().documentSize()  # the whole layout, in one go
    assert pacer.slices > 2
    assert positions(view.document()) == positions(at_once)
    height = at_once.documentLayout().documentSize().height()
    assert view.document().documentLayout().documentSize().height() == height
    # the scroll bar hears the final size from Qt's size timer, which the pacer lets pass
    qtbot.waitUntil(
        lambda: view.verticalScrollBar().maximum() == round(height) - view.viewport().height()
    )


def test_a_document_no_longer_shown_is_left_to_qt(qtbot):
    view, pacer, _ = shown(qtbot, long_html(300), paced=True)
    replaced = view.document()
    view.setDocument(QTextDocument())
    replaced.setTextWidth(500)  # laid out again, in Qt's own steps
    qtbot.waitUntil(lambda: qt_step_timer(replaced.documentLayout()) == -1)
    assert not pacer.is_laying_out()


def test_a_long_article_too_wide_for_the_column_is_judged_once_laid_out(qtbot):
    """Whether the text is wider than the view is judged when the paced layout is done
    (reading where tables end before that would make Qt lay all of it out in one go); then
    words too long for the column break, as on a short page."""
    from reader.ui.reading.chunks import split_html
    from reader.ui.reading.document import build_document
    from reader.ui.reading.reading_view import BREAK_LONG_WORDS, ReadingView

    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(600, 500)
    view.show()
    cells = "".join(f"<td>{n * 1234567890123}</td>" for n in range(12))
    html = long_html().replace("<body>", f"<body><table><tr>{cells}</tr></table>")
    document = build_document(html, {}, view.view_style, split_html(html))
    wide: list[bool] = []  # for each size Qt announced part way: wider than the view
    document.documentLayout().documentSizeChanged.connect(
        lambda size: view.is_laying_out() and wide.append(size.width() > view.width())
    )
    view.show_document(document, html)
    qtbot.waitUntil(lambda: len(wide) >= 2)
    assert wide[-1]
    qtbot.wait(20)
    assert view.wordWrapMode() != BREAK_LONG_WORDS
    qtbot.waitUntil(lambda: view.wordWrapMode() == BREAK_LONG_WORDS, timeout=10_000)
    qtbot.waitUntil(lambda: not view.is_laying_out(), timeout=10_000)
    assert view.document().documentLayout().documentSize().width() <= view.viewport().width()
