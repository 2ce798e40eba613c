"""What `reader export` writes, read back as the tools that take it read it: an EPUB 3 book
(structure checked here, and by epubcheck when it is installed), Markdown files with YAML
front matter and their pictures beside them, one self-contained HTML page; each file
written whole or not at all; one-line errors from the command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from export_library import JPEG, build, png
from lxml import etree, html
from reader_cli import run_reader

from reader.exchange.content import parse
from reader.exchange.xhtml import inner_xhtml
from reader.service.exporting import chosen_ids, export
from reader.store import Library

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


def exported(tmp_path: Path, format_name: str, name: str, query: str | None = None) -> Path:
    with Library(tmp_path / "library.sqlite3") as library:
        build(library)
        out = tmp_path / name
        export(library, chosen_ids(library, query), format_name, out)
    return out


def test_epub_is_a_well_formed_book_with_contents_and_pictures(tmp_path: Path) -> None:
    book = zipfile.ZipFile(exported(tmp_path, "epub", "library.epub"))
    first = book.infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert book.read("mimetype") == b"application/epub+zip"
    container = etree.fromstring(book.read("META-INF/container.xml"))
    rootfile = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
    assert rootfile is not None
    package_path = rootfile.get("full-path")
    assert package_path == "OEBPS/content.opf"
    package = etree.fromstring(book.read(package_path))
    metadata = package.find(f"{OPF}metadata")
    assert metadata is not None
    identifier = metadata.find(f"{DC}identifier")
    assert identifier is not None and identifier.get("id") == package.get("unique-identifier")
    assert metadata.findtext(f"{DC}title") == "Reader: 3 articles"
    assert metadata.findtext(f"{DC}language") == "en"  # the first chapter's
    modified = metadata.find(f"{OPF}meta[@property='dcterms:modified']")
    assert modified is not None and len(modified.text or "") == len("2026-01-01T00:00:00Z")

    items = {item.get("id"): item for item in package.iter(f"{OPF}item")}
    listed = {"OEBPS/" + item.get("href") for item in items.values()}
    in_zip = {name for name in book.namelist() if name.startswith("OEBPS/")} - {package_path}
    assert listed == in_zip  # every file listed, nothing listed that is not there
    assert [item.get("id") for item in items.values() if item.get("properties") == "nav"] == ["nav"]
    spine = [ref.get("idref") for ref in package.iter(f"{OPF}itemref")]
    chapters = [items[idref].get("href") for idref in spine]
    assert chapters == ["chapter-0001.xhtml", "chapter-0002.xhtml", "chapter-0003.xhtml"]

    for name in in_zip:  # every XHTML file is well-formed XML
        if name.endswith(".xhtml"):
            etree.fromstring(book.read(name))
    nav = etree.fromstring(book.read("OEBPS/nav.xhtml"))
    assert [link.get("href") for link in nav.iter(f"{XHTML}a")] == chapters
    titles = {"".join(link.itertext()) for link in nav.iter(f"{XHTML}a")}
    assert "The lighthouse keepers <of> Wolf Rock" in titles

    keepers = next(
        etree.fromstring(book.read(f"OEBPS/{name}"))
        for name in chapters
        if b"Wolf Rock" in book.read(f"OEBPS/{name}")
    )
    assert keepers.get("lang") == "en-GB"
    pictures = {image.get("alt"): image.get("src") for image in keepers.iter(f"{XHTML}img")}
    assert set(pictures) == {"The tower in a storm", "the lens"}  # the WebP: no book type
    assert book.read(f"OEBPS/{pictures['The tower in a storm']}") == png()
    assert pictures["the lens"].endswith(".jpg")  # its bytes say JPEG, not the server
    assert book.read(f"OEBPS/{pictures['the lens']}") == JPEG
    types = {item.get("href"): item.get("media-type") for item in items.values()}
    assert types[pictures["the lens"]] == "image/jpeg"
    words = "".join(keepers.itertext())
    assert "[A modern photo]" in words and "[Not kept]" in words  # alt text stands in
    assert "Morwenna Pascoe" in words and "https://sea.example/keepers" in words


@pytest.mark.skipif(
    not (EPUBCHECK.exists() and shutil.which("java")), reason="epubcheck is not installed"
)
def test_epubcheck_finds_no_error_or_warning(tmp_path: Path) -> None:
    book = exported(tmp_path, "epub", "library.epub")
    checked = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), str(book)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No errors or warnings detected" in checked.stdout, checked.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<h2>a <div>block</div> b</h2>", "<h2>a block b</h2>"),
        ("<li>stray</li><ul>loose<li>x</li>tail</ul>", "<div>stray</div><ul><li>loose</li>"),
        ("<dl><dd>no term</dd></dl>", "<div><div>no term</div></div>"),
        ('<p align="center" id="x">t<br></p>', "<p>t<br/></p>"),
        ('<a name="top">anchor words</a>', "anchor words"),
        ('<img src="a.png">', '<img src="a.png" alt=""/>'),
        ("<p>bell \x07 rings</p>", "<p>bell  rings</p>"),
        ("<details><summary>More</summary><p>x</p></details>", "<div><p>More</p><p>x</p></div>"),
        ('<table><tr><td align="right">1</td></tr></table>', 'style="text-align: right"'),
        (
            '<table><tr><td>a</td></tr><td colspan="2">stray</td><div>block</div></table>',
            '<tr><td colspan="2">stray</td><td><div>block</div></td></tr></table>',
        ),
        ("<table><tr><td>1</td><p>in a row</p></tr></table>", "<td><p>in a row</p></td>"),
        ('<div colspan="3">d</div><ol start="2"><li>x</li></ol>', '<div>d</div><ol start="2">'),
    ],
)
def test_page_html_is_mended_into_book_xhtml(content: str, expected: str) -> None:
    result = inner_xhtml(parse(content))
    etree.fromstring(f'<div xmlns="http://www.w3.org/1999/xhtml">{result}</div>')
    assert expected in result


def test_markdown_files_have_front_matter_pictures_beside_and_highlights(
    tmp_path: Path,
) -> None:
    folder = exported(tmp_path, "markdown", "notes")
    names = sorted(path.name for path in folder.iterdir())
    assert names == [
        "Article 0 on tides.md",
        "Night trains are back.md",
        "The lighthouse keepers of Wolf Rock files",
        "The lighthouse keepers of Wolf Rock.md",
    ]
    text = (folder / "The lighthouse keepers of Wolf Rock.md").read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    fields = dict(line.split(": ", 1) for line in head.splitlines()[1:])
    assert json.loads(fields["title"]) == "The lighthouse keepers <of> Wolf Rock"
    assert json.loads(fields["url"]) == "https://sea.example/keepers"
    assert json.loads(fields["author"]) == "Morwenna Pascoe"
    assert json.loads(fields["published"]) == "2023-12-24T00:00:00+00:00"
    assert json.loads(fields["saved"]).endswith("+00:00")
    assert json.loads(fields["tags"]) == ["sea", "History", "long reads"]
    assert fields["state"] == "[starred, read]"
    pictures = [
        unquote(line.split("](", 1)[1].rstrip(")"))
        for line in body.splitlines()
        if line.startswith("![")
    ]
    assert pictures[0] == "The lighthouse keepers of Wolf Rock files/image-1.png"
    assert (folder / pictures[0]).read_bytes() == png()
    assert "https://sea.example/img/new.webp" not in pictures  # kept: written beside it
    assert any(path.endswith(".webp") for path in pictures)
    assert "https://elsewhere.example/never-kept.png" in body  # not kept: its address stays
    assert "> lived in shifts of eight weeks\n\nEight weeks at a time!" in body
    trains = (folder / "Night trains are back.md").read_text(encoding="utf-8")
    assert "state: [archived]" in trains and not (folder / "Night trains are back files").exists()


def test_html_page_is_self_contained_with_a_table_of_contents(tmp_path: Path) -> None:
    page = html.fromstring(exported(tmp_path, "html", "library.html").read_bytes())
    contents = [link.get("href") for link in page.xpath("//nav//a")]
    assert contents == ["#article-1", "#article-2", "#article-3"]
    assert [node.get("id") for node in page.xpath("//article")] == [
        "article-1",
        "article-2",
        "article-3",
    ]
    sources = [image.get("src") for image in page.iter("img")]
    assert len(sources) == 3 and all(src.startswith("data:image/") for src in sources)
    assert not page.xpath("//link[@rel='stylesheet'] | //script")  # nothing fetched on open
    assert "[Not kept]" in page.text_content()


def test_one_article_is_its_own_book_titled_and_authored(tmp_path: Path) -> None:
    book = zipfile.ZipFile(exported(tmp_path, "epub", "one.epub", query="tag:rail"))
    package = etree.fromstring(book.read("OEBPS/content.opf"))
    assert package.findtext(f".//{DC}title") == "Night trains are back"
    assert package.findtext(f".//{DC}language") == "de"


def test_a_failed_export_leaves_the_old_file_and_no_scraps(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        build(library)
        out = tmp_path / "out" / "library.jsonl"
        out.parent.mkdir()
        out.write_text("the export of last week\n", encoding="utf-8")

        def stop(done: int, total: int, title: str) -> None:
            if done == 2:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            export(library, chosen_ids(library, None), "reader", out, stop)
    assert out.read_text(encoding="utf-8") == "the export of last week\n"
    assert os.listdir(out.parent) == ["library.jsonl"]


def test_cli_exports_by_ending_and_says_what_it_did(tmp_path: Path) -> None:
    with Library() as library:
        build(library)
    done = run_reader("export", "--query", "tag:sea", str(tmp_path / "sea.epub"))
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith(
        f"exported 1 article to {tmp_path / 'sea.epub'} (EPUB book)"
    )
    assert zipfile.ZipFile(tmp_path / "sea.epub").read("mimetype") == b"application/epub+zip"
    marks = run_reader("export", "--format", "bookmarks", str(tmp_path / "marks.html"))
    assert marks.returncode == 0 and "<DT><A HREF=" in (tmp_path / "marks.html").read_text()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["{out}/notes.docx"], "reader: which format is notes.docx? say it with --format"),
        (["--query", "tag:nowhere", "{out}/x.epub"], "reader: nothing to export: no article"),
        (["/proc/no/such/place.epub"], "reader: cannot write /proc/no/such/place.epub"),
        (["--format", "pdf", "{out}/x.pdf"], "usage:"),
    ],
)
def test_cli_errors_are_clear_and_write_nothing(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    with Library() as library:
        build(library)
    out = tmp_path / "out"
    out.mkdir()
    failed = run_reader("export", *(argument.format(out=out) for argument in arguments))
    assert failed.returncode != 0
    assert message in failed.stderr.splitlines()[0], failed.stderr
    assert "Traceback" not in failed.stderr
    assert os.listdir(out) == []
