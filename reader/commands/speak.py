"""`reader speak`: read an article aloud, or into a WAV file, with espeak-ng.

The same script the window speaks (reader.listen.script): title, headings, sentences,
list items and captions in reading order, a short cue for code and tables. Aloud, each
utterance is printed as it is spoken, so the terminal follows along.
"""

import argparse
import sys
from pathlib import Path

from reader.errors import ReaderError, SpeechError
from reader.model import Article

DEFAULT_LANGUAGE = "en"


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "source", metavar="ARTICLE|FILE", help="a library article id, a file path or a URL"
    )
    parser.add_argument(
        "--voice", metavar="V", help="an espeak-ng voice or a language (default: the article's)"
    )
    parser.add_argument(
        "--rate", metavar="R", default="1", help="speed, 0.5 to 2 times normal (default 1)"
    )
    parser.add_argument("--out", metavar="FILE.wav", type=Path, help="write a WAV file instead")


def run(args: argparse.Namespace) -> int:
    from reader.listen import espeak
    from reader.listen.script import article_html, build_script
    from reader.listen.voices import espeak_wpm

    speed = parse_rate(args.rate)
    article = _article(args.source)
    voices = espeak.list_voices()
    voice = pick_voice(voices, args.voice, article.lang)
    script = build_script(article_html(article.title, article.content_html), article.lang)
    texts = [utterance.text.strip() for utterance in script.utterances]
    if not texts:
        raise SpeechError(f"{args.source}: nothing to read aloud")
    wpm = espeak_wpm(speed)
    if args.out is not None:
        espeak.write_wav(texts, args.out, voice, wpm)
        print(f"wrote {args.out} ({len(texts)} utterances)", file=sys.stderr)
        return 0
    for text in texts:
        print(text, flush=True)
        espeak.say(text, voice, wpm)
    return 0


def parse_rate(value: str) -> float:
    """ "1.5", "1.5x", "150%" -> 1.5; a one-line error outside 0.5-2."""
    from reader.listen.voices import MAX_SPEED, MIN_SPEED

    text = value.strip().casefold()
    try:
        speed = float(text[:-1]) / 100 if text.endswith("%") else float(text.rstrip("x×"))
    except ValueError:
        raise ReaderError(f"--rate {value}: give a speed such as 0.75, 1 or 1.5") from None
    if not MIN_SPEED <= speed <= MAX_SPEED:
        raise ReaderError(f"--rate {value}: choose a speed from {MIN_SPEED} to {MAX_SPEED}")
    return speed


def pick_voice(voices: list, wanted: str | None, lang: str | None) -> str:
    """The espeak-ng voice: one named by --voice, else the best for --voice as a language
    or the article's language, else English (saying so on stderr)."""
    from reader.listen.voices import choose_voice

    if wanted:
        for voice in voices:
            if voice.name.casefold() == wanted.casefold() or voice.lang == wanted.casefold():
                return str(voice.name)
        chosen = choose_voice(voices, wanted)
        if chosen is None:
            raise SpeechError(f"no voice {wanted!r}: see `espeak-ng --voices`")
        return chosen.name
    chosen = choose_voice(voices, lang or DEFAULT_LANGUAGE)
    if chosen is None:
        print(f"reader: no voice for language {lang!r}; reading in English", file=sys.stderr)
        chosen = choose_voice(voices, DEFAULT_LANGUAGE)
    if chosen is None:
        raise SpeechError("espeak-ng has no English voice: reinstall espeak-ng-data")
    return chosen.name


def _article(source: str) -> Article:
    """A library article by id, else the article of a file or URL."""
    if source.isdigit() and not Path(source).exists():
        from reader.store import Library

        with Library() as library:
            return library.article(int(source)).article
    from reader.load import load
    from reader.service.site_rules import extract_page as extract

    return extract(load(source))
