"""The desktop entry is valid, claims every format Reader opens, and installs per user."""

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.commands import install_desktop as desktop_install
from reader.commands.install_desktop import (
    exec_line,
    install,
    quote_exec_argument,
    render_desktop_entry,
    uninstall,
)

REPO = Path(__file__).resolve().parents[2]
DESKTOP = REPO / "resources" / "reader.desktop"
ICON = REPO / "resources" / "icons" / "reader.svg"
# Every format the loaders read (HTML, XHTML, MHTML in its three spellings, webarchive,
# text dumps) and nothing they do not: no http scheme handler, no PDF, no images.
EXPECTED_MIME = {
    "text/html",
    "application/xhtml+xml",
    "multipart/related",
    "message/rfc822",
    "application/x-mimearchive",
    "application/x-webarchive",
    "text/plain",
}
VALIDATOR = shutil.which("desktop-file-validate")


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_mime_types_are_exactly_the_formats_reader_opens():
    entry = read_entry(DESKTOP)
    mime = {item for item in entry["MimeType"].split(";") if item}
    assert mime == EXPECTED_MIME
    assert not any(item.startswith("x-scheme-handler/") for item in mime)


def test_entry_basics():
    entry = read_entry(DESKTOP)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Reader"
    assert entry["Icon"] == "reader"
    assert entry["Terminal"] == "false"
    assert entry["Exec"].endswith("%F")
    assert ICON.is_file()
    assert ICON.read_text(encoding="utf-8").lstrip().startswith("<svg")


@pytest.mark.skipif(VALIDATOR is None, reason="desktop-file-validate is not installed")
def test_template_passes_desktop_file_validate():
    result = subprocess.run([VALIDATOR, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()


@pytest.mark.parametrize(
    ("argument", "quoted"),
    [
        ("/usr/bin/reader", "/usr/bin/reader"),
        ("/home/a b/venv/bin/reader", '"/home/a b/venv/bin/reader"'),
        ("/opt/50%/reader", "/opt/50%%/reader"),
        ('/x/"q"', '"/x/\\\\"q\\\\""'),
        ("/x/$HOME", '"/x/\\\\$HOME"'),
        ("C:\\bin", '"C:\\\\\\\\bin"'),
    ],
)
def test_exec_quoting(argument, quoted):
    assert quote_exec_argument(argument) == quoted


def test_render_points_exec_at_this_installation():
    text = render_desktop_entry(
        DESKTOP.read_text(encoding="utf-8"), ["/opt/my env/bin/python", "-m", "reader"]
    )
    assert 'Exec="/opt/my env/bin/python" -m reader %F' in text
    assert "TryExec=/opt/my env/bin/python" in text
    assert exec_line(["/usr/bin/reader"]) == "/usr/bin/reader %F"


def test_install_writes_into_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    written = install(refresh=False)
    desktop = tmp_path / "share" / "applications" / "reader.desktop"
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "reader.svg"
    assert written == [desktop, icon]
    assert icon.read_bytes() == ICON.read_bytes()
    entry = read_entry(desktop)
    program = entry["TryExec"]
    assert os.path.isabs(program)
    assert Path(program).exists()
    assert entry["Exec"].endswith("%F")
    if VALIDATOR is not None:
        result = subprocess.run([VALIDATOR, str(desktop)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    # installing twice is fine, uninstall removes both
    install(refresh=False)
    assert uninstall(refresh=False) == [desktop, icon]
    assert not desktop.exists() and not icon.exists()
    assert uninstall(refresh=False) == []


def test_relative_xdg_data_home_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    assert desktop_install.data_home() == tmp_path / ".local" / "share"


INSTALL_SCRIPT = """
import runpy, sys
sys.argv = ["desktop_install"]
try:
    runpy.run_module("reader.commands.install_desktop", run_name="__main__")
except SystemExit as exit:
    assert not any(m.startswith("PySide6") for m in sys.modules), "Qt was imported"
    sys.exit(exit.code)
"""


def test_module_command_installs_without_qt(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", INSTALL_SCRIPT], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "installed" in result.stdout
    entry = read_entry(tmp_path / "applications" / "reader.desktop")
    assert Path(entry["TryExec"]).exists()


def test_source_checkout_command_finds_the_package(tmp_path, monkeypatch):
    """A Python with no `reader` script beside it runs `-m reader` with the checkout on
    PYTHONPATH: the folder that holds the package, wherever this module lives in it."""
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python3"))
    command = desktop_install.reader_command()
    assert command[-2:] == ["-m", "reader"]
    if command[0] == "env":
        assert command[1] == f"PYTHONPATH={REPO}"
        assert (REPO / "reader" / "__init__.py").is_file()


def test_program_of_skips_env_prefix():
    command = ["env", "PYTHONPATH=/src", "/usr/bin/python3", "-m", "reader"]
    assert desktop_install.program_of(command) == "/usr/bin/python3"
    assert desktop_install.program_of(["/usr/bin/reader"]) == "/usr/bin/reader"


def test_unwritable_target_gives_one_clear_line(tmp_path, monkeypatch):
    target = tmp_path / "share"
    target.write_text("a file where a folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(target))
    from reader.errors import ReaderError

    with pytest.raises(ReaderError, match="cannot write"):
        install(refresh=False)
