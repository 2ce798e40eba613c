"""What a kept picture is, from its bytes (a stored media type may be what a server
claimed): the file suffix it is written with, and whether an EPUB may hold it."""

from __future__ import annotations

from reader.model import Asset

# leading bytes -> (media type, file suffix)
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"GIF87a", "image/gif", ".gif"),
    (b"GIF89a", "image/gif", ".gif"),
)
# An EPUB 3.2 reader must show these (its "core media types"); others need a fallback.
EPUB_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif"})
SUFFIXES = {
    "image/webp": ".webp",
    "image/avif": ".avif",
    "image/svg+xml": ".svg",
    "image/bmp": ".bmp",
}


def media_type(asset: Asset) -> str:
    for magic, kind, _ in SIGNATURES:
        if asset.data.startswith(magic):
            return kind
    if asset.data[:4] == b"RIFF" and asset.data[8:12] == b"WEBP":
        return "image/webp"
    return asset.media_type.split(";")[0].strip().lower()


def file_suffix(asset: Asset) -> str:
    for magic, _, suffix in SIGNATURES:
        if asset.data.startswith(magic):
            return suffix
    return SUFFIXES.get(media_type(asset), ".bin")
