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


def data_dir() -> Path:
    """The library folder: READER_DATA_DIR if set, else the platform's user data dir."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


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
