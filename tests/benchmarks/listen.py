"""Listening end to end through the real speech-dispatcher + espeak-ng: gaps and start-up.

Speaks the seed and long Mozilla pages (>= 5,000 words) from start to finish with the
player, sound going to ALSA's null device (no sound card here; it plays instantly, so an
hour of speech takes seconds and only the engine's own pauses remain). Measured from the
engine's events, on the thread that receives them:

- gap: from one utterance's END to the next one's BEGIN (target: never over 1 s);
- start: from Player.play() to the first BEGIN (the engine's share of "start of speech
  after the key", target <= 300 ms for the whole key-to-voice path).

    python tests/benchmarks/listen.py [RUNS] [--engine qt]

``--engine qt``: through Qt's QtTextToSpeech in its helper process, as the window speaks
with it (reader/listen/qt_helper.py; its speechd plugin here, over the same private
speech-dispatcher) instead of speaking SSIP directly; needs PySide6-Addons. The helper is
made before the clock starts.

The seed is the sample article Reader ships; the shared seed (../shared) and the long
pages join it where ../shared is present.
"""

import os
import statistics
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED_DIR", REPO.parent / "shared"))
SEED = SHARED / "seed" / "000_b486bc09ecc24fa0.txt"
LONG_PAGES = ("wikipedia-4", "toc-missing", "lazy-image-2")
TARGET_GAP_S = 1.0
TARGET_START_S = 0.3


class Timeline:
    """Listener and event tap: when each utterance began and ended."""

    def __init__(self) -> None:
        self.begins: dict[int, float] = {}
        self.ends: dict[int, float] = {}
        self.done = threading.Event()
        self.errors: list[str] = []

    def utterance_started(self, index: int, utterance: object) -> None:
        self.begins.setdefault(index, time.perf_counter())

    def word_reached(self, index: int, start: int, end: int) -> None:
        pass

    def state_changed(self, state: str) -> None:
        pass

    def script_finished(self) -> None:
        self.done.set()

    def failed(self, message: str) -> None:
        self.errors.append(message)
        self.done.set()


def speak(script: object, engine_name: str) -> dict[str, float]:
    from reader.listen.player import Player
    from reader.listen.qt_helper import QtHelperEngine
    from reader.listen.ssip import Event, SpeechDispatcher

    timeline = Timeline()
    holder: list[Player] = []

    def on_event(event: Event) -> None:
        if event.kind == "end":
            index = holder[0].utterance_of(event.message)  # before the player drops it
            if index is not None:
                timeline.ends.setdefault(index, time.perf_counter())
        holder[0].engine_event(event)

    qt = engine_name == "qt"
    engine = QtHelperEngine(on_event) if qt else SpeechDispatcher(on_event)
    engine.connect()
    engine.set_language("en")
    player = Player(engine, timeline)
    holder.append(player)
    player.load(script)  # type: ignore[arg-type]
    player.wait_idle()
    clicked = time.perf_counter()
    player.play()
    timeline.done.wait(1800)
    player.close()
    engine.close()
    count = len(script.utterances)  # type: ignore[attr-defined]
    if timeline.errors or len(timeline.begins) != count:
        raise SystemExit(f"incomplete: {len(timeline.begins)}/{count} {timeline.errors}")
    gaps = [
        timeline.begins[i + 1] - timeline.ends[i]
        for i in range(count - 1)
        if i in timeline.ends and i + 1 in timeline.begins
    ]
    return {
        "utterances": count,
        "start_ms": (timeline.begins[0] - clicked) * 1000,
        "gap_median_ms": statistics.median(gaps) * 1000,
        "gap_max_ms": max(gaps) * 1000,
        "total_s": timeline.ends[count - 1] - clicked,
    }


def main() -> int:
    args = sys.argv[1:]
    engine_name = "speech-dispatcher"
    if "--engine" in args:
        at = args.index("--engine")
        engine_name = args[at + 1]
        del args[at : at + 2]
    runs = int(args[0]) if args else 3
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "tests"))
    import speech_service

    from reader.extract import extract
    from reader.listen.script import article_html, build_script
    from reader.load import load
    from reader.service.reading import sample_path

    long_pages = [SHARED / "corpus" / "mozilla" / name / "source.html" for name in LONG_PAGES]
    sources = [sample_path(), SEED, *long_pages]
    sources = [path for path in sources if path.exists()]
    with speech_service.for_benchmark() as sock:
        if sock is None:
            return 0
        print(f"load average at start: {os.getloadavg()[0]:.2f}")
        print(f"{'page':<14} {'words':>6} {'utts':>5} {'start ms':>9} {'gap med':>8} "
              f"{'gap max':>8} {'total s':>8}")  # fmt: skip
        worst_gap = worst_start = 0.0
        for path in sources:
            article = extract(load(str(path)))
            script = build_script(article_html(article.title, article.content_html), "en")
            results = [speak(script, engine_name) for _ in range(runs)]
            med = {key: statistics.median(r[key] for r in results) for key in results[0]}
            gap_max = max(r["gap_max_ms"] for r in results)
            worst_gap = max(worst_gap, gap_max)
            worst_start = max(worst_start, med["start_ms"])
            name = {SEED: "seed", sample_path(): "sample"}.get(path, path.parent.name)
            print(
                f"{name:<14} {article.word_count:>6} {int(med['utterances']):>5} "
                f"{med['start_ms']:>9.1f} {med['gap_median_ms']:>8.1f} {gap_max:>8.1f} "
                f"{med['total_s']:>8.2f}"
            )
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    print(
        f"{engine_name}: worst gap {worst_gap:.1f} ms (target < {TARGET_GAP_S * 1000:.0f}); "
        f"median start {worst_start:.1f} ms at worst (target <= {TARGET_START_S * 1000:.0f})"
    )
    return 0 if worst_gap < TARGET_GAP_S * 1000 else 1


if __name__ == "__main__":
    raise SystemExit(main())
