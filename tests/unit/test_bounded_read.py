"""Files whose size Reader cannot trust are refused past their limit with a one-line reason,
at every place that reads one: an export's member (zip or unpacked folder), a site-rules file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reader.errors import LoadError
from reader.exchange.archive import FolderFiles, ZipFiles
from reader.service.rules_files import list_rules
from reader.service.site_rules import MAX_RULES_BYTES, rules_for

MB = 1024 * 1024


def _export(tmp_path: Path) -> tuple[Path, Path]:
    """The same two files, zipped and as an unpacked folder: one at the limit, one past it."""
    folder = tmp_path / "unpacked"
    folder.mkdir()
    (folder / "fits.html").write_bytes(b"x" * MB)
    (folder / "huge.html").write_bytes(b"x" * (MB + 1))
    zipped = tmp_path / "export.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in folder.iterdir():
            archive.write(path, path.name)
    return zipped, folder


def test_export_members_past_their_limit_are_refused_by_name(tmp_path: Path) -> None:
    zipped, folder = _export(tmp_path)
    for files in (ZipFiles(zipped), FolderFiles(folder)):
        assert len(files.read("fits.html", limit=MB)) == MB
        with pytest.raises(LoadError, match=r"^huge\.html: larger than 1 MB$"):
            files.read("huge.html", limit=MB)
        files.close()


def test_a_rules_file_past_its_limit_is_listed_with_why_and_never_used(
    data_dir: Path,
) -> None:
    folder = data_dir / "site-rules"
    folder.mkdir(parents=True, exist_ok=True)
    padding = "# " + "x" * MAX_RULES_BYTES + "\n"
    (folder / "news.example.txt").write_text("body: //article\n" + padding)
    (folder / "blog.example.txt").write_text("body: //main\n")
    listed = {item.host: item for item in list_rules(folder)}
    assert listed["news.example"].notes == (
        f"news.example.txt is larger than {MAX_RULES_BYTES} bytes",
    )
    assert rules_for("https://news.example/story") is None
    found = rules_for("https://blog.example/post")
    assert found is not None and found.body == ("//main",)
