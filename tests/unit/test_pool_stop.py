"""A cancelled run of the process pool leaves nothing running behind it when it returns:
neither a worker nor the executor's own thread (joined at exit, it is where a second Ctrl+C
hung `reader import`)."""

from __future__ import annotations

import multiprocessing
import threading
import time

from reader.service.pool import run_in_processes


def slow_square(number: int) -> int:
    time.sleep(0.2)
    return number * number


def test_a_cancelled_run_leaves_no_worker_or_thread_behind() -> None:
    cancel = threading.Event()
    finished: list[int] = []
    before = set(threading.enumerate())

    def finish(item: int, result: int | None, error: str | None) -> None:
        assert error is None and result == item * item
        finished.append(item)
        if len(finished) == 3:
            cancel.set()

    assert run_in_processes(range(200), slow_square, finish, workers=2, cancel=cancel)
    assert multiprocessing.active_children() == []
    assert set(threading.enumerate()) - before == set()
    assert 3 <= len(finished) < 200
