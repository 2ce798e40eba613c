"""Export files written whole or not at all: beside their destination under a temporary
name, renamed over it once complete (a full disk or a stopped export never leaves half a
file, and never spoils the one that was there)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, BinaryIO, TextIO

from reader.errors import ReaderError


@contextlib.contextmanager
def _replacing(path: Path, mode: str) -> Iterator[IO[str]]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".reader-", suffix=".tmp", dir=path.parent)
        os.chmod(temporary, 0o666 & ~_umask())  # a file of the person's, as any other
    except OSError as error:
        raise ReaderError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(handle, mode, encoding=encoding) as stream:
            yield stream
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ReaderError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def text_file(path: Path) -> Iterator[TextIO]:
    """A text stream that becomes ``path`` when the block ends without an error."""
    with _replacing(path, "w") as stream:
        yield stream  # type: ignore[misc]


@contextlib.contextmanager
def binary_file(path: Path) -> Iterator[BinaryIO]:
    with _replacing(path, "wb") as stream:
        yield stream  # type: ignore[misc]


def write_text(path: Path, text: str) -> None:
    with text_file(path) as stream:
        stream.write(text)


def write_bytes(path: Path, data: bytes) -> None:
    with binary_file(path) as stream:
        stream.write(data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
