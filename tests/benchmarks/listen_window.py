"""Listening in the real window with the real speech service: what the listener feels.

For the seed (the sample Reader ships; the shared seed too where ../shared is) and long
Mozilla pages (>= 5,000 words), in a window with its library, with a
private speech-dispatcher + espeak-ng whose sound goes to ALSA's null device (played at
once, so a long article takes seconds and the GUI thread is exercised as hard as the
events come):

- start: `l` pressed -> the engine's BEGIN of the first sentence (target <= 300 ms), for
  the first `l` of the session (the service is connected then) and for a later article;
- follow: the engine's boundary signal (sentence begun, word reached, taken on the thread
  that receives it) -> the highlight set on the GUI thread (target <= 100 ms);
- stall: the longest gap of a 5 ms GUI heartbeat from the key to the end, minus 5 ms
  (target <= 50), side by side with the same heartbeat in the same window left idle just
  before (the machine's own stalls: it is shared, and a busy scheduler stalls any thread);
  "voiced max": the same counted only once the voice began (the script is made before).

The gaps between sentences (target < 1 s) are measured from the engine's END and BEGIN
events by tests/benchmarks/listen.py, which needs no window.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/listen_window.py [RUNS] [PAGE...]
        [--engine qt]

``--engine qt``: the window speaks through Qt's QtTextToSpeech (its speechd plugin here, in
a helper process started at the first `l`, which the first start then includes); needs
PySide6-Addons.

At a listener's pace instead (a PulseAudio null sink plays in real time; the seed takes
about two minutes a run):

    pulseaudio -n -L "module-null-sink" -L "module-native-protocol-unix socket=/tmp/p" &
    READER_SPEECH_SINK=pulse PULSE_SERVER=unix:/tmp/p \
        python tests/benchmarks/listen_window.py 1 seed

Medians over RUNS runs per page; maxima for follow and stall.
"""

import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED_DIR", REPO.parent / "shared"))
PAGES = (
    ("seed", SHARED / "seed" / "000_b486bc09ecc24fa0.txt"),
    ("toc-missing", SHARED / "corpus" / "mozilla" / "toc-missing" / "source.html"),
    ("lazy-image-2", SHARED / "corpus" / "mozilla" / "lazy-image-2" / "source.html"),
)
HEARTBEAT_MS = 5
IDLE_S = 3.0  # the idle heartbeat's length before each page is spoken
TARGETS = {"start": 300.0, "follow": 100.0, "stall": 50.0}


def main() -> int:
    args = sys.argv[1:]
    engine = "auto"
    if "--engine" in args:
        at = args.index("--engine")
        engine = args[at + 1]
        del args[at : at + 2]
    runs = int(args[0]) if args else 3
    wanted = set(args[1:])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["READER_DATA_DIR"] = tempfile.mkdtemp(prefix="reader-listen-")
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "tests"))
    import speech_service

    with speech_service.for_benchmark() as sock:
        if sock is None:
            return 0
        from reader.service.reading import sample_path

        pages = (("sample", sample_path()), *PAGES)
        chosen = [page for page in pages if not wanted or page[0] in wanted]
        print(f"load average at start: {os.getloadavg()[0]:.2f}")
        code = measure(runs, chosen, engine)
        print(f"load average at end: {os.getloadavg()[0]:.2f}")
        return code


