"""Running ``python -m reader`` in a child process, as a person would from a shell."""

import os
import subprocess
import sys
from pathlib import Path

# A cold interpreter start plus an extraction or a login, on a slow shared machine.
TIMEOUT_SECONDS = 120


def run_reader(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The finished command, run in ``cwd`` (default: the tests' own); ``stdin`` is all it
    can read (never the test runner's input)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )
