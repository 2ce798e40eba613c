"""Every action of the table, pressed by its key in the real window, with a visible effect.

EFFECTS holds one check per action id: a new action without a check fails
``test_every_action_has_an_effect_check``. Each check gets a window with three saved
articles (the first one open) and the key(s) to press; keyless actions are triggered.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from highlight_checks import HIGHLIGHT_EFFECTS
from listening_checks import LISTEN_EFFECTS
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from removed_checks import REMOVED_EFFECTS
from window_helpers import WAIT_MS, press, stored, wait_idle

from reader.paths import LIBRARY_FILE
from reader.ui.actions import table as action_table
from reader.ui.actions.table import COMMANDS
from reader.ui.shell.main_window import MainWindow

TITLES = ("Morning at the harbour", "The lighthouse keepers", "Winter on the ferry")
PARAGRAPH = (
    "The harbour was quiet before dawn, and the boats lay still on water like dark glass; "
    "fishermen arrived one by one, carrying nets that smelled of salt and old rope. "
)


def page_html(title: str, paragraphs: int = 40) -> str:
    body = "\n".join(
        f"<p>{index}. {PARAGRAPH * 3} Needle number {index}.</p>" for index in range(paragraphs)
    )
    slug = "-".join(title.lower().split())
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title><meta property="og:site_name" content="Coastal Times">
<link rel="canonical" href="https://news.example.org/{slug}">
<meta name="author" content="Ada Lindqvist"></head>
<body><article><h1>{title}</h1>{body}</article>
<aside class="recommended"><h2>Recommended Stories</h2><ul>
<li><a href="https://news.example.org/a"><h3>How the old lighthouse was saved</h3></a>
<p>A village raised the money.</p></li>
<li><a href="https://news.example.org/b"><h3>Ten winters on the ferry route</h3></a>
<p>A captain looks back.</p></li></ul></aside></body></html>"""


@pytest.fixture(scope="module")
def seeded_library(tmp_path_factory) -> tuple[Path, list[int]]:
    """A library file with the three articles, built once and copied into each test."""
    from reader.extract import extract
    from reader.load import load
    from reader.store import Library

    folder = tmp_path_factory.mktemp("seeded")
    ids = []
    with Library(folder / LIBRARY_FILE) as library:
        for title in TITLES:
            path = folder / ("-".join(title.lower().split()) + ".html")
            path.write_text(page_html(title), encoding="utf-8")
            ids.append(library.save(extract(load(str(path))), origin=str(path)))
    return folder / LIBRARY_FILE, ids


@pytest.fixture
def ids(seeded_library, data_dir) -> list[int]:
    source, article_ids = seeded_library
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, data_dir / LIBRARY_FILE)
    return article_ids


@pytest.fixture
def window(ids, window, qtbot):
    """The shared window with the first of three saved articles open (``ids`` comes first:
    the library must be in place before the window opens it)."""
    open_id(qtbot, window, ids[0])
    yield window
    if not shiboken6.isValid(window):  # pytest-qt may have closed and deleted it already
        return
    for name in ("file_dialog", "url_dialog", "print_dialog", "preferences", "cheat_sheet",
                 "logins_dialog", "tags_dialog", "about_box", "import_dialog"):  # fmt: skip
        dialog = getattr(window, name, None)
        if dialog is not None and dialog.isVisible():
            dialog.reject()


def open_id(qtbot, window: MainWindow, article_id: int) -> None:
    window.opening.open_article(article_id)
    wait_idle(qtbot, window)
    assert window.current.article_id == article_id


def flags(window: MainWindow, article_id: int) -> tuple[bool, bool, bool]:
    article = stored(window).article(article_id)
    return article.starred, article.archived, article.read


# -- the checks ----------------------------------------------------------------------------


def check_dialog(name: str, *, title: str | None = None) -> Callable[..., None]:
    def check(qtbot, window, ids, action_id) -> None:
        press(qtbot, window, action_id)
        dialog = window.dialogs.shown.get(name)
        assert dialog is not None, name
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        if title is not None:
            assert title in dialog.windowTitle()
        dialog.reject()

    return check


