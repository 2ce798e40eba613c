"""Bytes to text the way a browser would, so a page that states its charset never mojibakes.

Order: byte order mark, then the charset the HTTP header gave, then the page's own
declaration (XML declaration, <meta charset>, http-equiv), then detection, then UTF-8
with replacement. Labels are mapped the way browsers map them (WHATWG Encoding).
"""

import codecs
import re

from reader.load.sniff import bom_encoding, utf16_without_bom

# Browsers read a declaration in the first 1024 bytes; real pages put it later (long
# comments, scripts first), and the scan is cheap, so look a little further.
PRESCAN_BYTES = 4096

# Detection reads a sample: enough for a confident guess, bounded for huge pages.
DETECT_SAMPLE_BYTES = 256 * 1024

# WHATWG label -> the Python codec that decodes like a browser. Browsers treat latin-1 and
# ASCII as windows-1252 (and so on) because servers mislabel pages that way all the time.
BROWSER_ALIASES: dict[str, str] = {
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "unicode11utf8": "utf-8",
    "unicode20utf8": "utf-8",
    "x-unicode20utf8": "utf-8",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "ansi_x3.4-1968": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "iso88591": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "cp819": "cp1252",
    "ibm819": "cp1252",
    "csisolatin1": "cp1252",
    "windows-1252": "cp1252",
    "x-cp1252": "cp1252",
    "iso-8859-9": "cp1254",
    "iso8859-9": "cp1254",
    "latin5": "cp1254",
    "windows-1254": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "windows-874": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "ms932": "cp932",
    "windows-31j": "cp932",
    "csshiftjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "windows-949": "cp949",
    "cseuckr": "cp949",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cn-big5": "big5hkscs",
    "x-mac-roman": "mac-roman",
    "macintosh": "mac-roman",
    "x-mac-cyrillic": "mac-cyrillic",
    "koi8": "koi8-r",
    "koi8_r": "koi8-r",
    "cskoi8r": "koi8-r",
    "koi8-ru": "koi8-u",
    "utf-16": "utf-16-le",
    "utf-16le": "utf-16-le",
    "utf-16be": "utf-16-be",
    "ucs-2": "utf-16-le",
    "unicode": "utf-16-le",
    "x-user-defined": "cp1252",
}

# The HTML spec: a page that *declares* UTF-16 in its own bytes cannot be UTF-16 (the
# declaration was readable as ASCII), so it is UTF-8.
_UTF16 = ("utf-16-le", "utf-16-be")

# A page declaring a legacy charset whose bytes are nonetheless valid UTF-8 with non-ASCII
# text was re-saved as UTF-8 without fixing the tag (common in saved pages: the Mozilla
# corpus has a gb2312 one); legacy text that is valid UTF-8 by accident is vanishingly rare.
UTF8_OVERRIDES_DECLARED = True

# Detection chooses among the legacy encodings pages are really written in (WHATWG's list,
# trimmed of near-duplicates): left free, the detector picks Mac or Baltic code pages for
# plain French or Russian text.
WEB_ENCODINGS = (
    "utf_8", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256",
    "cp1257", "cp874", "iso8859_5", "koi8_r", "koi8_u", "cp866",
    "gb18030", "big5", "euc_jp", "cp932", "cp949", "iso2022_jp",
)  # fmt: skip
# Latin code pages a detector confuses with windows-1252 on short Western text.
LATIN_LOOKALIKES = frozenset({"cp1250", "cp1257", "iso8859-2", "iso8859-4", "iso8859-10"})
# Accented letters are a minority in Western languages (French ~4 %, German ~2 %).
WESTERN_ACCENT_SHARE = 0.25
# Non-letters that do sit inside Western words: typographic apostrophes, dashes, quotes.
WESTERN_PUNCTUATION = frozenset("’‘“”–—…•€™·°«»")

# A "UTF-8" page where more than this share of the non-ASCII characters fail to decode is
# not UTF-8: legacy text breaks on nearly every accented letter, damage on a few.
MISLABELLED_UTF8_SHARE = 0.5
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)
_META = re.compile(rb"<meta\b[^>]{0,1000}?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})", re.I)


