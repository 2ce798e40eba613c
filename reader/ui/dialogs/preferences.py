"""Preferences: how articles look (with a live preview) and which key does what.

Every move of a control emits ``changed(ReadingStyle)`` so the reading view behind the
dialog follows at once; Cancel emits the original style again. The Keys page edits the
action table's keys as overrides and refuses a key that clashes with another action in
the same context (or with a window-wide one), saying which.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontInfo, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.listen.backends import CHOICES
from reader.ui.actions import keymap
from reader.ui.actions.keymap import Conflict
from reader.ui.actions.table import ActionSpec
from reader.ui.reading.style_prefs import (
    FONT_SIZE_MAX,
    FONT_SIZE_MIN,
    LINE_SPACING_MAX,
    LINE_SPACING_MIN,
    LINE_WIDTH_MAX,
    LINE_WIDTH_MIN,
    SANS,
    SERIF,
    THEME_LABELS,
    THEMES,
    ReadingStyle,
    column_width_px,
    save_style,
)

FONT_CHOICES: tuple[tuple[str, str], ...] = (
    (SERIF, "Serif (default)"),
    (SANS, "Sans-serif"),
    ("other", "Another installed face"),
)
# Colours for the preview when the theme files cannot be read (background, text, muted).
PREVIEW_COLORS: dict[str, tuple[str, str, str]] = {
    "light": ("#fcfbf8", "#1f1f1f", "#6b6b6b"),
    "sepia": ("#f4ecd8", "#3b2f20", "#7a6a55"),
    "dark": ("#1c1c1e", "#e3e3e3", "#9a9a9a"),
}
PREVIEW_TEXT = (
    "<h2>The quiet page</h2>"
    "<p>Reading is easier when the line is neither too long nor too short: about sixty-five "
    "characters lets the eye find the start of the next line without effort, and a little "
    "air between lines keeps them apart.</p>"
    "<p>This preview follows every change you make, and so does the article behind this "
    "window.</p>"
)
CONFLICT_COLOR = QColor(179, 38, 30)
ID_ROLE = Qt.ItemDataRole.UserRole


class PreferencesDialog(QDialog):
    """Reading and Keys pages; OK saves both, Cancel restores the style it started with."""

    changed = Signal(object)  # ReadingStyle, on every move (live preview)
    keys_changed = Signal(dict)  # {action_id: keys} overrides, after OK when they changed

    def __init__(
        self,
        style: ReadingStyle,
        actions: Iterable[ActionSpec] = (),
        overrides: Mapping[str, Iterable[str]] | None = None,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")
        self.setObjectName("preferences")
        self._original = style.normalized()
        self._style = self._original
        self._settings = settings
        self._specs = keymap.actions_only(actions)
        self._original_overrides = {
            key: tuple(keymap.normalize_key(k) for k in value)
            for key, value in (overrides or {}).items()
        }
        self._keymap = keymap.effective_keys(self._specs, self._original_overrides)
        self._filling = False

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Preference pages")
        self.tabs.addTab(self._reading_page(), "&Reading")
        self.tabs.addTab(self._keys_page(), "&Keys")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setText("Reading &Defaults")
        restore.setAccessibleName("Restore the default reading style")
        restore.clicked.connect(self.restore_reading_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self._show_style(self._style)
        self._fill_keys()
        self.resize(760, 600)

    # -- Reading page -------------------------------------------------------------------

    def _reading_page(self) -> QWidget:
        page = QWidget(self)
        self.theme = QComboBox(page)
        self.theme.setAccessibleName("Theme")
        for key in THEMES:
            self.theme.addItem(THEME_LABELS[key], key)
        self.font_choice = QComboBox(page)
        self.font_choice.setAccessibleName("Body font")
        for key, label in FONT_CHOICES:
            self.font_choice.addItem(label, key)
        self.font_face = QFontComboBox(page)
        self.font_face.setAccessibleName("Installed font face")
        self.font_size = QSpinBox(page)
        self.font_size.setAccessibleName("Text size in pixels")
        self.font_size.setRange(FONT_SIZE_MIN, FONT_SIZE_MAX)
        self.font_size.setSuffix(" px")
        self.line_width = QSpinBox(page)
        self.line_width.setAccessibleName("Line width in characters")
        self.line_width.setRange(LINE_WIDTH_MIN, LINE_WIDTH_MAX)
        self.line_width.setSingleStep(5)
        self.line_width.setSuffix(" characters")
        self.line_spacing = QDoubleSpinBox(page)
        self.line_spacing.setAccessibleName("Line spacing")
        self.line_spacing.setRange(LINE_SPACING_MIN, LINE_SPACING_MAX)
        self.line_spacing.setSingleStep(0.05)
        self.line_spacing.setDecimals(2)
        self.line_spacing.setSuffix(" ×")
        self.justify = QCheckBox("&Justify (straight right edge)", page)
        self.justify.setAccessibleName("Justify text")
        self.fetch_pictures = QCheckBox("Fetch the pictu&res a saved page left on the web", page)
        self.fetch_pictures.setAccessibleName("Fetch pictures of saved pages")
        self.fetch_pictures.setToolTip(
            "A page saved without its pictures shows quiet frames; with this on, Reader "
            "fetches them once (the site then learns the page was opened) and keeps them."
        )
        self.speech_engine = QComboBox(page)
        self.speech_engine.setAccessibleName("Speech engine")
        for key, label in CHOICES.items():
            self.speech_engine.addItem(label, key)
        self.speech_engine.setToolTip(
            "Automatic: speech-dispatcher where it is installed (Linux), else the system's "
            "voices through Qt. Used from the next start of Reader."
        )
        self.preview = QTextBrowser(page)
        self.preview.setObjectName("stylePreview")
        self.preview.setAccessibleName("Preview")
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setMinimumHeight(180)
        self.preview.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
        self.preview.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview.viewport().installEventFilter(self)
        self._column_px = 0

        font_row = QHBoxLayout()
        font_row.addWidget(self.font_choice)
        font_row.addWidget(self.font_face, 1)
        form = QFormLayout()
        # Controls at their natural width: a "18 px" spin box across the whole dialog reads
        # as a text field.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.font_face.setMinimumWidth(220)
        form.addRow("&Theme:", self.theme)
        form.addRow("&Font:", font_row)
        form.addRow("&Size:", self.font_size)
        form.addRow("Line &width:", self.line_width)
        form.addRow("Line s&pacing:", self.line_spacing)
        form.addRow("", self.justify)
        form.addRow("", self.fetch_pictures)
        form.addRow("Speech &engine:", self.speech_engine)
        # QFormLayout labels get their buddy for mnemonics; the font row is a layout.
        font_label = form.labelForField(font_row)
        if isinstance(font_label, QLabel):
            font_label.setBuddy(self.font_choice)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(QLabel("Preview:", page))
        layout.addWidget(self.preview, 1)

        self.theme.currentIndexChanged.connect(self._controls_moved)
        self.font_choice.currentIndexChanged.connect(self._controls_moved)
        self.font_face.currentFontChanged.connect(self._controls_moved)
        self.font_size.valueChanged.connect(self._controls_moved)
        self.line_width.valueChanged.connect(self._controls_moved)
        self.line_spacing.valueChanged.connect(self._controls_moved)
        self.justify.toggled.connect(self._controls_moved)
        return page

    def _show_style(self, style: ReadingStyle) -> None:
        """Put ``style`` into the controls without emitting a change per control."""
        self._filling = True
        try:
            self.theme.setCurrentIndex(max(0, self.theme.findData(style.theme)))
            if style.font_family in (SERIF, SANS):
                self.font_choice.setCurrentIndex(self.font_choice.findData(style.font_family))
            else:
                self.font_choice.setCurrentIndex(self.font_choice.findData("other"))
                self.font_face.setCurrentFont(QFont(style.font_family))
            self._sync_face(style)
            self.font_size.setValue(style.font_size)
            self.line_width.setValue(style.line_width_chars)
            self.line_spacing.setValue(style.line_spacing)
            self.justify.setChecked(style.justify)
        finally:
            self._filling = False
        self._style = style
        self._update_preview()

    def _sync_face(self, style: ReadingStyle) -> None:
        """The face box is for "Other face…"; for Serif or Sans it shows, greyed, the
        installed face those stand for, not whatever face happens to sort first."""
        other = self.font_choice.currentData() == "other"
        self.font_face.setEnabled(other)
        if other:
            return
        font = QFont()
        font.setFamilies(_families(style))
        filling, self._filling = self._filling, True
        try:
            self.font_face.setCurrentFont(QFont(QFontInfo(font).family()))
        finally:
            self._filling = filling

    def _style_from_controls(self) -> ReadingStyle:
        choice = self.font_choice.currentData()
        family = self.font_face.currentFont().family() if choice == "other" else str(choice)
        return ReadingStyle(
            theme=str(self.theme.currentData()),
            font_family=family,
            font_size=self.font_size.value(),
            line_width_chars=self.line_width.value(),
            line_spacing=self.line_spacing.value(),
            justify=self.justify.isChecked(),
        ).normalized()

    def _controls_moved(self, *_args: object) -> None:
        if self._filling:
            return
        style = self._style_from_controls()
        self._sync_face(style)
        if style == self._style:
            return
        self._style = style
        self._update_preview()
        self.changed.emit(style)

    def _update_preview(self) -> None:
        style = self._style
        background, text, muted = _preview_colors(style.resolved_theme())
        self.preview.setStyleSheet(
            f"QTextBrowser#stylePreview {{ background: {background}; color: {text}; }}"
        )
        font = QFont()
        font.setFamilies(_families(style))
        font.setPixelSize(style.font_size)
        self.preview.document().setDefaultFont(font)
        align = "justify" if style.justify else "left"
        spacing = round(style.line_spacing * 100)
        body = PREVIEW_TEXT.replace(
            "<p>", f'<p style="line-height:{spacing}%; text-align:{align}; margin-bottom:0.8em">'
        ).replace("<h2>", f'<h2 style="color:{text}">')
        self.preview.setHtml(
            f'<div style="color:{text}">{body}</div>'
            f'<p style="color:{muted}; font-size:small">{style.line_width_chars} characters '
            "per line</p>"
        )
        # The column is as wide as line_width_chars average characters of the body face,
        # or the preview itself when that is narrower (as in the reading view).
        self._column_px = column_width_px(style, font)
        self._apply_preview_width()

    def _apply_preview_width(self) -> None:
        room = self.preview.viewport().width() - 2 * int(self.preview.document().documentMargin())
        self.preview.setLineWrapColumnOrWidth(max(120, min(self._column_px, room)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.preview.viewport() and event.type() == QEvent.Type.Resize:
            self._apply_preview_width()
        return super().eventFilter(watched, event)

    def column_width(self) -> int:
        """The preview's column in pixels before it is fitted to the window (tests)."""
        return self._column_px

    def reading_style(self) -> ReadingStyle:
        """The reading style as the controls say now."""
        return self._style

    def restore_reading_defaults(self) -> None:
        default = ReadingStyle()
        changed = default != self._style
        self._show_style(default)
        if changed:
            self.changed.emit(default)

    # -- Keys page ----------------------------------------------------------------------

    def _keys_page(self) -> QWidget:
        page = QWidget(self)
        self.key_filter = QLineEdit(page)
        self.key_filter.setPlaceholderText("Filter actions")
        self.key_filter.setAccessibleName("Filter actions")
        self.key_filter.setClearButtonEnabled(True)
        self.key_filter.textChanged.connect(self._filter_keys)
        self.key_table = QTableWidget(0, 3, page)
        self.key_table.setAccessibleName("Shortcuts")
        self.key_table.setHorizontalHeaderLabels(["Action", "Where", "Keys"])
        self.key_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.key_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.key_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.key_table.setTabKeyNavigation(False)
        self.key_table.verticalHeader().hide()
        header = self.key_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.key_table.currentCellChanged.connect(self._row_changed)

        self.key_edit = QKeySequenceEdit(page)
        self.key_edit.setAccessibleName("New shortcut: press the keys")
        self.key_edit.setToolTip("Click, then press the new keys")
        self.key_edit.setClearButtonEnabled(True)
        self.key_edit.setMaximumSequenceLength(2)  # "g then l" at most
        self.assign_button = QPushButton("&Set", page)
        self.assign_button.setAccessibleName("Set as the only shortcut")
        self.add_button = QPushButton("A&dd", page)
        self.add_button.setAccessibleName("Add as another shortcut")
        self.clear_button = QPushButton("&Clear", page)
        self.clear_button.setAccessibleName("Remove this action's shortcuts")
        self.default_button = QPushButton("De&fault", page)
        self.default_button.setAccessibleName("This action's default shortcuts")
        self.reset_keys_button = QPushButton("Reset &All Keys to Defaults", page)
        self.reset_keys_button.setAccessibleName("Reset all keys to defaults")
        self.assign_button.clicked.connect(lambda: self._assign_from_edit(replace_keys=True))
        self.add_button.clicked.connect(lambda: self._assign_from_edit(replace_keys=False))
        self.clear_button.clicked.connect(self._clear_current)
        self.default_button.clicked.connect(self._default_current)
        self.reset_keys_button.clicked.connect(self.reset_keys)
        self.key_message = QLabel(page)
        self.key_message.setObjectName("keyMessage")
        self.key_message.setAccessibleName("Shortcut message")
        self.key_message.setWordWrap(True)
        self.key_message.setTextFormat(Qt.TextFormat.PlainText)

        edit_row = QHBoxLayout()
        edit_row.addWidget(self.key_edit, 1)
        for button in (
            self.assign_button,
            self.add_button,
            self.clear_button,
            self.default_button,
        ):
            edit_row.addWidget(button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.key_filter)
        layout.addWidget(self.key_table, 1)
        layout.addLayout(edit_row)
        layout.addWidget(self.key_message)
        layout.addWidget(self.reset_keys_button, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _fill_keys(self) -> None:
        current = self.current_action_id()
        conflicts = keymap.find_conflicts(self._specs, self._keymap)
        self.key_table.setRowCount(len(self._specs))
        for row, spec in enumerate(self._specs):
            action_id = keymap.spec_id(spec)
            keys = self._keymap.get(action_id, ())
            cells = (
                keymap.spec_label(spec),
                keymap.spec_group(spec),
                keymap.format_keys(keys) or "—",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, action_id)
                if action_id in conflicts:
                    item.setForeground(QBrush(CONFLICT_COLOR))
                    item.setToolTip(_conflict_text(conflicts[action_id][0], self._specs))
                self.key_table.setItem(row, column, item)
        self._filter_keys(self.key_filter.text())
        if current is not None:
            self.select_action(current)
        elif self._specs and self.key_table.currentRow() < 0:
            self.key_table.setCurrentCell(0, 0)
        self._update_key_buttons()

    def _filter_keys(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.key_table.rowCount()):
            haystack = " ".join(
                cell.text() for c in range(3) if (cell := self.key_table.item(row, c))
            ).casefold()
            self.key_table.setRowHidden(row, not all(word in haystack for word in words))

    def current_action_id(self) -> str | None:
        item = self.key_table.item(self.key_table.currentRow(), 0)
        return None if item is None else str(item.data(ID_ROLE))

    def select_action(self, action_id: str) -> bool:
        for row in range(self.key_table.rowCount()):
            item = self.key_table.item(row, 0)
            if item is not None and item.data(ID_ROLE) == action_id:
                self.key_table.setCurrentCell(row, 0)
                return True
        return False

    def _row_changed(self, *_args: object) -> None:
        self.key_edit.clear()
        self._update_key_buttons()

    def _update_key_buttons(self) -> None:
        has_row = self.current_action_id() is not None
        for button in (self.assign_button, self.add_button, self.clear_button):
            button.setEnabled(has_row)
        self.default_button.setEnabled(has_row)

    def keys_for(self, action_id: str) -> tuple[str, ...]:
        return self._keymap.get(action_id, ())

    def assign_key(self, action_id: str, key: str, replace_keys: bool = True) -> Conflict | None:
        """Give ``key`` to an action; refused (returned) when it clashes with another."""
        key = keymap.normalize_key(key)
        if not key:
            return None
        others = dict(self._keymap)
        others[action_id] = () if replace_keys else others.get(action_id, ())
        conflict = keymap.find_conflict(self._specs, others, action_id, key)
        if conflict is not None:
            self.key_message.setText(_conflict_text(conflict, self._specs))
            self.key_message.setStyleSheet(f"color: {CONFLICT_COLOR.name()};")
            return conflict
        current = () if replace_keys else self._keymap.get(action_id, ())
        self._keymap[action_id] = (*tuple(k for k in current if k != key), key)
        self.key_message.setStyleSheet("")
        self.key_message.setText(f"{keymap.format_key(key)} now does “{self._label(action_id)}”.")
        self._fill_keys()
        return None

    def _assign_from_edit(self, replace_keys: bool) -> None:
        action_id = self.current_action_id()
        sequence = self.key_edit.keySequence()
        if action_id is None or sequence.isEmpty():
            self.key_message.setText("Click the shortcut field and press the new keys first.")
            return
        text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        if self.assign_key(action_id, text, replace_keys) is None:
            self.key_edit.clear()

    def clear_keys(self, action_id: str) -> None:
        self._keymap[action_id] = ()
        self.key_message.setText(f"“{self._label(action_id)}” has no shortcut now.")
        self._fill_keys()

    def _clear_current(self) -> None:
        action_id = self.current_action_id()
        if action_id is not None:
            self.clear_keys(action_id)

    def _default_current(self) -> None:
        action_id = self.current_action_id()
        if action_id is None:
            return
        spec = next(s for s in self._specs if keymap.spec_id(s) == action_id)
        defaults = keymap.spec_keys(spec)
        others = {k: v for k, v in self._keymap.items() if k != action_id}
        for key in defaults:
            conflict = keymap.find_conflict(self._specs, others, action_id, key)
            if conflict is not None:
                self.key_message.setText(_conflict_text(conflict, self._specs))
                return
        self._keymap[action_id] = defaults
        self.key_message.setText(f"“{self._label(action_id)}” has its default keys again.")
        self._fill_keys()

    def reset_keys(self) -> None:
        """Every action back to the keys of the action table."""
        self._keymap = keymap.effective_keys(self._specs, {})
        self.key_message.setText("All keys are back to their defaults.")
        self._fill_keys()

    def key_overrides(self) -> dict[str, tuple[str, ...]]:
        """Only what differs from the table's defaults (what gets saved)."""
        return keymap.overrides_from(self._specs, self._keymap)

    def conflicts(self) -> dict[str, list[Conflict]]:
        return keymap.find_conflicts(self._specs, self._keymap)

    def _label(self, action_id: str) -> str:
        for spec in self._specs:
            if keymap.spec_id(spec) == action_id:
                return keymap.spec_label(spec)
        return action_id

    # -- closing ------------------------------------------------------------------------

    def accept(self) -> None:
        """Save the style and the keys (QSettings), announce new keys, close."""
        save_style(self._style, self._settings)
        overrides = self.key_overrides()
        keymap.save_overrides(overrides, self._settings)
        if overrides != self._original_overrides:
            self.keys_changed.emit(overrides)
        super().accept()

    def reject(self) -> None:
        """Cancel: the reading view goes back to the style it had."""
        if self._style != self._original:
            self._style = self._original
            self.changed.emit(self._original)
        super().reject()


def _conflict_text(conflict: Conflict, specs: Sequence[ActionSpec]) -> str:
    labels = {keymap.spec_id(spec): keymap.spec_label(spec) for spec in specs}
    groups = {keymap.spec_id(spec): keymap.spec_group(spec) for spec in specs}
    other = labels.get(conflict.other_id, conflict.other_id)
    return (
        f"{keymap.format_key(conflict.key)} is already used by “{other}” "
        f"({groups.get(conflict.other_id, '')}, {keymap.format_key(conflict.other_key)}); "
        "choose another key or change that one first."
    )


def _preview_colors(theme: str) -> tuple[str, str, str]:
    try:
        from reader.ui.reading.themes import load_theme

        loaded = load_theme(theme)
        return (
            loaded.colors.get("background", PREVIEW_COLORS[theme][0]),
            loaded.colors.get("text", PREVIEW_COLORS[theme][1]),
            loaded.colors.get("muted", PREVIEW_COLORS[theme][2]),
        )
    except (ImportError, OSError, KeyError):
        return PREVIEW_COLORS.get(theme, PREVIEW_COLORS["light"])


def _families(style: ReadingStyle) -> list[str]:
    """Font families for the preview: the theme's stack for generic faces."""
    key = style.theme_font_key()
    if key is None:
        return [style.font_family, "serif"]
    try:
        from reader.ui.reading.themes import font_families, load_theme

        return font_families(load_theme(style.resolved_theme()), key)
    except (ImportError, OSError, KeyError):
        stack = style.css_font_family()
        return [part.strip().strip("'\"") for part in stack.split(",")]


def with_theme(style: ReadingStyle, theme: str) -> ReadingStyle:
    """The style with another theme (the View menu's theme actions)."""
    return replace(style, theme=theme).normalized()
