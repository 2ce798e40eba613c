"""`reader speak` with the real espeak-ng: WAV files, speed, voices, errors."""

import shutil
import wave
from pathlib import Path

import pytest
from reader_cli import run_reader

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is not installed (.ci/run installs it)"
)

PAGE = (
    "<html lang='en'><head><title>Lighthouses</title></head><body><article>"
    "<h1>Lighthouses</h1>" + "<p>The keeper climbed the stairs every evening to light the lamp. "
    "Ships passed safely through the narrow strait all winter long.</p>"
    * 4
    + "<pre>print('light')</pre></article></body></html>"
)


def seconds(path: Path) -> float:
    with wave.open(str(path)) as audio:
        return audio.getnframes() / audio.getframerate()


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_out_writes_a_whole_wav_and_rate_changes_its_length(page: Path, tmp_path: Path) -> None:
    normal, fast = tmp_path / "normal.wav", tmp_path / "fast.wav"
    assert run_reader("speak", str(page), "--out", str(normal)).returncode == 0
    result = run_reader("speak", str(page), "--rate", "2", "--out", str(fast))
    assert result.returncode == 0, result.stderr
    assert "utterances" in result.stderr
    assert seconds(normal) > 10  # about 70 words at 175 a minute
    assert 0.4 < seconds(fast) / seconds(normal) < 0.7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fast.wav", "normal.wav", "page.html"]


def test_seed_from_the_library_by_id(seed_path: Path, tmp_path: Path) -> None:
    imported = run_reader("import", str(seed_path))
    assert imported.returncode == 0, imported.stderr
    article_id = imported.stdout.split("\t")[1]
    out = tmp_path / "seed.wav"
    result = run_reader("speak", article_id, "--voice", "en-us", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert seconds(out) > 120  # ~550 words: over two minutes of speech


def test_aloud_prints_each_utterance_as_it_is_spoken(page: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".asoundrc").write_text("pcm.!default { type null }\n")  # a silent sound card
    result = run_reader("speak", str(page), env={"HOME": str(home)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Lighthouses"
    assert lines[1] == "The keeper climbed the stairs every evening to light the lamp."
    assert lines[-1] == "Code block skipped."
    assert len(lines) == 10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rate", "3"], "choose a speed from 0.5 to 2.0"),
        (["--rate", "fast"], "give a speed such as"),
        (["--voice", "klingon-xx"], "no voice 'klingon-xx'"),
        (["--out", "/nonexistent-folder/x.wav"], "no such folder"),
    ],
)
def test_bad_options_are_one_line_errors(page: Path, args: list[str], message: str) -> None:
    result = run_reader("speak", str(page), *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_missing_article_and_missing_engine(page: Path, tmp_path: Path) -> None:
    result = run_reader("speak", "4242")
    assert result.returncode == 1 and "no article 4242" in result.stderr
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run_reader("speak", str(page), env={"PATH": str(empty)})
    assert result.returncode == 1
    assert "install espeak-ng" in result.stderr


def test_speak_never_imports_qt(page: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    probe = (
        "import sys, reader.cli\n"
        f"code = reader.cli.main(['speak', {str(page)!r}, '--out', {str(tmp_path / 'a.wav')!r}])\n"
        "print(code, sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "0 []", result.stderr
