"""Side panels that give way to the text: beside it when the window has room, drawers over it
when it has not.

The article column never drops under MIN_COLUMN_CHARS characters of the body font. A panel
the reader keeps open ("pinned") sits in the splitter while the text keeps that much room
beside it; when the window narrows it leaves the splitter (the library first: the stories
belong to the article) and waits, closed, as a drawer. Asked for then, it opens over the
text from its own side, one drawer at a time, above a veil that dims the text and closes
the drawer when clicked; Esc closes it too. When the window grows again, pinned panels go
back beside the text at the width the reader gave them.

``PanelPlacement`` is the one place that shows and hides the side panels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Signal
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QFrame, QGraphicsDropShadowEffect, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSplitter

    from reader.ui.reading.reading_view import ReadingView

# The narrowest text column worth reading: under ~45 characters a line holds five or six
# words, and long words start to fill lines on their own.
MIN_COLUMN_CHARS = 45
# While the text has less than this, docked panels give up width down to their minimums
# (about 50 characters of 18 px serif: wider than that, a column feels like a newspaper's).
READING_COMFORT_PX = 540
DRAWER_SHARE = 0.88  # a drawer never covers more of the window than this
VEIL_ALPHA = 90  # of 255: the text under an open drawer dims and stays recognisable
SHADOW_BLUR_PX = 24

Side = Literal["left", "right"]


@dataclass(eq=False)
class SidePanel:
    """A panel that can sit beside the text: its side, how narrow it may get, the width the
    reader gave it, whether the reader keeps it open, whether it is in the splitter now."""

    widget: QWidget
    side: Side
    minimum: int
    width: int
    pinned: bool = False
    docked: bool = True
    resting: bool = False  # pinned, but hidden while it has nothing to show


class Veil(QWidget):
    """Dims the text under an open drawer; a click on it closes the drawer."""

    clicked = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("drawerVeil")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor(0, 0, 0, VEIL_ALPHA))
        self.setPalette(palette)
        self.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        event.accept()


class Drawer(QFrame):
    """The frame a panel lives in while it is a drawer."""

    def __init__(self, parent: QWidget, side: Side) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"{side}Drawer")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(SHADOW_BLUR_PX)
        shadow.setOffset(0, 0)
        shadow.setColor(QColor(0, 0, 0, 140))
        self.setGraphicsEffect(shadow)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.hide()


class PanelPlacement(QObject):
    """Puts each side panel beside the text or in its drawer, on every resize and every
    show or hide."""

    #: a panel was shown or hidden (the widget, visible): menu check marks follow it
    visibility_changed = Signal(QWidget, bool)

    def __init__(
        self, splitter: QSplitter, reading: QWidget, view: ReadingView, area: QWidget
    ) -> None:
        super().__init__(area)
        self.splitter = splitter
        self.reading = reading
        self.view = view
        self.area = area  # holds the splitter; the veil and the drawers lie over it
        self.panels: list[SidePanel] = []
        self.suspended = False  # focus mode: the panels stay as they are
        self._sharing = False  # the splitter is being sized by us, not dragged
        splitter.splitterMoved.connect(self._dragged)
        self.veil = Veil(area)
        self.veil.clicked.connect(self.close_drawers)
        self.drawers = {side: Drawer(area, side) for side in ("left", "right")}
        area.installEventFilter(self)

    def add(self, widget: QWidget, side: Side, minimum: int, width: int) -> None:
        self.panels.append(SidePanel(widget, side, minimum, width))

    # -- what callers ask --------------------------------------------------------------------
    def set_visible(self, widget: QWidget, visible: bool) -> None:
        """Show or hide a panel: beside the text when it fits there (the reader keeps it
        open from now on), else as the open drawer."""
        panel = self._panel(widget)
        panel.resting = False
        if visible:
            others = [p for p in self.panels if p.pinned and p.docked and p is not panel]
            if self._fits([*others, panel]):
                panel.pinned = True
                self.fit()
            else:
                self._open(panel)
        elif not panel.docked and not widget.isHidden():
            self._close(panel)
        else:
            panel.pinned = False
            self.fit()
        self.visibility_changed.emit(widget, not widget.isHidden())

    def set_resting(self, widget: QWidget, resting: bool) -> None:
        """A pinned panel with nothing to show (the stories of a page that recommended
        none) gives its width to the text until there is something, or it is asked for."""
        panel = self._panel(widget)
        if panel.resting != resting:
            panel.resting = resting
            self.fit()
            # The splitter settles a shown or hidden panel in a later turn; now instead, so
            # an article about to show is laid out at its final width only.
            QCoreApplication.sendPostedEvents(self.splitter, QEvent.Type.LayoutRequest.value)

    def is_pinned(self, widget: QWidget) -> bool:
        return self._panel(widget).pinned

    def is_drawer(self, widget: QWidget) -> bool:
        return not self._panel(widget).docked

    def close_drawers(self) -> bool:
        """Esc, a click on the veil: True when a drawer was open."""
        closed = False
        for panel in self.panels:
            if not panel.docked and not panel.widget.isHidden():
                self._close(panel)
                self.visibility_changed.emit(panel.widget, False)
                closed = True
        if closed:
            self.view.setFocus()
        return closed

    def dock_all(self) -> None:
        """Every panel back in the splitter, pinned ones shown (before saving its state)."""
        for panel in self.panels:
            if not panel.docked:
                self._dock(panel)
        self._share()

    def restore(self, pinned: dict[QWidget, bool], widths: dict[QWidget, int]) -> None:
        """The panels as the reader left them: which are kept open, how wide."""
        for panel in self.panels:
            panel.pinned = pinned.get(panel.widget, False)
            if widths.get(panel.widget, 0) >= panel.minimum:
                panel.width = widths[panel.widget]
        self.fit()
        for panel in self.panels:
            self.visibility_changed.emit(panel.widget, not panel.widget.isHidden())

    def width_of(self, widget: QWidget) -> int:
        """The width the reader gave a panel (kept while it is a drawer or hidden)."""
        return self._panel(widget).width

    def column_chars(self, reading_width: int | None = None) -> float:
        """Characters of the body font the text column holds at this reading pane width."""
        width = self.reading.width() if reading_width is None else reading_width
        return self.view.chars_across(width)

    # -- the decision -----------------------------------------------------------------------
    def fit(self) -> None:
        """Pinned panels stay beside the text while it keeps MIN_COLUMN_CHARS characters,
        the stories before the library; the others wait as (closed) drawers."""
        if self.suspended:
            return
        shown = {id(p): not p.widget.isHidden() for p in self.panels}
        beside: list[SidePanel] = []
        awake = [p for p in self._pinned() if not p.resting]
        for panel in sorted(awake, key=lambda p: p.side == "left"):
            if self._fits([*beside, panel]):
                beside.append(panel)
        for panel in self.panels:
            if panel in beside:
                if not panel.docked:
                    self._dock(panel)
                panel.widget.show()
            elif panel.pinned and not panel.resting:
                if panel.docked:
                    self._undock(panel)
            elif panel.docked:
                panel.widget.hide()
        self._share()
        self._place_drawers()
        for panel in self.panels:
            if shown[id(panel)] != (not panel.widget.isHidden()):
                self.visibility_changed.emit(panel.widget, not panel.widget.isHidden())

    def _share(self) -> None:
        """Give docked panels the width the reader gave them, less what the text needs to
        keep READING_COMFORT_PX (the library gives way first, each down to its minimum)."""
        shown = [p for p in self.panels if p.docked and not p.widget.isHidden()]
        # The area's width, not the splitter's: on a resize the area hears it first, before
        # its layout gives the splitter its new size.
        handles = self.splitter.handleWidth() * max(0, len(shown))
        total = self.area.width() - handles
        widths = {id(p): max(p.minimum, p.width) for p in shown}
        reading = total - sum(widths.values())
        for panel in sorted(shown, key=lambda p: p.side != "left"):
            if reading >= READING_COMFORT_PX:
                break
            give = min(widths[id(panel)] - panel.minimum, READING_COMFORT_PX - reading)
            widths[id(panel)] -= give
            reading += give
        sizes = [0] * self.splitter.count()
        for panel in shown:
            sizes[self.splitter.indexOf(panel.widget)] = widths[id(panel)]
        sizes[self.splitter.indexOf(self.reading)] = max(0, reading)
        self._sharing = True
        try:
            self.splitter.setSizes(sizes)
        finally:
            self._sharing = False

    def _dragged(self, *_args: object) -> None:
        """The reader moved a splitter handle: the panels' new widths are their choice."""
        if self._sharing:
            return
        for panel in self.panels:
            if panel.docked and not panel.widget.isHidden():
                panel.width = max(panel.minimum, panel.widget.width())

    def _fits(self, panels: list[SidePanel]) -> bool:
        room = self.area.width() - sum(p.minimum for p in panels)
        return self.column_chars(room) >= MIN_COLUMN_CHARS

    def _pinned(self) -> list[SidePanel]:
        return [p for p in self.panels if p.pinned]

    # -- moving panels ----------------------------------------------------------------------
    def _panel(self, widget: QWidget) -> SidePanel:
        return next(p for p in self.panels if p.widget is widget)

    def _dock(self, panel: SidePanel) -> None:
        drawer = self.drawers[panel.side]
        if not panel.widget.isHidden():
            self._close(panel)
        drawer.box.removeWidget(panel.widget)
        index = 0 if panel.side == "left" else self.splitter.count()
        self.splitter.insertWidget(index, panel.widget)
        panel.docked = True
        panel.widget.setVisible(panel.pinned)

    def _undock(self, panel: SidePanel) -> None:
        was_visible = not panel.widget.isHidden()
        panel.docked = False
        panel.widget.hide()
        drawer = self.drawers[panel.side]
        panel.widget.setParent(drawer)
        drawer.box.addWidget(panel.widget)
        panel.widget.hide()  # gave way to the text: it opens again when asked for
        if was_visible:
            self.visibility_changed.emit(panel.widget, False)

    def _open(self, panel: SidePanel) -> None:
        for other in self.panels:
            if other is not panel and not other.docked and not other.widget.isHidden():
                self._close(other)
                self.visibility_changed.emit(other.widget, False)
        if panel.docked:
            self._undock(panel)
        self._place_drawers()
        self.veil.show()
        self.veil.raise_()
        drawer = self.drawers[panel.side]
        drawer.show()
        drawer.raise_()
        panel.widget.show()

    def _close(self, panel: SidePanel) -> None:
        panel.widget.hide()
        self.drawers[panel.side].hide()
        if not any(not drawer.isHidden() for drawer in self.drawers.values()):
            self.veil.hide()

    def _place_drawers(self) -> None:
        area = self.splitter.geometry()
        self.veil.setGeometry(area)
        for panel in self.panels:
            width = min(max(panel.minimum, panel.width), round(area.width() * DRAWER_SHARE))
            left = area.left() if panel.side == "left" else area.right() - width + 1
            self.drawers[panel.side].setGeometry(QRect(left, area.top(), width, area.height()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area and event.type() == QEvent.Type.Resize:
            self.fit()
        return False
