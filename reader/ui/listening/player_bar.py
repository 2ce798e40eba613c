"""The small player bar under the article while listening: where the voice is, and controls.

It sits in the reading column below the text (never over it) and shows only while
listening. Its buttons trigger the window's actions, so a button and its key are the same
command (and a remapped key shows in the tooltip). A problem (no speech service, no voice
for the language) is said here, in words, with what to install.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

# (action id, the style's standard icon) in the bar's order; ids are rows of
# reader.ui.actions.table. The style draws these icons, so no font needs the glyphs.
_ICONS = QStyle.StandardPixmap
BUTTONS: tuple[tuple[str, QStyle.StandardPixmap], ...] = (
    ("listen.previous_paragraph", _ICONS.SP_MediaSkipBackward),
    ("listen.previous_sentence", _ICONS.SP_MediaSeekBackward),
    ("listen.toggle", _ICONS.SP_MediaPlay),
    ("listen.next_sentence", _ICONS.SP_MediaSeekForward),
    ("listen.next_paragraph", _ICONS.SP_MediaSkipForward),
)
SPEED_BUTTONS = (("listen.slower", "−"), ("listen.faster", "+"))
STOP_BUTTON = ("listen.stop", _ICONS.SP_MediaStop)
AUTOMATIC_VOICE = "Automatic voice"
VOICE_LIST_WIDTH = 220  # px: room for "English (Great Britain)" without crowding the bar


class PlayerBar(QWidget):
    """See module docstring. ``voice_chosen`` carries a voice name ("" = automatic)."""

    voice_chosen = Signal(str)

    def __init__(self, actions: Mapping[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playerBar")
        self.setAccessibleName("Listening")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.setSpacing(4)
        self._buttons: dict[str, QToolButton] = {}
        for action_id, glyph in BUTTONS:
            layout.addWidget(self._button(actions, action_id, glyph))
        self.place = _plain_label()
        self.place.setObjectName("listenPlace")
        self.place.setAccessibleName("Listening position")
        layout.addWidget(self.place, 1)
        self.message = _plain_label()
        self.message.setObjectName("listenMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message, 3)
        slower, faster = SPEED_BUTTONS
        layout.addWidget(self._button(actions, *slower))
        self.speed = _plain_label("1×")
        self.speed.setObjectName("listenSpeed")
        self.speed.setAccessibleName("Speed")
        self.speed.setMinimumWidth(self.speed.fontMetrics().horizontalAdvance("1.75×") + 4)
        self.speed.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.speed)
        layout.addWidget(self._button(actions, *faster))
        self.voices = QComboBox()
        self.voices.setObjectName("listenVoice")
        self.voices.setAccessibleName("Voice")
        self.voices.setMaximumWidth(VOICE_LIST_WIDTH)
        self.voices.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # keys stay with the article
        self.voices.addItem(AUTOMATIC_VOICE, "")
        self.voices.activated.connect(self._voice_activated)
        layout.addWidget(self.voices)
        layout.addWidget(self._button(actions, *STOP_BUTTON))

    def _button(
        self, actions: Mapping[str, QAction], action_id: str, face: str | QStyle.StandardPixmap
    ) -> QToolButton:
        action = actions[action_id]
        button = QToolButton()
        button.setObjectName(action_id.replace(".", "_"))
        if isinstance(face, str):
            button.setText(face)
        else:
            button.setIcon(self.style().standardIcon(face))
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        label = action.text().replace("&", "")
        keys = action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
        button.setToolTip(f"{label} ({keys})" if keys else label)
        button.setAccessibleName(label)
        button.clicked.connect(action.trigger)
        self._buttons[action_id] = button
        return button

    # -- what the bar shows ----------------------------------------------------------------
    def set_playing(self, playing: bool) -> None:
        icon = _ICONS.SP_MediaPause if playing else _ICONS.SP_MediaPlay
        self._buttons["listen.toggle"].setIcon(self.style().standardIcon(icon))

    def set_place(self, index: int, count: int) -> None:
        self.message.hide()
        self.place.show()
        self.place.setText(f"Sentence {index + 1} of {count}" if count else "")

    def set_speed(self, speed: float) -> None:
        self.speed.setText(f"{speed:g}×")

    def show_message(self, text: str) -> None:
        """A problem, said plainly (replaces the position until the voice speaks again)."""
        self.place.hide()
        self.message.setText(text)
        self.message.show()

    def set_voices(self, names: Sequence[str], chosen: str) -> None:
        """The voices for the article's language; ``chosen`` ("" = automatic) selected."""
        self.voices.blockSignals(True)
        self.voices.clear()
        self.voices.addItem(AUTOMATIC_VOICE, "")
        for name in names:
            self.voices.addItem(name, name)
        if chosen and self.voices.findData(chosen) < 0:
            self.voices.addItem(chosen, chosen)
        index = self.voices.findData(chosen)
        self.voices.setCurrentIndex(max(0, index))
        self.voices.blockSignals(False)

    def _voice_activated(self, index: int) -> None:
        self.voice_chosen.emit(str(self.voices.itemData(index) or ""))


def _plain_label(text: str = "") -> QLabel:
    """Labels here may show a page's language tag or an engine's words: never markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
