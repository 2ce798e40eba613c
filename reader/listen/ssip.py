"""A speech-dispatcher client speaking its protocol (SSIP) over the session's socket.

Why not QtTextToSpeech on Linux (measured here, Qt 6.11, speech-dispatcher 0.11 with
espeak-ng): its speechd backend lists every voice when it is created, 1.35 s during which
PySide6 holds the GIL (the window froze 1354 ms with the engine made on another thread);
it reports no word boundaries (capabilities Speak|PauseResume); and it ships in
PySide6-Addons, a 175 MB wheel (417 MB installed). speech-dispatcher itself reports SSML
index marks as the voice reaches them, answers in under a millisecond, and is one socket.

The socket is read by a thread of its own (blocking reads release the GIL); events reach
``on_event`` on that thread, so a UI must hand them to its own thread.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, Queue
from xml.sax.saxutils import escape

from reader.errors import SpeechError
from reader.listen.script import Utterance
from reader.listen.voices import Voice, speechd_rate

INSTALL_HINT = (
    "install speech-dispatcher and espeak-ng "
    "(Debian/Ubuntu: apt install speech-dispatcher speech-dispatcher-espeak-ng espeak-ng)"
)
ADDRESS_ENV = "SPEECHD_ADDRESS"
CLIENT_NAME = "reader:listen"  # after "user:", as SSIP wants "user:application:component"
# speech-dispatcher answers a command in well under a millisecond; a busy machine may
# take longer, a hung server must not hang the caller for good.
REPLY_TIMEOUT_S = 5.0
# The voice list is espeak-ng's ~13,000 voices: ~250 ms on a quiet machine, over 5 s on a
# busy one (seen in the tests under load). It is asked on a connection of its own, so the
# speaking one never waits for it, nor takes its late answer for another command's.
LIST_TIMEOUT_S = 60.0
# After starting the server, how long to wait for its socket.
SPAWN_TIMEOUT_S = 5.0
# A server Reader started leaves this long after its last client did (libspeechd's own
# default), whatever the person's configuration says: a Reader killed mid-sentence leaves
# no speech-dispatcher or espeak-ng behind for long.
SPAWNED_IDLE_EXIT_S = 5
# Event codes (SSIP 7xx) and what they mean to a player.
EVENTS = {
    "700": "mark",
    "701": "begin",
    "702": "end",
    "703": "cancelled",
}


@dataclass(frozen=True)
class Event:
    """Something the voice did: ``kind`` in EVENTS' values, or "lost" (the service went
    away); ``mark``: an index mark's name (for "lost": what went wrong, when known)."""

    kind: str
    message: int
    mark: str = ""


def utterance_ssml(utterance: Utterance, start: int = 0) -> str:
    """SSML with an index mark before every word, named by the word's offset in the
    utterance's text: the engine reports each mark as the voice reaches it. ``start``:
    speak from the word at that offset (resuming after a pause)."""
    if utterance.kind == "cue":
        return f"<speak>{escape(utterance.text)}</speak>"
    parts = []
    offset = start
    for word in utterance.text[start:].split():
        offset = utterance.text.index(word, offset)
        parts.append(f'<mark name="{offset}"/>{escape(word)} ')
        offset += len(word)
    return "<speak>" + "".join(parts).rstrip() + "</speak>"


def available() -> bool:
    """Whether speech-dispatcher runs or can be started here."""
    return socket_path().exists() or shutil.which("speech-dispatcher") is not None


def socket_path() -> Path:
    """The server's socket, as libspeechd finds it: $SPEECHD_ADDRESS, else the runtime dir."""
    address = os.environ.get(ADDRESS_ENV, "")
    method, _, rest = address.partition(":")
    if method == "unix_socket" and rest:
        return Path(rest)
    runtime = os.environ.get("XDG_RUNTIME_DIR") or str(Path.home() / ".cache")
    return Path(runtime) / "speech-dispatcher" / "speechd.sock"


