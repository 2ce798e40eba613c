"""What long commands (import, fetch) share: a progress bar on a terminal, and stopping
in order on Ctrl+C, SIGTERM or a closed terminal."""

from __future__ import annotations

import shutil
import signal
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

from reader.commands.terminal import strip_controls

BAR_WIDTH = 30
CLEAR_LINE = "\r\033[K"
STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


DRAW_EVERY = 0.05  # seconds: a terminal redrawn more often only flickers


class Bar:
    """A progress bar on stderr's terminal (nothing when stderr is no terminal), redrawn
    at most every DRAW_EVERY seconds; ``above`` prints a line over it."""

    def __init__(self, stream: TextIO, shown: bool) -> None:
        self.stream = stream
        self.shown = shown
        self.drawn_at = 0.0

    def update(self, done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if not self.shown or (now - self.drawn_at < DRAW_EVERY and done < total):
            return
        self.drawn_at = now
        self.stream.write(CLEAR_LINE)
        draw_bar(self.stream, done, total, label)

    def clear(self) -> None:
        if self.shown:
            self.stream.write(CLEAR_LINE)
            self.stream.flush()
            self.drawn_at = 0.0


def draw_bar(stream: TextIO, done: int, total: int, label: str) -> None:
    """``[#####.....] 12/40 label`` on one line (``stream`` is the raw terminal: the
    label is cleaned here)."""
    filled = BAR_WIDTH * done // max(total, 1)
    name = strip_controls(label)
    width = shutil.get_terminal_size().columns - BAR_WIDTH - 20
    stream.write(
        f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} {name[: max(width, 0)]}"
    )
    stream.flush()


def stop_on_signals(cancel: threading.Event, stopped_by: list[int]) -> Callable[[], None]:
    """Ctrl+C (or SIGTERM, or a closed terminal) ends the command in order: what is done
    is committed, the workers stop, the summary line is printed. A second Ctrl+C
    interrupts at once. Returns the function that puts the old handlers back."""
    previous: dict[int, Any] = {}

    def stop(number: int, _frame: object) -> None:
        cancel.set()
        stopped_by.append(number)
        signal.signal(number, previous[number])

    for name in STOP_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, stop)

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore
