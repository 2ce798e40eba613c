"""Install Reader into the user's desktop menu: ``python -m reader.commands.install_desktop``.

Writes ``reader.desktop`` into ``$XDG_DATA_HOME/applications`` with an Exec line pointing
at THIS installation (the ``reader`` script next to the running Python, else
``python -m reader``), so the menu entry works from a virtualenv that is not on PATH, and
the SVG icon into the hicolor theme. ``--uninstall`` removes both. No Qt here: it must run
on a machine where the GUI cannot start. Also usable as a `reader` subcommand
(``add_arguments`` / ``run``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import bundled
from reader.errors import ReaderError

APP_ID = "reader"
DESKTOP_FILE = f"{APP_ID}.desktop"
ICON_FILE = f"{APP_ID}.svg"
FIELD_CODE = "%F"  # local files; Reader reads URLs too, but claims no http handler
# Characters that force quoting of an Exec argument (Desktop Entry spec, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
# Inside the double quotes these four are escaped with a backslash.
_ESCAPED_IN_QUOTES = set('"`$\\')
REFRESH_TIMEOUT_S = 20


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset, empty or relative (as the spec says)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def applications_dir(base: Path | None = None) -> Path:
    return (base or data_home()) / "applications"


def icon_dir(base: Path | None = None) -> Path:
    return (base or data_home()) / "icons" / "hicolor" / "scalable" / "apps"


def reader_command() -> list[str]:
    """How to start this very installation of Reader.

    The ``reader`` script next to this Python when it exists (pip install, also -e);
    else ``python -m reader``, with PYTHONPATH set when Reader runs from a source
    checkout that this Python would not find on its own.
    """
    bin_dir = Path(sys.executable).parent
    for name in ("reader", "reader.exe"):
        script = bin_dir / name
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script)]
    command = [sys.executable, "-m", "reader"]
    import reader

    root = Path(reader.__file__).resolve().parent.parent  # the folder holding the package
    if not {"site-packages", "dist-packages"} & set(root.parts):
        return ["env", f"PYTHONPATH={root}", *command]
    return command


def program_of(command: Sequence[str]) -> str:
    """The executable a command runs (skipping an ``env VAR=value`` prefix), for TryExec."""
    parts = list(command)
    if parts and parts[0] == "env":
        parts = parts[1:]
        while parts and "=" in parts[0]:
            parts = parts[1:]
    return parts[0] if parts else command[0]


def quote_exec_argument(argument: str) -> str:
    """One argument of an Exec line, quoted as the Desktop Entry spec requires."""
    if argument and not (set(argument) & _RESERVED):
        quoted = argument
    else:
        inner = "".join("\\" + c if c in _ESCAPED_IN_QUOTES else c for c in argument)
        quoted = f'"{inner}"'
    # A literal % must be doubled (field codes), and the value is a string whose own
    # escape rule turns each backslash into two.
    return quoted.replace("%", "%%").replace("\\", "\\\\")


def exec_line(command: Sequence[str]) -> str:
    return " ".join(quote_exec_argument(arg) for arg in command) + f" {FIELD_CODE}"


def template() -> str:
    """The shipped desktop entry, before Exec points at this installation."""
    return bundled.read_text(DESKTOP_FILE)


def render_desktop_entry(template: str, command: Sequence[str]) -> str:
    """The template with Exec (and TryExec) pointing at ``command``."""
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_line(command)
        elif line.startswith("TryExec="):
            line = "TryExec=" + program_of(command).replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def install(base: Path | None = None, refresh: bool = True) -> list[Path]:
    """Write the menu entry and the icon; returns the files written."""
    desktop_target = applications_dir(base) / DESKTOP_FILE
    icon_target = icon_dir(base) / ICON_FILE
    try:
        entry = render_desktop_entry(template(), reader_command())
        icon = bundled.read_bytes("icons", ICON_FILE)
    except OSError as error:
        raise ReaderError(f"the desktop file or icon is missing from Reader ({error})") from None
    try:
        desktop_target.parent.mkdir(parents=True, exist_ok=True)
        icon_target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(desktop_target, entry.encode("utf-8"))
        _write_atomically(icon_target, icon)
    except OSError as error:
        raise ReaderError(
            f"cannot write into {desktop_target.parent}: {error.strerror or error}"
        ) from None
    if refresh:
        _refresh_caches(base)
    return [desktop_target, icon_target]


def uninstall(base: Path | None = None, refresh: bool = True) -> list[Path]:
    """Remove what ``install`` wrote; returns the files removed."""
    removed = []
    for target in (applications_dir(base) / DESKTOP_FILE, icon_dir(base) / ICON_FILE):
        try:
            target.unlink()
            removed.append(target)
        except FileNotFoundError:
            continue
        except OSError as error:
            raise ReaderError(f"cannot remove {target}: {error.strerror or error}") from None
    if refresh and removed:
        _refresh_caches(base)
    return removed


def _write_atomically(target: Path, data: bytes) -> None:
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    temporary.chmod(0o644)
    os.replace(temporary, target)


def _refresh_caches(base: Path | None) -> None:
    """Tell the desktop about the change when its tools exist; harmless when they do not."""
    tools = (
        ("update-desktop-database", "-q", str(applications_dir(base))),
        ("gtk-update-icon-cache", "-q", "-t", "-f", str((base or data_home()) / "icons/hicolor")),
    )
    for tool, *arguments in tools:
        path = shutil.which(tool)
        if path is None:
            continue
        try:
            subprocess.run(
                [path, *arguments],
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=REFRESH_TIMEOUT_S,
            )
        except (OSError, subprocess.SubprocessError):
            continue


def add_arguments(parser: argparse.ArgumentParser, name: str = "install-desktop") -> None:
    parser.add_argument(
        "--uninstall", action="store_true", help="remove the menu entry and the icon"
    )


def run(args: argparse.Namespace) -> int:
    if args.uninstall:
        removed = uninstall()
        for path in removed:
            print(f"removed {path}")
        if not removed:
            print("nothing to remove")
        return 0
    for path in install():
        print(f"installed {path}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reader.commands.install_desktop",
        description="Add Reader to your desktop's application menu (for this user).",
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run(args)
    except ReaderError as error:
        print(f"reader: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
