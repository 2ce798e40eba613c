"""The single-instance socket's private home, its checks and its wire format (no Qt).

`reader FILE` while Reader runs hands FILE to the running Reader over a Unix socket. The
paths and URLs sent can be private (a token in a query, a file name), so the socket lives
in a folder only this user can enter: ``$XDG_RUNTIME_DIR/reader`` (the per-user runtime
folder), else a ``reader-<uid>`` folder of Reader's own in the temp folder, created 0700
and checked (a folder someone else made there first is refused, never used). Before it
sends anything, the forwarding side checks that the socket file and the process listening
on it belong to this user (peer credentials where the system gives them). When no safe
place or listener exists it says why, and the caller starts a window of its own.

Messages are one line of JSON, bounded in size, nesting and count; ``parse_message``
never raises, whatever a peer sends.

``socket``, ``struct`` and ``json`` load only where a socket file is there: the usual
start, with no Reader running, finds none, and they were ~8 ms of imports on the way to
its first story (measured).
"""

from __future__ import annotations

import contextlib
import getpass
import os
import re
import stat
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reader.paths import data_dir

if TYPE_CHECKING:
    import socket

PROTOCOL_VERSION = 1
RUNTIME_ENV = "XDG_RUNTIME_DIR"
RUNTIME_SUBFOLDER = "reader"
MAX_MESSAGE_BYTES = 1 << 20  # a megabyte of paths is already absurd
MAX_SOURCES = 1000
MAX_SOURCE_CHARS = 32 * 1024  # a long URL, never a document
MAX_NESTING = 4  # {"sources": [...]} needs 2
MAX_REPLY_BYTES = 64
REPLY_TIMEOUT_MS = 3000  # a running Reader answers a hand-over within this
UNIX_PATH_LIMIT = 104  # sun_path is 104 bytes on the BSDs and macOS, 108 on Linux


class UnsafeFolder(Exception):
    """No folder only this user can enter is available for the socket (says why)."""


def server_name(folder: Path | None = None) -> str:
    """Socket name for this user and this library folder (two libraries, two Readers)."""
    folder = folder if folder is not None else data_dir()
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    safe_user = "".join(c for c in user if c.isalnum() or c in "-_")[:32] or "user"
    # The folder's path, shortened: it only has to tell one user's library folders apart
    # (the socket's folder is the user's own, and its listener is checked). Checksums, not
    # hashlib, whose OpenSSL was the slowest part of this check on the way to the first
    # story (~2.6 ms, measured).
    path = os.path.abspath(os.fspath(folder)).encode()
    digest = f"{zlib.crc32(path):08x}{zlib.adler32(path):08x}"
    return f"reader-{safe_user}-{digest}"


def private_folder() -> Path:
    """A folder only this user can enter, for the socket and its lock file.

    Raises UnsafeFolder (with the reason) when neither the runtime folder nor Reader's own
    temp folder can be trusted.
    """
    reasons: list[str] = []
    runtime = os.environ.get(RUNTIME_ENV, "")
    if runtime and os.path.isabs(runtime):
        try:
            _check_private(Path(runtime), create=False)
            return _own_folder(Path(runtime) / RUNTIME_SUBFOLDER)
        except UnsafeFolder as error:
            reasons.append(str(error))
    try:
        return _own_folder(Path(tempfile.gettempdir()) / f"reader-{os.getuid()}")
    except UnsafeFolder as error:
        reasons.append(str(error))
    raise UnsafeFolder("; ".join(reasons))


def _own_folder(folder: Path) -> Path:
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    _check_private(folder, create=True)
    return folder


