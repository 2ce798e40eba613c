"""Writing exports to disk: each file whole or not at all.

A file is written beside its destination under a temporary name and renamed over it, so
a full disk or an interrupted export never leaves half a note in a notes folder.
"""

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from reader.errors import ReaderError
from reader.highlights.export import ArticleHighlights, file_names, to_markdown


def write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (its folder made if needed); ReaderError in one line."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".reader-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ReaderError(f"cannot write {path}: {error.strerror or error}") from None


def write_folder(folder: Path, items: Sequence[ArticleHighlights]) -> int:
    """One Markdown note per article into ``folder``; how many were written."""
    for name, item in zip(file_names(items), items, strict=True):
        write_whole(folder / name, to_markdown(item))
    return len(items)
