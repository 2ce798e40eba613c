"""The cheat sheet lists exactly the action table, grouped by context, and filters."""

import pytest
from PySide6.QtCore import Qt

from reader.ui.actions.table import ActionSpec
from reader.ui.dialogs.cheat_sheet import CheatSheetDialog


def Spec(id: str, label: str, keys: tuple[str, ...], context: str) -> ActionSpec:
    return ActionSpec(id, label, keys, menu="", context=context)


SPECS = (
    Spec("next_story", "Next story", ("J",), "list"),
    Spec("previous_story", "Previous story", ("K",), "list"),
    Spec("find", "&Find in article", ("Ctrl+F", "/"), "reading"),
    Spec("go_library", "Go to library", ("G, L",), "global"),
    Spec("print", "Print or save as PDF", ("Ctrl+P",), "global"),
    Spec("about", "About Reader", (), "global"),
)


@pytest.fixture
def sheet(qtbot):
    dialog = CheatSheetDialog(SPECS)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_lists_exactly_the_table(sheet):
    assert sorted(sheet.listed_ids()) == sorted(spec.id for spec in SPECS)


def test_groups_by_context_in_table_order(sheet):
    root = sheet.tree.invisibleRootItem()
    groups = [root.child(i).text(0) for i in range(root.childCount())]
    assert groups == ["List", "Reading", "Global"]


def test_keys_read_like_keys(sheet):
    assert sheet.keys_text("next_story") == "j"
    assert sheet.keys_text("find") == "Ctrl+F, /"
    assert sheet.keys_text("go_library") == "g then l"
    assert sheet.keys_text("about") == "—"


def test_labels_lose_their_mnemonic(sheet):
    root = sheet.tree.invisibleRootItem()
    labels = [root.child(1).child(i).text(0) for i in range(root.child(1).childCount())]
    assert labels == ["Find in article"]


def test_filter_by_label_and_by_key(sheet, qtbot):
    qtbot.keyClicks(sheet.search, "story")
    assert sheet.listed_ids(visible_only=True) == ["next_story", "previous_story"]
    sheet.search.clear()
    qtbot.keyClicks(sheet.search, "ctrl+p")
    assert sheet.listed_ids(visible_only=True) == ["print"]
    sheet.search.clear()
    qtbot.keyClicks(sheet.search, "nothing like this")
    assert sheet.listed_ids(visible_only=True) == []
    assert sheet.empty_label.isVisibleTo(sheet)


def test_overrides_are_shown(qtbot):
    dialog = CheatSheetDialog(SPECS, overrides={"next_story": ("N",), "print": ()})
    qtbot.addWidget(dialog)
    assert dialog.keys_text("next_story") == "n"
    assert dialog.keys_text("print") == "—"


def test_escape_closes(sheet, qtbot):
    assert sheet.search.hasFocus()
    with qtbot.waitSignal(sheet.rejected):
        qtbot.keyClick(sheet.search, Qt.Key.Key_Escape)


def test_window_wide_action_is_listed_under_its_menu(qtbot):
    dialog = CheatSheetDialog([ActionSpec("quit", "Quit", ("Ctrl+Q",), "&File")])
    qtbot.addWidget(dialog)
    assert dialog.listed_ids() == ["quit"]
    assert dialog.tree.invisibleRootItem().child(0).text(0) == "File"


def test_real_action_table_is_listed_exactly(qtbot):
    """Against reader.ui.actions.table.ACTIONS: every command, no submenu rows, by menu."""
    actions = pytest.importorskip("reader.ui.actions.table")
    dialog = CheatSheetDialog(actions.ACTIONS)
    qtbot.addWidget(dialog)
    expected = [spec.id for spec in actions.COMMANDS]
    assert sorted(dialog.listed_ids()) == sorted(expected)
    for spec in actions.ACTIONS:
        if not spec.submenu and spec.keys:
            assert dialog.keys_text(spec.id) != "—"
