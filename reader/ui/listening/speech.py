"""The window's voice: the Qt-free player (reader.listen.player) behind Qt signals.

The engine is chosen at first use (reader.listen.backends): speech-dispatcher, or the
system's engine through Qt. The player and the speech-dispatcher connection live on
threads of their own; what they report is emitted here as signals, which Qt queues to the
GUI thread (the receivers live there). Connecting may start the speech service, so it runs
in a worker; commands given meanwhile wait for it. Nothing here blocks the GUI thread:
every player command is a put on its queue. Qt's engine speaks from a helper process
(reader.listen.qt_helper): made in this one, it held the GIL for seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from reader.ui.presenter.tasks import run_task

if TYPE_CHECKING:
    from reader.listen.player import Engine, Player
    from reader.listen.script import Utterance
    from reader.listen.ssip import Event
    from reader.listen.voices import Voice

    class VoiceEngine(Engine, Protocol):
        """An engine as the window holds it: the player's needs, its voices, an end."""

        def connect(self) -> None: ...
        def voices(self) -> list[Voice]: ...
        def close(self) -> None: ...


class Speech(QObject):
    """Connects on first use; then forwards commands to the player (see module doc)."""

    #: the voice began utterance ``index`` (also sent for a jump while stopped or paused)
    utterance_started = Signal(int, object)  # index, Utterance
    #: the voice reached a word: its span in the view's document
    word_reached = Signal(int, int, int)  # index, start, end
    state_changed = Signal(str)  # stopped | playing | paused
    script_finished = Signal()
    failed = Signal(str)
    #: something the person should know while waiting (not a problem)
    notice = Signal(str)
    #: the engine's voices by language code ("en": [...]), asked for by ``request_voices``
    voices_ready = Signal(object)  # dict[str, list[Voice]]
    #: the player's failures, before ``failed`` (see _on_player_failed)
    _player_failed = Signal(str)

    def __init__(self, preference: Callable[[], str], parent: QObject | None = None) -> None:
        """``preference``: the engine the person picked (reader.listen.backends' CHOICES)."""
        super().__init__(parent)
        self._preference = preference
        self._engine: VoiceEngine | None = None
        self._player: Player | None = None
        self._connecting = False
        self._closed = False
        self._waiting: list[Callable[[Player], None]] = []
        self._player_failed.connect(self._on_player_failed)

    # -- commands -------------------------------------------------------------------------
    def do(self, command: Callable[[Player], None]) -> None:
        """Run ``command(player)`` now, or once connected (in the order given)."""
        if self._player is not None:
            command(self._player)
            return
        self._waiting.append(command)
        self._connect()

    def request_voices(self) -> None:
        """List the voices in a worker, grouped by language there: espeak-ng has ~13,000
        (with variants), too many to sort through on the GUI thread while it speaks."""

        def ask(_player: Player) -> None:
            engine = self._engine
            if engine is not None:
                run_task(
                    lambda: _by_language(engine.voices()), self._voices_listed, self._not_listed
                )

        self.do(ask)

    @property
    def engine(self) -> VoiceEngine | None:
        """The engine speaking, once connected."""
        return self._engine

    @property
    def connected(self) -> bool:
        return self._player is not None

    def close(self) -> None:
        """Stop the voice and leave the service (the window closes)."""
        self._closed = True
        self._waiting.clear()
        player, engine = self._player, self._engine
        self._player = self._engine = None
        if player is not None:
            player.close()
        if engine is not None:
            engine.close()

    # -- connecting -----------------------------------------------------------------------
    def _connect(self) -> None:
        if self._connecting:
            return
        self._connecting = True
        from reader.listen import backends, ssip

        engine: VoiceEngine
        if backends.choose_backend(self._preference(), ssip.available()) == backends.QT:
            from reader.listen.qt_helper import QtHelperEngine

            # Its helper process makes the engine: 1.6 s on a quiet machine, 13 s at load
            # 10 for Qt's speechd plugin (measured), with the window free meanwhile.
            self.notice.emit("Starting the speech engine…")
            engine = QtHelperEngine(self._engine_event)
        else:
            engine = ssip.SpeechDispatcher(self._engine_event)

        def connect() -> VoiceEngine:
            engine.connect()
            return engine

        run_task(connect, self._connected, self._failed)

    def _connected(self, engine: VoiceEngine) -> None:
        from reader.listen.player import Player

        self._connecting = False
        if self._closed:  # the window closed while the service was starting
            engine.close()
            return
        self._engine = engine
        self._player = Player(engine, _Relay(self))
        waiting, self._waiting = self._waiting, []
        for command in waiting:
            command(self._player)

    def _voices_listed(self, voices: dict[str, list[Voice]]) -> None:
        if not self._closed:
            self.voices_ready.emit(voices)

    def _not_listed(self, error: BaseException) -> None:
        """The voice list failed (its own connection): the voice goes on, and ``failed``,
        which ends the listening, is not for this."""
        if not self._closed:
            self.notice.emit(f"The list of voices could not be read: {error}")

    def _on_player_failed(self, message: str) -> None:
        """After a failure the next command connects anew: a speech service that went away
        (or stopped answering, its connection then given up) may be back by then; the old
        engine and player would fail every command for as long as the window is open. The
        window hears of the failure after that (a player let go after the window closed
        says nothing)."""
        if self._player is None:
            return
        player, engine = self._player, self._engine
        self._player = self._engine = None
        player.close()
        if engine is not None:
            engine.close()
        self.failed.emit(message)

    def _failed(self, error: BaseException) -> None:
        """A worker's error. After close() the window (and this object's signals) may be
        gone while a worker still ends (the voice list, a slow start): nothing to tell."""
        self._connecting = False
        self._waiting.clear()
        if not self._closed:
            self.failed.emit(str(error) or "the speech service failed")

    def _engine_event(self, event: Event) -> None:
        player = self._player
        if player is not None:
            player.engine_event(event)


class _Relay:
    """The player's listener: every call becomes a signal of ``Speech`` (queued to the GUI
    thread, since the player calls from its own)."""

    def __init__(self, speech: Speech) -> None:
        self._speech = speech

    def utterance_started(self, index: int, utterance: Utterance) -> None:
        self._speech.utterance_started.emit(index, utterance)

    def word_reached(self, index: int, start: int, end: int) -> None:
        self._speech.word_reached.emit(index, start, end)

    def state_changed(self, state: str) -> None:
        self._speech.state_changed.emit(state)

    def script_finished(self) -> None:
        self._speech.script_finished.emit()

    def failed(self, message: str) -> None:
        self._speech._player_failed.emit(message)


def _by_language(voices: list[Voice]) -> dict[str, list[Voice]]:
    from reader.listen.script import language_code

    grouped: dict[str, list[Voice]] = {}
    for voice in voices:
        grouped.setdefault(language_code(voice.lang), []).append(voice)
    return grouped
