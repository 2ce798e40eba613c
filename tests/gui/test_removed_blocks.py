"""Show what was removed (x), restore (r) and remove (d) a block, in the real window, by
keyboard only: the fix is kept as a site rule in site-rules/HOST.txt that reproduces it on
the next extraction of the page and on another page of the same template (the two pages
of tests/pages/siterules), after the window's offer to extract the site again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from removed_checks import find_words
from window_helpers import WAIT_MS, press, stored, wait_idle

from reader.ui.shell.main_window import MainWindow

PAGES = Path(__file__).resolve().parent.parent / "pages" / "siterules"
SITE = "https://www.harbourcourier.example/news/"
NEWSLETTER = "Get the Courier every morning"
MOST_READ = "Council approves new ferry timetable"
STORY = "Passengers will be able to sail at eleven"


@pytest.fixture
def ids(data_dir: Path) -> dict[str, int]:
    """Two saved pages of one site's template, each with its original kept."""
    from reader.extract import extract
    from reader.load import load
    from reader.store import Library

    data_dir.mkdir(parents=True, exist_ok=True)
    found = {}
    with Library() as library:
        for name, slug in (("ferry", "ferry-returns"), ("lifeboat", "lifeboat-rescue")):
            page = load(str(PAGES / f"{name}.html"), url=SITE + slug)
            found[name] = library.save(extract(page), origin=SITE + slug)
    return found


@pytest.fixture
def shown(ids: dict[str, int], window: MainWindow, qtbot) -> MainWindow:
    """The ferry page open, then x pressed: what was removed shows in its places."""
    window.opening.open_article(ids["ferry"])
    wait_idle(qtbot, window)
    press(qtbot, window, "article.show_removed")
    qtbot.waitUntil(lambda: window.removed_blocks.showing, timeout=WAIT_MS)
    return window


def text_of(window: MainWindow) -> str:
    return window.view.document().toPlainText()


def fix_and_accept_the_offer(qtbot, window: MainWindow, action_id: str) -> None:
    """Press the fix's key; the window offers to extract the site's other article again:
    Enter says yes."""
    press(qtbot, window, action_id)
    qtbot.waitUntil(lambda: "reextract_site" in window.dialogs.shown, timeout=WAIT_MS)
    offer = window.dialogs.shown["reextract_site"]
    qtbot.waitUntil(offer.isVisible, timeout=5000)
    assert "1 article" not in offer.text() and "other saved article from" in offer.text()
    window.reextracting.last = None
    QTest.keyClick(offer, Qt.Key.Key_Return)
    # the window's re-extract runner does it: progress in the status bar, then its report
    qtbot.waitUntil(lambda: window.reextracting.last is not None, timeout=WAIT_MS)
    report = window.statusBar().currentMessage()
    assert report.startswith("Re-extracted the articles of www.harbourcourier.example: 1 "), report
    wait_idle(qtbot, window)


def stored_text(window: MainWindow, article_id: int) -> str:
    with stored(window) as library:
        return library.article(article_id).article.text


def rules(data_dir: Path) -> str:
    return (data_dir / "site-rules" / "harbourcourier.example.txt").read_text(encoding="utf-8")


def test_x_shows_the_removed_parts_dimmed_in_their_places_with_kind_and_reason(shown):
    text = text_of(shown)
    assert "Sign up to our free morning newsletter" in text  # removed by Reader's clean-up
    assert "Removed boilerplate: a share or follow bar, or a newsletter prompt (5 clean)" in text
    assert "Removed navigation: outside the story readability chose (4 story)" in text
    assert "Removed recommended list: outside the story readability chose" in text
    # in their places: the menu above the story, the most-read list after it
    assert text.index("News Sport Weather") < text.index(STORY) < text.index(MOST_READ)
    assert shown.actions_by_id["article.show_removed"].isChecked()


def test_x_again_brings_the_article_back(shown, qtbot):
    press(qtbot, shown, "article.show_removed")
    qtbot.waitUntil(lambda: not shown.removed_blocks.showing, timeout=WAIT_MS)
    wait_idle(qtbot, shown)
    assert "Sign up to our free morning newsletter" not in text_of(shown)
    assert STORY in text_of(shown)
    assert not shown.actions_by_id["article.show_removed"].isChecked()


def test_d_removes_a_block_as_a_site_rule_that_fixes_both_pages(shown, ids, data_dir, qtbot):
    assert NEWSLETTER in stored_text(shown, ids["ferry"])
    assert NEWSLETTER in stored_text(shown, ids["lifeboat"])
    find_words(qtbot, shown, NEWSLETTER)
    fix_and_accept_the_offer(qtbot, shown, "article.remove_block")
    assert "strip_id_or_class: newsletter-signup" in rules(data_dir).splitlines()
    # this page, extracted again at once, and the other page of the template
    for name in ("ferry", "lifeboat"):
        text = stored_text(shown, ids[name])
        assert NEWSLETTER not in text and "We will never share your address" not in text, name
    assert STORY in stored_text(shown, ids["ferry"])
    # still showing what was removed: the block is now among the removed, with its rule
    assert "Removed boilerplate: strip_id_or_class: newsletter-signup (site rules)" in text_of(
        shown
    )


def test_r_restores_a_block_as_a_site_rule_that_fixes_both_pages(shown, ids, data_dir, qtbot):
    assert "Most read" not in stored_text(shown, ids["lifeboat"])
    find_words(qtbot, shown, MOST_READ)
    fix_and_accept_the_offer(qtbot, shown, "article.restore_block")
    assert any(line.startswith("body: ") for line in rules(data_dir).splitlines())
    for name in ("ferry", "lifeboat"):
        text = stored_text(shown, ids[name])
        assert "Most read" in text and "Lifeboat crew rescue stranded walkers" in text, name
    assert STORY in stored_text(shown, ids["ferry"])


def test_r_on_a_kept_block_says_so_and_writes_nothing(shown, data_dir, qtbot):
    find_words(qtbot, shown, STORY)
    press(qtbot, shown, "article.restore_block")
    assert "in the article already" in shown.statusBar().currentMessage()
    assert not (data_dir / "site-rules").exists()


def test_another_theme_restyles_the_removed_view(shown, qtbot):
    from reader.ui.reading.themes import load_theme

    def story_color() -> str:
        cursor = shown.view.document().find(STORY)
        return cursor.charFormat().foreground().color().name()

    assert story_color() == load_theme("light").color("text").name()
    shown.view_actions.set_theme("dark")
    dark = load_theme("dark").color("text").name()
    qtbot.waitUntil(lambda: story_color() == dark, timeout=WAIT_MS)
    assert shown.removed_blocks.showing
    assert "Removed navigation" in text_of(shown)
