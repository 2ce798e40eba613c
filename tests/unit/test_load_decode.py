"""Charset handling: a page that declares its charset never comes out as mojibake."""

import pytest

from reader.load.decode import (
    choose_encoding,
    declared_charset,
    decode_html,
    decode_text,
    markup_safe,
    normalize_charset,
)

TEXTS = {
    "windows-1252": "Café “quoted” — naïve façade €5",
    "iso-8859-1": "Café “quoted” — naïve façade €5",  # browsers read latin-1 as cp1252
    "shift_jis": "日本語のテキストです。東京は晴れ。",
    "koi8-r": "Привет, мир! Это русский текст.",
    "windows-1251": "Привет, мир! Это русский текст.",
    "iso-8859-2": "Zażółć gęślą jaźń, Šťastný nový rok",
    "euc-kr": "안녕하세요 세계, 한국어 문서입니다.",
    "gb2312": "你好，世界。这是中文文本。",
    "big5": "你好，世界。這是中文文本。",
    "euc-jp": "日本語のテキストです。東京は晴れ。",
    "iso-8859-7": "Καλημέρα κόσμε, ελληνικό κείμενο",
    "windows-1255": "שלום עולם, טקסט בעברית",
}


def page(charset_tag: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head>{charset_tag}<title>t</title></head><body><p>{body}</p>"


@pytest.mark.parametrize("charset", sorted(TEXTS))
def test_meta_charset_is_obeyed(charset: str) -> None:
    text = TEXTS[charset]
    codec = normalize_charset(charset) or charset
    data = page(f'<meta charset="{charset}">', text).encode(codec)
    assert text in decode_html(data)


@pytest.mark.parametrize("charset", ["windows-1252", "shift_jis", "koi8-r", "euc-kr"])
def test_http_equiv_charset_is_obeyed(charset: str) -> None:
    text = TEXTS[charset]
    tag = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    data = page(tag, text).encode(normalize_charset(charset) or charset)
    assert text in decode_html(data)


def test_meta_after_a_long_comment_is_found() -> None:
    data = ("<!--" + "x" * 1500 + "-->" + page('<meta charset="koi8-r">', "Привет")).encode(
        "koi8-r"
    )
    assert "Привет" in decode_html(data)


def test_meta_inside_a_comment_is_ignored() -> None:
    html = '<!-- <meta charset="koi8-r"> -->' + page('<meta charset="windows-1252">', "Café")
    assert "Café" in decode_html(html.encode("cp1252"))


def test_xml_declaration_encoding() -> None:
    data = '<?xml version="1.0" encoding="ISO-8859-2"?>\n<html><p>Zażółć</p></html>'.encode(
        "iso-8859-2"
    )
    assert declared_charset(data) == "iso8859-2"
    assert "Zażółć" in decode_html(data)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_bom_wins_over_everything(codec: str) -> None:
    html = page('<meta charset="windows-1252">', "Привет — 日本")
    data = html.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    text = decode_html(data, declared="koi8-r")
    assert "Привет — 日本" in text
    assert not text.startswith("\ufeff")


def test_utf16_without_bom_is_recognised() -> None:
    data = page("", "Привет").encode("utf-16-le")
    assert "Привет" in decode_html(data)


def test_http_header_wins_over_meta() -> None:
    data = page('<meta charset="windows-1252">', "Привет").encode("koi8-r")
    assert "Привет" in decode_html(data, declared="KOI8-R")


def test_valid_utf8_wins_over_a_stale_legacy_declaration() -> None:
    # Saved pages are often re-encoded as UTF-8 while the old <meta> stays (corpus: qq).
    data = page('<meta charset="gb2312">', "你好，世界 — café").encode("utf-8")
    assert "你好，世界 — café" in decode_html(data)


def test_declared_utf16_in_ascii_bytes_means_utf8() -> None:
    data = page('<meta charset="utf-16">', "café").encode("utf-8")
    assert "café" in decode_html(data)


def test_undeclared_legacy_bytes_are_detected() -> None:
    text = "Привет, мир! Это длинный русский текст, чтобы детектор был уверен. " * 5
    assert "Привет, мир!" in decode_html(page("", text).encode("windows-1251"))


def test_unknown_label_falls_back_to_detection() -> None:
    data = page('<meta charset="no-such-charset">', "café").encode("utf-8")
    assert "café" in decode_html(data)


def test_garbage_never_raises() -> None:
    assert isinstance(decode_html(bytes(range(256)) * 10), str)
    assert isinstance(decode_html(b"\xff\xfe\x00"), str)
    assert isinstance(decode_text(b"\xfe\xff\xd8\x00"), str)


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("ISO-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("US-ASCII", "cp1252"),
        ("Shift_JIS", "cp932"),
        ("gb2312", "gb18030"),
        ("utf8", "utf-8"),
        ("  'UTF-8' ", "utf-8"),
        ("bogus", None),
        ("", None),
    ],
)
def test_aliases_map_like_browsers(label: str, codec: str | None) -> None:
    assert normalize_charset(label) == codec


def test_choose_encoding_reports_bom_length() -> None:
    assert choose_encoding(b"\xef\xbb\xbf<p>x") == ("utf-8", 3)


def test_markup_safe_drops_controls() -> None:
    assert markup_safe("a\x00b\x07c\x0cd\ttab\nnl") == "abc d\ttab\nnl"


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Café crème, naïve façade, déjà vu. " * 3, "cp1252"),
        ("El niño comió jamón en España, ¿verdad? " * 3, "cp1252"),
        ("Zażółć gęślą jaźń, to jest polski tekst. " * 3, "cp1250"),
        ("Καλημέρα κόσμε, ελληνικό κείμενο. " * 3, "cp1253"),
        ("日本語のテキストです。東京は晴れ。" * 3, "shift_jis"),
        ("你好，世界。这是中文文本。" * 3, "gb2312"),
    ],
)
def test_undeclared_text_is_detected(text: str, codec: str) -> None:
    assert decode_text(text.encode(codec)) == text


def test_legacy_text_mislabelled_as_utf8_is_detected() -> None:
    text = "Café crème, naïve façade, déjà vu, très bien. " * 4
    data = page('<meta charset="utf-8">', text).encode("cp1252")
    assert text in decode_html(data)


def test_damaged_utf8_keeps_its_label() -> None:
    data = page('<meta charset="utf-8">', "Привет, мир — 日本語 " * 10).encode() + b"\xff\xfe"
    text = decode_html(data)
    assert "Привет, мир — 日本語" in text and text.count("\ufffd") == 2
