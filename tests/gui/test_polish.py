"""Small things a reader sees: dates in the library, heading self-links, the focus mark on
the progress bar, messages in the dark theme, a narrow window, focus mode's clean slate."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from window_helpers import wait_tasks

from reader.service.shaping import shape_content
from reader.ui.library.library_model import FALLBACK_DATE_FORMAT, format_date, medium_date_format
from reader.ui.shell.drawers import READING_COMFORT_PX
from reader.ui.shell.main_window import MainWindow
from reader.ui.shell.messages import DARK_ERROR_COLORS, ERROR_COLORS
from reader.ui.shell.window_layout import SIDEBAR_MIN_WIDTH
from reader.ui.sidebar.story_model import recommended_by


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (QLocale.c(), "28 Nov 2026"),
        (QLocale(QLocale.Language.English, QLocale.Country.UnitedStates), "Nov 28, 2026"),
        (QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom), "28 Nov 2026"),
    ],
)
def test_library_dates_are_medium_dates_with_a_month_name(locale, expected):
    # Qt's short format is all digits ("11/28/26", "28 11 2026" in the C locale).
    assert format_date("2026-11-28T09:30:00", locale) == expected
    assert format_date("2026-11-28", locale) == expected


def test_library_date_format_has_a_sane_fallback():
    class NoLongFormat(QLocale):
        def dateFormat(self, _format=QLocale.FormatType.LongFormat):
            return "dddd"

    assert medium_date_format(NoLongFormat()) == FALLBACK_DATE_FORMAT
    german = medium_date_format(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert "dddd" not in german and "MMMM" not in german and "MMM" in german


def test_heading_self_links_are_dropped_and_other_links_kept():
    html = (
        '<h2 id="plugins">Building plugins <a href="#plugins">#</a></h2>'
        '<p>Issue <a href="#plugins">#</a>4 stays.</p>'
        '<h3><a href="https://example.org/">A real link</a> ¶</h3>'
        '<h3><a href="#only">¶</a></h3><p>end</p>'
        '<h2>History[<a href="https://en.wikipedia.org/w/index.php?action=edit">edit</a>]</h2>'
        '<p>Please [<a href="https://example.org/e">edit</a>] this.</p>'
    )
    shaped = shape_content(html, "Title", lambda _src: None).html
    assert "Building plugins" in shaped and ">#</a></h2>" not in shaped
    assert '<a href="#plugins">#</a>4 stays' in shaped
    assert '<a href="https://example.org/">A real link</a>' in shaped
    assert "<h3></h3>" not in shaped and "only" not in shaped
    assert "<h2>History</h2>" in shaped
    assert '[<a href="https://example.org/e">edit</a>]' in shaped


def test_recommendation_counts_say_what_they_count():
    assert recommended_by(1) == "in 1 saved article"
    assert recommended_by(3) == "in 3 saved articles"


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    wait_tasks(qtbot)


def test_progress_bar_marks_whether_the_article_has_the_keyboard(qtbot, window):
    window.view.setFocus()
    qtbot.waitUntil(lambda: window.reading_progress.is_active(), timeout=2000)
    window.sidebar.focus_list()
    qtbot.waitUntil(lambda: not window.reading_progress.is_active(), timeout=2000)


def test_message_bar_follows_the_dark_theme(qtbot, window):
    from PySide6.QtGui import QPalette

    bar = window.message_bar
    bar.show_error("Could not open x.html: no such file")

    def background() -> str:
        return bar.palette().color(QPalette.ColorRole.Window).name()

    window.view_actions.set_theme("dark")
    assert background() == DARK_ERROR_COLORS[0]
    window.view_actions.set_theme("light")
    assert background() == ERROR_COLORS[0]


def test_a_failed_ad_redirect_does_not_widen_the_window(qtbot, window):
    """A recommended story behind an ad network's redirect (a long query, no spaces) that
    cannot be fetched: the message names it briefly and the window keeps its width."""
    from reader.errors import FetchError
    from reader.ui.shell.messages import NAME_CHARS, describe_error

    window.resize(900, 700)
    qtbot.waitUntil(lambda: window.width() <= 900, timeout=2000)
    url = "https://traffic.outbrain.com/network/redir?p=" + "x" * 700 + "&c=61dab60c"
    message = describe_error(url, FetchError("could not find the server traffic.outbrain.com"))
    assert message == ("Could not open redir: could not find the server traffic.outbrain.com")
    window.message_bar.show_error(message)
    qtbot.wait(50)
    assert window.width() <= 900
    long_file = "/tmp/" + "a-very-long-saved-page-name-" * 6 + ".html"
    name = describe_error(long_file, FetchError("gone")).removeprefix("Could not open ")
    assert "…" in name and len(name) <= NAME_CHARS + len(": gone")


def test_focus_mode_clears_an_old_message(qtbot, window):
    window.message_bar.show_error("Could not open x.html: no such file")
    window.view_actions.enter_focus_mode()
    assert not window.message_bar.isVisible()
    window.view_actions.leave_focus_mode()


def test_a_narrow_window_takes_width_from_the_stories_first(qtbot, window):
    from reader.ui.shell.window_layout import DEFAULT_SPLIT

    if window.library_panel is not None and window.library_panel.isVisible():
        window.view_actions.toggle_library()
    splitter = window.splitter
    sidebar_index = splitter.indexOf(window.sidebar)
    reading_index = splitter.indexOf(window.view.parentWidget())
    sizes = splitter.sizes()
    sizes[sidebar_index] = DEFAULT_SPLIT[2]
    sizes[reading_index] = sum(splitter.sizes()) - DEFAULT_SPLIT[2]
    splitter.setSizes(sizes)
    qtbot.wait(10)

    window.resize(800, 700)
    qtbot.waitUntil(lambda: splitter.width() < 820, timeout=2000)
    qtbot.wait(10)
    narrow = splitter.sizes()
    assert narrow[reading_index] >= READING_COMFORT_PX
    assert SIDEBAR_MIN_WIDTH <= narrow[sidebar_index] < DEFAULT_SPLIT[2]

    window.resize(1300, 800)
    qtbot.waitUntil(lambda: splitter.width() > 1200, timeout=2000)
    qtbot.wait(10)
    assert splitter.sizes()[sidebar_index] == DEFAULT_SPLIT[2]  # given back


def test_a_blank_source_given_to_the_window_is_refused_not_taken_for_the_folder(
    tmp_path, monkeypatch
):
    """`reader ""` once opened the working folder ("Could not open tmp: is a folder")."""
    from reader.errors import ReaderError
    from reader.service.reading import read_article
    from reader.ui.shell.messages import describe_error
    from reader.ui.shell.single_instance import absolute_sources

    (tmp_path / "saved.html").write_text("<html><body><p>A saved page.</p></body></html>")
    monkeypatch.chdir(tmp_path)
    [source] = absolute_sources([""])
    with pytest.raises(ReaderError) as raised:
        read_article(source)
    assert describe_error(source, raised.value) == "Could not open '': no file or address given"
