"""`reader import` of a folder follows each real folder once: links that loop back up end
there, a folder linked twice is read once, and deep nesting is no recursion limit."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from reader_cli import run_reader

from reader.service.importing import collect_sources

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")

PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    + "<p>The harbour was quiet and the boats came in at dawn with their nets full.</p>" * 6
    + "</article></body></html>"
)


def page(path: Path, title: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title), encoding="utf-8")
    return path


def names(sources: list[str]) -> list[str]:
    return sorted(Path(source).name for source in sources)


def test_links_that_loop_back_are_followed_once(tmp_path):
    root = tmp_path / "saved"
    page(root / "a.html", "A")
    page(root / "inner" / "b.html", "B")
    (root / "inner" / "up").symlink_to(root)  # a loop through the parent
    (root / "inner" / "me").symlink_to(root / "inner")  # a loop onto itself
    (root / "twin").symlink_to(root / "inner")  # the same folder a second way
    (root / "broken").symlink_to(tmp_path / "nowhere")
    found, failures = collect_sources([str(root)])
    assert names(found) == ["a.html", "b.html"]
    assert failures == []


def test_a_linked_folder_outside_is_read(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    page(elsewhere / "c.html", "C")
    root = tmp_path / "saved"
    page(root / "a.html", "A")
    (root / "more").symlink_to(elsewhere)
    (elsewhere / "back").symlink_to(root)  # and from there back again
    found, _ = collect_sources([str(root)])
    assert names(found) == ["a.html", "c.html"]


@pytest.fixture
def deep(tmp_path) -> Iterator[tuple[Path, Path]]:
    """A folder nested beyond Python's recursion limit, with a page at the bottom; removed
    again level by level (shutil.rmtree, and so pytest's own clean-up, would recurse)."""
    top = tmp_path / "deep"
    chain = [top]
    top.mkdir()
    for _ in range(1100):
        chain.append(chain[-1] / "d")
        chain[-1].mkdir()
    bottom = page(chain[-1] / "bottom.html", "Bottom")
    try:
        yield top, bottom
    finally:
        bottom.unlink()
        for folder in reversed(chain):
            folder.rmdir()


def test_deep_nesting_is_no_recursion(deep):
    top, _bottom = deep
    found, _ = collect_sources([str(top)])
    assert names(found) == ["bottom.html"]


def test_import_of_a_looping_folder_ends_with_each_page_once(tmp_path, data_dir):
    root = tmp_path / "saved"
    for n in range(3):
        page(root / f"story{n}.html", f"Story {n}")
    (root / "loop").symlink_to(root)
    result = run_reader("import", "--verbose", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("imported 3,")
