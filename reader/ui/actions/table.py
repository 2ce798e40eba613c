"""The one action table: every command of the window, its keys and its menu, in menu order.

Menus, the shortcut cheat sheet and the Keys page of Preferences are all built from
``ACTIONS``, so a key shown anywhere is the key that works. Each row is also a named
constant, and a handler registers for it with ``@handles(ROW)`` (reader.ui.actions.registry):
the link between a row and its handler is a name the type checker resolves, never a string
looked up at run time. ``keys`` are QKeySequence portable strings; the first one shows in
the menu. No Qt here: this is data.
"""

from __future__ import annotations

from dataclasses import dataclass

# Contexts whose keys live on particular widgets (attached there), not on the whole window.
LOCAL_CONTEXTS = frozenset({"list", "highlight"})


@dataclass(frozen=True)
class ActionSpec:
    """One row: what the command is called, its default keys, and where it shows.

    ``arg`` is passed to the handler (one handler serves the four themes); ``group`` makes
    checkable rows exclusive; ``context`` says where the keys are live ("window": anywhere,
    a text field still keeps the letters it types; "list": the library list, the search
    results, the story cards and the reading view; "highlight": the reading view and the
    highlights panel's list); ``separate`` puts a separator before the
    row in its menu; a ``submenu`` row is a menu filled at run time, not a command.
    """

    id: str
    label: str
    keys: tuple[str, ...]
    menu: str
    arg: str | None = None
    checkable: bool = False
    group: str | None = None
    context: str = "window"
    tip: str = ""
    separate: bool = False
    submenu: bool = False


_rows: list[ActionSpec] = []


def _row(
    id: str,
    label: str,
    keys: tuple[str, ...],
    menu: str,
    *,
    arg: str | None = None,
    checkable: bool = False,
    group: str | None = None,
    context: str = "window",
    tip: str = "",
    separate: bool = False,
    submenu: bool = False,
) -> ActionSpec:
    """A row of the table, in menu order."""
    row = ActionSpec(id, label, keys, menu, arg, checkable, group, context, tip, separate, submenu)
    _rows.append(row)
    return row


FILE_OPEN = _row(
    "file.open",
    "&Open…",
    ("Ctrl+O",),
    "&File",
    tip="Open a saved page (HTML, MHTML, web archive or text)",
)
FILE_OPEN_URL = _row(
    "file.open_url",
    "Open &Web Address…",
    ("Ctrl+L",),
    "&File",
    tip="Fetch a web page and read it here",
)
FILE_PASTE_URL = _row("file.paste_url", "Open Address from &Clipboard", ("Ctrl+V",), "&File")
FILE_RECENT = _row("file.recent", "Open &Recent", (), "&File", submenu=True)
FILE_IMPORT = _row(
    "file.import",
    "&Import Folder…",
    ("Ctrl+Shift+I",),
    "&File",
    tip="Add every saved page of a folder to the library",
    separate=True,
)
FILE_IMPORT_EXPORT = _row(
    "file.import_export",
    "Import from Another Rea&der…",
    (),
    "&File",
    tip="Pocket, Instapaper, Omnivore, wallabag, Readwise, bookmarks, OPML or Reader's own",
)
FILE_EXPORT = _row(
    "file.export",
    "&Export…",
    ("Ctrl+Shift+E",),
    "&File",
    tip="Write articles as Markdown, an EPUB book, a web page, wallabag JSON, bookmarks"
    " or Reader's own file",
)
FILE_FETCH_QUEUE = _row(
    "file.fetch_queue",
    "Imported Pa&ges…",
    (),
    "&File",
    tip="Which imported pages were fetched, which wait, failed or need a login; retry them",
)
FILE_PRINT = _row("file.print", "&Print or Save as PDF…", ("Ctrl+P",), "&File", separate=True)
FILE_LOGINS = _row("file.logins", "Site &Logins…", ("Ctrl+Shift+K",), "&File", separate=True)
FILE_SITE_RULES = _row(
    "file.site_rules",
    "Site R&ules…",
    ("Ctrl+Shift+R",),
    "&File",
    tip="See and edit the rules that fix extraction for a site (ftr-site-config files)",
)
FILE_REEXTRACT_SITE = _row(
    "file.reextract_site",
    "Re-extract This &Site's Articles",
    ("Ctrl+Shift+X",),
    "&File",
    tip="Extract the saved articles of this article's site again from their originals,"
    " in the background",
)
FILE_REEXTRACT_ALL = _row(
    "file.reextract_all",
    "Re-extract the W&hole Library",
    (),
    "&File",
    tip="Extract every saved article again from its original, in the background",
)
FILE_PREFERENCES = _row("file.preferences", "Pre&ferences…", ("Ctrl+,",), "&File", separate=True)
APP_QUIT = _row("app.quit", "&Quit", ("Ctrl+Q",), "&File", separate=True)
# j/k move in the focused list (library, stories); in the article, they open the next or
# previous article of the library list, as feed readers do (README and cheat sheet say so).
NAV_NEXT = _row("nav.next", "&Next in the List (in the Article: Next Article)", ("J",), "&Go",
                context="list")  # fmt: skip
