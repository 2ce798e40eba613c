"""The library panel on a real SQLite library: lazy pages, filters, search, undoable changes.

The panel reads and writes through a real library service (its reader and writer threads);
the tests wait for that work as a person would wait for the list to show it.
"""

import threading
import time

import pytest
from PySide6.QtCore import QModelIndex, Qt

from reader.errors import StoreError
from reader.model import Article
from reader.store import Library
from reader.ui.library.library_model import PAGE_SIZE, STATE, TIME, TITLE
from reader.ui.library.library_view import LibraryPanel
from reader.ui.presenter import tasks
from reader.ui.presenter.library_service import LibraryService

WAIT_MS = 30_000

WORDS = ("otters", "volcanoes", "bread", "tides", "lichens")


def make_article(number: int) -> Article:
    topic = WORDS[number % len(WORDS)]
    text = f"Article {number} is about {topic}. " + "Filler words for reading. " * 40
    return Article(
        source=f"/pages/{number}.html",
        title=f"Story {number:04d} on {topic}",
        content_html=f"<p>{text}</p>",
        text=text,
        url=f"https://example.com/{number}",
        site_name="Example News" if number % 2 else "Other Site",
        published=f"2024-01-{1 + number % 28:02d}",
        word_count=len(text.split()),
        reading_minutes=1 + number % 7,
    )


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "library.sqlite3") as lib:
        for number in range(450):
            lib.save(make_article(number))
        yield lib


@pytest.fixture
def service(qtbot, library):
    service = LibraryService(library.path)
    yield service
    service.close()


def settle(qtbot, panel=None) -> None:
    """Wait until the panel's reads and writes came back."""
    qtbot.waitUntil(
        lambda: tasks.pending() == 0 and (panel is None or not panel.is_loading()),
        timeout=WAIT_MS,
    )


def make_panel(qtbot, service, **options) -> LibraryPanel:
    widget = LibraryPanel(service, **options)
    qtbot.addWidget(widget)
    widget.resize(800, 500)
    widget.show()
    qtbot.waitExposed(widget)
    settle(qtbot, widget)
    return widget


@pytest.fixture
def panel(qtbot, service):
    return make_panel(qtbot, service)


def test_model_is_lazy(panel, library, qtbot):
    model = panel.model
    assert model.loaded_count() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    panel.table.scrollToBottom()
    while model.canFetchMore(QModelIndex()) or panel.is_loading():
        model.fetchMore(QModelIndex())
        settle(qtbot, panel)
    assert model.loaded_count() == 450
    assert panel.count_label.text() == "450 articles"
    ids = [model.row_at(i).id for i in range(model.loaded_count())]
    assert len(set(ids)) == 450  # pages neither overlap nor skip


def test_columns(panel, qtbot):
    model = panel.model
    first = model.row_at(0)
    assert model.index(0, TITLE).data() == first.title
    assert model.index(0, TIME).data() == f"{first.reading_minutes} min"
    assert model.index(0, STATE).data() == "●"  # unread
    assert "unread" in model.index(0, STATE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Saved"
    panel.set_sort("published")
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Published"
    settle(qtbot, panel)


def test_sort_by_title(panel, qtbot):
    panel.set_sort("title")
    settle(qtbot, panel)
    titles = [panel.model.row_at(i).title for i in range(20)]
    assert titles == sorted(titles, key=str.casefold)


def test_star_filter_and_undo(panel, library, qtbot):
    panel.table.setFocus()
    first_id = panel.model.row_at(0).id
    panel.select_article(first_id)
    panel.toggle_star()
    assert panel.model.index(0, STATE).data().startswith("★")  # at once, in the list
    assert panel.message.isVisible()
    assert "Starred" in panel.message.text()
    settle(qtbot, panel)
    assert library.article(first_id).starred
    panel.set_filter("starred")
    settle(qtbot, panel)
    assert panel.model.loaded_count() == 1
    assert panel.count_label.text() == "1 article"
    panel.message.undo_button.click()
    settle(qtbot, panel)
    assert not library.article(first_id).starred


def test_multi_selection_archive_and_ctrl_z(panel, library, qtbot):
    panel.table.setFocus()
    panel.table.selectRow(0)
    panel.table.selectionModel().select(
        panel.model.index(1, 0),
        panel.table.selectionModel().SelectionFlag.Select
        | panel.table.selectionModel().SelectionFlag.Rows,
    )
    ids = panel.selected_ids()
    assert len(ids) == 2
    panel.toggle_archive()
    assert "2 articles" in panel.message.text()
    settle(qtbot, panel)
    assert all(library.article(i).archived for i in ids)
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, panel)
    assert not any(library.article(i).archived for i in ids)


def test_read_toggle(panel, library, qtbot):
    article_id = panel.model.row_at(3).id
    panel.select_article(article_id)
    panel.toggle_read()
    settle(qtbot, panel)
    assert library.article(article_id).read
    font = panel.model.index(3, TITLE).data(Qt.ItemDataRole.FontRole)
    assert font is None  # unread titles are bold, read ones plain


