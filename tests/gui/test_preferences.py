"""Preferences: live preview signals, saved style and keys, conflicts refused."""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence

from reader.ui.actions import keymap
from reader.ui.actions.table import ActionSpec
from reader.ui.dialogs.preferences import PreferencesDialog
from reader.ui.reading.style_prefs import (
    FONT_SIZE_DEFAULT,
    FONT_SIZE_MAX,
    ReadingStyle,
    load_style,
    save_style,
)


def Spec(
    id: str, label: str, keys: tuple[str, ...], context: str = "window", submenu: bool = False
) -> ActionSpec:
    return ActionSpec(id, label, keys, "&Article", context=context, submenu=submenu)


SPECS = (
    Spec("list.next", "Next story", ("J",), "list"),
    Spec("list.previous", "Previous story", ("K",), "list"),
    Spec("reader.page_down", "Page down", ("Space",), "reader"),
    Spec("article.star", "Star", ("S",)),
    Spec("article.find", "Find", ("Ctrl+F", "/")),
    Spec("go.library", "Go to library", ("G, L",)),
    Spec("file.recent", "Open Recent", (), submenu=True),  # a submenu row, not an action
)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "reader.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def dialog(qtbot, settings):
    widget = PreferencesDialog(ReadingStyle(), SPECS, {}, settings=settings)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# -- the plain data ------------------------------------------------------------------------


def test_style_round_trip_and_clamping(settings):
    style = ReadingStyle("sepia", "DejaVu Sans", 22, 60, 1.65, True)
    save_style(style, settings)
    assert load_style(settings) == style
    settings.setValue("reading/font_size", "enormous")
    settings.setValue("reading/line_spacing", 99)
    settings.setValue("reading/theme", "neon")
    loaded = load_style(settings)
    assert loaded.font_size == FONT_SIZE_DEFAULT
    assert loaded.line_spacing == 2.4
    assert loaded.theme == "light"


def test_font_size_steps():
    style = ReadingStyle()
    assert style.bigger().font_size == 19
    assert style.smaller().font_size == 17
    assert ReadingStyle(font_size=FONT_SIZE_MAX).bigger().font_size == FONT_SIZE_MAX
    assert style.bigger().bigger().default_size().font_size == FONT_SIZE_DEFAULT


def test_system_theme_resolves():
    assert ReadingStyle(theme="system").resolved_theme() in ("light", "dark")
    assert ReadingStyle(theme="sepia").resolved_theme() == "sepia"


def test_conflict_rules():
    keys = keymap.effective_keys(SPECS)
    # same context clashes, window-wide clashes with everything, prefixes clash
    assert keymap.find_conflict(SPECS, keys, "list.previous", "J") is not None
    assert keymap.find_conflict(SPECS, keys, "reader.page_down", "S") is not None
    assert keymap.find_conflict(SPECS, keys, "article.star", "G") is not None
    # two different places may share a key
    assert keymap.find_conflict(SPECS, keys, "reader.page_down", "J") is None
    assert keymap.find_conflicts(SPECS, keys) == {}


def test_overrides_round_trip(settings):
    keymap.save_overrides({"article.star": ("Ctrl+D",), "list.next": ()}, settings)
    assert keymap.load_overrides(settings) == {"article.star": ("Ctrl+D",), "list.next": ()}


# -- Reading page --------------------------------------------------------------------------


def test_every_control_emits_a_live_style(dialog, qtbot):
    seen = []
    dialog.changed.connect(seen.append)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.font_size.setValue(24)
    dialog.line_width.setValue(60)
    dialog.line_spacing.setValue(1.8)
    dialog.justify.setChecked(True)
    dialog.font_choice.setCurrentIndex(dialog.font_choice.findData("sans"))
    assert [s.theme for s in seen][-1] == "dark"
    assert seen[-1] == ReadingStyle("dark", "sans", 24, 60, 1.8, True)
    assert len(seen) == 6
    assert dialog.reading_style() == seen[-1]


def test_keyboard_moves_the_size(dialog, qtbot):
    seen = []
    dialog.changed.connect(seen.append)
    dialog.font_size.setFocus()
    qtbot.keyClick(dialog.font_size, Qt.Key.Key_Up)
    assert seen and seen[-1].font_size == FONT_SIZE_DEFAULT + 1


def test_other_face_uses_the_font_combo(dialog):
    assert not dialog.font_face.isEnabled()
    dialog.font_choice.setCurrentIndex(dialog.font_choice.findData("other"))
    assert dialog.font_face.isEnabled()
    assert dialog.reading_style().font_family == dialog.font_face.currentFont().family()


def test_cancel_restores_the_original_style(dialog, qtbot, settings):
    seen = []
    dialog.changed.connect(seen.append)
    dialog.font_size.setValue(30)
    dialog.reject()
    assert seen[-1] == ReadingStyle()
    assert load_style(settings) == ReadingStyle()  # nothing saved


def test_ok_saves(dialog, settings):
    dialog.theme.setCurrentIndex(dialog.theme.findData("sepia"))
    dialog.accept()
    assert load_style(settings).theme == "sepia"


def test_restore_defaults(qtbot, settings):
    widget = PreferencesDialog(ReadingStyle("dark", "sans", 30), SPECS, settings=settings)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.changed) as blocker:
        widget.restore_reading_defaults()
    assert blocker.args == [ReadingStyle()]
    assert widget.font_size.value() == FONT_SIZE_DEFAULT


