"""Finding a host's rules file in the data folder's ``site-rules/`` (the I/O part).

A page from ``www.news.example`` uses the first file of: ``www.news.example.txt``,
``news.example.txt``, then the wildcard files ftr-site-config names with a leading dot
(``.news.example.txt``, ``.example.txt``) for any sub-domain. Parsed files are cached
by modification time, so extracting a thousand pages of one site reads its file once.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from reader.bounded_read import read_at_most
from reader.model import Article, Page
from reader.siterules.parse import SiteRules, parse_rules

log = logging.getLogger(__name__)
FOLDER = "site-rules"
MAX_RULES_BYTES = 1 << 20  # a rules file is a few hundred bytes; a larger one is no rules file

_cache: dict[Path, tuple[float, SiteRules]] = {}


def rules_folder() -> Path:
    from reader.paths import data_dir

    return data_dir() / FOLDER


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().rstrip(".") if host else None


def candidate_names(host: str) -> list[str]:
    bare = host[4:] if host.startswith("www.") else host
    names = [f"{host}.txt", f"{bare}.txt"]
    labels = bare.split(".")
    names += [f".{'.'.join(labels[i:])}.txt" for i in range(len(labels) - 1)]
    return list(dict.fromkeys(names))


def rules_file(host: str, folder: Path | None = None) -> Path | None:
    """The file whose rules apply to ``host``, or None."""
    folder = folder or rules_folder()
    for name in candidate_names(host):
        path = folder / name
        if path.is_file():
            return path
    return None


def rules_for(url: str | None, folder: Path | None = None) -> SiteRules | None:
    """The rules for the page at ``url`` (None: no file, or nothing usable in it)."""
    host = host_of(url)
    if host is None:
        return None
    path = rules_file(host, folder)
    if path is None:
        return None
    try:
        stamp = path.stat().st_mtime
        cached = _cache.get(path)
        if cached is not None and cached[0] == stamp:
            return None if cached[1].empty else cached[1]
        with path.open("rb") as stream:
            data = read_at_most(stream, MAX_RULES_BYTES)
    except OSError as error:
        log.warning("site rules %s not read: %s", path, error)
        return None
    if data is None:
        log.warning("site rules %s skipped: larger than %d bytes", path, MAX_RULES_BYTES)
        return None
    rules = parse_rules(data.decode("utf-8", "replace"))
    for line in rules.report():
        log.info("site rules %s: %s", path.name, line)
    _cache[path] = (stamp, rules)
    return None if rules.empty else rules


def extract_page(page: Page) -> Article:
    """The article of ``page`` with its site's rules from the data folder applied: what
    every extraction of a saved or fetched page uses (reader.extract.extract stays pure)."""
    from reader.extract import extract

    return extract(page, rules_for)
