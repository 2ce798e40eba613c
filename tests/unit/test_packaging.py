"""The wheel carries everything Reader needs at run time, and the shipped files are found
through importlib.resources from a wheel, an editable install and a zip alike."""

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.checkout
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def source_packages() -> set[str]:
    return {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "reader").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }


def shipped_files() -> set[str]:
    """Every file under resources/, as the wheel names it (reader/resources/...)."""
    return {
        "reader/resources/" + path.relative_to(REPO / "resources").as_posix()
        for path in (REPO / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def resource_folders() -> set[str]:
    return {"reader.resources"} | {
        "reader.resources." + ".".join(path.relative_to(REPO / "resources").parts)
        for path in (REPO / "resources").rglob("*")
        if path.is_dir() and path.name != "__pycache__"
    }


def test_every_package_is_listed_for_the_wheel():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    missing = (source_packages() | resource_folders()) - listed
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel `pip install .` would install, built from this checkout (in pip's own
    build environment, as for a user)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--wheel-dir", str(out), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    (built,) = out.glob("reader_desktop-*.whl")
    return built


def test_wheel_carries_the_code_and_every_shipped_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert shipped_files() <= names, sorted(shipped_files() - names)
    code = {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "reader").rglob("*")
        if path.suffix in (".py", ".sql") and "__pycache__" not in path.parts
    }
    assert code <= names, sorted(code - names)
    assert not [name for name in names if "__pycache__" in name or name.startswith("tests/")]


def test_wheel_declares_the_console_and_gui_scripts(wheel):
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [n for n in archive.namelist() if n.endswith("entry_points.txt")]
    text = archive.read(entry_points).decode()
    assert "[console_scripts]\nreader = reader.cli:main" in text
    assert "[gui_scripts]\nreader-gui = reader.cli:main" in text


# Imports Reader from wherever PYTHONPATH says and reports where its files come from.
PROBE = r"""
import reader, reader.bundled as bundled
from reader.service.reading import sample_path
print(reader.__file__)
print(bundled.read_text("themes", "fonts.css").count("--"))
print(sample_path())
print((sample_path().parent / "welcome_files" / "reading-window.png").is_file())
print(bundled.read_text("reader.desktop").startswith("[Desktop Entry]"))
"""


def test_shipped_files_are_found_when_reader_runs_from_a_zip(wheel, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(wheel), "READER_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    location, variables, sample, figure, desktop = result.stdout.splitlines()
    assert location.startswith(str(wheel))  # imported from the zip, not from the checkout
    assert int(variables) > 3
    assert sample.startswith(str(tmp_path / "cache"))  # copied out for the page loader
    assert figure == "True" and desktop == "True"


def test_shipped_files_are_found_in_this_checkout_through_the_package():
    from reader import bundled

    assert bundled.read_text("themes", "base.css") == (
        REPO / "resources" / "themes" / "base.css"
    ).read_text(encoding="utf-8")


def test_qt_speech_comes_with_reader_on_windows_and_macos_only():
    """PySide6-Addons (QtTextToSpeech, 175 MB) is a dependency off Linux only, within the
    bounds of PySide6-Essentials (each Addons release pins the Essentials of its version);
    Linux gets it through the qt-speech extra."""
    requirements = PYPROJECT["project"]["dependencies"]
    essentials = next(r for r in requirements if r.startswith("PySide6-Essentials"))
    addons = [r for r in requirements if r.startswith("PySide6-Addons")]
    bounds = essentials.removeprefix("PySide6-Essentials").split(";")[0].strip()
    assert addons == [f"PySide6-Addons{bounds}; sys_platform != 'linux'"]
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert extras["qt-speech"] == [f"PySide6-Addons{bounds}"]
