"""The command-line contract of DESIGN.md, exercised through a real subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reader_cli import TIMEOUT_SECONDS, run_reader

from reader import __version__
from reader.paths import DATA_DIR_ENV

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Night trains return to Europe | Rail Weekly</title>
<meta property="og:site_name" content="Rail Weekly"></head>
<body><article><h1>Night trains return to Europe</h1>
<p class="byline">By Ada Lindqvist</p>
{paragraphs}
</article></body></html>"""


def write_article(folder: Path, name: str, topic: str) -> Path:
    paragraphs = "\n".join(
        f"<p>Paragraph {i} about {topic}: sleeper cars, late departures and early arrivals "
        f"across borders make the overnight journey a quiet pleasure for many travellers.</p>"
        for i in range(8)
    )
    path = folder / name
    path.write_text(ARTICLE.format(paragraphs=paragraphs), encoding="utf-8")
    return path


def test_version_is_printed() -> None:
    result = run_reader("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"reader {__version__}"


def test_several_sources_give_json_lines_in_order(tmp_path: Path) -> None:
    first = write_article(tmp_path, "first.html", "Vienna")
    second = write_article(tmp_path, "second.html", "Paris")
    result = run_reader("extract", "--format", "json", str(first), str(second))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == [str(first), str(second)]
    assert "Vienna" in records[0]["text"] and "Paris" in records[1]["text"]
    assert records[0]["title"] == "Night trains return to Europe"


def test_bad_sources_are_reported_one_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write_article(tmp_path, "good.html", "Vienna")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    missing = tmp_path / "missing.html"
    result = run_reader("extract", str(missing), str(tmp_path), str(empty), str(binary), str(good))
    assert result.returncode != 0
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4, result.stderr
    for line, bad in zip(errors, (missing, tmp_path, empty, binary), strict=True):
        assert line.startswith(f"reader: {bad}: ")
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["source"] == str(good)


def test_text_and_html_formats(tmp_path: Path) -> None:
    page = write_article(tmp_path, "page.html", "Vienna")
    text = run_reader("extract", "--format", "text", str(page))
    html = run_reader("extract", "--format", "html", str(page))
    assert text.returncode == 0 and html.returncode == 0
    assert "Paragraph 3 about Vienna" in text.stdout and "<p" not in text.stdout
    assert "<p>" in html.stdout and "<script" not in html.stdout


def test_url_option_resolves_relative_links(tmp_path: Path) -> None:
    page = tmp_path / "linked.html"
    page.write_text(
        ARTICLE.format(
            paragraphs="".join(
                f'<p>Paragraph {i} with a <a href="../more/story-{i}.html">link</a> and '
                "enough words to count as the body of a real article for the extractor.</p>"
                for i in range(8)
            )
        ),
        encoding="utf-8",
    )
    result = run_reader(
        "extract", "--format", "html", "--url", "https://rail.example/news/a.html", str(page)
    )
    assert result.returncode == 0, result.stderr
    assert 'href="https://rail.example/more/story-3.html"' in result.stdout


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_extract_never_imports_qt(tmp_path: Path, fmt: str) -> None:
    page = write_article(tmp_path, "page.html", "Vienna")
    probe = (
        "import sys, contextlib, io\n"
        "import reader.cli, reader.load, reader.extract, reader.store\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = reader.cli.main(['extract', '--format', {fmt!r}, {str(page)!r}])\n"
        "leaked = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(code, leaked)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "0 []", result.stderr


def test_output_cut_short_by_a_pager_is_not_an_error(tmp_path: Path) -> None:
    """`reader extract ... | head -1`: the reader of the pipe leaves early; no traceback."""
    pages = [write_article(tmp_path, f"page{i}.html", "Vienna " * 400) for i in range(30)]
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "extract", "--format", "text", *map(str, pages)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["page.html"],
        ["open", "first.html", "https://example.com/a?b=c"],
        [],
        ["--data-dir", "lib", "page.html"],
        ["--", "-odd-name.html"],
        ["open", "-h"],
    ],
)
def test_reader_with_files_opens_what_the_full_parser_reads(argv: list[str]) -> None:
    """`reader FILE...` skips building the parser (its start-up cost); what it opens is
    what the parser would have read, and anything with an option still goes through it."""
    from reader import cli

    args_list, command = cli._find_command(argv)
    quick = cli._plain_open(args_list)
    if any(arg.startswith("-") for arg in argv):
        assert quick is None
        return
    full = cli.build_parser(command).parse_args(args_list)
    assert quick is not None
    assert (quick.sources, quick.data_dir, quick.command) == (
        full.sources,
        full.data_dir,
        full.command,
    )
    assert quick.run is full.run


def test_without_a_display_the_window_says_so_in_one_line_and_keeps_nothing(
    tmp_path: Path,
) -> None:
    """A shell over SSH: Qt would abort with a core dump after the file was kept."""
    page = write_article(tmp_path, "night-trains.html", "night trains")
    library = tmp_path / "library"
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE")
    env = {name: value for name, value in os.environ.items() if name not in hidden}
    env[DATA_DIR_ENV] = str(library)
    result = subprocess.run(
        [sys.executable, "-m", "reader", str(page)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "reader: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set);"
        " `reader extract FILE` prints an article without one"
    ]
    assert not library.exists()
