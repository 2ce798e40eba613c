"""A private speech-dispatcher for the listening tests: espeak-ng, silent sound.

Its own configuration, socket, pid file and log folder, so no test touches (or is
refused by) the user's own speech-dispatcher. ALSA's "null" device takes the sound (this
machine, like CI, has no sound card) and plays it at once, so a long article is spoken in
seconds with every event kept.

Its lifeline: the service ends IDLE_EXIT_S after its last client leaves, and this process
holds a connection to it for as long as it is wanted. A test run killed with -9 cannot
stop it, but the kernel closes that connection, so the service (and its espeak-ng
module) leave a few seconds later instead of living on for good.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MODULE = Path("/usr/lib/speech-dispatcher-modules/sd_espeak-ng")
MODULE_CONF = Path("/etc/speech-dispatcher/modules/espeak-ng.conf")
CONFIG = """\
LogLevel 2
{audio}
AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"
DefaultModule espeak-ng
DefaultLanguage "en"
"""
START_TIMEOUT_S = 10
# The service leaves this long after its last client (the lifeline connection included).
IDLE_EXIT_S = 2
# Where the sound goes. ALSA's null device: no sound card needed, played at once (the
# default). $READER_SPEECH_SINK=pulse: the PulseAudio server of $PULSE_SERVER (a null sink
# there plays in real time, for measurements at a listener's pace).
SINKS = {
    "null": 'AudioOutputMethod "alsa"\nAudioALSADevice "null"',
    "pulse": 'AudioOutputMethod "pulse"',
}
SINK_ENV = "READER_SPEECH_SINK"


def available() -> str | None:
    """Why the service cannot run here, or None when it can."""
    if shutil.which("speech-dispatcher") is None:
        return "speech-dispatcher is not installed (.ci/run installs it)"
    if not MODULE.exists():
        return "speech-dispatcher-espeak-ng is not installed (.ci/run installs it)"
    return None


@contextmanager
def running(folder: Path) -> Iterator[Path]:
    """Start the service in ``folder``; yields its socket; ends it (and its module), or,
    when this process is killed, lets it end on its own (module docstring)."""
    conf = folder / "conf"
    (conf / "modules").mkdir(parents=True)
    sink = SINKS.get(os.environ.get(SINK_ENV, "null"), SINKS["null"])
    (conf / "speechd.conf").write_text(CONFIG.format(audio=sink))
    module_conf = MODULE_CONF.read_text() if MODULE_CONF.exists() else ""
    (conf / "modules" / "espeak-ng.conf").write_text(module_conf)
    (folder / "log").mkdir()
    sock = folder / "speechd.sock"
    process = subprocess.Popen(
        ["speech-dispatcher", "--run-single", "--config-dir", str(conf), "--socket-path",
         str(sock), "--communication-method", "unix_socket", "--timeout", str(IDLE_EXIT_S),
         "--log-dir", str(folder / "log"), "--pid-file", str(folder / "pid")],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        lifeline = _hold(sock)
        try:
            yield sock
        finally:
            lifeline.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=START_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, 9)  # its output module, should it outlive the server


def _hold(sock: Path) -> socket.socket:
    """A connection that keeps the service (see module docstring) while it is open."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        held = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            held.connect(str(sock))
            return held
        except OSError:
            held.close()
            if time.monotonic() > deadline:
                raise RuntimeError("speech-dispatcher did not start") from None
            time.sleep(0.05)


@contextmanager
def for_benchmark() -> Iterator[Path | None]:
    """A private service in a fresh temporary folder, reached through $SPEECHD_ADDRESS as
    a session's would be; yields None (after saying why) where it cannot run."""
    reason = available()
    if reason:
        print(f"skipped: {reason}")
        yield None
        return
    with running(Path(tempfile.mkdtemp(prefix="reader-speechd-"))) as sock:
        os.environ["SPEECHD_ADDRESS"] = f"unix_socket:{sock}"
        yield sock
