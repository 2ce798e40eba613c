"""Where Reader keeps its files: platformdirs locations, overridable for tests and users.

``--data-dir`` on the command line sets ``READER_DATA_DIR`` so every layer (CLI, GUI,
worker processes) sees the same folder without threading a parameter through.
"""

import os
from pathlib import Path

APP_NAME = "Reader"
DATA_DIR_ENV = "READER_DATA_DIR"
CACHE_DIR_ENV = "READER_CACHE_DIR"
LIBRARY_FILE = "library.sqlite3"
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def data_dir() -> Path:
    """The library folder: READER_DATA_DIR if set, else the platform's user data dir."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` closed to other users (0700): the library holds articles fetched
    with a login, the sites one reads, searches. Reader's own default folder is closed
    again if an older Reader left it open; a folder someone chose with --data-dir and made
    themselves keeps the mode they gave it. Raises OSError."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir(mode=PRIVATE_FOLDER_MODE)
    except FileExistsError:
        if os.name == "posix" and not os.environ.get(DATA_DIR_ENV) and folder == data_dir():
            _close(folder, PRIVATE_FOLDER_MODE)


def make_private_file(path: Path) -> None:
    """Create ``path`` readable by this user only (0600), or close it if it is open and
    ours. SQLite gives a database's -wal and -shm files the mode of the database itself."""
    if os.name != "posix":
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:
        _close(path, PRIVATE_FILE_MODE)


def _close(path: Path, mode: int) -> None:
    info = path.stat()
    if info.st_uid == os.getuid() and info.st_mode & 0o077:
        os.chmod(path, mode)


def library_path() -> Path:
    """The one SQLite file that holds the whole library (articles, assets, stories)."""
    return data_dir() / LIBRARY_FILE


def cache_dir() -> Path:
    """Files Reader can always make again (READER_CACHE_DIR overrides, for tests)."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))
