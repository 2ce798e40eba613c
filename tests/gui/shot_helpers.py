"""What the screenshot scripts share: open a source the way the window does, and wait."""

import time


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
