"""The sidebar on its own: modes, cards, keys and where an activated story goes.

A real library in the test's data folder: three saved articles whose recommended lists
overlap, so "For you" has something to rank.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListView, QStyleOptionViewItem

from reader.model import Article, Story
from reader.store import Library
from reader.ui.sidebar.sidebar import MODE_ARTICLE, MODE_FOR_YOU, Sidebar, StoryItem
from reader.ui.sidebar.story_card import meta_text

WAIT_MS = 5000

EVERYWHERE = Story("Harbour cranes return", "https://news.example.org/cranes", "Three new cranes.")
TWICE = Story("Ferry timetable changes", "https://news.example.org/ferry", "Earlier boats.")
ONCE = Story("Lighthouse keeper retires", "https://news.example.org/keeper", "After 40 years.")
AD = Story("Win big tonight", "https://ads.example.net/c?id=1", "Bet now.", "Bets", sponsored=True)
NO_LINK = Story("Fishermen count a record catch", None, "Cod came back to the bay this spring.")
SAVED_URL = "https://news.example.org/market"
SAVED = Story("The fish market reopens", SAVED_URL, "Stalls and a new roof.")


def article(title: str, url: str, stories: tuple[Story, ...]) -> Article:
    return Article(
        source=url,
        title=title,
        content_html=f"<p>{title}</p>",
        text=title,
        url=url,
        recommended=stories,
    )


@dataclass
class Saved:
    first: int
    market: int


@pytest.fixture
def library(data_dir) -> Saved:
    with Library() as lib:
        first = lib.save(
            article(
                "Morning at the harbour",
                "https://news.example.org/morning",
                (EVERYWHERE, TWICE, AD, NO_LINK, SAVED),
            )
        )
        market = lib.save(article("The fish market reopens", SAVED_URL, (EVERYWHERE, ONCE)))
        lib.save(article("Evening tides", "https://news.example.org/tides", (TWICE, EVERYWHERE)))
    return Saved(first, market)


@pytest.fixture
def sidebar(qtbot) -> Iterator[Sidebar]:
    widget = Sidebar()
    qtbot.addWidget(widget)
    widget.resize(340, 700)
    widget.show()
    yield widget
    widget.wait_idle()


def article_items(article_id: int) -> list[StoryItem]:
    with Library() as lib:
        return [StoryItem.from_stored(row) for row in lib.stories(article_id)]


def titles(sidebar: Sidebar) -> list[str]:
    return [item.story.title for item in sidebar.items()]


def show_for_you(qtbot, sidebar: Sidebar) -> None:
    with qtbot.waitSignal(sidebar.loaded, timeout=WAIT_MS):
        sidebar.show_for_you()


def select(sidebar: Sidebar, title: str) -> None:
    sidebar.list.setCurrentIndex(sidebar.model.index(titles(sidebar).index(title)))


def test_this_article_lists_its_stories_in_page_order(sidebar, library):
    sidebar.set_stories(article_items(library.first), article_id=library.first)
    assert sidebar.mode == MODE_ARTICLE
    assert titles(sidebar) == [EVERYWHERE.title, TWICE.title, NO_LINK.title, SAVED.title]
    assert sidebar.list.currentIndex().row() == 0
    assert sidebar.caption.text() == "4 stories, page order"


def test_for_you_ranks_stories_recommended_by_several_articles_first(qtbot, sidebar, library):
    show_for_you(qtbot, sidebar)
    shown = titles(sidebar)
    assert shown[:2] == [EVERYWHERE.title, TWICE.title]
    assert shown.index(TWICE.title) < shown.index(ONCE.title)
    counts = {item.story.title: item.times_recommended for item in sidebar.items()}
    assert counts[EVERYWHERE.title] == 3 and counts[ONCE.title] == 1
    once = next(item for item in sidebar.items() if item.story.title == ONCE.title)
    assert once.reason.startswith("Recommended by “")  # the article that recommended it
    option = QStyleOptionViewItem()
    option.font = sidebar.list.font()
    assert sidebar.delegate.card_text(option, once, 320).reason == once.reason  # own line
    assert "saved article" not in meta_text(once, always_count=False)
    everywhere = next(item for item in sidebar.items() if item.story.title == EVERYWHERE.title)
    assert everywhere.reason == "Recommended by 3 of your articles"
    assert "in 3 saved articles" not in meta_text(everywhere, always_count=True)  # said once
    assert "in 3 saved articles" in meta_text(everywhere, always_count=False)
    assert sidebar.caption.text() == f"{len(sidebar.items())} unread stories, best first"


def test_a_web_story_counts_as_read_once_its_page_opens(qtbot, sidebar, library):
    """Issue 12: a story opened while offline (its page never came) stays unread; once its
    page is opened and kept, it leaves For you."""
    show_for_you(qtbot, sidebar)
    select(sidebar, EVERYWHERE.title)
    with qtbot.waitSignal(sidebar.open_url_requested, timeout=WAIT_MS) as blocker:
        sidebar.activate_current()
    assert blocker.args == [EVERYWHERE.url]
    assert sidebar.current_item() is not None and not sidebar.current_item().read
    sidebar.wait_idle()
    with qtbot.waitSignal(sidebar.loaded, timeout=WAIT_MS):
        sidebar.refresh()
    assert EVERYWHERE.title in titles(sidebar)  # the fetch failed: still there, unread
    with Library() as lib:  # the page opened after all: the window keeps it, marks it opened
        lib.mark_opened(lib.save(article("Everywhere", EVERYWHERE.url or "", ())))
    with qtbot.waitSignal(sidebar.loaded, timeout=WAIT_MS):
        sidebar.refresh()
    assert EVERYWHERE.title not in titles(sidebar)
    assert sidebar.current_item().story.title == titles(sidebar)[0]  # the next one, one key away


def test_ads_are_hidden_until_the_toggle_then_marked(qtbot, sidebar, library):
    sidebar.set_stories(article_items(library.first))
    assert AD.title not in titles(sidebar)
    assert sidebar.ads_toggle.isVisibleTo(sidebar)
    assert sidebar.ads_toggle.text() == "Show ads (1)"
    qtbot.mouseClick(sidebar.ads_toggle, Qt.MouseButton.LeftButton)
    assert titles(sidebar).index(AD.title) == 2  # in page order
    index = sidebar.model.index(2)
    assert str(index.data(Qt.ItemDataRole.AccessibleTextRole)).startswith("Sponsored")
    option = QStyleOptionViewItem()
    option.font = sidebar.list.font()
    card = sidebar.delegate.card_text(option, sidebar.items()[2], 320)
    assert card.badge == "Sponsored"
    sidebar.set_show_ads(False)
    assert AD.title not in titles(sidebar)


def test_stories_given_before_the_first_paint_show_once_it_came(qtbot, library):
    """The window's first story goes on screen before the sidebar's cards are made: the
    stories, the ads choice and the theme given meanwhile are all there once it paints."""
    widget = Sidebar()
    qtbot.addWidget(widget)
    widget.resize(340, 700)
    palette = widget.palette()
    palette.setColor(palette.ColorRole.Window, QColor("#203040"))
    widget.apply_palette(palette)
    widget.set_show_ads(True)
    widget.set_stories(article_items(library.first), article_id=library.first)
    assert not widget.findChildren(QListView)  # nothing made before it is painted
    widget.show()
    qtbot.waitUntil(lambda: bool(widget.findChildren(QListView)), timeout=WAIT_MS)
    assert titles(widget) == [EVERYWHERE.title, TWICE.title, AD.title, NO_LINK.title, SAVED.title]
    assert widget.ads_toggle.isChecked()
    assert widget.caption.text() == "5 stories, page order"
    assert widget.list.palette().color(palette.ColorRole.Base) == QColor("#203040")
    widget.wait_idle()


def test_for_you_hides_ads_too(qtbot, sidebar, library):
    show_for_you(qtbot, sidebar)
    assert AD.title not in titles(sidebar)
    sidebar.set_show_ads(True)
    assert AD.title in titles(sidebar)


def test_enter_on_a_story_without_url_shows_it_and_offers_search(qtbot, sidebar, library):
    sidebar.set_stories(article_items(library.first))
    select(sidebar, NO_LINK.title)
    sidebar.list.setFocus()
    qtbot.keyClick(sidebar.list, Qt.Key.Key_Return)
    assert sidebar.stack.currentWidget() is sidebar.detail
    assert sidebar.detail.title.text() == NO_LINK.title
    assert sidebar.detail.summary.text() == NO_LINK.summary
    with qtbot.waitSignal(sidebar.search_requested, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(sidebar.detail.search_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [NO_LINK.title]
    qtbot.waitUntil(lambda: sidebar.detail.search_button.hasFocus(), timeout=WAIT_MS)
    with qtbot.waitSignal(sidebar.search_requested, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(sidebar.detail.search_button, Qt.Key.Key_Return)
    assert blocker.args == [NO_LINK.title]
    qtbot.keyClick(sidebar.detail.search_button, Qt.Key.Key_Escape)
    assert sidebar.stack.currentWidget() is not sidebar.detail
    assert sidebar.list.hasFocus()
    assert sidebar.current_item().read
    sidebar.wait_idle()
    with Library() as lib:
        assert next(r for r in lib.stories(library.first) if r.story.url is None).read


def test_enter_on_a_saved_story_opens_the_saved_article(qtbot, sidebar, library):
    sidebar.set_stories(article_items(library.first))
    select(sidebar, SAVED.title)
    assert sidebar.current_item().article_id == library.market
    sidebar.list.setFocus()
    with qtbot.waitSignal(sidebar.open_article_requested, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(sidebar.list, Qt.Key.Key_Return)
    assert blocker.args == [library.market]


def test_a_story_the_library_never_linked_is_found_by_its_url(qtbot, sidebar, library):
    """Stories of an unsaved article carry no ids: the library is asked by URL."""
    sidebar.set_stories([StoryItem(Story("Market again", SAVED_URL + "/?utm_source=x"))])
    with qtbot.waitSignal(sidebar.open_article_requested, timeout=WAIT_MS) as blocker:
        sidebar.activate_current()
    assert blocker.args == [library.market]


def test_double_click_activates(qtbot, sidebar, library):
    sidebar.set_stories(article_items(library.first))
    rect = sidebar.list.visualRect(sidebar.model.index(1))
    qtbot.mouseClick(sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not sidebar.current_item().read  # one click only selects
    with qtbot.waitSignal(sidebar.open_url_requested, timeout=WAIT_MS) as blocker:
        qtbot.mouseDClick(sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [TWICE.url]


def test_up_down_and_j_k_move_the_selection(qtbot, sidebar, library):
    sidebar.set_stories(article_items(library.first))
    view = sidebar.list
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.keyClick(view, Qt.Key.Key_J)  # stops at the last card
    assert view.currentIndex().row() == 3
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.currentIndex().row() == 2
    sidebar.select_previous()
    sidebar.select_previous()
    sidebar.select_previous()
    assert view.currentIndex().row() == 0
    sidebar.select_next()
    assert sidebar.current_item().story.title == TWICE.title


def test_mode_switch_by_methods_and_keys_keeps_each_selection(qtbot, sidebar, library):
    sidebar.set_stories(article_items(library.first))
    sidebar.select_next()
    with qtbot.waitSignal(sidebar.mode_changed, timeout=WAIT_MS) as blocker:
        show_for_you(qtbot, sidebar)
    assert blocker.args == [MODE_FOR_YOU]
    assert sidebar.switch.buttons[MODE_FOR_YOU].isChecked()
    assert ONCE.title in titles(sidebar)
    assert sidebar.delegate.always_count
    sidebar.show_this_article()
    assert sidebar.mode == MODE_ARTICLE and not sidebar.delegate.always_count
    assert sidebar.current_item().story.title == TWICE.title
    button = sidebar.switch.buttons[MODE_ARTICLE]
    button.setFocus()
    with qtbot.waitSignal(sidebar.loaded, timeout=WAIT_MS):
        qtbot.keyClick(button, Qt.Key.Key_Right)
    assert sidebar.mode == MODE_FOR_YOU
    qtbot.keyClick(sidebar.switch.buttons[MODE_FOR_YOU], Qt.Key.Key_Left)
    assert sidebar.mode == MODE_ARTICLE


def test_for_you_on_an_empty_library_says_what_will_come(qtbot, sidebar):
    show_for_you(qtbot, sidebar)
    assert sidebar.items() == []
    assert sidebar.empty.isVisibleTo(sidebar)
    assert "Nothing to suggest yet" in sidebar.empty.text()


def test_a_new_article_refreshes_for_you_while_it_shows(qtbot, sidebar, library):
    show_for_you(qtbot, sidebar)
    fresh = Story("Storm warning for the coast", "https://news.example.org/storm")
    with Library() as lib:
        new_id = lib.save(article("Wind", "https://news.example.org/wind", (fresh,)))
    with qtbot.waitSignal(sidebar.loaded, timeout=WAIT_MS):
        sidebar.set_stories(article_items(new_id), article_id=new_id)
    assert fresh.title in titles(sidebar)
    sidebar.show_this_article()
    assert titles(sidebar) == [fresh.title]


def test_list_keys_win_over_window_shortcuts_while_it_has_focus(qtbot, sidebar, library):
    from PySide6.QtGui import QAction, QKeySequence

    fired: list[str] = []
    action = QAction("Next article", sidebar)
    action.setShortcut(QKeySequence("J"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: fired.append("j"))
    sidebar.addAction(action)
    sidebar.set_stories(article_items(library.first))
    sidebar.list.setFocus()
    qtbot.keyClick(sidebar.list, Qt.Key.Key_J)
    assert sidebar.list.currentIndex().row() == 1
    assert fired == []


def test_for_you_says_why_when_the_library_cannot_be_read(qtbot, sidebar, data_dir):
    from reader.paths import library_path

    data_dir.mkdir(parents=True, exist_ok=True)
    library_path().write_bytes(b"not a database, just some bytes " * 64)
    show_for_you(qtbot, sidebar)
    assert sidebar.items() == []
    assert sidebar.empty.isVisibleTo(sidebar)
    assert sidebar.empty.text().startswith("Cannot read the library: ")


def test_a_page_with_only_ads_says_so(sidebar):
    sidebar.set_stories([StoryItem(AD)])
    assert sidebar.items() == []
    assert "Show ads" in sidebar.empty.text()
    sidebar.set_show_ads(True)
    assert titles(sidebar) == [AD.title]
    assert not sidebar.empty.isVisibleTo(sidebar)


def test_card_text_wraps_to_its_lines_and_ends_long_text_with_an_ellipsis(qapp):
    from PySide6.QtGui import QFont, QFontMetricsF

    from reader.ui.sidebar.story_card import wrap

    metrics = QFontMetricsF(QFont())
    text = " ".join(f"word{n}" for n in range(200))
    lines = wrap(text, metrics, 200, 2)
    assert len(lines) == 2
    assert lines[0].startswith("word0 word1") and lines[1].endswith("…")
    assert all(metrics.horizontalAdvance(line) <= 200 for line in lines)
    assert wrap("Short title", metrics, 200, 3) == ["Short title"]
    assert wrap("   ", metrics, 200, 2) == []
    assert wrap("x" * 400, metrics, 200, 2)[0].endswith("…")


def stream_items() -> list[StoryItem]:
    """A portal page: a related box, a 20-card stream under "More stories", a short list."""
    related = [
        Story(f"Related story {n}", f"https://news.example.org/related-{n}", group="Related")
        for n in range(2)
    ]
    stream = [
        Story(f"Stream story {n}", f"https://news.example.org/stream-{n}", group="More stories")
        for n in range(20)
    ]
    popular = [
        Story(f"Popular story {n}", f"https://news.example.org/popular-{n}", group="Most read")
        for n in range(3)
    ]
    return [StoryItem(story=story) for story in (*related, *stream, *popular)]


def rows(sidebar: Sidebar) -> list[str]:
    return [
        str(sidebar.model.index(row).data(Qt.ItemDataRole.DisplayRole))
        for row in range(sidebar.model.rowCount())
    ]


def test_a_long_stream_shows_its_first_cards_under_the_pages_headings(sidebar):
    sidebar.set_stories(stream_items())
    assert rows(sidebar) == [
        "Related",
        "Related story 0",
        "Related story 1",
        "More stories",
        *(f"Stream story {n}" for n in range(5)),
        "Show 15 more from More stories",
        "Most read",
        *(f"Popular story {n}" for n in range(3)),
    ]
    assert sidebar.caption.text() == "25 stories, page order"
    assert sidebar.current_item().story.title == "Related story 0"  # not a heading


def test_unnamed_lists_are_told_apart_by_their_site(sidebar):
    """A page's lists without headings of their own, apart: the one all from one other site
    is headed by that site, a mixed one by "More on this page" (not twice the same)."""
    mixed = [
        Story("Why is the singer in a dress predicament?", "https://style.example/a"),
        Story("Dior shoes are uncomfortable, she says", "https://fashion.example/b"),
    ]
    named = [
        Story(f"Winter photos {n}", f"https://news.example.org/w{n}", group="Winter photos")
        for n in range(2)
    ]
    partner = [
        Story(f"Royals in sunglasses {n}", f"https://partner.example/r{n}") for n in range(2)
    ]
    sidebar.set_stories([StoryItem(story=s) for s in (*mixed, *named, *partner)])
    assert [r for r in rows(sidebar) if r not in titles(sidebar)] == [
        "More on this page",
        "Winter photos",
        "From partner.example",
    ]


def test_the_rest_of_a_stream_is_one_key_away(qtbot, sidebar):
    sidebar.set_stories(stream_items())
    view = sidebar.list
    view.setFocus()
    for _ in range(7):  # Related story 1, the stream's five cards, then its "more" row
        qtbot.keyClick(view, Qt.Key.Key_J)
    assert sidebar.current_item() is None
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert sidebar.current_item().story.title == "Stream story 5"
    assert [t for t in titles(sidebar) if t.startswith("Stream")] == [
        f"Stream story {n}" for n in range(20)
    ]
    assert not any(r.startswith("Show") for r in rows(sidebar))


def test_j_k_and_arrows_pass_over_list_headings(qtbot, sidebar):
    sidebar.set_stories(stream_items())
    view = sidebar.list
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)  # over the "More stories" heading
    assert sidebar.current_item().story.title == "Stream story 0"
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert sidebar.current_item().story.title == "Related story 1"
    qtbot.keyClick(view, Qt.Key.Key_K)
    qtbot.keyClick(view, Qt.Key.Key_K)  # stays on the first card, never on "Related"
    assert sidebar.current_item().story.title == "Related story 0"


def test_one_short_list_and_for_you_show_no_headings(qtbot, sidebar, library):
    sidebar.set_stories(article_items(library.first))  # stories saved without headings
    assert not any(r.startswith("Show") for r in rows(sidebar))
    assert rows(sidebar) == titles(sidebar)
    one_list = [
        StoryItem(story=Story(f"Only list {n}", f"https://n.example/{n}", group="Related"))
        for n in range(4)
    ]
    sidebar.set_stories(one_list)
    assert rows(sidebar) == [f"Only list {n}" for n in range(4)]
    show_for_you(qtbot, sidebar)
    assert rows(sidebar) == titles(sidebar)


def test_for_you_counts_every_unread_story_not_only_the_cards(qtbot, sidebar, data_dir):
    from reader.ui.sidebar.sidebar import FOR_YOU_LIMIT

    many = tuple(Story(f"Story {n}", f"https://n.example/{n}") for n in range(FOR_YOU_LIMIT + 12))
    with Library() as lib:
        lib.save(article("A long front page", "https://news.example.org/front", many))
    show_for_you(qtbot, sidebar)
    assert len(sidebar.items()) == FOR_YOU_LIMIT
    assert (
        sidebar.caption.text() == f"The best {FOR_YOU_LIMIT} of {FOR_YOU_LIMIT + 12} unread stories"
    )


def test_a_story_behind_an_ad_networks_unpaid_redirect_names_no_redirector() -> None:
    """BBC's own stories reached through Outbrain's organic redirect: the card said
    "traffic.outbrain.com" where the story's site belongs."""
    redirect = "http://traffic.outbrain.com/network/redir?p=5u4Uxi1-fK7Upq"
    own = StoryItem(story=Story(title="Russia using North Korean labour", url=redirect))
    assert "outbrain" not in meta_text(own, always_count=False)
    elsewhere = StoryItem(story=Story(title="Spain", url="https://www.bbc.co.uk/news/world-1"))
    assert meta_text(elsewhere, always_count=False) == "bbc.co.uk"
