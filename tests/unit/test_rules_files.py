"""The site-rules folder as the rules editor uses it: listed with what Reader says about
each file, saved only when every line can be used, never half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.service.rules_files import RulesFileError, check_host, list_rules, save_rules
from reader.service.site_rules import rules_for


def test_files_are_listed_with_the_rules_used_and_the_lines_reported(tmp_path: Path) -> None:
    (tmp_path / "news.example.txt").write_text(
        "body: //article\nstrip: //aside\ntidy: no\nlazy_images: data-src\n"
    )
    (tmp_path / ".blog.example.txt").write_text("prune: no\n")
    (tmp_path / "notes.md").write_text("not a rules file")
    listed = {item.host: item for item in list_rules(tmp_path)}
    assert sorted(listed) == [".blog.example", "news.example"]
    assert listed["news.example"].directives == 2
    assert listed["news.example"].notes == (
        "line 4: unknown directive 'lazy_images' kept",
        "line 3: 'tidy' is not used by Reader",
    )
    assert listed[".blog.example"].directives == 1 and listed[".blog.example"].notes == ()
    assert list_rules(tmp_path / "missing") == []


def test_a_file_with_a_bad_line_is_not_saved_and_says_why_in_one_line_each(
    tmp_path: Path,
) -> None:
    path = tmp_path / "news.example.txt"
    path.write_text("body: //article\n")
    with pytest.raises(RulesFileError) as raised:
        save_rules("news.example", "body: //div[@id='x'\nthis line has no colon\n", tmp_path)
    assert str(raised.value).splitlines() == [
        "line 1: body: bad XPath (Invalid predicate)",
        "line 2: not a 'directive: value' line",
    ]
    assert path.read_text() == "body: //article\n"
    assert [p.name for p in tmp_path.iterdir()] == ["news.example.txt"]  # no temporary left


def test_a_saved_file_is_what_the_next_extraction_uses(data_dir: Path) -> None:
    saved = save_rules("WWW.News.Example", "body: //main\nlazy_images: data-src\n")
    assert saved.path == data_dir / "site-rules" / "www.news.example.txt"
    assert saved.directives == 1 and saved.notes == (
        "line 2: unknown directive 'lazy_images' kept",
    )
    rules = rules_for("https://www.news.example/story")
    assert rules is not None and rules.body == ("//main",)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "give the site's host name, e.g. news.example.org"),
        ("localhost", "'localhost' is not a host name (e.g. news.example.org)"),
        ("../etc/passwd", "'../etc/passwd' is not a host name (e.g. news.example.org)"),
        ("news example.org", "'news example.org' is not a host name (e.g. news.example.org)"),
        ("-bad.example", "'-bad.example' is not a host name (e.g. news.example.org)"),
    ],
)
def test_host_names_that_are_no_file_name_are_refused(typed: str, message: str) -> None:
    with pytest.raises(RulesFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_host(typed)
    assert check_host(" News.Example.ORG. ") == "news.example.org"
    assert check_host(".example.org") == ".example.org"
