"""A story the page gave no link for (text dumps): its title and summary, and a way on.

Such a story cannot be opened, but the reader may already have it, or something on the
same subject, in the library: "Search library" hands the title to the library search.
Esc or "Back" returns to the cards.
"""

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from reader.ui.plain_text import plain_label
from reader.ui.sidebar.story_card import CARD_MARGIN, CARD_PADDING, CARD_RADIUS
from reader.ui.sidebar.story_model import StoryItem, host, recommended_by

NO_LINK_NOTE = "The page gave no link for this story."


class _Card(QWidget):
    """A plain widget painted like the story cards, in the palette's card colours."""

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(
            QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), CARD_RADIUS, CARD_RADIUS
        )
        painter.fillPath(path, palette.color(QPalette.ColorRole.AlternateBase))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1.0))
        painter.drawPath(path)
        painter.end()


class StoryDetail(QWidget):
    """The short card shown in the sidebar for a story without a URL."""

    search_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storyDetail")
        self.item: StoryItem | None = None
        self.title = plain_label()
        self.title.setObjectName("storyDetailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.meta = plain_label()
        self.meta.setObjectName("storyDetailMeta")
        self.meta.setWordWrap(True)
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.summary = plain_label()
        self.summary.setObjectName("storyDetailSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = plain_label(NO_LINK_NOTE)
        self.note.setWordWrap(True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.search_button = QPushButton("Search library")
        self.search_button.setDefault(True)
        self.search_button.setAutoDefault(True)
        self.search_button.setToolTip("Look for this title in your saved articles")
        self.back_button = QPushButton("Back")
        self.back_button.setToolTip("Back to the stories (Esc)")
        self.back_button.setAutoDefault(True)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        self.card = _Card()
        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(CARD_PADDING, CARD_PADDING, CARD_PADDING, CARD_PADDING)
        inner.setSpacing(8)
        inner.addWidget(self.title)
        inner.addWidget(self.meta)
        inner.addWidget(self.summary)
        inner.addSpacing(2)
        inner.addWidget(self.note)
        inner.addSpacing(2)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        # Where the cards are: the list keeps room for its scroll bar on the right.
        right = CARD_MARGIN + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        layout.setContentsMargins(CARD_MARGIN, CARD_MARGIN // 2, right, CARD_MARGIN)
        layout.addWidget(self.card)
        layout.addStretch(1)

        self.search_button.clicked.connect(self.search)
        self.back_button.clicked.connect(self.back_requested)

    def show_item(self, item: StoryItem) -> None:
        self.item = item
        story = item.story
        self.title.setText(story.title or "Untitled")
        parts = [story.source or host(story.url)]
        if story.sponsored:
            parts.insert(0, "Sponsored")
        if item.times_recommended > 1:
            parts.append(recommended_by(item.times_recommended))
        meta = " · ".join(p for p in parts if p)
        self.meta.setText(meta)
        self.meta.setVisible(bool(meta))
        self.summary.setText(story.summary or "No summary.")
        self.setAccessibleName(f"Story: {story.title}")

    def search(self) -> None:
        if self.item is not None:
            self.search_requested.emit(self.item.story.title)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace):
            self.back_requested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # a focused button took its own
            self.search()
            return
        super().keyPressEvent(event)
