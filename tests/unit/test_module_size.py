"""No Python module of the project (tests included) is over 600 lines: a module that
long does more than one job, and the next engineer has to read all of it to change one."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 600
pytestmark = pytest.mark.checkout


def test_no_module_is_over_600_lines():
    long = {}
    for folder in ("reader", "tests", "resources"):
        for path in (ROOT / folder).rglob("*.py"):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                long[str(path.relative_to(ROOT))] = lines
    assert long == {}
