"""Saved pages in every format, built here with the standard library, load into a Page."""

import os
import plistlib
import struct
import subprocess
import sys
import zlib
from email import encoders
from email.charset import QP, Charset
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from reader.errors import LoadError
from reader.load import load
from reader.load.files import MAX_FILE_BYTES, load_file
from reader.model import Page

URL = "https://news.example.com/2021/05/story.html"


def make_png(width: int = 1, height: int = 1) -> bytes:
    """A real, tiny PNG (so the bytes are what an image saved with a page looks like)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PNG = make_png()
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,"


def html_page(body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Story</title>{head}</head>"
        f"<body><article><h1>Story</h1>{body}</article></body></html>"
    )


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def load_path(path: Path, url: str | None = None) -> Page:
    return load_file(path, source=str(path), url=url)


def load_error(path: Path) -> str:
    with pytest.raises(LoadError) as caught:
        load_path(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- plain HTML -------------------------------------------------------------------------


def test_plain_html(tmp_path: Path) -> None:
    page = load_path(write(tmp_path, "a.html", html_page("<p>Hello, world.</p>")))
    assert page.format == "html"
    assert "<p>Hello, world.</p>" in page.html
    assert page.url is None
    assert page.assets == ()
    assert page.source == str(tmp_path / "a.html")


@pytest.mark.parametrize("name", ["page.txt", "page.png", "page", "page.mhtml"])
def test_html_is_sniffed_not_named(tmp_path: Path, name: str) -> None:
    page = load_path(write(tmp_path, name, html_page("<p>Hello.</p>")))
    assert page.format == "html"
    assert "<p>Hello.</p>" in page.html


def test_html_fragment_without_html_tag(tmp_path: Path) -> None:
    page = load_path(write(tmp_path, "frag.html", "\n\n<div><p>Only a fragment.</p></div>"))
    assert page.format == "html"


def test_saved_from_comment_gives_url(tmp_path: Path) -> None:
    comment = f"<!-- saved from url=({len(URL):04d}){URL} -->\n"
    page = load_path(write(tmp_path, "s.html", comment + html_page("<p>x</p>")))
    assert page.url == URL


def test_saved_from_length_cuts_the_url(tmp_path: Path) -> None:
    comment = f"<!DOCTYPE html>\n<!-- saved from url=({len(URL):04d}){URL}-->\n"
    page = load_path(write(tmp_path, "s.html", comment + html_page("<p>x</p>")))
    assert page.url == URL


def test_saved_from_local_file_is_not_a_url(tmp_path: Path) -> None:
    comment = "<!-- saved from url=(0014)about:internet -->\n"
    assert load_path(write(tmp_path, "s.html", comment + html_page("<p>x</p>"))).url is None


def test_url_argument_wins(tmp_path: Path) -> None:
    comment = f"<!-- saved from url=({len(URL):04d}){URL} -->\n"
    path = write(tmp_path, "s.html", comment + html_page("<p>x</p>"))
    assert load_path(path, url="https://other.example/").url == "https://other.example/"


def test_dispatcher_passes_url(tmp_path: Path) -> None:
    path = write(tmp_path, "d.html", html_page("<p>x</p>"))
    page = load(str(path), url="https://given.example/a")
    assert page.url == "https://given.example/a"


def test_xhtml_with_encoding_declaration(tmp_path: Path) -> None:
    xhtml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head>'
        "<body><p>Café crème</p></body></html>"
    )
    page = load_path(write(tmp_path, "x.xhtml", xhtml.encode("latin-1")))
    assert page.format == "xhtml"
    assert "Café crème" in page.html
    assert not page.html.lstrip().startswith("<?xml")  # lxml refuses a str that declares one


def test_singlefile_page_with_data_images(tmp_path: Path) -> None:
    data_uri = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    html = (
        f"<!DOCTYPE html> <html><!--\n Page saved with SingleFile \n url: {URL} \n"
        " saved date: Wed May 19 2021 10:00:00 GMT+0000\n-->"
        f"<head><title>S</title></head><body><p>Text</p><img src='{data_uri}'></body></html>"
    )
    page = load_path(write(tmp_path, "single.html", html))
    assert page.format == "singlefile"
    assert page.url == URL
    assert data_uri in page.html
    assert page.assets == ()


def test_page_with_data_images_only(tmp_path: Path) -> None:
    html = html_page("<p>x</p>" + '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' * 3)
    assert load_path(write(tmp_path, "d.html", html)).format == "singlefile"


def test_control_characters_are_dropped(tmp_path: Path) -> None:
    page = load_path(write(tmp_path, "c.html", html_page("<p>a\x00b\x01c</p>")))
    assert "<p>abc</p>" in page.html


def test_garbled_html_loads_best_effort(tmp_path: Path) -> None:
    data = html_page("<p>ok</p>").encode() + bytes(range(0x80, 0x100)) * 4 + b"<p>tail</p>"
    page = load_path(write(tmp_path, "g.html", data))
    assert "<p>ok</p>" in page.html and "tail" in page.html


# --- "Web page, complete" -------------------------------------------------------------


def test_complete_page_with_files_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site, "page_files/a.png", PNG)
    write(site, "page_files/b c.gif", GIF)
    write(site, "page_files/script.js", "alert(1)")
    write(site, "page_files/fake.png", "<html>not an image</html>")
    write(site, "page_files/icon.svg", "<!-- c --><svg xmlns='http://www.w3.org/2000/svg'/>")
    write(tmp_path, "outside.png", PNG)
    body = (
        '<p>x</p><img src="page_files/a.png"><img src="./page_files/b%20c.gif">'
        '<img src="page_files/a.png?v=2"><script src="page_files/script.js"></script>'
        '<img src="page_files/fake.png"><img src="../outside.png"><img src="page_files/none.png">'
        "<img src=page_files/icon.svg><img src='https://cdn.example/x.png'>"
        '<img srcset="page_files/a.png 1x, ./page_files/a.png 2x">'
    )
    page = load_path(write(site, "page.html", html_page(body)))
    assert page.format == "complete"
    assets = {asset.url: asset for asset in page.assets}
    assert set(assets) == {
        "page_files/a.png",
        "./page_files/b%20c.gif",
        "page_files/a.png?v=2",
        "page_files/icon.svg",
        "./page_files/a.png",
    }
    assert assets["page_files/a.png"].data == PNG
    assert assets["page_files/a.png"].media_type == "image/png"
    assert assets["./page_files/b%20c.gif"].media_type == "image/gif"
    assert assets["page_files/icon.svg"].media_type == "image/svg+xml"
    assert 'src="page_files/a.png"' in page.html  # the page itself is not rewritten


def test_complete_page_reference_with_entities(tmp_path: Path) -> None:
    write(tmp_path, "p_files/a&b.png", PNG)
    page = load_path(write(tmp_path, "p.html", html_page('<img src="p_files/a&amp;b.png">')))
    assert [asset.url for asset in page.assets] == ["p_files/a&b.png"]


# --- MHTML ------------------------------------------------------------------------------


def mhtml_message(html: str, charset: str = "utf-8", encoding: str = "qp") -> MIMEMultipart:
    root = MIMEMultipart("related", type="text/html")
    root["From"] = "<Saved by Blink>"
    root["Snapshot-Content-Location"] = URL
    root["Subject"] = "Story"
    text_charset = Charset(charset)
    if encoding == "qp":
        text_charset.body_encoding = QP
    part = MIMEText(html, "html", text_charset)  # type: ignore[arg-type]
    part["Content-Location"] = URL
    root.attach(part)
    return root


def add_image(root: MIMEMultipart, location: str | None, cid: str | None = None) -> None:
    image = MIMEImage(PNG, "png")
    if location:
        image["Content-Location"] = location
    if cid:
        image["Content-ID"] = f"<{cid}>"
    root.attach(image)


@pytest.mark.parametrize("encoding", ["qp", "base64"])
def test_mhtml_from_email_package(tmp_path: Path, encoding: str) -> None:
    html = html_page(
        "<p>Café “quoted” line that is long enough to be wrapped by quoted-printable "
        'encoding at seventy-six characters.</p><img src="https://news.example.com/img/a.png">'
        '<img src="../../img/b.png"><img src="cid:part1.abc@example">'
    )
    root = mhtml_message(html, encoding=encoding)
    add_image(root, "https://news.example.com/img/a.png")
    add_image(root, "https://news.example.com/img/b.png")
    add_image(root, None, cid="part1.abc@example")
    add_image(root, "https://news.example.com/img/unused.png")
    page = load_path(write(tmp_path, "page.mhtml", root.as_bytes()))
    assert page.format == "mhtml"
    assert page.url == URL
    assert "Café “quoted” line that is long enough" in page.html
    keys = {asset.url for asset in page.assets}
    assert {
        "https://news.example.com/img/a.png",
        "../../img/b.png",
        "cid:part1.abc@example",
    } <= keys
    assert all(asset.data == PNG for asset in page.assets)
    assert all(asset.media_type == "image/png" for asset in page.assets)


def test_mhtml_legacy_charset_in_part_header(tmp_path: Path) -> None:
    root = mhtml_message(html_page("<p>Привет, мир</p>").replace("utf-8", "x"), "koi8-r")
    page = load_path(write(tmp_path, "ru.mht", root.as_bytes()))
    assert "Привет, мир" in page.html


def raw_mhtml(parts: list[tuple[dict[str, str], bytes]], top: dict[str, str]) -> bytes:
    boundary = "----MultipartBoundary--abc123----"
    headers = {
        "From": "<Saved by Blink>",
        "MIME-Version": "1.0",
        "Content-Type": f'multipart/related; type="text/html"; boundary="{boundary}"',
        **top,
    }
    out = b"".join(f"{k}: {v}\r\n".encode() for k, v in headers.items()) + b"\r\n"
    for part_headers, body in parts:
        out += f"--{boundary}\r\n".encode()
        out += b"".join(f"{k}: {v}\r\n".encode() for k, v in part_headers.items()) + b"\r\n"
        out += body + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


@pytest.mark.parametrize("cte", ["7bit", "8bit", "binary"])
def test_mhtml_identity_transfer_encodings(tmp_path: Path, cte: str) -> None:
    text = "Plain ASCII story." if cte == "7bit" else "Grüße aus Köln — 日本"
    html = html_page(f"<p>{text}</p><img src='pic.png'>").encode("utf-8")
    image_cte = "binary" if cte == "binary" else "base64"
    image = PNG if cte == "binary" else encoders._bencode(PNG)  # type: ignore[attr-defined]
    data = raw_mhtml(
        [
            (
                {
                    "Content-Type": "text/html; charset=utf-8",
                    "Content-Transfer-Encoding": cte,
                    "Content-Location": URL,
                },
                html,
            ),
            (
                {
                    "Content-Type": "image/png",
                    "Content-Transfer-Encoding": image_cte,
                    "Content-Location": "https://news.example.com/2021/05/pic.png",
                },
                image,
            ),
        ],
        {"Snapshot-Content-Location": URL},
    )
    page = load_path(write(tmp_path, "p.mhtml", data))
    assert text in page.html
    assets = {asset.url: asset for asset in page.assets}
    assert assets["pic.png"].data == PNG


def test_mhtml_root_named_by_start_parameter(tmp_path: Path) -> None:
    boundary = "b0undary"
    frame = html_page("<p>An ad frame.</p>").encode()
    main = html_page("<p>The real story.</p>").encode()
    data = (
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; boundary="b0undary"; start="<main@x>"; '
        b'type="text/html"\r\n\r\n'
        + f"--{boundary}\r\nContent-Type: text/html\r\nContent-ID: <frame@x>\r\n\r\n".encode()
        + frame
        + f"\r\n--{boundary}\r\nContent-Type: text/html\r\nContent-ID: <main@x>\r\n\r\n".encode()
        + main
        + f"\r\n--{boundary}--\r\n".encode()
    )
    page = load_path(write(tmp_path, "s.mht", data))
    assert "The real story." in page.html
    assert page.url is None


def test_mhtml_root_named_by_content_location(tmp_path: Path) -> None:
    data = raw_mhtml(
        [
            ({"Content-Type": "text/html", "Content-Location": "https://ads.example/"}, b"<p>ad"),
            ({"Content-Type": "text/html", "Content-Location": URL}, b"<p>The story.</p>"),
        ],
        {"Content-Location": URL},
    )
    page = load_path(write(tmp_path, "ie.mht", data))
    assert "The story." in page.html
    assert page.url == URL


def test_mhtml_url_argument_wins(tmp_path: Path) -> None:
    root = mhtml_message(html_page("<p>x</p>"))
    page = load_path(write(tmp_path, "p.mhtml", root.as_bytes()), url="https://mine.example/")
    assert page.url == "https://mine.example/"


def test_mhtml_without_html_part(tmp_path: Path) -> None:
    data = raw_mhtml([({"Content-Type": "image/png", "Content-Location": "a.png"}, b"x")], {})
    assert load_error(write(tmp_path, "n.mhtml", data)) == (
        "an MHTML archive without a page in it (no HTML or text part)"
    )


# --- Safari webarchive ------------------------------------------------------------------


def webarchive(html: bytes, encoding: str = "UTF-8", **extra: object) -> bytes:
    archive = {
        "WebMainResource": {
            "WebResourceData": html,
            "WebResourceMIMEType": "text/html",
            "WebResourceTextEncodingName": encoding,
            "WebResourceURL": URL,
            "WebResourceFrameName": "",
        },
        "WebSubresources": [
            {
                "WebResourceData": PNG,
                "WebResourceMIMEType": "image/png",
                "WebResourceURL": "https://news.example.com/img/a.png",
            },
            {
                "WebResourceData": b"body{}",
                "WebResourceMIMEType": "text/css",
                "WebResourceURL": "https://news.example.com/site.css",
            },
            {"WebResourceURL": "https://broken.example/no-data.png"},
            "not a dict",
        ],
        **extra,
    }
    return plistlib.dumps(archive, fmt=plistlib.FMT_BINARY)


def test_webarchive(tmp_path: Path) -> None:
    html = html_page(
        "<p>Привет из Сафари</p><img src='/img/a.png'><img src='https://news.example.com/img/a.png'>"
    ).replace("utf-8", "windows-1252")
    page = load_path(write(tmp_path, "p.webarchive", webarchive(html.encode("koi8-r"), "koi8-r")))
    assert page.format == "webarchive"
    assert page.url == URL
    assert "Привет из Сафари" in page.html
    assets = {asset.url: asset for asset in page.assets}
    assert set(assets) == {"/img/a.png", "https://news.example.com/img/a.png"}
    assert assets["/img/a.png"].data == PNG


def test_webarchive_subframe_resources(tmp_path: Path) -> None:
    frame = {
        "WebMainResource": {"WebResourceData": b"<p>frame", "WebResourceURL": "https://f.example/"},
        "WebSubresources": [
            {
                "WebResourceData": GIF,
                "WebResourceMIMEType": "image/gif",
                "WebResourceURL": "https://f.example/x.gif",
            }
        ],
    }
    data = webarchive(html_page("<p>x</p>").encode(), WebSubframeArchives=[frame])
    page = load_path(write(tmp_path, "f.webarchive", data))
    assert "https://f.example/x.gif" in {asset.url for asset in page.assets}


def test_webarchive_url_argument_wins(tmp_path: Path) -> None:
    path = write(tmp_path, "p.webarchive", webarchive(html_page("<p>x</p>").encode()))
    assert load_path(path, url="https://mine.example/").url == "https://mine.example/"


def test_xml_plist_webarchive(tmp_path: Path) -> None:
    data = plistlib.dumps(
        {"WebMainResource": {"WebResourceData": b"<p>XML archive</p>", "WebResourceURL": URL}}
    )
    page = load_path(write(tmp_path, "x.webarchive", data))
    assert "XML archive" in page.html and page.format == "webarchive"


def test_plist_that_is_not_a_webarchive(tmp_path: Path) -> None:
    data = plistlib.dumps({"Hello": 1}, fmt=plistlib.FMT_BINARY)
    assert "not a Safari web archive" in load_error(write(tmp_path, "x.webarchive", data))


def test_damaged_webarchive(tmp_path: Path) -> None:
    data = webarchive(b"<p>x</p>")[:-20]
    assert load_error(write(tmp_path, "d.webarchive", data)).startswith(
        "damaged Safari web archive"
    )


# --- plain text -------------------------------------------------------------------------


def test_plain_text_becomes_html(tmp_path: Path) -> None:
    text = "A title\n\nFirst paragraph of the note.\n\nSecond <one> & more.\n"
    page = load_path(write(tmp_path, "note.txt", text))
    assert page.format == "text"
    assert "<h1>A title</h1>" in page.html
    assert "<p>Second &lt;one&gt; &amp; more.</p>" in page.html


def test_legacy_encoded_text(tmp_path: Path) -> None:
    text = "Заголовок\n\n" + "Это обычный русский текст в старой кодировке. " * 20
    page = load_path(write(tmp_path, "ru.txt", text.encode("windows-1251")))
    assert "Это обычный русский текст" in page.html


def test_seed_loads_as_text(seed_path: Path) -> None:
    page = load_path(seed_path)
    assert page.format == "text"
    assert page.url is None
    assert '<meta name="date" content="2021-05-19">' in page.html


# --- bad input --------------------------------------------------------------------------

BINARIES = [
    (PNG, "not a page (looks like a PNG image)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not a page (looks like a PDF document)"),
    (b"PK\x03\x04\x14\x00\x00\x00", "not a page (looks like a ZIP archive"),
    (b"\x7fELF\x02\x01\x01\x00" + bytes(64), "not a page (looks like an ELF executable"),
    (b"\x1f\x8b\x08\x00" + bytes(20), "not a page (looks like a gzip-compressed file)"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "not a page (looks like a JPEG image)"),
    (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "not a page (looks like a WebP image)"),
    (bytes(range(32)) * 50, "not a page (looks like binary data)"),
    (b"MZ\x90\x00\x03\x00\x00\x00" + bytes(100), "not a page (looks like a Windows executable)"),
]


@pytest.mark.parametrize(("data", "message"), BINARIES)
def test_binary_files_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    assert load_error(write(tmp_path, "page.html", data)).startswith(message)


def test_missing_file(tmp_path: Path) -> None:
    assert load_error(tmp_path / "nope.html") == "no such file"


def test_path_through_a_file(tmp_path: Path) -> None:
    file = write(tmp_path, "f.html", "<p>x")
    assert load_error(file / "child.html").startswith("no such file")


def test_folder(tmp_path: Path) -> None:
    assert load_error(tmp_path) == "is a folder, not a page"


def test_empty(tmp_path: Path) -> None:
    assert load_error(write(tmp_path, "e.html", b"")) == "empty file"


def test_whitespace_only(tmp_path: Path) -> None:
    assert load_error(write(tmp_path, "w.html", b" \n\t\r\n ")) == "empty file (only whitespace)"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.html", html_page("<p>x</p>"))
    path.chmod(0)
    try:
        assert load_error(path) == "cannot read it: permission denied"
    finally:
        path.chmod(0o644)


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with open(path, "wb") as handle:
        handle.write(b"<html>")
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no 50 MB written
    message = load_error(path)
    assert message.startswith("too large (50.0 MB; pages up to 50 MB are read)")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "pipe.html"
    os.mkfifo(path)
    assert load_error(path) == "not a regular file (a device, pipe or socket)"


def test_nul_in_path(tmp_path: Path) -> None:
    assert load_error(tmp_path / "a\x00b.html").startswith("cannot read it")


def test_loader_does_not_import_qt() -> None:
    code = (
        "import sys, pathlib, reader.load, reader.load.files, reader.load.textdump\n"
        "import reader.load.mhtml, reader.load.webarchive\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'PySide6 imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_permission_error_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same refusal as test_unreadable, reachable when the tests run as root."""
    import reader.load.files as files

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = write(tmp_path, "locked.html", html_page("<p>x</p>"))
    monkeypatch.setattr(files, "open", refuse, raising=False)
    assert load_error(path) == "cannot read it: permission denied"


def test_other_os_error_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.load.files as files

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    path = write(tmp_path, "bad.html", html_page("<p>x</p>"))
    monkeypatch.setattr(files, "open", fail, raising=False)
    assert load_error(path) == "cannot read it: input/output error"


def test_file_url_source(tmp_path: Path) -> None:
    path = write(tmp_path, "a b.html", html_page("<p>From a file URL.</p>"))
    page = load(path.as_uri())
    assert "From a file URL." in page.html
    assert page.source == path.as_uri()


def test_mhtml_of_a_text_page(tmp_path: Path) -> None:
    data = raw_mhtml(
        [({"Content-Type": "text/plain; charset=utf-8"}, b"Title\n\nA text page.")], {}
    )
    page = load_path(write(tmp_path, "t.mht", data))
    assert "<h1>Title</h1>" in page.html and "<p>A text page.</p>" in page.html
