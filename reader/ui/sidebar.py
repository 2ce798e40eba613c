"""The sidebar: the stories the current page recommended, as cards, in page order.

A model (stories, with sponsored ones filtered unless "show ads" is on), a delegate that
paints each row as a card (title, two lines of summary, source, a "Sponsored" mark), and
the widget that puts a header and the toggle above the list. Up/Down move, Enter opens.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.model import Story

CARD_MARGIN = 8  # space around a card inside the list
CARD_PADDING = 12  # space inside a card around its text
CARD_RADIUS = 7
SUMMARY_LINES = 2
TITLE_LINES = 3

StoryRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class StoryItem:
    """A story as the sidebar shows it; ``key`` identifies it to whoever opens it."""

    story: Story
    key: object = None
    read: bool = False


class StoryModel(QAbstractListModel):
    """Stories in page order; sponsored ones only when ads are shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[StoryItem] = []
        self._visible: list[StoryItem] = []
        self._show_ads = False

    def set_items(self, items: list[StoryItem]) -> None:
        self.beginResetModel()
        self._all = list(items)
        self._refilter()
        self.endResetModel()

    def set_show_ads(self, show: bool) -> None:
        self.beginResetModel()
        self._show_ads = show
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        self._visible = [i for i in self._all if self._show_ads or not i.story.sponsored]

    def sponsored_count(self) -> int:
        return sum(1 for item in self._all if item.story.sponsored)

    def items(self) -> list[StoryItem]:
        return list(self._visible)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        item = self._visible[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.story.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.story.url or item.story.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [item.story.title, item.story.summary, item.story.source]
            if item.story.sponsored:
                parts.insert(0, "Sponsored")
            return ". ".join(p for p in parts if p)
        if role == StoryRole:
            return item
        return None


class StoryCardDelegate(QStyledItemDelegate):
    """Paints a story as a card. Colours come from the palette, so themes apply."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * 1.08)
        title.setWeight(QFont.Weight.DemiBold)
        summary = QFont(base)
        source = QFont(base)
        source.setPointSizeF(base.pointSizeF() * 0.85)
        return title, summary, source

    def _layout(
        self, option: QStyleOptionViewItem, item: StoryItem, width: float
    ) -> tuple[list[str], list[str], str, float]:
        title_font, summary_font, source_font = self._fonts(option)
        text_width = width - 2 * (CARD_MARGIN + CARD_PADDING)
        title_lines = _wrap(item.story.title, QFontMetricsF(title_font), text_width, TITLE_LINES)
        summary_lines = _wrap(
            item.story.summary, QFontMetricsF(summary_font), text_width, SUMMARY_LINES
        )
        source = item.story.source or _host(item.story.url)
        if item.story.sponsored:
            source = f"Sponsored · {source}" if source else "Sponsored"
        height: float = CARD_MARGIN + 2 * CARD_PADDING
        height += len(title_lines) * QFontMetricsF(title_font).lineSpacing()
        if summary_lines:
            height += 6 + len(summary_lines) * QFontMetricsF(summary_font).lineSpacing()
        if source:
            height += 8 + QFontMetricsF(source_font).lineSpacing()
        return title_lines, summary_lines, source, height

    def _width(self) -> int:
        """The card width, the same whether or not the scroll bar is showing: wrapping
        never changes when it appears, so measured heights stay right."""
        view = self._view
        extent = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return max(160, view.width() - 2 * view.frameWidth() - extent)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        item = index.data(StoryRole)
        width = self._width()
        if not isinstance(item, StoryItem):
            return QSize(width, 40)
        *_, height = self._layout(option, item, width)
        return QSize(width, int(height + 0.5))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = index.data(StoryRole)
        if not isinstance(item, StoryItem):
            return
        rect = QRectF(option.rect)
        palette = option.palette
        state = option.state
        rect.setWidth(min(rect.width(), self._width()))
        title_lines, summary_lines, source, _ = self._layout(option, item, rect.width())
        title_font, summary_font, source_font = self._fonts(option)

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
        elif state & QStyle.StateFlag.State_MouseOver:
            border = palette.color(palette.ColorRole.Link)
        painter.fillPath(path, background)
        pen_color = palette.color(palette.ColorRole.Link) if selected else border
        has_focus = state & QStyle.StateFlag.State_HasFocus
        painter.setPen(QPen(pen_color, 1.6 if selected and has_focus else 1.0))
        painter.drawPath(path)

        text = palette.color(palette.ColorRole.Text)
        muted = palette.color(palette.ColorRole.PlaceholderText)
        if item.read:
            text = QColor(muted)
        x = card.left() + CARD_PADDING
        y = card.top() + CARD_PADDING
        y = _draw_lines(painter, title_lines, title_font, text, x, y)
        if summary_lines:
            y += 6
            y = _draw_lines(painter, summary_lines, summary_font, text, x, y, alpha=0.82)
        if source:
            y += 8
            color = palette.color(palette.ColorRole.Link) if item.story.sponsored else muted
            _draw_lines(painter, [source], source_font, color, x, y)
        painter.restore()


def _host(url: str | None) -> str:
    """Where a story lives, when the page did not name its source."""
    if not url:
        return ""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _wrap(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap to at most ``max_lines``, the last one elided with an ellipsis."""
    words = " ".join(text.split()).split(" ")
    lines: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if metrics.horizontalAdvance(candidate) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines - 1:
            rest = " ".join([current, *words[index + 1 :]])
            elided = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
            lines.append(elided)
            return lines
    if current:
        lines.append(metrics.elidedText(current, Qt.TextElideMode.ElideRight, width))
    return lines[:max_lines]


def _draw_lines(
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


class StoryList(QListView):
    """The card list: Enter (or a click) opens the current story."""

    story_activated = Signal(object)  # StoryItem

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if index.isValid():
                self.story_activated.emit(index.data(StoryRole))
                return
        super().keyPressEvent(event)


class Sidebar(QWidget):
    """Header, "show ads" toggle and the story cards of the article being read."""

    story_activated = Signal(object)  # StoryItem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAutoFillBackground(True)
        self.heading = QLabel("Recommended")
        self.heading.setObjectName("sidebarHeading")
        font = self.heading.font()
        font.setWeight(QFont.Weight.Bold)
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.heading.setFont(font)
        self.ads_toggle = QCheckBox("Show ads")
        self.ads_toggle.setToolTip("Show the sponsored stories this page carried")
        self.ads_toggle.setVisible(False)
        self.empty = QLabel("This page recommended no other stories.")
        self.empty.setWordWrap(True)
        self.empty.setObjectName("sidebarEmpty")
        self.model = StoryModel(self)
        self.list = StoryList()
        self.list.setAccessibleName("Recommended stories")
        self.list.setModel(self.model)
        self.list.setItemDelegate(StoryCardDelegate(self.list))
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setFrameShape(QListView.Shape.NoFrame)
        self.list.setUniformItemSizes(False)
        self.list.setMouseTracking(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSpacing(0)

        header = QHBoxLayout()
        header.setContentsMargins(16, 14, 12, 6)
        header.addWidget(self.heading)
        header.addStretch(1)
        header.addWidget(self.ads_toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        self.empty.setContentsMargins(16, 4, 16, 4)
        self.empty.setVisible(False)

        self.ads_toggle.toggled.connect(self.set_show_ads)
        self.list.story_activated.connect(self.story_activated)
        self.list.clicked.connect(lambda index: self.story_activated.emit(index.data(StoryRole)))

    def apply_palette(self, palette: QPalette) -> None:
        """The theme's palette, with the card list drawn on the sidebar colour."""
        self.setPalette(palette)
        inner = QPalette(palette)
        inner.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        self.list.setPalette(inner)
        self.list.viewport().update()

    def set_stories(self, items: list[StoryItem]) -> None:
        self.model.set_items(items)
        sponsored = self.model.sponsored_count()
        self.ads_toggle.setVisible(sponsored > 0)
        self.ads_toggle.setText(f"Show ads ({sponsored})")
        count = self.model.rowCount()
        self.heading.setText(f"Recommended · {count}" if count else "Recommended")
        self.empty.setVisible(not items)
        if count:
            self.list.setCurrentIndex(self.model.index(0))

    def set_show_ads(self, show: bool) -> None:
        if self.ads_toggle.isChecked() != show:
            self.ads_toggle.setChecked(show)  # re-enters through toggled
            return
        self.model.set_show_ads(show)
        count = self.model.rowCount()
        self.heading.setText(f"Recommended · {count}" if count else "Recommended")

    def items(self) -> list[StoryItem]:
        return self.model.items()
