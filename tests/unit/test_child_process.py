"""Work run in a child process (reader.service.child_process) as the window runs it: the
result and every event come back to the calling thread, errors keep their type and
message, a cancel reaches the child, a killed child is an error (never a hang), and the
child runs in a process of its own at a lower priority."""

from __future__ import annotations

import os
import threading
import time

import pytest

from reader.errors import ExtractError
from reader.service.child_process import NICENESS, ChildFailed, Report, StopFlag, run_in_child


def counted(report: Report, stop: StopFlag) -> tuple[int, int]:
    for number in range(5):
        report(("done", number))
    return os.getpid(), os.nice(0)


def failing(report: Report, stop: StopFlag) -> None:
    raise ExtractError("no article text found on the page")


def until_stopped(report: Report, stop: StopFlag) -> int:
    rounds = 0
    report("started")
    while not stop.is_set() and rounds < 3000:  # 30 s at most: the test fails, never hangs
        time.sleep(0.01)
        rounds += 1
    return rounds


def killed(report: Report, stop: StopFlag) -> None:
    import signal

    report(os.getpid())
    os.kill(os.getpid(), signal.SIGKILL)


def unpicklable(report: Report, stop: StopFlag) -> object:
    return threading.Lock()


def test_the_result_and_each_event_come_back_in_order_from_another_process() -> None:
    heard: list[tuple[object, str]] = []
    pid, niceness = run_in_child(
        counted, progress=lambda event: heard.append((event, threading.current_thread().name))
    )
    assert [event for event, _ in heard] == [("done", n) for n in range(5)]
    assert {thread for _, thread in heard} == {threading.current_thread().name}
    assert pid != os.getpid()
    assert niceness >= min(19, os.nice(0) + NICENESS)  # yields the cores to the window


def test_an_error_in_the_child_keeps_its_type_and_message() -> None:
    with pytest.raises(ExtractError, match=r"^no article text found on the page$"):
        run_in_child(failing)


def test_cancel_reaches_the_child_and_its_result_still_comes_back() -> None:
    cancel = threading.Event()
    started = time.monotonic()
    rounds = run_in_child(until_stopped, progress=lambda _: cancel.set(), cancel=cancel)
    assert rounds < 3000
    assert time.monotonic() - started < 20


def test_a_killed_child_is_an_error_not_a_hang() -> None:
    pids: list[object] = []
    with pytest.raises(ChildFailed, match="killed"):
        run_in_child(killed, progress=pids.append)
    assert not os.path.exists(f"/proc/{pids[0]}")  # reaped: no zombie left


def test_a_result_that_cannot_travel_is_a_one_line_error() -> None:
    with pytest.raises(Exception, match=r"^unexpected result"):
        run_in_child(unpicklable)
