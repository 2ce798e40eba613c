"""What the person sees while listening, with the real speech-dispatcher and espeak-ng: the
word being said painted inside its sentence, the sentence kept in view, the player bar
beside the text and never over it, and the article's language choosing the voices."""

from pathlib import Path

import pytest
from listening_helpers import highlighted, playing_and_paused
from PySide6.QtGui import QTextCursor
from test_listening import listen_to_the_end
from window_helpers import WAIT_MS, open_and_wait, stored

from reader.ui.listening.player_bar import AUTOMATIC_VOICE
from reader.ui.shell.main_window import MainWindow

PARAGRAPH = "The harbour was quiet that morning, and the boats stayed in. " * 3


def page(folder: Path, lang: str, paragraphs: int, text: str = PARAGRAPH) -> Path:
    path = folder / f"page-{lang}.html"
    body = "".join(f"<p>{text} ({n})</p>" for n in range(paragraphs))
    path.write_text(
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>Harbour {lang}</title></head><body><article><h1>Harbour</h1>{body}"
        "</article></body></html>",
        encoding="utf-8",
    )
    return path


@pytest.mark.usefixtures("speech_dispatcher")
def test_the_word_being_said_is_painted_inside_its_sentence(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, page(tmp_path, "en", 3))
    text = window.view.document().toPlainText()
    seen: list[tuple[tuple[int, int], tuple[int, int], str]] = []

    def word(_index: int, start: int, end: int) -> None:  # after the window's own handler
        spans = highlighted(window)
        if len(spans) == 2:
            seen.append((spans[0], spans[1], text[start:end]))

    window.listening.speech.word_reached.connect(word)
    listen_to_the_end(qtbot, window)
    assert len(seen) > 20
    for sentence, said, shown in seen:
        assert sentence[0] <= said[0] < said[1] <= sentence[1]
        assert shown and not any(c.isspace() for c in shown)


@pytest.mark.usefixtures("speech_dispatcher")
def test_the_sentence_is_kept_in_view_and_the_bar_covers_no_text(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, page(tmp_path, "en", 60))
    view = window.view
    assert view.verticalScrollBar().maximum() > 0
    script_length = 60 * 3
    playing_and_paused(qtbot, window, script_length - 5)  # far down the article
    span = window.listening.highlight.span
    assert span is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(span[0])
    assert view.viewport().rect().contains(view.cursorRect(cursor).center())
    bar = window.listening.bar
    assert bar.isVisible() and view.isVisible()
    assert bar.parentWidget() is view.parentWidget()
    assert not bar.geometry().intersects(view.geometry())
    assert bar.geometry().top() >= view.geometry().bottom()
    # a jump to the last sentence brings the end into view: the voice's doing, not the
    # reader's, so not read (yet)
    listening = window.listening
    last = len(listening.script.utterances) - 1
    listening.speech.do(lambda player: player.jump_to(last))
    qtbot.waitUntil(lambda: listening.index == last, timeout=WAIT_MS)
    bottom = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bottom.value() == bottom.maximum(), timeout=WAIT_MS)
    window.library.wait_idle()
    article_id = window.current.article_id
    assert article_id is not None and not stored(window).article(article_id).read


@pytest.mark.usefixtures("speech_dispatcher")
def test_the_articles_language_chooses_the_voices(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    french = "Le port était calme ce matin-là, et les bateaux sont restés au quai."
    open_and_wait(qtbot, window, page(tmp_path, "fr-FR", 2, french))
    bar = window.listening.bar
    listen_to_the_end(qtbot, window)
    qtbot.waitUntil(lambda: bar.voices.count() > 1, timeout=WAIT_MS)
    names = [bar.voices.itemText(i) for i in range(1, bar.voices.count())]
    assert bar.voices.itemText(0) == AUTOMATIC_VOICE
    assert all("French" in name or "fr" in name.lower() for name in names), names
    chosen = names[-1]
    bar.voice_chosen.emit(chosen)  # picked in the bar: kept for French articles
    assert window.settings.store.value("listening/voice/fr") == chosen
    assert bar.voices.currentText() == chosen


@pytest.mark.usefixtures("speech_dispatcher")
def test_a_language_without_a_voice_is_said_and_read_with_the_default(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, page(tmp_path, "tlh", 2))
    bar = window.listening.bar
    recorder = listen_to_the_end(qtbot, window)
    assert recorder.finished
    window.listening.toggle()  # again: the voice list is known by now
    qtbot.waitUntil(lambda: "No voice speaks “tlh”" in bar.message.text(), timeout=WAIT_MS)
