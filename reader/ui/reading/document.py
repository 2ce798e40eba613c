"""An article's HTML parsed into the QTextDocument the reading view shows, on the GUI thread.

Documents are made, filled and freed on the GUI thread only. A document parsed in a worker
and handed over with moveToThread deadlocked the window: the worker held the GIL inside
moveToThread waiting for Qt's signal-slot lock, while the GUI thread, deleting old widgets,
held that lock and waited for the GIL. So the worker does the plain-data half (render,
decode images, cut a long article into chunks: prepare.py, chunks.py) and the GUI thread
parses; a long article one chunk (~10 ms) per event-loop turn, so the window keeps
painting and answering in between (tests/gui/test_chunked_document).
"""

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QThread, QTimer, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)

from reader.ui.reading import themes
from reader.ui.reading.chunks import Chunk
from reader.ui.reading.themes import ViewStyle

STYLE_PROPERTY = "readerStyle"  # ViewStyle.key() of the style a document was parsed with


class OffGuiThread(RuntimeError):
    """A QTextDocument was asked for outside the GUI thread (see the module docstring)."""


def body_font(style: ViewStyle) -> QFont:
    font = QFont()
    font.setFamilies(style.families())
    font.setPixelSize(style.font_px)
    return font


def style_document(document: QTextDocument, style: ViewStyle) -> None:
    """Give a document the view's style sheet and font, and remember which style it was."""
    document.setUndoRedoEnabled(False)  # read-only: no history to keep
    document.setDocumentMargin(0)
    document.setDefaultStyleSheet(themes.view_css(style))
    document.setDefaultFont(body_font(style))
    document.setProperty(STYLE_PROPERTY, style.key())


def build_document(
    html: str, images: dict[str, QImage], style: ViewStyle, chunks: Sequence[Chunk] = ()
) -> QTextDocument:
    """The whole document at once: a short article (``chunks`` empty: one setHtml, ~30 ms
    at worst), or all of a long one's chunks in one go (tests, benchmarks)."""
    document = _new_document(images, style)
    if len(chunks) < 2:
        document.setHtml(html)
    else:
        for number, chunk in enumerate(chunks):
            _add_chunk(document, number, chunk, style, images)
    return document


class ChunkedBuild:
    """Parses a long article's chunks one per event-loop turn, then hands the document to
    ``done`` (on the GUI thread, in the turn after the last chunk). ``cancel()`` drops it:
    ``done`` is never called."""

    def __init__(
        self,
        chunks: Sequence[Chunk],
        images: dict[str, QImage],
        style: ViewStyle,
        done: Callable[[QTextDocument], None],
    ) -> None:
        self._document: QTextDocument | None = _new_document(images, style)
        self._chunks = list(chunks)
        self._images, self._style = images, style
        self._done: Callable[[QTextDocument], None] | None = done
        self._next = 0
        self._timer = QTimer()
        self._timer.setInterval(0)  # the next turn: paints and input come first
        self._timer.timeout.connect(self._step)
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        self._done = None
        self._document = None  # unparented: freed here, on the GUI thread

    def _step(self) -> None:
        if self._document is None or self._done is None:
            return
        if self._next < len(self._chunks):
            chunk = self._chunks[self._next]
            _add_chunk(self._document, self._next, chunk, self._style, self._images)
            self._next += 1
            return
        # Handed over in a turn of its own: showing it is work enough for one turn.
        self._timer.stop()
        document, done = self._document, self._done
        self._document = self._done = None
        done(document)


def _new_document(images: dict[str, QImage], style: ViewStyle) -> QTextDocument:
    _require_gui_thread()
    document = QTextDocument()
    style_document(document, style)
    for name, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)
    return document


def _require_gui_thread() -> None:
    application = QCoreApplication.instance()
    if application is not None and QThread.currentThread() is not application.thread():
        raise OffGuiThread("QTextDocuments are made on the GUI thread only")


def _add_chunk(
    document: QTextDocument, number: int, chunk: Chunk, style: ViewStyle, images: dict[str, QImage]
) -> None:
    if number == 0:
        document.setHtml(chunk.html)
    else:
        _append_chunk(document, chunk.html, chunk.continues_list, style, images)


def _append_chunk(
    document: QTextDocument,
    html: str,
    continues_list: bool,
    style: ViewStyle,
    images: dict[str, QImage],
) -> None:
    """Parse one chunk on its own, then copy it to the end of ``document``.

    An inserted fragment's first block merges into the block at the cursor; a leading empty
    block (with the first real block's formats, so the split keeps them) takes that merge,
    and the chunk's blocks arrive with exactly the formats a one-shot parse gives them.
    """
    part = _new_document(images, style)
    part.setHtml(html)
    first = part.begin()
    source = QTextCursor(part)
    frames = part.rootFrame().childFrames()
    if not (first.length() == 1 and frames and frames[0].firstPosition() == 1):
        # (a chunk that opens with a table already starts with such an empty block)
        source.insertBlock(first.blockFormat(), first.charFormat())
    source.select(QTextCursor.SelectionType.Document)
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    before = cursor.block()
    start = cursor.position() + 1
    cursor.insertFragment(QTextDocumentFragment(source))
    if continues_list:
        _rejoin_list(document, before, start)


def _rejoin_list(document: QTextDocument, before: QTextBlock, start: int) -> None:
    """Move the items of the list that starts at ``start`` into the list it continues
    (the nearest earlier list at the same indent), so numbering and spacing run on."""
    added = document.findBlock(start).textList()
    if added is None:
        return
    block = before
    while block.isValid():
        found = block.textList()
        if found is not None and found.format().indent() == added.format().indent():
            if found is not added:
                for item in [added.item(i) for i in range(added.count())]:
                    found.add(item)
            return
        block = block.previous()
