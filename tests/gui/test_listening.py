"""Listening in the window, with the real speech-dispatcher and espeak-ng (silent sound):
`l` reads the article, every sentence is highlighted in order, the end marks it read and
the listening queue goes on; no speech service is said plainly."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from window_helpers import WAIT_MS, open_and_wait, stored

from reader.ui.reading import overlays
from reader.ui.shell.main_window import MainWindow

PAGES = Path(__file__).resolve().parent.parent / "pages"


def highlighted(window: MainWindow) -> list[tuple[int, int]]:
    """The spans the listening highlight paints now (sentence first, then the word)."""
    return [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in overlays.layer(window.view, "speech")
    ]


def listen_to_the_end(qtbot, window: MainWindow) -> tuple[list[tuple[int, tuple[int, int]]], str]:
    """Press l and record, for each sentence the voice begins, the span painted for it;
    and the view's text as it was (the queue may open another article at the end)."""
    seen: list[tuple[int, tuple[int, int]]] = []
    text = window.view.document().toPlainText()
    listening = window.listening

    def record(index: int, utterance: object) -> None:
        spans = highlighted(window)
        seen.append((index, spans[0] if spans else (-1, -1)))

    listening.speech.utterance_started.connect(record)  # after the controller's own slot
    finished: list[bool] = []
    listening.speech.script_finished.connect(lambda: finished.append(True))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: bool(finished), timeout=WAIT_MS * 4)
    return seen, text


def assert_every_sentence_in_order(window: MainWindow, seen: list, text: str) -> None:
    script = window.listening.last_script
    assert [index for index, _span in seen] == list(range(len(script.utterances)))
    for index, span in seen:
        utterance = script.utterances[index]
        assert span == (utterance.start, utterance.end)
        if utterance.kind != "cue":
            shown = text[span[0] : span[1]].replace("\ufffc", " ")
            assert shown.split() == utterance.text.split()


@pytest.mark.usefixtures("speech_dispatcher")
def test_seed_is_read_aloud_and_marked_read(qtbot, window: MainWindow, seed_path: Path) -> None:
    open_and_wait(qtbot, window, seed_path)
    article_id = window.current.article_id
    assert article_id is not None
    seen, text = listen_to_the_end(qtbot, window)
    assert len(seen) == 18
    assert_every_sentence_in_order(window, seen, text)
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
    seen, text = listen_to_the_end(qtbot, window)
    assert_every_sentence_in_order(window, seen, text)
    texts = [u.text for u in window.listening.last_script.utterances]
    assert "Code block skipped." in texts
    # the queue's article opens and is spoken next
    qtbot.waitUntil(lambda: window.current.article_id == queued, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.listening.state == "playing", timeout=WAIT_MS)
    assert stored(window).article(first).read


def test_no_speech_service_is_said_plainly(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{tmp_path / 'none.sock'}")
    monkeypatch.setenv("PATH", str(tmp_path))
    open_and_wait(qtbot, window, PAGES / "news-jsonld" / "source.html")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    bar = window.listening.bar
    qtbot.waitUntil(lambda: bar.message.isVisible(), timeout=WAIT_MS)
    assert "install speech-dispatcher and espeak-ng" in bar.message.text()
    assert "Traceback" not in bar.message.text()


@pytest.mark.usefixtures("speech_dispatcher")
def test_listening_goes_on_where_it_stopped(qtbot, window: MainWindow) -> None:
    page = PAGES / "blog-code-comments" / "source.html"
    open_and_wait(qtbot, window, page)
    article_id = window.current.article_id
    listening = window.listening
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: listening.state == "playing", timeout=WAIT_MS)
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: listening.state == "paused", timeout=WAIT_MS)
    listening.speech.do(lambda player: player.jump_to(4))
    qtbot.waitUntil(lambda: listening.index == 4, timeout=WAIT_MS)
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
