"""Screenshots of the whole window (library panel, cheat sheet, preferences, dark theme),
offscreen: `python tests/gui/make_window_screenshots.py [OUT]`.

Fills a throwaway library with a few corpus pages through the real load -> extract -> store
path (synchronously), opens the seed and saves grabs. Used for docs/screenshots.
"""

import sys
from pathlib import Path

from shot_helpers import REPO, SHARED  # first: offscreen Qt, a throwaway library

CORPUS_PAGES = (
    "wikipedia",
    "ars-1",
    "nytimes-1",
    "medium-1",
    "guardian-1",
    "bbc-1",
    "lemonde-1",
    "wapo-1",
    "mozilla-1",
    "herald-sun-1",
)
SIZE = (1500, 900)
SPLIT = (470, 690, 340)


def settle(app: object, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()  # type: ignore[attr-defined]


def main() -> int:
    from PySide6.QtWidgets import QApplication
    from shot_helpers import open_in
    from shot_helpers import settle as wait

    from reader.service.reading import Direct, open_source
    from reader.store import Library
    from reader.ui.shell.main_window import MainWindow

    out = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setApplicationDisplayName("Reader")
    for page in CORPUS_PAGES:
        source = SHARED / "corpus" / "mozilla" / page / "source.html"
        if source.is_file():
            try:
                with Library() as library:
                    open_source(str(source), Direct(library))
            except Exception as error:  # a screenshot run never stops for one page
                print(f"skip {page}: {error}")
    seed = SHARED / "seed" / "000_b486bc09ecc24fa0.txt"

    for name, theme in (("library.png", "light"), ("library-dark.png", "dark")):
        window = MainWindow()
        window.resize(*SIZE)
        window.view_actions.set_theme(theme)
        window.show()
        window.placement.restore(
            {window.library_panel: True, window.sidebar: True},
            {window.library_panel: SPLIT[0], window.sidebar: SPLIT[2]},
        )
        open_in(app, window, str(seed))
        window.navigation.go_library()
        wait(app, window)
        settle(app)
        window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum() // 5)
        settle(app)
        window.grab().save(str(out / name))
        print(f"wrote {out / name}")
        if theme == "light":
            window.view_actions.show_cheat_sheet()
            settle(app)
            window.dialogs.shown["cheat_sheet"].grab().save(str(out / "cheat-sheet.png"))
            print(f"wrote {out / 'cheat-sheet.png'}")
            window.dialogs.shown["cheat_sheet"].reject()
            window.view_actions.show_preferences()
            settle(app)
            window.dialogs.shown["preferences"].grab().save(str(out / "preferences.png"))
            print(f"wrote {out / 'preferences.png'}")
            window.dialogs.shown["preferences"].reject()
            window.find_bar.open()
            window.find_bar.field.setText("Russia")
            window.view_actions.enter_focus_mode()
            settle(app)
            window.grab().save(str(out / "focus-find.png"))
            print(f"wrote {out / 'focus-find.png'}")
            window.view_actions.leave_focus_mode()
        window.close()
        settle(app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
