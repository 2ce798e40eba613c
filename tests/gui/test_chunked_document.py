"""Long articles are parsed chunk by chunk, one chunk per event-loop turn of the GUI thread,
so the window keeps breathing; the document they give must be the one a single setHtml
gives, block for block and format for format. Documents are never made off the GUI thread
(a document moved over from a worker deadlocked the window)."""

import itertools
import threading
import time
from pathlib import Path

import lxml.html
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QBrush,
    QColor,
    QImage,
    QPen,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextLength,
)

from reader.model import Article
from reader.ui.presenter import tasks
from reader.ui.reading import chunks as chunking
from reader.ui.reading import document as reading_document
from reader.ui.reading.chunks import chunks_for_view, split_html
from reader.ui.reading.document import ChunkedBuild, OffGuiThread, build_document, style_document
from reader.ui.reading.render import render_article
from reader.ui.reading.themes import ViewStyle

VOCABULARY = "harbour storm boat morning light council river winter people city market road"
WORDS = VOCABULARY.split()
IMAGE = "page_files/harbour.png"
HEARTBEAT_MS = 5


def sentence(n: int, words: int = 40) -> str:
    return " ".join(WORDS[(n + i) % len(WORDS)] for i in range(words))


def long_content(sections: int = 6) -> str:
    """Every kind of block the reading view shapes, several times over."""
    parts = [f"<h1>Chunked</h1><p>{sentence(0)}</p>"]
    for s in range(sections):
        parts.append(f"<h2>Section {s}</h2>")
        parts += [
            f'<p>{sentence(p)} <a href="https://example.org/{s}/{p}">link {p}</a> '
            f"<em>{sentence(p + 1, 6)}</em> {sentence(p + 2, 20)}</p>"
            for p in range(8)
        ]
        parts.append(
            f"<h3>Detail {s}</h3><ul><li>{sentence(1, 8)}</li><li>{sentence(2, 8)}</li></ul>"
        )
        parts.append(
            f'<figure><img src="{IMAGE}" alt="Boats"><figcaption>Caption {s}</figcaption></figure>'
        )
        parts.append(f"<blockquote><p>{sentence(s, 25)}</p></blockquote>")
        rows = "".join(f"<tr><td>{r}</td><td>{sentence(r, 5)}</td></tr>" for r in range(6))
        parts.append(f"<table><tr><th>N</th><th>Words</th></tr>{rows}</table>")
        parts.append(f"<pre><code>code line {s}\n  indented {s}</code></pre>")
        parts.append(f"<p>Loose text after block {s}.</p>")
    # a reference list far longer than a chunk, with a nested list inside one item
    items = "".join(
        f"<li>{sentence(i, 15)}"
        + (f"<ol><li>{sentence(i, 4)}</li><li>{sentence(i + 1, 4)}</li></ol>" if i == 7 else "")
        + "</li>"
        for i in range(60)
    )
    parts.append(f"<h2>Notes</h2><ol>{items}</ol><p>{sentence(3)}</p>")
    return "<div><div>" + "".join(parts) + "</div></div>"


def write_long_read(folder: Path) -> Path:
    """A saved page whose article ("A long read", ending "The very end.") is parsed in turns."""
    paragraphs = "".join(
        f'<p>{sentence(n)} <a href="https://example.org/{n}">link {n}</a> {sentence(n + 1)}</p>'
        for n in range(400)
    )
    page = folder / "long.html"
    page.write_text(
        f"<html><head><title>A long read</title></head><body><article><h1>A long read</h1>"
        f"{paragraphs}<p>The very end.</p></article></body></html>",
        encoding="utf-8",
    )
    return page


