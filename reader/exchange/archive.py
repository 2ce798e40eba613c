"""Reading an export's zip without trusting it: members are read into memory by name
(never extracted to disk, so no path in the archive reaches the file system), each with
a size limit that the bytes themselves are held to (a zip can lie about sizes)."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from reader.bounded_read import read_at_most
from reader.errors import LoadError

# An export's largest member (Omnivore's metadata of 50 articles, one article's HTML).
MAX_MEMBER_BYTES = 64 * 1024 * 1024


def open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise LoadError(f"{path.name}: not a readable zip archive ({error})") from None


def member_names(archive: zipfile.ZipFile) -> list[str]:
    """Files of the archive (folders left out), in archive order."""
    return [info.filename for info in archive.infolist() if not info.is_dir()]


def base_name(name: str) -> str:
    return PurePosixPath(name).name


def read_member(archive: zipfile.ZipFile, name: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
    """The bytes of one member, LoadError past ``limit`` or when it is damaged."""
    try:
        with archive.open(name) as member:
            data = read_at_most(member, limit)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise LoadError(f"{name}: cannot be read from the archive ({error})") from None
    return _within(name, data, limit)


def _within(name: str, data: bytes | None, limit: int) -> bytes:
    if data is None:
        raise LoadError(f"{name}: larger than {limit // (1024 * 1024)} MB")
    return data


def read_text(archive: zipfile.ZipFile, name: str, limit: int = MAX_MEMBER_BYTES) -> str:
    return read_member(archive, name, limit).decode("utf-8-sig", errors="replace")


class Files:
    """An export's files, from a zip or from the folder it was unpacked into: names are
    relative, with forward slashes."""

    def names(self) -> list[str]:
        raise NotImplementedError

    def read(self, name: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
        raise NotImplementedError

    def text(self, name: str, limit: int = MAX_MEMBER_BYTES) -> str:
        return self.read(name, limit).decode("utf-8-sig", errors="replace")

    def close(self) -> None:
        """Nothing by default; a zip closes its file."""


class ZipFiles(Files):
    def __init__(self, path: Path) -> None:
        self.zip = open_zip(path)

    def names(self) -> list[str]:
        return member_names(self.zip)

    def read(self, name: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
        return read_member(self.zip, name, limit)

    def close(self) -> None:
        self.zip.close()


class FolderFiles(Files):
    """The files under a folder (links to folders not followed: no loop, nothing outside)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def names(self) -> list[str]:
        import os

        found: list[str] = []
        for top, folders, files in os.walk(self.folder):
            folders.sort()
            base = Path(top).relative_to(self.folder)
            found.extend((base / name).as_posix() for name in sorted(files))
        return found

    def read(self, name: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
        path = self.folder / name
        try:
            with path.open("rb") as file:
                data = read_at_most(file, limit)
        except OSError as error:
            raise LoadError(f"{name}: {error.strerror or error}") from None
        return _within(name, data, limit)
