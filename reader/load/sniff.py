"""Tell what a file holds from its first bytes, never from its name.

Saved pages travel with wrong extensions (".htm" that is an MHTML archive, ".txt" that is
HTML, a PNG renamed ".html"), so the loader decides by content. Signatures are data.
"""

import re

# How many leading bytes are enough to decide: markers of every format sit near the top.
SAMPLE_BYTES = 16 * 1024

# Long, unambiguous signatures: a file starting with one of these is that thing.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a document built on one: docx, epub, odt...)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an ELF executable or library"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "a Mach-O executable"),
    (b"\x00asm", "a WebAssembly module"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"OTTO", "an OpenType font"),
    (b"OggS", "an Ogg audio or video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x1a\x45\xdf\xa3", "a Matroska/WebM video"),
    (b"8BPS", "a Photoshop image"),
)

# RIFF containers name their kind at offset 8; ISO media name theirs after "ftyp" at 4.
RIFF_KINDS: dict[bytes, str] = {
    b"WEBP": "a WebP image",
    b"WAVE": "a WAV audio file",
    b"AVI ": "an AVI video",
}
FTYP_KINDS: dict[bytes, str] = {
    b"avif": "an AVIF image",
    b"avis": "an AVIF image",
    b"heic": "a HEIC image",
    b"mif1": "a HEIF image",
    b"qt  ": "a QuickTime video",
}

# Short signatures that plain text can start with too ("BMW...", "MZ..."): only believed
# when the bytes also look binary.
WEAK_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"BM", "a BMP image"),
    (b"MZ", "a Windows executable"),
    (b"\x00\x00\x01\x00", "an icon (ICO) image"),
)

# Image signatures for saved assets (a subset of MAGIC, mapped to media types).
IMAGE_TYPES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)

# Bytes that never occur in text (tab, newlines, form feed and ESC excluded). A sample with
# more than this share of them is binary; a few stray ones in a page are tolerated.
CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
BINARY_CONTROL_SHARE = 0.05

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# An RFC 822 header line, as MHTML files start with.
_HEADER_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9-]*[ \t]*:")
_MHTML_TYPE = re.compile(rb"^content-type[ \t]*:[ \t]*multipart/", re.I | re.M)
_MIME_VERSION = re.compile(rb"^mime-version[ \t]*:", re.I | re.M)
_HTML_TYPE = re.compile(rb"^content-type[ \t]*:[ \t]*(?:text/html|application/xhtml)", re.I | re.M)

# Markup that only an HTML (or XHTML) document starts with or contains early on.
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|base|script|style|div|p|span|a|"
    r"article|section|main|header|nav|table|h[1-6]|ul|ol|img|br|noscript|iframe|form|"
    r"center|font|b|i|strong|em|pre|blockquote|figure|svg)[\s>/]",
    re.I,
)
_HTML_ANYWHERE = re.compile(r"<(?:!doctype\s+html|html|body)[\s>]", re.I)
# XHTML proper starts with an XML declaration; an xmlns on <html> alone is HTML in practice
# (XHTML 1.0 served as text/html), which is how browsers read it too.
_XHTML = re.compile(r"\A\ufeff?\s*<\?xml\s")
_LEADING_JUNK = re.compile(r"\A(?:\s+|<!--.*?-->|<\?xml[^>]{0,300}\?>)*", re.S)
_PLIST = re.compile(rb"<!DOCTYPE\s+plist|<plist[\s>]", re.I)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte order mark announces and the mark's length."""
    for mark, encoding in BOMS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 pages saved without a BOM still show NULs in every other byte of ASCII."""
    head = sample[:512]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    return None


def describe_binary(sample: bytes) -> str | None:
    """Say what a binary file looks like ("a PNG image"), or None if it may be text."""
    for magic, name in MAGIC:
        if sample.startswith(magic):
            return name
    if sample.startswith(b"RIFF") and sample[8:12] in RIFF_KINDS:
        return RIFF_KINDS[sample[8:12]]
    if sample[4:8] == b"ftyp":
        return FTYP_KINDS.get(sample[8:12], "an MP4/QuickTime media file")
    if bom_encoding(sample) or utf16_without_bom(sample):
        return None
    if not looks_binary(sample):
        return None
    for magic, name in WEAK_MAGIC:
        if sample.startswith(magic):
            return name
    return "binary data"


def looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls > BINARY_CONTROL_SHARE * len(sample)


def image_type(data: bytes) -> str | None:
    """The media type of an image file from its signature (SVG from its root element)."""
    for magic, media_type in IMAGE_TYPES:
        if data.startswith(magic):
            return media_type
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        return "image/avif"
    head = data[:1024].lstrip()
    if (head.startswith(b"<svg") or head.startswith(b"<?xml")) and b"<svg" in data[:4096]:
        return "image/svg+xml"
    return None


def is_webarchive(sample: bytes) -> bool:
    """Safari archives are property lists: binary ("bplist00") or, rarely, XML."""
    if sample.startswith(b"bplist00"):
        return True
    head = sample[:1024].lstrip()
    return head.startswith(b"<?xml") and bool(_PLIST.search(head)) and b"WebMainResource" in sample


def is_mhtml(sample: bytes) -> bool:
    """MHTML starts with mail headers whose Content-Type is multipart (or a lone HTML part)."""
    text = sample.lstrip(b"\r\n\t ")
    if not _HEADER_LINE.match(text):
        return False
    end = re.search(rb"\r?\n\r?\n", text)
    headers = text[: end.start()] if end else text
    if _MHTML_TYPE.search(headers):
        return True
    return bool(_MIME_VERSION.search(headers) and _HTML_TYPE.search(headers))


def html_kind(text: str) -> str | None:
    """ "html" or "xhtml" when a decoded sample is markup, else None (plain text)."""
    start = _LEADING_JUNK.match(text)
    rest = text[start.end() if start else 0 :]
    if _HTML_START.match(rest) or _HTML_ANYWHERE.search(text):
        return "xhtml" if _XHTML.match(text) else "html"
    if rest.startswith("<!--") or (not rest.strip() and "<!--" in text):
        return "html"  # markup holding only comments: a page that shows nothing, not text
    return None
