"""Hostile images against a plain page, side by side in one run.

Memory: `reader PAGE` (READER_BENCH=article) with the bomb page (30 PNGs of 1700×36000,
~250 KB each on disk, 245 MB each decoded) and with the same page without images; the
RSS when the article is on screen and the peak. Target: the bomb page <= 300 MB.

Time: one window opens pages with a 5 ms heartbeat running: the plain page, the nested
<use> SVG (as a saved file and as a data: URL), and a page of slow SVGs (blurs Qt needs
seconds for). For each: ms until the article is shown, the longest heartbeat gap (a
stall of the window), and the CPU seconds Reader (with its helpers) spends in the two
seconds after the article is shown (nothing should still run). Targets for the <use>
page: no stall over 50 ms, all CPU work over within 2 s.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/hostile_images.py [RUNS]
"""

import base64
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "tests" / "gui"))

from image_bombs import bomb_page, png_bomb, svg_use_bomb  # noqa: E402
from test_image_budget import SLOW_SVG  # noqa: E402

HEARTBEAT_MS = 5
AFTER_SECONDS = 2.0


def memory(page: Path, data: Path) -> tuple[float, float]:
    env = {**os.environ, "READER_BENCH": "article", "READER_DATA_DIR": str(data)}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-m", "reader", str(page)], env=env, capture_output=True, text=True
    )
    words = result.stdout.split()
    if "rss_kb" not in words:
        raise SystemExit(f"no article line: {result.stderr[-2000:]}")
    rss = int(words[words.index("rss_kb") + 1]) / 1024
    peak = int(words[words.index("peak_kb") + 1]) / 1024
    return rss, peak


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def data_url_page(folder: Path, svg: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "inline.html"
    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    page.write_text(
        "<html><head><title>An inline drawing</title></head><body><article>"
        "<h1>An inline drawing</h1>"
        + "<p>The harbour at dawn, boats coming in, gulls over the nets.</p>" * 6
        + f'<figure><img src="{source}" alt="drawing"></figure></article></body></html>',
        encoding="utf-8",
    )
    return page


def open_in_window(pages: dict[str, Path], runs: int) -> None:
    from heartbeat import window_with_heartbeat

    beat = window_with_heartbeat(HEARTBEAT_MS)
    app, window, ticks, timer = beat.app, beat.window, beat.ticks, beat.timer

    def spin(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.0005)

    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in pages}
    for _ in range(runs):
        for name, page in pages.items():
            spin(0.3)
            ticks.clear()
            begin = time.perf_counter()
            window.opening.open_source(str(page))
            while window.is_busy():
                app.processEvents()
                time.sleep(0.0005)
            shown = time.perf_counter()
            cpu_at_show = cpu_seconds()
            spin(AFTER_SECONDS)
            cpu_after = cpu_seconds() - cpu_at_show
            gaps = [b - a for a, b in zip([begin, *ticks], ticks, strict=False)]
            stall = max(gaps, default=0.0) * 1000 - HEARTBEAT_MS
            results[name].append(((shown - begin) * 1000, stall, cpu_after))
    timer.stop()
    window.close()
    print(f"\n{'page':<26}{'shown ms':>10}{'max stall ms':>14}{'CPU s in next 2 s':>20}")
    for name, rows in results.items():
        shown_ms = statistics.median(r[0] for r in rows)
        stall = statistics.median(r[1] for r in rows)
        after = statistics.median(r[2] for r in rows)
        print(f"{name:<26}{shown_ms:>10.0f}{stall:>14.1f}{after:>20.2f}")


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    root = Path(tempfile.mkdtemp(prefix="reader-bombs-"))
    os.environ["READER_DATA_DIR"] = str(root / "window-data")
    bomb = png_bomb(1700, 36000)
    bombs = bomb_page(root / "bombs", [bomb] * 30)
    plain = bomb_page(root / "plain", [])
    print(f"bomb PNG: {len(bomb) // 1024} KB on disk, 1700×36000 pixels; 30 on the page")
    # tall, but small enough to be decoded: the article's budget is what holds these
    tall = bomb_page(root / "tall", [png_bomb(1700, 9000, shade=40 + n) for n in range(30)])
    pages = {"plain page": plain, "30 PNG bombs": bombs, "30 PNG 1700×9000": tall}
    sizes: dict[str, list[tuple[float, float]]] = {name: [] for name in pages}
    for run in range(runs):
        for index, (name, page) in enumerate(pages.items()):
            sizes[name].append(memory(page, root / f"memory-{index}-{run}"))
    print(f"{'page':<20}{'RSS MB (article shown)':>24}{'peak MB':>10}")
    for name, values in sizes.items():
        rss = statistics.median(v[0] for v in values)
        peak = statistics.median(v[1] for v in values)
        print(f"{name:<20}{rss:>24.0f}{peak:>10.0f}")
    print("target: every page <= 300 MB")

    windows = {
        "plain page": plain,
        "<use> SVG, saved file": bomb_page(root / "use-file", [svg_use_bomb()], suffix="svg"),
        "<use> SVG, data: URL": data_url_page(root / "use-data", svg_use_bomb()),
        "3 slow SVGs (blurs)": bomb_page(root / "slow", [SLOW_SVG] * 3, suffix="svg"),
    }
    open_in_window(windows, runs)
    print("targets for the <use> page: stall <= 50 ms, no CPU work 2 s later")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