def measure(runs: int, pages: list[tuple[str, Path]], engine: str) -> int:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from reader.ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.settings.speech_engine = engine
    window.resize(1280, 860)
    window.show()
    app.processEvents()
    listening = window.listening
    speech = listening.speech

    engine_at: list[float] = []  # when each boundary signal left the engine side
    shown_at: list[float] = []  # when the highlight for it was set on the GUI thread
    begins: list[float] = []
    direct = Qt.ConnectionType.DirectConnection  # runs on the thread that emits
    speech.utterance_started.connect(lambda *_: engine_at.append(time.perf_counter()), direct)
    speech.word_reached.connect(lambda *_: engine_at.append(time.perf_counter()), direct)
    speech.utterance_started.connect(lambda *_: begins.append(time.perf_counter()), direct)
    show_span, show_word = listening.highlight.show_span, listening.highlight.show_word

    def timed(show):
        def wrapper(start: int, end: int) -> None:
            show(start, end)
            shown_at.append(time.perf_counter())

        return wrapper

    listening.highlight.show_span = timed(show_span)  # type: ignore[method-assign]
    listening.highlight.show_word = timed(show_word)  # type: ignore[method-assign]
    finished: list[float] = []
    speech.script_finished.connect(lambda: finished.append(time.perf_counter()))
    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(HEARTBEAT_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()

    def wait(condition, seconds: float) -> bool:
        deadline = time.perf_counter() + seconds
        while not condition() and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.0005)
        return bool(condition())

    def worst_gap_ms(since: float = 0.0) -> float:
        """The longest heartbeat gap ending after ``since``."""
        beats = [b - a for a, b in itertools.pairwise(ticks) if b > since]
        return max(beats, default=0.0) * 1000 - HEARTBEAT_MS

    rows = []
    print(f"{'page':<14}{'run':>4}{'utts':>6}{'start ms':>10}{'follow med':>12}"
          f"{'follow max':>12}{'stall max':>11}{'idle max':>10}{'voiced max':>11}")  # fmt: skip
    for run in range(runs):
        for name, source in pages:
            if not source.is_file():
                continue
            window.opening.open_source(str(source))
            wait(lambda: not window.is_busy() and window.current.document is not None, 60)
            for _ in range(50):
                app.processEvents()
            engine_at.clear()
            shown_at.clear()
            begins.clear()
            finished.clear()
            window.view.setFocus()
            ticks.clear()
            wait(lambda: False, IDLE_S)  # the window idle: events handled, nothing spoken
            idle = worst_gap_ms()
            pressed = time.perf_counter()
            ticks.clear()
            QTest.keyClick(window.view, Qt.Key.Key_L)
            if not wait(lambda: bool(finished), 1800):
                print(f"{name}: did not finish")
                return 1
            script = listening.last_script
            count = len(script.utterances) if script else 0
            start_ms = (begins[0] - pressed) * 1000 if begins else float("nan")
            follows = [(b - a) * 1000 for a, b in zip(engine_at, shown_at, strict=False)]
            stall = worst_gap_ms()
            voiced = worst_gap_ms(since=begins[0] + 0.001) if begins else float("nan")
            rows.append((name, start_ms, statistics.median(follows), max(follows), stall, idle))
            print(
                f"{name:<14}{run:>4}{count:>6}{start_ms:>10.1f}"
                f"{statistics.median(follows):>12.2f}{max(follows):>12.2f}{stall:>11.1f}"
                f"{idle:>10.1f}{voiced:>11.1f}"
            )
            listening.stop()
            for _ in range(50):
                app.processEvents()
    timer.stop()
    window.close()
    later = [r[1] for r in rows[1:]] or [float("nan")]
    print(f"\nengine: {engine}")
    print(
        f"start after l: first of the session {rows[0][1]:.1f} ms, later median "
        f"{statistics.median(later):.1f} ms (target <= {TARGETS['start']:.0f})"
    )
    print(
        f"highlight after the engine's signal: median {statistics.median(r[2] for r in rows):.2f}"
        f" ms, worst {max(r[3] for r in rows):.1f} ms (target <= {TARGETS['follow']:.0f})"
    )
    print(
        f"GUI stall while speaking: median of worst {statistics.median(r[4] for r in rows):.1f}"
        f" ms, max {max(r[4] for r in rows):.1f} ms (target <= {TARGETS['stall']:.0f}); idle"
        f" window alongside: median of worst {statistics.median(r[5] for r in rows):.1f} ms,"
        f" max {max(r[5] for r in rows):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
