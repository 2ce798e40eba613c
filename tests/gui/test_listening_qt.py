"""Listening through Qt's QtTextToSpeech (the engine Windows and macOS use), tested here on
Linux through Qt's speechd plugin over the real speech-dispatcher and espeak-ng (silent
sound). Skipped only where Qt's speech module or its speechd plugin is not installed."""

import os
import threading
from pathlib import Path

import pytest
from listening_helpers import assert_every_sentence_in_order
from player_recorder import Recorder as PlayerRecorder
from PySide6.QtCore import Qt
from test_listening import PAGES, SAMPLE_UTTERANCES, listen_to_the_end
from window_helpers import WAIT_MS, open_and_wait, stored

from reader.listen.player import PLAYING, STOPPED, Player
from reader.listen.script import build_script
from reader.service.reading import sample_path
from reader.ui.shell.main_window import MainWindow

VIEW = (
    "<html><body><h1>Lighthouses of the North</h1>"
    "<p>The first light was lit in 1820. Dr. Smith kept it for years! Was it worth it?</p>"
    "<h2>Keepers</h2><ul><li>Ada, who wrote the logbook</li><li>Bram, who fixed it</li></ul>"
    "<pre>print('light')</pre><p>The end came in 1950.</p></body></html>"
)


def _qt_speechd_missing() -> str | None:
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return "Qt's speech module (PySide6-Addons) is not installed"
    if "speechd" not in QTextToSpeech.availableEngines():
        return "Qt's speechd plugin is not installed"
    return None


@pytest.fixture
def qt_speechd(speech_dispatcher: Path) -> Path:
    reason = _qt_speechd_missing()
    if reason:
        pytest.skip(reason)
    return speech_dispatcher


@pytest.fixture
def qt_player(qtbot, qt_speechd: Path):
    from reader.ui.listening.qt_engine import QtSpeechEngine

    heard = PlayerRecorder()
    holder: list[Player] = []
    engine = QtSpeechEngine(lambda event: holder[0].engine_event(event), "speechd")
    player = Player(engine, heard)
    holder.append(player)
    yield engine, player, heard
    player.close()
    engine.close()


def test_qt_engine_speaks_every_sentence_in_order(qtbot, qt_player) -> None:
    engine, player, heard = qt_player
    assert engine.name == "speechd"
    script = build_script(VIEW, "en")
    player.set_speed(1.5)
    player.set_language("en-GB")
    player.load(script)
    player.play()
    qtbot.waitUntil(heard.finished.is_set, timeout=WAIT_MS * 4)
    assert heard.started == list(range(len(script.utterances)))
    assert heard.states == [PLAYING, STOPPED] and not heard.errors
    # speechd's plugin reports no word boundaries; an engine that does is heard word by word
    assert bool(heard.words) == engine.reports_words


def test_qt_engine_jumps_and_lists_voices(qtbot, qt_player) -> None:
    engine, player, heard = qt_player
    script = build_script(VIEW * 2, "en")
    player.load(script)
    player.play()
    qtbot.waitUntil(heard.first.is_set, timeout=WAIT_MS)
    player.jump_to(len(script.utterances) - 3)  # a stop in mid-sentence, then on from there
    qtbot.waitUntil(heard.finished.is_set, timeout=WAIT_MS * 4)
    assert heard.started[0] == 0 and heard.started[-3:] == list(
        range(len(script.utterances) - 3, len(script.utterances))
    )
    assert not heard.errors
    voices: list = []
    worker = threading.Thread(target=lambda: voices.extend(engine.voices()))
    worker.start()  # asked from a worker, answered by the GUI thread
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=WAIT_MS * 2)
    english = [voice for voice in voices if voice.lang.startswith("en")]
    assert english
    player.set_voice(english[0].name)
    assert player.wait_idle()


@pytest.mark.usefixtures("qt_speechd")
def test_window_reads_the_seed_through_qt(qtbot, window: MainWindow) -> None:
    """Through Qt's engine in its helper process: the window's own process never makes it."""
    from reader.listen.qt_helper import QtHelperEngine

    window.settings.speech_engine = "qt"
    open_and_wait(qtbot, window, sample_path())
    article_id = window.current.article_id
    assert article_id is not None
    notices: list[str] = []
    window.listening.speech.notice.connect(notices.append)
    recorder = listen_to_the_end(qtbot, window)
    assert notices == ["Starting the speech engine…"]
    engine = window.listening.speech.engine
    assert isinstance(engine, QtHelperEngine) and engine.name == "speechd"
    helper = engine.pid
    assert helper is not None and helper != os.getpid()
    spoken = recorder.finished[0]
    assert len(spoken.utterances) == SAMPLE_UTTERANCES
    assert_every_sentence_in_order(recorder, spoken)
    assert stored(window).article(article_id).read
    window.listening.close()  # the window closes: its helper leaves
    qtbot.waitUntil(lambda: engine.pid is None, timeout=WAIT_MS)


def test_qt_with_no_engine_says_what_to_install(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt picked, but nothing it could speak with (its speechd plugin needs the service)."""
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{tmp_path / 'none.sock'}")
    monkeypatch.setenv("PATH", str(tmp_path))
    window.settings.speech_engine = "qt"
    open_and_wait(qtbot, window, PAGES / "news-jsonld" / "source.html")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    bar = window.listening.bar
    qtbot.waitUntil(lambda: "install" in bar.message.text(), timeout=WAIT_MS)
    assert bar.message.text().startswith("no speech engine: install ")
    assert "Traceback" not in bar.message.text()
