"""The library list's title cell: the title, and the article's tags as small chips after it
(the tags are the reader's own words for an article; the list shows them where they act)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

TAGS_ROLE = Qt.ItemDataRole.UserRole + 20  # tuple[str, ...]
CHIP_GAP = 4
CHIP_PAD = 5
CHIP_RADIUS = 3
TITLE_MIN_PX = 80  # the title keeps at least this much before chips give way


class TitleDelegate(QStyledItemDelegate):
    """Draws the title elided, then one chip per tag while they fit."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        tags = tuple(index.data(TAGS_ROLE) or ())
        if not tags:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        small = QFontMetricsF(option.font)
        chips = [small.horizontalAdvance(f"#{tag}") + 2 * CHIP_PAD for tag in tags]
        room = option.rect.width() - TITLE_MIN_PX
        shown: list[tuple[str, float]] = []
        for tag, width in zip(tags, chips, strict=True):
            if sum(w for _, w in shown) + width + CHIP_GAP > room:
                break
            shown.append((tag, width))
        used = sum(width + CHIP_GAP for _, width in shown)
        title_option = QStyleOptionViewItem(option)
        title_option.rect = option.rect.adjusted(0, 0, -round(used), 0)
        style = option.widget.style() if option.widget else None
        if style is not None:  # the whole row's background and selection first
            background = QStyleOptionViewItem(option)
            background.text = ""
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget
            )
            title_option.state &= ~QStyle.StateFlag.State_HasFocus
            title_option.backgroundBrush = QBrush(Qt.BrushStyle.NoBrush)
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, title_option, painter, option.widget
            )
        self._chips(painter, option, shown)

    def _chips(
        self, painter: QPainter, option: QStyleOptionViewItem, shown: list[tuple[str, float]]
    ) -> None:
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        fill = QColor(palette.color(QPalette.ColorRole.Mid))
        fill.setAlpha(110)
        rect = option.rect
        height = QFontMetricsF(option.font).height() + 2
        top = rect.top() + (rect.height() - height) / 2
        left = rect.right() - sum(width + CHIP_GAP for _, width in shown) + CHIP_GAP
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(option.font)
        for tag, width in shown:
            box = QRectF(left, top, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(box, CHIP_RADIUS, CHIP_RADIUS)
            painter.setPen(text)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), f"#{tag}")
            left += width + CHIP_GAP
        painter.restore()