def rendered_html() -> tuple[str, dict[str, QImage]]:
    article = Article(
        source="test", title="Chunked", content_html=long_content(), text="", word_count=6000,
        site_name="Example", byline="A. Writer", published="2024-05-01",
    )  # fmt: skip
    image = QImage(640, 360, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    rendered = render_article(article, lambda src: (640, 360) if src == IMAGE else None)
    return rendered.html, {IMAGE: image}


def _value(value: object) -> object:
    if isinstance(value, QBrush):
        return ("brush", value.color().name(QColor.NameFormat.HexArgb), value.style().value)
    if isinstance(value, QPen):
        return ("pen", value.color().name(), value.widthF())
    if isinstance(value, QTextLength):
        return ("length", value.type().value, value.rawValue())
    if isinstance(value, QColor):
        return value.name(QColor.NameFormat.HexArgb)
    if isinstance(value, list | tuple):
        return tuple(_value(item) for item in value)
    return repr(value)


def _props(fmt: QTextFormat) -> tuple[object, ...]:
    """A format's properties, minus the internal object ids (they number lists and
    tables in creation order) and an explicit indent of 0, which is the default."""
    skip = {QTextFormat.Property.ObjectIndex.value}
    return tuple(
        sorted(
            (key, _value(value))
            for key, value in fmt.properties().items()
            if key not in skip
            and not (key == QTextFormat.Property.BlockIndent.value and value == 0)
        )
    )


def snapshot(document: QTextDocument) -> list[object]:
    """Every block's text, formats and list membership, every fragment's char format,
    and the frame (table) structure."""
    rows: list[object] = []
    lists: dict[int, int] = {}
    block = document.begin()
    while block.isValid():
        fragments = []
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fragments.append((fragment.text(), _props(fragment.charFormat())))
            iterator += 1
        text_list = block.textList()
        rows.append(
            (
                block.text(),
                _props(block.blockFormat()),
                _props(block.charFormat()),
                tuple(fragments),
                lists.setdefault(text_list.objectIndex(), len(lists)) if text_list else None,
                _props(text_list.format()) if text_list else None,
                text_list.itemNumber(block) if text_list else None,
            )
        )
        block = block.next()

    def frames(frame: QTextFrame, depth: int) -> None:
        rows.append(
            (depth, frame.firstPosition(), frame.lastPosition(), _props(frame.frameFormat()))
        )
        for child in frame.childFrames():
            frames(child, depth + 1)

    frames(document.rootFrame(), 0)
    return rows


def one_shot(html: str, images: dict[str, QImage], style: ViewStyle) -> QTextDocument:
    document = QTextDocument()
    style_document(document, style)
    for name, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource.value, name, image)
    document.setHtml(html)
    return document


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunk even this test page, in many small pieces, so every kind of join happens."""
    monkeypatch.setattr(chunking, "ONE_SHOT_CHARS", 0)
    monkeypatch.setattr(chunking, "CHUNK_CHARS", 2_000)


def test_split_keeps_blocks_whole_and_in_order() -> None:
    html, _ = rendered_html()
    chunks = split_html(html, 2_000)
    assert len(chunks) > 10
    assert any(chunk.continues_list for chunk in chunks)
    for chunk in chunks:
        assert chunk.html.startswith("<html><body>") and chunk.html.endswith("</body></html>")
        assert chunk.html.count("<table") == chunk.html.count("</table>")
        assert chunk.html.count("<p") >= chunk.html.count("</p>")
    assert split_html(html, len(html)) == [chunking.Chunk(html)]

    def letters(markup: str) -> str:  # (text_content runs adjacent blocks together)
        return "".join(lxml.html.fromstring(markup).text_content().split())

    assert "".join(letters(chunk.html) for chunk in chunks) == letters(html)


@pytest.mark.usefixtures("qapp", "small_chunks")
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_chunked_document_equals_one_shot(theme: str) -> None:
    html, images = rendered_html()
    style = ViewStyle(theme=theme)
    chunks = chunks_for_view(html)
    assert len(chunks) > 10
    chunked = build_document(html, images, style, chunks)
    expected = one_shot(html, images, style)
    assert chunked.toPlainText() == expected.toPlainText()
    assert chunked.blockCount() == expected.blockCount()
    assert snapshot(chunked) == snapshot(expected)


@pytest.mark.usefixtures("qapp")
def test_chunked_corpus_page_equals_one_shot(shared_dir: Path) -> None:
    from reader.service.reading import open_source
    from reader.ui.reading.prepare import prepare

    page = shared_dir / "corpus" / "mozilla" / "wikipedia-2" / "source.html"
    if not page.is_file():
        pytest.skip("corpus page not available")
    opened = prepare(open_source(str(page), None))
    assert len(opened.html) > chunking.ONE_SHOT_CHARS
    assert len(opened.chunks) > 3  # cut in the worker that prepared it
    style = ViewStyle()
    chunked = build_document(opened.html, opened.images, style, opened.chunks)
    assert snapshot(chunked) == snapshot(one_shot(opened.html, opened.images, style))


def test_window_keeps_ticking_while_a_long_article_is_parsed(qtbot: object) -> None:
    """The GUI thread's timer runs between chunks instead of waiting out one long parse."""
    html, images = rendered_html()
    body = html[html.index("<body>") + 6 : html.rindex("</body>")]
    big = "<html><body>" + body * 20 + "</body></html>"  # ~0.8 MB
    results: list[object] = []
    tasks.run_task(lambda: chunks_for_view(big), results.append, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=30_000)  # type: ignore[attr-defined]
    chunks = results.pop()
    assert isinstance(chunks, tuple) and len(chunks) > 15  # cut in a worker: plain data
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(HEARTBEAT_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    build = ChunkedBuild(chunks, images, ViewStyle(), results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=30_000)  # type: ignore[attr-defined]
    timer.stop()
    assert isinstance(results[0], QTextDocument)
    assert "Chunked" in results[0].toPlainText()
    # one long parse would let the timer fire only before and after it; chunks let it
    # fire all along (at least once for every few chunks, however slow the machine)
    assert len(ticks) >= len(chunks) // 3
    build.cancel()  # finished: nothing left to stop, and nothing more is handed over
    assert len(results) == 1


def test_a_cancelled_build_hands_nothing_over(qtbot: object) -> None:
    html, images = rendered_html()
    results: list[QTextDocument] = []
    build = ChunkedBuild(split_html(html, 2_000), images, ViewStyle(), results.append)
    build.cancel()
    qtbot.wait(50)  # type: ignore[attr-defined]
    assert results == []


def test_no_document_is_made_off_the_gui_thread(qtbot: object) -> None:
    """A QTextDocument made in a worker must be moved to the GUI thread, and that move can
    deadlock the window: a worker asking for one is refused at once."""
    html, images = rendered_html()
    errors: list[object] = []
    tasks.run_task(lambda: build_document(html, images, ViewStyle()), errors.append, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)  # type: ignore[attr-defined]
    assert isinstance(errors[0], OffGuiThread)


def test_the_window_makes_every_document_on_the_gui_thread(
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a long article, restyling it and opening a short one: every QTextDocument is
    made on the GUI thread (a document made in a worker must be moved over, and that move
    deadlocked the window: the worker held the GIL waiting for Qt's signal-slot lock, the
    GUI thread held that lock waiting for the GIL)."""
    from window_helpers import WAIT_MS, open_and_wait

    made: list[int] = []

    class Recorded(QTextDocument):
        def __init__(self) -> None:
            super().__init__()
            made.append(threading.get_ident())

    monkeypatch.setattr(reading_document, "QTextDocument", Recorded)
    long_page = write_long_read(tmp_path)
    short_page = tmp_path / "short.html"
    short_page.write_text(
        "<html><head><title>A short read</title></head><body><article><h1>A short read</h1>"
        + "".join(f"<p>{sentence(n)}</p>" for n in range(8))
        + "</article></body></html>",
        encoding="utf-8",
    )
    open_and_wait(qtbot, window, long_page)
    assert len(window.view.current_html()) > chunking.ONE_SHOT_CHARS  # parsed in turns
    assert "The very end." in window.view.toPlainText()
    shown = window.view.document()
    window.view_actions.set_theme("sepia")
    qtbot.waitUntil(lambda: window.view.document() is not shown, timeout=WAIT_MS)
    open_and_wait(qtbot, window, short_page)
    assert window.windowTitle() == "A short read"
    assert len(made) >= 3
    assert set(made) == {threading.get_ident()}


def test_a_long_article_is_shown_before_qt_has_laid_all_of_it_out(qtbot, window) -> None:
    """Showing a long article lays out what is on screen; Qt lays the rest out in steps on
    its own timer. (Asking the document's size, or setting its column margins once it is
    shown, made Qt lay out all of it in one go: ~450 ms for 1.4 MB, the window frozen.)"""
    html, images = rendered_html()
    body = html[html.index("<body>") + 6 : html.rindex("</body>")]
    big = "<html><body>" + body * 20 + "<p>The very end.</p></body></html>"
    view = window.view
    document = build_document(big, images, view.view_style, split_html(big))
    view.show_document(document, big, images)
    assert view.document() is document
    assert document.lastBlock().layout().lineCount() == 0  # not yet: the window paints first
    qtbot.waitUntil(lambda: document.lastBlock().layout().lineCount() > 0, timeout=30_000)
    assert "The very end." in view.toPlainText()
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_an_article_gets_its_column_and_layout_a_turn_before_it_shows(
    qtbot, window, tmp_path: Path
) -> None:
    """The page making way and the sidebar and title taking the article (the view's width
    settles) get a turn of their own, in which Qt also makes the document's layout object
    at that width (~10 ms for 1 MB; column margins set once it exists cost ~15 ms more);
    the next turn shows it. The window paints neither in between nor differently: shown,
    the article is laid out exactly as one shown at once."""
    from window_helpers import open_and_wait

    from reader.ui.reading.reading_view import MIN_SIDE_MARGIN

    page = write_long_read(tmp_path)
    view = window.view
    at_show: list[tuple[int, float, bool, str]] = []
    show_document = view.show_document

    def recorded(document: QTextDocument, html: str, images: dict[str, QImage]) -> None:
        layouts = len(document.findChildren(QAbstractTextDocumentLayout))
        margin = document.rootFrame().frameFormat().leftMargin()
        at_show.append((layouts, margin, window.updatesEnabled(), window.windowTitle()))
        show_document(document, html, images)

    view.show_document = recorded
    open_and_wait(qtbot, window, page)
    layouts, margin, painting, title = at_show[0]
    assert layouts == 1  # made in the turn before (setDocument would make it otherwise)
    assert margin >= MIN_SIDE_MARGIN
    assert not painting and title == "A long read"  # the sidebar and title took it, unseen
    assert window.updatesEnabled()
    shown = view.document()
    assert shown.rootFrame().frameFormat().leftMargin() == margin  # framed at its width
    height, blocks = shown.size().height(), snapshot(shown)
    html = view.current_html()
    plain = build_document(html, {}, view.view_style, chunks_for_view(html))
    show_document(plain, html, {})
    assert plain.rootFrame().frameFormat().leftMargin() == margin
    assert plain.size().height() == height
    assert snapshot(plain) == blocks


def test_a_long_article_is_laid_out_in_small_even_slices_after_it_shows(qtbot, window) -> None:
    """After it shows, the rest of a long article is laid out a small slice per turn, not
    in Qt's own steps, which double every 10 ms up to 200,000 characters (one step held
    the window ~60-90 ms on a 1 MB page): the text laid out so far, looked at every turn,
    never grows by a large share of the article at once, and in the end it is all there."""
    html, images = rendered_html()
    body = html[html.index("<body>") + 6 : html.rindex("</body>")]
    big = "<html><body>" + body * 40 + "<p>The very end.</p></body></html>"
    view = window.view
    document = build_document(big, images, view.view_style, split_html(big))

    def laid_out() -> int:
        """Characters up to the last block Qt has laid out (they are laid out in order)."""
        low, high = 0, document.blockCount() - 1
        while low < high:
            middle = (low + high + 1) // 2
            if document.findBlockByNumber(middle).layout().lineCount() > 0:
                low = middle
            else:
                high = middle - 1
        return document.findBlockByNumber(low).position()

    seen: list[int] = []
    every_turn = QTimer()
    every_turn.setInterval(0)
    every_turn.timeout.connect(lambda: seen.append(laid_out()))
    view.show_document(document, big, images)
    every_turn.start()
    qtbot.waitUntil(lambda: document.lastBlock().layout().lineCount() > 0, timeout=30_000)
    every_turn.stop()
    growth = [later - earlier for earlier, later in itertools.pairwise(seen)]
    assert max(growth) < 0.15 * document.characterCount()
    blocks = [document.findBlockByNumber(n) for n in range(document.blockCount())]
    assert all(block.layout().lineCount() > 0 for block in blocks if block.length() > 1)
    assert view.verticalScrollBar().maximum() > 0.9 * document.size().height() - view.height()