def test_preview_follows_size_and_width(dialog):
    before = dialog.column_width()
    dialog.line_width.setValue(100)
    assert dialog.column_width() > before
    assert dialog.preview.lineWrapColumnOrWidth() <= dialog.preview.viewport().width()
    dialog.font_size.setValue(30)
    assert dialog.preview.document().defaultFont().pixelSize() == 30


# -- Keys page -----------------------------------------------------------------------------


def test_keys_page_lists_the_actions(dialog):
    ids = [
        dialog.key_table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        for row in range(dialog.key_table.rowCount())
    ]
    assert ids == [spec.id for spec in SPECS if not spec.submenu]
    row = ids.index("go.library")
    assert dialog.key_table.item(row, 2).text() == "g then l"


def test_conflicting_key_is_refused_with_a_reason(dialog):
    conflict = dialog.assign_key("list.previous", "J")
    assert conflict is not None and conflict.other_id == "list.next"
    assert dialog.keys_for("list.previous") == ("K",)
    assert "Next story" in dialog.key_message.text()
    # a window-wide key clashes everywhere
    assert dialog.assign_key("reader.page_down", "Ctrl+F") is not None


def test_remap_through_the_key_field_and_save(dialog, settings, qtbot):
    assert dialog.select_action("article.star")
    dialog.key_edit.setKeySequence(QKeySequence("Ctrl+D"))
    dialog.assign_button.click()
    assert dialog.keys_for("article.star") == ("Ctrl+D",)
    dialog.select_action("article.find")
    dialog.key_edit.setKeySequence(QKeySequence("F4"))
    dialog.add_button.click()
    assert dialog.keys_for("article.find") == ("Ctrl+F", "/", "F4")
    assert dialog.key_overrides() == {
        "article.star": ("Ctrl+D",),
        "article.find": ("Ctrl+F", "/", "F4"),
    }
    with qtbot.waitSignal(dialog.keys_changed) as blocker:
        dialog.accept()
    assert blocker.args[0]["article.star"] == ("Ctrl+D",)
    assert keymap.load_overrides(settings)["article.star"] == ("Ctrl+D",)


def test_clear_default_and_reset_all(dialog):
    dialog.select_action("list.next")
    dialog.clear_button.click()
    assert dialog.keys_for("list.next") == ()
    assert dialog.key_overrides() == {"list.next": ()}
    dialog.default_button.click()
    assert dialog.keys_for("list.next") == ("J",)
    dialog.clear_keys("article.star")
    dialog.reset_keys()
    assert dialog.key_overrides() == {}


def test_saved_conflicts_are_marked(qtbot, settings):
    widget = PreferencesDialog(ReadingStyle(), SPECS, {"list.previous": ("J",)}, settings=settings)
    qtbot.addWidget(widget)
    assert set(widget.conflicts()) == {"list.next", "list.previous"}
    widget.select_action("list.previous")
    row = widget.key_table.currentRow()
    assert "already used" in widget.key_table.item(row, 0).toolTip()


def test_filter_actions(dialog, qtbot):
    qtbot.keyClicks(dialog.key_filter, "story")
    visible = [
        dialog.key_table.item(row, 0).text()
        for row in range(dialog.key_table.rowCount())
        if not dialog.key_table.isRowHidden(row)
    ]
    assert visible == ["Next story", "Previous story"]


def test_real_action_table_has_no_conflicts(qtbot, settings):
    actions = pytest.importorskip("reader.ui.actions.table")
    widget = PreferencesDialog(ReadingStyle(), actions.ACTIONS, settings=settings)
    qtbot.addWidget(widget)
    assert widget.conflicts() == {}


def test_accessible_names(dialog):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    for kind in (QComboBox, QAbstractSpinBox, QLineEdit, QAbstractButton):
        for widget in dialog.findChildren(kind):
            if widget.parent() is dialog.buttons or not widget.isVisibleTo(dialog):
                continue
            if isinstance(widget, QLineEdit) and isinstance(
                widget.parent(), (QComboBox, QAbstractSpinBox)
            ):
                continue  # the inner editor of a combo or spin box
            assert widget.accessibleName() or widget.text(), widget


def test_fetching_pictures_of_saved_pages_can_be_turned_off(qtbot):
    from reader.ui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.settings.fetch_pictures  # on unless the reader says otherwise
    window.view_actions.show_preferences()
    dialog = window.dialogs.shown["preferences"]
    assert dialog.fetch_pictures.isChecked()
    dialog.fetch_pictures.setChecked(False)
    dialog.accept()
    assert not window.settings.fetch_pictures
    assert not window.pictures.enabled()


def test_the_speech_engine_can_be_picked(qtbot):
    from reader.ui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.settings.speech_engine == "auto"
    window.view_actions.show_preferences()
    dialog = window.dialogs.shown["preferences"]
    assert dialog.speech_engine.currentData() == "auto"
    dialog.speech_engine.setCurrentIndex(dialog.speech_engine.findData("qt"))
    dialog.accept()
    assert window.settings.speech_engine == "qt"
    window.view_actions.show_preferences()
    assert window.dialogs.shown["preferences"].speech_engine.currentText() == ("System voices (Qt)")
