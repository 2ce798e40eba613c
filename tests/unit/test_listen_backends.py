"""Which engine speaks: speech-dispatcher where it is, else the system's through Qt."""

from reader.listen.backends import (
    AUTO,
    QT,
    SPEECH_DISPATCHER,
    choose_backend,
    no_engine_hint,
    usable_qt_engines,
)


def test_automatic_is_speech_dispatcher_where_it_is_else_qt() -> None:
    assert choose_backend(AUTO, speechd_available=True) == SPEECH_DISPATCHER
    assert choose_backend(AUTO, speechd_available=False) == QT
    assert choose_backend("something old", speechd_available=False) == QT


def test_a_picked_engine_is_used_wherever() -> None:
    assert choose_backend(QT, speechd_available=True) == QT
    assert choose_backend(SPEECH_DISPATCHER, speechd_available=False) == SPEECH_DISPATCHER


def test_qt_engines_that_cannot_speak_here_are_left_out() -> None:
    assert usable_qt_engines(["speechd", "mock"], speechd_available=True) == ["speechd"]
    assert usable_qt_engines(["speechd", "mock"], speechd_available=False) == []
    assert usable_qt_engines(["sapi", "winrt", "mock"], speechd_available=False) == [
        "sapi",
        "winrt",
    ]
    assert usable_qt_engines(["darwin", "avfoundation"], False) == ["darwin", "avfoundation"]


def test_what_to_install_depends_on_the_system() -> None:
    assert "apt install speech-dispatcher" in no_engine_hint("linux", "6.11.3")
    for platform in ("win32", "darwin"):
        assert no_engine_hint(platform, "6.11.3") == (
            'install Qt\'s speech module: pip install "PySide6-Addons==6.11.3"'
        )
