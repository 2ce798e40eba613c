"""Listening in the window, with the real speech-dispatcher and espeak-ng (silent sound):
`l` reads the article, every sentence is highlighted in order, the end marks it read and
the listening queue goes on; no speech service is said plainly."""

from pathlib import Path

import pytest
from listening_helpers import Recorder, assert_every_sentence_in_order, playing_and_paused
from PySide6.QtCore import Qt
from window_helpers import WAIT_MS, open_and_wait, stored, wait_tasks

from reader.service.reading import sample_path
from reader.ui.shell.main_window import MainWindow

PAGES = Path(__file__).resolve().parent.parent / "pages"
# The bundled sample read aloud: its title, 3 headings, 18 sentences (a caption's among
# them), 3 list items, a quote and the cues for its code block and its table.
SAMPLE_UTTERANCES = 28


def listen_to_the_end(qtbot, window: MainWindow) -> Recorder:
    """Press l and wait until the article was spoken to its end; what the window showed
    meanwhile is in the recorder (the queue may already have opened the next article)."""
    recorder = Recorder(window)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: bool(recorder.finished), timeout=WAIT_MS * 4)
    return recorder


@pytest.mark.usefixtures("speech_dispatcher")
def test_seed_is_read_aloud_and_marked_read(qtbot, window: MainWindow) -> None:
    """The seed is the sample article Reader ships, so this runs wherever Reader does."""
    open_and_wait(qtbot, window, sample_path())
    article_id = window.current.article_id
    assert article_id is not None
    recorder = listen_to_the_end(qtbot, window)
    spoken = recorder.finished[0]
    assert len(spoken.utterances) == SAMPLE_UTTERANCES
    assert_every_sentence_in_order(recorder, spoken)
    bar = window.listening.bar
    qtbot.waitUntil(lambda: "Finished" in bar.message.text(), timeout=WAIT_MS)
    assert bar.isVisible()
    assert stored(window).article(article_id).read
    assert stored(window).listen_position(article_id) is None


@pytest.mark.usefixtures("speech_dispatcher")
def test_bundled_page_with_code_and_the_queue(qtbot, window: MainWindow) -> None:
    open_and_wait(qtbot, window, PAGES / "news-jsonld" / "source.html")
    queued = window.current.article_id
    open_and_wait(qtbot, window, PAGES / "blog-code-comments" / "source.html")
    first = window.current.article_id
    assert queued is not None and first is not None
    window.library.write(lambda library: library.queue_to_listen(queued))
    recorder = listen_to_the_end(qtbot, window)
    spoken = recorder.finished[0]
    assert_every_sentence_in_order(recorder, spoken)
    assert "Code block skipped." in [u.text for u in spoken.utterances]
    assert stored(window).article(first).read
    # the queue's article opens and is spoken next, to its end (the silent sound is quick:
    # it may well be over already)
    qtbot.waitUntil(lambda: len(recorder.finished) == 2, timeout=WAIT_MS * 4)
    assert window.current.article_id == queued
    assert_every_sentence_in_order(recorder, recorder.finished[1])
    assert stored(window).article(queued).read
    assert stored(window).listen_queue() == []


@pytest.mark.usefixtures("speech_dispatcher")
def test_l_twice_before_the_voice_began_does_not_start(qtbot, window: MainWindow) -> None:
    open_and_wait(qtbot, window, PAGES / "news-jsonld" / "source.html")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L)  # the script is made in a worker...
    qtbot.keyClick(window.view, Qt.Key.Key_L)  # ...and l again, before it is ready
    wait_tasks(qtbot)
    assert window.listening.script is None and window.listening.state == "stopped"
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: window.listening.script is not None, timeout=WAIT_MS)


def test_no_speech_service_is_said_plainly(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{tmp_path / 'none.sock'}")
    monkeypatch.setenv("PATH", str(tmp_path))
    open_and_wait(qtbot, window, PAGES / "news-jsonld" / "source.html")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    bar = window.listening.bar
    # (Qt's engine is tried, its helper says "Starting the speech engine…" first)
    qtbot.waitUntil(lambda: "install" in bar.message.text(), timeout=WAIT_MS)
    assert "install speech-dispatcher and espeak-ng" in bar.message.text()
    assert "Traceback" not in bar.message.text()


@pytest.mark.usefixtures("speech_dispatcher")
def test_listening_goes_on_where_it_stopped(qtbot, window: MainWindow) -> None:
    page = PAGES / "blog-code-comments" / "source.html"
    open_and_wait(qtbot, window, page)
    article_id = window.current.article_id
    listening = window.listening
    playing_and_paused(qtbot, window, 4)
    place = listening.script.utterances[4]
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier)  # stop
    qtbot.waitUntil(lambda: stored(window).listen_position(article_id) == place.start)
    open_and_wait(qtbot, window, PAGES / "news-jsonld" / "source.html")
    open_and_wait(qtbot, window, page)
    started: list[int] = []
    listening.speech.utterance_started.connect(lambda index, _u: started.append(index))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: bool(started), timeout=WAIT_MS)
    assert started[0] == 4


@pytest.mark.usefixtures("speech_dispatcher")
def test_listening_comes_back_with_the_speech_service(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The speech service went away while the window was open (restarted, or killed): the
    window says so, and the next l speaks again once the service is back, without
    reopening the window."""
    import speech_service

    open_and_wait(qtbot, window, sample_path())
    bar = window.listening.bar
    with speech_service.running(tmp_path / "first") as sock:
        monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{sock}")
        recorder = Recorder(window)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_L)
        qtbot.waitUntil(lambda: bool(recorder.begun), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "speech service" in bar.message.text(), timeout=WAIT_MS)
    with speech_service.running(tmp_path / "second") as sock:
        monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{sock}")
        again = Recorder(window)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_L)
        qtbot.waitUntil(lambda: bool(again.finished), timeout=WAIT_MS * 4)
    assert again.begun and again.finished[0].utterances


@pytest.mark.usefixtures("speech_dispatcher")
def test_a_voice_list_that_fails_leaves_the_voice_speaking(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list is asked on a connection of its own: when that one fails, the person is
    told, and the speaking connection stays (``failed``, which ends the listening, is not
    emitted)."""
    from reader.listen.backends import SPEECH_DISPATCHER
    from reader.ui.listening.speech import Speech

    speech = Speech(lambda: SPEECH_DISPATCHER)
    failures: list[str] = []
    notices: list[str] = []
    speech.failed.connect(failures.append)
    speech.notice.connect(notices.append)
    speech.do(lambda _player: None)
    qtbot.waitUntil(lambda: speech.connected, timeout=WAIT_MS)
    try:
        # no service where the list's connection looks, and none to start
        monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{tmp_path / 'none.sock'}")
        monkeypatch.setenv("PATH", str(tmp_path))
        speech.request_voices()
        qtbot.waitUntil(lambda: bool(notices), timeout=WAIT_MS)
        assert "list of voices" in notices[0]
        assert failures == [] and speech.connected
    finally:
        speech.close()


@pytest.mark.usefixtures("speech_dispatcher")
def test_closing_the_window_while_the_script_is_made_leaves_quietly(
    qtbot, window: MainWindow
) -> None:
    """l, then the window closes before the article's script (made in a worker) comes
    back: the script is dropped, no error reaches the event loop (it used to fill the
    closed bar's voice menu, already deleted)."""
    open_and_wait(qtbot, window, sample_path())
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L)  # the script is being made
    listening = window.listening
    window.close()  # in the same turn: its result reaches a closed window
    wait_tasks(qtbot)  # its result came
    assert listening.script is None
