"""Draw SVGs in a helper process, each within a time limit, stoppable at any moment.

Qt cannot interrupt an SVG being drawn, and a thread cannot be killed: a costly SVG would
hold a worker of the window's pool (and the CPU) for as long as it takes, even after Esc.
A process can be killed. So an SVG that is not light (svg_check) goes to a helper process
that draws it and sends the pixels back; when it takes longer than SECONDS, or the
article is abandoned, the process is killed and the image is left out. One helper serves
all the SVGs of an article, and it ends with the window (reader.lifeline).

Wire format, both ways: a 12-byte header of three unsigned ints, then a payload.
Request: (payload length, widest, most pixels) + the SVG. Reply: (status, width, height)
+ width*height*4 bytes of ARGB32 (premultiplied), nothing when status is not 0.
"""

from __future__ import annotations

import os
import selectors
import struct
import subprocess
import sys
import time
from collections.abc import Callable

from PySide6.QtGui import QImage

SECONDS = 1.0  # one SVG; the article's SVGs together get TOTAL_SECONDS
TOTAL_SECONDS = 2.0
START_SECONDS = 10.0  # a cold interpreter and Qt on a busy machine
POLL_SECONDS = 0.05
HEADER = struct.Struct("=III")
OK, FAILED = 0, 1
READY = b"R"


class SvgRasteriser:
    """Draws the heavy SVGs of one article; ``close()`` when the article is prepared."""

    def __init__(self, cancelled: Callable[[], bool] | None = None) -> None:
        self._cancelled = cancelled or (lambda: False)
        self._process: subprocess.Popen[bytes] | None = None
        self._spent = 0.0

    def draw(self, data: bytes, max_width: int, max_pixels: int) -> QImage | str:
        """The SVG drawn fitted into ``max_width`` and ``max_pixels``, or why not."""
        left = TOTAL_SECONDS - self._spent
        if left <= 0:
            return "too many costly SVGs"
        process = self._ready()
        if process is None:
            return "SVG could not be drawn"
        assert process.stdin is not None and process.stdout is not None
        started = time.monotonic()
        try:
            process.stdin.write(HEADER.pack(len(data), max_width, max_pixels) + data)
            process.stdin.flush()
            header = self._read(process, HEADER.size, started + min(SECONDS, left))
            status, width, height = HEADER.unpack(header)
            if status != OK:
                return "SVG could not be drawn"
            pixels = self._read(process, width * height * 4, started + min(SECONDS, left))
        except TimeoutError:
            self.close()
            return "SVG took too long to draw"
        except (OSError, struct.error):
            self.close()
            return "SVG could not be drawn"
        finally:
            self._spent += time.monotonic() - started
        image = QImage(pixels, width, height, width * 4, QImage.Format.Format_ARGB32_Premultiplied)
        return image.copy()  # owns its pixels (the bytes above go away)

    def running(self) -> bool:
        """A helper process is up (none after close, a time-out or a cancel)."""
        return self._process is not None

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()

    def _ready(self) -> subprocess.Popen[bytes] | None:
        if self._process is not None:
            return self._process
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        process = subprocess.Popen(
            [sys.executable, "-m", "reader.ui.reading.svg_raster", str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self._process = process
        try:
            ready = self._read(process, len(READY), time.monotonic() + START_SECONDS)
        except (TimeoutError, OSError):
            self.close()
            return None
        return process if ready == READY else None

    def _read(self, process: subprocess.Popen[bytes], count: int, deadline: float) -> bytes:
        """Exactly ``count`` bytes from the helper, or TimeoutError (past ``deadline`` or
        cancelled) or OSError (it ended)."""
        assert process.stdout is not None
        descriptor = process.stdout.fileno()
        chunks: list[bytes] = []
        wanted = count
        with selectors.DefaultSelector() as selector:
            selector.register(descriptor, selectors.EVENT_READ)
            while wanted:
                if self._cancelled():
                    raise TimeoutError("cancelled")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("too slow")
                if not selector.select(min(POLL_SECONDS, left)):
                    continue
                chunk = os.read(descriptor, min(wanted, 1 << 20))
                if not chunk:
                    raise OSError("the SVG helper ended")
                chunks.append(chunk)
                wanted -= len(chunk)
        return b"".join(chunks)


# -- the helper process ------------------------------------------------------------------


def _serve(parent_pid: int) -> None:
    from PySide6.QtGui import QGuiApplication

    from reader.lifeline import bind_to_parent

    bind_to_parent(parent_pid)
    app = QGuiApplication([sys.argv[0]])  # fonts for <text>
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sink.write(READY)
    sink.flush()
    while True:
        header = source.read(HEADER.size)
        if len(header) < HEADER.size:
            break
        length, max_width, max_pixels = HEADER.unpack(header)
        image = _draw(source.read(length), max_width, max_pixels)
        if image is None:
            sink.write(HEADER.pack(FAILED, 0, 0))
        else:
            sink.write(HEADER.pack(OK, image.width(), image.height()))
            sink.write(bytes(image.constBits()))
        sink.flush()
    del app


def _draw(data: bytes, max_width: int, max_pixels: int) -> QImage | None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QImageReader

    from reader.ui.reading.image_decode import fitted_size

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setAutoDetectImageFormat(False)
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        return None
    reader.setScaledSize(QSize(*fitted_size(size.width(), size.height(), max_width, max_pixels)))
    image = reader.read()
    if image.isNull():
        return None
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
