"""Helpers for the window tests that listen (the real speech-dispatcher, silent sound).

The silent sound (ALSA's null device) plays as fast as espeak-ng synthesizes: a short
article is over in a few hundred milliseconds, faster still than a loaded machine lets
the GUI thread handle the test's next key or poll. So the tests never assume the voice is
still speaking when they look: they record what happened from the signals as they come
(Recorder), and they hold the voice on its first sentence (voice_held) when they need it
to be there for the next key.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Slot
from window_helpers import WAIT_MS, press

from reader.listen.script import Script, Utterance
from reader.ui.reading import overlays
from reader.ui.shell.main_window import MainWindow


def highlighted(window: MainWindow) -> list[tuple[int, int]]:
    """The spans the listening highlight paints now (sentence first, then the word)."""
    return [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in overlays.layer(window.view, "speech")
    ]


@dataclass(frozen=True)
class Begun:
    """A sentence the voice began, as the window showed it at that moment."""

    script: Script | None  # the script the window was speaking
    index: int
    span: tuple[int, int] | None  # the sentence span painted
    shown: str  # the view's text under that span


class Recorder(QObject):
    """Every sentence begun and every script finished, recorded on the GUI thread right
    after the window's own handlers ran (connected after them, so same order).

    A QObject the window owns, with slots of its own: the connections end with the window.
    As a plain object connected by its bound methods it was called, under load, after the
    garbage collector had cleared it ("'Recorder' object has no attribute 'window'"), and
    the run then crashed in a later collection (3 of 35 runs of the listening tests beside
    two busy loops)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.begun: list[Begun] = []
        self.finished: list[Script] = []
        speech = window.listening.speech
        speech.utterance_started.connect(self._begun)
        speech.script_finished.connect(self._finished)

    @Slot(int, object)
    def _begun(self, index: int, _utterance: Utterance) -> None:
        spans = highlighted(self.window)
        span = spans[0] if spans else None
        text = self.window.view.document().toPlainText()
        shown = text[span[0] : span[1]] if span else ""
        self.begun.append(Begun(self.window.listening.script, index, span, shown))

    @Slot()
    def _finished(self) -> None:
        script = self.window.listening.last_script  # the one just finished
        assert script is not None
        self.finished.append(script)

    def of(self, script: Script) -> list[Begun]:
        return [begun for begun in self.begun if begun.script is script]


def assert_every_sentence_in_order(recorder: Recorder, script: Script) -> None:
    """Each sentence of ``script`` began once, in order, painted over its own words."""
    begun = recorder.of(script)
    assert [b.index for b in begun] == list(range(len(script.utterances)))
    for b in begun:
        utterance = script.utterances[b.index]
        assert b.span == (utterance.start, utterance.end)
        if utterance.kind != "cue":
            assert b.shown.replace("\ufffc", " ").split() == utterance.text.split()


@contextmanager
def voice_held(window: MainWindow) -> Iterator[threading.Event]:
    """Hold the player on the first sentence it begins until the block ends (yields the
    event set when it began). The player's thread waits inside the signal (a direct
    connection) while the test presses keys: what they ask is queued behind the events the
    engine already sent, which reach at most the second sentence (the player keeps two
    with the engine and sends the next only when it handles an end)."""
    release, began = threading.Event(), threading.Event()

    def hold(_index: int, _utterance: Utterance) -> None:
        if not release.is_set():
            began.set()
            release.wait(WAIT_MS / 1000)

    speech = window.listening.speech
    speech.utterance_started.connect(hold, Qt.ConnectionType.DirectConnection)
    try:
        yield began
    finally:
        release.set()
        speech.utterance_started.disconnect(hold)


def playing_and_paused(qtbot, window: MainWindow, index: int = 0) -> None:
    """Listening started (l), then paused (l) while the first sentence is spoken, then moved
    to utterance ``index``."""
    listening = window.listening
    with voice_held(window):
        press(qtbot, window, "listen.toggle")
        qtbot.waitUntil(lambda: listening.highlight.span is not None, timeout=WAIT_MS)
        assert listening.state == "playing" and listening.bar.isVisible()
        press(qtbot, window, "listen.toggle")
    qtbot.waitUntil(lambda: listening.state == "paused", timeout=WAIT_MS)
    listening.speech.do(lambda player: player.jump_to(index))
    qtbot.waitUntil(lambda: listening.index == index, timeout=WAIT_MS)
