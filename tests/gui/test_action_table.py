"""The action table is the one source of the window's menus, keys and handlers: every
row has a menu item and exactly one handler, keys are one per letter and show as typed,
and a remapped key is kept across starts."""

from __future__ import annotations

import pytest

from reader.ui.actions.table import COMMANDS
from reader.ui.shell.main_window import MainWindow


def test_remapped_key_is_saved_and_applied_at_start(qtbot):
    from reader.ui.actions import keymap
    from reader.ui.shell.settings import Settings

    keymap.save_overrides({"article.star": ("X",)}, Settings().store)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert [k.toString() for k in win.actions_by_id["article.star"].shortcuts()] == ["X"]
    win.view_actions.set_key_overrides({"article.star": ("Y",)})
    assert [k.toString() for k in win.actions_by_id["article.star"].shortcuts()] == ["Y"]
    win.close()


def test_menus_come_from_the_table(qtbot, window):
    in_menus = set()
    for menu in window.menuBar().findChildren(type(window.recent_menu)):
        for action in menu.actions():
            if action.objectName():
                in_menus.add(action.objectName())
    assert {row.id for row in COMMANDS} <= in_menus


def test_every_row_has_one_registered_handler(window):
    """Each command row of the table is served by exactly one ``@handles`` method of the
    window's handler groups, and no handler claims a row that is not in the table."""
    from reader.ui.actions.registry import handlers

    groups = (
        window.opening,
        window.open_actions,
        window.library_actions,
        window.moving,
        window.queue_view,
        window.navigation,
        window.view_actions,
        window.listening,
        window.highlighting,
        window.highlight_exports,
        window.sentence_selection,
        window.reextracting,
        window.removed_blocks,
    )
    found = handlers(*groups)
    assert set(found) == {row.id for row in COMMANDS}
    assert all(callable(handler) for handler in found.values())


def test_a_handler_claimed_twice_is_refused():
    from reader.ui.actions.registry import handlers, handles
    from reader.ui.actions.table import FILE_OPEN

    class One:
        @handles(FILE_OPEN)
        def first(self) -> None: ...

    class Two:
        @handles(FILE_OPEN)
        def second(self) -> None: ...

    with pytest.raises(ValueError, match=r"file\.open"):
        handlers(One(), Two())


def test_each_menu_has_one_key_per_letter(window):
    """Alt then a letter opens exactly one item: View had L for both the light theme and
    the library, D for the dark theme and the default size."""
    from PySide6.QtWidgets import QMenu

    for menu in window.menuBar().findChildren(QMenu):
        letters = []
        for action in menu.actions():
            text = action.text().split("\t")[0]
            if "&" in text.replace("&&", ""):
                letters.append(text[text.index("&") + 1].lower())
        assert len(letters) == len(set(letters)), (menu.title(), sorted(letters))


def test_single_letter_keys_show_in_lower_case(window):
    """ "s" in the menu, as in the cheat sheet: a capital reads as Shift+S."""
    star = window.actions_by_id["article.star"]
    assert star.text().endswith("\ts")
    assert window.actions_by_id["file.open"].text().endswith("\tCtrl+O")
    window.view_actions.set_key_overrides({"article.star": ("X",)})
    assert star.text().endswith("\tx")
