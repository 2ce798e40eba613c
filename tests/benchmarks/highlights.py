"""Highlights on screen: what 500 of them add to showing a 20k-word article, and the time
from the key `h` to the highlight drawn.

Side by side in one run (medians):

- showing the article (the view adopts the parsed document, lays it out and paints the
  first screen) without highlights, and with 500 drawn; the difference is the cost of
  drawing them (target: <= 20 ms). Attaching them to the text runs on a reader thread in
  the window; its time is shown apart.
- a repaint of the screen (scrolling) without and with the 500 highlights;
- `h` with a sentence selected, in the real window with that article and its 500
  highlights, until the viewport has painted the new one (target: <= 16 ms), next to
  Space (page down) measured the same way.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/highlights.py [RUNS]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WORDS = 20_000
HIGHLIGHTS = 500
DRAW_TARGET_MS = 20.0
KEY_TARGET_MS = 16.0
TIMEOUT_S = 2.0


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["READER_DATA_DIR"] = tempfile.mkdtemp(prefix="reader-highlights-")
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "tests" / "benchmarks"))
    from key_paint import key_to_paint_ms
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from render import synthetic_article

    from reader.highlights.anchors import describe
    from reader.highlights.attach import Matcher
    from reader.model import Article
    from reader.store import Library
    from reader.ui.highlights.layer import Drawn, HighlightLayer
    from reader.ui.reading.reading_view import ReadingView, build_document
    from reader.ui.reading.render import render_article
    from reader.ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    article = Article(
        source="/bench/article.html", title="Benchmark", content_html=synthetic_article(WORDS),
        text="", word_count=WORDS, url="https://bench.example/article",
    )  # fmt: skip
    html = render_article(article, lambda _src: None).html
    view = ReadingView()
    view.resize(940, 820)
    view.show()
    app.processEvents()
    view.show_html(html)
    text = view.document().toPlainText()
    rng = random.Random(15)
    anchors = []
    for start in sorted(rng.sample(range(0, len(text) - 200), HIGHLIGHTS)):
        anchor = describe(text, start, start + rng.randrange(40, 160))
        if anchor is not None:
            anchors.append(anchor)
    layer = HighlightLayer(view)

    def show(with_highlights: bool) -> tuple[float, float]:
        """(ms to show and paint the article, ms to attach the anchors off the GUI thread)"""
        document = build_document(html, {}, view.view_style)
        view.show_notice("…")
        app.processEvents()
        attach_ms = 0.0
        drawn: list[Drawn] = []
        if with_highlights:
            started = time.perf_counter()
            matcher = Matcher(text)
            for number, anchor in enumerate(anchors):
                found = matcher.attach(anchor)
                if found is not None:
                    drawn.append(Drawn(number + 1, found.start, found.end, "yellow"))
            attach_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        view.show_document(document, html)
        if with_highlights:
            layer.show(drawn)
        view.document().documentLayout().documentSize()
        view.viewport().repaint()
        return (time.perf_counter() - started) * 1000, attach_ms

    def repaint_ms() -> float:
        started = time.perf_counter()
        view.viewport().repaint()
        return (time.perf_counter() - started) * 1000

    def page_through() -> list[float]:
        """Each page of the article: scrolled to and painted (new highlights come into
        view and are marked then)."""
        bar = view.verticalScrollBar()
        times = []
        bar.setValue(0)
        while bar.value() < bar.maximum():
            started = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep())
            view.viewport().repaint()
            times.append((time.perf_counter() - started) * 1000)
        return times

    plain, marked, attach, paint_plain, paint_marked = [], [], [], [], []
    pages_plain: list[float] = []
    pages_marked: list[float] = []
    for run in range(runs):
        plain.append(show(False)[0])
        paint_plain.append(repaint_ms())
        if run < 3:
            pages_plain += page_through()
        shown, attached = show(True)
        marked.append(shown)
        attach.append(attached)
        paint_marked.append(repaint_ms())
        if run < 3:
            pages_marked += page_through()
    print(f"{WORDS:,}-word article, {len(anchors)} highlights, {runs} runs, medians")
    print(f"{'':34}{'without':>10}{'with 500':>10}{'added':>9}")
    show_added = statistics.median(marked) - statistics.median(plain)
    print(
        f"{'show the article (layout + paint)':34}{statistics.median(plain):8.1f}ms"
        f"{statistics.median(marked):8.1f}ms{show_added:7.1f}ms  (target <= {DRAW_TARGET_MS})"
    )
    print(
        f"{'repaint a screen (scrolling)':34}{statistics.median(paint_plain):8.1f}ms"
        f"{statistics.median(paint_marked):8.1f}ms"
        f"{statistics.median(paint_marked) - statistics.median(paint_plain):7.1f}ms"
    )
    print(
        f"{'page down through it (each page)':34}{statistics.median(pages_plain):8.1f}ms"
        f"{statistics.median(pages_marked):8.1f}ms"
        f"{statistics.median(pages_marked) - statistics.median(pages_plain):7.1f}ms"
        f"  (worst {max(pages_marked):.1f} ms)"
    )
    print(f"attach 500 anchors (reader thread): {statistics.median(attach):.1f} ms")
    view.close()

    # -- h to drawn, in the real window ------------------------------------------------------
    with Library() as library:
        article_id = library.save(article)
        for anchor in anchors:
            library.add_highlight(article_id, anchor)
    window = MainWindow()
    window.resize(1180, 820)
    window.show()
    window.opening.open_article(article_id)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(window.highlighting.layer.drawn) < len(anchors):
        app.processEvents()
        time.sleep(0.002)
    print(f"window: {len(window.highlighting.layer.drawn)} highlights drawn")
    viewport = window.view.viewport()

    def sample(key: Qt.Key) -> float:
        return key_to_paint_ms(app, window.view, viewport, key, timeout_s=TIMEOUT_S)

    keys_h, keys_space = [], []
    window.view.setFocus()
    for _ in range(runs * 2):
        QTest.keyClick(window.view, Qt.Key.Key_V)  # the next sentence
        app.processEvents()
        before = len(window.highlighting.layer.drawn)
        keys_h.append(sample(Qt.Key.Key_H))
        if len(window.highlighting.layer.drawn) != before + 1:
            keys_h.pop()  # that sentence was highlighted already
        keys_space.append(sample(Qt.Key.Key_Space))
        window.library.wait_idle()
    print(
        f"h to the highlight drawn: median {statistics.median(keys_h):.1f} ms over "
        f"{len(keys_h)} presses (target <= {KEY_TARGET_MS}); Space: "
        f"{statistics.median(keys_space):.1f} ms"
    )
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