def _check_private(folder: Path, *, create: bool) -> None:
    """The folder is a real folder (not a link), this user's, and closed to others.

    A folder of Reader's own (``create``) that is ours but too open is closed again."""
    try:
        info = folder.lstat()
    except OSError as error:
        raise UnsafeFolder(f"{folder}: {error.strerror or error}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafeFolder(f"{folder} is not a folder")
    if info.st_uid != os.getuid():
        raise UnsafeFolder(f"{folder} belongs to another user (uid {info.st_uid})")
    if info.st_mode & 0o077:
        if not create:
            raise UnsafeFolder(f"{folder} is open to other users")
        os.chmod(folder, 0o700)


def socket_path(name: str) -> str:
    """Where the socket called ``name`` lives (raises UnsafeFolder)."""
    path = str(private_folder() / name)
    if len(os.fsencode(path)) >= UNIX_PATH_LIMIT:
        raise UnsafeFolder(f"the socket path {path} is too long for this system")
    return path


Outcome = Literal["delivered", "nobody", "refused"]


@dataclass(frozen=True)
class Forwarded:
    """What became of a forward: delivered to our running Reader, nobody listening (we
    are the Reader), or refused: the listener is not ours (``reason`` says why)."""

    outcome: Outcome
    reason: str = ""


def forward(name: str, sources: list[str], timeout: float) -> Forwarded:
    """Send ``sources`` to the Reader listening as ``name``, after checking it is ours."""
    try:
        path = socket_path(name)
    except UnsafeFolder as error:
        return Forwarded("refused", str(error))
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return Forwarded("nobody")
    except OSError as error:
        return Forwarded("refused", f"{path}: {error.strerror or error}")
    if not stat.S_ISSOCK(info.st_mode) or info.st_uid != os.getuid():
        return Forwarded("refused", f"{path} is not this user's socket")
    import socket  # only when a socket is there: the usual start finds none

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout)
            client.connect(path)
            owner = peer_uid(client)
            if owner is not None and owner != os.getuid():
                return Forwarded("refused", f"the process on {path} runs as uid {owner}")
            client.sendall(encode_message(sources))
            reply = _read_reply(client)
    except (ConnectionRefusedError, FileNotFoundError):
        return Forwarded("nobody")  # a crashed Reader's socket file: we are the one now
    except OSError:
        return Forwarded("nobody")  # it stopped answering: better a second window than none
    return Forwarded("delivered") if reply == b"ok" else Forwarded("nobody")


def _read_reply(client: socket.socket) -> bytes:
    reply = b""
    while b"\n" not in reply and len(reply) < MAX_REPLY_BYTES:
        chunk = client.recv(MAX_REPLY_BYTES)
        if not chunk:
            break
        reply += chunk
    return reply.split(b"\n", 1)[0].strip()


def peer_uid(connection: socket.socket) -> int | None:
    """The user id of the process at the other end, where the system says (Linux); None
    elsewhere (the socket file's owner, checked before connecting, then stands in)."""
    import socket
    import struct

    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    try:
        raw = connection.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    except OSError:
        return None
    _pid, uid, _gid = struct.unpack("3i", raw)
    return uid


def peer_uid_of_descriptor(descriptor: int) -> int | None:
    """``peer_uid`` for a connection Qt accepted (its descriptor is duplicated, not taken)."""
    import socket

    try:
        connection = socket.fromfd(descriptor, socket.AF_UNIX, socket.SOCK_STREAM)
    except OSError:
        return None
    with connection:
        return peer_uid(connection)


def encode_message(sources: list[str]) -> bytes:
    import json

    return (json.dumps({"version": PROTOCOL_VERSION, "sources": sources}) + "\n").encode()


def parse_message(line: bytes) -> list[str] | None:
    """The sources of one message, or None when it is not a valid message. Never raises:
    size, nesting, count and length are bounded before and after JSON parsing."""
    import json

    if len(line) > MAX_MESSAGE_BYTES or _nesting(line) > MAX_NESTING:
        return None
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(message, dict):
        return None
    sources = message.get("sources")
    if not isinstance(sources, list) or len(sources) > MAX_SOURCES:
        return None
    if not all(_valid_source(source) for source in sources):
        return None
    return sources


def _valid_source(source: object) -> bool:
    """A path or URL: a bounded string that is valid text and holds no NUL."""
    if not isinstance(source, str) or not 0 < len(source) <= MAX_SOURCE_CHARS:
        return False
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a JSON escape
        return False
    return "\0" not in source


def _nesting(line: bytes) -> int:
    """How deep brackets nest outside strings: deep messages are refused before json sees
    them (its parser recurses). Strings go first, then only brackets are walked."""
    brackets = _STRING.sub(b"", line).translate(None, _NOT_BRACKETS)
    depth = deepest = 0
    for byte in brackets:
        if byte in b"[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_NESTING:
                break
        else:
            depth -= 1
    return deepest


_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"?', re.DOTALL)  # linear: no nested repetition
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
