"""The reading view: a QTextBrowser that shows one article in a centred column.

It never touches the network or the disk for resources: images come from the article's
stored assets (handed over already decoded, see jobs.py) and anything else becomes a quiet
placeholder. The column width follows the window: the root frame's side margins centre a
column of about MEASURE_CHARS characters of the body font.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QSize, QSizeF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QImage,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
    QTextOption,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.ui.reading import overlays, themes
from reader.ui.reading.chunks import ONE_SHOT_CHARS, Chunk
from reader.ui.reading.document import (
    STYLE_PROPERTY,
    ChunkedBuild,
    body_font,
    build_document,
    style_document,
)
from reader.ui.reading.frames import draw_frame, frame_size
from reader.ui.reading.layout_pacer import LayoutPacer
from reader.ui.reading.overflow import OVERFLOW_SLACK_PX, overflow_px
from reader.ui.reading.themes import ViewStyle
from reader.ui.scroll_areas import adopt_viewport

# Average characters of body text across the column by default (Preferences changes it).
# Word wrap leaves lines a little shorter: the 65–75 range comfortable for long reading.
MEASURE_CHARS = themes.DEFAULT_MEASURE_CHARS
# A column never gets closer to the window edge than this (pixels), even when narrow.
MIN_SIDE_MARGIN = 24
TOP_MARGIN = 44
BOTTOM_MARGIN = 96
# Text whose average advance stands for "a character" when measuring the column.
_SAMPLE = "The quick brown fox jumps over the lazy dog, then reads a long article."
_PLACEHOLDER_SIZE = QSize(1, 1)
# The reading position is the first line shown, as "block:offset" (block number and the
# character where that line starts): it survives a new font size or window width, which
# a pixel offset does not.
ANCHOR_PROBE_Y = 2  # px below the top edge: inside the first visible line
BREAK_LONG_WORDS = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere  # see may_break_words
# A longer article is laid out a slice per turn after it shows (layout_pacer.py); a shorter
# one at once, so positions on screen (the sentence at the top, a click) are right at once.
LAID_OUT_AT_ONCE_CHARS = 40_000
FREE_PREVIOUS_MS = 200  # the article shown before is freed this long after the next one


@dataclass(frozen=True)
class _ImageSpot:
    position: int
    name: str
    width: float
    height: float


class ReadingView(QTextBrowser):
    """Shows rendered article HTML with a theme, a font size and stored images."""

    #: an http(s) link the user clicked (the window decides what to do with it)
    external_link = Signal(QUrl)
    #: the view got (True) or lost (False) the keyboard: the progress bar above shows it
    focus_changed = Signal(bool)
    #: a new document is on screen (another article, or the same one in a new style): the
    #: marks over its text (reader.ui.reading.overlays) are gone and drawn again by owners
    document_shown = Signal()
    style_changed = Signal()  # after set_view_style changed the style (a page it cannot
    # restyle by itself, shown with no article HTML, is made again by its owner)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingView")
        self.setAccessibleName("Article")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        adopt_viewport(self)
        self._images: dict[str, QImage] = {}
        self._spots: list[_ImageSpot] = []
        self._style = ViewStyle()
        self._html = ""
        self._column = 0
        self._restyle_generation = 0
        self._words_may_break = False
        self._adopted: QTextDocument | None = None  # the last document handed in, ours to free
        self._building: ChunkedBuild | None = None  # a long article being parsed in turns
        self._pacer = LayoutPacer(self._width_changed)  # a long article laid out in turns
        self._blank: QTextDocument | None = None  # stands in while articles change (make_way)
        self.blocked_requests: list[str] = []  # what a page asked for and did not get
        style_document(self.document(), self._style)
        self.anchorClicked.connect(self._on_anchor)

    # -- what is shown -------------------------------------------------------------------
    def set_style(self, theme: str, font_px: int) -> None:
        """Theme and size only (the rest of the style stays)."""
        self.set_view_style(replace(self._style, theme=theme, font_px=font_px))

    def set_view_style(self, style: ViewStyle) -> None:
        """The style changes the stylesheet, which Qt applies when HTML is parsed."""
        if style == self._style and self.document().property(STYLE_PROPERTY) == style.key():
            return
        self._style = style
        colors = themes.load_theme(style.theme)
        palette = self.palette()
        palette.setColor(palette.ColorRole.Base, colors.color("background"))
        palette.setColor(palette.ColorRole.Text, colors.color("text"))
        palette.setColor(palette.ColorRole.Highlight, colors.color("selection"))
        palette.setColor(palette.ColorRole.HighlightedText, colors.color("text"))
        self.setPalette(palette)
        self.style_changed.emit()
        if not self._html:
            style_document(self.document(), style)
            self._column = 0
            self._layout_column()
            return
        if len(self._html) <= ONE_SHOT_CHARS:
            self._apply(self._html, keep_position=True)
            return
        # A long article: cut in a worker, parsed restyled in turns; reading goes on meanwhile.
        from reader.ui.presenter.tasks import run_task
        from reader.ui.reading.chunks import chunks_for_view

        self._restyle_generation += 1
        generation = self._restyle_generation
        html, images = self._html, dict(self._images)

        def adopt(document: QTextDocument) -> None:
            self.show_document_in_place(document, html, images)

        def cut(chunks: tuple[Chunk, ...]) -> None:
            if generation == self._restyle_generation and html == self._html:
                self.parse(html, chunks, images, adopt)  # (else another style or article won)

        run_task(
            lambda: chunks_for_view(html), cut, lambda error: self._apply(html, keep_position=True)
        )

    def parse(
        self,
        html: str,
        chunks: Sequence[Chunk],
        images: dict[str, QImage],
        adopt: Callable[[QTextDocument], None],
    ) -> None:
        """Parse an article in this view's style and hand the document to ``adopt``: at once
        when it is short (no ``chunks``), else one chunk per event-loop turn; then never if
        something else is shown meanwhile."""
        self._stop_building()
        if len(chunks) < 2:
            adopt(build_document(html, images, self._style))
            return

        def built(document: QTextDocument) -> None:
            self._building = None
            adopt(document)

        self._building = ChunkedBuild(chunks, images, self._style, built)

    def is_parsing(self) -> bool:
        """A long article is being parsed in turns (it shows when done)."""
        return self._building is not None

    def _stop_building(self) -> None:
        if self._building is not None:
            self._building.cancel()
            self._building = None

    def show_html(self, html: str, images: dict[str, QImage] | None = None) -> None:
        """Replace the document (images: decoded stored assets keyed by their src)."""
        self._stop_building()
        self._images = dict(images or {})
        self._html = html
        self._apply(html, keep_position=False)

    def make_way(self) -> None:
        """A blank page stands in until this turn's next article, so the sidebar making room
        lays out no text that is going away (~150 ms for 1 MB); the scroll bar stays."""
        self._pacer.stop()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        if self._blank is None:
            self._blank = QTextDocument(self)
        elif not self._blank.isEmpty():  # (an article restyled meanwhile was parsed into it)
            self._blank.clear()
        style_document(self._blank, self._style)
        self.setDocument(self._blank)

    def show_document(
        self, document: QTextDocument, html: str, images: dict[str, QImage] | None = None
    ) -> None:
        """Adopt a document parsed by ``parse``: only the layout is left to do here.
        Rebuilt on the spot if the style changed meanwhile."""
        self._stop_building()
        self._images = dict(images or {})
        self._html = html
        if document.property(STYLE_PROPERTY) != self._style.key():
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)  # (make_way)
            self._apply(html, keep_position=False)
            return
        previous = self._adopted
        document.setParent(self)  # image requests come to loadResource
        overlays.clear_all(self)
        self._wrap_for(html)
        # Column and image sizes are set while the document is not shown yet: on the shown
        # one they would make Qt lay all of it out at once (~450 ms for 1.4 MB here).
        self._spots = self._image_spots(document)
        self._column = 0
        self._frame_column(document)  # (nothing to do if ready_layout did it at this width)
        self.setDocument(document)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)  # (make_way)
        self._watch_width(document)
        if document.characterCount() <= LAID_OUT_AT_ONCE_CHARS:
            self._pacer.stop()
            self._width_changed()  # (asks for the whole layout: a few ms at this length)
        else:
            self._pacer.start(document)
        self._adopted = document
        if previous is not None and previous is not document and shiboken6.isValid(previous):
            # ours to free (QTextEdit frees only its first), after the new one's first paint:
            # a long article takes ~25 ms to delete, added to showing in the next turn
            QTimer.singleShot(FREE_PREVIOUS_MS, previous, previous.deleteLater)
        self.document_shown.emit()

    def ready_layout(self, document: QTextDocument) -> None:
        """The column's margins, then Qt's layout object (~10 ms for 1 MB), for a document
        about to be shown, in a turn before the one that shows it, once the view has the
        width it shows it at (after make_way and the sidebar's move): margins set once that
        object exists would cost ~15 ms more, and show_document leaves fitting ones alone."""
        self._frame_root(document, self.column_width(), self.viewport().width())
        document.documentLayout()

    def show_document_in_place(
        self, document: QTextDocument, html: str, images: dict[str, QImage] | None = None
    ) -> None:
        """The same article again (restyled, new pictures or marks): the reader stays on
        the line they were reading."""
        anchor = self.anchor()
        self.show_document(document, html, images)
        self.restore_anchor(anchor)

    def show_notice(self, message: str) -> None:
        """A calm one-line page, e.g. the visible "preparing…" state of a long article."""
        from reader.ui.reading.render import notice_html

        self._stop_building()
        self._images = {}
        self._html = ""
        self._apply(notice_html(message), keep_position=False)

    def current_html(self) -> str:
        return self._html

    @property
    def theme(self) -> str:
        return self._style.theme

    @property
    def font_px(self) -> int:
        return self._style.font_px

    @property
    def view_style(self) -> ViewStyle:
        return self._style

    def _apply(self, html: str, *, keep_position: bool) -> None:
        anchor = self.anchor() if keep_position else None
        self._pacer.stop()  # (its frontier is in the text being replaced)
        document = self.document()
        style_document(document, self._style)
        overlays.clear_all(self)
        self._spots = []  # positions in the old text: a resize meanwhile must not use them
        self._wrap_for(html)
        self.setHtml(html)
        self._spots = self._image_spots(document)
        self._watch_width(document)
        self._width_changed()
        self._column = 0
        self._layout_column()
        if anchor:
            self.restore_anchor(anchor)
        self.document_shown.emit()

    def _wrap_for(self, html: str) -> None:
        """Every article starts with whole words (QTextEdit gives each document the view's
        mode); see may_break_words for when a word may break after all."""
        self._words_may_break = may_break_words(html)
        if self.wordWrapMode() != QTextOption.WrapMode.WordWrap:
            self.setWordWrapMode(QTextOption.WrapMode.WordWrap)

    def _break_long_words(self, document: QTextDocument) -> None:
        """Lay the article out again letting words wider than the column break, in place."""
        if self.document() is not document or self.wordWrapMode() == BREAK_LONG_WORDS:
            return  # another article came meanwhile
        if self._overflow_px() <= OVERFLOW_SLACK_PX:  # the window grew meanwhile
            self._words_may_break = True
            self._width_changed()
            return
        anchor = self.anchor()
        self.setWordWrapMode(BREAK_LONG_WORDS)
        if anchor:
            self.restore_anchor(anchor)

    # -- reading position ----------------------------------------------------------------
    def anchor(self) -> str:
        """The first visible line as "block:offset" ("" when nothing is scrolled)."""
        if self.verticalScrollBar().value() <= 0:
            return ""
        cursor = self.cursorForPosition(QPoint(self.viewport().width() // 2, ANCHOR_PROBE_Y))
        block = cursor.block()
        if not block.isValid():
            return ""
        offset = cursor.position() - block.position()
        layout = block.layout()
        line = layout.lineForTextPosition(offset) if layout is not None else None
        if line is not None and line.isValid():
            offset = line.textStart()
        return f"{block.blockNumber()}:{offset}"

    def restore_anchor(self, anchor: str | None) -> bool:
        """Scroll so the anchored line is the first one shown; False if it is not there.
        An imported reading progress ("42.0%": another reader's share of the text) is
        the line that share of the way through."""
        if anchor and anchor.endswith("%"):
            anchor = self._share_anchor(anchor)
        parsed = parse_anchor(anchor)
        if parsed is None:
            return False
        number, offset = parsed
        document = self.document()
        block = document.findBlockByNumber(number)
        if not block.isValid():
            return False
        offset = max(0, min(offset, block.length() - 1))
        top = document.documentLayout().blockBoundingRect(block).top()
        layout = block.layout()
        line = layout.lineForTextPosition(offset) if layout is not None else None
        if line is not None and line.isValid():
            top += line.y()
        self.verticalScrollBar().setValue(round(top))
        return True

    def _share_anchor(self, share: str) -> str | None:
        try:
            fraction = min(max(float(share[:-1]) / 100, 0.0), 1.0)
        except ValueError:
            return None
        document = self.document()
        position = round(fraction * max(document.characterCount() - 1, 0))
        block = document.findBlock(position)
        return f"{block.blockNumber()}:{position - block.position()}" if block.isValid() else None

    # -- fonts and the column ------------------------------------------------------------
    def body_font(self) -> QFont:
        return body_font(self._style)

    def image_width(self) -> int:
        """Device pixels an image needs to be sharp at the widest this column gets with the
        current font and measure (a narrower window only scales it down): the width images
        are decoded at, never more than MAX_DECODE_WIDTH."""
        return image_width(self._style, self.devicePixelRatioF())

    def _measure_px(self) -> float:
        """The measure in pixels: characters of the body font across the column."""
        return measure_px(self._style)

    def column_width(self, viewport_width: int | None = None) -> int:
        """Pixel width of the measure (characters of the body font), capped by the window."""
        wanted = round(self._measure_px())
        width = self.viewport().width() if viewport_width is None else viewport_width
        return max(120, min(wanted, width - 2 * MIN_SIDE_MARGIN))

    def chars_across(self, pane_width: int) -> float:
        """Characters of the body font the column would hold in a pane this wide."""
        advance = QFontMetricsF(self.body_font()).horizontalAdvance(_SAMPLE) / len(_SAMPLE)
        viewport = pane_width - self.verticalScrollBar().sizeHint().width()
        return max(0, min(round(self._measure_px()), viewport - 2 * MIN_SIDE_MARGIN)) / advance

    # -- visible focus -------------------------------------------------------------------
    # A line of its own along an edge of the page read as a glitch (at the top, as "100%
    # read"); the reading progress bar lights up in the accent colour instead.
    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focus_changed.emit(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_changed.emit(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        new_width = event.oldSize().width() != event.size().width()
        anchor = self.anchor() if new_width else ""
        if new_width and self.wordWrapMode() == BREAK_LONG_WORDS:
            self._wrap_for(self._html)  # whole words again, unless the new width needs it
        super().resizeEvent(event)
        self._layout_column()
        if new_width and self._pacer.is_running():
            self._pacer.start(self.document())  # Qt starts over from the top at a new width
        if anchor:
            self.restore_anchor(anchor)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._column = 0
            self._layout_column()

    def _layout_column(self) -> None:
        self._frame_column(self.document())

    def _frame_column(self, document: QTextDocument) -> None:
        """Centre the column of ``document``: its root frame's side margins; images wider
        than the column are scaled to it."""
        column = self.column_width()
        self._frame_root(document, column, self.viewport().width())
        if column != self._column:
            self._column = column
            self._fit_images(document, column)

    def _frame_root(self, document: QTextDocument, column: int, viewport_width: int) -> None:
        """The root frame's margins for a column this wide (left alone when they fit)."""
        side = max(MIN_SIDE_MARGIN, (viewport_width - column) // 2)
        root = document.rootFrame()
        frame = root.frameFormat()
        now = (frame.leftMargin(), frame.rightMargin(), frame.topMargin(), frame.bottomMargin())
        if now == (side, side, TOP_MARGIN, BOTTOM_MARGIN):
            return
        frame.setLeftMargin(side)
        frame.setRightMargin(side)
        frame.setTopMargin(TOP_MARGIN)
        frame.setBottomMargin(BOTTOM_MARGIN)
        root.setFrameFormat(frame)

    # -- images --------------------------------------------------------------------------
    def _watch_width(self, document: QTextDocument) -> None:
        """A sideways scroll bar only for content really wider than the view (a table of
        many columns), not for the pixel or two a table's borders add. Judged each time
        Qt's layout finds the document's size (in steps for a long one)."""
        layout = document.documentLayout()
        if layout.property("readerWatched"):
            return
        layout.setProperty("readerWatched", True)
        layout.documentSizeChanged.connect(self._width_changed)

    def _width_changed(self, size: QSizeF | None = None) -> None:
        """``size``: the laid-out size so far (asking the document would lay it all out).
        Waits for the pacer: a table's width asks for all of the layout (~30 ms for 1 MB)."""
        if size is not None and self._pacer.is_running():
            return
        overflow = self._overflow_px(None if size is None else size.width())
        if overflow > OVERFLOW_SLACK_PX and self._words_may_break:
            self._words_may_break = False  # once per article, after this layout pass
            document = self.document()
            QTimer.singleShot(0, lambda: self._break_long_words(document))
            return
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if overflow > OVERFLOW_SLACK_PX
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        if self.horizontalScrollBarPolicy() != policy:
            self.setHorizontalScrollBarPolicy(policy)

    def _overflow_px(self, content_width: float | None = None) -> float:
        return overflow_px(self.document(), self.viewport().width(), content_width)

    def _image_spots(self, document: QTextDocument) -> list[_ImageSpot]:
        """Where the images are, found once, so a resize only touches those spots."""
        spots: list[_ImageSpot] = []
        if not self._images:
            return spots
        block = document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat():
                    image = fmt.toImageFormat()
                    name = image.name()
                    natural = self._images.get(name)
                    if natural is not None:
                        spot = _ImageSpot(
                            fragment.position(), name, natural.width(), natural.height()
                        )
                        spots.append(spot)
                iterator += 1
            block = block.next()
        return spots

    def _fit_images(self, document: QTextDocument, column: int) -> None:
        """Scale images wider than the column down to it (Qt has no max-width)."""
        if not self._spots:
            return
        cursor = QTextCursor(document)
        for spot in self._spots:
            scale = min(1.0, column / spot.width) if spot.width else 1.0
            fmt = QTextImageFormat()
            fmt.setName(spot.name)
            fmt.setWidth(spot.width * scale)
            fmt.setHeight(spot.height * scale)
            cursor.setPosition(spot.position)
            cursor.setPosition(spot.position + 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Stored images only. Never the network, never a local file a page points at."""
        name = QUrl(name) if isinstance(name, str) else name
        if kind == QTextDocument.ResourceType.ImageResource.value:
            key = name.toString()
            image = self._images.get(key)
            if image is not None:
                return image
            frame = frame_size(key)
            if frame is not None:  # a picture that was not saved: its quiet frame
                return draw_frame(*frame, self._style.theme, self.devicePixelRatioF())
            self.blocked_requests.append(key)
            placeholder = QImage(_PLACEHOLDER_SIZE, QImage.Format.Format_ARGB32)
            placeholder.fill(QColor(0, 0, 0, 0))
            return placeholder
        self.blocked_requests.append(name.toString())
        return None

    # -- links ---------------------------------------------------------------------------
    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            self.external_link.emit(url)
        elif not url.scheme() and url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())
        # every other scheme (file:, javascript:, mailto: ...) is ignored on purpose


def parse_anchor(anchor: str | None) -> tuple[int, int] | None:
    """ "12:40" -> (12, 40); anything else -> None."""
    if not anchor:
        return None
    block, _, offset = anchor.partition(":")
    try:
        return max(0, int(block)), max(0, int(offset or 0))
    except ValueError:
        return None


def image_width(style: ViewStyle, device_ratio: float) -> int:
    """Device pixels an image needs in a column of ``style``'s measure (see
    ReadingView.image_width); also for an article prepared before the view exists."""
    from reader.ui.reading.image_decode import MAX_DECODE_WIDTH

    wanted = measure_px(style) * device_ratio
    return max(120, min(MAX_DECODE_WIDTH, math.ceil(wanted)))


def measure_px(style: ViewStyle) -> float:
    """The measure in pixels: characters of the body font across the column."""
    advance = QFontMetricsF(body_font(style)).horizontalAdvance(_SAMPLE) / len(_SAMPLE)
    return advance * style.measure_chars


def may_break_words(html: str) -> bool:
    """Lines break between words, never inside one that fits ("Louisi-ana"). Only when the
    article is still wider than the view (a long address, a long token in code, a heading's
    "AMournfulHowlInTheNight" at 560 px) are such words broken, so no ordinary page scrolls
    sideways; a word a few pixels too wide stays whole in the margin ("Nigh-t" read worse).
    Not with a data table: Qt would then size its columns by single letters."""
    from reader.service.shaping import DATA_TABLE_MARK

    return DATA_TABLE_MARK not in html
