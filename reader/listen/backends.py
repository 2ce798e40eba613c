"""Which speech engine speaks: rules as data, no engine in sight.

speech-dispatcher, spoken to directly (reader.listen.ssip), wherever it is installed or
running (Linux): it reports every word, answers in under a millisecond and needs nothing
more from PyPI. Elsewhere (Windows, macOS) the system's own engine through Qt's
QtTextToSpeech (reader.ui.listening.qt_engine; PySide6-Addons, a dependency there only).
A person may pick either one (the ``listening/engine`` preference); on Linux Qt's engine
is its speechd plugin, over the same speech-dispatcher, without word boundaries.
"""

from reader.listen.ssip import INSTALL_HINT

AUTO, SPEECH_DISPATCHER, QT = "auto", "speech-dispatcher", "qt"
# The choices as the preferences list them, in order.
CHOICES: dict[str, str] = {
    AUTO: "Automatic",
    SPEECH_DISPATCHER: "speech-dispatcher",
    QT: "System voices (Qt)",
}
# Qt's engines that never speak: its test engine.
QT_SILENT_ENGINES = frozenset({"mock"})
# Qt's engines that speak through speech-dispatcher, so only where it is installed
# (created without it, its library may try to start the service itself).
QT_SPEECHD_ENGINES = frozenset({"speechd"})


def choose_backend(preference: str, speechd_available: bool) -> str:
    """SPEECH_DISPATCHER or QT for the person's ``preference`` (see module docstring)."""
    if preference in (SPEECH_DISPATCHER, QT):
        return preference
    return SPEECH_DISPATCHER if speechd_available else QT


def usable_qt_engines(engines: list[str], speechd_available: bool) -> list[str]:
    """Qt's engine plugins that can speak here, in Qt's order (the first is Qt's default)."""
    return [
        name
        for name in engines
        if name not in QT_SILENT_ENGINES and (speechd_available or name not in QT_SPEECHD_ENGINES)
    ]


def no_engine_hint(platform: str, qt_version: str) -> str:
    """What to install when no engine can speak, for ``platform`` (sys.platform)."""
    if platform.startswith("linux"):
        return INSTALL_HINT
    return f'install Qt\'s speech module: pip install "PySide6-Addons=={qt_version}"'
