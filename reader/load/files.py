"""A saved page on disk becomes a Page, whatever format the browser saved it in.

The file is read once; its first bytes decide the format (never the extension): Safari web
archive, MHTML, HTML/XHTML (with a page_files/ folder, or data: images inline), or plain
text, which becomes HTML through the text-dump converter. Anything else is refused with a
LoadError saying why, in one line the caller prefixes with the path.
"""

import re
import stat
from pathlib import Path
from urllib.parse import urlsplit

from reader.bounded_read import read_at_most
from reader.errors import LoadError
from reader.load.complete import local_assets
from reader.load.decode import decode_html, markup_safe
from reader.load.sniff import SAMPLE_BYTES, describe_binary, html_kind, is_mhtml, is_webarchive
from reader.model import Asset, Page

# Saved pages are a few MB even with images inline; more is not a page (or not worth it).
MAX_FILE_BYTES = 50 * 1024 * 1024

# Where the file itself says which address it was saved from, in its first characters.
HEAD_CHARS = 4096
SAVED_FROM: tuple[re.Pattern[str], ...] = (
    # Chrome / IE "Mark of the Web": <!-- saved from url=(0042)https://... -->
    re.compile(r"<!--\s*saved from url=\((?P<length>\d{1,5})\)(?P<url>[^\s>]+)", re.I),
    # SingleFile: <!-- Page saved with SingleFile \n url: https://... \n saved date: ... -->
    re.compile(r"<!--\s*Page saved with SingleFile\s+url:\s*(?P<url>\S+)", re.I),
)
# Pages with a data: placeholder or two are ordinary; a page carrying its images inline is
# a single-file save (SingleFile, "Save as single file" extensions) even without the mark.
SINGLEFILE_DATA_IMAGES = 3
SINGLEFILE_MARK = re.compile(r"<!--\s*Page saved with SingleFile", re.I)
WEB_URL = re.compile(r"^https?://[^\s/?#]+", re.I)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]{0,300}\?>\s*")


def _read(path: Path) -> bytes:
    """The file's bytes, or a LoadError naming the reason it cannot be a page."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise LoadError("is a folder, not a page")
        if not stat.S_ISREG(info.st_mode):
            raise LoadError("not a regular file (a device, pipe or socket)")
        if info.st_size > MAX_FILE_BYTES:
            raise LoadError(_too_large(info.st_size))
        with open(path, "rb") as handle:
            data = read_at_most(handle, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise LoadError("no such file") from None
    except NotADirectoryError:
        raise LoadError("no such file (a part of the path is not a folder)") from None
    except PermissionError:
        raise LoadError("cannot read it: permission denied") from None
    except (OSError, ValueError) as error:
        raise LoadError(f"cannot read it: {_reason(error)}") from None
    if data is None:  # it grew past the limit after the size check
        raise LoadError(_too_large(max(info.st_size, MAX_FILE_BYTES + 1)))
    if not data.strip():
        raise LoadError("empty file" if not data else "empty file (only whitespace)")
    return data


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror[0].lower() + error.strerror[1:]
    return str(error) or type(error).__name__


def _too_large(size: int) -> str:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return f"too large ({size / (1024 * 1024):.1f} MB; pages up to {limit} MB are read)"


def saved_from(markup: str) -> str | None:
    """The address a browser wrote into the page when saving it (http/https only)."""
    head = markup[:HEAD_CHARS]
    for pattern in SAVED_FROM:
        match = pattern.search(head)
        if not match:
            continue
        url = match["url"]
        length = match.groupdict().get("length")
        if length and 0 < int(length) <= len(url):
            url = url[: int(length)]
        url = url.removesuffix("-->")
        if WEB_URL.match(url):
            return url
    return None


def _web_url(url: str | None) -> str | None:
    return url if url and WEB_URL.match(url) else None


def _html_page(data: bytes, path: Path | None) -> tuple[str, str | None, tuple[Asset, ...], str]:
    return _markup_page(decode_html(data), path)


def _markup_page(markup: str, path: Path | None) -> tuple[str, str | None, tuple[Asset, ...], str]:
    kind = html_kind(markup[:SAMPLE_BYTES])
    if kind is None:
        return _dump_to_html(markup.removeprefix("\ufeff")), None, (), "text"
    assets = local_assets(markup, path) if path is not None else ()
    if assets:
        kind = "complete"
    elif (
        SINGLEFILE_MARK.search(markup[:HEAD_CHARS])
        or markup.count("data:image/") >= SINGLEFILE_DATA_IMAGES
    ):
        kind = "singlefile" if kind == "html" else kind
    return markup, saved_from(markup), assets, kind


def _archive_page(data: bytes, fmt: str) -> tuple[str, str | None, tuple[Asset, ...]]:
    if fmt == "webarchive":
        from reader.load.webarchive import read_webarchive

        archive = read_webarchive(data)
    else:
        from reader.load.mhtml import read_mhtml

        archive = read_mhtml(data)
    markup = archive.html
    if archive.media_type == "text/plain":  # an archived text page: same as a .txt file
        markup = _dump_to_html(markup)
    return markup, archive.url, archive.assets


def _dump_to_html(text: str) -> str:
    """A plain-text dump as HTML. Its converter is imported for dumps only: its patterns
    were ~4 ms of every HTML page's first open (measured)."""
    from reader.load.textdump import dump_to_html

    return dump_to_html(text)


