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
    beat.timer.timeout.connect(lambda: beat.ticks.append(time.perf_counter()))
    beat.timer.start()
    return beat


def lateness_ms(ticks: list[float], interval_ms: float) -> list[float]:
    """How late each tick came, in ms (the event loop was busy or not scheduled)."""
    return [(later - earlier) * 1000 - interval_ms for earlier, later in itertools.pairwise(ticks)]
