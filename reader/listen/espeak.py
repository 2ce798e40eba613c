"""espeak-ng run as a program: the command line's engine (`reader speak`).

It writes WAV files and plays aloud without a desktop session or a speech service, and it
is what speech-dispatcher uses on Linux anyway. One process per utterance when playing
aloud, so the terminal can show the sentence being spoken and Ctrl+C stops at once (the
child is ended, never left behind); one process for a whole WAV file.
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from reader.errors import SpeechError
from reader.listen.voices import Voice

PROGRAMS = ("espeak-ng", "espeak")
INSTALL_HINT = "install espeak-ng (Debian/Ubuntu: apt install espeak-ng)"
# A pause between utterances in a written file, as a listener expects between sentences.
PAUSE_MS = 250
# espeak-ng reports a missing sound device on stderr with exit status 0; this is the mark.
_AUDIO_ERROR = "error:"


def program() -> str:
    """The espeak-ng (or espeak) executable; SpeechError with what to install otherwise."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    raise SpeechError(f"no speech engine found: {INSTALL_HINT}")


def list_voices() -> list[Voice]:
    """Every voice espeak-ng has, by the language tag it speaks."""
    result = _run([program(), "--voices"])
    voices = []
    for line in result.stdout.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 5:
            # Pty Language Age/Gender VoiceName File [Other languages]
            voices.append(Voice(name=fields[4], lang=fields[1]))
    return voices


def write_wav(texts: Iterable[str], path: Path, voice: str, wpm: int) -> None:
    """Speak every text into one WAV file; the file appears whole or not at all."""
    ssml = (
        "<speak>"
        + f'<break time="{PAUSE_MS}ms"/>'.join(f"<s>{escape(text)}</s>" for text in texts)
        + "</speak>"
    )
    folder = path.resolve().parent
    if not folder.is_dir():
        raise SpeechError(f"{path}: no such folder")
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    os.close(handle)
    try:
        _run(
            [program(), "-m", "-v", voice, "-s", str(wpm), "-w", partial, "--stdin"],
            stdin=ssml,
        )
        os.chmod(partial, 0o666 & ~_umask())  # mkstemp's file is private; a WAV need not be
        os.replace(partial, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def say(text: str, voice: str, wpm: int) -> None:
    """Speak one utterance aloud and return when it has been said."""
    result = _run([program(), "-v", voice, "-s", str(wpm), "--stdin"], stdin=text)
    for line in result.stderr.splitlines():
        if line.strip().casefold().startswith(_AUDIO_ERROR):
            raise SpeechError(
                "cannot play sound (no audio device?): write a file with --out FILE.wav"
            )


def _run(command: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run espeak-ng; on Ctrl+C end it before passing the interrupt on."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    except OSError as error:
        raise SpeechError(f"cannot run {command[0]}: {error.strerror}") from None
    try:
        stdout, stderr = process.communicate(stdin)
    except BaseException:
        process.kill()
        process.wait()
        raise
    if process.returncode != 0:
        message = (stderr.strip().splitlines() or [f"exit status {process.returncode}"])[-1]
        raise SpeechError(f"espeak-ng: {message}")
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
