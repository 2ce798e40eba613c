"""Screenshots of the reading window, offscreen: `python tests/gui/make_screenshots.py [OUT]`.

Opens each page as the window does (load -> extract -> store -> render in a worker) in a
throwaway library and saves window grabs. Used for docs/screenshots.
"""

import sys
from pathlib import Path

from shot_helpers import REPO, SHARED  # first: offscreen Qt, a throwaway library

SHOTS = (
    # (file name, source, theme, size)
    ("sample.png", str(REPO / "resources" / "sample" / "welcome.html"), "light", (1280, 860)),
    ("seed.png", str(SHARED / "seed" / "000_b486bc09ecc24fa0.txt"), "light", (1280, 860)),
    ("wikipedia.png", str(SHARED / "corpus/mozilla/wikipedia/source.html"), "sepia", (1280, 900)),
    ("table.png", str(SHARED / "corpus/mozilla/links-in-tables/source.html"), "light", (1280, 900)),
    ("dark.png", str(SHARED / "seed" / "000_b486bc09ecc24fa0.txt"), "dark", (1280, 860)),
)


def scroll_to_first_table(view: object) -> None:
    from PySide6.QtGui import QTextCursor, QTextTable

    document = view.document()  # type: ignore[attr-defined]
    for frame in document.rootFrame().childFrames():
        if isinstance(frame, QTextTable) and frame.columns() > 2:
            cursor = QTextCursor(document)
            cursor.setPosition(frame.firstPosition())
            view.setTextCursor(cursor)  # type: ignore[attr-defined]
            bar = view.verticalScrollBar()  # type: ignore[attr-defined]
            top = view.cursorRect().top()  # type: ignore[attr-defined]
            bar.setValue(bar.value() + top - 260)
            return


def main() -> int:
    from PySide6.QtWidgets import QApplication
    from shot_helpers import open_in, settle

    from reader.ui.shell.main_window import MainWindow

    out = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "docs" / "screenshots")
    only = set(sys.argv[2:])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setApplicationDisplayName("Reader")
    for name, source, theme, size in SHOTS:
        if only and name not in only:
            continue
        if not Path(source).is_file():
            print(f"skip {name}: {source} missing")
            continue
        window = MainWindow()
        window.resize(*size)
        window.view_actions.set_theme(theme)
        window.show()
        window.placement.set_visible(window.library_panel, False)
        open_in(app, window, source)
        if name in ("wikipedia.png", "table.png"):  # the first table, a little below the top
            scroll_to_first_table(window.view)
            settle(app, window, 0.1)
        window.grab().save(str(out / name))
        print(f"wrote {out / name}")
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
