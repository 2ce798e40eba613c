"""Helper processes end when the process that started them does, however it ended.

A process-pool worker blocks on a pipe whose write end it inherited itself, so it never
sees its parent die: after a `kill -9` of `reader import`, its workers slept on for half
an hour. Each helper process therefore calls ``bind_to_parent`` first thing: on Linux the
kernel sends it SIGKILL the moment its parent exits (PR_SET_PDEATHSIG); everywhere a
daemon thread also checks twice a second that the parent is still the one it started
with, and ends the process when it is not.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

CHECK_SECONDS = 0.5
PR_SET_PDEATHSIG = 1


def bind_to_parent(parent_pid: int) -> None:
    """End this process when ``parent_pid`` (its parent when it started) is gone."""
    if sys.platform.startswith("linux"):
        _kill_me_with_parent()
    if not _parent_alive(parent_pid):  # it died before we were bound to it
        os._exit(1)
    watch = threading.Thread(target=_watch, args=(parent_pid,), name="lifeline", daemon=True)
    watch.start()


def _kill_me_with_parent() -> None:
    """Linux: SIGKILL from the kernel when the parent exits (no thread needed)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watching thread still catches it


def _parent_alive(parent_pid: int) -> bool:
    return os.getppid() == parent_pid


def _watch(parent_pid: int) -> None:
    while _parent_alive(parent_pid):
        time.sleep(CHECK_SECONDS)
    os._exit(1)
