"""Where Reader keeps its files: platformdirs locations, overridable for tests and users.

``--data-dir`` on the command line sets ``READER_DATA_DIR`` so every layer (CLI, GUI,
worker processes) sees the same folder without threading a parameter through.
"""

import os
from pathlib import Path

APP_NAME = "Reader"
DATA_DIR_ENV = "READER_DATA_DIR"
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


def resources_dir() -> Path:
    """The bundled resources (themes, icons, sample article), next to the package."""
    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"
