"""The player against the real speech-dispatcher and espeak-ng (silent sound card)."""

import threading
from pathlib import Path

import pytest
from player_recorder import Recorder
from test_listen_script import VIEW

from reader.errors import SpeechError
from reader.extract import extract
from reader.listen.player import PAUSED, PLAYING, STOPPED, Player
from reader.listen.script import Utterance, article_html, build_script
from reader.listen.ssip import SpeechDispatcher, utterance_ssml
from reader.load import load

WAIT_S = 60


@pytest.fixture
def player(speech_dispatcher: Path):
    recorder = Recorder()
    holder: list[Player] = []
    engine = SpeechDispatcher(lambda event: holder[0].engine_event(event))
    engine.connect()
    engine.set_language("en")
    player = Player(engine, recorder)
    holder.append(player)
    yield player, recorder
    player.close()
    engine.close()


def test_every_utterance_in_order_with_words_then_finished(player) -> None:
    player, heard = player
    script = build_script(VIEW, "en")
    player.load(script)
    player.play()
    assert heard.finished.wait(WAIT_S)
    assert heard.started == list(range(len(script.utterances)))
    assert heard.states == [PLAYING, STOPPED] and not heard.errors
    spoken_words = [
        (i, script.text[a:b]) for i, a, b in heard.words if script.utterances[i].kind != "cue"
    ]
    expected = [
        (i, word)
        for i, u in enumerate(script.utterances)
        if u.kind != "cue"
        for word in u.text.split()
    ]
    # espeak-ng may merge a mark at a sentence's very end; nearly all arrive, in order
    assert len(spoken_words) >= 0.9 * len(expected)
    assert [w for w in spoken_words if w in expected] == [w for w in expected if w in spoken_words]


def test_seed_spoken_end_to_end(player, seed_path: Path) -> None:
    player, heard = player
    article = extract(load(str(seed_path)))
    script = build_script(article_html(article.title, article.content_html), article.lang)
    player.load(script)
    player.play()
    assert heard.finished.wait(WAIT_S)
    assert heard.started == list(range(len(script.utterances))) and len(heard.started) == 18


def test_start_from_a_saved_place_and_skip(player) -> None:
    player, heard = player
    script = build_script(VIEW, "en")
    player.load(script, index=4)
    player.play()
    assert heard.first.wait(WAIT_S)
    player.skip(2)
    assert heard.finished.wait(WAIT_S)
    assert heard.started[0] == 4
    assert heard.started[-1] == len(script.utterances) - 1
    assert heard.started == sorted(set(heard.started))


def test_pause_and_resume(player) -> None:
    player, heard = player
    script = build_script(VIEW * 3, "en")
    player.load(script)
    player.play()
    assert heard.first.wait(WAIT_S)
    player.pause()
    assert player.wait_idle()
    assert player.state == PAUSED
    player.toggle()
    assert heard.finished.wait(WAIT_S)
    assert heard.states[:3] == [PLAYING, PAUSED, PLAYING]
    assert heard.started[-1] == len(script.utterances) - 1


def test_ssml_marks_every_word_by_offset() -> None:
    utterance = Utterance("Fish & chips <now>", 10, 28, "sentence", 0)
    assert utterance_ssml(utterance) == (
        '<speak><mark name="0"/>Fish <mark name="5"/>&amp; '
        '<mark name="7"/>chips <mark name="13"/>&lt;now&gt;</speak>'
    )


def test_no_service_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{tmp_path / 'none.sock'}")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SpeechError, match="install speech-dispatcher and espeak-ng"):
        SpeechDispatcher(lambda event: None).connect()


class PausingRecorder(Recorder):
    """Pauses the player at the sixth word it hears, as a person pressing `l` would."""

    def __init__(self) -> None:
        super().__init__()
        self.player: Player | None = None
        self.at_pause: list[tuple[int, int, int]] = []  # the words heard before the pause
        self.paused = threading.Event()

    def word_reached(self, index: int, start: int, end: int) -> None:
        super().word_reached(index, start, end)
        if len(self.words) == 6 and self.player is not None:
            self.player.pause()

    def state_changed(self, state: str) -> None:
        super().state_changed(state)
        if state == PAUSED:
            self.at_pause = list(self.words)
            self.paused.set()


def test_resume_goes_on_from_the_word_where_it_paused(speech_dispatcher: Path) -> None:
    """The word the voice was saying when paused (the last one it reported, the one
    highlighted) is the first said again, in the same sentence; no earlier word again."""
    heard = PausingRecorder()
    holder: list[Player] = []
    engine = SpeechDispatcher(lambda event: holder[0].engine_event(event))
    engine.connect()
    player = Player(engine, heard)
    holder.append(player)
    heard.player = player
    try:
        words = " ".join(f"light{n}" for n in range(60))
        script = build_script(f"<html><body><p>{words} ends.</p><p>Then more.</p></body></html>")
        player.load(script)
        player.play()
        assert heard.paused.wait(WAIT_S) and player.wait_idle()
        paused_at = heard.at_pause[-1]
        started_before = len(heard.started)
        player.play()
        assert heard.finished.wait(WAIT_S)
        after = heard.words[len(heard.at_pause) :]
        assert after[0] == paused_at
        assert heard.started[started_before] == paused_at[0]
        assert paused_at[1] > script.utterances[0].start  # it paused in mid-sentence
        assert all(word[1] >= paused_at[1] for word in after)
    finally:
        player.close()
        engine.close()


def test_the_voice_list_does_not_wait_for_the_speaking_connection(
    speech_dispatcher: Path,
) -> None:
    """The list (espeak-ng's ~13,000 voices) took over 5 s on a busy machine: asked on the
    speaking connection it held up a pause, and its late answer was taken for the next
    command's. It comes on a connection of its own."""
    engine = SpeechDispatcher(lambda event: None)
    engine.connect()
    listed: list[int] = []
    try:
        with engine._lock:  # a command of the speaking connection waits for its answer
            lister = threading.Thread(target=lambda: listed.append(len(engine.voices())))
            lister.start()
            lister.join(WAIT_S)
        assert listed and listed[0] > 10
        engine.set_language("en")  # the speaking connection answers its own commands
    finally:
        engine.close()
