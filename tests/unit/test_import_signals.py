"""No orphans: whatever signal ends `reader import`, its extraction workers end with it,
and Ctrl+C (or SIGTERM) stops it in order with a one-line summary. Real signals, real
processes; the workers are found through the importer's process group."""

import contextlib
import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest
from import_processes import group_members, read_lines, seconds_until_gone, start_import
from test_import_kill import write_pages

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="process groups are read from /proc"
)
PAGES = 200
GONE_WITHIN_S = 2.0


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("import") / "pages"
    write_pages(folder, PAGES)
    return folder


def reported_ids(lines: list[str]) -> set[int]:
    return {int(line.split("\t")[1]) for line in lines if line.startswith(("added", "updated"))}


def stored_ids(library: Path) -> set[int]:
    with contextlib.closing(sqlite3.connect(library)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {row[0] for row in connection.execute("SELECT id FROM articles")}


@pytest.mark.parametrize("name", ["SIGKILL", "SIGSEGV", "SIGTERM", "SIGINT", "SIGHUP"])
def test_workers_end_with_the_importer_whatever_ends_it(pages, tmp_path, name):
    data = tmp_path / "data"
    process = start_import(pages, data)
    try:
        lines = read_lines(process, 10)
        assert len(group_members(process.pid)) == 3  # the importer and its two workers
        os.kill(process.pid, getattr(signal, name))
        out, _ = process.communicate(timeout=60)
        gone = seconds_until_gone(process.pid)
        assert gone is not None and gone < GONE_WITHIN_S, f"workers outlived {name}"
        lines += out.splitlines(keepends=True)
        complete = [line for line in lines if line.endswith("\n")]
        assert reported_ids(complete) <= stored_ids(data / "library.sqlite3")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_interrupt_stops_in_order_with_a_summary(pages, tmp_path, name):
    data = tmp_path / "data"
    process = start_import(pages, data)
    try:
        lines = read_lines(process, 10)
        os.kill(process.pid, getattr(signal, name))
        out, err = process.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 128 + getattr(signal, name)
    messages = err.strip().splitlines()
    assert messages[-1].startswith("imported ") and messages[-1].endswith("(cancelled)")
    assert "Traceback" not in err
    added = reported_ids(lines + out.splitlines(keepends=True))
    assert f"imported {len(added)}," in messages[-1]
    assert added == stored_ids(data / "library.sqlite3")
    assert len(added) < PAGES


def test_a_second_interrupt_ends_at_once(pages, tmp_path):
    process = start_import(pages, tmp_path / "data")
    try:
        read_lines(process, 5)
        os.kill(process.pid, signal.SIGINT)
        os.kill(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=60)
        gone = seconds_until_gone(process.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130
    assert "Traceback" not in err
    assert gone is not None and gone < GONE_WITHIN_S
