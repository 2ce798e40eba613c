"""The fetch queue run by `reader fetch --events` in a child process, heard line by line.

The window fetches its queue this way rather than on a thread of its own: fetching and
extracting pages is Python work (http parsing, lxml, readability) that holds the GIL,
and in the window's process every page took turns with the GUI thread, which stalled
(tests/benchmarks/moving_in.py: 107-344 ms stalls with the runner on a thread). The
child runs on another core; this side only reads one JSON line per page. The child is
bound to this process (reader.lifeline, ``--bound``): it ends with it, however it ends.

The lines are the wire format of ``--events`` (``event_json`` / ``event_of``), also
read by anything else that drives `reader fetch`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from reader.errors import ReaderError
from reader.service.fetching import FetchBusy, FetchEvent, FetchSummary
from reader.store.fetch_queue import QueueCounts

STOP_WAIT_SECONDS = 5.0  # after SIGTERM: fetches in flight stop at their next read
STDERR_KEPT = 20  # last lines of the child's stderr kept to word a failure


def event_json(event: FetchEvent) -> dict[str, Any]:
    counts = event.counts
    return {
        "article_id": event.article_id,
        "url": event.url,
        "state": event.state,
        "title": event.title,
        "reason": event.reason,
        "queued": counts.queued,
        "fetching": counts.fetching,
        "fetched": counts.fetched,
        "failed": counts.failed,
        "login": counts.login,
    }


def event_of(data: dict[str, Any]) -> FetchEvent:
    counts = QueueCounts(
        **{name: int(data.get(name, 0)) for name in QueueCounts.__dataclass_fields__}
    )
    return FetchEvent(
        article_id=int(data["article_id"]),
        url=str(data["url"]),
        state=data["state"],
        counts=counts,
        title=str(data.get("title", "")),
        reason=str(data.get("reason", "")),
    )


def summary_json(summary: FetchSummary) -> dict[str, Any]:
    return {
        "summary": {
            "fetched": summary.fetched,
            "failed": summary.failed,
            "login": summary.login,
            "retried": summary.retried,
            "cancelled": summary.cancelled,
            "failures": [list(pair) for pair in summary.failures],
        }
    }


def summary_of(data: dict[str, Any]) -> FetchSummary:
    return FetchSummary(
        fetched=int(data["fetched"]),
        failed=int(data["failed"]),
        login=int(data["login"]),
        retried=int(data["retried"]),
        cancelled=bool(data["cancelled"]),
        failures=[(str(url), str(reason)) for url, reason in data["failures"]],
    )


def fetch_in_child(
    library_path: Path | None,
    progress: Callable[[FetchEvent], None],
    cancel: threading.Event,
) -> FetchSummary:
    """Run the queue of ``library_path`` (None: the default library) in `reader fetch`,
    ``progress`` hearing each page; ``cancel`` stops it (what was fetched is kept, the rest
    waits). FetchBusy when another Reader fetches this queue; ReaderError when the child
    failed, with its last words."""
    command = [sys.executable, "-m", "reader", "fetch", "--events", "--bound"]
    command += ["--logins-on-stdin"]
    if library_path is not None:
        command += ["--library", str(library_path)]
    child = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    with child.stdin:  # never on the command line, where any process could read it
        child.stdin.write(session_logins_json())
    said: list[str] = []
    talk = threading.Thread(target=_keep_last, args=(child.stderr, said), daemon=True)
    talk.start()
    stopper = threading.Thread(target=_stop_when, args=(cancel, child), daemon=True)
    stopper.start()
    summary: FetchSummary | None = None
    busy: str | None = None
    try:
        for line in child.stdout:
            data = _parsed(line)
            if data is None:
                continue
            if "summary" in data:
                summary = summary_of(data["summary"])
            elif "busy" in data:
                busy = str(data["busy"])
            elif "article_id" in data:
                progress(event_of(data))
    finally:
        status = child.wait()
        talk.join(STOP_WAIT_SECONDS)
    if busy is not None:
        raise FetchBusy(busy)
    if summary is not None:
        return summary
    if cancel.is_set():
        return FetchSummary(cancelled=True)
    last = said[-1].removeprefix("reader: ") if said else f"it ended with status {status}"
    raise ReaderError(f"the fetch stopped: {last}")


def session_logins_json() -> str:
    """This process's session-only logins (no keyring), for the child to use too."""
    from reader.logins import session_credentials

    return json.dumps(
        [
            {
                "host": found.login.host,
                "username": found.login.username,
                "kind": found.login.kind,
                "allow_http": found.login.allow_http,
                "secret": found.secret,
            }
            for found in session_credentials()
        ]
    )


def keep_session_logins(text: str) -> None:
    """In the child: keep for this run the logins ``session_logins_json`` handed over."""
    from reader.logins import Credentials, SiteLogin, keep_for_session

    for item in json.loads(text or "[]"):
        login = SiteLogin(
            host=str(item["host"]),
            username=str(item["username"]),
            kind=str(item["kind"]),
            allow_http=bool(item["allow_http"]),
        )
        keep_for_session(Credentials(login, str(item["secret"])))


def _parsed(line: str) -> dict[str, Any] | None:
    try:
        data = json.loads(line)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _keep_last(stream: IO[str], said: list[str]) -> None:
    for line in stream:
        if line.strip():
            said.append(line.strip())
            del said[:-STDERR_KEPT]


def _stop_when(cancel: threading.Event, child: subprocess.Popen[str]) -> None:
    """SIGTERM (the child stops in order: commits, releases what it took) once ``cancel``
    is set; SIGKILL if it has not ended after STOP_WAIT_SECONDS."""
    while not cancel.wait(0.2):
        if child.poll() is not None:
            return
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(STOP_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
