"""Turning the action table into QActions, menus and keys, and handlers into their rows.

A handler group (a controller of the shell) marks each method that serves a row with
``@handles(ROW)``; ``handlers(*groups)`` collects the bound methods by row id, and
``connect_actions`` connects each QAction to its one handler. A row without a handler, or
with two, is a bug and fails at once (the window tests build every row).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from reader.ui.actions.keymap import format_key
from reader.ui.actions.table import ACTIONS, LOCAL_CONTEXTS, ActionSpec

Handler = Callable[..., object]
F = TypeVar("F", bound=Handler)
_ROWS_ATTRIBUTE = "_reader_action_rows"


def handles(*rows: ActionSpec) -> Callable[[F], F]:
    """Mark a method as the handler of ``rows`` (it is called with the row's ``arg``, if
    any); the method itself is returned unchanged."""

    def mark(method: F) -> F:
        ids = (*getattr(method, _ROWS_ATTRIBUTE, ()), *(row.id for row in rows))
        setattr(method, _ROWS_ATTRIBUTE, ids)
        return method

    return mark


def handlers(*groups: object) -> dict[str, Handler]:
    """The ``@handles`` methods of ``groups``, bound, by row id."""
    found: dict[str, Handler] = {}
    for group in groups:
        for klass in reversed(type(group).__mro__):
            for name, member in vars(klass).items():
                for row_id in getattr(member, _ROWS_ATTRIBUTE, ()):
                    if row_id in found:
                        raise ValueError(f"action {row_id} has two handlers")
                    found[row_id] = getattr(group, name)
    return found


def build_actions(
    parent: QWidget,
    table: Iterable[ActionSpec] = ACTIONS,
    overrides: Mapping[str, tuple[str, ...]] | None = None,
) -> dict[str, QAction]:
    """One QAction per command row; keys from ``overrides`` win over the defaults."""
    overrides = overrides or {}
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for row in table:
        if row.submenu:
            continue
        action = QAction(row.label, parent)
        action.setObjectName(row.id)
        keys = overrides.get(row.id, row.keys)
        _set_keys(action, row.label, keys)
        if row.context in LOCAL_CONTEXTS:
            # Live only where attach_context puts it: a list key never fires in a field.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setCheckable(row.checkable)
        if row.tip:
            action.setStatusTip(row.tip)
        if row.group:
            group = groups.setdefault(row.group, QActionGroup(parent))
            group.setExclusive(True)
            group.addAction(action)
        parent.addAction(action)  # keys work even when the menu bar is hidden
        actions[row.id] = action
    return actions


def connect_actions(
    actions: Mapping[str, QAction],
    by_id: Mapping[str, Handler],
    table: Iterable[ActionSpec] = ACTIONS,
) -> None:
    """Connect each action to its handler (with the row's ``arg``); a missing one is a bug."""
    for row in table:
        action = actions.get(row.id)
        if action is None:
            continue
        handler = by_id.get(row.id)
        if handler is None:
            raise LookupError(f"action {row.id} has no handler")
        action.triggered.connect(_bind(handler, row.arg))


def _bind(handler: Handler, arg: str | None) -> Callable[[], None]:
    def call() -> None:
        if arg is None:
            handler()
        else:
            handler(arg)

    return call


def build_menus(
    menubar: QMenuBar,
    actions: Mapping[str, QAction],
    table: Iterable[ActionSpec] = ACTIONS,
) -> dict[str, QMenu]:
    """Menus in table order; returns menus by title plus submenus by their row id."""
    menus: dict[str, QMenu] = {}
    for row in table:
        menu = menus.get(row.menu)
        if menu is None:
            menu = menubar.addMenu(row.menu)
            menus[row.menu] = menu
        if row.separate and not menu.isEmpty():
            menu.addSeparator()
        if row.submenu:
            submenu = menu.addMenu(row.label)
            submenu.setObjectName(row.id)
            menus[row.id] = submenu
        else:
            menu.addAction(actions[row.id])
    return menus


def attach_context(
    actions: Mapping[str, QAction],
    context: str,
    widgets: list[QWidget],
    table: Iterable[ActionSpec] = ACTIONS,
) -> None:
    """Make the ``context`` actions' keys live while one of ``widgets`` has focus."""
    for row in table:
        action = actions.get(row.id)
        if action is None or row.context != context:
            continue
        for widget in widgets:
            if action not in widget.actions():
                widget.addAction(action)


def apply_keys(
    actions: Mapping[str, QAction],
    overrides: Mapping[str, tuple[str, ...]] | None = None,
    table: Iterable[ActionSpec] = ACTIONS,
) -> None:
    """Give every action its keys again: the defaults, with ``overrides`` winning."""
    overrides = overrides or {}
    for row in table:
        action = actions.get(row.id)
        if action is not None:
            _set_keys(action, row.label, overrides.get(row.id, row.keys))


def _set_keys(action: QAction, label: str, keys: Iterable[str]) -> None:
    """The keys, and the menu's keys column written out (after a tab, which QMenu shows
    as it is): "s", not the "S" Qt writes, which reads as Shift+S."""
    keys = tuple(keys)
    action.setShortcuts([QKeySequence(key) for key in keys])
    action.setText(f"{label}\t{format_key(keys[0])}" if keys else label)