def normalize_charset(label: str | None) -> str | None:
    """A browser-equivalent Python codec name for a charset label, or None if unknown."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    if not key:
        return None
    name = BROWSER_ALIASES.get(key, key)
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (XML declaration or <meta>)."""
    head = data[:PRESCAN_BYTES]
    match = _XML_DECL.match(head)
    if match:
        found = normalize_charset(match.group(1).decode("ascii"))
        if found:
            return found
    for meta in _META.finditer(_COMMENT.sub(b"", head)):
        found = normalize_charset(meta.group(1).decode("ascii"))
        if found:
            return "utf-8" if found in _UTF16 else found
    return None


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _looks_western(data: bytes) -> bool:
    """Western European text read as windows-1252: accented letters sprinkled among ASCII
    ones, no symbols stuck inside words. Cyrillic, Greek or Polish bytes read that way give
    runs of accented letters or "³¿¹" inside words, so they fail."""
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text:
        return False
    letters = accented = 0
    previous = ""
    for index, char in enumerate(text):
        if char.isalpha():
            letters += 1
            accented += not char.isascii()
        elif (
            not char.isascii()
            and char not in WESTERN_PUNCTUATION
            and previous.isalpha()
            and text[index + 1 : index + 2].isalpha()
        ):
            return False
        previous = char
    return letters > 0 and accented <= WESTERN_ACCENT_SHARE * letters


def _mostly_not_utf8(sample: bytes) -> bool:
    """A page labelled UTF-8 whose non-ASCII bytes mostly fail to decode is in a legacy
    charset (an old site's template says UTF-8, its text is windows-1252). A few bad bytes
    in real UTF-8 (a truncated or damaged page) do not count."""
    if sample.isascii():
        return False
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad == 0:
        return False
    non_ascii = len(_NON_ASCII.findall(text))
    return bad > MISLABELLED_UTF8_SHARE * non_ascii


def detect(data: bytes) -> str:
    """Best guess for undeclared bytes: UTF-8 if valid, else charset-normalizer among the
    encodings the web uses, with windows-1252 preferred for Western-looking Latin text."""
    if _valid_utf8(data):
        return "utf-8"
    sample = data[:DETECT_SAMPLE_BYTES]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample, cp_isolation=list(WEB_ENCODINGS)).best()
    except Exception:  # detection is a guess: any failure means "no guess"
        best = None
    guess = normalize_charset(best.encoding) if best is not None else None
    if (guess is None or guess in LATIN_LOOKALIKES) and _looks_western(sample):
        return "cp1252"
    return guess or "utf-8"


def choose_encoding(data: bytes, declared: str | None = None) -> tuple[str, int]:
    """The codec to decode ``data`` with and how many leading bytes (a BOM) to skip."""
    bom = bom_encoding(data)
    if bom:
        return bom
    no_bom = utf16_without_bom(data[:PRESCAN_BYTES])
    if no_bom:
        return no_bom, 0
    for found in (normalize_charset(declared), declared_charset(data)):
        if found == "utf-8" and _mostly_not_utf8(data[:DETECT_SAMPLE_BYTES]):
            return detect(data), 0
        if found:
            if (
                UTF8_OVERRIDES_DECLARED
                and found != "utf-8"
                and not data.isascii()
                and _valid_utf8(data)
            ):
                return "utf-8", 0
            return found, 0
    return detect(data), 0


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode page bytes; ``declared`` is the HTTP header charset (the BOM still wins).

    Never raises for bad bytes: what cannot be decoded becomes U+FFFD.
    """
    encoding, skip = choose_encoding(data, declared)
    try:
        return data[skip:].decode(encoding, errors="replace")
    except (LookupError, ValueError):
        return data[skip:].decode("utf-8", errors="replace")


def decode_text(data: bytes) -> str:
    """Decode plain text (no markup declarations to read): BOM, then detection."""
    bom = bom_encoding(data)
    if bom:
        encoding, skip = bom
    else:
        encoding, skip = utf16_without_bom(data[:PRESCAN_BYTES]) or detect(data), 0
    return data[skip:].decode(encoding, errors="replace")


# Characters no HTML parser keeps and lxml refuses in a str (C0 controls other than tab,
# newline, carriage return; form feed becomes a space; the noncharacters U+FFFE/U+FFFF).
_CONTROLS = (*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20))
_NOT_MARKUP: dict[int, str | None] = dict.fromkeys(_CONTROLS)
_NOT_MARKUP |= {0x0C: " ", 0xFFFE: None, 0xFFFF: None}
# One substring search per character is about 3x faster than a regex character class over
# the page (both far cheaper than translate, which copies it).
_NOT_MARKUP_CHARS = tuple(map(chr, _NOT_MARKUP))


def markup_safe(text: str) -> str:
    """Drop the characters a page cannot meaningfully hold, so every parser accepts it."""
    if not any(char in text for char in _NOT_MARKUP_CHARS):  # the usual case
        return text
    return text.translate(_NOT_MARKUP)
