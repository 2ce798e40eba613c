"""The sidebar's widgets: the mode switch, the caption, "Show ads", and the story cards.

They are made after the window's first story is on screen (Sidebar._made): their modules
and widgets (the mode switch, the card list and its painter) were ~25 ms of the GUI
thread's work before that story, measured. Only this module's light part loads with the
sidebar; ``make_parts`` imports the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from reader.ui.sidebar.story_model import StoryModel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCheckBox, QStackedWidget

    from reader.ui.sidebar.mode_switch import ModeSwitch
    from reader.ui.sidebar.story_card import StoryCardDelegate
    from reader.ui.sidebar.story_detail import StoryDetail
    from reader.ui.sidebar.story_list import StoryList

# What make_parts imports that the sidebar does not: a window warms them one per turn of
# its event loop before making the parts (in one turn with them, ~45 ms, measured).
PART_MODULES = (
    "reader.ui.sidebar.mode_switch",
    "reader.ui.sidebar.story_card",
    "reader.ui.sidebar.story_list",
    "reader.ui.sidebar.story_detail",
)
MODE_ARTICLE = "article"
MODE_FOR_YOU = "for_you"
MODE_LABELS = {MODE_ARTICLE: "This article", MODE_FOR_YOU: "For you"}


class ElidedLabel(QLabel):
    """One line that ends in "…" when narrow, never the reason the sidebar cannot shrink."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
        )
        painter.end()


class SidebarParts:
    """The sidebar's widgets, made together by ``make_parts``."""

    def __init__(
        self,
        switch: ModeSwitch,
        caption: ElidedLabel,
        ads_toggle: QCheckBox,
        empty: QLabel,
        model: StoryModel,
        story_list: StoryList,
        delegate: StoryCardDelegate,
        detail: StoryDetail,
        stack: QStackedWidget,
    ) -> None:
        self.switch, self.caption, self.ads_toggle, self.empty = switch, caption, ads_toggle, empty
        self.model, self.list, self.delegate = model, story_list, delegate
        self.detail, self.stack = detail, stack


def make_parts(owner: QWidget, show_ads: bool) -> SidebarParts:
    """The widgets, laid out in ``owner`` (the sidebar), not yet wired to it."""
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QCheckBox,
        QHBoxLayout,
        QListView,
        QStackedWidget,
        QStyle,
        QVBoxLayout,
    )

    from reader.ui.plain_text import plain_label
    from reader.ui.scroll_areas import adopt_viewport
    from reader.ui.sidebar.mode_switch import ModeSwitch
    from reader.ui.sidebar.story_card import CARD_MARGIN, StoryCardDelegate
    from reader.ui.sidebar.story_detail import StoryDetail
    from reader.ui.sidebar.story_list import StoryList

    switch = ModeSwitch(MODE_LABELS)
    switch.buttons[MODE_ARTICLE].setToolTip("The stories this page recommended, in page order")
    switch.buttons[MODE_FOR_YOU].setToolTip(
        "Unread stories from your whole library, the most recommended first"
    )
    caption = ElidedLabel()
    caption.setObjectName("sidebarCaption")
    caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    small = caption.font()
    small.setPointSizeF(small.pointSizeF() * 0.9)
    caption.setFont(small)
    ads_toggle = QCheckBox("Show ads")
    ads_toggle.setToolTip("Show sponsored stories, marked as such")
    ads_toggle.setFont(small)
    ads_toggle.setVisible(False)
    ads_toggle.setChecked(show_ads)
    empty = plain_label("")
    empty.setWordWrap(True)
    empty.setObjectName("sidebarEmpty")
    empty.setContentsMargins(16, 8, 16, 8)
    empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    empty.setVisible(False)

    model = StoryModel(owner)
    story_list = StoryList()
    adopt_viewport(story_list)
    story_list.setAccessibleName("Recommended stories")
    story_list.setModel(model)
    delegate = StoryCardDelegate(story_list)
    story_list.setItemDelegate(delegate)
    story_list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
    story_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    story_list.setFrameShape(QListView.Shape.NoFrame)
    story_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    story_list.setUniformItemSizes(False)
    story_list.setMouseTracking(True)
    story_list.setResizeMode(QListView.ResizeMode.Adjust)
    story_list.setSpacing(0)
    detail = StoryDetail()
    cards = QWidget()
    cards_layout = QVBoxLayout(cards)
    cards_layout.setContentsMargins(0, 0, 0, 0)
    cards_layout.setSpacing(0)
    cards_layout.addWidget(empty)
    cards_layout.addWidget(story_list, 1)
    stack = QStackedWidget()
    stack.addWidget(cards)
    stack.addWidget(detail)

    switch_row = QHBoxLayout()
    # Aligned with the cards: the delegate keeps room for the scroll bar on the right.
    right = CARD_MARGIN + story_list.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    switch_row.setContentsMargins(CARD_MARGIN, 12, right, 4)
    switch_row.addWidget(switch, 1)
    caption_row = QHBoxLayout()
    caption_row.setContentsMargins(CARD_MARGIN + 4, 2, right, 2)
    caption_row.addWidget(caption, 1)
    caption_row.addWidget(ads_toggle)
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addLayout(switch_row)
    layout.addLayout(caption_row)
    layout.addWidget(stack, 1)
    return SidebarParts(
        switch, caption, ads_toggle, empty, model, story_list, delegate, detail, stack
    )
