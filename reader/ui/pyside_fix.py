"""A guard against a PySide6 6.12 reference-count bug that can abort Reader on Python 3.11.

Each time an invalid QVariant crosses between C++ and Python (QModelIndex.data() for a
role a model does not serve, a model's data() or a QTextBrowser.loadResource() override
returning None...), this PySide6 drops one reference to None too many. Measured here: -1
per QModelIndex.data() call on a plain QStringListModel. Python 3.12 made None immortal
(PEP 683) so nothing happens there; on 3.11 a long session of painting the sidebar and
loading pages drains None's count to zero and CPython aborts ("deallocating None").

The guard gives None a large reserve of references once. That is harmless whatever
PySide6 does: None is never freed, so extra references to it cost nothing.
"""

import ctypes
import sys

# Enough for ~a billion leaked references: years of reading.
RESERVE = 1 << 30
_done = False


def protect_none() -> None:
    """Give None a reserve of references (only where None is mortal: Python < 3.12)."""
    global _done
    if _done or sys.version_info >= (3, 12):
        return
    _done = True
    count = ctypes.c_ssize_t.from_address(id(None))
    count.value += RESERVE