def check_export(qtbot, window, ids, action_id):
    press(qtbot, window, action_id)
    shown = window.dialogs.shown
    qtbot.waitUntil(lambda: "export" in shown and shown["export"].isVisible(), timeout=5000)
    assert shown["export"].whole.text() == "The whole library (3 articles)"
    shown["export"].reject()


def check_reextract(qtbot, window, ids, action_id):
    """The article's site, or the whole library (3 articles), extracted again in the
    background, and said in the status bar."""
    window.reextracting.last = None
    press(qtbot, window, action_id)
    qtbot.waitUntil(lambda: window.reextracting.last is not None, timeout=WAIT_MS)
    summary = window.reextracting.last
    seen = summary.reextracted + summary.unchanged + summary.no_original + len(summary.failures)
    assert seen == 3 if action_id == "file.reextract_all" else 1 <= seen <= 3
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Re-extracted "), timeout=WAIT_MS
    )


def check_quit(qtbot, window, ids, action_id):
    press(qtbot, window, action_id)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def check_paste_url(qtbot, window, ids, action_id):
    opened: list[str] = []
    window.opening.open_source = lambda source, login=None: opened.append(source)
    QGuiApplication.clipboard().setText("https://news.example.org/pasted")
    press(qtbot, window, action_id)
    assert opened == ["https://news.example.org/pasted"]


def check_list_step(qtbot, window, ids, action_id):
    window.navigation.go_library()
    table = window.library_panel.table
    window.library_panel.select_article(ids[1])
    row = table.currentIndex().row()
    press(qtbot, window, action_id, table)
    step = 1 if action_id == "nav.next" else -1
    assert table.currentIndex().row() == row + step
    assert window.current.article_id == ids[0]  # moving in the list opens nothing


def check_reader_step(qtbot, window, ids):
    """j in the article (not a list): the next article of the library opens."""
    open_id(qtbot, window, ids[1])  # the list is newest first: ids[2], ids[1], ids[0]
    press(qtbot, window, "nav.next", window.view)
    wait_idle(qtbot, window)
    assert window.current.article_id == ids[0]
    press(qtbot, window, "nav.previous", window.view)
    wait_idle(qtbot, window)
    assert window.current.article_id == ids[1]


def check_open(qtbot, window, ids, action_id):
    window.navigation.go_library()
    table = window.library_panel.table
    window.library_panel.select_article(ids[2])
    press(qtbot, window, action_id, table)
    wait_idle(qtbot, window)
    assert window.current.article_id == ids[2]


def check_unread(qtbot, window, ids, action_id):
    window.navigation.go_library()
    press(qtbot, window, action_id)
    wait_idle(qtbot, window)
    if action_id == "nav.next_unread":
        assert window.current.article_id is not None and window.current.article_id != ids[0]
    else:  # from the second article of the list, back to an earlier unread one
        current = window.current.article_id
        press(qtbot, window, "nav.next_unread")
        wait_idle(qtbot, window)
        moved = window.current.article_id
        press(qtbot, window, action_id)
        wait_idle(qtbot, window)
        assert window.current.article_id not in (moved, None)
        assert current is not None


def check_history(qtbot, window, ids, action_id):
    open_id(qtbot, window, ids[1])
    press(qtbot, window, "nav.back")
    wait_idle(qtbot, window)
    assert window.current.article_id == ids[0]
    if action_id == "nav.forward":
        press(qtbot, window, action_id)
        wait_idle(qtbot, window)
        assert window.current.article_id == ids[1]


def check_go_library(qtbot, window, ids, action_id):
    window.library_panel.hide()
    press(qtbot, window, action_id)
    assert window.library_panel.isVisible()
    assert window.library_panel.isAncestorOf(QApplication.focusWidget())


