"""The site-rules folder as the rules editor sees it: list, check, save (no Qt).

Each file is listed with its host, how many directives Reader acts on, and the lines it
does not act on (unknown directives, problems), as one line each. Saving checks the text
first: a malformed line or an XPath that does not compile refuses the save with one line
per problem, so a typo never silently stops a site's rules; unknown and ignored
directives are kept as written (ftr-site-config files from elsewhere carry them). A file
is written whole (a temporary file, then a rename: highlights.files.write_whole), so a
crash leaves the old rules or the new ones, never half of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reader.bounded_read import read_at_most
from reader.errors import ReaderError
from reader.service.site_rules import MAX_RULES_BYTES, rules_folder
from reader.siterules.parse import SiteRules, parse_rules

SUFFIX = ".txt"
# One label of a host name: letters, digits and inner hyphens.
HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


class RulesFileError(ReaderError):
    """A rules file that cannot be saved as it is (one line saying why)."""


@dataclass(frozen=True)
class RulesFile:
    """One file of the folder: ``host`` is its name without ``.txt``."""

    path: Path
    host: str
    directives: int  # lines Reader acts on
    notes: tuple[str, ...]  # unknown directives, unused ones and problems, one line each

    @property
    def problems(self) -> int:
        return len(self.notes)


def list_rules(folder: Path | None = None) -> list[RulesFile]:
    """Every rules file in the folder, by host name (none: an empty list)."""
    folder = folder or rules_folder()
    try:
        paths = sorted(path for path in folder.iterdir() if path.suffix == SUFFIX)
    except OSError:
        return []
    found = []
    for path in paths:
        try:
            text = read_rules(path)
        except RulesFileError as error:
            found.append(RulesFile(path, path.stem, 0, (str(error),)))
            continue
        rules = parse_rules(text)
        found.append(RulesFile(path, path.stem, acted_on(rules), tuple(rules.report())))
    return found


def acted_on(rules: SiteRules) -> int:
    """How many of the file's directives Reader uses."""
    lists = (
        rules.body,
        rules.strip,
        rules.strip_id_or_class,
        rules.strip_image_src,
        rules.title,
        rules.author,
        rules.date,
        rules.next_page_link,
        rules.single_page_link,
        rules.replacements,
    )
    return sum(len(values) for values in lists) + (0 if rules.prune else 1)


def read_rules(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            data = read_at_most(stream, MAX_RULES_BYTES)
    except OSError as error:
        raise RulesFileError(f"{path.name} could not be read: {error.strerror}") from None
    if data is None:
        raise RulesFileError(f"{path.name} is larger than {MAX_RULES_BYTES} bytes")
    return data.decode("utf-8", "replace")


def check_host(host: str) -> str:
    """``host`` as a file name (lower-case), or RulesFileError saying what is wrong."""
    name = host.strip().lower().rstrip(".")
    if not name:
        raise RulesFileError("give the site's host name, e.g. news.example.org")
    labels = name.removeprefix(".").split(".")  # ".example.org": an ftr wildcard file
    if len(labels) < 2 or not all(HOST_LABEL.fullmatch(label) for label in labels):
        raise RulesFileError(f"{host.strip()!r} is not a host name (e.g. news.example.org)")
    return name


def save_rules(host: str, text: str, folder: Path | None = None) -> RulesFile:
    """Check ``text`` and write it as the rules of ``host``; RulesFileError (problems,
    one per line) leaves the file as it was."""
    name = check_host(host)
    rules = parse_rules(text)
    if rules.problems:
        raise RulesFileError("\n".join(rules.problems))
    if len(text.encode("utf-8")) > MAX_RULES_BYTES:
        raise RulesFileError(f"the rules are larger than {MAX_RULES_BYTES} bytes")
    from reader.highlights.files import write_whole

    path = (folder or rules_folder()) / f"{name}{SUFFIX}"
    try:
        write_whole(path, text)
    except ReaderError as error:
        raise RulesFileError(str(error)) from None
    return RulesFile(path, name, acted_on(rules), tuple(rules.report()))