def test_delete_with_undo_puts_the_row_back(panel, library, qtbot):
    panel.table.setFocus()
    row_id = panel.model.row_at(5).id
    panel.select_article(row_id)
    deleted = []
    panel.article_deleted.connect(deleted.append)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert deleted == [row_id]
    assert panel.model.row_of(row_id) == -1
    settle(qtbot, panel)
    assert panel.count_label.text() == "449 articles"
    with pytest.raises(StoreError):
        library.article(row_id)
    assert panel.message.undo_button.isVisible()
    panel.message.undo_button.click()
    assert panel.model.row_of(row_id) == 5
    settle(qtbot, panel)
    assert library.article(row_id).id == row_id
    assert panel.count_label.text() == "450 articles"


def test_tags_and_tag_filter(qtbot, library, service):
    panel = make_panel(qtbot, service, ask_tags=lambda parent, current: "travel, sea, Travel ")
    article_id = panel.model.row_at(2).id
    panel.select_article(article_id)
    panel.edit_tags()
    settle(qtbot, panel)
    assert library.article(article_id).tags == ("travel", "sea")  # one rule: reader.tags
    labels = [panel.filter_combo.itemText(i) for i in range(panel.filter_combo.count())]
    assert "Tag: travel (1)" in labels
    panel.set_filter("all", tag="sea")
    settle(qtbot, panel)
    assert [panel.model.row_at(i).id for i in range(panel.model.loaded_count())] == [article_id]
    panel.undo()
    settle(qtbot, panel)
    assert library.article(article_id).tags == ()


def test_enter_and_double_click_activate(panel, qtbot):
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, TITLE))
    expected = panel.model.row_at(0).id
    with qtbot.waitSignal(panel.article_activated) as blocker:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert blocker.args == [expected]
    panel.select_next()
    assert panel.current_article_id() == panel.model.row_at(1).id
    panel.select_previous()
    assert panel.current_article_id() == expected
    with qtbot.waitSignal(panel.article_activated):
        panel.open_current()


def test_search_as_you_type_is_debounced_and_highlighted(panel, qtbot, monkeypatch):
    calls = []
    original = Library.search

    def counting(self, query, limit=50, offset=0):
        calls.append(query)
        return original(self, query, limit=limit, offset=offset)

    monkeypatch.setattr(Library, "search", counting)
    panel.focus_search()
    assert panel.search_field.hasFocus()
    qtbot.keyClicks(panel.search_field, "otters")
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.results, timeout=5000)
    assert calls == ["otters"]  # one query for six key presses
    model = panel.search_model
    assert model.rowCount() == 90
    snippet = model.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    assert "<b>otters</b>" in snippet.lower()
    # Down moves into the hits, Enter opens one
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Down)
    assert panel.results.hasFocus()
    with qtbot.waitSignal(panel.article_activated):
        qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    # Esc in the field clears the search and shows the list again
    panel.focus_search()
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Escape)
    assert panel.search_field.text() == ""
    assert panel.stack.currentWidget() is panel.table


def test_search_with_no_hits(panel, qtbot):
    panel.search_now("zzzyzzx")
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.no_results, timeout=5000)
    assert panel.no_results.text() == "Nothing found."


def test_late_answers_to_old_queries_are_dropped(panel, qtbot, monkeypatch):
    """A slow search for an old query answers after the new one: it must not win."""
    original = Library.search
    newer_done = threading.Event()

    def slow_for_otters(self, query, limit=50, offset=0):
        hits = original(self, query, limit=limit, offset=offset)
        if query == "otters":
            newer_done.wait(5)
            time.sleep(0.1)
        else:
            newer_done.set()
        return hits

    monkeypatch.setattr(Library, "search", slow_for_otters)
    panel.search_now("otters")
    panel.search_now("bread")
    settle(qtbot, panel)
    assert "bread" in panel.search_model.index(0, 0).data().lower()


def test_store_errors_show_as_a_message(panel, qtbot, monkeypatch):
    def broken(*args, **kwargs):
        raise StoreError("library x is read-only; nothing was changed")

    monkeypatch.setattr(Library, "set_starred", broken)
    panel.select_article(panel.model.row_at(0).id)
    panel.toggle_star()
    settle(qtbot, panel)
    assert panel.message.isVisible()
    assert "read-only" in panel.message.text()
    assert not panel.message.undo_button.isVisible()
    assert not panel.undo_stack.canUndo()


def test_accessible_names(panel):
    for widget in (
        panel,
        panel.table,
        panel.results,
        panel.search_field,
        panel.filter_combo,
        panel.sort_combo,
        panel.message.undo_button,
    ):
        assert widget.accessibleName()
    text = panel.model.index(0, TITLE).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "unread" in text


def test_the_tags_dialog_completes_tags_in_use(qtbot):
    from reader.ui.library.tags_dialog import TagsDialog

    dialog = TagsDialog(["sea"], ["travel", "long read", "sea"], "Harbour days")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() >= 440  # not a bare 200 px box
    completer = dialog.field.completer()
    dialog.setTextValue("sea, tr")
    completer.setCompletionPrefix(completer.splitPath(dialog.textValue())[0])
    assert completer.completionModel().index(0, 0).data() == "travel"  # the word being typed
    assert completer.currentCompletion() == "sea, travel"  # the tags before it stay
    dialog.field.setText("sea, travel")
    assert dialog.textValue() == "sea, travel"
