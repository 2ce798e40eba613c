"""The reading view at every width, with each panel, in light and dark: docs/screenshots/layout.

    python tests/gui/make_layout_screenshots.py [OUT]

The seed (from ../shared), a table page, a quote page and the bundled sample (its picture
saved) at 600, 800, 1180 and 1600 px: the text alone, with the library open, with the
stories open (beside the text when there is room, else as a drawer over it), light and
dark. Saved at half size (``SCALE``) as ``<page>-<width>-<panel>-<theme>.png``, plus one
contact sheet per page and theme. tests/gui/test_adaptive_layout.py checks the same pages
and widths by reading the laid-out document.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["READER_DATA_DIR"] = tempfile.mkdtemp(prefix="reader-layout-shots-")

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED_DIR", REPO.parent / "shared"))
sys.path.insert(0, str(REPO))

WIDTHS = (600, 800, 1180, 1600)
HEIGHT = 760
PANELS = ("text", "library", "stories")
THEMES = ("light", "dark")
SCALE = 0.5
SHEET_SCALE = 0.6  # the contact sheet, of the half-size shots
# Where each page is shown from: its table, its quotes, its picture (the seed from the top).
SCROLL_TO = {
    "table": "From the first of November",
    "quotes": "Most entries are short",
    "image": "Close the window and Reader",
}
# Pages of the library list (their stories fill "For you"), some starred or tagged.
LIBRARY_PAGES = ("guardian-1", "bbc-1", "nytimes-1", "wikipedia", "ars-1", "medium-1")


def pages() -> dict[str, Path]:
    from reader.service.reading import sample_path

    found = {
        "table": REPO / "tests" / "pages" / "reading-table" / "source.html",
        "quotes": REPO / "tests" / "pages" / "reading-quotes" / "source.html",
        "image": sample_path(),
    }
    seed = SHARED / "seed" / "000_b486bc09ecc24fa0.txt"
    if seed.is_file():
        found = {"seed": seed, **found}
    return found


def fill_library() -> None:
    from reader.service.reading import Direct, open_source
    from reader.store import Library

    with Library() as library:
        for number, name in enumerate(LIBRARY_PAGES):
            source = SHARED / "corpus" / "mozilla" / name / "source.html"
            if not source.is_file():
                continue
            document = open_source(str(source), Direct(library))
            if document.article_id is not None and number % 2 == 0:
                library.set_starred(document.article_id, True)
                library.set_tags(document.article_id, ["world", "long read"][: number % 3 + 1])


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from reader.ui.shell.main_window import MainWindow

    out = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "docs" / "screenshots" / "layout")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    fill_library()
    window = MainWindow()
    window.show()

    def settle(seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end or window.is_busy():
            app.processEvents()
            time.sleep(0.01)

    for page, source in pages().items():
        window.open_sources([str(source)])
        settle(0.5)
        for theme in THEMES:
            window.view_actions.set_theme(theme)
            shots: list[list[QImage]] = []
            for width in WIDTHS:
                row: list[QImage] = []
                window.resize(width, HEIGHT)
                settle()
                for panel in PANELS:
                    placement = window.placement
                    placement.close_drawers()
                    placement.set_visible(window.library_panel, panel == "library")
                    placement.set_visible(window.sidebar, panel == "stories")
                    if panel == "stories":
                        window.sidebar.show_this_article()
                    settle(0.2)
                    _scroll_to(window, SCROLL_TO.get(page))
                    image = window.grab().toImage()
                    small = image.scaledToWidth(
                        round(image.width() * SCALE), Qt.TransformationMode.SmoothTransformation
                    )
                    name = f"{page}-{width}-{panel}-{theme}.png"
                    _save(small, out / name)
                    row.append(small)
                shots.append(row)
            sheet = _sheet(shots)
            overview = sheet.scaledToWidth(  # type: ignore[attr-defined]
                round(sheet.width() * SHEET_SCALE),  # type: ignore[attr-defined]
                Qt.TransformationMode.SmoothTransformation,
            )
            _save(overview, out / f"{page}-{theme}.png")
            print(f"wrote {page} ({theme})")
    window.placement.close_drawers()
    window.close()
    return 0


def _scroll_to(window: object, text: str | None) -> None:
    """The first line holding ``text`` at the top of the view."""
    view = window.view  # type: ignore[attr-defined]
    bar = view.verticalScrollBar()
    bar.setValue(0)
    if not text:
        return
    cursor = view.document().find(text)
    if not cursor.isNull():
        bar.setValue(view.cursorRect(cursor).top() - 24)


def _save(image: object, path: Path) -> None:
    """PNG, then down to 128 colours without dithering when ImageMagick is at hand (the
    flat colours of a window stay exact; the file shrinks to a third)."""
    image.save(str(path))  # type: ignore[attr-defined]
    convert = shutil.which("convert")
    if convert:
        subprocess.run([convert, str(path), "+dither", "-colors", "128", str(path)], check=False)


def _sheet(rows: list[list[object]]) -> object:
    """The shots of one page and theme on one image: a row per width, a column per panel."""
    from PySide6.QtGui import QColor, QImage, QPainter

    gap = 12
    widths = [max(image.width() for image in column) for column in zip(*rows, strict=True)]
    heights = [max(image.height() for image in row) for row in rows]
    sheet = QImage(sum(widths) + gap * (len(widths) + 1), sum(heights) + gap * (len(rows) + 1),
                   QImage.Format.Format_RGB32)  # fmt: skip
    sheet.fill(QColor("#8a8a8a"))
    painter = QPainter(sheet)
    top = gap
    for row, height in zip(rows, heights, strict=True):
        left = gap
        for image, width in zip(row, widths, strict=True):
            painter.drawImage(left, top, image)
            left += width + gap
        top += height + gap
    painter.end()
    return sheet


if __name__ == "__main__":
    raise SystemExit(main())
