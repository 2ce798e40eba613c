"""The ``ftr-site-config`` syntax: one ``directive: value`` per line, ``#`` comments.

Which directives Reader uses, and how, is the table DIRECTIVES (rules as data). Lines
Reader understands but does not use (``tidy``, ``test_url``, ``http_header(...)``...) are
kept as ``ignored``; directives it does not know as ``unknown``; malformed lines and
XPath expressions that do not compile as ``problems``. None of them is ever fatal: a
file dropped in from elsewhere always gives the rules Reader can use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["xpath", "text", "flag", "find", "replace"]

# directive -> (SiteRules field, what its value is)
DIRECTIVES: dict[str, tuple[str, Kind]] = {
    "body": ("body", "xpath"),
    "strip": ("strip", "xpath"),
    "strip_id_or_class": ("strip_id_or_class", "text"),
    "strip_image_src": ("strip_image_src", "text"),
    "title": ("title", "xpath"),
    "author": ("author", "xpath"),
    "date": ("date", "xpath"),
    "next_page_link": ("next_page_link", "xpath"),
    "single_page_link": ("single_page_link", "xpath"),
    "prune": ("prune", "flag"),
    "find_string": ("replacements", "find"),
    "replace_string": ("replacements", "replace"),
}
# Understood, deliberately not used: Reader has its own tidying, parser and fetching.
IGNORED = frozenset(
    {
        "tidy",
        "parser",
        "autodetect_on_failure",
        "autodetect_next_page",
        "test_url",
        "test_contains",
        "http_header",
        "login_uri",
        "login_username_field",
        "login_password_field",
        "login_extra_fields",
        "not_logged_in_xpath",
        "native_ad_clue",
        "skip_json_ld",
        "insert_detected_image",
        "src_lazy_load_attr",
        "dissolve",
        "wrap_in",
        "move_into",
        "if_page_contains",
    }
)
YES = frozenset({"yes", "true", "1", "on"})
NO = frozenset({"no", "false", "0", "off"})
LINE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?\s*:\s?(.*)$")


@dataclass(frozen=True)
class Directive:
    """One line of a rules file as written (``argument``: the part in parentheses)."""

    line: int
    name: str
    argument: str | None
    value: str


@dataclass(frozen=True)
class SiteRules:
    """What a rules file asks of extraction; every list in the file's order."""

    body: tuple[str, ...] = ()  # XPaths of the story: the first that matches wins
    strip: tuple[str, ...] = ()  # XPaths of elements to remove
    strip_id_or_class: tuple[str, ...] = ()  # elements whose id or a class contains this
    strip_image_src: tuple[str, ...] = ()  # images whose src contains this
    title: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    next_page_link: tuple[str, ...] = ()
    single_page_link: tuple[str, ...] = ()
    replacements: tuple[tuple[str, str], ...] = ()  # (find, replace) in the raw markup
    prune: bool = True  # False: the body as matched, without Reader's junk rules
    ignored: tuple[Directive, ...] = ()
    unknown: tuple[Directive, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return (
            not any(
                (
                    self.body,
                    self.strip,
                    self.strip_id_or_class,
                    self.strip_image_src,
                    self.title,
                    self.author,
                    self.date,
                    self.next_page_link,
                    self.single_page_link,
                    self.replacements,
                )
            )
            and self.prune
        )

    def report(self) -> list[str]:
        """One line for each thing in the file Reader does not act on, for the person."""
        lines = [f"line {d.line}: unknown directive {d.name!r} kept" for d in self.unknown]
        lines += [f"line {d.line}: {d.name!r} is not used by Reader" for d in self.ignored]
        return lines + list(self.problems)


@dataclass
class _Builder:
    lists: dict[str, list[str]] = field(default_factory=dict)
    replacements: list[tuple[str, str]] = field(default_factory=list)
    finds: list[str] = field(default_factory=list)
    prune: bool = True
    ignored: list[Directive] = field(default_factory=list)
    unknown: list[Directive] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def parse_rules(text: str) -> SiteRules:
    """The rules in ``text`` (a whole ``HOST.txt``); never raises on its content."""
    built = _Builder()
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = LINE.match(raw)
        if match is None:
            built.problems.append(f"line {number}: not a 'directive: value' line")
            continue
        name, argument, value = match.group(1).lower(), match.group(2), match.group(3).strip()
        _take(built, Directive(number, name, argument, value))
    if built.finds:
        built.problems.append(f"find_string without a replace_string: {built.finds[0]!r}")
    fields = {name: tuple(values) for name, values in built.lists.items()}
    return SiteRules(
        **fields,
        replacements=tuple(built.replacements),
        prune=built.prune,
        ignored=tuple(built.ignored),
        unknown=tuple(built.unknown),
        problems=tuple(built.problems),
    )


def _take(built: _Builder, directive: Directive) -> None:
    known = DIRECTIVES.get(directive.name)
    if known is None:
        (built.ignored if directive.name in IGNORED else built.unknown).append(directive)
        return
    target, kind = known
    value, where = directive.value, f"line {directive.line}"
    if kind == "flag":
        word = value.lower()
        if word in YES or word in NO:
            built.prune = word in YES
        else:
            built.problems.append(f"{where}: {directive.name} wants yes or no, not {value!r}")
    elif kind == "find":
        built.finds.append(value)
    elif kind == "replace":
        if directive.argument is not None:  # replace_string(find): replacement
            built.replacements.append((directive.argument, value))
        elif built.finds:
            built.replacements.append((built.finds.pop(0), value))
        else:
            built.problems.append(f"{where}: replace_string without a find_string")
    elif not value:
        built.problems.append(f"{where}: {directive.name} has no value")
    elif kind == "xpath" and (error := xpath_error(value)):
        built.problems.append(f"{where}: {directive.name}: bad XPath ({error})")
    else:
        built.lists.setdefault(target, []).append(value)


def xpath_error(expression: str) -> str | None:
    """Why ``expression`` is no XPath 1.0 lxml can run, or None."""
    from lxml import etree

    try:
        etree.XPath(expression)
    except etree.XPathSyntaxError as error:
        return str(error) or "syntax error"
    return None
