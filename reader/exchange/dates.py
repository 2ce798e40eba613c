"""Dates as exports write them: Unix seconds (or milliseconds), ISO 8601, HTTP dates.

Returned as Unix seconds (saved, opened) or as an ISO 8601 string (published: the form
Reader's articles keep). Anything unreadable is None, never an error: a bad date must not
cost the article.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# A Unix time this large is in milliseconds (year 33658 in seconds); larger, microseconds.
MILLISECONDS_FROM = 1e11
MICROSECONDS_FROM = 1e14
_NUMBER = re.compile(r"\s*-?\d+(\.\d+)?\s*")
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def timestamp(value: object) -> float | None:
    """Unix seconds of ``value``: a number, a numeric string, an ISO 8601 or HTTP date."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _seconds(float(value))
    text = str(value).strip()
    if not text:
        return None
    if _NUMBER.fullmatch(text):
        return _seconds(float(text))
    moment = _parse(text)
    return None if moment is None else moment.timestamp()


def iso_date(value: object) -> str | None:
    """``value`` as ISO 8601: a bare date stays a date, a moment becomes UTC seconds."""
    if value is None:
        return None
    text = str(value).strip()
    if _DATE_ONLY.fullmatch(text):
        return text
    seconds = timestamp(value)
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


def iso_from_seconds(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


def _seconds(number: float) -> float | None:
    if number <= 0:
        return None
    if number >= MICROSECONDS_FROM:
        return number / 1e6
    if number >= MILLISECONDS_FROM:
        return number / 1e3
    return number


def _parse(text: str) -> datetime | None:
    moment: datetime | None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # an export that says no zone meant UTC
    return moment