class SpeechDispatcher:
    """One connection to speech-dispatcher (see module docstring)."""

    def __init__(self, on_event: Callable[[Event], None]) -> None:
        self._on_event = on_event
        self._socket: socket.socket | None = None
        self._replies: Queue[tuple[str, list[str]]] = Queue()
        self._lock = threading.Lock()  # one command and its reply at a time
        self._reader: threading.Thread | None = None

    # -- connection ----------------------------------------------------------------------
    def connect(self) -> None:
        """Connect (starting the server when it is installed but not running) and ask for
        every event. SpeechError with what to install when there is no server at all."""
        path = socket_path()
        sock = _connect(path)
        if sock is None:
            _spawn(path)
            deadline = time.monotonic() + SPAWN_TIMEOUT_S
            while sock is None and time.monotonic() < deadline:
                time.sleep(0.05)
                sock = _connect(path)
        if sock is None:
            raise SpeechError(f"the speech service did not start: {INSTALL_HINT}")
        self._socket = sock
        self._reader = threading.Thread(target=self._read, name="speechd-events", daemon=True)
        self._reader.start()
        user = _word(os.environ.get("USER") or "user").replace(":", "") or "user"
        try:
            self.command(f"SET SELF CLIENT_NAME {user}:{CLIENT_NAME}")
            self.command("SET SELF NOTIFICATION ALL on")
            self.command("SET SELF SSML_MODE on")
        except SpeechError:
            self.close()
            raise

    @property
    def connected(self) -> bool:
        return self._socket is not None

    def close(self) -> None:
        """Stop speaking and leave; the server's own timeout ends it when it is idle."""
        sock, self._socket = self._socket, None
        if sock is None:
            return
        with contextlib.suppress(OSError):
            sock.sendall(b"CANCEL SELF\r\nQUIT\r\n")
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()
        if self._reader is not None and self._reader is not threading.current_thread():
            self._reader.join(timeout=REPLY_TIMEOUT_S)

    # -- speaking ------------------------------------------------------------------------
    def speak(self, utterance: Utterance, start: int = 0) -> int:
        """Queue an utterance from the word at offset ``start``; returns its message id
        (events name it). Sent as SSML whose index marks name each word's offset."""
        self.command("SPEAK", expect="230")
        lines = utterance_ssml(utterance, start).replace("\r", " ").split("\n")
        body = "".join(("." + line if line.startswith(".") else line) + "\r\n" for line in lines)
        reply = self._send(body + ".\r\n", expect="225")
        return int(reply[0])

    def stop(self) -> None:
        self.command("CANCEL SELF")

    def set_speed(self, speed: float) -> None:
        """A multiple of the voice's normal pace (0.5x-2x)."""
        self.command(f"SET SELF RATE {speechd_rate(speed)}")

    def set_language(self, language: str) -> None:
        self.command(f"SET SELF LANGUAGE {_word(language)}")

    def set_voice(self, name: str) -> None:
        self.command(f"SET SELF SYNTHESIS_VOICE {_word(name)}")

    def voices(self) -> list[Voice]:
        """The output module's voices (several thousand with espeak-ng), asked on a
        connection of its own (see LIST_TIMEOUT_S)."""
        lister = SpeechDispatcher(lambda _event: None)
        lister.connect()
        try:
            listed = lister.command("LIST SYNTHESIS_VOICES", "249", LIST_TIMEOUT_S)
        finally:
            lister.close()
        voices = []
        for line in listed[:-1]:
            name, _, rest = line.partition("\t")
            language = rest.partition("\t")[0]
            if name and language:
                voices.append(Voice(name=name, lang=language))
        return voices

    # -- protocol ------------------------------------------------------------------------
    def command(self, line: str, expect: str = "2", timeout: float = REPLY_TIMEOUT_S) -> list[str]:
        return self._send(line + "\r\n", expect, timeout)

    def _send(self, data: str, expect: str, timeout: float = REPLY_TIMEOUT_S) -> list[str]:
        sock = self._socket
        if sock is None:
            raise SpeechError("the speech service is not connected")
        with self._lock:
            try:
                sock.sendall(data.encode("utf-8"))
                code, lines = self._replies.get(timeout=timeout)
            except (OSError, Empty):
                # A late answer would be taken for the next command's: the connection is
                # out of step with the service from now on, so it is given up.
                self.close()
                raise SpeechError("the speech service stopped answering") from None
        if not code.startswith(expect):
            raise SpeechError(f"the speech service refused: {code} {lines[-1] if lines else ''}")
        return lines

    def _read(self) -> None:
        sock = self._socket
        if sock is None:
            return
        lines: list[str] = []
        # (A service killed mid-answer resets the connection; one closed here ends it.)
        with contextlib.suppress(OSError, ValueError), sock.makefile("rb") as stream:
            for raw in stream:
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                if len(line) < 4:
                    continue
                code, final, text = line[:3], line[3] == " ", line[4:]
                lines.append(text)
                if not final:
                    continue
                if code.startswith("7"):
                    self._dispatch(code, lines)
                else:
                    self._replies.put((code, lines))
                lines = []
        if self._socket is not None:  # the server went away under us
            self._socket = None
            self._replies.put(("000", ["connection closed"]))
            self._on_event(Event("lost", -1))

    def _dispatch(self, code: str, lines: list[str]) -> None:
        kind = EVENTS.get(code)
        if kind is None or len(lines) < 3:
            return
        try:
            message = int(lines[0])
        except ValueError:
            return
        mark = lines[2] if kind == "mark" and len(lines) >= 4 else ""
        self._on_event(Event(kind, message, mark))


def _connect(path: Path) -> socket.socket | None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
    except OSError:
        sock.close()
        return None
    return sock


def _spawn(path: Path) -> None:
    """Start the user's speech-dispatcher as libspeechd would: it daemonizes itself and
    leaves SPAWNED_IDLE_EXIT_S after its last client (this process's connection: closed
    by the kernel when this process dies, however it died)."""
    program = shutil.which("speech-dispatcher")
    if program is None:
        raise SpeechError(f"no speech service: {INSTALL_HINT}")
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            [program, "--spawn", "--communication-method", "unix_socket", "--socket-path",
             str(path), "--timeout", str(SPAWNED_IDLE_EXIT_S)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=SPAWN_TIMEOUT_S,
            check=False,
        )  # fmt: skip


def _word(value: str) -> str:
    """A parameter on one protocol line: no line breaks."""
    return " ".join(value.split())
