"""Safari .webarchive: a property list holding the main resource and its subresources.

WebMainResource carries WebResourceData (the page bytes), WebResourceURL, MIME type and
text encoding name; WebSubresources (and frames in WebSubframeArchives) carry images.
Every field is type-checked: a damaged plist must give a LoadError, nothing else.
"""

import plistlib
from collections.abc import Iterator

from reader.errors import LoadError
from reader.load.decode import decode_html
from reader.load.mhtml import Archive
from reader.load.refs import Resource, match_resources

# Frames nest archives in archives; real pages go one or two levels deep.
MAX_FRAME_DEPTH = 8


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _resource(entry: object) -> Resource | None:
    if not isinstance(entry, dict):
        return None
    data = entry.get("WebResourceData")
    if not isinstance(data, bytes):
        return None
    return Resource(
        url=_text(entry.get("WebResourceURL")),
        media_type=_text(entry.get("WebResourceMIMEType")) or "application/octet-stream",
        data=data,
    )


def _subresources(archive: object, depth: int = 0) -> Iterator[Resource]:
    if not isinstance(archive, dict) or depth > MAX_FRAME_DEPTH:
        return
    entries = archive.get("WebSubresources")
    if isinstance(entries, list):
        for entry in entries:
            resource = _resource(entry)
            if resource is not None:
                yield resource
    frames = archive.get("WebSubframeArchives")
    if isinstance(frames, list):
        for frame in frames:
            yield from _subresources(frame, depth + 1)


def read_webarchive(data: bytes) -> Archive:
    """The main page of a Safari web archive with its images as assets."""
    try:
        root = plistlib.loads(data)
    except Exception as error:  # plistlib raises several types on damaged input
        raise LoadError(f"damaged Safari web archive ({type(error).__name__})") from None
    main = root.get("WebMainResource") if isinstance(root, dict) else None
    if not isinstance(main, dict):
        raise LoadError("a property list, but not a Safari web archive (no WebMainResource)")
    body = main.get("WebResourceData")
    if not isinstance(body, bytes):
        raise LoadError("a Safari web archive without page data")
    media_type = (_text(main.get("WebResourceMIMEType")) or "text/html").lower()
    markup = decode_html(body, declared=_text(main.get("WebResourceTextEncodingName")))
    url = _text(main.get("WebResourceURL"))
    assets = match_resources(markup, url, _subresources(root))
    return Archive(markup, url, assets, media_type)
