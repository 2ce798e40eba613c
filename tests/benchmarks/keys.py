"""Key to repaint: how long from a navigation key to the new frame, on the seed.

Opens the seed in the real window, then presses j/k in the story list (the seed's
recommended stories) and Space / Shift+Space in the article. Each sample runs from just
before the key event is sent until the widget that shows the change has finished
painting. Target (issue 7): median <= 16 ms, one frame at 60 Hz.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/keys.py [PRESSES]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED_DIR", REPO.parent / "shared"))
SEED = SHARED / "seed" / "000_b486bc09ecc24fa0.txt"
TARGET_MS = 16.0
TIMEOUT_S = 2.0


def main() -> int:
    presses = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    if not SEED.is_file():
        print(f"seed missing: {SEED}")
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["READER_DATA_DIR"] = tempfile.mkdtemp(prefix="reader-keys-")
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "tests" / "benchmarks"))

    from key_paint import key_to_paint_ms
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from reader.ui.shell.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(1180, 820)
    window.show()
    window.activateWindow()
    window.opening.open_source(str(SEED))
    deadline = time.monotonic() + 60
    while window.is_busy() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.002)
    if window.current.article is None:
        print("the seed did not open")
        return 1
    for _ in range(20):
        app.processEvents()

    def sample(widget, viewport, key, modifiers=Qt.KeyboardModifier.NoModifier) -> float:
        return key_to_paint_ms(app, widget, viewport, key, modifiers, TIMEOUT_S)

    results: dict[str, list[float]] = {"j/k (story list)": [], "Space (article)": []}
    story_list = window.sidebar.list
    rows = story_list.model().rowCount()
    if rows < 2:
        print(f"the seed's story list has {rows} rows: j/k not measured")
    for index in range(presses):
        if rows >= 2:
            story_list.setFocus()
            key = Qt.Key.Key_J if (index // max(1, rows - 1)) % 2 == 0 else Qt.Key.Key_K
            results["j/k (story list)"].append(sample(story_list, story_list.viewport(), key))
        window.view.setFocus()
        bar = window.view.verticalScrollBar()
        if bar.value() >= bar.maximum():
            bar.setValue(0)
            app.processEvents()
        results["Space (article)"].append(
            sample(window.view, window.view.viewport(), Qt.Key.Key_Space)
        )
    print(f"presses: {presses} per key, window 1180x820, seed: {SEED.name}")
    every: list[float] = []
    for name, values in results.items():
        if values:
            every += values
            print(
                f"{name:20s} median {statistics.median(values):6.2f} ms  "
                f"p90 {sorted(values)[int(len(values) * 0.9)]:6.2f} ms"
            )
    if every:
        median = statistics.median(every)
        print(f"all navigation keys  median {median:6.2f} ms (target <= {TARGET_MS})")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
