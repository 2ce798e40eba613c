"""The text at any window width, with any panel open: read off the laid-out document.

At 600, 800, 1180 and 1600 px, with the library, the stories, both or neither, for the
pages of the README's screenshots (the seed, a table page, a quote page, the sample with
its picture) and a page of long words, the article column holds at least 45 characters of
the body font, a line never ends inside a word, and the column keeps 60-75 characters
whenever the window has room for them. Panels that would squeeze the text become drawers:
they open over it and close with Esc or a click beside.
"""

import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetricsF, QTextDocument
from window_helpers import open_and_wait

from reader.ui.shell.drawers import MIN_COLUMN_CHARS
from reader.ui.shell.main_window import MainWindow

PAGES = Path(__file__).resolve().parent.parent / "pages"
SHARED = Path(os.environ.get("READER_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
WIDTHS = (600, 800, 1180, 1600)
PANELS = ("neither", "library", "stories", "both")
WORD_CHAR = re.compile(r"\w")
PROSE = " ".join(
    "Harbour masters along the northern coast counted the boats that came home before "
    "the storm, and the ferry crews waited out the weather in the cafés on the quay."
    for _ in range(6)
)
PAGE = f"""<html><head><title>A long day on the quay</title></head><body><article>
<h1>A long day on the quay</h1>{"".join(f"<p>{PROSE}</p>" for _ in range(6))}
<p>Internationalisation, telecommunications and counterrevolutionaries meet
uncharacteristically long words in one sentence.</p></article></body></html>"""


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "quay.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def column_chars(window: MainWindow) -> float:
    """Characters of body text the laid-out column is wide (frame width / mean advance)."""
    view = window.view
    frame = view.document().rootFrame().frameFormat()
    width = view.viewport().width() - frame.leftMargin() - frame.rightMargin()
    metrics = QFontMetricsF(view.body_font())
    sample = "The quick brown fox jumps over the lazy dog, then reads a long article."
    return width / (metrics.horizontalAdvance(sample) / len(sample))


def broken_words(document: QTextDocument) -> list[str]:
    """Line ends that fall between two letters of one word."""
    found = []
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for number in range(1, layout.lineCount()):
            cut = layout.lineAt(number).textStart()
            inside = 0 < cut < len(text) and WORD_CHAR.match(text[cut - 1])
            if inside and WORD_CHAR.match(text[cut]):
                found.append(text[max(0, cut - 12) : cut] + "|" + text[cut : cut + 12])
        block = block.next()
    return found


def set_panels(qtbot, window: MainWindow, which: str) -> None:
    window.placement.close_drawers()
    for widget, wanted in (
        (window.library_panel, which in ("library", "both")),
        (window.sidebar, which in ("stories", "both")),
    ):
        window.placement.set_visible(widget, wanted)
    window.placement.close_drawers()  # a panel that did not fit waits as a closed drawer
    qtbot.wait(20)


def article_page(folder: Path, title: str, body: str) -> Path:
    """A saved page of one article: a heading, then ``body`` (HTML) between prose."""
    path = folder / "article.html"
    path.write_text(
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{PROSE}</p>{body}<p>{PROSE}</p></article></body></html>",
        encoding="utf-8",
    )
    return path


def open_alone_at(qtbot, window: MainWindow, source: Path, width: int) -> None:
    """The window ``width`` px wide, no panel beside the text, ``source`` opened."""
    window.resize(width, 700)
    qtbot.waitUntil(lambda: abs(window.width() - width) < 2, timeout=2000)
    set_panels(qtbot, window, "neither")
    open_and_wait(qtbot, window, source)


def screenshot_pages(page: Path) -> list[Path]:
    """The pages of docs/screenshots/layout (the seed only where ../shared is)."""
    from reader.service.reading import sample_path

    pages = [page, PAGES / "reading-table" / "source.html"]
    pages += [PAGES / "reading-quotes" / "source.html", sample_path()]
    seed = SHARED / "seed" / "000_b486bc09ecc24fa0.txt"
    return pages + ([seed] if seed.is_file() else [])


@pytest.mark.parametrize("width", WIDTHS)
def test_the_column_stays_readable_at_every_width(qtbot, window, page, width: int) -> None:
    window.resize(width, 700)
    qtbot.waitUntil(lambda w=width: abs(window.width() - w) < 2, timeout=2000)
    for source in screenshot_pages(page):
        open_and_wait(qtbot, window, source)
        for panels in PANELS:
            set_panels(qtbot, window, panels)
            chars = column_chars(window)
            where = (source.name, width, panels)
            assert chars >= MIN_COLUMN_CHARS, (*where, chars)
            assert broken_words(window.view.document()) == [], where
            reading = window.view.parentWidget().width()
            if window.placement.column_chars(reading) > 75:  # the window has room to spare
                assert 60 <= chars <= 75, (*where, chars)
    set_panels(qtbot, window, "both")
    placement = window.placement
    if width >= 1180:
        assert not placement.is_drawer(window.library_panel)
        assert not placement.is_drawer(window.sidebar)
        assert window.library_panel.isVisible() and window.sidebar.isVisible()
    if width <= 800:
        assert placement.is_drawer(window.library_panel)  # the library gives way first


def test_a_drawer_opens_over_the_text_and_closes_with_esc_or_a_click(qtbot, window, page):
    window.resize(600, 700)
    qtbot.waitUntil(lambda: window.width() <= 602, timeout=2000)
    open_and_wait(qtbot, window, page)
    before = column_chars(window)
    window.navigation.go_library()
    panel = window.library_panel
    qtbot.waitUntil(panel.isVisible, timeout=2000)
    assert window.placement.is_drawer(panel)
    assert window.actions_by_id["view.library"].isChecked()
    assert column_chars(window) == before  # over the text, not beside it
    assert panel.table.hasFocus()

    qtbot.keyClick(panel.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=2000)
    assert not window.actions_by_id["view.library"].isChecked()
    assert window.view.hasFocus()

    window.navigation.go_for_you()
    qtbot.waitUntil(window.sidebar.isVisible, timeout=2000)
    veil = window.placement.veil
    qtbot.mouseClick(veil, Qt.MouseButton.LeftButton, pos=QPoint(10, veil.height() // 2))
    qtbot.waitUntil(lambda: not window.sidebar.isVisible(), timeout=2000)


def test_panels_come_back_beside_the_text_when_the_window_grows(qtbot, window, page):
    window.resize(1300, 760)
    qtbot.waitUntil(lambda: window.width() >= 1298, timeout=2000)
    open_and_wait(qtbot, window, page)
    set_panels(qtbot, window, "both")
    assert window.library_panel.isVisible()
    window.resize(700, 700)
    qtbot.waitUntil(lambda: not window.library_panel.isVisible(), timeout=2000)
    assert column_chars(window) >= MIN_COLUMN_CHARS
    window.resize(1300, 760)
    qtbot.waitUntil(window.library_panel.isVisible, timeout=2000)
    assert not window.placement.is_drawer(window.library_panel)
    assert window.actions_by_id["view.library"].isChecked()


def test_an_empty_sidebar_gives_its_width_to_the_text(qtbot, window, page, tmp_path):
    """A page that recommended no stories: no empty 330 px column beside the text; F9
    still shows the sidebar (it says there is nothing), and stories bring it back."""
    window.resize(1300, 760)
    qtbot.waitUntil(lambda: window.width() >= 1298, timeout=2000)
    set_panels(qtbot, window, "stories")
    open_and_wait(qtbot, window, page)  # recommends nothing
    qtbot.waitUntil(lambda: not window.sidebar.isVisible(), timeout=2000)
    assert window.view.parentWidget().width() >= 1290
    window.view_actions.reveal_sidebar()
    assert window.sidebar.isVisible()
    from reader.service.reading import sample_path

    open_and_wait(qtbot, window, sample_path())  # recommends four stories
    assert window.sidebar.isVisible()


def test_an_article_comes_in_at_the_width_the_sidebar_leaves_it(qtbot, window, page):
    """The sidebar takes or gives its width before the text shows, not after: the article
    is laid out once, at its width (a width changed after it shows lays a long article out
    again), from a page with stories to one without and back."""
    from reader.service.reading import sample_path

    window.resize(1300, 760)
    qtbot.waitUntil(lambda: window.width() >= 1298, timeout=2000)
    set_panels(qtbot, window, "stories")
    view = window.view
    shown_at: list[int] = []
    view.document_shown.connect(lambda: shown_at.append(view.viewport().width()))
    for source, sidebar_shown in ((sample_path(), True), (page, False), (sample_path(), True)):
        shown_at.clear()
        open_and_wait(qtbot, window, source)
        qtbot.wait(20)
        assert window.sidebar.isVisible() == sidebar_shown
        assert shown_at == [view.viewport().width()]


def test_a_table_wider_than_the_column_scrolls_sideways(qtbot, window, page, tmp_path):
    """Header cells wrap at spaces only; a table that cannot fit even so makes the page
    scroll sideways rather than squeezing its words, and an ordinary page has no such bar."""
    cells = "".join(f"<th>Graphics settings {n}</th>" for n in range(9))
    row = "".join(f"<td>{n * 1234567}</td>" for n in range(9))
    table = f"<table><tr>{cells}</tr><tr>{row}</tr></table>"
    open_alone_at(qtbot, window, article_page(tmp_path, "Settings", table), 800)
    view = window.view
    assert broken_words(view.document()) == []
    qtbot.waitUntil(
        lambda: view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded,
        timeout=2000,
    )
    assert view.document().size().width() > view.viewport().width()
    open_and_wait(qtbot, window, page)
    qtbot.waitUntil(
        lambda: view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff,
        timeout=2000,
    )


def test_an_ordinary_page_never_scrolls_sideways(qtbot, window, tmp_path):
    """At 600 and 800 px: a code line longer than the column wraps, and tables that fit
    inside a table inside a quote (LWN's statistics, names padded with no-break spaces) leave
    the page without a sideways bar, though Qt reports such a document wider than it is."""
    code = "result = compute(" + ", ".join(f"argument_{n}" for n in range(14)) + ")"
    rows = "".join(
        f"<tr><td>Jürgen&nbsp;Schmidt{'&nbsp;' * 13}</td><td>{n * 7}</td><td>{n * 1.5}%</td></tr>"
        for n in range(4)
    )  # LWN pads names with no-break spaces
    inner = f'<table width="100%"><tr><th colspan="3">By changesets</th></tr>{rows}</table>'
    stats = (
        '<table width="100%"><tr><th colspan="2">Most active developers</th></tr>'
        f"<tr><td>{inner}</td><td>{inner}</td></tr></table>"
    )
    code_block = f"<pre><code>{code}\n    return result</code></pre>"
    body = f"{code_block}<p>{PROSE}</p><blockquote>{stats}</blockquote>"
    page = article_page(tmp_path, "Release notes", body)
    view = window.view
    for width in (600, 800):
        open_alone_at(qtbot, window, page, width)
        qtbot.wait(50)
        assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff, width
        assert not view.horizontalScrollBar().isVisible(), width
        assert broken_words(view.document()) == [], width
        code_lines = view.document().find("argument_0").block().layout().lineCount()
        assert code_lines > 1, width  # wrapped, not wider than the page


@pytest.mark.skipif(not (SHARED / "corpus" / "mozilla").is_dir(), reason="no corpus pages")
def test_lwn_statistics_scroll_sideways_only_when_they_do_not_fit(qtbot, window):
    """LWN's tables in a table in a quote: Qt reports the page 164 px wider than the view at
    every width. At 1180 px they fit: no sideways bar; at 600 px they do not: the bar."""
    view = window.view
    for width, scrolls in ((1180, False), (1600, False), (600, True)):
        open_alone_at(qtbot, window, SHARED / "corpus" / "mozilla" / "lwn-1" / "source.html", width)
        qtbot.wait(50)
        assert view.horizontalScrollBar().isVisible() is scrolls, width


def whole_words_broken(document: QTextDocument) -> set[str]:
    """The whole words (between spaces) inside which a line ends."""
    found = set()
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for number in range(1, layout.lineCount()):
            cut = layout.lineAt(number).textStart()
            if 0 < cut < len(text) and not text[cut - 1].isspace() and not text[cut].isspace():
                start = max(text.rfind(" ", 0, cut), text.rfind("\u2028", 0, cut)) + 1
                ends = [at for at in (text.find(" ", cut), text.find("\u2028", cut)) if at >= 0]
                found.add(text[start : min(ends, default=len(text))])
        block = block.next()
    return found


def test_a_word_wider_than_the_column_breaks_rather_than_the_page_scrolling(
    qtbot, window, tmp_path
):
    """AO3's "AMournfulHowlInTheNight" in a 36 px heading, a long address in a sentence, a
    long token in code: at 600 px each breaks where it must and no sideways bar shows; every
    word that fits on a line stays whole."""
    word = "Donaudampfschifffahrtsgesellschaftskapitän"
    address = "https://example.org/" + "/".join(f"part-{n}-of-a-long-address" for n in range(5))
    token = "x" * 20 + "_".join(f"segment{n}" for n in range(12))
    body = (
        f"<h2>The {word}</h2><p>The report is at {address} for anyone who asks.</p>"
        f"<pre><code>value = {token}\nprint(value)</code></pre>"
    )
    open_alone_at(qtbot, window, article_page(tmp_path, "Long words", body), 600)
    view = window.view
    qtbot.wait(50)
    assert not view.horizontalScrollBar().isVisible()
    assert whole_words_broken(view.document()) == {word, address, token}
