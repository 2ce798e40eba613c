"""PySide's look at every module imported after it, made cheap.

Once loaded, PySide6 (6.11) asks of each newly imported module whether it uses PySide
(for ``from __feature__ import ...``, which Reader never uses), by reading the module's
whole source through ``inspect.getsource``, which also keeps every line of it in
``linecache`` for the rest of the session: 3-5 MB of the window's RSS with the seed open
(100.2 -> 95.3 MB in tests/benchmarks/startup.py), and 8-10 ms of CPU for Reader's 121
modules where the file's bytes take 2 ms (measured on one thread; before the story the
window imports ~80 of them). The quick check gives the same answer (the test suite
compares the two on every module it has loaded). Anything else (no file, not a ``.py``,
unreadable) is still asked of PySide's own check; a PySide without that check (another
version) is left as it is.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"
CHECK_NAME = "_mod_uses_pyside"
PYSIDE_NAME = b"PySide6"  # what PySide's own check looks for in a module's source


def quicken_import_check() -> bool:
    """Put the quick check in place of PySide's; True when it is in place."""
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, CHECK_NAME, None)
    if feature is None or not callable(original):
        return False
    if isinstance(original, QuickCheck):
        return True
    setattr(feature, CHECK_NAME, QuickCheck(original))
    return True


class QuickCheck:
    """PySide's check asked of a module's file bytes; ``fallback`` (PySide's own) for the
    rest."""

    def __init__(self, fallback: Callable[[ModuleType], bool]) -> None:
        self.fallback = fallback

    def __call__(self, module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return self.fallback(module)
        try:
            with open(path, "rb") as source:
                return PYSIDE_NAME in source.read()
        except OSError:
            return self.fallback(module)
