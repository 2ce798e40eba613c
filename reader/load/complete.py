""" "Web page, complete": page.html plus a page_files/ folder of images saved beside it.

Relative references in the page that name image files inside the page's own folder become
assets, keyed by the reference as written ("page_files/a.png", "./page_files/a.png").
Nothing outside that folder is read (a page must not pull ../../secret into the library),
and only files whose bytes are images are kept.
"""

import mimetypes
import os
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from reader.bounded_read import read_at_most
from reader.load.refs import references
from reader.load.sniff import image_type, looks_binary
from reader.model import Asset

# Bounds for what one page may pull in: generous for a photo essay, finite for a trap.
MAX_ASSET_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_ASSETS = 2000
# An SVG file names its root element after an optional prolog, comments and doctype.
SVG_SCAN_BYTES = 8192
# Neighbours of the page looked for by name before scanning it for references.
MAX_NEIGHBOURS_CHECKED = 200

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _local_path(folder: Path, ref: str) -> Path | None:
    """The file a relative reference names, if it lies inside ``folder``."""
    if _SCHEME.match(ref) or ref.startswith(("//", "#", "/", "\\")):
        return None
    try:
        path_part = urlsplit(ref).path
        if not path_part:
            return None
        candidate = (folder / unquote(path_part)).resolve()
        if not candidate.is_relative_to(folder):
            return None
        if candidate.is_file():
            return candidate
    except (OSError, ValueError):
        return None
    return None


def _unsniffed_image(path: Path, data: bytes) -> str | None:
    """An image format without a signature sniff.py knows, trusted by name only if binary
    (an HTML error page saved as "a.png" is not an image)."""
    guessed = mimetypes.guess_type(path.name)[0] or ""
    if guessed == "image/svg+xml":
        return guessed if b"<svg" in data[:SVG_SCAN_BYTES] else None
    if guessed.startswith("image/") and looks_binary(data[:512]):
        return guessed
    return None


def _folder_mentioned(folder: Path, page_name: str, markup: str) -> bool:
    """Whether the page names anything saved beside it: a cheap test that spares scanning
    a big page for references when it sits alone (or among unrelated files)."""
    try:
        with os.scandir(folder) as entries:
            names = []
            for entry in entries:
                if entry.name != page_name:
                    names.append(entry.name)
                if len(names) > MAX_NEIGHBOURS_CHECKED:
                    return True  # a crowded folder (Downloads): just scan the page
    except OSError:
        return False
    return any(name in markup or quote(name) in markup for name in names)


def local_assets(markup: str, page_path: Path) -> tuple[Asset, ...]:
    """Images saved next to the page that the page refers to by relative reference."""
    try:
        folder = page_path.resolve().parent
    except (OSError, RuntimeError):
        return ()
    if not _folder_mentioned(folder, page_path.name, markup):
        return ()
    assets: list[Asset] = []
    total = 0
    for ref in references(markup):
        if len(assets) >= MAX_ASSETS:
            break
        path = _local_path(folder, ref)
        if path is None:
            continue
        try:
            size = path.stat().st_size
            if size > MAX_ASSET_BYTES or total + size > MAX_TOTAL_BYTES:
                continue
            with open(path, "rb") as handle:
                data = read_at_most(handle, MAX_ASSET_BYTES)
        except OSError:
            continue
        if data is None:
            continue
        media_type = image_type(data) or _unsniffed_image(path, data)
        if media_type is None:
            continue
        total += len(data)
        assets.append(Asset(ref, media_type, data))
    return tuple(assets)
