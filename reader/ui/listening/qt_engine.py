"""The system's speech engine through Qt's QtTextToSpeech: the native voices of Windows and
macOS, and on Linux (when picked) Qt's speechd plugin.

It runs in the helper process reader.ui.listening.qt_host (the window speaks to it through
reader.listen.qt_helper: made in the window's process, the engine held the GIL for
seconds). It keeps the player's engine protocol and events, so tests drive it directly.
Its calls may come from any thread; QTextToSpeech lives on the thread that made it, so
every call is queued to that one. Texts are said one at a time from a
queue kept here, because Qt reports no start or end per queued text on every engine
(speechd's plugin announces each one as it is queued): a text begins when the engine
turns Speaking, ends when it is Ready again, and its words come from ``sayingWord`` where
the engine reports them (macOS and Windows do; speechd's plugin does not, so there the
sentence is highlighted and a pause resumes at the start of the sentence).
"""

from __future__ import annotations

import itertools
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QLocale, QObject, Qt, QThread, Signal

from reader.errors import SpeechError
from reader.listen import backends
from reader.listen.ssip import Event
from reader.listen.voices import Voice, qt_rate

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

    from reader.listen.script import Utterance

T = TypeVar("T")
# How long a worker waits for the engine's thread to answer (the voice list).
ANSWER_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class _Text:
    message: int
    text: str
    base: int  # the text's offset in its utterance: word marks are named from there
    words: bool  # report its words (a cue's words are not the article's)


def engine_to_use(speechd_available: bool) -> str:
    """Qt's first plugin that can speak here (quick: no engine is made), or SpeechError
    with what to install."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        raise SpeechError(f"no speech engine: {_hint()}") from None
    engines = list(QTextToSpeech.availableEngines())
    usable = backends.usable_qt_engines(engines, speechd_available)
    if not usable:
        raise SpeechError(f"no speech engine: {_hint()}")
    return usable[0]


class QtSpeechEngine(QObject):
    """See module docstring. Made on a thread with an event loop; its methods may be
    called from any thread."""

    _call = Signal(object)

    def __init__(self, on_event: Callable[[Event], None], engine: str) -> None:
        """``engine``: a plugin's name (engine_to_use)."""
        super().__init__()
        from PySide6.QtTextToSpeech import QTextToSpeech

        self._on_event = on_event
        self._ids = itertools.count(1)
        self._queue: deque[_Text] = deque()
        self._current: _Text | None = None
        self._stopping = False  # stopped while speaking: the next text waits for Ready
        self._voices: list[QVoice] | None = None
        self._call.connect(self._run, Qt.ConnectionType.QueuedConnection)
        self._tts = QTextToSpeech(engine, self)
        if self._tts.state() == QTextToSpeech.State.Error:
            raise SpeechError(f"{engine}: {self._tts.errorString() or 'failed'}: {_hint()}")
        self._tts.stateChanged.connect(self._state_changed)
        self._tts.sayingWord.connect(self._saying_word)
        self._tts.errorOccurred.connect(self._error)

    @property
    def name(self) -> str:
        return self._tts.engine()

    @property
    def reports_words(self) -> bool:
        from PySide6.QtTextToSpeech import QTextToSpeech

        word = QTextToSpeech.Capability.WordByWordProgress
        return bool(self._tts.engineCapabilities() & word)

    # -- the engine protocol (any thread) -------------------------------------------------
    def speak(self, utterance: Utterance, start: int = 0) -> int:
        message = next(self._ids)  # one C call: atomic under the GIL
        self.say(message, utterance.text[start:], start, words=utterance.kind != "cue")
        return message

    def say(self, message: int, text: str, base: int, *, words: bool) -> None:
        """Queue ``text`` as ``message`` (the helper process names its own messages):
        ``base``: the text's offset in its utterance; ``words``: report its words."""
        said = _Text(message, text, base, words)
        self._post(lambda: self._enqueue(said))

    def stop(self) -> None:
        self._post(self._stop)

    def set_speed(self, speed: float) -> None:
        rate = qt_rate(speed)
        self._post(lambda: self._tts.setRate(rate))

    def set_language(self, language: str) -> None:
        locale = QLocale(language.replace("_", "-"))
        self._post(lambda: self._tts.setLocale(locale))

    def set_voice(self, name: str) -> None:
        def choose() -> None:
            voice = next((v for v in self._all_voices() if v.name() == name), None)
            if voice is not None:
                self._tts.setVoice(voice)

        self._post(choose)

    def voices(self) -> list[Voice]:
        """Every voice with its language tag ("en_US"); asked of the engine's thread."""
        return self._answer(
            lambda: [Voice(name=v.name(), lang=v.locale().name()) for v in self._all_voices()]
        )

    def close(self) -> None:
        """Silence it and let it go (on the thread where it lives)."""
        self._post(self._close)

    # -- the engine's thread --------------------------------------------------------------
    def _post(self, work: Callable[[], None]) -> None:
        self._call.emit(work)

    def _run(self, work: object) -> None:
        assert callable(work)
        work()

    def _answer(self, question: Callable[[], T]) -> T:
        if QThread.currentThread() is self.thread():
            return question()
        answered = threading.Event()
        answers: list[T] = []

        def ask() -> None:
            try:
                answers.append(question())
            finally:
                answered.set()

        self._post(ask)
        if not answered.wait(ANSWER_TIMEOUT_S) or not answers:
            raise SpeechError("the speech engine did not answer")
        return answers[0]

    def _all_voices(self) -> list[QVoice]:
        if self._voices is None:
            # a null locale: every language (the stubs know only the QLocale overload)
            self._voices = list(self._tts.allVoices(None))  # type: ignore[arg-type]
        return self._voices

    def _enqueue(self, text: _Text) -> None:
        self._queue.append(text)
        self._say_next()

    def _say_next(self) -> None:
        if self._current is not None or self._stopping or not self._queue:
            return
        self._current = self._queue.popleft()
        self._tts.say(self._current.text)

    def _stop(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        self._queue.clear()
        if self._current is None:
            return
        self._current = None
        # Ready follows only a stop while speaking (or paused); until then a new text waits
        self._stopping = self._tts.state() in (
            QTextToSpeech.State.Speaking,
            QTextToSpeech.State.Paused,
        )
        self._tts.stop()

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        current = self._current
        if state == QTextToSpeech.State.Speaking and current is not None:
            self._on_event(Event("begin", current.message))
        elif state == QTextToSpeech.State.Ready:
            if self._stopping:
                self._stopping = False
            elif current is not None:
                self._current = None
                self._on_event(Event("end", current.message))
            self._say_next()

    def _saying_word(self, _word: str, _id: int, start: int, _length: int) -> None:
        current = self._current
        if current is not None and current.words:
            self._on_event(Event("mark", current.message, str(current.base + start)))

    def _error(self, _reason: object, message: str) -> None:
        self._queue.clear()
        self._current = None
        self._on_event(Event("lost", -1, f"the speech engine failed: {message}"))

    def _close(self) -> None:
        self._queue.clear()
        self._current = None
        self._tts.stop()
        self._tts.deleteLater()
        self.deleteLater()


def _hint() -> str:
    from PySide6 import __version__

    return backends.no_engine_hint(sys.platform, __version__)
