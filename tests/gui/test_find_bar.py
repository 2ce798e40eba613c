"""Find in the article: incremental, every match highlighted, F3 cycles, Esc clears."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from reader.ui.reading.find_bar import FindBar

TEXT = "<h1>Apples</h1>" + "".join(
    f"<p>Paragraph {i}: an apple a day keeps the doctor away. Apple pie.</p>" for i in range(40)
)


@pytest.fixture
def bar(qtbot):
    host = QWidget()
    layout = QVBoxLayout(host)
    view = QTextBrowser()
    view.setHtml(TEXT)
    find = FindBar(view)
    layout.addWidget(view)
    layout.addWidget(find)
    qtbot.addWidget(host)
    host.resize(500, 300)
    host.show()
    qtbot.waitExposed(host)
    yield find  # the host stays referenced while the test runs


def test_typing_highlights_every_match_and_counts(bar, qtbot):
    bar.open()
    assert bar.isVisible()
    assert bar.field.hasFocus()
    assert bar.field.isClearButtonEnabled()  # set when the bar first opens
    qtbot.keyClicks(bar.field, "apple")
    view = bar.editor()
    assert bar.match_count() == 81  # heading + 2 per paragraph, case-insensitive
    assert bar.count_text() == "1 of 81"
    selections = view.extraSelections()
    assert len(selections) == 81
    current = bar.current_match()
    assert current is not None and current.selectedText().lower() == "apple"
    # the current match has its own colour, different from the others
    colours = {s.format.background().color().name() for s in selections}
    assert len(colours) == 2


def test_incremental_narrowing_and_no_match(bar, qtbot):
    bar.open()
    qtbot.keyClicks(bar.field, "pie")
    assert bar.match_count() == 40
    qtbot.keyClicks(bar.field, "zzz")
    assert bar.match_count() == 0
    assert bar.count_text() == "No matches"
    assert bar.editor().extraSelections() == []


def test_f3_enter_and_shift_move_between_matches(bar, qtbot):
    bar.open()
    qtbot.keyClicks(bar.field, "doctor")
    assert bar.count_text() == "1 of 40"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count_text() == "2 of 40"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count_text() == "3 of 40"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_text() == "2 of 40"
    bar.find_previous()
    bar.find_previous()  # wraps round to the last match
    assert bar.count_text() == "40 of 40"
    # the view scrolled to show it
    view = bar.editor()
    assert view.verticalScrollBar().value() > 0


def test_match_case(bar, qtbot):
    bar.open()
    qtbot.keyClicks(bar.field, "Apple")
    assert bar.match_count() == 81
    bar.case_button.click()
    assert bar.match_count() == 41  # "Apples" heading + "Apple pie"


def test_escape_closes_and_clears(bar, qtbot):
    bar.open()
    qtbot.keyClicks(bar.field, "apple")
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert bar.editor().extraSelections() == []
    assert bar.handle_escape() is False


def test_keys_in_field_win_over_window_shortcuts(bar, qtbot):
    """A window F3 / Esc action must not steal the key from the focused field."""
    host = bar.window()
    fired = []
    for key in ("F3", "Esc"):
        action = QAction(key, host)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _=False, k=key: fired.append(k))
        host.addAction(action)
    bar.open()
    qtbot.keyClicks(bar.field, "apple")
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count_text() == "2 of 81"
    assert fired == []


def test_new_document_refreshes_matches(bar, qtbot):
    bar.open()
    qtbot.keyClicks(bar.field, "apple")
    bar.editor().setHtml("<p>one apple</p>")
    qtbot.waitUntil(lambda: bar.match_count() == 1)
    assert bar.count_text() == "1 of 1"


def test_selection_prefills_query(bar):
    view = bar.editor()
    cursor = view.document().find("doctor")
    view.setTextCursor(cursor)
    bar.open()
    assert bar.field.text() == "doctor"
    assert bar.field.selectedText() == "doctor"


def test_find_next_when_closed_opens_the_bar(bar):
    bar.field.setText("pie")
    bar.hide()
    bar.find_next()
    assert bar.isVisible()
    assert bar.match_count() == 40


def test_accessible_names(bar):
    assert bar.accessibleName()
    for widget in (bar.field, bar.previous_button, bar.next_button, bar.close_button):
        assert widget.accessibleName()


def test_replaced_document_refreshes_matches(bar, qtbot):
    """The reading view adopts documents built off the GUI thread with setDocument."""
    from PySide6.QtGui import QTextDocument

    bar.open()
    qtbot.keyClicks(bar.field, "apple")
    document = QTextDocument(bar.editor())
    document.setHtml("<p>apple and apple</p>")
    bar.editor().setDocument(document)
    qtbot.waitUntil(lambda: bar.match_count() == 2)
