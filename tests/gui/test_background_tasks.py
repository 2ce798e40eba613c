"""Every background task reports back on the GUI thread. A task that never reports leaves
the window waiting for good (its "opening" state, a busy bar): once in a CI run every
window test after one point waited in vain for one. Two ways it could happen are shut:
work that raises a BaseException, and a task started off the GUI thread."""

from __future__ import annotations

import threading

from window_helpers import wait_tasks

from reader.ui.presenter import tasks


def test_work_that_exits_is_reported_as_a_failure(qtbot) -> None:
    """``SystemExit`` (or any BaseException) from a task's work reaches its error handler;
    before, the worker swallowed it and the task stayed pending for ever."""
    failures: list[BaseException] = []

    def quit_midway() -> None:
        raise SystemExit(3)

    tasks.run_task(quit_midway, lambda _: None, failures.append)
    wait_tasks(qtbot)
    assert [type(error) for error in failures] == [SystemExit]


def test_a_task_started_from_another_thread_is_refused_at_once(qtbot) -> None:
    """Started from a plain thread (no event loop there), the task's result would never
    be delivered: the caller hears so at once, and nothing is left pending."""
    errors: list[BaseException] = []

    def start() -> None:
        try:
            tasks.run_task(lambda: 42, lambda _: None, lambda _: None)
        except RuntimeError as error:
            errors.append(error)

    starter = threading.Thread(target=start)
    starter.start()
    starter.join()
    assert [str(error) for error in errors] == ["a task is started from the GUI thread only"]
    assert tasks.pending_work() == []
