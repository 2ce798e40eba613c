"""A shown Reader window with a heartbeat timer: the benchmarks that measure stalls read
the gaps between its ticks (a gap longer than the interval is the window frozen)."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTimer

    from reader.ui.shell.main_window import MainWindow


@dataclass
class Heartbeat:
    app: QCoreApplication
    window: MainWindow
    timer: QTimer
    ticks: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # the GUI thread's CPU time at each tick


def window_with_heartbeat(interval_ms: int) -> Heartbeat:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reader.ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1280, 860)
    window.show()
    app.processEvents()
    beat = Heartbeat(app, window, QTimer())
    beat.timer.setInterval(interval_ms)
    beat.timer.timeout.connect(lambda: _tick(beat))
    beat.timer.start()
    return beat


def _tick(beat: Heartbeat) -> None:
    beat.ticks.append(time.perf_counter())
    beat.cpu.append(time.thread_time())


def worst_gap_ms(beat: Heartbeat, start: float, end: float) -> tuple[float, float]:
    """Between ``start`` and ``end`` (perf_counter): how late the latest tick came, and the
    most CPU time the GUI thread spent itself between two ticks. On a loaded machine the
    first stretches (waiting for a core, or for the GIL a worker holds); the second is the
    window's own work in one turn, which load changes much less."""
    late, cpu = 0.0, 0.0
    for (t0, c0), (t1, c1) in itertools.pairwise(zip(beat.ticks, beat.cpu, strict=True)):
        if t0 >= start and t1 <= end:
            late = max(late, (t1 - t0) * 1000 - beat.timer.interval())
            cpu = max(cpu, (c1 - c0) * 1000)
    return late, cpu


def lateness_ms(ticks: list[float], interval_ms: float) -> list[float]:
    """How late each tick came, in ms (the event loop was busy or not scheduled)."""
    return [(later - earlier) * 1000 - interval_ms for earlier, later in itertools.pairwise(ticks)]
