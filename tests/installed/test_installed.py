"""What a user gets from `pip install` (or pipx): run by tests/wheel against the wheel
installed in a fresh virtualenv, from a copy of the tests with no source tree beside
them, so every file Reader uses has to come from the installed package.

The `reader` script on PATH is the installed one; each test runs it as a person would.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PAGE = HERE.parent / "pages" / "news-jsonld" / "source.html"
TIMEOUT = 120


def reader(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    program = shutil.which("reader")
    assert program is not None, "the installed reader script is not on PATH"
    return subprocess.run(
        [program, *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def test_reader_comes_from_the_installed_package():
    import reader as package

    location = Path(package.__file__).resolve()
    assert "site-packages" in location.parts, location
    assert not (location.parents[1] / "pyproject.toml").exists()  # no checkout around it
    from reader import bundled

    assert "site-packages" in bundled.real_path("themes").parts


def test_version():
    from reader import __version__

    result = reader("--version")
    assert result.returncode == 0, result.stderr
    assert __version__ in result.stdout


def test_extract_a_page():
    result = reader("extract", "--format", "text", str(PAGE))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.split()) > 50


def test_extract_the_seed(seed_path):
    seed = reader("extract", "--format", "json", str(seed_path))
    assert seed.returncode == 0, seed.stderr
    assert '"recommended": [' in seed.stdout


@pytest.mark.parametrize("which", ["seed", "sample"])
def test_the_window_shows_an_article(which, request, tmp_path):
    """`reader SEED` shows the seed; `reader` with an empty library shows the sample that
    ships inside the package (its page and its image folder)."""
    args = [str(request.getfixturevalue("seed_path"))] if which == "seed" else []
    result = reader(
        *args,
        env={
            "READER_BENCH": "article",
            "READER_DATA_DIR": str(tmp_path / "data"),
            "XDG_RUNTIME_DIR": str(_private(tmp_path / "run")),
        },
    )
    assert result.returncode == 0, result.stderr
    assert "article " in result.stdout, result.stderr
    assert "Traceback" not in result.stderr


def test_install_desktop_into_a_temporary_home(tmp_path):
    home = tmp_path / "home"
    result = reader("install-desktop", env={"HOME": str(home), "XDG_DATA_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    entry = home / "applications" / "reader.desktop"
    icon = next(home.glob("icons/**/reader.svg"))
    assert icon.read_bytes().lstrip().startswith(b"<svg")
    text = entry.read_text(encoding="utf-8")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert str(Path(sys.executable).parent / "reader") in exec_line
    validator = shutil.which("desktop-file-validate")
    if validator:
        check = subprocess.run([validator, str(entry)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def _private(folder: Path) -> Path:
    folder.mkdir(mode=0o700)
    return folder
