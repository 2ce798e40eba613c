"""Re-extracting from the window (File menu, in the background) and the Site Rules dialog
(list, edit, checked save, re-extract the site), on the two pages of one template in
tests/pages/siterules, saved before their site had rules."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from window_helpers import WAIT_MS, press, stored, wait_idle

from reader.load import load
from reader.service.highlighting import highlight_quote
from reader.service.site_rules import extract_page
from reader.store import Library
from reader.ui.actions import table
from reader.ui.dialogs.rules_editor import RulesEditor

PAGES = Path(__file__).resolve().parents[1] / "pages" / "siterules"
NEWSLETTER = "Get the Courier every morning"
QUOTE = "Four walkers were brought"
COURIER_RULES = (
    "# The Harbour Courier: the newsletter box sits inside the story body.\n"
    "body: //div[@class='standfirst'] | //div[@class='article-body']\n"
    "strip_id_or_class: newsletter-signup\n"
    "lazy_images: data-src\n"
)


def saved_courier() -> list[int]:
    """The two Courier pages in the library as extracted without rules: the newsletter box
    in their text; tags and a highlight on the second."""
    with Library() as library:
        ids = [
            library.save(extract_page(load(str(PAGES / name))))
            for name in ("ferry.html", "lifeboat.html")
        ]
        library.set_tags(ids[1], ["rescue"])
        library.set_starred(ids[1], True)
        highlight_quote(library, ids[1], QUOTE)
        for article_id in ids:
            assert NEWSLETTER in library.article(article_id).article.text
    return ids


def rules_path(data_dir: Path) -> Path:
    return data_dir / "site-rules" / "harbourcourier.example.txt"


def first_row(dialog: RulesEditor) -> list[str]:
    cells = [dialog.table.item(0, column) for column in range(dialog.table.columnCount())]
    return [cell.text() if cell is not None else "" for cell in cells]


def type_over(dialog: RulesEditor, text: str) -> None:
    """Replace the editor's text as typing would (the document is modified)."""
    dialog.editor.setFocus()
    dialog.editor.selectAll()
    dialog.editor.insertPlainText(text)
    assert dialog.save_button.isEnabled()


def heartbeat() -> tuple[QTimer, list[float]]:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    return timer, ticks


def test_site_rules_dialog_checks_saves_and_reextracts_the_site(qtbot, window, data_dir):
    ids = saved_courier()
    rules_path(data_dir).parent.mkdir(parents=True)
    rules_path(data_dir).write_text("body: //div[@class='article-body']\nlazy_images: data-src\n")
    window.opening.open_article(ids[1])
    wait_idle(qtbot, window)

    press(qtbot, window, table.FILE_SITE_RULES.id)
    qtbot.waitUntil(lambda: "site_rules" in window.dialogs.shown, timeout=WAIT_MS)
    dialog = window.dialogs.shown["site_rules"]
    assert isinstance(dialog, RulesEditor) and dialog.isVisible()
    assert dialog.table.rowCount() == 1
    assert first_row(dialog) == [
        "harbourcourier.example",
        "1",
        "1 line",
    ]  # the article's site, chosen
    assert dialog.host == "harbourcourier.example"
    assert "unknown directive 'lazy_images' kept" in dialog.report.text()

    before = rules_path(data_dir).read_text()
    type_over(dialog, COURIER_RULES + "strip: //div[@id='promo'\n")
    QTest.keySequence(dialog.editor, QKeySequence(QKeySequence.StandardKey.Save))
    assert dialog.report.text().startswith("Not saved:")
    assert "line 5: strip: bad XPath" in dialog.report.text()
    assert rules_path(data_dir).read_text() == before  # nothing written
    assert not dialog.reextract_button.isEnabled()  # unsaved text is not what would run

    type_over(dialog, COURIER_RULES)
    QTest.keySequence(dialog.editor, QKeySequence(QKeySequence.StandardKey.Save))
    assert rules_path(data_dir).read_text() == COURIER_RULES
    assert dialog.report.text().startswith("Saved harbourcourier.example.txt: 2 rules used.")
    assert first_row(dialog)[1] == "2"
    assert dialog.focusWidget() is dialog.reextract_button  # what comes next is offered

    timer, ticks = heartbeat()
    QTest.keyClick(dialog.reextract_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.reextracting.last is not None, timeout=WAIT_MS)
    timer.stop()
    assert len(ticks) > 1  # the window went on handling events meanwhile
    summary = window.reextracting.last
    assert (summary.reextracted, summary.failures) == (2, [])
    qtbot.waitUntil(  # after the article on screen is shown again with its new text
        lambda: (
            window.statusBar().currentMessage()
            == "Re-extracted the articles of harbourcourier.example: 2 re-extracted, 0 unchanged."
        ),
        timeout=WAIT_MS,
    )
    library = stored(window)
    for article_id in ids:
        assert NEWSLETTER not in library.article(article_id).article.text
    kept = library.article(ids[1])
    assert kept.tags == ("rescue",) and kept.starred
    marks = library.article_highlights(ids[1])
    assert len(marks) == 1 and not marks[0].detached and marks[0].anchor.exact == QUOTE
    wait_idle(qtbot, window)
    assert NEWSLETTER not in window.current.article.text  # the article on screen, shown anew

    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_reextract_this_site_and_the_whole_library_from_the_menu(qtbot, window, data_dir):
    ids = saved_courier()
    window.opening.open_article(ids[0])
    wait_idle(qtbot, window)
    press(qtbot, window, table.FILE_REEXTRACT_SITE.id)
    qtbot.waitUntil(lambda: window.reextracting.last is not None, timeout=WAIT_MS)
    assert window.reextracting.last.line() == "0 re-extracted, 2 unchanged"  # no rules yet

    rules_path(data_dir).parent.mkdir(parents=True)
    rules_path(data_dir).write_text(COURIER_RULES)
    window.reextracting.last = None
    press(qtbot, window, table.FILE_REEXTRACT_ALL.id)
    assert window.reextracting.running()
    press(qtbot, window, table.FILE_REEXTRACT_ALL.id)  # a second run waits for the first
    assert window.statusBar().currentMessage() == "Already re-extracting the whole library"
    qtbot.waitUntil(lambda: window.reextracting.last is not None, timeout=WAIT_MS)
    assert window.reextracting.last.reextracted == 2
    qtbot.waitUntil(  # after the article on screen is shown again with its new text
        lambda: (
            window.statusBar()
            .currentMessage()
            .startswith("Re-extracted the whole library: 2 re-extracted")
        ),
        timeout=WAIT_MS,
    )
    assert NEWSLETTER not in stored(window).article(ids[0]).article.text
