"""The one action table: every command of the window, its keys, handler and menu.

Menus (and later the shortcut cheat sheet and the key preferences) are built from ACTIONS,
so a key shown in a menu is always the key that works. ``handler`` is a path from the main
window to a method: ``<group>.<method>`` for a handler group (reader.ui.shell.opening,
.navigation...), or a method of the window itself ("close"); ``arg`` is passed to it when set
(one handler serves the three themes).
``keys`` are QKeySequence portable strings; the first one is shown in the menu.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

RECENT_MENU = "file.recent"  # a submenu filled at run time, not an action
SEPARATOR = "-"
# Contexts whose keys live on particular widgets (attach_context), not the whole window.
LOCAL_CONTEXTS = frozenset({"list"})


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


# Contexts: "window" keys work anywhere in the window (a text field still keeps the letters
# it types: QLineEdit claims printable keys first); "list" keys work in the library list,
# the search results, the story cards and the reading view (j/k there go to the next
# article), attached to those widgets only (see MainWindow._list_widgets).
ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("file.open", "&Open…", ("Ctrl+O",), "opening.open_file_dialog", "&File",
               tip="Open a saved page (HTML, MHTML, web archive or text)"),
    ActionSpec("file.open_url", "Open &Web Address…", ("Ctrl+L",), "opening.open_url_dialog",
               "&File", tip="Fetch a web page and read it here"),
    ActionSpec("file.paste_url", "Open Address from &Clipboard", ("Ctrl+V",),
               "opening.open_clipboard_url", "&File"),
    ActionSpec(RECENT_MENU, "Open &Recent", (), "", "&File"),
    ActionSpec("file.import", "&Import Folder…", ("Ctrl+Shift+I",),
               "library_actions.import_folder_dialog", "&File",
               tip="Add every saved page of a folder to the library"),
    ActionSpec("file.print", "&Print or Save as PDF…", ("Ctrl+P",), "view_actions.print_article",
               "&File"),
    ActionSpec("file.logins", "Site &Logins…", ("Ctrl+Shift+K",), "opening.show_site_logins",
               "&File"),
    ActionSpec("file.preferences", "Pre&ferences…", ("Ctrl+,",), "view_actions.show_preferences",
               "&File"),
    ActionSpec("app.quit", "&Quit", ("Ctrl+Q",), "close", "&File"),
    ActionSpec("nav.next", "&Next Story", ("J",), "navigation.next_item", "&Go", context="list"),
    ActionSpec("nav.previous", "&Previous Story", ("K",), "navigation.previous_item", "&Go",
               context="list"),
    ActionSpec("nav.open", "&Open Story", ("Return", "Enter"), "navigation.open_current", "&Go",
               context="list"),
    ActionSpec("nav.next_unread", "Next &Unread", ("N",), "navigation.next_unread", "&Go"),
    ActionSpec("nav.previous_unread", "Previous Unr&ead", ("P",), "navigation.previous_unread",
               "&Go"),
    ActionSpec("nav.back", "&Back", ("Alt+Left",), "navigation.go_back", "&Go"),
    ActionSpec("nav.forward", "&Forward", ("Alt+Right",), "navigation.go_forward", "&Go"),
    ActionSpec("go.library", "Go to the &Library", ("G, L",), "navigation.go_library", "&Go"),
    ActionSpec("go.for_you", "Go to &For You", ("G, R",), "navigation.go_for_you", "&Go"),
    ActionSpec("go.article", "Go to &This Article's Stories", ("G, A",),
               "navigation.go_this_article", "&Go"),
    ActionSpec("article.focus_text", "Go to Article &Text", ("Ctrl+T",), "navigation.focus_article",
               "&Go"),
    ActionSpec("library.search", "&Search the Library", ("Ctrl+K",), "navigation.search_library",
               "&Go"),
    ActionSpec("read.page_down", "Page &Down", ("Space",), "navigation.page_down", "&Article"),
    ActionSpec("read.page_up", "Page &Up", ("Shift+Space",), "navigation.page_up", "&Article"),
    ActionSpec("find.open", "&Find in Article…", ("Ctrl+F", "/"), "navigation.open_find",
               "&Article"),
    ActionSpec("find.next", "Find &Next", ("F3",), "navigation.find_next", "&Article"),
    ActionSpec("find.previous", "Find Pre&vious", ("Shift+F3",), "navigation.find_previous",
               "&Article"),
    ActionSpec("article.original", "Open &Original in Browser", ("O",), "opening.open_original",
               "&Article"),
    ActionSpec("article.archive", "&Archive", ("E",), "library_actions.toggle_archive", "&Article"),
    ActionSpec("article.star", "&Star", ("S",), "library_actions.toggle_star", "&Article"),
    ActionSpec("article.read", "Mark &Read / Unread", ("M",), "library_actions.toggle_read",
               "&Article"),
    ActionSpec("article.tags", "&Tags…", ("T",), "library_actions.edit_tags", "&Article"),
    ActionSpec("app.escape", "Close Find, Stop Loading or Leave Focus Mode", ("Esc",),
               "view_actions.escape", "&Article"),
    ActionSpec("view.zoom_in", "&Larger Text", ("+", "=", "Ctrl+=", "Ctrl++"),
               "view_actions.zoom_in", "&View"),
    ActionSpec("view.zoom_out", "&Smaller Text", ("-", "Ctrl+-"), "view_actions.zoom_out", "&View"),
    ActionSpec("view.zoom_reset", "&Default Size", ("0", "Ctrl+0"), "view_actions.zoom_reset",
               "&View"),
    ActionSpec("view.theme_light", "&Light Theme", (), "view_actions.set_theme", "&View",
               arg="light", checkable=True, group="theme"),
    ActionSpec("view.theme_sepia", "Se&pia Theme", (), "view_actions.set_theme", "&View",
               arg="sepia", checkable=True, group="theme"),
    ActionSpec("view.theme_dark", "&Dark Theme", (), "view_actions.set_theme", "&View", arg="dark",
               checkable=True, group="theme"),
    ActionSpec("view.theme_system", "&Follow the System Theme", (), "view_actions.set_theme",
               "&View", arg="system", checkable=True, group="theme"),
    ActionSpec("view.library", "Show the &Library", ("F8",), "view_actions.toggle_library", "&View",
               checkable=True),
    ActionSpec("view.sidebar", "Show Recommended &Stories", ("F9",), "view_actions.toggle_sidebar",
               "&View", checkable=True),
    ActionSpec("view.show_ads", "Show &Ads Among Recommended", (), "view_actions.toggle_ads",
               "&View", checkable=True),
    ActionSpec("view.full_screen", "F&ull Screen", ("F11",), "view_actions.toggle_full_screen",
               "&View", checkable=True),
    ActionSpec("view.focus_mode", "F&ocus Mode (Only the Text)", ("Ctrl+Shift+F",),
               "view_actions.toggle_focus_mode", "&View", checkable=True),
    ActionSpec("help.shortcuts", "&Keyboard Shortcuts", ("?", "F1"),
               "view_actions.show_cheat_sheet", "&Help"),
    ActionSpec("help.about", "&About Reader", (), "view_actions.show_about", "&Help"),
)  # fmt: skip

# Separators go before these ids in their menu.
SEPARATE_BEFORE = frozenset(
    {
        "file.import",
        "file.print",
        "file.logins",
        "app.quit",
        "nav.next_unread",
        "nav.back",
        "go.library",
        "find.open",
        "article.archive",
        "view.theme_light",
        "view.library",
        "view.full_screen",
    }
)


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
    target: object,
    table: tuple[ActionSpec, ...] = ACTIONS,
) -> None:
    """Connect each action to ``target.<handler>(arg)``, following the dots of ``handler``
    (``"navigation.go_back"`` is ``target.navigation.go_back``); a missing one is a bug."""
    for row in table:
        action = actions.get(row.id)
        if action is None:
            continue
        handler = resolve(target, row.handler)
        action.triggered.connect(_bind(handler, row.arg))


def resolve(target: object, handler: str) -> Callable[..., object]:
    """The method a row's ``handler`` path names, starting from ``target``."""
    found = target
    for name in handler.split("."):
        found = getattr(found, name)
    assert callable(found), handler
    return found


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


def attach_context(
    actions: Mapping[str, QAction],
    context: str,
    widgets: list[QWidget],
    table: tuple[ActionSpec, ...] = ACTIONS,
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
    table: tuple[ActionSpec, ...] = ACTIONS,
) -> None:
    """Give every action its keys again: the defaults, with ``overrides`` winning."""
    overrides = overrides or {}
    for row in table:
        action = actions.get(row.id)
        if action is not None:
            keys = overrides.get(row.id, row.keys)
            action.setShortcuts([QKeySequence(key) for key in keys])
