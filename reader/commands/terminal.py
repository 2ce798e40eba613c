"""Nothing a page, a server or a file name holds can drive the terminal.

Titles, site names, snippets, addresses, file names and server messages reach stdout and
stderr; an escape sequence among them could rewrite the window title, clear the screen or
fake a prompt. While a command runs, stdout and stderr pass everything through
``strip_controls`` (C0 and C1 control characters but tab and newline, DEL, and the
bidirectional overrides that reorder what is shown). Reader's own sequences (bold search
matches, the progress bar) are written to the stream underneath, through ``raw``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    return CONTROLS.sub("", text)


def source_failed(source: str, reason: object) -> str:
    """The one line for a source that could not be read; a blank source shows as '', so
    the line does not read as if the name were missing from the message."""
    return f"reader: {source if source.strip() else repr(source)}: {reason}"


class SafeStream:
    """A text stream that drops control characters from everything written to it."""

    def __init__(self, stream: TextIO) -> None:
        self.raw = stream

    def write(self, text: str) -> int:
        self.raw.write(strip_controls(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno...: the stream's own
        return getattr(self.raw, name)


def raw(stream: TextIO | SafeStream) -> TextIO:
    """The stream under the filter, for Reader's own escape sequences."""
    return stream.raw if isinstance(stream, SafeStream) else stream


@contextmanager
def safe_output() -> Iterator[None]:
    """stdout and stderr filtered for as long as the command runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout = SafeStream(saved[0])
    sys.stderr = SafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
