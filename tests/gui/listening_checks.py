"""The Listen menu's rows, pressed by their keys in the window of test_window_actions
(three saved articles, the first one open): one visible effect per row."""

from __future__ import annotations

from collections.abc import Callable

from listening_helpers import playing_and_paused
from window_helpers import WAIT_MS, press, stored


def check_listen_toggle(qtbot, window, ids, action_id):
    playing_and_paused(qtbot, window)  # l starts and shows the bar, l again pauses
    assert window.listening.bar.isVisible()


def check_listen_stop(qtbot, window, ids, action_id):
    playing_and_paused(qtbot, window)
    press(qtbot, window, action_id)
    qtbot.waitUntil(lambda: not window.listening.bar.isVisible(), timeout=WAIT_MS)
    assert window.listening.highlight.span is None


def check_listen_sentence(qtbot, window, ids, action_id):
    playing_and_paused(qtbot, window, 5)
    press(qtbot, window, action_id)
    step = 1 if action_id == "listen.next_sentence" else -1
    qtbot.waitUntil(lambda: window.listening.index == 5 + step, timeout=WAIT_MS)
    script = window.listening.script
    shown = window.listening.highlight.span
    assert shown == (script.utterances[5 + step].start, script.utterances[5 + step].end)


def check_listen_paragraph(qtbot, window, ids, action_id):
    playing_and_paused(qtbot, window, 5)
    script = window.listening.script
    here = script.utterances[5].paragraph
    press(qtbot, window, action_id)
    qtbot.waitUntil(lambda: window.listening.index != 5, timeout=WAIT_MS)
    now = script.utterances[window.listening.index]
    assert script.paragraph_start(window.listening.index, 0) == window.listening.index
    assert now.paragraph > here if action_id == "listen.next_paragraph" else now.paragraph <= here


def check_listen_speed(qtbot, window, ids, action_id):
    press(qtbot, window, action_id)
    expected = "1.25×" if action_id == "listen.faster" else "0.75×"
    assert window.listening.bar.speed.text() == expected


def check_listen_queue(qtbot, window, ids, action_id):
    window.navigation.go_library()
    table = window.library_panel.table
    window.library_panel.select_article(ids[1])
    press(qtbot, window, action_id, table)
    qtbot.waitUntil(
        lambda: [row.id for row in stored(window).listen_queue()] == [ids[1]], timeout=WAIT_MS
    )


def check_listen_mark_read(qtbot, window, ids, action_id):
    from reader.ui.listening.controller import MARK_READ_KEY

    assert window.listening.mark_read_at_end  # the default
    press(qtbot, window, action_id)
    assert not window.listening.mark_read_at_end
    assert str(window.settings.store.value(MARK_READ_KEY)).lower() == "false"
    press(qtbot, window, action_id)
    assert window.listening.mark_read_at_end


LISTEN_EFFECTS: dict[str, Callable[..., None]] = {
    "listen.toggle": check_listen_toggle,
    "listen.stop": check_listen_stop,
    "listen.next_sentence": check_listen_sentence,
    "listen.previous_sentence": check_listen_sentence,
    "listen.next_paragraph": check_listen_paragraph,
    "listen.previous_paragraph": check_listen_paragraph,
    "listen.faster": check_listen_speed,
    "listen.slower": check_listen_speed,
    "listen.queue_next": check_listen_queue,
    "listen.mark_read": check_listen_mark_read,
}
