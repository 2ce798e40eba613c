"""Which voice reads which language, and how speed maps onto engines."""

import pytest

from reader.listen.voices import (
    Voice,
    choose_voice,
    clamp_speed,
    espeak_wpm,
    parse_tag,
    qt_rate,
)

VOICES = [
    Voice("English (Great Britain)", "en-GB"),
    Voice("English (America)", "en-US"),
    Voice("English (America)+Adam", "en-US"),
    Voice("English (Scotland)", "en-GB-scotland"),
    Voice("French (France)", "fr-FR"),
    Voice("French (Belgium)", "fr-BE"),
    Voice("Portuguese (Portugal)", "pt"),
    Voice("Portuguese (Brazil)", "pt-BR"),
    Voice("Chinese (Mandarin)", "cmn"),
]


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("en", "English (America)"),
        ("en-GB", "English (Great Britain)"),
        ("en_us", "English (America)"),
        ("EN-AU", "English (America)"),
        ("fr-BE", "French (Belgium)"),
        ("fr-CA", "French (France)"),
        ("pt-BR", "Portuguese (Brazil)"),
        ("pt", "Portuguese (Brazil)"),
        ("pt-PT", "Portuguese (Portugal)"),
        ("zh-Hans", "Chinese (Mandarin)"),
        ("de", None),
        ("", None),
        (None, None),
    ],
)
def test_article_language_picks_a_voice(lang: str | None, name: str | None) -> None:
    chosen = choose_voice(VOICES, lang)
    assert (chosen.name if chosen else None) == name


def test_a_preferred_voice_wins_while_it_speaks_the_language() -> None:
    assert choose_voice(VOICES, "en", "English (America)+Adam") == VOICES[2]
    assert choose_voice(VOICES, "fr", "English (America)+Adam") == VOICES[4]


def test_variants_only_when_nothing_plain_fits() -> None:
    only_variants = [Voice("Deutsch+Anna", "de-DE"), Voice("Deutsch+Max", "de-DE")]
    assert choose_voice(only_variants, "de") is not None


def test_parse_tag() -> None:
    assert parse_tag("zh-Hans-CN") == ("zh", "cn")
    assert parse_tag("es-419") == ("es", "419")
    assert parse_tag("nb_NO") == ("no", "no")


@pytest.mark.parametrize(
    ("speed", "clamped", "rate", "wpm"),
    [(1.0, 1.0, 0.0, 175), (2.0, 2.0, 1.0, 350), (0.5, 0.5, -1.0, 88), (5, 2.0, 1.0, 350),
     (0.1, 0.5, -1.0, 88), (1.3, 1.25, 0.3219, 219)],
)  # fmt: skip
def test_speed(speed: float, clamped: float, rate: float, wpm: int) -> None:
    assert clamp_speed(speed) == clamped
    assert qt_rate(speed) == pytest.approx(rate, abs=1e-3)
    assert espeak_wpm(speed) == wpm
