"""Reading the first file ahead in a child process gives exactly what reading it here does:
the same article, the same one-line error, and no process left behind, not even when the
window is killed while the child still reads."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_processes import seconds_left_after_kill

REPO = Path(__file__).resolve().parents[2]
STORIES_PAGE = REPO / "tests" / "pages" / "news-graph-most-read" / "source.html"
GONE_WITHIN_S = 2.0
PAGE = """<html><head><title>Herring season</title></head><body><article>
<h1>Herring season</h1>{body}</article></body></html>"""

DRIVER = r"""
import os, sys, threading
from reader.service.read_ahead import read_ahead
future = read_ahead(sys.argv[1])
if sys.argv[2] == "kill":
    print("reading", flush=True)
    future.result(timeout=120)
    print("read before the kill", flush=True)
    sys.exit(0)
from reader.service.reading import read_article
try:
    article = future.result(timeout=60).article
except Exception as error:
    print("ERROR", type(error).__name__, error)
    try:
        read_article(sys.argv[1])
    except Exception as here:
        print("HERE", type(here).__name__, here)
else:
    here = read_article(sys.argv[1])
    print("SAME", article == here)
    print("TITLE", article.title)
    print("WORDS", article.word_count)
for thread in threading.enumerate():  # the collector waits for the child last
    if thread.name == "read-ahead":
        thread.join(timeout=60)
try:
    print("CHILDREN", os.waitpid(-1, os.WNOHANG))
except ChildProcessError:
    print("CHILDREN none")
"""


def run(path: Path, mode: str = "read", driver: str = DRIVER, **extra_env: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO), **extra_env}
    result = subprocess.run(
        [sys.executable, "-c", driver, str(path), mode],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def write_page(path: Path, paragraphs: int, extra: str = "") -> Path:
    body = "".join(
        f"<p>The boats went out at dawn, paragraph {n}, and came back late with herring.</p>"
        for n in range(paragraphs)
    )
    path.write_text(PAGE.format(body=body + extra), encoding="utf-8")
    return path


def test_the_article_read_ahead_is_the_one_read_here(tmp_path):
    out = run(write_page(tmp_path / "page.html", 40))
    assert "SAME True" in out
    assert "TITLE Herring season" in out
    assert "CHILDREN none" in out  # the child was waited for


def test_an_unreadable_file_gives_the_error_read_here(tmp_path):
    out = run(tmp_path / "missing.html")
    error = next(line for line in out.splitlines() if line.startswith("ERROR "))
    here = next(line for line in out.splitlines() if line.startswith("HERE "))
    assert error.removeprefix("ERROR ") == here.removeprefix("HERE ")
    assert error.startswith("ERROR LoadError ")
    assert "CHILDREN none" in out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_the_reader_leaves_no_child_reading(tmp_path):
    page = write_page(tmp_path / "long.html", 20_000)  # seconds of extraction
    # two processes: the driver and the child reading
    gone = seconds_left_after_kill(DRIVER, [str(page), "kill"], dict(os.environ), "reading\n", 2)
    assert gone is not None and gone < GONE_WITHIN_S, "the reading child outlived the window"


SHAPED = r"""
import sys
from reader.service.read_ahead import read_ahead
from reader.service.reading import read_article
from reader.service.shaping import shape_content
ahead = read_ahead(sys.argv[1]).result(timeout=60)
if ahead.shaped is None:
    print("NOT SHAPED", "<img" in read_article(sys.argv[1]).content_html)
else:
    article = read_article(sys.argv[1])
    here = shape_content(article.content_html, article.title, lambda src: None)
    print("SAME SHAPE", ahead.shaped == here, "<blockquote" in article.content_html)
"""


def test_a_story_without_pictures_comes_shaped_as_the_window_shapes_it(tmp_path):
    """The window's process then has no lxml to import before the story shows."""
    quote = (
        "<blockquote><p>The herring came in on the third tide, as it always had.</p></blockquote>"
    )
    page = write_page(tmp_path / "quote.html", 30, quote)
    assert "SAME SHAPE True True" in run(page, driver=SHAPED)


