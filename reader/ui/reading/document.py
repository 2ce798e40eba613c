"""An article's HTML parsed into the QTextDocument the reading view shows.

Parsing is the costly half of showing a long article, so it runs on a worker thread
(QTextDocument is reentrant) and in chunks that release the GIL between them; the view
(reading_view) only lays the finished document out.
"""

import time

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)

from reader.ui.reading import themes
from reader.ui.reading.themes import ViewStyle

# Below this much HTML a document is parsed in one call (~30 ms at worst): the chunked build
# only pays off, and only needs its care, for long articles.
ONE_SHOT_CHARS = 100_000
# The pause between two chunks of a long article. sleep(0) releases the GIL, and a GUI
# thread that has been waiting for it (over the 5 ms switch interval) takes it there.
CHUNK_PAUSE_S = 0.0
STYLE_PROPERTY = "readerStyle"  # ViewStyle.key() of the style a document was parsed with


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


def build_document(html: str, images: dict[str, QImage], style: ViewStyle) -> QTextDocument:
    """Parse article HTML into a QTextDocument on a worker thread (QTextDocument is
    reentrant), then hand it to the GUI thread. Parsing is the costly half of showing a
    long article (~150 ms for a link-heavy 18k-word page here); layout stays in the view.

    PySide6 keeps the GIL through setHtml, so the window's timers and paints (Python code)
    would wait for the whole parse: ~250 ms for 1 MB of link-dense HTML. A long article is
    therefore parsed in chunks of ~10 ms (chunks.split_html), releasing the GIL between
    them; the result is the same document, block for block (tests/gui/test_chunked_document).
    """
    from reader.ui.reading import chunks as pieces

    chunks = pieces.split_html(html, pieces.CHUNK_CHARS) if len(html) > ONE_SHOT_CHARS else []
    document = QTextDocument()
    style_document(document, style)
    for name, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)
    if len(chunks) < 2:
        document.setHtml(html)
    else:
        document.setHtml(chunks[0].html)
        for chunk in chunks[1:]:
            time.sleep(CHUNK_PAUSE_S)  # lets the GUI thread take the GIL
            _append_chunk(document, chunk.html, chunk.continues_list, style, images)
    application = QCoreApplication.instance()
    if application is not None and document.thread() is not application.thread():
        document.moveToThread(application.thread())
    return document


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
    part = QTextDocument()
    style_document(part, style)
    for name, image in images.items():
        part.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)
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
