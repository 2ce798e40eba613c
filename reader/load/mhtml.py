"""MHTML (.mhtml, .mht): a page and its resources as one MIME multipart/related message.

Browsers write it with any transfer encoding (quoted-printable, base64, 7bit, 8bit,
binary). The root part is the one the ``start`` parameter names (by Content-ID), else the
one whose Content-Location the top headers give, else the first HTML part. The email
package does the MIME work; this module only picks parts and keeps the page's address.
"""

import email
import email.message
import email.policy
from dataclasses import dataclass

from reader.errors import LoadError
from reader.load.decode import decode_html
from reader.load.refs import Resource, match_resources
from reader.model import Asset

HTML_TYPES = ("text/html", "application/xhtml+xml")
# An archive of a text page (or a mail without HTML) still has a page: its text part.
TEXT_TYPES = ("text/plain",)
# Headers naming the page's address: Chrome's, then the top-level Content-Location.
URL_HEADERS = ("Snapshot-Content-Location", "Content-Location")
# Archives hold a handful of parts; a damaged one could claim millions of tiny ones.
MAX_PARTS = 20_000


@dataclass(frozen=True)
class Archive:
    html: str
    url: str | None
    assets: tuple[Asset, ...]
    media_type: str


def _header(message: email.message.Message, name: str) -> str | None:
    try:
        value = message.get(name)
    except Exception:  # a malformed header must not stop the page from loading
        return None
    if value is None:
        return None
    text = str(value).strip()
    return " ".join(text.split()) or None


def _payload(part: email.message.Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:  # broken base64/qp: keep what can be kept
        data = None
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    return raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""


def _root(parts: list[email.message.Message], message: email.message.Message) -> int | None:
    start = message.get_param("start") if message.is_multipart() else None
    if isinstance(start, str) and start.strip():
        wanted = start.strip().strip("<>")
        for index, part in enumerate(parts):
            if (_header(part, "Content-ID") or "").strip("<>") == wanted:
                return index
    location = _header(message, "Content-Location") if message.is_multipart() else None
    if location:
        for index, part in enumerate(parts):
            if _header(part, "Content-Location") == location:
                return index
    for types in (HTML_TYPES, TEXT_TYPES):
        for index, part in enumerate(parts):
            if part.get_content_type() in types:
                return index
    return None


def read_mhtml(data: bytes) -> Archive:
    """The main page of an MHTML archive with its images as assets."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        parts = [part for part in message.walk() if not part.is_multipart()][:MAX_PARTS]
        root = _root(parts, message)
    except LoadError:
        raise
    except Exception as error:  # the email package on damaged input
        raise LoadError(f"damaged MHTML archive ({type(error).__name__})") from None
    if root is None:
        raise LoadError("an MHTML archive without a page in it (no HTML or text part)")
    main = parts[root]
    charset = main.get_content_charset()
    markup = decode_html(_payload(main), declared=charset)
    url = next((u for u in (_header(message, h) for h in URL_HEADERS) if u), None)
    url = url or _header(main, "Content-Location")
    resources = []
    for index, part in enumerate(parts):
        if index == root:
            continue
        resources.append(
            Resource(
                url=_header(part, "Content-Location"),
                media_type=part.get_content_type(),
                data=_payload(part),
                content_id=_header(part, "Content-ID"),
            )
        )
    assets = match_resources(markup, url, resources)
    return Archive(markup, url, assets, main.get_content_type())
