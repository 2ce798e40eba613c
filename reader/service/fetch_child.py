"""The window's fetch queue, run in a child process (reader.service.child_process).

The window fetches its queue this way rather than on a thread of its own: fetching and
extracting pages is Python work (http parsing, lxml, readability) that holds the GIL,
and in the window's process every page took turns with the GUI thread, which stalled
(tests/benchmarks/moving_in.py: 107-344 ms stalls with the runner on a thread). The
child runs on another core, niced and bound to the window; this side only waits on a
pipe for one event per page.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path

from reader.errors import ReaderError
from reader.logins import Credentials
from reader.service.child_process import Report, StopFlag, run_in_child
from reader.service.fetching import FetchBusy, FetchEvent, FetchSummary

STOP_POLL_SECONDS = 0.2  # how often the child looks at the window's stop flag


def fetch_in_child(
    library_path: Path | None,
    progress: Callable[[FetchEvent], None],
    cancel: threading.Event,
) -> FetchSummary:
    """Run the queue of ``library_path`` (None: the default library) in a child process,
    ``progress`` hearing each page; ``cancel`` stops it (what was fetched is kept, the rest
    waits). FetchBusy when another Reader fetches this queue; a one-line ReaderError when
    the child failed."""
    from reader.logins import session_credentials

    # session-only logins (no keyring) go with the work through the child's pipe, never
    # on a command line where any process could read them
    work = partial(_fetch_queue, library_path, session_credentials())

    def heard(event: object) -> None:
        if isinstance(event, FetchEvent):
            progress(event)

    try:
        return run_in_child(work, progress=heard, cancel=cancel, name="reader-fetch")
    except FetchBusy:
        raise
    except ReaderError as error:
        raise ReaderError(f"the fetch stopped: {error}") from None
    except Exception as error:  # e.g. a library file that is no database
        raise ReaderError(f"the fetch stopped: {str(error) or type(error).__name__}") from None


def _fetch_queue(
    library_path: Path | None, logins: list[Credentials], report: Report, stop: StopFlag
) -> FetchSummary:
    """In the child: the queue runner on the library, each page reported."""
    from reader.logins import keep_for_session
    from reader.service.fetching import FetchPolicy, QueueRunner
    from reader.store import Library

    for credentials in logins:
        keep_for_session(credentials)
    cancel = threading.Event()  # the runner's own flag, set when the window says stop
    watch = threading.Thread(target=_relay_stop, args=(stop, cancel), daemon=True)
    watch.start()
    try:
        with Library(library_path) as library:
            return QueueRunner(library, FetchPolicy(), progress=report, cancel=cancel).run()
    finally:
        cancel.set()  # ends the relay
        watch.join()


def _relay_stop(stop: StopFlag, cancel: threading.Event) -> None:
    while not cancel.wait(STOP_POLL_SECONDS):
        if stop.is_set():
            cancel.set()
