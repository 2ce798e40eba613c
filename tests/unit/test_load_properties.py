"""Random and mutated bytes through load_file: a Page or a clear LoadError, nothing else."""

import plistlib
import re
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import LoadError
from reader.load.files import load_file
from reader.load.textdump import dump_to_html
from reader.model import Page

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Characters the text-dump rules react to, so random dumps hit bullets, dates and bylines.
DUMP_ALPHABET = " \n\t\u2022\u00b7abc:-*.By date 2021-05-19 min read Recommended Stories"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

PNG = b"\x89PNG\r\n\x1a\n" + bytes(40)
HTML = (
    "<!DOCTYPE html><!-- saved from url=(0024)https://news.example/a/ -->"
    '<html><head><meta charset="windows-1252"><title>Caf\u00e9</title></head><body>'
    '<article><h1>Headline</h1><p>Story text \u201cquoted\u201d.</p><img src="page_files/a.png">'
    '<img srcset="page_files/a.png 1x, x.png 2x"></article></body></html>'
).encode("cp1252")
TEXT_DUMP = (
    " date 2021-05-19 A title\n\n  \u2022 Oops!\n    Something went wrong.\nJane Doe\n"
    "\u00b72 min read\n\nA paragraph.\n\nRecommended Stories\n\n  \u2022 Story\n\n    Summary.\n"
).encode("utf-8")


def _mhtml() -> bytes:
    root = MIMEMultipart("related", type="text/html")
    root["Snapshot-Content-Location"] = "https://news.example/a/"
    part = MIMEText(HTML.decode("cp1252"), "html", "utf-8")
    part["Content-Location"] = "https://news.example/a/"
    root.attach(part)
    image = MIMEImage(PNG, "png")
    image["Content-Location"] = "https://news.example/a/page_files/a.png"
    image["Content-ID"] = "<img1@x>"
    root.attach(image)
    return root.as_bytes()


def _webarchive() -> bytes:
    return plistlib.dumps(
        {
            "WebMainResource": {
                "WebResourceData": HTML,
                "WebResourceURL": "https://news.example/a/",
                "WebResourceTextEncodingName": "windows-1252",
                "WebResourceMIMEType": "text/html",
            },
            "WebSubresources": [
                {
                    "WebResourceData": PNG,
                    "WebResourceURL": "https://news.example/a/page_files/a.png",
                    "WebResourceMIMEType": "image/png",
                }
            ],
        },
        fmt=plistlib.FMT_BINARY,
    )


TEMPLATES = [HTML, TEXT_DUMP, _mhtml(), _webarchive(), HTML.decode("cp1252").encode("utf-16")]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("props")
    (path / "page_files").mkdir()
    (path / "page_files" / "a.png").write_bytes(PNG)
    return path


def check(folder: Path, data: bytes, name: str = "page.html") -> Page | None:
    path = folder / name
    path.write_bytes(data)
    try:
        page = load_file(path, source=str(path), url=None)
    except LoadError as error:
        message = str(error)
        assert message and "\n" not in message
        assert "internal error" not in message, message
        return None
    assert isinstance(page.html, str)
    assert not CONTROL.search(page.html)
    assert all(isinstance(asset.data, bytes) for asset in page.assets)
    return page


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(TEMPLATES)))
    for _ in range(draw(st.integers(0, 6))):
        if not data:
            break
        where = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "duplicate"]))
        if action == "truncate":
            del data[where:]
        elif action == "flip":
            data[where] = draw(st.integers(0, 255))
        elif action == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=64))
        elif action == "delete":
            del data[where : where + draw(st.integers(1, 200))]
        else:
            data[where:where] = data[where : where + draw(st.integers(1, 500))]
    return bytes(data)


@PROPERTY
@given(data=st.binary(max_size=4096))
def test_random_bytes(folder: Path, data: bytes) -> None:
    check(folder, data)


@PROPERTY
@given(data=mutated())
def test_mutated_saved_pages(folder: Path, data: bytes) -> None:
    check(folder, data)


@PROPERTY
@given(
    text=st.text(max_size=2000),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "koi8-r", "shift_jis", "gb18030"]),
)
def test_random_text_in_any_encoding(folder: Path, text: str, encoding: str) -> None:
    check(folder, text.encode(encoding, errors="replace"), "page.txt")


@PROPERTY
@given(
    text=st.text(
        alphabet=st.sampled_from(" \n\t\u2022\u00b7abc:-*.By date 2021-05-19"), max_size=800
    )
)
def test_text_dump_converter_never_fails(text: str) -> None:
    assert dump_to_html(text).startswith("<!DOCTYPE html>")


@PROPERTY
@given(
    prefix=st.sampled_from(
        [b"", b"<html><body>", b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n"]
    ),
    noise=st.binary(max_size=2048),
)
def test_format_markers_with_garbage_after(folder: Path, prefix: bytes, noise: bytes) -> None:
    check(folder, prefix + noise)


def test_deep_nesting(folder: Path) -> None:
    data = b"<html><body>" + b"<div>" * 10_000 + b"deep" + b"</div>" * 10_000 + b"</body></html>"
    page = check(folder, data)
    assert page is not None and "deep" in page.html


def test_deep_nesting_unclosed(folder: Path) -> None:
    page = check(folder, b"<html><body>" + b"<span><b><i>" * 10_000)
    assert page is not None


def test_huge_attributes(folder: Path) -> None:
    big = b"a" * 3_000_000
    data = (
        b'<html><body><img src="' + big + b'"><div class="' + big + b'">x</div>'
        b"<img src='" + big + b"' srcset=\"" + big + b' 1x"><a href=' + big + b">y</a>"
    )
    assert check(folder, data) is not None


def test_unterminated_attribute_quotes(folder: Path) -> None:
    data = b"<html><body>" + b'<img src="x ' * 20_000 + b"<p style='url(" * 20_000
    assert check(folder, data) is not None


def test_many_comments_and_metas(folder: Path) -> None:
    data = b"<!--" * 5000 + b"<meta charset=" * 5000 + b"<html><body>x"
    assert check(folder, data) is not None


def test_mhtml_with_broken_base64(folder: Path) -> None:
    data = (
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n"
        b"--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"PGh0bWw+PHA+aGk8L3A+!!!not base64@@@\r\n--b--\r\n"
    )
    check(folder, data, "broken.mhtml")


def test_mhtml_with_many_parts(folder: Path) -> None:
    part = b"--b\r\nContent-Type: image/png\r\nContent-Location: x\r\n\r\nx\r\n"
    data = (
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n"
        + b"--b\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n"
        + part * 30_000
        + b"--b--\r\n"
    )
    page = check(folder, data, "many.mhtml")
    assert page is not None and "<p>hi</p>" in page.html
