"""What the screenshot scripts share: offscreen Qt and a throwaway library, set up on import
(before the scripts import Qt or Reader); open a source the way the window does, and wait."""

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["READER_DATA_DIR"] = tempfile.mkdtemp(prefix="reader-shots-")

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED_DIR", REPO.parent / "shared"))
sys.path.insert(0, str(REPO))


def settle(app: object, window: object, seconds: float = 0.3) -> None:
    """Let the window finish what it started (opens, layouts) and paint."""
    end = time.monotonic() + seconds
    while time.monotonic() < end or window.is_busy():  # type: ignore[attr-defined]
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)


def open_in(app: object, window: object, source: str) -> None:
    """Open ``source`` in the window (a worker loads it, the library keeps it) and wait."""
    window.open_sources([source])  # type: ignore[attr-defined]
    settle(app, window, 0.5)