def page_from_bytes(data: bytes, source: str, url: str | None, path: Path | None = None) -> Page:
    """Sniff and load a saved page held in memory (``path`` locates a page_files/ folder)."""
    sample = data[:SAMPLE_BYTES]
    if is_webarchive(sample):
        fmt = "webarchive"
        markup, file_url, assets = _archive_page(data, fmt)
    elif is_mhtml(sample):
        fmt = "mhtml"
        markup, file_url, assets = _archive_page(data, fmt)
    else:
        what = describe_binary(sample)
        if what is not None:
            raise LoadError(f"not a page (looks like {what})")
        markup, file_url, assets, fmt = _html_page(data, path)
    return _page(markup, source, url or _web_url(file_url), assets, fmt)


def page_from_text(text: str, source: str, url: str | None) -> Page:
    """A page already decoded (a script's string): read as a saved file's text would be."""
    markup, file_url, _, fmt = _markup_page(text, None)
    return _page(markup, source, url or _web_url(file_url), (), fmt)


def _page(markup: str, source: str, url: str | None, assets: tuple[Asset, ...], fmt: str) -> Page:
    # An XML declaration's encoding no longer holds for decoded text (and lxml refuses a str
    # that carries one), so it goes; the markup is otherwise untouched.
    markup = _XML_DECLARATION.sub("", markup.removeprefix("\ufeff"), count=1)
    return Page(source=source, html=markup_safe(markup), url=url, assets=assets, format=fmt)


def path_from_source(source: str) -> Path:
    """A command-line source as a path: ``file://`` URLs (what a browser's address bar
    shows for a saved page) name local files too."""
    if source[:5].lower() == "file:":
        parts = urlsplit(source)
        if parts.netloc in ("", "localhost"):
            from urllib.request import url2pathname  # lazy: urllib.request is heavy

            return Path(url2pathname(parts.path))
    return Path(source)


def load_file(path: Path, source: str, url: str | None) -> Page:
    """Load a saved page from disk. ``url`` (from --url) wins over what the file says.

    Raises LoadError with one reason line for anything that is not a readable page.
    """
    data = _read(path)
    try:
        return page_from_bytes(data, source=source, url=url, path=path)
    except LoadError:
        raise
    except (RecursionError, MemoryError):
        raise LoadError("too large or too deeply nested to read") from None
    except Exception as error:  # safety net: a bug must still reach the user as one line
        raise LoadError(
            f"could not read the page (internal error: {type(error).__name__})"
        ) from None