def check_go_sidebar(qtbot, window, ids, action_id):
    press(qtbot, window, action_id)
    assert window.sidebar.isVisible()
    assert window.sidebar.isAncestorOf(QApplication.focusWidget())
    mode = getattr(window.sidebar, "mode", None)
    if callable(mode):
        wanted = "for" if action_id == "go.for_you" else "article"
        assert wanted in str(mode()).lower().replace("_", " ")


def check_focus_text(qtbot, window, ids, action_id):
    press(qtbot, window, action_id, window.sidebar.list)
    assert QApplication.focusWidget() is window.view


def check_search(qtbot, window, ids, action_id):
    press(qtbot, window, action_id)
    assert QApplication.focusWidget() is window.library_panel.search_field


def check_page(qtbot, window, ids, action_id):
    bar = window.view.verticalScrollBar()
    assert bar.maximum() > 2 * window.view.viewport().height()
    if action_id == "read.page_up":
        bar.setValue(bar.maximum() // 2)
    before = bar.value()
    press(qtbot, window, action_id)
    if action_id == "read.page_down":
        assert bar.value() > before
    else:
        assert bar.value() < before


def check_start_end(qtbot, window, ids, action_id):
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    press(qtbot, window, action_id)
    assert bar.value() == (bar.minimum() if action_id == "read.start" else bar.maximum())


def check_find_open(qtbot, window, ids, action_id):
    for key in action_table.spec(action_id).keys:
        window.find_bar.close_bar()
        window.view.setFocus()
        QTest.keySequence(window.view, QKeySequence(key))
        assert window.find_bar.isVisible(), key
        assert QApplication.focusWidget() is window.find_bar.field
    QTest.keyClicks(window.find_bar.field, "Needle")
    assert window.find_bar.match_count() == 40


def check_find_step(qtbot, window, ids, action_id):
    window.find_bar.open()
    window.find_bar.field.setText("Needle")
    start = window.find_bar.current_index()
    press(qtbot, window, action_id)
    step = 1 if action_id == "find.next" else -1
    assert window.find_bar.current_index() == (start + step) % window.find_bar.match_count()


def check_original(qtbot, window, ids, action_id):
    opened: list[str] = []
    window.open_actions.open_external = lambda url: opened.append(url.toString())
    press(qtbot, window, action_id)
    assert opened == ["https://news.example.org/morning-at-the-harbour"]


FLAG_INDEX = {"article.star": 0, "article.archive": 1, "article.read": 2}


def check_flag(qtbot, window, ids, action_id):
    index = FLAG_INDEX[action_id]
    before = flags(window, ids[0])[index]
    press(qtbot, window, action_id)
    qtbot.waitUntil(lambda: flags(window, ids[0])[index] is not before, timeout=WAIT_MS)
    # In the library list, the key acts on the selected row instead.
    window.navigation.go_library()
    window.library_panel.select_article(ids[1])
    before_other = flags(window, ids[1])[index]
    press(qtbot, window, action_id, window.library_panel.table)
    qtbot.waitUntil(lambda: flags(window, ids[1])[index] is not before_other, timeout=WAIT_MS)


def check_tags(qtbot, window, ids, action_id):
    press(qtbot, window, action_id)
    qtbot.waitUntil(lambda: "tags" in window.dialogs.shown, timeout=WAIT_MS)
    dialog = window.dialogs.shown["tags"]
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.setTextValue("boats, sea")
    dialog.accept()
    assert stored(window).article(ids[0]).tags == ("boats", "sea")


def check_escape(qtbot, window, ids, action_id):
    window.find_bar.open()
    press(qtbot, window, action_id, window.find_bar.field)
    assert not window.find_bar.isVisible()
    window.view_actions.enter_focus_mode()
    assert not window.menuBar().isVisible()
    press(qtbot, window, action_id)
    assert not window.view_actions.in_focus_mode()
    assert window.menuBar().isVisible() and window.statusBar().isVisible()


def check_zoom(qtbot, window, ids, action_id):
    from reader.ui.reading.themes import DEFAULT_FONT_PX

    if action_id == "view.zoom_reset":
        window.view_actions.zoom_in()
    for key in action_table.spec(action_id).keys:
        before = window.view.font_px
        window.view.setFocus()
        QTest.keySequence(window.view, QKeySequence(key))
        after = window.view.font_px
        if action_id == "view.zoom_in":
            assert after > before, key
        elif action_id == "view.zoom_out":
            assert after < before, key
        else:
            assert after == DEFAULT_FONT_PX, key
            window.view_actions.zoom_in()
    assert f"font-size: {window.view.font_px}px" in window.view.document().defaultStyleSheet()


def check_theme(qtbot, window, ids, action_id):
    name = action_id.rsplit("_", 1)[1]
    if name == "light":
        window.view_actions.set_theme("dark")
    press(qtbot, window, action_id)
    assert window.settings.theme == name
    expected = window.view_actions.style.resolved_theme()
    assert window.view.theme == expected
    assert window.actions_by_id[action_id].isChecked()


def check_toggle_panel(attribute: str) -> Callable[..., None]:
    def check(qtbot, window, ids, action_id) -> None:
        panel = getattr(window, attribute)
        before = panel.isVisible()
        press(qtbot, window, action_id)
        assert panel.isVisible() is not before
        press(qtbot, window, action_id)
        assert panel.isVisible() is before

    return check


def check_ads(qtbot, window, ids, action_id):
    press(qtbot, window, action_id)
    assert window.sidebar.ads_toggle.isChecked()
    assert window.settings.show_ads


def check_full_screen(qtbot, window, ids, action_id):
    press(qtbot, window, action_id)
    qtbot.waitUntil(lambda: bool(window.windowState() & Qt.WindowState.WindowFullScreen))
    press(qtbot, window, action_id)
    qtbot.waitUntil(lambda: not window.windowState() & Qt.WindowState.WindowFullScreen)


def check_focus_mode(qtbot, window, ids, action_id):
    window.view_actions.reveal_sidebar()  # (a page without stories rests it)
    press(qtbot, window, action_id)
    assert window.view_actions.in_focus_mode()
    for part in (window.menuBar(), window.statusBar(), window.sidebar, window.library_panel):
        assert not part.isVisible()
    assert window.view.isVisible()
    press(qtbot, window, action_id)
    assert not window.view_actions.in_focus_mode() and window.sidebar.isVisible()


def check_cheat_sheet(qtbot, window, ids, action_id):
    for key in action_table.spec(action_id).keys:
        window.view.setFocus()
        QTest.keySequence(window.view, QKeySequence(key))
        sheet = window.dialogs.shown["cheat_sheet"]
        qtbot.waitUntil(sheet.isVisible, timeout=5000)
        assert sheet.listed_ids() == [row.id for row in COMMANDS], key
        sheet.reject()


EFFECTS: dict[str, Callable[..., None]] = {
    "file.open": check_dialog("file", title="Open"),
    "file.open_url": check_dialog("url"),
    "file.paste_url": check_paste_url,
    "file.import": check_dialog("file", title="Import"),
    "file.import_export": check_dialog("file", title="Import another reader's export"),
    "file.export": check_export,
    "file.print": check_dialog("print"),
    "file.logins": check_dialog("logins"),
    "file.site_rules": check_dialog("site_rules", title="Site Rules"),
    "file.reextract_site": check_reextract,
    "file.reextract_all": check_reextract,
    "file.fetch_queue": check_dialog("fetch-queue"),
    "file.preferences": check_dialog("preferences"),
    "app.quit": check_quit,
    "nav.next": check_list_step,
    "nav.previous": check_list_step,
    "nav.open": check_open,
    "nav.next_unread": check_unread,
    "nav.previous_unread": check_unread,
    "nav.back": check_history,
    "nav.forward": check_history,
    "go.library": check_go_library,
    "go.for_you": check_go_sidebar,
    "go.article": check_go_sidebar,
    "article.focus_text": check_focus_text,
    "library.search": check_search,
    "read.page_down": check_page,
    "read.page_up": check_page,
    "read.start": check_start_end,
    "read.end": check_start_end,
    "find.open": check_find_open,
    "find.next": check_find_step,
    "find.previous": check_find_step,
    "article.original": check_original,
    "article.archive": check_flag,
    "article.star": check_flag,
    "article.read": check_flag,
    "article.tags": check_tags,
    "app.escape": check_escape,
    "view.zoom_in": check_zoom,
    "view.zoom_out": check_zoom,
    "view.zoom_reset": check_zoom,
    "view.theme_light": check_theme,
    "view.theme_sepia": check_theme,
    "view.theme_dark": check_theme,
    "view.theme_system": check_theme,
    "view.library": check_toggle_panel("library_panel"),
    "view.sidebar": check_toggle_panel("sidebar"),
    "view.show_ads": check_ads,
    "view.full_screen": check_full_screen,
    "view.focus_mode": check_focus_mode,
    "help.shortcuts": check_cheat_sheet,
    "help.about": check_dialog("about", title="About"),
    **LISTEN_EFFECTS,
    **HIGHLIGHT_EFFECTS,
    **REMOVED_EFFECTS,
}

ACTION_IDS = [row.id for row in COMMANDS]


def test_every_action_has_an_effect_check():
    assert sorted(EFFECTS) == sorted(ACTION_IDS)


NEED_NO_VOICE = ("listen.faster", "listen.slower", "listen.mark_read")


@pytest.mark.parametrize("action_id", ACTION_IDS)
def test_action_key_has_its_effect(qtbot, window, ids, action_id, request):
    if action_id.startswith("listen.") and action_id not in NEED_NO_VOICE:
        request.getfixturevalue("speech_dispatcher")  # a real voice (skips where none)
    EFFECTS[action_id](qtbot, window, ids, action_id)


def test_j_in_the_article_opens_the_next_article(qtbot, window, ids):
    check_reader_step(qtbot, window, ids)


def test_single_letters_type_into_text_fields(qtbot, window, ids):
    """s, e, j, / and friends are letters while the library search field has focus."""
    window.navigation.search_library()
    field = window.library_panel.search_field
    before = flags(window, ids[0])
    font = window.view.font_px
    QTest.keyClicks(field, "sejkmnpot/+-0?")
    assert field.text() == "sejkmnpot/+-0?"
    assert flags(window, ids[0]) == before
    assert window.view.font_px == font
    assert not window.find_bar.isVisible()
    assert window.current.article_id == ids[0]


def test_star_and_tags_show_in_the_article_header_with_undo(qtbot, window, ids):
    press(qtbot, window, "article.star")
    qtbot.waitUntil(lambda: "★ Starred" in window.view.toPlainText()[:400], timeout=WAIT_MS)
    toast = window.undo_toast
    assert toast.isVisible() and toast.text() == "Starred “Morning at the harbour”."
    assert window.statusBar().currentMessage() != toast.text()  # said once, not twice
    window.library_actions._ask_tags(stored(window).row(ids[0]))
    dialog = window.dialogs.shown["tags"]
    dialog.setTextValue("boats, sea")
    dialog.accept()
    qtbot.waitUntil(lambda: "#boats" in window.view.toPlainText()[:400], timeout=WAIT_MS)
    assert "#sea" in window.view.toPlainText()[:400]
    qtbot.mouseClick(toast.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "#boats" not in window.view.toPlainText()[:400], timeout=WAIT_MS)


def test_archiving_while_reading_moves_on_to_the_next_unread_with_undo(qtbot, window, ids):
    press(qtbot, window, "article.archive")
    qtbot.waitUntil(lambda: window.current.article_id not in (None, ids[0]), timeout=WAIT_MS)
    assert flags(window, ids[0])[1]  # archived
    assert not flags(window, window.current.article_id)[2]  # an unread one came up
    toast = window.undo_toast
    assert toast.text().endswith("on to the next unread article") and toast.isVisible()
    qtbot.mouseClick(toast.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current.article_id == ids[0], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not flags(window, ids[0])[1], timeout=WAIT_MS)