NAV_PREVIOUS = _row("nav.previous", "&Previous in the List (in the Article: Previous Article)",
                    ("K",), "&Go", context="list")  # fmt: skip
NAV_OPEN = _row("nav.open", "&Open Story", ("Return", "Enter"), "&Go", context="list")
NAV_NEXT_UNREAD = _row("nav.next_unread", "Next &Unread", ("N",), "&Go", separate=True)
NAV_PREVIOUS_UNREAD = _row("nav.previous_unread", "Previous Unr&ead", ("P",), "&Go")
NAV_BACK = _row("nav.back", "&Back", ("Alt+Left",), "&Go", separate=True)
NAV_FORWARD = _row("nav.forward", "&Forward", ("Alt+Right",), "&Go")
GO_LIBRARY = _row("go.library", "Go to the &Library", ("G, L",), "&Go", separate=True)
GO_FOR_YOU = _row("go.for_you", "Go to For &You", ("G, R",), "&Go")
GO_ARTICLE = _row("go.article", "Go to &This Article's Stories", ("G, A",), "&Go")
ARTICLE_FOCUS_TEXT = _row("article.focus_text", "Go to Article Te&xt", ("Ctrl+T",), "&Go")
LIBRARY_SEARCH = _row("library.search", "&Search the Library", ("Ctrl+K",), "&Go")
READ_PAGE_DOWN = _row("read.page_down", "Page &Down", ("Space",), "&Article")
READ_PAGE_UP = _row("read.page_up", "Page &Up", ("Shift+Space",), "&Article")
READ_START = _row("read.start", "&Beginning of the Article", ("Ctrl+Home",), "&Article")
READ_END = _row("read.end", "End of the Artic&le", ("Ctrl+End",), "&Article")
FIND_OPEN = _row("find.open", "&Find in Article…", ("Ctrl+F", "/"), "&Article", separate=True)
FIND_NEXT = _row("find.next", "Find &Next", ("F3",), "&Article")
FIND_PREVIOUS = _row("find.previous", "Find Pre&vious", ("Shift+F3",), "&Article")
ARTICLE_ORIGINAL = _row("article.original", "Open &Original in Browser", ("O",), "&Article")
ARTICLE_ARCHIVE = _row("article.archive", "&Archive", ("E",), "&Article", separate=True)
ARTICLE_STAR = _row("article.star", "&Star", ("S",), "&Article")
ARTICLE_READ = _row("article.read", "Mark &Read / Unread", ("M",), "&Article")
ARTICLE_TAGS = _row("article.tags", "&Tags…", ("T",), "&Article")
ARTICLE_SHOW_REMOVED = _row(
    "article.show_removed",
    "Show &What Was Removed",
    ("X",),
    "&Article",
    checkable=True,
    separate=True,
    tip="The blocks extraction left out, dimmed in their places, each with its reason",
)
ARTICLE_RESTORE_BLOCK = _row(
    "article.restore_block",
    "Restore Bloc&k to the Article",
    ("R",),
    "&Article",
    tip="Bring back the removed block at the cursor: kept as a rule for the whole site",
)
ARTICLE_REMOVE_BLOCK = _row(
    "article.remove_block",
    "Re&move Block from the Article",
    ("D",),
    "&Article",
    tip="Leave out the block at the cursor: kept as a rule for the whole site",
)
APP_ESCAPE = _row(
    "app.escape", "Close Find, Stop Loading or Leave Focus Mode", ("Esc",), "&Article"
)
HIGHLIGHT_ADD = _row(
    "highlight.add",
    "&Highlight Selection",
    ("H",),
    "H&ighlights",
    tip="Highlight the selected text (drag across it, or press v to select a sentence)",
)
HIGHLIGHT_NOTE = _row("highlight.note", "Add or Edit &Note…", ("Shift+H",), "H&ighlights")
HIGHLIGHT_YELLOW = _row(
    "highlight.yellow",
    "&Yellow",
    ("Ctrl+1",),
    "H&ighlights",
    arg="yellow",
    checkable=True,
    group="highlight_color",
    separate=True,
    tip="The colour of new highlights (and of the one under the cursor)",
)
HIGHLIGHT_GREEN = _row(
    "highlight.green", "&Green", ("Ctrl+2",), "H&ighlights", arg="green", checkable=True,
    group="highlight_color",
)  # fmt: skip
HIGHLIGHT_BLUE = _row(
    "highlight.blue", "&Blue", ("Ctrl+3",), "H&ighlights", arg="blue", checkable=True,
    group="highlight_color",
)  # fmt: skip
HIGHLIGHT_PINK = _row(
    "highlight.pink", "P&ink", ("Ctrl+4",), "H&ighlights", arg="pink", checkable=True,
    group="highlight_color",
)  # fmt: skip
HIGHLIGHT_SELECT_SENTENCE = _row(
    "highlight.select_sentence",
    "Select &Sentence",
    ("V",),
    "H&ighlights",
    separate=True,
    tip="Select the first sentence on screen, then the next one at each press",
)
HIGHLIGHT_SELECT_PREVIOUS = _row(
    "highlight.select_previous", "Select &Previous Sentence", ("Shift+V",), "H&ighlights"
)
HIGHLIGHT_CARET = _row(
    "highlight.caret",
    "Caret &Mode (Select with the Keyboard)",
    ("F7",),
    "H&ighlights",
    checkable=True,
    tip="A text cursor in the article: arrows move it, Shift+arrows select",
)
HIGHLIGHT_PANEL = _row(
    "highlight.panel",
    "Show &This Article's Highlights",
    ("Ctrl+Shift+H",),
    "H&ighlights",
    checkable=True,
    separate=True,
)
HIGHLIGHT_ALL = _row("highlight.all", "&All Highlights", ("G, H",), "H&ighlights")
HIGHLIGHT_COPY = _row(
    "highlight.copy",
    "&Copy Highlights as Markdown",
    ("Ctrl+Shift+C",),
    "H&ighlights",
    separate=True,
    tip="This article's highlights and notes, ready for a notes app",
)
HIGHLIGHT_EXPORT = _row("highlight.export", "&Export Highlights…", (), "H&ighlights")
HIGHLIGHT_EXPORT_ALL = _row(
    "highlight.export_all", "Export All Highlights to a &Folder…", (), "H&ighlights"
)
HIGHLIGHT_EXPORT_JSON = _row(
    "highlight.export_json", "Export All Highlights as &JSON…", (), "H&ighlights"
)
HIGHLIGHT_REMOVE = _row(
    "highlight.remove",
    "&Remove Highlight",
    ("Del",),
    "H&ighlights",
    context="highlight",
    separate=True,
)
HIGHLIGHT_UNDO = _row(
    "highlight.undo", "&Undo Removing a Highlight", ("Ctrl+Z",), "H&ighlights", context="highlight"
)
VIEW_ZOOM_IN = _row("view.zoom_in", "&Larger Text", ("+", "=", "Ctrl+=", "Ctrl++"), "&View")
VIEW_ZOOM_OUT = _row("view.zoom_out", "S&maller Text", ("-", "Ctrl+-"), "&View")
VIEW_ZOOM_RESET = _row("view.zoom_reset", "Default Si&ze", ("0", "Ctrl+0"), "&View")
VIEW_THEME_LIGHT = _row(
    "view.theme_light",
    "L&ight Theme",
    (),
    "&View",
    arg="light",
    checkable=True,
    group="theme",
    separate=True,
)
VIEW_THEME_SEPIA = _row(
    "view.theme_sepia", "Se&pia Theme", (), "&View", arg="sepia", checkable=True, group="theme"
)
VIEW_THEME_DARK = _row(
    "view.theme_dark", "&Dark Theme", (), "&View", arg="dark", checkable=True, group="theme"
)
VIEW_THEME_SYSTEM = _row(
    "view.theme_system",
    "&Follow the System Theme",
    (),
    "&View",
    arg="system",
    checkable=True,
    group="theme",
)
VIEW_LIBRARY = _row(
    "view.library", "Show the Li&brary", ("F8",), "&View", checkable=True, separate=True
)
VIEW_SIDEBAR = _row("view.sidebar", "Show Recommended &Stories", ("F9",), "&View", checkable=True)
VIEW_SHOW_ADS = _row("view.show_ads", "Show &Ads Among Recommended", (), "&View", checkable=True)
VIEW_FULL_SCREEN = _row(
    "view.full_screen", "F&ull Screen", ("F11",), "&View", checkable=True, separate=True
)
VIEW_FOCUS_MODE = _row(
    "view.focus_mode", "Focus M&ode (Only the Text)", ("Ctrl+Shift+F",), "&View", checkable=True
)
LISTEN_TOGGLE = _row(
    "listen.toggle",
    "&Listen / Pause",
    ("L",),
    "&Listen",
    tip="Read the article aloud; the text follows the voice",
)
LISTEN_STOP = _row("listen.stop", "&Stop Listening", ("Shift+L",), "&Listen")
LISTEN_NEXT_SENTENCE = _row(
    "listen.next_sentence", "&Next Sentence", ("]",), "&Listen", separate=True
)
LISTEN_PREVIOUS_SENTENCE = _row("listen.previous_sentence", "&Previous Sentence", ("[",), "&Listen")
LISTEN_NEXT_PARAGRAPH = _row("listen.next_paragraph", "Next P&aragraph", ("}",), "&Listen")
LISTEN_PREVIOUS_PARAGRAPH = _row(
    "listen.previous_paragraph", "Previous Pa&ragraph", ("{",), "&Listen"
)
LISTEN_FASTER = _row("listen.faster", "&Faster", (">",), "&Listen", separate=True)
LISTEN_SLOWER = _row("listen.slower", "Slo&wer", ("<",), "&Listen")
LISTEN_QUEUE_NEXT = _row(
    "listen.queue_next",
    "Listen Ne&xt",
    ("Q",),
    "&Listen",
    separate=True,
    tip="Play the article or story under the cursor after this one",
)
LISTEN_MARK_READ = _row(
    "listen.mark_read",
    "&Mark Read When Finished",
    (),
    "&Listen",
    checkable=True,
    tip="An article listened to its end counts as read",
)
HELP_SHORTCUTS = _row("help.shortcuts", "&Keyboard Shortcuts", ("?", "F1"), "&Help")
HELP_ABOUT = _row("help.about", "&About Reader", (), "&Help")

ACTIONS: tuple[ActionSpec, ...] = tuple(_rows)
COMMANDS: tuple[ActionSpec, ...] = tuple(row for row in ACTIONS if not row.submenu)


def spec(action_id: str) -> ActionSpec:
    for item in ACTIONS:
        if item.id == action_id:
            return item
    raise KeyError(action_id)
