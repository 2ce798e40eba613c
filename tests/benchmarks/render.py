"""Showing an article: setHtml + full layout in the reading view, median of several runs.

Cases: a synthetic 20k-word article shaped like a real one (paragraphs, headings, links,
lists, quotes) through Reader's own render step; the same at 100k words; and the longest
link-dense corpus page (wikipedia-2, ~18k words, a link every ~8 words). Also times the
split Reader really uses: parsing chunk by chunk (build_document with the chunks a worker
cut; the window parses one chunk per event-loop turn) and then the layout; and, side by
side, the parse done in one setHtml call instead of in chunks (the price of chunking is
the difference between the two columns).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/render.py [RUNS]
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED_DIR", REPO.parent / "shared"))
TARGET_MS = 60
VOCABULARY = (
    "the a of and to in harbour storm boat morning light council river winter people city "
    "market road history new old because through between during without however again "
    "small large north south water stone bridge school letter voice evening quietly"
)
WORDS = VOCABULARY.split(" ")


def synthetic_article(words: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    written = 0
    paragraph = 0
    while written < words:
        paragraph += 1
        if paragraph % 12 == 0:
            parts.append(f"<h2>{' '.join(rng.choices(WORDS, k=5)).capitalize()}</h2>")
        if paragraph % 17 == 0:
            items = "".join(f"<li>{' '.join(rng.choices(WORDS, k=12))}</li>" for _ in range(4))
            parts.append(f"<ul>{items}</ul>")
            written += 48
        if paragraph % 23 == 0:
            parts.append(f"<blockquote><p>{' '.join(rng.choices(WORDS, k=30))}</p></blockquote>")
            written += 30
        sentence = rng.choices(WORDS, k=60)
        link = rng.randrange(50)
        sentence[link] = f'<a href="https://example.org/{paragraph}">{sentence[link]}</a>'
        sentence[10] = f"<em>{sentence[10]}</em>"
        parts.append(f"<p>{' '.join(sentence).capitalize()}.</p>")
        written += 60
    return "<div>" + "".join(parts) + "</div>"


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["READER_DATA_DIR"] = tempfile.mkdtemp(prefix="reader-render-")
    sys.path.insert(0, str(REPO))
    from PySide6.QtWidgets import QApplication

    from reader.model import Article
    from reader.service.reading import open_source
    from reader.ui.reading.chunks import chunks_for_view
    from reader.ui.reading.document import build_document
    from reader.ui.reading.prepare import prepare
    from reader.ui.reading.reading_view import ReadingView
    from reader.ui.reading.render import render_article

    app = QApplication.instance() or QApplication([])
    view = ReadingView()
    view.resize(940, 820)
    view.show()
    app.processEvents()

    cases: list[tuple[str, str, int]] = []
    for words in (20_000, 100_000):
        article = Article(
            source="bench", title="Benchmark", content_html=synthetic_article(words), text="",
            word_count=words,
        )  # fmt: skip
        cases.append(
            (
                f"synthetic {words // 1000}k words",
                render_article(article, lambda s: None).html,
                words,
            )
        )
    wiki = SHARED / "corpus" / "mozilla" / "wikipedia-2" / "source.html"
    if wiki.is_file():
        opened = prepare(open_source(str(wiki), None))
        cases.append(("wikipedia-2 (link-dense)", opened.html, opened.document.words))

    print(
        f"{'case':<28}{'words':>8}{'setHtml+layout':>16}{'chunk parse':>14}{'GUI layout':>12}"
        f"{'one-shot parse':>16}"
    )
    for name, html, words in cases:
        chunks = chunks_for_view(html)
        whole: list[float] = []
        parse: list[float] = []
        layout: list[float] = []
        single: list[float] = []
        for _ in range(runs):
            view.show_html("<p>reset</p>")
            started = time.perf_counter()
            view.show_html(html)
            view.document().documentLayout().documentSize()  # forces the full layout
            whole.append(time.perf_counter() - started)

            started = time.perf_counter()
            document = build_document(html, {}, view.view_style, chunks)
            parse.append(time.perf_counter() - started)
            started = time.perf_counter()
            view.show_document(document, html)
            view.document().documentLayout().documentSize()
            layout.append(time.perf_counter() - started)
            app.processEvents()

            started = time.perf_counter()
            build_document(html, {}, view.view_style)
            single.append(time.perf_counter() - started)
        medians = [statistics.median(times) * 1000 for times in (whole, parse, layout, single)]
        print(
            f"{name:<28}{words:>8}{medians[0]:>13.1f} ms{medians[1]:>11.1f} ms{medians[2]:>9.1f} ms"
            f"{medians[3]:>13.1f} ms"
        )
    print(f"target: setHtml + layout <= {TARGET_MS} ms median for 20k words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
