"""Launch-to-window: Reader with the seed against a bare PySide6 QMainWindow, side by side.

Each run is a fresh process; the parent notes the wall clock just before starting it and the
child prints the wall clock at its window's first paint (Reader: READER_BENCH=paint), so
both include the interpreter start. Runs alternate so machine noise hits both equally.
Reader's first paint is its themed window shell (geometry restored, the theme's
background); the menus, reading view and sidebar are built right after it. Also reports
the time until that full window has painted, the time until the seed's article is on
screen and the RSS at that moment.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/startup.py [RUNS]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED_DIR", REPO.parent / "shared"))
SEED = SHARED / "seed" / "000_b486bc09ecc24fa0.txt"
TARGET_RATIO = 1.3

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1180, 820)
class Paint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False
watcher = Paint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def launch(command: list[str], env: dict[str, str]) -> dict[str, float]:
    started = time.time()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    values: dict[str, float] = {}
    for line in result.stdout.splitlines():
        words = line.split()
        if words and words[0] in ("paint", "built", "article") and len(words) >= 2:
            values[words[0]] = float(words[1]) - started
            if "rss_kb" in words:
                values["rss_mb"] = int(words[words.index("rss_kb") + 1]) / 1024
    if not values:
        raise SystemExit(f"{command}: no timing printed\n{result.stderr[-2000:]}")
    return values


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    if not SEED.is_file():
        print(f"seed missing: {SEED}")
        return 1
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["PYTHONPATH"] = str(REPO)
    reader = [sys.executable, "-m", "reader", str(SEED)]
    bare = [sys.executable, "-c", BARE]
    bare_times: list[float] = []
    reader_times: list[float] = []
    article_times: list[float] = []
    built_times: list[float] = []
    rss: list[float] = []
    with tempfile.TemporaryDirectory() as data:
        env["READER_DATA_DIR"] = data
        launch(bare, env)  # warm the page cache for both
        try:
            launch(reader, {**env, "READER_BENCH": "paint"})
        except SystemExit as error:  # the CLI front door is broken: time the app directly
            print(f"note: `python -m reader` failed, timing reader.app.run_app\n{error}")
            code = f"import sys; from reader.app import run_app; sys.exit(run_app([{str(SEED)!r}]))"
            reader = [sys.executable, "-c", code]
        for _ in range(runs):
            bare_times.append(launch(bare, env)["paint"])
            reader_times.append(launch(reader, {**env, "READER_BENCH": "paint"})["paint"])
            built_times.append(launch(reader, {**env, "READER_BENCH": "built"})["built"])
            shown = launch(reader, {**env, "READER_BENCH": "article"})
            article_times.append(shown["article"])
            rss.append(shown.get("rss_mb", 0.0))
    bare_ms = statistics.median(bare_times) * 1000
    reader_ms = statistics.median(reader_times) * 1000
    ratio = reader_ms / bare_ms
    print(f"runs: {runs} each, alternating")
    print(f"bare QMainWindow first paint:   median {bare_ms:7.1f} ms")
    print(f"reader SEED first paint:        median {reader_ms:7.1f} ms")
    print(f"ratio: {ratio:.2f} (target <= {TARGET_RATIO})")
    print(f"reader full window painted:     median {statistics.median(built_times) * 1000:7.1f} ms")
    print(
        f"reader SEED article on screen:  median {statistics.median(article_times) * 1000:7.1f} ms"
    )
    print(
        f"RSS with the seed open:         median {statistics.median(rss):7.1f} MB (target <= 120)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
