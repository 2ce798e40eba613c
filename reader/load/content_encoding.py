"""Content-Encoding decoders that never produce more than a small piece at a time.

httpx inflates each network chunk in one call, so a gzip bomb (or gzip inside gzip)
can turn 64 KB on the wire into gigabytes in memory before anyone counts. These
decoders hand out at most PIECE bytes per step; the caller counts and stops at its cap.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from reader.errors import FetchError

# Largest piece of decoded output produced in one step (bounded memory per step).
PIECE = 64 * 1024

# What Reader asks servers for: only what it can decode with a bounded output.
ACCEPT_ENCODING = "gzip, deflate"

_GZIP_WBITS = 16 + zlib.MAX_WBITS
_ZLIB_WBITS = zlib.MAX_WBITS
_RAW_DEFLATE_WBITS = -zlib.MAX_WBITS
_IDENTITY = {"", "identity"}
_GZIP = {"gzip", "x-gzip"}


class _Inflater:
    """One gzip or deflate layer, inflating at most PIECE bytes per step."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._wbits = _GZIP_WBITS if name in _GZIP else _ZLIB_WBITS
        self._obj = zlib.decompressobj(self._wbits)
        self._started = False
        self._done = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        if not data:
            return
        while not self._done:
            try:
                out = self._obj.decompress(data, PIECE)
            except zlib.error:
                if self.name == "deflate" and not self._started:
                    # "deflate" should carry a zlib header, yet some servers send raw
                    # deflate; the first bytes tell which one this is.
                    self._obj = zlib.decompressobj(_RAW_DEFLATE_WBITS)
                    self._started = True
                    continue
                raise FetchError(
                    f"the server sent a damaged compressed page ({self.name})"
                ) from None
            self._started = True
            if out:
                yield out
            if self._obj.eof:
                rest = self._obj.unused_data.lstrip(b"\0")
                if self.name in _GZIP and rest:
                    # gzip allows several members one after the other.
                    self._obj = zlib.decompressobj(self._wbits)
                    data = rest
                    continue
                self._done = True
                return
            data = self._obj.unconsumed_tail
            if not data and len(out) < PIECE:
                return  # all input used and nothing held back: wait for more input
            # Output was cut at PIECE: go round again to take the rest, piece by piece.


class Decoder:
    """Undo a Content-Encoding header's layers (last applied first), piece by piece."""

    def __init__(self, content_encoding: str | None) -> None:
        names = [
            part.strip().lower() for part in (content_encoding or "").split(",") if part.strip()
        ]
        layers: list[_Inflater] = []
        for name in reversed(names):
            if name in _IDENTITY:
                continue
            if name in _GZIP or name == "deflate":
                layers.append(_Inflater(name))
                continue
            raise FetchError(f"the server sent the page in an encoding Reader cannot read ({name})")
        self._layers = layers

    def feed(self, data: bytes) -> Iterator[bytes]:
        return self._through(0, data)

    def _through(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self._layers):
            if data:
                yield data
            return
        for piece in self._layers[index].feed(data):
            yield from self._through(index + 1, piece)
