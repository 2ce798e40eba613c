"""The system's speech engine (Qt's QtTextToSpeech), spoken to in a helper process.

The engine is made and lives in ``reader.ui.listening.qt_host``, a process of its own.
Made in the window's process, it held the GIL while Qt's speechd plugin listed its
13,362 voices (1.6 s on a quiet machine, 13 s at load 10, measured): the window froze
that long, even with the engine made on another thread. This side stands where
reader.listen.ssip.SpeechDispatcher stands for the player (the same engine protocol and
events), one line of JSON per command and per event. As with the socket there, a thread of
its own reads the pipe, and events reach ``on_event`` on that thread.

The helper ends when its stdin closes (``close``, or this process gone, however it ended)
and, on Linux at once, with the thread that started it (reader.lifeline): that thread
is the pipe's reader, which lives as long as the helper does.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from queue import Empty, Queue
from typing import IO

from reader.errors import SpeechError
from reader.listen.script import Utterance
from reader.listen.ssip import Event
from reader.listen.voices import Voice

HOST_MODULE = "reader.ui.listening.qt_host"
# Making the engine took up to 13 s at load 10 (speechd's plugin, measured).
START_TIMEOUT_S = 60.0
# The voice list: 0.34 s the first time on a quiet machine.
REPLY_TIMEOUT_S = 10.0
# After its stdin closed, how long the helper may take to leave before it is killed.
CLOSE_TIMEOUT_S = 3.0
STOPPED_MESSAGE = "the speech engine stopped"

Message = dict[str, object]


class QtHelperEngine:
    """See module docstring. ``connect`` blocks (run it in a worker); the other methods
    only write a line and may be called from any thread."""

    def __init__(self, on_event: Callable[[Event], None]) -> None:
        self._on_event = on_event
        self._ids = itertools.count(1)
        self._stdin: IO[str] | None = None
        self._process: subprocess.Popen[str] | None = None
        self._write_lock = threading.Lock()
        self._voices_lock = threading.Lock()  # one voice list asked for at a time
        self._started: Queue[Message] = Queue()
        self._voice_lists: Queue[list[Voice]] = Queue()
        self._ready = False
        self._closing = False
        self.name = ""  # Qt's engine plugin speaking, once connected
        self.reports_words = False

    @property
    def pid(self) -> int | None:
        """The helper's process id (while it runs)."""
        process = self._process
        return None if process is None or process.poll() is not None else process.pid

    # -- connection ----------------------------------------------------------------------
    def connect(self) -> None:
        """Start the helper and wait until its engine is made; SpeechError with what to
        install when it cannot speak."""
        from reader.listen import ssip

        speechd = "1" if ssip.available() else "0"
        command = [sys.executable, "-m", HOST_MODULE, str(os.getpid()), speechd]
        reader = threading.Thread(
            target=self._run, args=(command,), name="qt-speech-events", daemon=True
        )
        reader.start()
        try:
            first = self._started.get(timeout=START_TIMEOUT_S)
        except Empty:
            first = {"error": "the speech engine did not start in time"}
        if "error" in first:
            self.close()
            raise SpeechError(str(first["error"]))
        self.name = str(first.get("ready", ""))
        self.reports_words = bool(first.get("words"))
        self._ready = True

    def close(self) -> None:
        """Silence the helper and let it go; a thread reaps it (the window never waits)."""
        self._closing = True
        stdin, self._stdin = self._stdin, None
        if stdin is not None:
            with contextlib.suppress(OSError):
                stdin.close()
        process = self._process
        if process is not None:
            reap = threading.Thread(target=_reap, args=(process,), name="qt-reap", daemon=True)
            reap.start()

    # -- the engine protocol -------------------------------------------------------------
    def speak(self, utterance: Utterance, start: int = 0) -> int:
        message = next(self._ids)
        words = utterance.kind != "cue"  # a cue's words are not the article's
        self._send(
            {"op": "say", "id": message, "text": utterance.text[start:], "base": start,
             "words": words}
        )  # fmt: skip
        return message

    def stop(self) -> None:
        self._send({"op": "stop"})

    def set_speed(self, speed: float) -> None:
        self._send({"op": "speed", "value": speed})

    def set_language(self, language: str) -> None:
        self._send({"op": "language", "value": language})

    def set_voice(self, name: str) -> None:
        self._send({"op": "voice", "value": name})

    def voices(self) -> list[Voice]:
        """Every voice of the engine, listed in the helper (its list is kept there)."""
        with self._voices_lock:
            self._send({"op": "voices"})
            try:
                return self._voice_lists.get(timeout=REPLY_TIMEOUT_S)
            except Empty:
                raise SpeechError("the speech engine did not answer") from None

    # -- the pipe ------------------------------------------------------------------------
    def _send(self, message: Message) -> None:
        line = json.dumps(message, ensure_ascii=False) + "\n"
        with self._write_lock:
            stdin = self._stdin
            if stdin is None:
                raise SpeechError(STOPPED_MESSAGE)
            try:
                stdin.write(line)
                stdin.flush()
            except (OSError, ValueError):
                raise SpeechError(STOPPED_MESSAGE) from None

    def _run(self, command: list[str]) -> None:
        """The reader thread: starts the helper (so the helper's lifeline is this thread,
        alive as long as the pipe is open), then hands on what it says."""
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                encoding="utf-8",
                errors="replace",
            )
        except OSError as error:
            self._started.put({"error": f"the speech engine did not start: {error}"})
            return
        self._process = process
        assert process.stdin is not None and process.stdout is not None
        self._stdin = process.stdin
        if self._closing:  # closed while starting
            self.close()
        for line in process.stdout:
            with contextlib.suppress(ValueError):
                self._dispatch(json.loads(line))
        if not self._ready:
            self._started.put({"error": STOPPED_MESSAGE})
        elif not self._closing:
            self._stdin = None
            self._on_event(Event("lost", -1, STOPPED_MESSAGE))

    def _dispatch(self, message: Message) -> None:
        if "event" in message:
            mark = str(message.get("mark", ""))
            self._on_event(Event(str(message["event"]), _int(message.get("message")), mark))
        elif "voices" in message:
            listed = message["voices"]
            voices = listed if isinstance(listed, list) else []
            self._voice_lists.put([Voice(name=str(n), lang=str(lang)) for n, lang in voices])
        else:
            self._started.put(message)


def _int(value: object) -> int:
    return value if isinstance(value, int) else -1


def _reap(process: subprocess.Popen[str]) -> None:
    try:
        process.wait(timeout=CLOSE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
