"""Paints a story as a card: title, two lines of summary, and a quiet line of facts.

The facts line says where the story comes from (its provider, or the host of its URL),
"Sponsored" in a small outlined badge for ads, "recommended N times" when several saved
articles agree (or always, in "For you"), and "saved" / "read". Read cards are drawn
faded, so the unread ones stand out without any extra marks. Colours come from the
palette, so the themes apply.
"""

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.sidebar.story_model import ListRow, StoryItem, StoryRole, host, recommended_by

CARD_MARGIN = 8  # space around a card inside the list
CARD_PADDING = 12  # space inside a card around its text
CARD_RADIUS = 7
SUMMARY_LINES = 2
TITLE_LINES = 3
TITLE_GAP = 5  # between the title and the summary
META_GAP = 8  # above the facts line
BADGE_PAD = 5  # left/right padding inside the "Sponsored" badge
READ_OPACITY = 0.55  # a read card fades back; still legible, clearly behind the rest
MIN_WIDTH = 160
SEPARATOR = " · "
HEADING_HEIGHT = 30  # a list's heading row
MORE_HEIGHT = 38  # a "Show N more" row
CACHE_SIZE = 2000  # measured cards kept; a few lists' worth at a couple of widths

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CardText:
    """The wrapped text of one card at one width, and the height it needs."""

    title: list[str]
    summary: list[str]
    meta: str
    badge: str
    height: float
    reason: str = ""  # For you: why it is offered, on a line of its own


def meta_text(item: StoryItem, always_count: bool) -> str:
    """The facts line after the badge: source, why it is offered (For you) or how many
    saved articles recommend it (when more than this one), state."""
    parts = [item.story.source or host(item.story.url)]
    count = item.times_recommended
    if count > 1 and not (always_count and item.reason):
        parts.append(recommended_by(count))
    if item.article_id is not None:
        parts.append("saved")
    if item.read:
        parts.append("read")
    return SEPARATOR.join(p for p in parts if p)


