"""The current document tells of an article in the turn after it goes on screen, so the
listeners' work (highlights, lists, the title) is not added to the turn that shows it:
``opened`` comes once, for the newest article, and the window counts as busy until then."""

from __future__ import annotations

from reader.model import Article
from reader.service.reading import Document
from reader.ui.presenter.document import CurrentDocument


def document(title: str, article_id: int) -> Document:
    article = Article(source="page.html", title=title, content_html="<p>Text.</p>", text="Text.")
    return Document(article, article_id)


def test_opened_comes_in_the_next_turn_for_the_newest(qtbot) -> None:
    current = CurrentDocument()
    heard: list[str] = []
    current.opened.connect(lambda shown: heard.append(shown.article.title))
    first, second = document("First", 1), document("Second", 2)
    current.open(first)
    assert current.document is first  # on screen already: its id is the one to save to
    assert current.announcing() and heard == []
    current.open(second)  # another came in the same turn
    qtbot.waitUntil(lambda: not current.announcing(), timeout=5_000)
    qtbot.wait(20)
    assert heard == ["Second"]
    assert current.article_id == 2


def test_a_follower_hears_a_pending_article_once(qtbot) -> None:
    current = CurrentDocument()
    current.open(document("First", 1))
    heard: list[str] = []
    current.follow(lambda shown: heard.append(shown.article.title))
    qtbot.waitUntil(lambda: bool(heard), timeout=5_000)
    qtbot.wait(20)
    assert heard == ["First"]
    current.follow(lambda shown: heard.append(f"late {shown.article.title}"))
    assert heard == ["First", "late First"]  # built after it was told: catches up at once


def test_nothing_is_told_after_the_window_closed(qtbot) -> None:
    current = CurrentDocument()
    heard: list[object] = []
    current.opened.connect(heard.append)
    current.open(document("First", 1))
    current.close()
    qtbot.wait(20)
    assert heard == [] and not current.announcing()