def test_a_story_with_a_picture_is_left_for_the_window_to_shape(tmp_path):
    """A picture's size depends on the reading column's width, which only the window knows."""
    picture = '<figure><img src="boats.png" width="640" height="480" alt="Boats"></figure>'
    page = write_page(tmp_path / "picture.html", 30, picture + "<p>" + "Nets. " * 40 + "</p>")
    assert "NOT SHAPED True" in run(page, driver=SHAPED)


FORK_WATCH = r"""
import sys
import reader.service.read_ahead as read_ahead

def watch(source, **options):
    print("QT LOADED", sorted(name for name in sys.modules if name.startswith("PySide6")))
    sys.exit(0)

read_ahead.read_ahead = watch
from reader.app import run_app
run_app(sys.argv[1:2])
"""


def test_the_first_file_is_read_ahead_before_qt_loads(tmp_path):
    """The child starts before the window's process imports Qt (~90 ms later otherwise, all
    of it on the way to the story), and holds none of it."""
    page = write_page(tmp_path / "page.html", 4)
    runtime = tmp_path / "runtime"  # no Reader runs there: nothing to hand the file to
    runtime.mkdir(mode=0o700)
    out = run(page, driver=FORK_WATCH, XDG_RUNTIME_DIR=str(runtime))
    assert "QT LOADED []" in out


KEPT = r"""
import sys
from reader.service.read_ahead import read_ahead
from reader.store import Library
library = Library()
ahead = read_ahead(sys.argv[1], keep=sys.argv[2] == "keep").result(timeout=60)
if ahead.kept is None:
    print("NOT KEPT", len(library.articles()))
else:
    document = ahead.kept.document
    stored = library.article(document.article_id)
    same = stored.article == ahead.article
    print("KEPT", stored.article.title, document.source == sys.argv[1], same)
    listed = tuple(library.stories(document.article_id))
    print("STORIES", len(document.stories), document.stories == listed)
    print("MARKS", ahead.kept.starred, ahead.kept.archived, ahead.kept.tags)
"""


def test_the_child_keeps_the_article_in_the_library_when_asked(tmp_path):
    """The window asks the child to keep the first file: the article is in the library,
    with its stories, before the window's process opens the library at all."""
    data = tmp_path / "data"
    out = run(STORIES_PAGE, "keep", driver=KEPT, READER_DATA_DIR=str(data))
    assert "KEPT City council approves the river tram line True True" in out
    assert "MARKS False False ()" in out
    assert "STORIES 6 True" in out
    out = run(
        write_page(tmp_path / "other.html", 40), "read", driver=KEPT, READER_DATA_DIR=str(data)
    )
    assert "NOT KEPT 1" in out  # not asked: the window keeps it


START = r"""
import sys
from reader.service.read_ahead import read_ahead
from reader.store import Library
if sys.argv[1] == "star":
    with Library() as library:
        library.set_starred(library.last_opened(), True)
ahead = read_ahead(None, keep=True).result(timeout=60)
if ahead is None:
    print("NOTHING")
else:
    print("OPENS", ahead.article.title, ahead.kept.document.article_id is not None)
    print("MARKS", ahead.kept.starred, ahead.kept.archived)
"""


def test_with_no_file_the_child_opens_what_the_window_shows_at_start(tmp_path):
    """`reader` alone: the child opens the sample in an empty library, then the last article
    read, with the reader's marks on it, as the window would."""
    data = str(tmp_path / "data")
    out = run(tmp_path / "none", driver=START, READER_DATA_DIR=data)
    assert "OPENS Welcome to Reader True" in out, out
    run(STORIES_PAGE, "keep", driver=KEPT, READER_DATA_DIR=data)  # read last
    out = run(Path("star"), driver=START, READER_DATA_DIR=data)
    assert "OPENS City council approves the river tram line True" in out, out
    assert "MARKS True False" in out


def test_with_no_file_and_no_library_to_open_the_window_opens_it_itself(tmp_path):
    """A library the child cannot open sends nothing: the window opens what it shows at
    start itself, and says what went wrong."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "library.sqlite3").write_text("not a database", encoding="utf-8")
    out = run(tmp_path / "none", driver=START, READER_DATA_DIR=str(data))
    assert "NOTHING" in out, out
