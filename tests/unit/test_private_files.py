"""Private by default: the library folder is closed to other users (0700) and the library
file, its write-ahead log and shared memory are readable by their owner only (0600)."""

import os
import stat
from pathlib import Path

import pytest

from reader.model import Article
from reader.paths import data_dir
from reader.store import Library

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def save_one(library: Library) -> None:
    library.save(
        Article(
            source="https://intranet.example/salaries",
            title="Salaries 2025",
            content_html="<p>Only for the people who logged in.</p>",
            text="Only for the people who logged in.",
            url="https://intranet.example/salaries",
        )
    )


def test_a_new_library_is_private(data_dir):
    with Library() as library:
        save_one(library)
        files = {p.name: mode(p) for p in data_dir.iterdir()}
    assert mode(data_dir) == 0o700
    assert files["library.sqlite3"] == 0o600
    assert files.get("library.sqlite3-wal", 0o600) == 0o600
    assert files.get("library.sqlite3-shm", 0o600) == 0o600
    assert "library.sqlite3-wal" in files or "library.sqlite3-shm" in files


def test_the_default_folder_an_older_reader_left_open_is_closed(tmp_path, monkeypatch):
    monkeypatch.delenv("READER_DATA_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    folder = data_dir()
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    library_file = folder / "library.sqlite3"
    with Library() as library:
        save_one(library)
    library_file.chmod(0o644)
    with Library() as library:
        assert library.search("salaries")
        save_one(library)
        assert mode(folder / "library.sqlite3-wal") == 0o600
    assert mode(folder) == 0o700
    assert mode(library_file) == 0o600


def test_a_folder_chosen_by_the_person_keeps_its_mode_but_the_library_is_private(tmp_path):
    shared = tmp_path / "team"
    shared.mkdir()
    shared.chmod(0o750)
    with Library(shared / "library.sqlite3") as library:
        save_one(library)
    assert mode(shared) == 0o750
    assert mode(shared / "library.sqlite3") == 0o600


def test_site_logins_list_is_private(data_dir, monkeypatch):
    from reader import logins

    logins._write_file([])
    assert mode(data_dir) == 0o700
    assert mode(data_dir / logins.LOGINS_FILE) == 0o600
