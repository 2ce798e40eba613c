"""The player: speaks a Script one utterance after another and says where the voice is.

Qt-free, so it runs (and is tested) against the real speech-dispatcher without a window.
Everything happens on one thread of its own, fed by a queue: the person's commands and
the engine's events are handled in the order they came, and a command never waits on the
thread that delivers the engine's replies. The next utterance is queued in the engine
while the current one is spoken, so sentences follow each other without a gap.

The listener is called on the player's thread; a window hands the calls to its own.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from queue import Queue
from typing import Protocol

from reader.errors import SpeechError
from reader.listen.script import Script, Utterance
from reader.listen.ssip import Event

STOPPED, PLAYING, PAUSED = "stopped", "playing", "paused"
# How many utterances the engine holds at once: the one spoken and the next.
AHEAD = 2


class Engine(Protocol):
    """What the player needs of a speech engine: reader.listen.ssip.SpeechDispatcher, or
    reader.ui.listening.qt_engine.QtSpeechEngine (the system's engine through Qt). Events
    (reader.listen.ssip.Event) name the message ``speak`` returned; a word mark is named by
    the word's offset in the utterance's text."""

    def speak(self, utterance: Utterance, start: int = 0) -> int:
        """Queue ``utterance`` from the word at offset ``start``; returns its message id."""
        ...

    def stop(self) -> None: ...
    def set_speed(self, speed: float) -> None: ...
    def set_language(self, language: str) -> None: ...
    def set_voice(self, name: str) -> None: ...


class Listener(Protocol):
    def utterance_started(self, index: int, utterance: Utterance) -> None: ...
    def word_reached(self, index: int, start: int, end: int) -> None: ...
    def state_changed(self, state: str) -> None: ...
    def script_finished(self) -> None: ...
    def failed(self, message: str) -> None: ...


@dataclass
class _State:
    script: Script = field(default_factory=lambda: Script((), ""))
    index: int = 0  # the utterance being spoken (or to speak on play)
    state: str = STOPPED
    sent: dict[int, int] = field(default_factory=dict)  # engine message id -> utterance
    next_to_send: int = 0
    word: int = 0  # offset in the current utterance of the last word the voice reached


class Player:
    """See module docstring. Public methods may be called from any thread."""

    def __init__(self, engine: Engine, listener: Listener) -> None:
        self._engine = engine
        self._listener = listener
        self._s = _State()
        self._queue: Queue[Callable[[], None] | None] = Queue()
        self._thread = threading.Thread(target=self._run, name="listen-player", daemon=True)
        self._thread.start()

    # -- commands (queued) ---------------------------------------------------------------
    def load(self, script: Script, index: int = 0) -> None:
        self._post(lambda: self._load(script, index))

    def play(self) -> None:
        self._post(self._play)

    def pause(self) -> None:
        self._post(self._pause)

    def toggle(self) -> None:
        self._post(lambda: self._pause() if self._s.state == PLAYING else self._play())

    def stop(self) -> None:
        self._post(self._stop)

    def skip(self, step: int) -> None:
        """Next (+1) or previous (-1) sentence."""
        self._post(lambda: self._jump(self._s.index + step))

    def skip_paragraph(self, step: int) -> None:
        """Start of the next (+1) or previous (-1) paragraph; -1 in the middle of a
        paragraph goes back to its start, as a music player's "previous" does."""

        def jump() -> None:
            script, index = self._s.script, self._s.index
            here = script.paragraph_start(index, 0)
            target = here if step < 0 and index != here else script.paragraph_start(index, step)
            self._jump(target)

        self._post(jump)

    def jump_to(self, index: int) -> None:
        self._post(lambda: self._jump(index))

    def set_speed(self, speed: float) -> None:
        self._post(lambda: self._configure(lambda: self._engine.set_speed(speed)))

    def set_voice(self, name: str, *, restart: bool = True) -> None:
        """A voice by name; ``restart``: say the current sentence again in it (a choice
        the person made), else it takes over from the next one queued."""
        change = lambda: self._engine.set_voice(name)  # noqa: E731
        self._post(lambda: self._configure(change) if restart else change())

    def set_language(self, language: str) -> None:
        """The engine picks its voice for the language (from the next sentence queued)."""
        self._post(lambda: self._engine.set_language(language))

    def engine_event(self, event: Event) -> None:
        """Hand an engine event to the player (call from the engine's thread)."""
        self._post(lambda: self._on_event(event))

    def close(self) -> None:
        self._post(self._stop)
        self._queue.put(None)
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Block until every command posted so far is handled (tests, shutdown)."""
        done = threading.Event()
        self._post(done.set)
        return done.wait(timeout)

    def utterance_of(self, message: int) -> int | None:
        """The utterance an engine message speaks (None once it is done or cancelled)."""
        return self._s.sent.get(message)

    @property
    def state(self) -> str:
        return self._s.state

    @property
    def index(self) -> int:
        return self._s.index

    @property
    def script(self) -> Script:
        return self._s.script

    # -- the player's thread -------------------------------------------------------------
    def _post(self, work: Callable[[], None]) -> None:
        self._queue.put(work)

    def _run(self) -> None:
        while True:
            work = self._queue.get()
            if work is None:
                return
            try:
                work()
            except SpeechError as error:
                self._set_state(STOPPED)
                self._listener.failed(str(error))

    def _load(self, script: Script, index: int) -> None:
        self._cancel()
        self._s.script = script
        self._s.index = max(0, min(index, len(script.utterances) - 1))
        self._set_state(STOPPED)

    def _play(self) -> None:
        if not self._s.script.utterances or self._s.state == PLAYING:
            return
        resume_at = self._s.word if self._s.state == PAUSED else 0
        self._set_state(PLAYING)
        self._send_from(self._s.index, resume_at)

    def _pause(self) -> None:
        """Stop the voice and keep the word it reached (the last word mark, the word
        highlighted): play() starts again from that word's start, so the word that was
        being said is said whole once more and nothing before it. Not the engine's own
        pause (measured, speech-dispatcher 0.11 with espeak-ng): on a real-time sink its
        PAUSE/RESUME goes on from the next word, but where sound plays faster than real
        time (ALSA's null device, the tests' and CI's) marks kept coming for a second
        after PAUSE and the message never ended after RESUME; Qt's engines may not pause
        at all (capability PauseResume). A new start behaves the same everywhere."""
        if self._s.state == PLAYING:
            self._cancel()
            self._set_state(PAUSED)

    def _stop(self) -> None:
        self._cancel()
        self._set_state(STOPPED)

    def _jump(self, index: int) -> None:
        count = len(self._s.script.utterances)
        if not count:
            return
        index = max(0, min(index, count - 1))
        self._cancel()
        self._s.index = index
        self._s.word = 0
        if self._s.state != PLAYING:
            self._listener.utterance_started(index, self._s.script.utterances[index])
            return
        self._send_from(index)

    def _configure(self, change: Callable[[], None]) -> None:
        """A new speed or voice applies from the current sentence on."""
        change()
        if self._s.state == PLAYING:
            index = self._s.index
            self._cancel()
            self._send_from(index)

    def _cancel(self) -> None:
        if self._s.sent:
            self._s.sent.clear()
            self._engine.stop()

    def _send_from(self, index: int, word: int = 0) -> None:
        self._s.next_to_send = index
        self._top_up(word)

    def _top_up(self, word: int = 0) -> None:
        """Keep AHEAD utterances with the engine; the first may start mid-sentence."""
        utterances = self._s.script.utterances
        while len(self._s.sent) < AHEAD and self._s.next_to_send < len(utterances):
            index = self._s.next_to_send
            message = self._engine.speak(utterances[index], word)
            word = 0
            self._s.sent[message] = index
            self._s.next_to_send += 1

    def _on_event(self, event: Event) -> None:
        if event.kind == "lost":
            self._s.sent.clear()
            self._set_state(STOPPED)
            self._listener.failed(event.mark or "the speech service stopped")
            return
        index = self._s.sent.get(event.message)
        if index is None:
            return  # an utterance cancelled by a jump or a stop
        utterance = self._s.script.utterances[index]
        if event.kind == "begin":
            if index != self._s.index:
                self._s.word = 0
            self._s.index = index
            self._listener.utterance_started(index, utterance)
        elif event.kind == "mark" and event.mark.isdigit():
            offset = int(event.mark)
            self._s.word = offset
            word = utterance.text[offset:].split(maxsplit=1)
            length = len(word[0]) if word else 0
            start = utterance.start + offset
            self._listener.word_reached(index, start, start + length)
        elif event.kind in ("end", "cancelled"):
            del self._s.sent[event.message]
            if event.kind == "end" and self._s.state == PLAYING:
                self._top_up()
                if not self._s.sent and index == len(self._s.script.utterances) - 1:
                    self._s.index = index
                    self._set_state(STOPPED)
                    self._listener.script_finished()

    def _set_state(self, state: str) -> None:
        if state != self._s.state:
            self._s.state = state
            self._listener.state_changed(state)
