"""A listener of the Qt-free player that keeps everything it hears (unit and window tests)."""

import threading

from reader.listen.script import Utterance


class Recorder:
    """A listener that keeps everything it hears."""

    def __init__(self) -> None:
        self.started: list[int] = []
        self.words: list[tuple[int, int, int]] = []
        self.states: list[str] = []
        self.errors: list[str] = []
        self.finished = threading.Event()
        self.first = threading.Event()

    def utterance_started(self, index: int, utterance: Utterance) -> None:
        self.started.append(index)
        self.first.set()

    def word_reached(self, index: int, start: int, end: int) -> None:
        self.words.append((index, start, end))

    def state_changed(self, state: str) -> None:
        self.states.append(state)

    def script_finished(self) -> None:
        self.finished.set()

    def failed(self, message: str) -> None:
        self.errors.append(message)
