"""READER_BENCH=startup: how long the window's event loop stalled while it started.

A heartbeat every HEARTBEAT_MS from the first paint; the longest gap between two beats,
until a second after the first article is on screen, is printed as ``stall_ms``, then the
app quits (tests/benchmarks/startup.py reads it, and the RSS meanwhile). Also printed:
``stall_cpu_ms``, the most CPU time the GUI thread spent between two beats: on a machine
shared with other work a gap is mostly time the process was not scheduled, while this
is the window's own work, the stall it gives on an idle core.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer

HEARTBEAT_MS = 5
AFTER_ARTICLE_MS = 1000
QUIT_AFTER_MS = 1500  # the benchmark reads the RSS a second after the story shows


class StallWatch(QObject):
    """Started at the first paint; ``article_shown`` starts the last second."""

    def __init__(self, parent: QObject, quit_app: Callable[[], None]) -> None:
        super().__init__(parent)
        self._quit = quit_app
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._worst = 0.0
        self._worst_cpu = 0.0
        self._shown = False
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._beat)
        self._timer.start()

    def _beat(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self._worst = max(self._worst, now - self._last)
        self._worst_cpu = max(self._worst_cpu, cpu - self._last_cpu)
        self._last, self._last_cpu = now, cpu

    def article_shown(self, _document: object) -> None:
        if not self._shown:
            self._shown = True
            QTimer.singleShot(AFTER_ARTICLE_MS, self._report)

    def _report(self) -> None:
        self._timer.stop()
        print(f"stall_ms {self._worst * 1000:.1f}", flush=True)
        print(f"stall_cpu_ms {self._worst_cpu * 1000:.1f}", flush=True)
        QTimer.singleShot(QUIT_AFTER_MS - AFTER_ARTICLE_MS, self._quit)
