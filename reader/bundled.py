"""The files Reader ships: themes, the icon, the sample article, the desktop entry.

They live in ``resources/`` at the top of the project, and in the ``reader.resources``
package once built (pyproject maps the one onto the other). They are always found through
that package, never through paths relative to the source tree, so a wheel, an editable
install and a zip all work: its own folder where it is installed as files, else (a zip)
importlib.resources, whose readers cost ~10 ms of imports before the window's first story
(measured). Qt's icon loader and the page loader want real files:
when Reader runs from a zip, what they need is copied once into a cache folder of this
version.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

PACKAGE = "reader.resources"


def resource(*parts: str) -> Traversable:
    """A shipped file or folder, e.g. ``resource("themes", "base.css")``."""
    item = _package_root()
    for part in parts:
        item = item.joinpath(part)
    return item


@cache
def _package_root() -> Traversable:
    package = importlib.import_module(PACKAGE)
    origin = getattr(package, "__file__", None)
    if origin is not None and os.path.isfile(origin):
        return Path(origin).parent
    from importlib import resources

    return resources.files(PACKAGE)


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()


def real_path(*parts: str) -> Path:
    """The shipped file or folder as a path on disk: itself when installed as files, else
    a copy (made once, then reused) in Reader's cache folder."""
    item = resource(*parts)
    if isinstance(item, Path):
        return item
    from reader import __version__
    from reader.paths import cache_dir

    target = cache_dir() / f"resources-{__version__}" / Path(*parts)
    if not target.exists():
        _copy_out(item, target)
    return target


def _copy_out(item: Traversable, target: Path) -> None:
    """Copy ``item`` (a file or a folder tree) to ``target`` whole or not at all: another
    Reader starting at the same moment finds either nothing or the complete copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".copy-", dir=target.parent))
    try:
        _copy_tree(item, staging / target.name)
        try:
            os.replace(staging / target.name, target)
        except OSError:
            if not target.exists():  # not a lost race: a real failure
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _copy_tree(item: Traversable, destination: Path) -> None:
    if item.is_dir():
        destination.mkdir()
        for child in item.iterdir():
            _copy_tree(child, destination / child.name)
    else:
        destination.write_bytes(item.read_bytes())
