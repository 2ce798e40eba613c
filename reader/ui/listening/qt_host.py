"""The helper process that speaks through Qt's QtTextToSpeech (reader.listen.qt_helper
starts it and says why it is a process): the engine is made and speaks here, on this
process's main thread, with its own event loop.

    python -m reader.ui.listening.qt_host PARENT_PID SPEECHD(0|1)

One line of JSON per command on stdin, per event or answer on stdout: first
``{"ready": engine, "words": bool}`` or ``{"error": message}``, then ``{"event": kind,
"message": id, "mark": offset}`` and ``{"voices": [[name, lang], ...]}``. It ends when
stdin closes, and with its parent (reader.lifeline).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import threading
from collections.abc import Callable
from typing import IO

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from reader.errors import SpeechError
from reader.listen.ssip import Event
from reader.ui.listening.qt_engine import QtSpeechEngine, engine_to_use

Command = dict[str, object]


class _Quit(QObject):
    """stdin closed: the reading thread asks the main thread to leave its loop."""

    requested = Signal()


class _Output:
    """stdout, one whole line at a time from any thread."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, message: dict[str, object]) -> None:
        line = json.dumps(message, ensure_ascii=False) + "\n"
        with self._lock:
            try:
                self._stream.write(line)
                self._stream.flush()
            except (OSError, ValueError):
                pass  # the parent is gone: stdin closes next, and this process ends


def _event(event: Event) -> dict[str, object]:
    return {"event": event.kind, "message": event.message, "mark": event.mark}


def _commands(engine: QtSpeechEngine, out: _Output) -> dict[str, Callable[[Command], None]]:
    """What each command does (every engine call is queued to the main thread)."""

    def say(command: Command) -> None:
        message, base = command["id"], command["base"]
        assert isinstance(message, int) and isinstance(base, int)
        engine.say(message, str(command["text"]), base, words=bool(command["words"]))

    def speed(command: Command) -> None:
        value = command["value"]
        assert isinstance(value, int | float)
        engine.set_speed(float(value))

    def voices(_command: Command) -> None:
        def answer() -> None:
            try:
                listed = [[voice.name, voice.lang] for voice in engine.voices()]
            except SpeechError:
                listed = []
            out.send({"voices": listed})

        threading.Thread(target=answer, name="voices", daemon=True).start()

    return {
        "say": say,
        "stop": lambda _command: engine.stop(),
        "speed": speed,
        "language": lambda command: engine.set_language(str(command["value"])),
        "voice": lambda command: engine.set_voice(str(command["value"])),
        "voices": voices,
    }


def _obey(stream: IO[str], engine: QtSpeechEngine, out: _Output, quit_: _Quit) -> None:
    commands = _commands(engine, out)
    for line in stream:
        try:
            command = json.loads(line)
            commands[str(command["op"])](command)
        except (ValueError, KeyError, TypeError, AssertionError):
            continue  # not a command this host knows: the parent is newer or confused
    engine.stop()  # queued before the quit: the voice ends with its reader
    quit_.requested.emit()


def main(argv: list[str]) -> int:
    from reader.lifeline import bind_to_parent

    bind_to_parent(int(argv[0]))
    speechd = argv[1] == "1"
    stdin, stdout = sys.stdin, sys.stdout
    assert isinstance(stdin, io.TextIOWrapper) and isinstance(stdout, io.TextIOWrapper)
    stdin.reconfigure(encoding="utf-8", errors="replace")
    stdout.reconfigure(encoding="utf-8", line_buffering=True)
    out = _Output(stdout)
    app = QCoreApplication([sys.argv[0]])
    try:
        engine = QtSpeechEngine(lambda event: out.send(_event(event)), engine_to_use(speechd))
    except SpeechError as error:
        out.send({"error": str(error)})
        return 1
    out.send({"ready": engine.name, "words": engine.reports_words})
    quit_ = _Quit()
    quit_.requested.connect(app.quit, Qt.ConnectionType.QueuedConnection)
    reading = threading.Thread(
        target=_obey, args=(stdin, engine, out, quit_), name="commands", daemon=True
    )
    reading.start()
    return app.exec()


if __name__ == "__main__":
    code = main(sys.argv[1:])
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    os._exit(code)  # no teardown of Qt's objects at interpreter exit: nothing left to do
