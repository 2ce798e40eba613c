"""Listening in the window: `l` reads the article aloud, the text follows the voice.

The handler group of the Listen menu. The script is made from the HTML the view shows (so
its positions are the view's) in a worker, realigned on the view's real text if the
prediction missed, and started where listening last stopped in this article. At the end
the article is marked read (a preference) and the next one of the listening queue opens
and starts. "Listen next" queues the article under the cursor of the library or the
sidebar; a story that is not saved yet is fetched into the library first.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reader.ui.actions.registry import handles
from reader.ui.actions.table import (
    LISTEN_FASTER,
    LISTEN_MARK_READ,
    LISTEN_NEXT_PARAGRAPH,
    LISTEN_NEXT_SENTENCE,
    LISTEN_PREVIOUS_PARAGRAPH,
    LISTEN_PREVIOUS_SENTENCE,
    LISTEN_QUEUE_NEXT,
    LISTEN_SLOWER,
    LISTEN_STOP,
    LISTEN_TOGGLE,
)
from reader.ui.listening.highlight import SpeechHighlight
from reader.ui.presenter.tasks import run_task
from reader.ui.shell.status_line import STATUS_TIMEOUT_MS, holds_focus

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction

    from reader.listen.player import Player
    from reader.listen.script import Script, Utterance
    from reader.listen.voices import Voice
    from reader.service.reading import Document
    from reader.ui.library.library_view import LibraryPanel
    from reader.ui.listening.player_bar import PlayerBar
    from reader.ui.listening.speech import Speech
    from reader.ui.presenter.document import CurrentDocument
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.reading.reading_view import ReadingView
    from reader.ui.shell.messages import MessageBar
    from reader.ui.shell.opening import Opening
    from reader.ui.shell.settings import Settings
    from reader.ui.shell.status_line import StatusLine
    from reader.ui.sidebar.sidebar import Sidebar

log = logging.getLogger(__name__)

SPEED_KEY = "listening/speed"
MARK_READ_KEY = "listening/mark_read"  # mark an article read when listened to the end
VOICE_KEY = "listening/voice/{language}"  # the voice picked for a language
# The listening position is saved at least this often while speaking (sentences), so a
# crash loses little; pausing, stopping and leaving the article always save it.
SAVE_EVERY = 10


class Listening(QObject):
    """See module docstring."""

    def __init__(
        self,
        *,
        speech: Speech,
        bar: PlayerBar,
        mark_read_action: QAction,
        view: ReadingView,
        current: CurrentDocument,
        library: LibraryService,
        opening: Opening,
        settings: Settings,
        messages: MessageBar,
        status: StatusLine,
        sidebar: Sidebar,
        library_panel: LibraryPanel | None,
    ) -> None:
        super().__init__(view)
        self.speech, self.bar, self.view, self.current = speech, bar, view, current
        self.library, self.opening, self.settings = library, opening, settings
        self.messages, self.status = messages, status
        self.sidebar, self.library_panel = sidebar, library_panel
        self.highlight = SpeechHighlight(view)
        self.mark_read_action = mark_read_action
        mark_read_action.setChecked(self.mark_read_at_end)
        self.script: Script | None = None
        self.last_script: Script | None = None  # kept after the end (tests, the bar)
        self.article_id: int | None = None  # the article the script speaks
        self.index = 0
        self.state = "stopped"
        self.start_when_opened: int | None = None  # a queued article: speak once shown
        self._starting: Document | None = None  # its script is being made; voice to come
        self._voices: dict[str, list[Voice]] | None = None  # by language code
        self._voices_asked = False
        self._since_save = 0
        speech.utterance_started.connect(self._utterance_started)
        speech.word_reached.connect(self._word_reached)
        speech.state_changed.connect(self._state_changed)
        speech.script_finished.connect(self._finished)
        speech.failed.connect(self._failed)
        speech.notice.connect(bar.show_message)
        speech.voices_ready.connect(self._voices_ready)
        bar.voice_chosen.connect(self._voice_chosen)
        current.closed.connect(lambda _document: self.save_position())
        bar.set_speed(self.speed)
        bar.hide()
        current.follow(self._document_opened)

    # -- preferences ----------------------------------------------------------------------
    @property
    def speed(self) -> float:
        from reader.listen.voices import clamp_speed

        try:
            return clamp_speed(float(str(self.settings.store.value(SPEED_KEY, 1.0))))
        except ValueError:
            return 1.0

    @property
    def mark_read_at_end(self) -> bool:
        return str(self.settings.store.value(MARK_READ_KEY, "true")).lower() != "false"

    @property
    def voice_leads(self) -> bool:
        """The voice is reading the article on screen, or paused in it (and scrolls it to
        the sentence it speaks, or a jump goes to)."""
        return self.script is not None and self.state in ("playing", "paused")

    # -- commands -------------------------------------------------------------------------
    @handles(LISTEN_TOGGLE)
    def toggle(self) -> None:
        """Start listening to the article on screen, or pause and go on."""
        document = self.current.document
        if document is None or not self.view.current_html():
            self.messages.show_error("Open an article to listen to it.")
            return
        self.bar.show()
        if self.script is not None and self.article_id == document.article_id:
            self.speech.do(lambda player: player.toggle())
            return
        if self._starting is document:  # l again before the voice began: not now after all
            self._starting = None
            return
        self._start(document)

    @handles(LISTEN_STOP)
    def stop(self) -> None:
        self._starting = None
        self.save_position()
        self.speech.do(lambda player: player.stop())
        self.highlight.clear()
        self.bar.hide()
        self.view.setFocus()

    @handles(LISTEN_NEXT_SENTENCE)
    def next_sentence(self) -> None:
        self._player_command(lambda player: player.skip(1))

    @handles(LISTEN_PREVIOUS_SENTENCE)
    def previous_sentence(self) -> None:
        self._player_command(lambda player: player.skip(-1))

    @handles(LISTEN_NEXT_PARAGRAPH)
    def next_paragraph(self) -> None:
        self._player_command(lambda player: player.skip_paragraph(1))

    @handles(LISTEN_PREVIOUS_PARAGRAPH)
    def previous_paragraph(self) -> None:
        self._player_command(lambda player: player.skip_paragraph(-1))

    @handles(LISTEN_FASTER)
    def faster(self) -> None:
        self._change_speed(+1)

    @handles(LISTEN_SLOWER)
    def slower(self) -> None:
        self._change_speed(-1)

    @handles(LISTEN_MARK_READ)
    def toggle_mark_read(self) -> None:
        self.settings.store.setValue(MARK_READ_KEY, self.mark_read_action.isChecked())

    @handles(LISTEN_QUEUE_NEXT)
    def queue_next(self) -> None:
        """ "Listen next": the article under the cursor of the focused list plays after
        this one (fetched into the library first when it is a story not saved yet)."""
        article_id, url, title = self._focused_story()
        if article_id is None and url is None:
            self.messages.show_error("Choose an article in the library or the sidebar first.")
            return
        if article_id is not None:
            self._queue(article_id, title)
            return
        assert url is not None
        from reader.service.reading import read_article
        from reader.urls import source_origin

        writes = self.library.writes

        def fetch_and_keep() -> int:
            article = read_article(url, images=True)
            return writes(lambda library: library.save(article, origin=source_origin(url)))

        self.status.begin(f"Fetching “{title}” to listen next…")
        run_task(
            fetch_and_keep,
            lambda saved_id: self._queue(int(saved_id), title),
            lambda error: self._queue_failed(title, error),
        )

    # -- starting -------------------------------------------------------------------------
    def _start(self, document: Document) -> None:
        from reader.listen.script import build_script, realign

        self.save_position()
        self._starting = document
        article_id, lang = document.article_id, document.article.lang
        html, actual = self.view.current_html(), self.view.document().toPlainText()
        reads = self.library.reads

        def make() -> tuple[Script, int]:
            script = realign(build_script(html, lang), actual)
            saved = reads(lambda lib: lib.listen_position(article_id)) if article_id else None
            return script, script.index_at(saved) if saved is not None else 0

        def ready(result: tuple[Script, int]) -> None:
            script, index = result
            if self._starting is not document or self.current.document is not document:
                return  # another article came meanwhile, or l was pressed again
            self._starting = None
            if not script.utterances:
                self.bar.show_message("There is nothing to read aloud in this article.")
                return
            self.script, self.article_id, self.index = script, article_id, index
            self.last_script = script
            self._apply_voice(document)
            speed = self.speed
            self.speech.do(lambda player: player.set_speed(speed))
            self.speech.do(lambda player: player.load(script, index))
            self.speech.do(lambda player: player.play())

        def failed(error: BaseException) -> None:
            self._starting = None
            self.bar.show_message(str(error))

        run_task(make, ready, failed)

    def _apply_voice(
        self, document: Document, *, restart: bool = False, speaking: bool = True
    ) -> None:
        """The person's voice for the article's language when there is one; otherwise the
        engine's own voice for the language (speech-dispatcher picks it by the tag).
        ``speaking`` False: only the bar's list of voices (nothing is being read)."""
        from reader.listen.script import language_code
        from reader.listen.voices import VARIANT_MARK, choose_voice

        lang = (document.article.lang or "en").replace("_", "-")
        language = language_code(lang) or "en"
        preferred = str(self.settings.store.value(VOICE_KEY.format(language=language), ""))
        if self._voices is None:
            # The voice list (~250 ms of the service's time) is asked for once the voice
            # has begun: asked before, it would hold up the first sentence.
            self.speech.do(lambda player: player.set_language(lang))
            return
        voices = self._voices.get(language, [])
        names = [voice.name for voice in voices]
        # the plain voices; espeak-ng's hundred variants each ("+Adam") would drown them
        plain = sorted(name for name in names if VARIANT_MARK not in name)
        self.bar.set_voices(plain or sorted(names), preferred)
        if not speaking:
            return
        if choose_voice(voices, lang) is None:
            self.bar.show_message(f"No voice speaks “{lang}” here: reading with the default.")
            self.speech.do(lambda player: player.set_language("en"))
        elif preferred and preferred in names:
            self.speech.do(lambda player: player.set_voice(preferred, restart=restart))
        else:
            self.speech.do(lambda player: player.set_language(lang))

    def _voices_ready(self, voices: object) -> None:
        assert isinstance(voices, dict)
        self._voices = voices
        if not voices:
            self._voices_asked = False  # ask again next time
        document = self.current.document
        if document is not None:
            # A short article can be read to its end before the list comes (a busy
            # machine): the bar offers its voices all the same.
            self._apply_voice(document, speaking=self.script is not None)

    def _voice_chosen(self, name: str) -> None:
        from reader.listen.script import language_code

        document = self.current.document
        if document is None:
            return
        language = language_code(document.article.lang) or "en"
        self.settings.store.setValue(VOICE_KEY.format(language=language), name)
        self._apply_voice(document, restart=True)
        self.view.setFocus()

    # -- what the voice does --------------------------------------------------------------
    def _utterance_started(self, index: int, utterance: Utterance) -> None:
        if self.script is None:
            return
        self.index = index
        self.highlight.show_span(utterance.start, utterance.end)
        if not self._voices_asked:
            self._voices_asked = True
            self.speech.request_voices()
        self.bar.set_place(index, len(self.script.utterances))
        self._since_save += 1
        if self._since_save >= SAVE_EVERY:
            self.save_position()

    def _word_reached(self, _index: int, start: int, end: int) -> None:
        self.highlight.show_word(start, end)

    def _state_changed(self, state: str) -> None:
        self.state = state
        self.bar.set_playing(state == "playing")
        if state != "playing":
            self.save_position()

    def _finished(self) -> None:
        article_id = self.article_id
        self.highlight.clear()
        self.script = None
        if article_id is None:
            return
        mark_read = self.mark_read_at_end

        def finish(library: object) -> int | None:
            from reader.store import Library

            assert isinstance(library, Library)
            library.save_listen_position(article_id, None)
            if mark_read:
                library.set_read(article_id, True)
            return library.next_to_listen()

        def next_up(next_id: int | None) -> None:
            self.current.change(article_id)
            if next_id is None:
                self.bar.set_place(0, 0)
                self.bar.show_message("Finished. Nothing more in the listening queue.")
                return
            self.start_when_opened = next_id
            self.opening.open_article(next_id)

        self.library.write(finish, next_up)

    def _failed(self, message: str) -> None:
        """The voice stopped on an error: the place is kept, and the next `l` starts again
        from it (on a new connection: Speech starts afresh after a failure)."""
        self.save_position()
        self.script = None
        self.highlight.clear()
        self.bar.show()
        self.bar.set_playing(False)
        self.bar.show_message(message)

    def _document_opened(self, document: object) -> None:
        from reader.service.reading import Document

        assert isinstance(document, Document)
        if self.script is not None and document.article_id != self.article_id:
            self.speech.do(lambda player: player.stop())
            self.script = None
            self.highlight.clear()
        if self.start_when_opened is not None and document.article_id == self.start_when_opened:
            self.start_when_opened = None
            self.bar.show()
            self._start(document)

    def close(self) -> None:
        """The window closes: keep the place, silence the voice, leave the service. A script
        still being made is dropped when it comes (it would start the voice in a closed
        window, and fill its deleted voice menu)."""
        self._starting = None
        self.save_position()
        self.speech.close()

    # -- keeping the place ----------------------------------------------------------------
    def save_position(self) -> None:
        """Where the voice is in the article it reads (a view position), in the library."""
        script, article_id = self.script, self.article_id
        self._since_save = 0
        if script is None or article_id is None or not script.utterances:
            return
        position = script.utterances[min(self.index, len(script.utterances) - 1)].start
        self.library.write(
            lambda library: library.save_listen_position(article_id, position),
            failed=lambda error: log.warning("listening position not saved: %s", error),
        )

    # -- helpers --------------------------------------------------------------------------
    def _player_command(self, command: Callable[[Player], None]) -> None:
        if self.script is None:
            self.toggle()
            return
        self.speech.do(command)

    def _change_speed(self, step: int) -> None:
        from reader.listen.voices import SPEED_STEP, clamp_speed

        speed = clamp_speed(self.speed + step * SPEED_STEP)
        self.settings.store.setValue(SPEED_KEY, speed)
        self.bar.set_speed(speed)
        if self.script is not None:
            self.speech.do(lambda player: player.set_speed(speed))

    def _focused_story(self) -> tuple[int | None, str | None, str]:
        """(saved article id, web address, title) of the focused list's current item."""
        if self.library_panel is not None and holds_focus(self.library_panel):
            return self.library_panel.current_article_id(), None, "the article"
        if holds_focus(self.sidebar):
            item = self.sidebar.current_item()
            if item is not None:
                return item.article_id, item.story.url, item.story.title
        return None, None, ""

    def _queue(self, article_id: int, title: str) -> None:
        self.status.end()
        self.library.write(
            lambda library: library.queue_to_listen(article_id, next_up=True),
            lambda _result: self.status.show(f"Listen next: {title}", STATUS_TIMEOUT_MS),
            lambda error: self.messages.show_error(f"Not queued: {error}"),
        )

    def _queue_failed(self, title: str, error: BaseException) -> None:
        self.status.end()
        self.messages.show_error(f"Could not fetch “{title}” to listen to: {error}")


def build_listening(
    *,
    actions: dict[str, QAction],
    view: ReadingView,
    current: CurrentDocument,
    library: LibraryService,
    opening: Opening,
    settings: Settings,
    messages: MessageBar,
    status: StatusLine,
    sidebar: Sidebar,
    library_panel: LibraryPanel | None,
) -> Listening:
    """The voice, its bar under the article (in the reading column, below the find bar:
    it never covers the text), and the handler group."""
    from reader.ui.listening.player_bar import PlayerBar
    from reader.ui.listening.speech import Speech

    bar = PlayerBar(actions)
    column = view.parentWidget()
    layout = column.layout() if column is not None else None
    if layout is not None:
        layout.addWidget(bar)
    speech = Speech(lambda: settings.speech_engine, view)
    return Listening(
        speech=speech,
        bar=bar,
        mark_read_action=actions[LISTEN_MARK_READ.id],
        view=view,
        current=current,
        library=library,
        opening=opening,
        settings=settings,
        messages=messages,
        status=status,
        sidebar=sidebar,
        library_panel=library_panel,
    )
