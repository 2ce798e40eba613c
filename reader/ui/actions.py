"""The one action table: every command of the window, its keys, handler and menu.

Menus (and later the shortcut cheat sheet and the key preferences) are built from ACTIONS,
so a key shown in a menu is always the key that works. ``handler`` names a method of the
main window; ``arg`` is passed to it when set (one handler serves the three themes).
``keys`` are QKeySequence portable strings; the first one is shown in the menu.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

RECENT_MENU = "file.recent"  # a submenu filled at run time, not an action
SEPARATOR = "-"


@dataclass(frozen=True)
class ActionSpec:
    id: str
    label: str
    keys: tuple[str, ...]
    handler: str
    menu: str
    arg: str | None = None
    checkable: bool = False
    group: str | None = None  # exclusive group of checkable actions
    context: str = "window"  # where the keys are live (issue 7: "reader", "list"...)
    tip: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("file.open", "&Open…", ("Ctrl+O",), "open_file_dialog", "&File",
               tip="Open a saved page (HTML, MHTML, web archive or text)"),
    ActionSpec(RECENT_MENU, "Open &Recent", (), "", "&File"),
    ActionSpec("app.quit", "&Quit", ("Ctrl+Q",), "close", "&File"),
    ActionSpec("view.zoom_in", "&Larger Text", ("Ctrl+=", "Ctrl++"), "zoom_in", "&View"),
    ActionSpec("view.zoom_out", "&Smaller Text", ("Ctrl+-",), "zoom_out", "&View"),
    ActionSpec("view.zoom_reset", "&Default Size", ("Ctrl+0",), "zoom_reset", "&View"),
    ActionSpec("view.theme_light", "&Light Theme", (), "set_theme", "&View", arg="light",
               checkable=True, group="theme"),
    ActionSpec("view.theme_sepia", "Se&pia Theme", (), "set_theme", "&View", arg="sepia",
               checkable=True, group="theme"),
    ActionSpec("view.theme_dark", "&Dark Theme", (), "set_theme", "&View", arg="dark",
               checkable=True, group="theme"),
    ActionSpec("view.sidebar", "Show Recommended &Stories", ("F9",), "toggle_sidebar",
               "&View", checkable=True),
    ActionSpec("view.show_ads", "Show &Ads Among Recommended", (), "toggle_ads", "&View",
               checkable=True),
    ActionSpec("article.original", "Open &Original in Browser", ("Ctrl+Shift+O",),
               "open_original", "&Article"),
    ActionSpec("article.focus_sidebar", "Go to Recommended Stories", ("Ctrl+R",),
               "focus_sidebar", "&Article"),
    ActionSpec("article.focus_text", "Go to Article Text", ("Ctrl+T",), "focus_article",
               "&Article"),
    ActionSpec("help.about", "&About Reader", (), "show_about", "&Help"),
)  # fmt: skip

# Separators go before these ids in their menu.
SEPARATE_BEFORE = frozenset({"app.quit", "view.theme_light", "view.sidebar"})


def spec(action_id: str) -> ActionSpec:
    for item in ACTIONS:
        if item.id == action_id:
            return item
    raise KeyError(action_id)


def build_actions(
    parent: QWidget,
    table: tuple[ActionSpec, ...] = ACTIONS,
    overrides: Mapping[str, tuple[str, ...]] | None = None,
) -> dict[str, QAction]:
    """One QAction per row (not the submenu rows); keys from ``overrides`` win (issue 7)."""
    overrides = overrides or {}
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for row in table:
        if not row.handler:
            continue
        action = QAction(row.label, parent)
        action.setObjectName(row.id)
        keys = overrides.get(row.id, row.keys)
        action.setShortcuts([QKeySequence(key) for key in keys])
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
    target: object,
    table: tuple[ActionSpec, ...] = ACTIONS,
) -> None:
    """Connect each action to ``target.<handler>(arg)``; a missing handler is a bug."""
    for row in table:
        action = actions.get(row.id)
        if action is None:
            continue
        handler = getattr(target, row.handler)
        action.triggered.connect(_bind(handler, row.arg))


def _bind(handler: Callable[..., object], arg: str | None) -> Callable[[], None]:
    def call() -> None:
        if arg is None:
            handler()
        else:
            handler(arg)

    return call


def build_menus(
    menubar: QMenuBar,
    actions: Mapping[str, QAction],
    table: tuple[ActionSpec, ...] = ACTIONS,
) -> dict[str, QMenu]:
    """Menus in table order; returns menus by title plus submenus by their row id."""
    menus: dict[str, QMenu] = {}
    for row in table:
        menu = menus.get(row.menu)
        if menu is None:
            menu = menubar.addMenu(row.menu)
            menus[row.menu] = menu
        if row.id in SEPARATE_BEFORE and not menu.isEmpty():
            menu.addSeparator()
        if not row.handler:
            submenu = menu.addMenu(row.label)
            submenu.setObjectName(row.id)
            menus[row.id] = submenu
        else:
            menu.addAction(actions[row.id])
    return menus
