"""EPUB 3 export: one article, or a selection as one book with a table of contents.

What epubcheck asks of a book: the ``mimetype`` entry first and stored, the container
pointing at the package document, which names the book (``dc:identifier``, ``dc:title``,
``dc:language``, ``dcterms:modified``), lists every file (manifest) and the reading order
(spine), with a navigation document; chapters are XHTML 5 (reader.exchange.content) and
hold their pictures (those an EPUB reader must show: PNG, JPEG, GIF; any other becomes
its alt text).
"""

from __future__ import annotations

import html
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from reader.exchange.content import parse, point_images
from reader.exchange.entries import Entry
from reader.exchange.files import binary_file
from reader.exchange.pictures import EPUB_IMAGE_TYPES, file_suffix, media_type
from reader.exchange.xhtml import inner_xhtml
from reader.model import Asset

STYLE = """body { font-family: serif; line-height: 1.5; margin: 0 5%; }
h1 { font-size: 1.5em; line-height: 1.2; }
.meta { color: #555; font-size: 0.9em; }
img { max-width: 100%; height: auto; }
figure { margin: 1em 0; }
figcaption { font-size: 0.9em; color: #555; }
blockquote { margin: 1em 1.5em; font-style: italic; }
pre { white-space: pre-wrap; font-size: 0.85em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #999; padding: 0.2em 0.4em; }
"""
CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""
XHTML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
    '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
    ' lang="{lang}" xml:lang="{lang}">\n<head>\n<meta charset="UTF-8"/>\n<title>{title}</title>\n'
    '<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n'
)


@dataclass
class _Book:
    chapters: list[tuple[str, str]] = field(default_factory=list)  # (file name, title)
    images: dict[str, tuple[str, str]] = field(default_factory=dict)  # sha -> (name, type)
    languages: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)


def write_epub(entries: Iterable[Entry], path: Path, *, title: str | None = None) -> int:
    """The entries as one EPUB 3 book at ``path``; how many chapters. ``title``: the
    book's (default: the article's own for one, else "Reader: N articles")."""
    book = _Book()
    with binary_file(path) as raw, zipfile.ZipFile(raw, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", zipfile.ZIP_STORED)
        deflate = zipfile.ZIP_DEFLATED
        archive.writestr("META-INF/container.xml", CONTAINER, deflate)
        archive.writestr("OEBPS/style.css", STYLE, deflate)
        for entry in entries:
            name = f"chapter-{len(book.chapters) + 1:04d}.xhtml"
            archive.writestr(f"OEBPS/{name}", _chapter(entry, book, archive), deflate)
            book.chapters.append((name, entry.title or "Untitled"))
        if not book.chapters:
            raise ValueError("an EPUB needs at least one article")
        book_title = title or (
            book.chapters[0][1]
            if len(book.chapters) == 1
            else f"Reader: {len(book.chapters)} articles"
        )
        language = book.languages[0] if book.languages else "en"
        archive.writestr("OEBPS/nav.xhtml", _nav(book, book_title, language), deflate)
        archive.writestr("OEBPS/content.opf", _package(book, book_title, language), deflate)
    return len(book.chapters)


def _chapter(entry: Entry, book: _Book, archive: zipfile.ZipFile) -> str:
    article = entry.article
    assert article is not None, "an export needs the article itself"
    language = _language(entry.lang or article.lang)
    if language and language not in book.languages:
        book.languages.append(language)
    if entry.byline and entry.byline not in book.authors:
        book.authors.append(entry.byline)

    def picture(asset: Asset) -> str | None:
        kind = media_type(asset)
        if kind not in EPUB_IMAGE_TYPES:
            return None
        if asset.sha256 not in book.images:
            name = f"images/{asset.sha256[:16]}{file_suffix(asset)}"
            book.images[asset.sha256] = (name, kind)
            archive.writestr(f"OEBPS/{name}", asset.data, zipfile.ZIP_STORED)
        return book.images[asset.sha256][0]

    root = parse(article.content_html)
    point_images(root, article.assets, picture, keep_remote=False)
    title = html.escape(entry.title or "Untitled", quote=False)
    facts = [fact for fact in (entry.byline, entry.published, article.site_name) if fact]
    meta = f'<p class="meta">{html.escape(" · ".join(facts), quote=False)}</p>\n' if facts else ""
    source = ""
    if entry.url and entry.url.startswith(("http://", "https://")):
        link = html.escape(entry.url, quote=True)
        source = f'<p class="meta"><a href="{link}">{html.escape(entry.url, quote=False)}</a></p>\n'
    head = XHTML_HEAD.format(lang=language or "en", title=title)
    return (
        f'{head}<body>\n<section epub:type="chapter">\n<h1>{title}</h1>\n{meta}{source}'
        f"{inner_xhtml(root)}\n</section>\n</body>\n</html>\n"
    )


def _nav(book: _Book, title: str, language: str) -> str:
    items = "\n".join(
        f'<li><a href="{name}">{html.escape(chapter, quote=False)}</a></li>'
        for name, chapter in book.chapters
    )
    head = XHTML_HEAD.format(lang=language, title=html.escape(title, quote=False))
    return (
        f'{head}<body>\n<nav epub:type="toc" id="toc">\n<h1>Contents</h1>\n<ol>\n{items}\n'
        "</ol>\n</nav>\n</body>\n</html>\n"
    )


def _package(book: _Book, title: str, language: str) -> str:
    modified = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    creators = "".join(
        f"<dc:creator>{html.escape(author, quote=False)}</dc:creator>\n"
        for author in book.authors[:1]
        if len(book.chapters) == 1
    )
    manifest = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="style" href="style.css" media-type="text/css"/>',
    ]
    manifest += [
        f'<item id="c{number}" href="{name}" media-type="application/xhtml+xml"/>'
        for number, (name, _) in enumerate(book.chapters, 1)
    ]
    manifest += [
        f'<item id="i{number}" href="{name}" media-type="{kind}"/>'
        for number, (name, kind) in enumerate(book.images.values(), 1)
    ]
    spine = "\n".join(
        f'<itemref idref="c{number}"/>' for number in range(1, len(book.chapters) + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f'<dc:identifier id="book-id">urn:uuid:{uuid.uuid4()}</dc:identifier>\n'
        f"<dc:title>{html.escape(title, quote=False)}</dc:title>\n"
        f"<dc:language>{language}</dc:language>\n{creators}"
        f'<meta property="dcterms:modified">{modified}</meta>\n'
        "</metadata>\n<manifest>\n"
        + "\n".join(manifest)
        + f"\n</manifest>\n<spine>\n{spine}\n</spine>\n</package>\n"
    )


def _language(value: str | None) -> str | None:
    """A language tag a book may declare ("en", "pt-BR"), or None."""
    import re

    if value and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value.strip()):
        return value.strip()
    return None
