"""No speech process outlives what started it: Reader killed with -9 while it speaks (through
speech-dispatcher it started itself, or through Qt's engine in its helper process), or a
test run killed with -9 while its private speech-dispatcher runs. Each time every speech
process of theirs (the server, its espeak-ng module, the helper) is gone a few seconds
later, and none is left waiting for good."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import speech_service
from test_listening_qt import qt_speechd  # noqa: F401  (a fixture, used by name)

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc (Linux)")

TESTS = Path(__file__).resolve().parent.parent
# speech-dispatcher leaves 5 s after its last client (reader.listen.ssip), 2 s for the
# tests' own (speech_service); then it ends its module. Beyond this, something was left.
GONE_WITHIN_S = 20.0
STARTED_WITHIN_S = 30.0
# Long enough to be still speaking when killed (silent sound is fast, not instant).
LONG_ARTICLE = "<html><body><h1>The long one</h1>" + (
    "<p>The keeper climbed the stairs at dusk and lit the lamp again. "
    "Ships far out at sea saw the light turn, and kept away from the rocks.</p>" * 400
) + "</body></html>"  # fmt: skip

SPEAKER = """
import sys, threading, time
from reader.listen.player import Player
from reader.listen.script import build_script

class Listener:
    def utterance_started(self, index, utterance):
        if index == 1:
            print("speaking", flush=True)
    def word_reached(self, *args): pass
    def state_changed(self, state): pass
    def script_finished(self): print("finished", flush=True)
    def failed(self, message): print("failed", message, flush=True)

holder = []
def on_event(event):
    holder[0].engine_event(event)

if sys.argv[1] == "qt":
    from reader.listen.qt_helper import QtHelperEngine
    engine = QtHelperEngine(on_event)
else:
    from reader.listen.ssip import SpeechDispatcher
    engine = SpeechDispatcher(on_event)
engine.connect()
if sys.argv[1] == "qt":
    print("helper", engine.pid, flush=True)
player = Player(engine, Listener())
holder.append(player)
player.load(build_script(open(sys.argv[2]).read(), "en"))
player.play()
time.sleep(600)
"""

KEEPER = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
import speech_service
with speech_service.running(Path(sys.argv[1])):
    print("up", flush=True)
    time.sleep(600)
"""


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its reaper has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def speech_processes(folder: Path) -> list[int]:
    """speech-dispatcher and its modules started with a path inside ``folder`` (a
    spawned server daemonizes after starting its module: they are not parent and child)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if "speech-dispatcher" in command and str(folder) in command:
                found.append(int(entry.name))
    return [pid for pid in found if alive(pid)]


def wait_for_line(process: subprocess.Popen[str], wanted: str) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + STARTED_WITHIN_S
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if line.startswith(wanted):
            return line
        assert not line.startswith("failed"), line
    raise AssertionError(f"no {wanted!r} from the child")


def assert_all_gone(pids: list[int]) -> None:
    deadline = time.monotonic() + GONE_WITHIN_S
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in pids if alive(pid)]
    assert not left, f"left running: {left}"


def kill(process: subprocess.Popen[str]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def private_session(tmp_path: Path) -> dict[str, str]:
    """An environment whose speech-dispatcher is nobody else's: Reader starts it itself
    (in a runtime folder of its own), with the tests' configuration (silent sound)."""
    runtime, config = tmp_path / "run", tmp_path / "config" / "speech-dispatcher"
    runtime.mkdir(mode=0o700)
    (config / "modules").mkdir(parents=True)
    (config / "speechd.conf").write_text(
        speech_service.CONFIG.format(audio=speech_service.SINKS["null"])
    )
    if speech_service.MODULE_CONF.exists():
        (config / "modules" / "espeak-ng.conf").write_text(speech_service.MODULE_CONF.read_text())
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), XDG_CONFIG_HOME=str(config.parent))
    env.pop("SPEECHD_ADDRESS", None)
    return env


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "long.html"
    path.write_text(LONG_ARTICLE)
    return path


def speaker(engine: str, article: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SPEAKER, engine, str(article)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_reader_killed_while_speaking_leaves_no_speech_dispatcher(
    tmp_path: Path, article: Path
) -> None:
    reason = speech_service.available()
    if reason:
        pytest.skip(reason)
    env = private_session(tmp_path)
    reader = speaker("speechd", article, env)
    try:
        wait_for_line(reader, "speaking")
        speech = speech_processes(tmp_path)
        assert len(speech) == 2  # the server Reader started and its espeak-ng module
        kill(reader)
        assert_all_gone(speech)
    finally:
        if reader.poll() is None:
            kill(reader)
        for pid in speech_processes(tmp_path):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.usefixtures("qt_speechd")
def test_reader_killed_while_qt_speaks_leaves_no_helper(article: Path) -> None:
    reader = speaker("qt", article, dict(os.environ))
    try:
        helper = int(wait_for_line(reader, "helper").split()[1])
        wait_for_line(reader, "speaking")
        speech = [helper, *children(helper)]
        kill(reader)
        assert_all_gone(speech)
    finally:
        if reader.poll() is None:
            kill(reader)


def test_test_run_killed_leaves_no_speech_dispatcher(tmp_path: Path) -> None:
    reason = speech_service.available()
    if reason:
        pytest.skip(reason)
    folder = tmp_path / "service"
    folder.mkdir()
    keeper = subprocess.Popen(
        [sys.executable, "-c", KEEPER, str(folder), str(TESTS)], stdout=subprocess.PIPE, text=True
    )
    try:
        wait_for_line(keeper, "up")
        server = int((folder / "pid").read_text().split()[0])
        speech = [server, *children(server)]
        assert len(speech) >= 2  # the server and its espeak-ng module
        kill(keeper)
        assert_all_gone(speech)
    finally:
        if keeper.poll() is None:
            kill(keeper)
