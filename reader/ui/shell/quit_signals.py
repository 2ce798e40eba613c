"""A request to stop from outside (the session ending, `kill`, Ctrl+C in the terminal that
started Reader) closes the window the usual way: the reading position and the window's
layout are kept, the library is closed, the single-instance socket is removed.

Left to Python's defaults, SIGTERM and SIGHUP ended the process on the spot (the last
reading position lost, a dead socket file left behind, which every later start then tried
to connect to: ~3 ms of its way to the story, measured), and Ctrl+C only raised
KeyboardInterrupt once Python code next ran. A Python signal handler alone would not run
while Qt's event loop waits, so the signal also writes its number to a pipe (Python's
wakeup fd) that the event loop watches.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


class QuitOnSignals(QObject):
    """Calls ``close`` on the GUI thread when one of STOP_SIGNALS arrives. Where the event
    loop cannot be woken through a pipe (Windows), or off the main thread, Python's
    defaults stay."""

    def __init__(self, parent: QObject, close: Callable[[], None]) -> None:
        super().__init__(parent)
        self._close = close
        if os.name != "posix":  # Windows wakes only through a socket, and has no SIGHUP
            return
        self._read_end, write_end = os.pipe()
        os.set_blocking(self._read_end, False)
        os.set_blocking(write_end, False)
        try:
            signal.set_wakeup_fd(write_end)
        except ValueError:  # not the main thread (an embedding host): leave its signals be
            os.close(self._read_end)
            os.close(write_end)
            return
        for number in STOP_SIGNALS:
            signal.signal(number, _noted)
        self._notifier = QSocketNotifier(self._read_end, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def _woken(self) -> None:
        with contextlib.suppress(BlockingIOError):
            received = os.read(self._read_end, 64)
            if any(number in received for number in STOP_SIGNALS):
                self._close()


def _noted(_number: int, _frame: object) -> None:
    """The signal is handled by the event loop (the wakeup fd); nothing to do here."""