class StoryCardDelegate(QStyledItemDelegate):
    """Paints StoryItems as cards. ``always_count``: For you's cards, each with its reason."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self.always_count = False
        self._cache: dict[tuple[object, ...], CardText] = {}

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * 1.08)
        title.setWeight(QFont.Weight.DemiBold)
        summary = QFont(base)
        meta = QFont(base)
        meta.setPointSizeF(base.pointSizeF() * 0.85)
        return title, summary, meta

    def card_text(self, option: QStyleOptionViewItem, item: StoryItem, width: float) -> CardText:
        """Wrapped text and height, cached: layout asks for every row, paint asks again."""
        key = (item, self.always_count, round(width), option.font.key())
        try:
            cached = self._cache.get(key)
        except TypeError:  # an unhashable key object: measure every time
            return self._measure(option, item, width)
        if cached is None:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            cached = self._cache[key] = self._measure(option, item, width)
        return cached

    def _measure(self, option: QStyleOptionViewItem, item: StoryItem, width: float) -> CardText:
        title_font, summary_font, meta_font = self._fonts(option)
        title_metrics = QFontMetricsF(title_font)
        summary_metrics = QFontMetricsF(summary_font)
        text_width = width - 2 * (CARD_MARGIN + CARD_PADDING)
        title = wrap(item.story.title or "Untitled", title_metrics, text_width, TITLE_LINES)
        summary = wrap(item.story.summary, summary_metrics, text_width, SUMMARY_LINES)
        meta = meta_text(item, self.always_count)
        badge = "Sponsored" if item.story.sponsored else ""
        reason = item.reason if self.always_count else ""
        height: float = CARD_MARGIN + 2 * CARD_PADDING
        height += len(title) * title_metrics.lineSpacing()
        if summary:
            height += TITLE_GAP + len(summary) * summary_metrics.lineSpacing()
        if meta or badge:
            height += META_GAP + QFontMetricsF(meta_font).lineSpacing() + 2
        if reason:
            height += META_GAP + QFontMetricsF(meta_font).lineSpacing()
        return CardText(title, summary, meta, badge, height, reason)

    def _width(self) -> int:
        """The card width, the same whether or not the scroll bar is showing: wrapping
        never changes when it appears, so measured heights stay right."""
        view = self._view
        extent = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return max(MIN_WIDTH, view.width() - 2 * view.frameWidth() - extent)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        item = index.data(StoryRole)
        width = self._width()
        if isinstance(item, ListRow):
            return QSize(width, MORE_HEIGHT if item.hidden else HEADING_HEIGHT)
        if not isinstance(item, StoryItem):
            return QSize(width, 40)
        return QSize(width, int(self.card_text(option, item, width).height + 0.5))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = index.data(StoryRole)
        if isinstance(item, ListRow):
            self._paint_list_row(painter, option, item)
            return
        if not isinstance(item, StoryItem):
            return
        rect = QRectF(option.rect)
        rect.setWidth(min(rect.width(), self._width()))
        palette = option.palette
        state = option.state
        text = self.card_text(option, item, rect.width())
        title_font, summary_font, meta_font = self._fonts(option)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = rect.adjusted(CARD_MARGIN, CARD_MARGIN / 2, -CARD_MARGIN, -CARD_MARGIN / 2)
        path = QPainterPath()
        path.addRoundedRect(card, CARD_RADIUS, CARD_RADIUS)
        # The current card is filled only while the list has the keyboard; otherwise it
        # would look like a choice the reader made.
        selected = bool(state & QStyle.StateFlag.State_Selected) and self._view.hasFocus()
        background = palette.color(palette.ColorRole.AlternateBase)
        border = palette.color(palette.ColorRole.Mid)
        if selected:
            background = palette.color(palette.ColorRole.Highlight)
            border = palette.color(palette.ColorRole.Link)
        elif state & QStyle.StateFlag.State_MouseOver:
            border = palette.color(palette.ColorRole.Link)
        if item.read and not selected:
            painter.setOpacity(READ_OPACITY)
        painter.fillPath(path, background)
        painter.setPen(QPen(border, 1.6 if selected else 1.0))
        painter.drawPath(path)

        ink = palette.color(palette.ColorRole.Text)
        muted = palette.color(palette.ColorRole.PlaceholderText)
        x = card.left() + CARD_PADDING
        y = card.top() + CARD_PADDING
        y = draw_lines(painter, text.title, title_font, ink, x, y)
        if text.summary:
            y += TITLE_GAP
            y = draw_lines(painter, text.summary, summary_font, ink, x, y, alpha=0.8)
        if text.meta or text.badge:
            y += META_GAP
            if text.badge:
                x = self._badge(
                    painter, text.badge, meta_font, palette.color(palette.ColorRole.Link), x, y
                )
            meta = elide(text.meta, QFontMetricsF(meta_font), card.right() - CARD_PADDING - x)
            y = draw_lines(painter, [meta], meta_font, muted, x, y + 1)
        if text.reason:
            y += META_GAP
            x = card.left() + CARD_PADDING
            reason_font = QFont(meta_font)
            reason_font.setItalic(True)
            width = card.right() - CARD_PADDING - x
            reason = elide(text.reason, QFontMetricsF(reason_font), width)
            draw_lines(painter, [reason], reason_font, palette.color(palette.ColorRole.Link), x, y)
        painter.restore()

    def _paint_list_row(
        self, painter: QPainter, option: QStyleOptionViewItem, row: ListRow
    ) -> None:
        """A list's heading: small bold capitals. A "Show N more" row: a link-coloured
        outline that fills like a card when it has the selection."""
        rect = QRectF(option.rect)
        rect.setWidth(min(rect.width(), self._width()))
        palette = option.palette
        font = QFont(option.font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not row.hidden:
            font.setBold(True)
            font.setCapitalization(QFont.Capitalization.AllUppercase)
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.82))
            painter.setFont(font)
            painter.setPen(palette.color(palette.ColorRole.PlaceholderText))
            text_rect = rect.adjusted(CARD_MARGIN + 4, 8, -CARD_MARGIN, 0)
            label = elide(row.text, QFontMetricsF(font), text_rect.width())
            painter.drawText(
                text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), label
            )
            painter.restore()
            return
        box = rect.adjusted(CARD_MARGIN, CARD_MARGIN / 2, -CARD_MARGIN, -CARD_MARGIN / 2)
        link = palette.color(palette.ColorRole.Link)
        selected = bool(option.state & QStyle.StateFlag.State_Selected) and self._view.hasFocus()
        path = QPainterPath()
        path.addRoundedRect(box, CARD_RADIUS, CARD_RADIUS)
        if selected:
            painter.fillPath(path, palette.color(palette.ColorRole.Highlight))
        painter.setPen(QPen(link, 1.6 if selected else 1.0))
        painter.drawPath(path)
        painter.setFont(font)
        painter.setPen(palette.color(palette.ColorRole.Text) if selected else link)
        label = elide(row.text + " ›", QFontMetricsF(font), box.width() - 2 * CARD_PADDING)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)
        painter.restore()

    @staticmethod
    def _badge(
        painter: QPainter, label: str, font: QFont, color: QColor, x: float, y: float
    ) -> float:
        """An outlined pill that says what it is in words (not only by colour)."""
        metrics = QFontMetricsF(font)
        box = QRectF(
            x, y, metrics.horizontalAdvance(label) + 2 * BADGE_PAD, metrics.lineSpacing() + 2
        )
        painter.setPen(QPen(color, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
        painter.setFont(font)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)
        return box.right() + 7


def wrap(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap to at most ``max_lines``, the last one elided with an ellipsis.

    Words are measured once each and summed (a line's kerning across spaces is ignored,
    a pixel at most; the final check below re-measures the line), so a card costs a few
    dozen measurements instead of one per growing prefix.
    """
    words = text.split()
    if not words:
        return []
    space = metrics.horizontalAdvance(" ")
    lines: list[str] = []
    start = 0
    used = 0.0
    for index, word in enumerate(words):
        advance = metrics.horizontalAdvance(word)
        extra = advance if index == start else space + advance
        if used + extra <= width or index == start:
            used += extra
            continue
        if len(lines) == max_lines - 1:
            break
        lines.append(_fit(" ".join(words[start:index]), used, metrics, width))
        start, used = index, advance
    else:
        lines.append(_fit(" ".join(words[start:]), used, metrics, width))
        return lines
    lines.append(elide(" ".join(words[start:]), metrics, width))
    return lines


def _fit(line: str, measured: float, metrics: QFontMetricsF, width: float) -> str:
    """A wrapped line as is; one word longer than the card is elided."""
    return line if measured <= width else elide(line, metrics, width)


def elide(text: str, metrics: QFontMetricsF, width: float) -> str:
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(width, 0.0))


def draw_lines(
    painter: QPainter,
    lines: list[str],
    font: QFont,
    color: QColor,
    x: float,
    y: float,
    alpha: float = 1.0,
) -> float:
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    color = QColor(color)
    color.setAlphaF(alpha)
    painter.setPen(color)
    for line in lines:
        painter.drawText(
            QRectF(x, y, 10_000, metrics.lineSpacing()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            line,
        )
        y += metrics.lineSpacing()
    return y
