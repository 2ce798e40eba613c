"""A helper process bound to its parent ends when the parent is killed, by the kernel's
parent-death signal (Linux) and, where there is none, by its watching thread."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# The parent: starts a child bound to it, prints the child's pid, then sleeps until killed.
PARENT = r"""
import subprocess, sys
child = subprocess.Popen([sys.executable, "-c", sys.argv[1], sys.argv[2]])
print(child.pid, flush=True)
import time; time.sleep(600)
"""
CHILD = r"""
import os, sys, time
from reader import lifeline
if sys.argv[1] == "thread-only":
    lifeline._kill_me_with_parent = lambda: None  # as on a system without PR_SET_PDEATHSIG
lifeline.bind_to_parent(os.getppid())
time.sleep(600)
"""


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("mode", ["kernel", "thread-only"])
def test_bound_child_ends_soon_after_its_parent_is_killed(mode):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, CHILD, mode], stdout=subprocess.PIPE, env=env, text=True
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    time.sleep(0.5)  # the child is bound by now
    assert alive(child)
    parent.kill()
    parent.wait()
    started = time.monotonic()
    while alive(child) and time.monotonic() - started < 5:
        time.sleep(0.02)
    if alive(child):
        os.kill(child, signal.SIGKILL)
        pytest.fail(f"the child outlived its parent ({mode})")
    assert time.monotonic() - started < 1.5
