"""Start-up as a person sees it: launch to a visible window titled with the story.

On a real X server, Reader opening the seed saved as HTML, against a 15-line PySide6 +
readability-lxml script that shows the same file, side by side in one run (alternating,
so machine noise hits both alike); and `reader` alone, the usual start from the desktop,
which opens the last article read (the seed). An observer on the X server (xwatch.py, no polling)
notes when a mapped top-level window first carries the story's title; each run is a fresh
process timed from just before it is started. Then, with the story open for a second:
the RSS of each process, and Reader's longest event-loop stall from its first paint until
a second after the story was on screen (READER_BENCH=startup, printed by reader.app).

    python tests/benchmarks/startup.py [RUNS]

The X server is $DISPLAY, or an Xvfb this script starts on $READER_BENCH_DISPLAY (:11).
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from xwatch import TitleWatcher

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED_DIR", REPO.parent / "shared"))
SEED = SHARED / "seed" / "000_b486bc09ecc24fa0.txt"
TARGET_RATIO = 1.2
TARGET_RSS_MB = 110
TARGET_STALL_MS = 50
SETTLE_S = 1.0  # the story stays open this long before the RSS is read
TIMEOUT_S = 60

# The bare script: the same parts, nothing else (PySide6, readability-lxml, a QTextBrowser).
BARE = """
import sys
from PySide6.QtWidgets import QApplication, QTextBrowser
from readability import Document

app = QApplication(sys.argv[:1])
with open(sys.argv[1], encoding="utf-8") as page:
    document = Document(page.read())
view = QTextBrowser()
view.setHtml(document.summary())
view.setWindowTitle(document.title())
view.resize(1180, 820)
view.show()
sys.exit(app.exec())
"""


def seed_as_html(folder: Path) -> tuple[Path, str]:
    """The seed page saved as HTML (Reader's own text-dump conversion), and its title."""
    sys.path.insert(0, str(REPO))
    from reader.load.textdump import dump_to_html

    html = dump_to_html(SEED.read_text(encoding="utf-8"))
    path = folder / "seed.html"
    path.write_text(html, encoding="utf-8")
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    return path, title


def x_server() -> subprocess.Popen[bytes] | None:
    """Use $DISPLAY, or start an Xvfb of our own on $READER_BENCH_DISPLAY."""
    if os.environ.get("DISPLAY") and not os.environ.get("READER_BENCH_DISPLAY"):
        return None
    display = os.environ.get("READER_BENCH_DISPLAY", ":11")
    os.environ["DISPLAY"] = display
    try:
        TitleWatcher(display)  # one is running already
        return None
    except RuntimeError:
        pass
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        time.sleep(0.05)
        try:
            TitleWatcher(display)
            return server
        except RuntimeError:
            continue
    raise SystemExit(f"Xvfb did not start on {display}")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def launch(
    watcher: TitleWatcher, command: list[str], env: dict[str, str], title: str
) -> dict[str, float]:
    """Start ``command``; the time until its titled window shows, then its RSS."""
    watcher.drain()
    started = time.monotonic()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    shown = watcher.wait_for(title, started + TIMEOUT_S)
    result: dict[str, float] = {}
    try:
        if shown is None:
            child.kill()
            _, err = child.communicate(timeout=10)
            raise SystemExit(f"{command[:3]}: no window titled {title!r}\n{err[-2000:]!r}")
        result["visible"] = shown - started
        time.sleep(SETTLE_S)
        result["rss_mb"] = rss_mb(child.pid)
    finally:
        if child.poll() is None and env.get("READER_BENCH") != "startup":
            child.send_signal(signal.SIGTERM)
    out, _ = child.communicate(timeout=TIMEOUT_S)
    for line in out.decode("utf-8", "replace").splitlines():
        words = line.split()
        if words[:1] in (["stall_ms"], ["stall_cpu_ms"]):
            result[words[0]] = float(words[1])
    return result


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    if not SEED.is_file():
        print(f"seed missing: {SEED}")
        return 1
    if shutil.which("Xvfb") is None and not os.environ.get("DISPLAY"):
        print("needs an X server: $DISPLAY or Xvfb")
        return 1
    server = x_server()
    try:
        return measure(runs)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


def measure(runs: int) -> int:
    watcher = TitleWatcher()
    # An installed Reader runs from bytecode (pip compiles a wheel's modules), as the bare
    # script's libraries do: the warm-up runs below write Reader's, so no timed run
    # compiles sources (with PYTHONDONTWRITEBYTECODE set, every start did: ~100 ms).
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "PYTHONDONTWRITEBYTECODE")
    }
    env["QT_QPA_PLATFORM"] = "xcb"
    env["PYTHONPATH"] = str(REPO)
    bare_times: list[float] = []
    reader_times: list[float] = []
    alone_times: list[float] = []
    bare_rss: list[float] = []
    reader_rss: list[float] = []
    stalls: list[float] = []
    stalls_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        page, title = seed_as_html(Path(folder))
        env["READER_DATA_DIR"] = str(Path(folder) / "data")
        bare = [sys.executable, "-c", BARE, str(page)]
        reader = [sys.executable, "-m", "reader", str(page)]
        alone = [sys.executable, "-m", "reader"]  # the seed is the last article read
        reader_env = {**env, "READER_BENCH": "startup"}
        launch(watcher, bare, env, title)  # warm the page cache for both
        launch(watcher, reader, reader_env, title)  # and the library: it holds the seed now
        for _ in range(runs):
            shown = launch(watcher, bare, env, title)
            bare_times.append(shown["visible"])
            bare_rss.append(shown["rss_mb"])
            shown = launch(watcher, reader, reader_env, title)
            reader_times.append(shown["visible"])
            reader_rss.append(shown["rss_mb"])
            stalls.append(shown.get("stall_ms", float("nan")))
            stalls_cpu.append(shown.get("stall_cpu_ms", float("nan")))
            alone_times.append(launch(watcher, alone, env, title)["visible"])
    bare_ms = statistics.median(bare_times) * 1000
    reader_ms = statistics.median(reader_times) * 1000
    print(f"runs: {runs} each, alternating, on X display {os.environ.get('DISPLAY')}")
    print(f"15-line PySide6 + readability script, story window visible: {bare_ms:7.1f} ms")
    print(f"Reader, story window visible:                               {reader_ms:7.1f} ms")
    print(f"ratio: {reader_ms / bare_ms:.2f} (target <= {TARGET_RATIO})")
    alone_ms = statistics.median(alone_times) * 1000
    print(f"Reader alone, the last article read (the seed) visible:    {alone_ms:7.1f} ms")
    print(f"ratio: {alone_ms / bare_ms:.2f}")
    print(
        f"RSS with the seed open: Reader {statistics.median(reader_rss):6.1f} MB "
        f"(target <= {TARGET_RSS_MB}), script {statistics.median(bare_rss):6.1f} MB"
    )
    print(
        f"Reader's longest event-loop stall, first paint to story + 1 s: "
        f"median {statistics.median(stalls):5.1f} ms, worst {max(stalls):5.1f} ms "
        f"(target <= {TARGET_STALL_MS})"
    )
    print(
        f"  the GUI thread's own work in that stall (CPU time, what it gives on an idle "
        f"core): median {statistics.median(stalls_cpu):5.1f} ms, worst {max(stalls_cpu):5.1f} ms"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
