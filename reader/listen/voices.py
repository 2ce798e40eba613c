"""Which voice reads an article, and how fast: rules as data, no engine in sight.

Engines list voices with a language tag ("en-US", "en_GB", "fr-fr", "cmn"); the article
says its ``lang`` ("en", "pt-BR", "zh-Hans"). The best voice speaks the same language and
region, then the language's usual region, then any region of the language; a variant
("English (America)+Adam") only when no plain voice fits. No match: None, and the caller
says which language has no voice.
"""

import math
from dataclasses import dataclass

# The region a language's voice usually has when the article names none (first wins).
USUAL_REGIONS: dict[str, tuple[str, ...]] = {
    "en": ("us", "gb"),
    "pt": ("br", "pt"),
    "es": ("es", "419", "mx"),
    "fr": ("fr", "ca", "be"),
    "de": ("de", "at", "ch"),
    "zh": ("cn", "tw", "hk"),
    "nl": ("nl", "be"),
    "ar": ("eg", "sa"),
}
# Language codes engines and pages spell differently (ISO 639-3 or legacy -> 639-1 family).
LANGUAGE_ALIASES: dict[str, str] = {
    "cmn": "zh",
    "yue": "zh",
    "nb": "no",
    "nn": "no",
    "iw": "he",
    "in": "id",
    "fil": "tl",
}
# How engines mark a variant of a base voice in its name (espeak-ng through speechd).
VARIANT_MARK = "+"
# Speed as the person picks it (a multiple of the voice's normal pace).
MIN_SPEED = 0.5
MAX_SPEED = 2.0
SPEED_STEP = 0.25
# espeak-ng's normal pace in words per minute (its -s default).
ESPEAK_NORMAL_WPM = 175
# speech-dispatcher's rate runs from -100 to 100; its espeak-ng module maps -100, 0 and
# 100 to these words per minute (EspeakMinRate, EspeakNormalRate, EspeakMaxRate in
# modules/espeak-ng.conf), linearly on each side of 0.
SPEECHD_WPM = (80, 170, 449)


@dataclass(frozen=True)
class Voice:
    """A voice an engine offers: its name as the engine knows it, and its language tag."""

    name: str
    lang: str


def parse_tag(tag: str | None) -> tuple[str, str]:
    """(language, region) lower-case: "en-US" -> ("en", "us"); "zh-Hans-CN" -> ("zh", "cn")."""
    parts = [part for part in (tag or "").replace("_", "-").casefold().split("-") if part]
    if not parts:
        return "", ""
    language = LANGUAGE_ALIASES.get(parts[0], parts[0])
    region = next((p for p in parts[1:] if len(p) == 2 or p.isdigit()), "")
    return language, region


def choose_voice(voices: list[Voice], lang: str | None, preferred: str = "") -> Voice | None:
    """The voice for an article in ``lang`` (see module docstring). ``preferred``: the name
    the person picked for this language, used whenever it is still offered."""
    language, region = parse_tag(lang)
    if preferred:
        for voice in voices:
            if voice.name == preferred and parse_tag(voice.lang)[0] == language:
                return voice
    if not language:
        return None
    candidates = [v for v in voices if parse_tag(v.lang)[0] == language]
    if not candidates:
        return None
    usual = USUAL_REGIONS.get(language, ())
    # The article's own region first, then the language's plain voice, then its usual
    # regions; with no region asked for, the usual regions come before the plain voice.
    order = (region, "", *usual) if region else (*usual, "")

    def rank(voice: Voice) -> tuple[bool, int, int, int]:
        tag = voice.lang.replace("_", "-").split("-")
        voice_region = parse_tag(voice.lang)[1]
        place = order.index(voice_region) if voice_region in order else len(order)
        return (VARIANT_MARK in voice.name, place, len(tag), len(voice.name))

    return min(candidates, key=rank)


def clamp_speed(speed: float) -> float:
    """A speed within 0.5x-2x, rounded to the step the keys move by."""
    if math.isnan(speed):
        return 1.0
    stepped = round(speed / SPEED_STEP) * SPEED_STEP
    return min(MAX_SPEED, max(MIN_SPEED, stepped))


def qt_rate(speed: float) -> float:
    """QTextToSpeech's rate (-1..1, 0 normal) for a speed multiple: 2x is +1, 0.5x is -1.

    Engines map their rate range around the normal pace, so a log scale makes each key
    press sound like the same step faster or slower."""
    return max(-1.0, min(1.0, math.log2(clamp_speed(speed))))


def espeak_wpm(speed: float) -> int:
    """espeak-ng's -s words per minute for a speed multiple."""
    return round(ESPEAK_NORMAL_WPM * clamp_speed(speed))


def speechd_rate(speed: float) -> int:
    """speech-dispatcher's rate (-100..100) that gives ``speed`` times the normal pace."""
    low, normal, high = SPEECHD_WPM
    wanted = normal * clamp_speed(speed)
    if wanted >= normal:
        rate = (wanted - normal) / (high - normal) * 100
    else:
        rate = (wanted - normal) / (normal - low) * 100
    return max(-100, min(100, round(rate)))
