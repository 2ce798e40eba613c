"""`reader import` in its own process group, and the processes of that group (Linux /proc):
what the signal tests and the orphan benchmark watch after killing the importer."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def start_import(folder: Path, data: Path, workers: int = 2) -> subprocess.Popen[str]:
    """The importer in a session of its own: its workers share its process group id."""
    env = {**os.environ, "READER_DATA_DIR": str(data), "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "import", str(folder), "--workers", str(workers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
        text=True,
    )


def group_members(group: int) -> list[int]:
    """Live (not zombie) processes whose process group is ``group``."""
    members = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(name))
    return members


def seconds_until_gone(group: int, limit: float = 10.0) -> float | None:
    """How long until no process of ``group`` is left; None if some outlive ``limit``."""
    started = time.monotonic()
    while group_members(group):
        if time.monotonic() - started > limit:
            return None
        time.sleep(0.02)
    return time.monotonic() - started


def read_lines(process: subprocess.Popen[str], count: int) -> list[str]:
    """The first ``count`` lines the importer reports (fewer if it ends first), read from
    the pipe a byte at a time: a buffered readline takes the lines after them too, and
    process.communicate() (which reads the pipe itself) then never sees those."""
    assert process.stdout is not None
    pipe = process.stdout.fileno()
    lines: list[str] = []
    line = b""
    while len(lines) < count:
        byte = os.read(pipe, 1)
        if not byte:
            break
        line += byte
        if byte == b"\n":
            lines.append(line.decode())
            line = b""
    return lines


def seconds_left_after_kill(
    code: str, args: list[str], env: dict[str, str], said: str, members: int
) -> float | None:
    """Run Python ``code`` with ``args`` in a session of its own, wait until its first line
    starts with ``said`` with at least ``members`` processes in its group, kill -9 it: how
    long the rest of its group outlives it (None: longer than seconds_until_gone waits)."""
    driver = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**env, "PYTHONPATH": str(REPO)},
        text=True,
        start_new_session=True,
    )
    try:
        assert driver.stdout is not None
        assert driver.stdout.readline().startswith(said)
        assert len(group_members(driver.pid)) >= members
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait(timeout=60)
        return seconds_until_gone(driver.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(driver.pid, signal.SIGKILL)
